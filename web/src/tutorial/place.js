// Why this file exists: the reader's place in the tutorial, kept in the URL. The fragment is
// shared: the widgets keep their state there as `<widget id>=<params>` entries (see
// kit/widget.js saveState), so the place is one more entry, `at=<chapter or figure id>`,
// and every write reads the fragment afresh and changes only `at`.
// - Loading `#...&at=chapter` scrolls there; an old-style `#chapter` becomes `#at=chapter`.
// - In-page links (the contents, previous / next, "see figure") set `at` and scroll,
//   adding one history entry, so Back returns to where the reader was.
// - Scrolling updates `at` to the chapter being read (without a history entry) and marks
//   it in the table of contents.
import { shown } from '../kit/format.js';

export const PLACE_KEY = 'at';

// The fragment's entries, and the place among them.
export function readPlace(hash = location.hash) {
  const text = hash.replace(/^#/, '');
  if (text && !text.includes('=')) {
    // A bare fragment that is not valid percent-encoding (`#%`, `#100%`) names no chapter:
    // decodeURIComponent would throw on it and leave the tutorial half set up.
    let id = null;
    try {
      id = decodeURIComponent(text);
    } catch {
      return null;
    }
    if (document.getElementById(id)) return id;
  }
  return new URLSearchParams(text).get(PLACE_KEY);
}

// The fragment with `at` set to `id` and every other entry kept (a bare `#id` is dropped).
export function hashWithPlace(id, hash = location.hash) {
  const text = hash.replace(/^#/, '');
  const params = new URLSearchParams(text.includes('=') ? text : '');
  if (id) params.set(PLACE_KEY, id);
  else params.delete(PLACE_KEY);
  const next = params.toString();
  return next ? `#${next}` : '';
}

function writePlace(id, { push = false } = {}) {
  const hash = hashWithPlace(id);
  if (hash === location.hash) return;
  const url = `${location.pathname}${location.search}${hash}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

export function keepPlace({ chapters = 'main section.chapter', toc = 'nav.toc' } = {}) {
  const sections = [...document.querySelectorAll(chapters)];
  const tocLinks = new Map([...document.querySelectorAll(`${toc} a[href^="#"]`)].map((a) => [a.getAttribute('href').slice(1), a]));

  // Figures above the target grow as their widgets build (and formulas as fonts load), which
  // would push the target down the page: until the reader scrolls or presses a key, or for
  // a few seconds after the last such push, the target stays pinned to the top of the window.
  // Checked every frame (a figure above can grow in the same frame as one below shrinks, and
  // the body's size does not change); a push extends the pin, since on a busy machine the
  // widgets above may build several seconds after the page has loaded. A scroll that is not
  // ours (a script's, a scrollbar dragged) ends the pin.
  const PIN_MS = 5000;
  let pinned = null;
  const unpin = () => { pinned = null; };
  for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown']) window.addEventListener(type, unpin, { passive: true });
  // Puts the pinned target back at the top if it moved; false once the pin has ended.
  const correctPin = () => {
    if (!pinned || performance.now() > pinned.until) {
      pinned = null;
      return false;
    }
    const target = document.getElementById(pinned.id);
    const top = target?.getBoundingClientRect().top ?? 0;
    // A target near the page's end cannot reach the top of the window: that is where it stays.
    const atEnd = document.documentElement.scrollHeight - window.innerHeight - window.scrollY <= 1;
    // Scrolled by someone else: the window moved and the target with it, by the same amount
    // (the browser's scroll anchoring moves the window too, but keeps the target in place).
    // A move within the tolerance tells nothing: Firefox's anchoring shifts by a pixel or
    // less (fractional positions), which read as the target moving with the window.
    const moved = window.scrollY - pinned.y;
    if (Math.abs(moved) > 2 && Math.abs(top - (pinned.top - moved)) <= 2) {
      pinned = null;
      return false;
    }
    // At the top is where scrollIntoView puts it: below its scroll-margin-top. (Measured from
    // 0, every frame looked like a push, and the pin never ended.)
    const margin = target ? parseFloat(getComputedStyle(target).scrollMarginTop) || 0 : 0;
    if (Math.abs(top - margin) > 2 && !(top > margin && atEnd)) {
      target.scrollIntoView({ block: 'start' });
      pinned.until = performance.now() + PIN_MS;
    }
    Object.assign(pinned, { y: window.scrollY, top: target?.getBoundingClientRect().top ?? 0 });
    return true;
  };
  const holdPin = () => {
    if (correctPin()) requestAnimationFrame(holdPin);
  };
  // A figure that grows changes the height of the page's main column: corrected in the same
  // frame, after its layout and before it is painted (ResizeObserver's place in a frame), so the
  // reader never sees the target pushed down; checked in the next frame only, it was painted
  // pushed down for a frame, and a test reading the place in between found it 20 px off.
  const column = document.querySelector(chapters)?.parentElement;
  if (column) new ResizeObserver(() => { if (pinned) correctPin(); }).observe(column);
  const pin = (id) => {
    const running = pinned !== null;
    const target = document.getElementById(id);
    target?.scrollIntoView({ block: 'start' });
    pinned = { id, y: window.scrollY, top: target?.getBoundingClientRect().top ?? 0, until: performance.now() + PIN_MS };
    if (!running) requestAnimationFrame(holdPin);
  };

  const go = (id, { push = false, focus = false } = {}) => {
    const target = document.getElementById(id);
    if (!target) return false;
    writePlace(id, { push });
    if (focus) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    }
    pin(id);
    markCurrent();
    return true;
  };

  // The chapter whose top is above the upper third of the window (the first one if none).
  const currentChapter = () => {
    const line = window.innerHeight / 3;
    let current = null;
    for (const section of sections) if (section.getBoundingClientRect().top <= line) current = section;
    return current;
  };
  const markCurrent = () => {
    const chapter = currentChapter();
    for (const [id, link] of tocLinks) {
      if (chapter && id === chapter.id) link.setAttribute('aria-current', 'location');
      else link.removeAttribute('aria-current');
    }
    return chapter;
  };

  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest?.('a[href^="#"]');
    if (!link) return;
    const id = decodeURIComponent(link.getAttribute('href').slice(1));
    if (id && go(id, { push: true, focus: true })) event.preventDefault();
  });

  // Back / forward between places: scroll to the place the entry holds.
  window.addEventListener('popstate', () => {
    const id = readPlace();
    if (id && document.getElementById(id)) pin(id);
  });

  // While reading: the place follows the chapter on screen, unless the place is already
  // inside it (a figure of that chapter stays the place).
  let pending = false;
  window.addEventListener('scroll', () => {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      const chapter = markCurrent();
      if (!chapter) return;
      const place = document.getElementById(readPlace() ?? '');
      if (place && chapter.contains(place)) return;
      // Above the first chapter (the title, the contents), the place is no chapter at all.
      if (chapter === sections[0] && sections[0].getBoundingClientRect().top > window.innerHeight / 3) return;
      writePlace(chapter.id);
    }, 150);
  }, { passive: true });

  const initial = readPlace();
  if (initial && document.getElementById(initial)) {
    writePlace(initial);
    pin(initial);
  } else if (initial !== null) {
    // A place the tutorial does not have (a mistyped or old link): said, under the title, and
    // dropped from the URL; the reader starts at the beginning.
    const note = document.createElement('p');
    note.className = 'place-note';
    note.setAttribute('role', 'status');
    note.dataset.role = 'place-note';
    note.textContent = `The link's place (at=${shown(initial)}) is not a chapter or figure of this tutorial, so the page opens at its start.`;
    document.querySelector('.tutorial-header')?.append(note);
    writePlace(null);
  }
  markCurrent();
}
