// The saddle explorer in headless Chromium and Firefox: clicking the surface starts the optimizers'
// paths, the pointer shows the Hessian's eigenvalues, and the outcomes match the
// mathematics (on (w1 w2 - 1)^2 from near the saddle's stable manifold: Newton ends on the
// saddle, saddle-free Newton and perturbed gd leave it). Screenshot in test-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

// The surface menu names the surfaces; beside it the chosen surface's formula, as the core writes
// it, typeset at build time exactly as the tutorial's formulas are (KaTeX's HTML and MathML, its
// fonts, laid out as katex.render lays it out to a tenth of a pixel), under the page's CSP: in
// the tutorial's Figure 1 and in the embed page (the widget's shadow root on a page that loads no
// KaTeX stylesheet of its own).
const katexSource = readFileSync(createRequire(import.meta.url).resolve('katex/dist/katex.min.js'), 'utf8');
for (const { name, url, selector } of [
  { name: 'the tutorial', url: 'index.html', selector: 'lll-saddle-explorer#product' },
  { name: 'the embed page', url: 'embed.html?widget=saddle-explorer', selector: 'lll-saddle-explorer' },
]) {
  test(`${name}: the surface menu's formula is typeset as the tutorial's, and follows the menu`, async () => {
    const { page, problems } = await browser.openPage(`${browser.base}${url}`, { width: 1280, height: 900 });
    try {
      const widget = page.locator(selector);
      await widget.scrollIntoViewIfNeeded();
      await page.waitForFunction((s) => document.querySelector(s)?.dataset.state === 'ready', selector);
      // The menu holds names a reader knows; the formula is beside it.
      const options = await widget.locator('select[data-role="surface"] option').allTextContents();
      assert.ok(options.includes('two-weight network') && options.includes('monkey saddle'), options.join(' | '));
      assert.ok(options.every((o) => !/[\^_\\]/.test(o)), `no TeX or ASCII powers in the menu: ${options.join(' | ')}`);
      const read = () => page.evaluate(async (s) => {
        await document.fonts.ready;
        const root = document.querySelector(s).shadowRoot;
        const formula = root.querySelector('[data-role="formula"] .formula');
        const variable = formula?.querySelector('.katex-html .mord.mathnormal');
        return {
          tex: formula?.dataset.tex,
          katex: formula?.querySelectorAll('.katex').length,
          mathml: formula?.querySelector('.katex-mathml math annotation[encoding="application/x-tex"]')?.textContent,
          styled: formula?.querySelectorAll('[style]').length,
          untypeset: formula?.hasAttribute('data-untypeset'),
          errors: root.querySelectorAll('.katex-error').length,
          font: variable && getComputedStyle(variable).fontFamily,
          // KaTeX's math italic is loaded (declared in the document: a shadow root ignores @font-face).
          fontLoaded: [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'KaTeX_Math' && f.status === 'loaded'),
        };
      }, selector);
      const product = await read();
      assert.deepEqual(product, {
        tex: 'L(w_1, w_2) = (w_1 w_2 - 1)^2', katex: 1, mathml: 'L(w_1, w_2) = (w_1 w_2 - 1)^2', styled: 0, untypeset: false,
        errors: 0, font: 'KaTeX_Math', fontLoaded: true,
      });
      // Laid out as katex.render lays out the same TeX in the same place (KaTeX's script, evaluated
      // by the test, sets its styles through the CSSOM, which the CSP allows).
      await page.evaluate(katexSource);
      const sizes = await page.evaluate((s) => {
        const formula = document.querySelector(s).shadowRoot.querySelector('[data-role="formula"] .formula');
        const probe = document.createElement('span');
        probe.className = formula.className;
        formula.after(probe);
        globalThis.katex.render(formula.dataset.tex, probe, { throwOnError: true, output: 'htmlAndMathml', strict: 'ignore' });
        const size = (e) => { const box = e.querySelector('.katex-html').getBoundingClientRect(); return [box.width, box.height]; };
        const result = [size(formula), size(probe)];
        probe.remove();
        return result;
      }, selector);
      assert.ok(Math.abs(sizes[0][0] - sizes[1][0]) <= 0.1 && Math.abs(sizes[0][1] - sizes[1][1]) <= 0.1, `built ${sizes[0]}, katex.render ${sizes[1]}`);
      assert.ok(sizes[0][0] > 100, `a formula ${sizes[0][0]} px wide`);
      // Another surface: its formula follows.
      await widget.locator('select[data-role="surface"]').selectOption('monkey');
      await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('[data-role="formula"] .formula')?.dataset.tex === 'L(x, y) = x^3 - 3 x y^2'
        && document.querySelector(s).dataset.state === 'ready', selector);
      const monkey = await read();
      assert.equal(monkey.mathml, 'L(x, y) = x^3 - 3 x y^2');
      assert.equal(monkey.styled, 0);
      // The plot's text alternative names the surface and writes its formula as text.
      const description = await widget.locator('[data-role="plot-description"]').textContent();
      assert.match(description, /monkey saddle, L\(x, y\) = x³ − 3xy²/);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}
