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
          // Declared by the page's own head (katex/fonts.css): the kit added no rules to the
          // document, which would have made the browser restyle and lay out all of it again.
          documentSheets: document.adoptedStyleSheets.length,
        };
      }, selector);
      const product = await read();
      assert.deepEqual(product, {
        tex: 'L(w_1, w_2) = (w_1 w_2 - 1)^2', katex: 1, mathml: 'L(w_1, w_2) = (w_1 w_2 - 1)^2', styled: 0, untypeset: false,
        errors: 0, font: 'KaTeX_Math', fontLoaded: true, documentSheets: 0,
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

// Where the labels sit, on screen (CSS px): each point's label and each eigenvalue's, and what
// they must keep clear of: the points' markers (circles with their outline) and the arrows (with
// their halo). The problems found: a label covering another label, a marker or an arrow by more
// than half a pixel, or lying nearer (centre to centre) another point than the one it names (a
// λ label: nearer an end of the other eigenvector's arrow than an end of its own).
function labelProblems(selector) {
  const root = document.querySelector(selector).shadowRoot;
  const TOLERANCE = 0.5;
  const onScreen = (element, x, y) => {
    const m = element.getScreenCTM();
    return [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
  };
  const scale = (element) => Math.hypot(element.getScreenCTM().a, element.getScreenCTM().b);
  const rect = (element) => {
    const r = element.getBoundingClientRect();
    return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
  };
  const centre = (r) => [(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2];
  // From a point to a box (0 inside it).
  const toBox = ([x, y], r) => Math.hypot(Math.max(r.x0 - x, 0, x - r.x1), Math.max(r.y0 - y, 0, y - r.y1));
  // From a segment to a box: 0 when they cross; else the nearest of the ends to the box and
  // of the box's corners to the segment.
  const toSegment = ([x, y], [ax, ay], [bx, by]) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2 || 1)));
    return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay));
  };
  const segmentToBox = (a, b, r) => {
    for (let k = 0; k <= 64; k++) {
      const p = [a[0] + ((b[0] - a[0]) * k) / 64, a[1] + ((b[1] - a[1]) * k) / 64];
      if (toBox(p, r) === 0) return 0;
    }
    return Math.min(toBox(a, r), toBox(b, r), ...[[r.x0, r.y0], [r.x1, r.y0], [r.x0, r.y1], [r.x1, r.y1]].map((c) => toSegment(c, a, b)));
  };
  const markers = [...root.querySelectorAll('g.critical')].map((g, i) => {
    const circle = g.querySelector('circle');
    const width = parseFloat(getComputedStyle(circle).strokeWidth) || 0;
    return { i, at: onScreen(circle, circle.cx.baseVal.value, circle.cy.baseVal.value), radius: (circle.r.baseVal.value + width / 2) * scale(circle) };
  });
  const arrows = [...root.querySelectorAll('line.eigen-arrow-halo')].map((line) => ({
    eigen: line.dataset.eigen,
    from: onScreen(line, line.x1.baseVal.value, line.y1.baseVal.value),
    to: onScreen(line, line.x2.baseVal.value, line.y2.baseVal.value),
    half: ((parseFloat(getComputedStyle(line).strokeWidth) || 0) / 2) * scale(line),
  }));
  // (A point's name may be left out: the marker's group then holds no text.)
  const names = [...root.querySelectorAll('g.critical')].flatMap((g, i) => {
    const text = g.querySelector('text[data-role="point-label"]');
    return text ? [{ text: text.textContent, names: i, ...rect(text) }] : [];
  });
  const lambdas = [...root.querySelectorAll('text.eigen-label')].map((t) => ({ text: t.textContent, eigen: t.dataset.eigen, ...rect(t) }));
  const labels = [...names, ...lambdas];
  const problems = [];
  labels.forEach((label, i) => {
    const name = `"${label.text}"`;
    for (const other of labels.slice(i + 1)) {
      if (Math.min(label.x1, other.x1) - Math.max(label.x0, other.x0) > TOLERANCE && Math.min(label.y1, other.y1) - Math.max(label.y0, other.y0) > TOLERANCE) {
        problems.push(`${name} covers "${other.text}"`);
      }
    }
    for (const m of markers) if (toBox(m.at, label) < m.radius - TOLERANCE) problems.push(`${name} covers the marker of point ${m.i + 1}`);
    for (const a of arrows) if (segmentToBox(a.from, a.to, label) < a.half - TOLERANCE) problems.push(`${name} covers an arrow of eigenvalue ${Number(a.eigen) + 1}`);
    const at = centre(label);
    const distance = (p) => Math.hypot(p[0] - at[0], p[1] - at[1]);
    if (label.names !== undefined) {
      const nearest = markers.reduce((a, b) => (distance(b.at) < distance(a.at) ? b : a));
      if (nearest.i !== label.names) problems.push(`${name} (of point ${label.names + 1}) lies nearer point ${nearest.i + 1}`);
    } else {
      const nearest = arrows.reduce((a, b) => (distance(b.to) < distance(a.to) ? b : a));
      if (nearest.eigen !== label.eigen) problems.push(`${name} lies nearer the arrow of the other eigenvalue`);
    }
  });
  return { problems, names: names.length, lambdas: lambdas.length, arrows: arrows.length };
}

