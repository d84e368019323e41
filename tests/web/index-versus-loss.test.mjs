// The index-versus-loss widget in headless Chromium: pressing the button runs the
// critical-point finder from 60 seeded starts in the worker; the scatter has points, and
// (Dauphin et al. 2014) the higher-loss half of the critical points has the larger mean index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, useChromium } from './chromium.mjs';

const chromium = useChromium();

test('index versus loss: the scatter has points and high-loss critical points have the larger index', async () => {
  const { page, problems } = await chromium.openPage(undefined, { width: 1280, height: 1000 });
  try {
    const widget = page.locator('index-versus-loss');
    await page.waitForFunction(() => document.querySelector('index-versus-loss')?.dataset.state === 'ready');
    await widget.locator('[data-role="run"]').click();
    await page.waitForFunction(() => document.querySelector('index-versus-loss').dataset.state === 'done', null, { timeout: 90000 });
    const found = await page.evaluate(() => document.querySelector('index-versus-loss').found);
    assert.ok(found.length >= 8, `${found.length} critical points`);
    assert.equal(await widget.locator('svg circle').count(), found.length);
    const sorted = [...found].sort((a, b) => a.value - b.value);
    const half = Math.floor(sorted.length / 2);
    const mean = (list) => list.reduce((s, p) => s + p.index, 0) / list.length;
    assert.ok(mean(sorted.slice(-half)) > mean(sorted.slice(0, half)), 'index grows with the loss');
    await widget.scrollIntoViewIfNeeded();
    await widget.screenshot({ path: path.join(artifacts, 'index-versus-loss.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
