// The saddle explorer in headless Chromium and Firefox: clicking the surface starts the optimizers'
// paths, the pointer shows the Hessian's eigenvalues, and the outcomes match the
// mathematics (on (w1 w2 - 1)^2 from near the saddle's stable manifold: Newton ends on the
// saddle, saddle-free Newton and perturbed gd leave it). Screenshot in test-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, useBrowser } from './browser.mjs';

const browser = useBrowser();

test('clicking the surface starts the paths; the pointer shows eigenvalues; outcomes follow the theory', async () => {
  // The tutorial's Figure 1: the explorer on (w1 w2 - 1)^2.
  const { page, problems } = await browser.openPage(undefined, { width: 1280, height: 1000 });
  try {
    const widget = page.locator('lll-saddle-explorer#product');
    await widget.scrollIntoViewIfNeeded(); // widgets start computing when scrolled into view
    await page.waitForFunction(() => document.querySelector('lll-saddle-explorer#product')?.dataset.state === 'ready');
    const overlay = widget.locator('svg[data-role="overlay"]');
    await overlay.scrollIntoViewIfNeeded();
    const { width, height } = await overlay.boundingBox();
    // Positions relative to the plot, resolved by Playwright at the moment of the action, so
    // widgets above that finish rendering later (and shift the page) cannot make it miss.
    // The window is [-2, 2]^2: (0.5, -0.48) lies next to the stable manifold w1 = -w2 of the
    // saddle. (Exactly on it, saddle-free Newton stays too: g has no negative-curvature part.)
    const at = (x, y) => ({ position: { x: ((x + 2) / 4) * width, y: ((2 - y) / 4) * height } });
    await overlay.click(at(0.5, -0.48));
    await page.waitForFunction(() => document.querySelector('lll-saddle-explorer#product').dataset.state === 'done', null, { timeout: 30000 });
    assert.equal(await widget.locator('path.optimizer-path').count(), 5);
    for (const name of ['gd', 'newton', 'saddle_free_newton']) {
      assert.ok((await widget.locator(`path[data-optimizer="${name}"]`).getAttribute('d')).length > 20, `${name} path drawn`);
    }
    const paths = await page.evaluate(() => document.querySelector('lll-saddle-explorer#product').paths);
    const end = (name) => paths[name].at(-1);
    assert.ok(Math.hypot(...end('newton')) < 1e-6, 'Newton converges to the saddle');
    const [sx, sy] = end('saddle_free_newton');
    assert.ok(Math.abs(sx * sy - 1) < 1e-3, 'saddle-free Newton reaches the hyperbola of minima');
    const [px, py] = end('perturbed_gd');
    assert.ok(Math.abs(px * py - 1) < 0.05, 'perturbed gd leaves the saddle');
    // The outcomes: Newton's is the saddle; saddle-free Newton's lies on the curve of global
    // minima, so it is called one whatever the sign of its tiny eigenvalue.
    const outcome = await widget.locator('[data-role="outcome"] li').allTextContents();
    assert.match(outcome.find((line) => line.startsWith('Newton')), /: saddle, value 1(\.0+)?$/);
    assert.match(outcome.find((line) => line.startsWith('saddle-free Newton')), /a global minimum, up to rounding/);
    // Hovering over the origin: eigenvalues -2 and 2, a saddle.
    await overlay.hover(at(0, 0));
    await page.waitForFunction(() => /saddle|not critical/.test(document.querySelector('lll-saddle-explorer#product').shadowRoot.querySelector('[data-role="readout"]').textContent));
    assert.equal(await widget.locator('line.eigen-arrow').count(), 4);
    const labels = await widget.locator('text.eigen-label').allTextContents();
    assert.equal(labels.length, 2);
    await widget.screenshot({ path: path.join(artifacts, 'saddle-explorer.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
