// Why this file exists: the entry of exercises.html. Without a fragment it lists every
// exercise (from the core's description of each); with `#exercise=NAME[&answer=...&note=...]`
// it shows that exercise with the answer the link carries (a handed-in answer reopens as the
// student left it). Widgets load on demand through widgets.js.
import './widgets.js';
import { CoreClient } from './kit/core-client.js';
import { readAnswerLink } from './exercises/answer-link.js';
import { CHAPTERS, exerciseNames, exerciseTexts } from './exercises/files.js';
import { ExerciseView } from './exercises/exercise-view.js';
import { pageAddress } from './kit/offline.js';

const main = document.getElementById('exercises');
const pageUrl = pageAddress('exercises').href; // this page (in the offline file: its page there)
let view = null;

function problem(text) {
  const message = document.createElement('p');
  message.className = 'verdict failed';
  message.setAttribute('role', 'alert');
  message.textContent = text;
  main.replaceChildren(message);
}

async function showList() {
  const client = new CoreClient('exercise-list');
  try {
    const list = document.createElement('ol');
    list.className = 'exercise-list';
    for (const name of await exerciseNames()) {
      const info = await client.call('exerciseInfo', await exerciseTexts(name));
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#exercise=${name}`;
      link.textContent = info.title;
      const meta = document.createElement('span');
      meta.className = 'exercise-meta';
      meta.textContent = ` · ${CHAPTERS[info.chapter] ?? info.chapter} · about ${info.minutes} min`;
      const goal = document.createElement('p');
      goal.textContent = info.task;
      item.append(link, meta, goal);
      list.append(item);
    }
    main.replaceChildren(list);
    document.body.dataset.state = 'ready';
  } finally {
    client.close();
  }
}

async function route() {
  view?.close();
  view = null;
  document.body.dataset.state = 'loading';
  const fragment = location.hash.slice(1);
  if (!new URLSearchParams(fragment).get('exercise')) return showList();
  const read = readAnswerLink(location.href);
  if (!read.answer) return problem(read.error);
  const texts = await exerciseTexts(read.answer.exercise);
  const client = new CoreClient('exercise-info');
  try {
    const info = await client.call('exerciseInfo', texts);
    document.body.dataset.theme = read.options.theme === 'dark' ? 'dark' : 'light';
    view = new ExerciseView(main, { info, texts, answer: read.answer, pageUrl, options: read.options, linkErrors: read.error ? [read.error] : [] });
    document.title = `${info.title}: Loss Landscape Lab exercise`;
    document.body.dataset.state = 'ready';
  } finally {
    client.close();
  }
}

// Only a link to another exercise (or back to the list) reroutes; the page's own answer
// updates of the fragment (replaceState) fire no hashchange.
window.addEventListener('hashchange', () => route().catch((error) => problem(String(error.message ?? error))));
route().catch((error) => problem(String(error.message ?? error)));
