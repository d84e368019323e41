// Why this file exists: where a widget's scenario comes from. A widget names a scenario
// file (scenario="rescue": scenarios/rescue.json beside the kit, or under the `base`
// attribute) or points at one (src="..."); the text goes to the core unchanged, and the
// core validates it and names the field of any error. The offline file (kit/offline.js)
// holds the scenarios beside the kit in the page itself.
import { offline } from './offline.js';
import { shown } from './format.js';
import { pageRefusal } from './messages.js';

export const kitBase = new URL('.', import.meta.url);
const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

// The URL of scenario `name` for `element` (its base attribute, else the kit's folder).
export function scenarioUrl(element, name) {
  if (!NAME.test(name)) throw pageRefusal('scenario', 'not_scenario_name', [shown(name)]);
  return new URL(`scenarios/${name}.json`, element.getAttribute('base') ? new URL(element.getAttribute('base'), document.baseURI) : kitBase);
}

// The scenario text a widget runs: its `scenarioSource` property (text a page computed, e.g.
// an exercise's answer applied by the core), else its src attribute, else its scenario
// attribute, else `fallback`.
// The element's `loadedScenario` names what it loaded, for the source line of its exported
// pictures.
export async function loadScenarioText(element, fallback) {
  if (typeof element.scenarioSource === 'string') {
    element.loadedScenario = 'given by the page';
    return element.scenarioSource;
  }
  const src = element.getAttribute('src');
  const name = element.getAttribute('scenario') || fallback;
  const url = src ? new URL(src, document.baseURI) : scenarioUrl(element, name);
  element.loadedScenario = src ? url.pathname.split('/').pop() : name;
  return fetchText(url);
}

export async function loadScenarioByName(element, name) {
  const loaded = new Set(element.loadedScenario?.split(' and ') ?? []);
  element.loadedScenario = [...loaded.add(name)].join(' and ');
  return fetchText(scenarioUrl(element, name));
}

// The text of a file beside the kit (a URL), for every page script that reads one: served it
// is fetched; in the offline file it is the copy the file holds.
export async function fetchText(url) {
  if (offline) {
    const text = url.href.startsWith(kitBase.href) ? offline.text(url.href.slice(kitBase.href.length)) : null;
    if (text === null) throw pageRefusal('scenario', 'file_not_in_offline_file', [url]);
    return text;
  }
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw pageRefusal('scenario', 'file_unreachable', [url]);
  }
  if (!response.ok) throw response.status === 404 ? pageRefusal('scenario', 'file_not_found', [url]) : pageRefusal('scenario', 'file_http_error', [url, response.status]);
  return response.text();
}

// The scenario names listed in scenarios/index.json (built by tools/build-web.mjs), with
// whatever the index says of each; [] when there is no index.
export async function scenarioIndex(element) {
  try {
    const base = element.getAttribute('base') ? new URL(element.getAttribute('base'), document.baseURI) : kitBase;
    return JSON.parse(await fetchText(new URL('scenarios/index.json', base)));
  } catch {
    return [];
  }
}
