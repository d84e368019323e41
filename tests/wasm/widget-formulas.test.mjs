// The widgets' formulas (tools/widget-formulas.mjs, run by the web build): every formula the core
// writes of a surface of its catalog or of a bundled surface scenario (the saddle explorer's
// menu and description), and every fixed formula of the widgets' text (web/src/kit/widget-tex.js),
// is in the generated module typeset: KaTeX's HTML with its MathML, the TeX in the annotation,
// no style attribute (the CSP refuses them; each is a class the module's stylesheet defines).
// The surfaces' formulas are the core's: the catalog and each surface's info agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { WIDGET_TEX } from '../../web/src/kit/widget-tex.js';
import { loadModule, root } from './core-module.mjs';

const { FORMULAS, FORMULA_CSS, FONT_FACES } = await import(path.join(root, 'build/generated/formulas.js'));
const module = await loadModule();
const catalog = JSON.parse(module.catalog());

function assertTypeset(tex) {
  const html = FORMULAS[tex];
  assert.ok(html, `"${tex}" is typeset`);
  assert.match(html, /^<span class="katex"><span class="katex-mathml"><math/);
  assert.ok(html.includes(`<annotation encoding="application/x-tex">${tex.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</annotation>`), tex);
  assert.doesNotMatch(html, /\sstyle=/);
  for (const [, name] of html.matchAll(/\b(kw\d+)\b/g)) assert.ok(FORMULA_CSS.includes(`.${name}{`), `${name} is defined`);
}

test('every surface of the catalog has its label, its plain formula and its TeX typeset', () => {
  assert.equal(catalog.surfaces.length, 7);
  for (const s of catalog.surfaces) {
    const surface = new module.Surface(s.name, 1, 1);
    try {
      const info = JSON.parse(surface.info());
      assert.equal(info.tex, s.tex);
      assert.equal(info.label, s.label);
    } finally {
      surface.delete();
    }
    assert.match(s.tex, /^L\([a-z](_\d)?, [a-z](_\d)?\) = /, s.tex);
    assert.doesNotMatch(s.formula, /\^|_/, `plain text: ${s.formula}`);
    assertTypeset(s.tex);
  }
  assert.equal(catalog.surfaces.find((s) => s.name === 'product').tex, 'L(w_1, w_2) = (w_1 w_2 - 1)^2');
});

test('every bundled surface scenario\'s formula and every fixed widget formula is typeset', async () => {
  let scenarios = 0;
  for (const file of (await readdir(path.join(root, 'scenarios'))).filter((f) => f.endsWith('.json'))) {
    const text = await readFile(path.join(root, 'scenarios', file), 'utf8');
    if (!('surface' in JSON.parse(text))) continue;
    const surface = new module.Surface(text);
    try {
      assertTypeset(JSON.parse(surface.info()).tex);
      scenarios += 1;
    } finally {
      surface.delete();
    }
  }
  assert.ok(scenarios >= 1);
  for (const tex of Object.values(WIDGET_TEX)) assertTypeset(tex);
  // KaTeX's fonts for the document (woff2 beside the kit), its other rules for the shadow roots.
  assert.ok((FONT_FACES.match(/@font-face/g) ?? []).length >= 10);
  assert.doesNotMatch(FONT_FACES, /\.woff\)|\.ttf\)/);
  assert.doesNotMatch(FORMULA_CSS, /@font-face/);
  assert.match(FORMULA_CSS, /\.katex\{/);
});

