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

// [page name, path under build/web]
const PAGES = [
  ['tutorial', 'index.html'],
  ['playground', 'playground.html'],
  ['embed: saddle explorer', 'embed.html?widget=saddle-explorer'],
  ['embed: added neuron (dark)', 'embed.html?widget=added-neuron&theme=dark'],
  ['embed: landscape slice', 'embed.html?widget=landscape-slice'],
  ['embed: sharp and flat', 'embed.html?widget=sharp-flat'],
  ['embed: between minima', 'embed.html?widget=between-minima'],
  ['embed: skip connections and width', 'embed.html?widget=skip-width'],
  ['embed: interpolation', 'embed.html?widget=interpolation'],
  ['blog post (examples)', 'examples/blog-post.html'],
  ['exercises', 'exercises.html'],
  ['teacher page', 'teacher.html'],
  ['offline file', '../offline/loss-landscape-lab.html'], // opened from disk (file://)
];
const OFFLINE = '../offline/';
const present = (url) => existsSync(path.join(root, 'build/web', url.split('?')[0]));
const address = (url) => (url.startsWith(OFFLINE) ? pathToFileURL(path.join(root, 'build/web', url)).href : `${browser.base}${url}`);

// Scrolls each widget of the page (and of its iframes) into view, waits until it has loaded,
// then trains it a little: Play (paused again after a while), the saddle explorer started at
// its cross by the keyboard's Enter.
async function exerciseWidgets(page) {
  for (const frame of page.frames()) {
    await frame.evaluate(async () => {
      const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      const widgets = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('lll-') && e.shadowRoot);
      for (const widget of widgets) {
        widget.scrollIntoView({ block: 'center' });
        for (let i = 0; i < 150 && ['loading', undefined].includes(widget.dataset.state); i++) await wait(100);
        const play = widget.shadowRoot.querySelector('[data-role="play"]');
        if (play && !play.disabled) play.click();
        const overlay = widget.localName === 'lll-saddle-explorer' && widget.shadowRoot.querySelector('svg[data-role="overlay"]');
        if (overlay) overlay.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        await wait(1500);
        const pause = widget.shadowRoot.querySelector('[data-role="pause"]');
        if (pause && !pause.disabled) pause.click();
      }
    }).catch((error) => { throw new Error(`${frame.url()}: ${error.message}`); });
  }
}

for (const [name, url] of PAGES) {
  test(`axe-core on ${name}: no serious or critical violation, after training`, { skip: !present(url) && `${url} is not built` }, async () => {
    const { page, problems } = await browser.openPage(address(url), { width: 1280, height: 900 });
    try {
      await page.waitForLoadState('load');
      await page.waitForTimeout(500);
      await exerciseWidgets(page);
      // Before axe (its colour checks set inline styles, which the CSP refuses); the offline
      // file's own file:// address and the blob: URLs it makes of its parts (the worker, the
      // wasm) are not requests to another origin.
      const own = [`request to ${pathToFileURL(path.join(root, 'build/offline')).href}`, 'request to blob:null/', 'request to data:'];
      const pageProblems = problems.filter((p) => !(url.startsWith(OFFLINE) && own.some((prefix) => p.startsWith(prefix))));
      for (const frame of page.frames()) await frame.evaluate(axeSource);
      const { violations } = await page.evaluate(() => axe.run(document, {
        iframes: true,
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

for (const [name, url] of PAGES) {
  test(`${name} at 320 px does not scroll sideways`, { skip: !present(url) && `${url} is not built` }, async () => {
    const { page } = await browser.openPage(address(url), { width: 320, height: 800 });
    try {
      await page.waitForLoadState('load');
      await page.waitForFunction(() => [...document.querySelectorAll('*')]
        .filter((e) => e.localName.startsWith('lll-')).every((w) => w.dataset.state && w.dataset.state !== 'loading'), null, { timeout: 20000 })
        .catch(() => {}); // widgets out of view stay unstarted; their shell has its size anyway
      // Scroll through the page so every widget below starts and lays out its content.
      await page.evaluate(async () => {
        for (let y = 0; y < document.scrollingElement.scrollHeight; y += 600) {
          window.scrollTo(0, y);
          await new Promise((resolve) => setTimeout(resolve, 60));
        }
      });
      await page.waitForTimeout(1500);
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
