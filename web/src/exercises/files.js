// Why this file exists: where the exercises come from. tools/build-web.mjs copies
// scenarios/exercises/*.json beside the widgets' scenarios with an index of their names; an
// exercise names its base scenario (scenarios/NAME.json). The texts go to the core unchanged:
// it parses, validates and describes them (the worker's exerciseInfo).
// (Read through the kit's fetchText: the offline file holds them itself.)
import { fetchText, kitBase } from '../kit/scenarios.js';
import { shown } from '../kit/format.js';
import { pageRefusal } from '../kit/messages.js';

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

// The exercises' names, in the order of the tutorial's chapters (scenarios/exercises/index.json).
export async function exerciseNames() {
  return JSON.parse(await fetchText(new URL('scenarios/exercises/index.json', kitBase)));
}

// {exercise, base}: the exercise's text and its base scenario's text.
export async function exerciseTexts(name) {
  if (!NAME.test(name)) throw pageRefusal('exercise', 'not_exercise_name', [shown(name)]);
  // The index lists every exercise: a name not in it is refused before anything is fetched.
  if (!(await exerciseNames()).includes(name)) throw pageRefusal('exercise', 'unknown_exercise', [shown(name)]);
  const exercise = await fetchText(new URL(`scenarios/exercises/${name}.json`, kitBase));
  const scenario = JSON.parse(exercise).scenario;
  if (!NAME.test(String(scenario))) throw pageRefusal(`scenarios/exercises/${name}.json: scenario`, 'not_scenario_name', [shown(scenario)]);
  return { exercise, base: await fetchText(new URL(`scenarios/${scenario}.json`, kitBase)) };
}

// The tutorial's chapters by anchor: where an exercise belongs (web/index.html).
export const CHAPTERS = {
  landscape: '1. A landscape you can hold',
  stalls: '2. Where training stalls',
  saddles: '3. High-loss critical points are saddles',
  linear: '4. Deep linear networks have no bad minima',
  nonlinear: '5. Nonlinear networks do',
  'one-neuron': '6. One neuron to eliminate them',
  'real-network': '7. The landscape of a real network',
  'many-minima': '8. Many minima, connected; sharp and flat',
  appendix: 'Appendix: the playground',
};
