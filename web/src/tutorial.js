// Why this file exists: the tutorial page's own script (index.html), beside widgets.js: keeps
// the reader's place in the URL, and draws the chapters that arrive undrawn once the page has
// loaded. (The formulas arrive typeset: tools/typeset.mjs.) The page is ready when every chapter
// is drawn: from then on nothing in it has an estimated height.
import { drawChapters } from './tutorial/chapters.js';
import { keepPlace } from './tutorial/place.js';

keepPlace();
drawChapters([...document.querySelectorAll('main section.chapter')]).then(() => {
  document.documentElement.dataset.tutorial = 'ready';
});
