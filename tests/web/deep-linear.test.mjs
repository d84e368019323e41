// The deep linear networks widget in headless Chromium and Firefox: the bar charts show the
// spectra (2-3-1 at the origin: 3 negative, 3 zero, 3 positive; 2-3-3-1 at the origin: all
// zero; trained: no negative eigenvalue, 7 zeros for 2-3-1). Screenshot in test-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, useBrowser } from './browser.mjs';

const browser = useBrowser();

test('deep linear networks: eigenvalue bars at the origin and after training', async () => {
  const { page, problems } = await browser.openPage(undefined, { width: 1280, height: 1000 });
  try {
    const widget = page.locator('lll-deep-linear-networks');
    await widget.scrollIntoViewIfNeeded(); // widgets start computing when scrolled into view
    await page.waitForFunction(() => document.querySelector('lll-deep-linear-networks')?.dataset.state === 'ready', null, { timeout: 30000 });
    const spectra = await page.evaluate(() => document.querySelector('lll-deep-linear-networks').spectra);
    const counts = (key) => [spectra[key].spectrum.negative, spectra[key].spectrum.zero, spectra[key].spectrum.positive];
    assert.deepEqual(counts('deep-linear-2-3-1-origin'), [3, 3, 3]);
    assert.equal(spectra['deep-linear-2-3-1-origin'].spectrum.kind, 'saddle');
    assert.deepEqual(counts('deep-linear-2-3-3-1-origin'), [0, 18, 0]);
    assert.deepEqual(counts('deep-linear-2-3-1-trained'), [0, 7, 2]);
    assert.equal(spectra['deep-linear-2-3-3-1-trained'].spectrum.negative, 0);
    assert.equal(await widget.locator('figure.chart').count(), 4);
    assert.equal(await widget.locator('rect[data-name="negative"]').count(), 3);
    await widget.scrollIntoViewIfNeeded();
    await widget.screenshot({ path: path.join(artifacts, 'deep-linear.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
