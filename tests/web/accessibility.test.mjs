// Accessibility of every page in headless Chromium and Firefox. For each page of PAGES: its widgets are
// scrolled into view and trained (Play pressed, the saddle explorer started), then axe-core
// (WCAG 2.0/2.1 A and AA plus best practice, inside the widgets' open shadow roots and the
// embedded iframes) must report no serious or critical violation; every violation of any impact
// is printed per page for the closing note. At 320 px no page scrolls sideways.
// A page that is not in build/web (exercises, teacher page: written elsewhere) is skipped with a
// note, so adding a page is one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, useBrowser } from './browser.mjs';

const browser = useBrowser();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// [page name, path under build/web, what the page's own script marks when its content is in
// (a CSS selector; null: a page of widgets only)]
const PAGES = [
  ['tutorial', 'index.html', 'html[data-tutorial="ready"]'],
  ['playground', 'playground.html', null],
  ['embed: saddle explorer', 'embed.html?widget=saddle-explorer', null],
  ['embed: curvature primer', 'embed.html?widget=curvature-primer', null],
  ['embed: added neuron (dark)', 'embed.html?widget=added-neuron&theme=dark', null],
  ['embed: landscape slice', 'embed.html?widget=landscape-slice', null],
  ['embed: sharp and flat', 'embed.html?widget=sharp-flat', null],
  ['embed: between minima', 'embed.html?widget=between-minima', null],
  ['embed: skip connections and width', 'embed.html?widget=skip-width', null],
  ['embed: interpolation', 'embed.html?widget=interpolation', null],
  ['blog post (examples)', 'examples/blog-post.html', null],
  ['exercises', 'exercises.html', 'body[data-state="ready"]'],
  ['teacher page', 'teacher.html', '#teacher[data-ready="true"]'],
  ['offline file', '../offline/loss-landscape-lab.html', 'html[data-offline="ready"][data-tutorial="ready"]'], // opened from disk (file://)
];
const OFFLINE = '../offline/';
const present = (url) => existsSync(path.join(root, 'build/web', url.split('?')[0]));
const address = (url) => (url.startsWith(OFFLINE) ? pathToFileURL(path.join(root, 'build/web', url)).href : `${browser.base}${url}`);

// The page loaded: its own script's mark (`ready`), its iframes' pages (scrolled to, so that
// a lazy one loads) and every widget element defined (each widget's code is fetched when the
// element comes near the viewport: each is scrolled to in turn; an element is a widget once its
// shadow root is there). Then the frames to look in.
async function loaded(page, ready) {
  await page.waitForLoadState('load');
  if (ready) await page.waitForSelector(ready, { state: 'attached' });
  await page.evaluate(() => { for (const iframe of document.querySelectorAll('iframe')) iframe.scrollIntoView({ block: 'center' }); });
  await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => f.contentDocument?.readyState === 'complete' && f.contentDocument.URL !== 'about:blank'));
  const frames = page.frames();
  for (const frame of frames) {
    const count = await frame.evaluate(() => [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('lll-')).length);
    for (let i = 0; i < count; i++) {
      await frame.evaluate((n) => [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('lll-'))[n].scrollIntoView({ block: 'center' }), i);
      await frame.waitForFunction((n) => [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('lll-'))[n].shadowRoot, i);
    }
    await frame.evaluate(() => scrollTo(0, 0));
  }
  return frames;
}

// Each widget of `frame`, in order, is scrolled into view (a widget computes only while on
// screen) and waited for until its published state says it has loaded; then `then(i)`.
async function eachWidget(frame, then = async () => {}) {
  const count = await frame.evaluate(() => {
    // The widgets, and every state each publishes (once its view is drawn), in order; a widget
    // inside another's shadow root (the playground's landscape slice) is its own.
    window.lllWidgets = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('lll-') && e.shadowRoot);
    for (const widget of window.lllWidgets) {
      widget.lllPublished = [];
      widget.addEventListener('state', (event) => { if (event.composedPath()[0] === widget) widget.lllPublished.push(event.detail.state); });
    }
    return window.lllWidgets.length;
  });
  for (let i = 0; i < count; i++) {
    await frame.evaluate((n) => window.lllWidgets[n].scrollIntoView({ block: 'center' }), i);
    await frame.waitForFunction((n) => !['loading', undefined].includes(window.lllWidgets[n].dataset.state), i, { timeout: 120000 });
    await then(i);
  }
}

