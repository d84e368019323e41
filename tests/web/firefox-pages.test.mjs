// Every page of build/web in the second browser, Firefox (firefox-esr through puppeteer-core):
// the tutorial, the playground, the embed page with a widget, the sample blog post, and the
// exercises and teacher's pages where they exist. On each: no page error, no console error,
// no request to another origin, the KaTeX formulas typeset without an error node, and a
// widget reaches its trained state with finite numbers that moved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './chromium.mjs';
import { useFirefox } from './firefox.mjs';

const firefox = useFirefox();
const TIMEOUT = 60000;
// The tutorial's chapters, as its source has them.
const CHAPTERS = readFileSync(path.join(root, 'web/index.html'), 'utf8').match(/<section class="chapter"/g).length;
const wait = (page, fn, ...args) => page.waitForFunction(fn, { timeout: TIMEOUT, polling: 100 }, ...args);
// Clicks a control inside a widget's shadow root.
const press = (page, widget, role) => page.evaluate((w, r) => document.querySelector(w).shadowRoot.querySelector(`[data-role="${r}"]`).click(), widget, role);

async function formulas(page) {
  return page.evaluate(() => ({ typeset: document.querySelectorAll('.katex').length, errors: document.querySelectorAll('.katex-error').length }));
}

test('Firefox: the tutorial typesets every formula, a widget trains, nothing scrolls sideways at 360 px', async () => {
  const { page, problems } = await firefox.openPage(`${firefox.base}index.html`);
  try {
    await wait(page, () => document.documentElement.dataset.tutorial === 'ready');
    const math = await formulas(page);
    assert.ok(math.typeset > 50, `${math.typeset} formulas`);
    assert.equal(math.errors, 0);
    assert.equal(await page.evaluate(() => document.querySelectorAll('main section.chapter').length), CHAPTERS);
    // The first figure becomes interactive; the rescue trains for 1,000 steps.
    await page.evaluate(() => document.querySelector('#product').scrollIntoView({ block: 'center' }));
    await wait(page, () => document.querySelector('#product').dataset.state === 'ready');
    await page.evaluate(() => document.querySelector('#rescue').scrollIntoView({ block: 'center' }));
    await wait(page, () => document.querySelector('#rescue').dataset.state === 'ready');
    const first = await page.evaluate(() => document.querySelector('#rescue').history.neuron.at(-1));
    await press(page, '#rescue', 'play');
    await wait(page, () => Number(document.querySelector('#rescue').dataset.step) >= 1000);
    await press(page, '#rescue', 'pause');
    const last = await page.evaluate(() => document.querySelector('#rescue').history.neuron.at(-1));
    assert.ok(last.step >= 1000);
    assert.ok(Number.isFinite(last.loss) && last.loss < first.loss, `loss ${first.loss} -> ${last.loss}`);
    assert.ok(last.params.every(Number.isFinite) && last.params.some((p, i) => p !== first.params[i]));
    await page.setViewport({ width: 360, height: 800 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scroll at 360 px');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('Firefox: the playground trains ten epochs to a finite, lower loss', async () => {
  const { page, problems } = await firefox.openPage(`${firefox.base}playground.html?data=xor&noise=10`);
  try {
    const widget = 'lll-playground';
    await wait(page, (w) => document.querySelector(w)?.dataset.state === 'ready', widget);
    const first = await page.evaluate((w) => document.querySelector(w).current, widget);
    await press(page, widget, 'play');
    await wait(page, (w) => document.querySelector(w).current.step >= 250, widget);
    await press(page, widget, 'play'); // pause
    await wait(page, (w) => document.querySelector(w).dataset.state === 'paused', widget);
    const last = await page.evaluate((w) => document.querySelector(w).current, widget);
    assert.ok(Number.isFinite(last.loss) && Number.isFinite(last.test_loss), JSON.stringify(last));
    assert.ok(last.loss < first.loss, `loss ${first.loss} -> ${last.loss}`);
    assert.match(await page.evaluate(() => location.search), /data=xor/, 'the state stays in the address');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('Firefox: the embed page trains Newton\'s method in the spectrum widget, eigenvalues finite', async () => {
  const { page, problems } = await firefox.openPage(`${firefox.base}embed.html?widget=spectrum-while-training&optimizer=newton&autoplay=1`);
  try {
    const widget = 'lll-spectrum-while-training';
    await wait(page, (w) => Number(document.querySelector(w)?.dataset.step) >= 400, widget);
    const { record, spectrum } = await page.evaluate((w) => ({ record: document.querySelector(w).history.at(-1), spectrum: document.querySelector(w).spectrum }), widget);
    assert.ok(record.step >= 400);
    assert.ok(Number.isFinite(record.loss) && Number.isFinite(record.grad_norm), JSON.stringify(record));
    assert.ok(spectrum.eigenvalues?.length === 22 && spectrum.eigenvalues.every(Number.isFinite), 'the 22 eigenvalues of the Hessian');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('Firefox: the sample blog post: an element widget and an iframe widget both become interactive', async () => {
  const { page, problems } = await firefox.openPage(`${firefox.base}examples/blog-post.html`);
  try {
    await page.evaluate(() => document.querySelector('lll-added-neuron').scrollIntoView({ block: 'center' }));
    await wait(page, () => document.querySelector('lll-added-neuron')?.dataset.state === 'ready');
    await page.evaluate(() => document.querySelector('iframe').scrollIntoView({ block: 'center' }));
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame.waitForFunction(() => document.querySelector('lll-saddle-explorer')?.dataset.state === 'ready', { timeout: TIMEOUT, polling: 100 });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

// The classroom pages, where this build has them: they load cleanly and their widgets start.
for (const name of ['exercises', 'teacher']) {
  test(`Firefox: ${name}.html loads without an error and its formulas and widgets work`, { skip: !existsSync(path.join(root, `build/web/${name}.html`)) && `no build/web/${name}.html in this build` }, async () => {
    const { page, problems } = await firefox.openPage(`${firefox.base}${name}.html`);
    try {
      await page.waitForNetworkIdle({ idleTime: 500, timeout: TIMEOUT });
      assert.equal((await formulas(page)).errors, 0);
      const widgets = await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('lll-')).length);
      if (widgets > 0) {
        await page.evaluate(() => [...document.querySelectorAll('*')].find((e) => e.localName.startsWith('lll-')).scrollIntoView({ block: 'center' }));
        await wait(page, () => ['ready', 'paused', 'done', 'finished'].includes([...document.querySelectorAll('*')].find((e) => e.localName.startsWith('lll-')).dataset.state));
      }
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}
