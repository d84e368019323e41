// The index-versus-loss widget in headless Chromium and Firefox: pressing the button runs the
// critical-point finder in the worker from 30 random starts and from 36 points along
// saddle-free Newton runs; the scatter has a dot for every critical point, no minimum lies
// at high loss, and (Dauphin et al. 2014) the mid-loss saddles have the larger index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, useBrowser } from './browser.mjs';

const browser = useBrowser();

test('index versus loss: the scatter has points and high-loss critical points have the larger index', async () => {
  const { page, problems } = await browser.openPage(undefined, { width: 1280, height: 1000 });
  try {
    const widget = page.locator('lll-index-versus-loss');
    // The tutorial loads a widget's code when the widget comes near the window.
    await widget.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('lll-index-versus-loss')?.dataset.state === 'ready');
    await widget.locator('[data-role="run"]').click();
    await page.waitForFunction(() => document.querySelector('lll-index-versus-loss').dataset.state === 'done', null, { timeout: 90000 });
    const found = await page.evaluate(() => document.querySelector('lll-index-versus-loss').found);
    assert.ok(found.length >= 20, `${found.length} critical points`);
    const drawn = await widget.locator('svg circle').evaluateAll((dots) => dots.reduce((n, dot) => n + Number(dot.dataset.count), 0));
    assert.equal(drawn, found.length);
    const minima = found.filter((p) => p.kind === 'minimum');
    assert.ok(minima.length >= 5, `${minima.length} minima`);
    assert.ok(minima.every((p) => p.value < 0.015), 'no minimum at high loss');
    const mean = (list) => list.reduce((s, p) => s + p.index, 0) / list.length;
    const low = found.filter((p) => p.value < 0.015), middle = found.filter((p) => p.value >= 0.015 && p.value < 0.2);
    assert.ok(middle.length >= 3 && mean(middle) > 2 * mean(low), `index grows with the loss: ${JSON.stringify(found.map((p) => [p.value, p.index, p.kind]))}`);
    await widget.scrollIntoViewIfNeeded();
    await widget.screenshot({ path: path.join(artifacts, 'index-versus-loss.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
