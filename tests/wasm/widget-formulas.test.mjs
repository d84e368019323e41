// The widgets' formulas (tools/widget-formulas.mjs, run by the web build): every formula the core
// writes of a surface of its catalog or of a bundled surface scenario (the saddle explorer's
// menu and description), and every fixed formula of the widgets' text (web/src/kit/widget-tex.js),
// is in the generated module typeset: KaTeX's HTML with its MathML, the TeX in the annotation,
// no style attribute (the CSP refuses them; each is a class the module's stylesheet defines).
// The surfaces' formulas are the core's: the catalog and each surface's info agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { WIDGET_TEX } from '../../web/src/kit/widget-tex.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { FORMULAS, FORMULA_CSS, FONT_FACES } = await import(path.join(root, 'build/generated/formulas.js'));
const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
const module = await createLandscapeModule({ wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')) });
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
  assert.equal(catalog.surfaces.length, 6);
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
