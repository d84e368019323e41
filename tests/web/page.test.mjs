// The page in headless Chromium and Firefox (Debian's browsers, driven as browser.mjs says;
// never a downloaded browser), served by tools/serve.mjs under its strict CSP.
// Screenshots go to test-artifacts/: of the widget a test is about, never of the whole tutorial
// (a full-page capture brings every figure into view at once and starts all thirteen: under load
// Chromium's capture then timed out). Needs build/web (make web) first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { artifacts, root, useBrowser } from './browser.mjs';

const browser = useBrowser();
// The tutorial opens at the rescue figure (Figure 8): the widget there computes once in view.
const RESCUE = 'lll-added-neuron#rescue';
const openPage = (url, ...args) => browser.openPage(url ?? `${browser.base}#at=figure-rescue`, ...args);

async function playToEnd(page, widget) {
  await page.waitForFunction((w) => document.querySelector(w)?.dataset.state === 'ready', widget);
  await page.click(`${widget} [data-role="play"]`);
  await page.waitForFunction((w) => ['finished', 'diverged'].includes(document.querySelector(w).dataset.state), widget, { timeout: 60000 });
}

test('rescue: play draws the |a| curve, whose last value is below 1e-3, with no console error', async () => {
  const { page, problems } = await openPage();
  try {
    const widget = RESCUE;
    await playToEnd(page, widget);
    assert.equal(await page.getAttribute(widget, 'data-state'), 'finished');
    const aChart = page.locator(`${widget} svg[aria-label="|a| of the added neuron"]`);
    const lastAbsA = Number(await aChart.getAttribute('data-last-abs-a'));
    assert.ok(lastAbsA < 1e-3, `last |a| = ${lastAbsA}`);
    assert.ok((await aChart.locator('path[data-series="abs-a"]').getAttribute('d')).length > 100, 'the |a| curve is drawn');
    assert.ok(await aChart.locator('circle').count() > 50, 'the |a| points are drawn');
    // The trained objective went to ~0 and theta reached the global minimum.
    const last = await page.evaluate((w) => document.querySelector(w).history.neuron.at(-1), widget);
    assert.ok(last.original_loss < 1e-12);
    assert.ok(Math.abs(last.params[0] - 4) < 1e-5);
    await page.locator(widget).screenshot({ path: path.join(artifacts, 'rescue.png') });
    // On a linear scale the loss chart shows L rising over the barrier while L~ falls.
    await page.uncheck(`${widget} [data-role="log-scale"]`);
    const lossChart = page.locator(`${widget} svg[aria-label="Loss over training"]`);
    assert.match(await lossChart.locator('.axis-label').last().textContent(), /^loss$/);
    assert.ok((await lossChart.locator('path[data-series="original-part"]').getAttribute('d')).length > 100);
    await lossChart.screenshot({ path: path.join(artifacts, 'rescue-loss-linear.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('blind spot: the trained objective falls but the original loss stays at 1/3', async () => {
  const { page, problems } = await openPage();
  try {
    const widget = RESCUE;
    await page.waitForFunction(() => document.querySelector('lll-added-neuron#rescue')?.dataset.state === 'ready');
    await page.selectOption(`${widget} [data-role="chooser"]`, 'relu-blind-spot');
    await playToEnd(page, widget);
    const { neuron, original } = await page.evaluate((w) => {
      const h = document.querySelector(w).history;
      return { neuron: h.neuron.at(-1), original: h.original.at(-1) };
    }, widget);
    assert.equal(neuron.step, 100000);
    assert.ok(neuron.loss < 1e-3);
    assert.ok(neuron.original_loss > 0.3333 && neuron.original_loss < 0.334);
    assert.ok(Math.abs(original.loss - 1 / 3) < 1e-9, 'plain training stalls at 1/3');
    // The neuron's bar at x = -1 stands at the residual (about 1): the neuron is not gone.
    const bar = Number(await page.locator(`${widget} rect[data-name="neuron-output"]`).first().getAttribute('data-value'));
    assert.ok(bar > 0.999);
    await page.locator(widget).screenshot({ path: path.join(artifacts, 'relu-blind-spot.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a bad scenario shows the core message naming the field, and the page stays usable', async () => {
  const { page, problems } = await openPage();
  try {
    await page.route('**/scenarios/bad.json', (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ data: { kind: 'inline', x: [[1]], y: [[1]] }, model: { inputs: 1, layers: [{ units: 1 }] },
        optimizer: { learning_rate: -0.5 } }),
    }));
    const widget = RESCUE;
    await page.waitForFunction((w) => document.querySelector(w)?.dataset.state === 'ready', widget);
    await page.evaluate((w) => document.querySelector(w).setAttribute('scenario', 'bad'), widget);
    await page.waitForFunction((w) => document.querySelector(w).dataset.state === 'error', widget);
    const message = await page.textContent(`${widget} [data-role="message"]`);
    assert.match(message, /optimizer\.learning_rate: must be > 0/);
    assert.equal(await page.isDisabled(`${widget} [data-role="play"]`), true);
    // Choosing a good scenario again works.
    await page.evaluate((w) => document.querySelector(w).setAttribute('scenario', 'rescue'), widget);
    await page.waitForFunction((w) => document.querySelector(w).dataset.state === 'ready', widget);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a diverging run pauses, shows the core message and keeps its last finite state', async () => {
  const { page, problems } = await openPage();
  try {
    // The rescue network with an absurd step: the added neuron's exponent blows up.
    const scenario = JSON.parse(await readFile(path.join(root, 'scenarios/rescue.json'), 'utf8'));
    scenario.optimizer.learning_rate = 500;
    scenario.added_neuron.start_step = 0;
    scenario.steps = 2000;
    await page.route('**/scenarios/diverge.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(scenario) }));
    const widget = RESCUE;
    await page.waitForFunction((w) => document.querySelector(w)?.dataset.state === 'ready', widget);
    await page.evaluate((w) => document.querySelector(w).setAttribute('scenario', 'diverge'), widget);
    await playToEnd(page, widget);
    assert.equal(await page.getAttribute(widget, 'data-state'), 'diverged');
    assert.match(await page.textContent(`${widget} [data-role="message"]`), /With the added neuron: .*diverged/);
    const last = await page.evaluate((w) => document.querySelector(w).history.neuron.at(-1), widget);
    assert.ok(last.step < 2000 && Number.isFinite(last.loss), `last record: step ${last.step}, loss ${last.loss}`);
    assert.equal(await page.isDisabled(`${widget} [data-role="play"]`), true);
    assert.equal(await page.isDisabled(`${widget} [data-role="reset"]`), false);
    await page.locator(widget).screenshot({ path: path.join(artifacts, 'diverged.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('on a narrow screen the layout stacks and nothing overflows horizontally', async () => {
  const { page, problems } = await openPage(`${browser.base}#at=figure-rescue`, { width: 420, height: 900 });
  try {
    await page.waitForFunction(() => document.querySelector('lll-added-neuron#rescue')?.dataset.state === 'ready');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await page.screenshot({ path: path.join(artifacts, 'narrow.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