// Each formula is the function the core minimises: the TeX and the text word for word, and the
// value of each formula, written by hand below from its TeX, against the surface's own value at
// a few points (with other parameters, and moved off the origin as an exercise's instance
// moves it). (tests/core/surfaces.test.cpp checks the same natively.)
test('every surface\'s formula is its value: the TeX, the text and the function agree', async () => {
  const explorer = JSON.parse(await readFile(path.join(root, 'scenarios/saddle-explorer.json'), 'utf8'));
  const cases = [
    ['saddle', 1, 1, null, 'L(x, y) = x^2 - y^2', 'L(x, y) = x² − y²', (x, y) => x * x - y * y],
    ['saddle', 5, 0.5, null, 'L(x, y) = 5 x^2 - 0.5 y^2', 'L(x, y) = 5x² − 0.5y²', (x, y) => 5 * x * x - 0.5 * y * y],
    ['product', 1, 1, null, 'L(w_1, w_2) = (w_1 w_2 - 1)^2', 'L(w₁, w₂) = (w₁w₂ − 1)²', (u, v) => (u * v - 1) ** 2],
    // Input x = 2 and target y = x: (2 w1 w2 - 2)^2.
    ['product', 2, 1, null, 'L(w_1, w_2) = 4 (w_1 w_2 - 1)^2', 'L(w₁, w₂) = 4(w₁w₂ − 1)²', (u, v) => (2 * u * v - 2) ** 2],
    ['product', 1, 1, [0.25, -1.5], 'L(w_1, w_2) = ((w_1 - 0.25) (w_2 + 1.5) - 1)^2', 'L(w₁, w₂) = ((w₁ − 0.25)(w₂ + 1.5) − 1)²',
      (u, v) => ((u - 0.25) * (v + 1.5) - 1) ** 2],
    ['product3', 1, 1, null, 'L(s, t) = (w_1 w_2 w_3 - 1)^2 \\text{ at } (w_1, w_2, w_3) = (s + t, s - t, s)',
      'L(s, t) = (w₁w₂w₃ − 1)² at (w₁, w₂, w₃) = (s + t, s − t, s)', (s, t) => ((s + t) * (s - t) * s - 1) ** 2],
    ['monkey', 1, 1, null, 'L(x, y) = x^3 - 3 x y^2', 'L(x, y) = x³ − 3xy²', (x, y) => x ** 3 - 3 * x * y * y],
    ['monkey', 1, 1, [-0.5, 2], 'L(x, y) = (x + 0.5)^3 - 3 (x + 0.5) (y - 2)^2', 'L(x, y) = (x + 0.5)³ − 3(x + 0.5)(y − 2)²',
      (x, y) => (x + 0.5) ** 3 - 3 * (x + 0.5) * (y - 2) ** 2],
    ['rosenbrock', 1, 1, null, 'L(x, y) = (1 - x)^2 + 100 (y - x^2)^2', 'L(x, y) = (1 − x)² + 100(y − x²)²',
      (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2],
    ['wells', 1, 1, null, 'L(x, y) = (x^2 - 1)^2 + 0.3 x + (y^2 - 1)^2 + 0.15 y', 'L(x, y) = (x² − 1)² + 0.3x + (y² − 1)² + 0.15y',
      (x, y) => (x * x - 1) ** 2 + 0.3 * x + (y * y - 1) ** 2 + 0.15 * y],
    // The curvature primer's quadratic: (a d1^2 + b d2^2) / 2, d1 and d2 the coordinates along the
    // direction at the angle and across it.
    ['quadratic', 1.5, -0.5, null, 'L(w_1, w_2) = \\tfrac12 (1.5 w_1^2 - 0.5 w_2^2)', 'L(w₁, w₂) = ½(1.5w₁² − 0.5w₂²)',
      (u, v) => 0.5 * (1.5 * u * u - 0.5 * v * v)],
    ['quadratic', 2, -1, null, 'L(w_1, w_2) = \\tfrac12 (2 (w_1 \\cos 60^\\circ + w_2 \\sin 60^\\circ)^2 - (w_2 \\cos 60^\\circ - w_1 \\sin 60^\\circ)^2)',
      'L(w₁, w₂) = ½(2(w₁ cos 60° + w₂ sin 60°)² − (w₂ cos 60° − w₁ sin 60°)²)',
      (u, v) => {
        const c = Math.cos(Math.PI / 3), s = Math.sin(Math.PI / 3), d1 = c * u + s * v, d2 = c * v - s * u;
        return 0.5 * (2 * d1 * d1 - d2 * d2);
      }, 60],
  ];
  for (const [name, a, b, center, tex, text, written, angle] of cases) {
    const surface = new module.Surface(JSON.stringify({ ...explorer, surface: { name, a, b, ...(center ? { center } : {}), ...(angle ? { angle } : {}) } }));
    try {
      const info = JSON.parse(surface.info());
      assert.equal(info.tex, tex);
      assert.equal(info.formula, text);
      for (const [x, y] of [[0, 0], [0.3, -0.7], [-1.1, 0.4], [1.7, 1.3]]) {
        const value = JSON.parse(surface.curvature(x, y)).value, expected = written(x, y);
        assert.ok(Math.abs(value - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${tex} at (${x}, ${y}): ${value}, by hand ${expected}`);
      }
    } finally {
      surface.delete();
    }
  }
  assert.deepEqual(new Set(cases.map(([name]) => name)), new Set(catalog.surfaces.map((s) => s.name)));
});
