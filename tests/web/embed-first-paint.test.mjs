// The embed page's first paint is its own: a reader (and Lighthouse's largest paint) sees the
// widget's frame and description as soon as the page and its one small script have arrived,
// before the kit, the widget's code and the wasm core. The test holds back the kit's code
// (widgets.js) and the core (landscape.wasm), and checks that the description is shown all the
// same, for every widget; then lets them through and checks that the widget draws in the
// preview's place, the saddle explorer with the same description.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { artifacts, root, useBrowser } from './browser.mjs';

const browser = useBrowser();
const descriptions = JSON.parse(await readFile(path.join(root, 'web/src/widget-descriptions.json'), 'utf8'));

// Requests held until release(): the page waits for them as for a slow network.
async function holdBack(page, globs) {
  const held = [];
  let released = false;
  for (const glob of globs) {
    await page.route(glob, (route) => (released ? route.continue() : held.push(route)));
  }
  return {
    held,
    release: async () => {
      released = true;
      for (const route of held.splice(0)) await route.continue();
    },
  };
}

// What the reader sees of the preview: its text, and whether it is drawn (a box with room).
const shownPreview = (page, name) => page.evaluate((tag) => {
  const text = document.querySelector(`${tag} .embed-preview-description`);
  const box = text?.getBoundingClientRect();
  return text && { text: text.firstElementChild.textContent, width: box.width, height: box.height, defined: Boolean(customElements.get(tag)) };
}, `lll-${name}`);

test('embed page: every widget\'s frame and description are shown before the kit and the core have loaded', async () => {
  const { page, problems } = await browser.openPage('about:blank', { width: 760, height: 900 });
  try {
    const { held } = await holdBack(page, ['**/widgets.js', '**/landscape.wasm']);
    for (const name of Object.keys(descriptions)) {
      // Not the load event: a browser may hold it for the requests held back.
      await page.goto(`${browser.base}embed.html?widget=${name}`, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => document.querySelector('.embed-preview-description'));
      const preview = await shownPreview(page, name);
      assert.equal(preview.text, descriptions[name].description, name);
      assert.ok(preview.width > 200 && preview.height > 10, `${name}: the description is drawn (${preview.width} x ${preview.height})`);
      assert.equal(preview.defined, false, `${name}: shown before the widget's code was defined`);
      if (name === 'saddle-explorer') await page.screenshot({ path: path.join(artifacts, 'embed-preview-saddle-explorer.png') });
    }
    assert.ok(held.length > 0, 'the kit\'s code was asked for (and held back)');
    // A name that is no widget's has no preview (it is refused once the kit is here).
    await page.goto(`${browser.base}embed.html?widget=nope`, { waitUntil: 'domcontentloaded' });
    assert.equal(await page.evaluate(() => document.getElementById('widget').children.length), 0);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('embed page: the saddle explorer draws in its preview\'s place, with the same description, once the core arrives', async () => {
  for (const theme of ['light', 'dark']) {
    const { page, problems } = await browser.openPage('about:blank', { width: 360, height: 640 });
    try {
      const gate = await holdBack(page, ['**/landscape.wasm']);
      await page.goto(`${browser.base}embed.html?widget=saddle-explorer&theme=${theme}`, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => customElements.get('lll-saddle-explorer') && document.querySelector('lll-saddle-explorer').shadowRoot);
      // Defined, without its core: the widget's own frame shows its description, and waits.
      const before = await page.evaluate(() => {
        const widget = document.querySelector('lll-saddle-explorer');
        return { description: widget.shadowRoot.querySelector('.experiment-description').textContent, state: widget.dataset.state ?? null };
      });
      assert.equal(before.description, descriptions['saddle-explorer'].description);
      assert.notEqual(before.state, 'ready', 'no surface without the core');
      await page.screenshot({ path: path.join(artifacts, `embed-preview-saddle-explorer-360-${theme}.png`) });
      await gate.release();
      await page.waitForFunction(() => document.querySelector('lll-saddle-explorer').dataset.state === 'ready', null, { timeout: 60000 });
      assert.equal(await page.evaluate(() => document.querySelector('lll-saddle-explorer .embed-preview')), null, 'the preview is gone from the element once defined');
      await page.screenshot({ path: path.join(artifacts, `embed-saddle-explorer-360-${theme}.png`) });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  }
});

// The list of exercises is the exercises page's largest paint: the build writes it into the
// page (from the core's description of each exercise), so it is drawn while the core is still
// on its way, with every exercise's title and its link.
test('exercises page: the list of exercises is drawn before the core has loaded', async () => {
  const { page, problems } = await browser.openPage('about:blank', { width: 360, height: 640 });
  try {
    const { held, release } = await holdBack(page, ['**/landscape.wasm', '**/landscape.mjs']);
    await page.goto(`${browser.base}exercises.html`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => document.body?.dataset.state === 'ready');
    const shown = await page.evaluate(() => [...document.querySelectorAll('#exercises ol.exercise-list > li > a')]
      .map((a) => ({ title: a.textContent, href: a.getAttribute('href') })));
    const dir = path.join(root, 'scenarios/exercises');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
    const expected = await Promise.all(files.map(async (f) => {
      const { name, title } = JSON.parse(await readFile(path.join(dir, f), 'utf8'));
      return { title, href: `#exercise=${name}` };
    }));
    const byTitle = (a, b) => a.title.localeCompare(b.title);
    assert.deepEqual([...shown].sort(byTitle), expected.sort(byTitle));
    assert.equal(held.length, 0, 'the list asked nothing of the core');
    await page.screenshot({ path: path.join(artifacts, 'exercises-list-360.png') });
    await release();
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
