// Why this file exists: the tutorial page's own script (index.html), beside widgets.js: keeps
// the reader's place in the URL. (The formulas arrive typeset: tools/typeset.mjs.)
import { keepPlace } from './tutorial/place.js';

keepPlace();
document.documentElement.dataset.tutorial = 'ready';
