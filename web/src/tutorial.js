// Why this file exists: the tutorial page's own script (index.html), beside widgets.js:
// typesets the formulas and keeps the reader's place in the URL.
import { renderMath } from './tutorial/math.js';
import { keepPlace } from './tutorial/place.js';

const failures = renderMath(document);
if (failures) console.error(`tutorial: ${failures} formula(s) could not be typeset`);
keepPlace();
document.documentElement.dataset.tutorial = 'ready';