test('on every surface of the menu, at 1280 and 360 px, with and without the arrows at each critical point: labels next to what they name, covering no label, marker or arrow', async () => {
  const { page, problems } = await browser.openPage(`${browser.base}embed.html?widget=saddle-explorer`, { width: 1280, height: 900 });
  try {
    const selector = 'lll-saddle-explorer';
    const widget = page.locator(selector);
    await page.waitForFunction((s) => document.querySelector(s)?.dataset.state === 'ready', selector);
    const menu = widget.locator('select[data-role="surface"]');
    const surfaces = await menu.locator('option').evaluateAll((options) => options.map((o) => o.value));
    assert.deepEqual(surfaces, ['saddle', 'product', 'product3', 'monkey', 'rosenbrock', 'wells', 'quadratic']);
    const overlay = widget.locator('svg[data-role="overlay"]');
    const found = [];
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      for (const surface of surfaces) {
        await menu.hover(); // the pointer off the plot: no arrows
        await menu.selectOption(surface);
        await page.waitForFunction(([s, name]) => document.querySelector(s).info?.name === name && document.querySelector(s).dataset.state === 'ready', [selector, surface]);
        const points = await widget.locator('g.critical').count();
        assert.ok(points >= 1, `${surface}: its critical points are marked`);
        const bare = await page.evaluate(labelProblems, selector);
        assert.equal(bare.names, points, `${surface} at ${width} px: a label for each point`);
        found.push(...bare.problems.map((p) => `${surface} at ${width} px: ${p}`));
        // The pointer on each critical point: the curvature's arrows and their eigenvalues there.
        for (let i = 0; i < points; i++) {
          const at = await page.evaluate(([s, k]) => {
            const root = document.querySelector(s).shadowRoot;
            const circle = root.querySelectorAll('g.critical circle')[k].getBoundingClientRect();
            const plot = root.querySelector('svg[data-role="overlay"]').getBoundingClientRect();
            return { x: circle.left + circle.width / 2 - plot.left, y: circle.top + circle.height / 2 - plot.top };
          }, [selector, i]);
          await overlay.hover({ position: at });
          // Drawn once the arrows start at the point (the pointer's place, to a pixel or two).
          await page.waitForFunction(([s, k]) => {
            const root = document.querySelector(s).shadowRoot;
            const circle = root.querySelectorAll('g.critical circle')[k]?.getBoundingClientRect();
            const line = root.querySelector('line.eigen-arrow');
            if (!circle || !line || root.querySelectorAll('text.eigen-label').length !== 2) return false;
            const m = line.getScreenCTM();
            const x = m.a * line.x1.baseVal.value + m.e, y = m.d * line.y1.baseVal.value + m.f;
            return Math.hypot(x - circle.left - circle.width / 2, y - circle.top - circle.height / 2) < 2;
          }, [selector, i]);
          const hovered = await page.evaluate(labelProblems, selector);
          const where = `${surface} at ${width} px, at point ${i + 1}`;
          assert.equal(hovered.arrows, 4, `${where}: two arrows each way`);
          assert.equal(hovered.lambdas, 2, `${where}: the two eigenvalues`);
          // At 1280 px there is room for every name beside the arrows; at 360 px a crowded
          // surface may leave a name out (the side panel says the kind of the point under the pointer).
          if (width === 1280) assert.equal(hovered.names, points, `${where}: every point named`);
          found.push(...hovered.problems.map((p) => `${surface} at ${width} px, arrows at point ${i + 1}: ${p}`));
        }
      }
    }
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

// The figure's data come from its worker in one reply: the surface with its contour lines and
// the curvature at each critical point (asked for separately once the surface was in, they cost
// two more round trips, and a frame between them, before the figure was ready on a slow phone).
// The lines drawn are the contours of the grid drawn, as the plot colours it (sign(f) log(1 + |f|),
// about 14 levels, in its 480 units).
test('the surface arrives with its contours and its points\' curvatures in one reply; the lines are the grid\'s', async () => {
  const { page, problems } = await browser.openPage('about:blank', { width: 1280, height: 1000 });
  try {
    await page.addInitScript(() => {
      globalThis.lllWorkerOps = [];
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function recordingOps(message, ...rest) {
        if (message?.op) globalThis.lllWorkerOps.push(message.op);
        return post.call(this, message, ...rest);
      };
    });
    await page.goto(`${browser.base}embed.html?widget=saddle-explorer`);
    await page.waitForFunction(() => document.querySelector('lll-saddle-explorer')?.dataset.state === 'ready', null, { timeout: 30000 });
    const { ops, grid, drawn, labels } = await page.evaluate(() => {
      const widget = document.querySelector('lll-saddle-explorer');
      return {
        ops: globalThis.lllWorkerOps,
        grid: { nx: widget.plot.grid.nx, ny: widget.plot.grid.ny, values: Array.from(widget.plot.grid.values) },
        drawn: [...widget.shadowRoot.querySelectorAll('g.contours path')].map((p) => p.getAttribute('d')),
        labels: [...widget.shadowRoot.querySelectorAll('[data-role="point-label"]')].map((t) => t.textContent),
      };
    });
    assert.deepEqual(ops, ['init', 'surface'], 'the worker was asked for the surface alone before the figure was ready');
    assert.ok(labels.length > 0 && labels.every((text) => /saddle|minimum|maximum|degenerate/i.test(text)), `critical points named by kind: ${labels.join(' | ')}`);
    const { TRANSFORMS, gridLevels, levelPaths } = await import('../../web/src/kit/contour-paths.js');
    const shownLevels = gridLevels(grid.values, TRANSFORMS.symlog, 14);
    assert.ok(shownLevels.thresholds.length > 5, 'levels spread over the surface');
    assert.deepEqual(drawn, levelPaths(shownLevels, grid.nx, grid.ny, 480));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
