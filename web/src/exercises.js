// Why this file exists: the entry of exercises.html. Without a fragment it lists every
// exercise (the build's list, from the core's description of each); with
// `#exercise=NAME[&answer=...&note=...]` it shows that exercise with the answer the link
// carries (a handed-in answer reopens as the student left it). Widgets load on demand through
// widgets.js.
import './widgets.js';
import { CoreClient } from './kit/core-client.js';
import { exerciseTexts } from './exercises/files.js';
import { ExerciseView, storedName } from './exercises/exercise-view.js';
import { pageAddress } from './kit/offline.js';
import { messageOf } from './kit/messages.js';
import { wordsOf } from './kit/catalog.js';

const main = document.getElementById('exercises');
const pageUrl = pageAddress('exercises').href; // this page (in the offline file: its page there)
let view = null;
// The route being shown: a link followed while the list (or another exercise) still loads must
// not be replaced by it when that finishes later (found by the page test that opens the
// reproducers' links one after the other).
let routeId = 0;

function problem(text, id = routeId) {
  if (id !== routeId) return;
  const message = document.createElement('p');
  message.className = 'verdict failed';
  message.setAttribute('role', 'alert');
  message.textContent = text;
  main.replaceChildren(message);
}

// The way to the teacher's page, in the header: never on a locked class link (the teacher's
// page lists the answers).
function teacherLink(shown) {
  const slot = document.querySelector('[data-role="teacher-link"]');
  if (!slot) return;
  slot.replaceChildren();
  if (!shown) return;
  const link = document.createElement('a');
  link.href = pageAddress('teacher').href; // in the offline file: its page there
  link.textContent = 'for teachers';
  slot.append(' · ', link);
}

// The list: HTML the build wrote into the page (each entry from the core's exerciseInfo, as an
// exercise's own page shows it), so the page's largest paint waits for no wasm module.
function showList() {
  const list = document.getElementById('exercise-list')?.content.querySelector('ol.exercise-list');
  if (!list) throw new Error('exercises.html: the build wrote no list of exercises into the page');
  teacherLink(true);
  main.replaceChildren(list.cloneNode(true));
  document.body.dataset.state = 'ready';
}

async function route() {
  const id = ++routeId;
  view?.close();
  view = null;
  document.body.dataset.state = 'loading';
  const fragment = location.hash.slice(1);
  if (!new URLSearchParams(fragment).get('exercise')) return showList();
  const client = new CoreClient('exercise-info');
  try {
    // The link as the browser has it, read by the core: the teacher's page reads a handed-in
    // link with the same function (core/apps/answer_link.hpp).
    const link = location.href;
    const read = await client.call('readAnswerLink', { link });
    const linkRefusal = read.refusal ? { ...read.refusal, message: read.error } : read.error;
    if (!read.exercise) return problem(await wordsOf(linkRefusal), id);
    const texts = await exerciseTexts(read.exercise);
    // A class link's student: their instance, from the class code and their name (the link's
    // when it is a handed-in answer, else the one this browser keeps).
    const classCode = read.answer?.class ?? '';
    const name = read.answer?.name ?? storedName();
    const info = await client.call('exerciseInstanceInfo', { ...texts, classCode, name });
    const baseText = classCode && info.varies.length
      ? await client.call('exerciseScenario', { ...texts, answer: JSON.stringify({ exercise: info.name, patch: {}, class: classCode, name }) })
      : null;
    // The playground starts on the network the check trains (the core's link state for it).
    const playgroundState = info.widget === 'playground' ? await client.call('exercisePlaygroundState', { ...texts, classCode, name }) : '';
    const linkErrors = read.error ? [await wordsOf(linkRefusal)] : [];
    // The answer's own rules (the fields it may change, values only, limits): the core's.
    if (read.answer) {
      await client.call('exerciseScenario', { ...texts, answer: JSON.stringify(read.answer) })
        .catch((error) => linkErrors.push(messageOf(error)));
    }
    if (id !== routeId) return;
    document.body.dataset.theme = read.options.theme === 'dark' ? 'dark' : 'light';
    teacherLink(!read.options.lock);
    view = new ExerciseView(main, { info, texts, answer: read.answer ?? { patch: {}, note: '' }, pageUrl, options: read.options, linkErrors, link, classCode, name, baseText, playgroundState });
    document.title = `${info.title}: Loss Landscape Lab exercise`;
    document.body.dataset.state = 'ready';
  } finally {
    client.close();
  }
}

// Only a link to another exercise (or back to the list) reroutes; the page's own answer
// updates of the fragment (replaceState) fire no hashchange.
// (A failed route's message is shown only while it is the route being shown.)
const show = () => {
  const id = routeId + 1;
  route().catch(async (error) => problem(await wordsOf(error), id));
};
window.addEventListener('hashchange', show);
show();
