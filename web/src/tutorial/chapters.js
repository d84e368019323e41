// Why this file exists: the tutorial's chapters after the first arrive undrawn (web/tutorial.css:
// `content-visibility: auto` until a chapter is `.drawn`), so that the page's first layout is the
// header's and chapter 1's: on a slow phone, laying out all ten chapters and their formulas held
// the first figure back by most of a second. Once the page has loaded and the figures in the
// window have computed, they are drawn here, one chapter per idle moment, from the top down. An
// undrawn chapter takes an estimated height; drawn below the window, its real height moves
// nothing the reader sees. Drawn above the window (the reader came in further down, by a link
// into the page), it would move the page, and Firefox does not anchor the scroll then: a link's
// target is pinned in place meanwhile (place.js). So no chapter is left at an estimated height
// for the reader to scroll up into later.

import { whenIdle, widgetsStarted } from '../kit/on-screen.js';

// Resolves when no widget in the window is still loading (or after `limitMs`): the chapters are
// drawn after the figures the reader sees, not while they compute (on a slow phone the drawing
// took a quarter of a second of the main thread while the first figure was loading). Which
// widgets are in the window is read once (a widget in a chapter not drawn yet is not, and is not
// laid out to find that out).
function figuresInWindowSettled(limitMs) {
  // The tutorial's figures each hold one widget: the selector leaves the walk of the page's
  // fifteen thousand elements to the browser (done in script, at 4x CPU, it cost 15-30 ms of the
  // load event, before the first figure was ready).
  const inWindow = [...document.querySelectorAll('main figure > *')].filter((element) => {
    if (!element.localName.startsWith('lll-') || !element.checkVisibility({ contentVisibilityAuto: true })) return false;
    const box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  });
  return widgetsStarted(inWindow, limitMs);
}

// Resolves once every chapter is drawn.
export function drawChapters(sections) {
  const waiting = sections.filter((section) => getComputedStyle(section).contentVisibility === 'auto');
  return new Promise((resolve) => {
    const next = () => {
      const section = waiting.shift();
      if (!section) return resolve();
      section.classList.add('drawn');
      section.getBoundingClientRect(); // laid out now, in this idle task, not in the next frame's
      whenIdle(next, 500);
    };
    const start = () => figuresInWindowSettled(3000).then(() => whenIdle(next, 500));
    if (document.readyState === 'complete') start();
    else addEventListener('load', start, { once: true });
  });
}
