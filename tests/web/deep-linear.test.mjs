// The deep linear networks widget in headless Chromium: the bar charts show MATH.md 3.4's
// spectra (2-3-1 at the origin: 3 negative, 3 zero, 3 positive; 2-3-3-1 at the origin: all
// zero; trained: no negative eigenvalue, 7 zeros for 2-3-1). Screenshot in test-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, useChromium } from './chromium.mjs';

const chromium = useChromium();

test('deep linear networks: eigenvalue bars at the origin and after training', async () => {
  const { page, problems } = await chromium.openPage(undefined, { width: 1280, height: 1000 });
  try {
    await page.waitForFunction(() => document.querySelector('deep-linear-networks')?.dataset.state === 'ready', null, { timeout: 30000 });
    const spectra = await page.evaluate(() => document.querySelector('deep-linear-networks').spectra);
    const counts = (key) => [spectra[key].negative, spectra[key].zero, spectra[key].positive];
    assert.deepEqual(counts('2-3-1 (one hidden layer), origin'), [3, 3, 3]);
    assert.equal(spectra['2-3-1 (one hidden layer), origin'].kind, 'saddle');
    assert.deepEqual(counts('2-3-3-1 (two hidden layers), origin'), [0, 18, 0]);
    assert.deepEqual(counts('2-3-1 (one hidden layer), trained'), [0, 7, 2]);
    assert.equal(spectra['2-3-3-1 (two hidden layers), trained'].negative, 0);
    const widget = page.locator('deep-linear-networks');
    assert.equal(await widget.locator('figure.chart').count(), 4);
    assert.equal(await widget.locator('rect[data-name="negative"]').count(), 3);
    await widget.scrollIntoViewIfNeeded();
    await widget.screenshot({ path: path.join(artifacts, 'deep-linear.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
