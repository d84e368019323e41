// The spectrum-while-training widget in headless Chromium and Firefox: training draws a histogram of the
// Hessian's eigenvalues and the index over steps; gradient descent ends with no negative
// eigenvalue, Newton's method from the same start ends at a saddle and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, useBrowser } from './browser.mjs';

const browser = useBrowser();

async function trainToEnd(page) {
  await page.locator('lll-spectrum-while-training [data-role="play"]').click();
  await page.waitForFunction(() => {
    const state = document.querySelector('lll-spectrum-while-training').dataset.state;
    return state === 'done' || state === 'error';
  }, null, { timeout: 180000 }); // 30,000 steps: generous for a loaded machine
  return page.evaluate(() => {
    const widget = document.querySelector('lll-spectrum-while-training');
    return { state: widget.dataset.state, spectrum: widget.spectrum, snapshots: widget.history.length, verdict: widget.shadowRoot.querySelector('[data-role="message"]').textContent };
  });
}

test('spectrum while training: histogram and index update; Newton stops at the saddle', async () => {
  const { page, problems } = await browser.openPage(undefined, { width: 1280, height: 1000 });
  try {
    const widget = page.locator('lll-spectrum-while-training');
    await widget.scrollIntoViewIfNeeded(); // widgets start computing when scrolled into view
    await page.waitForFunction(() => document.querySelector('lll-spectrum-while-training')?.dataset.state === 'ready', null, { timeout: 30000 });
    // At the start: the 22 eigenvalues are drawn before any step.
    assert.ok(await widget.locator('rect[data-sign]').count() > 0);

    const gd = await trainToEnd(page);
    assert.equal(gd.state, 'done', gd.verdict);
    assert.equal(gd.snapshots, 151); // the start and every 200 steps up to 30000
    assert.equal(gd.spectrum.eigenvalues.length, 22);
    assert.equal(gd.spectrum.negative, 0);
    assert.match(gd.verdict, /no eigenvalue is negative|minimum/);
    assert.ok(await widget.locator('[data-series-dots="index"] circle').count() >= 151);
    const counts = await widget.locator('rect[data-sign]').evaluateAll((bars) => bars.reduce((sum, bar) => sum + Number(bar.dataset.count), 0));
    assert.equal(counts, 22);
    await widget.scrollIntoViewIfNeeded();
    await widget.screenshot({ path: path.join(artifacts, 'spectrum-while-training-gd.png') });

    await widget.locator('[data-role="optimizer"]').selectOption('newton');
    await page.waitForFunction(() => document.querySelector('lll-spectrum-while-training').dataset.state === 'ready');
    const newton = await trainToEnd(page);
    assert.equal(newton.spectrum.kind, 'saddle');
    assert.ok(newton.spectrum.negative >= 1);
    assert.match(newton.verdict, /^Stopped at a saddle/);
    assert.ok(await widget.locator('rect[data-sign="negative"]').count() >= 1);
    await widget.screenshot({ path: path.join(artifacts, 'spectrum-while-training-newton.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