// Trains a loaded widget a little: Play pressed (paused again once the trained view is drawn),
// the saddle explorer started at its cross by the keyboard's Enter (until its optimizers end).
async function train(frame, i) {
  const started = await frame.evaluate((n) => {
    const widget = window.lllWidgets[n];
    widget.lllMark = widget.lllPublished.length;
    const play = widget.shadowRoot.querySelector('[data-role="play"]');
    if (play && !play.disabled) {
      play.click();
      return 'play';
    }
    const overlay = widget.localName === 'lll-saddle-explorer' && widget.shadowRoot.querySelector('svg[data-role="overlay"]');
    if (overlay) {
      overlay.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      return 'paths';
    }
    return null;
  }, i);
  if (!started) return;
  // Published after the click: a training state (drawn after its first request's view; the
  // playground's as Play is pressed, so its epoch counter must have moved too), or the end.
  await frame.waitForFunction(([n, how]) => {
    const widget = window.lllWidgets[n];
    const since = widget.lllPublished.slice(widget.lllMark);
    if (since.some((s) => ['finished', 'done', 'diverged', 'error'].includes(s))) return true;
    if (how === 'paths') return false;
    const epoch = widget.shadowRoot.querySelector('[data-role="epoch"]');
    return since.some((s) => ['playing', 'running'].includes(s)) && (!epoch || Number(epoch.textContent) > 0);
  }, [i, started], { timeout: 60000 });
  const paused = await frame.evaluate((n) => {
    const pause = window.lllWidgets[n].shadowRoot.querySelector('[data-role="pause"]');
    if (!pause || pause.disabled) return false;
    pause.click();
    return true;
  }, i);
  // Paused: the state published and the training loop over (a request in flight when paused
  // still draws its reply).
  if (paused) await frame.waitForFunction((n) => ['paused', 'finished', 'diverged', 'error'].includes(window.lllWidgets[n].dataset.state) && !window.lllWidgets[n].loop?.looping, i);
}

for (const [name, url, ready] of PAGES) {
  test(`axe-core on ${name}: no serious or critical violation, after training`, { skip: !present(url) && `${url} is not built` }, async () => {
    const { page, problems } = await browser.openPage(address(url), { width: 1280, height: 900 });
    try {
      for (const frame of await loaded(page, ready)) {
        await eachWidget(frame, (i) => train(frame, i)).catch((error) => { throw new Error(`${frame.url()}: ${error.message}`); });
      }
      // Before axe (its colour checks set inline styles, which the CSP refuses); the offline
      // file's own file:// address and the blob: URLs it makes of its parts (the worker, the
      // wasm) are not requests to another origin.
      const own = [`request to ${pathToFileURL(path.join(root, 'build/offline')).href}`, 'request to blob:null/', 'request to data:'];
      const pageProblems = problems.filter((p) => !(url.startsWith(OFFLINE) && own.some((prefix) => p.startsWith(prefix))));
      for (const frame of page.frames()) await frame.evaluate(axeSource);
      // resultTypes: every violation is still reported with all its elements; the rules that
      // pass keep one element each instead of all (a tutorial of 16,000 elements: axe took 10.6 s
      // there, 5.5 s so).
      const { violations } = await page.evaluate(() => axe.run(document, {
        iframes: true, resultTypes: ['violations'],
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      }));
      const describe = (v) => `${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' >> ')).join(', ')}`;
      console.log(`axe-core, ${name}: ${violations.length ? violations.map(describe).join('\n  ') : 'no violation'}`);
      assert.deepEqual(violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map(describe), []);
      assert.deepEqual(pageProblems, []);
    } finally {
      await page.close();
    }
  });
}

for (const [name, url, ready] of PAGES) {
  test(`${name} at 320 px does not scroll sideways`, { skip: !present(url) && `${url} is not built` }, async () => {
    const { page } = await browser.openPage(address(url), { width: 320, height: 800 });
    try {
      // Every widget of the page scrolled to, so that it starts (it computes only on screen),
      // and waited for until it has loaded and laid out its content.
      await loaded(page, ready);
      await eachWidget(page);
      // Laid out by the second animation frame: the first lays the page out and runs the
      // ResizeObserver callbacks, in which the charts redraw to their width.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const { width, culprits } = await page.evaluate(() => ({
        width: document.scrollingElement.scrollWidth,
        culprits: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 321)
          .slice(0, 5).map((e) => `${e.localName}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''} right ${Math.round(e.getBoundingClientRect().right)}`),
      }));
      assert.ok(width <= 320, `${url}: ${width} px wide at 320 (${culprits.join(', ')})`);
    } finally {
      await page.close();
    }
  });
}
