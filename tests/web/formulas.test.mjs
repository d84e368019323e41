// The tutorial's formulas, typeset at build time (tools/typeset.mjs) as MathML, in headless
// Chromium and Firefox under the page's strict CSP: the page arrives with every formula
// typeset (a <math> element in the HTML as served, before any script), holds no style
// attribute for the CSP to refuse and no mathvariant Chromium would not draw, loads no KaTeX
// code, and draws its formulas with its own math font, served from our origin and cut by the
// build to the characters the formulas use: the font holds every one of them, and its MATH
// table. Screenshots of the first chapter's formulas in test-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { artifacts, root, useBrowser } from './browser.mjs';

const browser = useBrowser();

// The tutorial's HTML as the server sends it, with no script run.
const served = () => new Promise((resolve, reject) => {
  request(`${browser.base}index.html`, (response) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk) => (text += chunk));
    response.on('end', () => resolve(text));
  }).on('error', reject).end();
});

// The tables of an OpenType font (sfnt) and the characters its cmap maps (formats 4 and 12).
function fontTables(sfnt) {
  const tables = new Map();
  for (let i = 0; i < sfnt.readUInt16BE(4); i++) {
    const at = 12 + i * 16;
    tables.set(sfnt.toString('latin1', at, at + 4), sfnt.subarray(sfnt.readUInt32BE(at + 8), sfnt.readUInt32BE(at + 8) + sfnt.readUInt32BE(at + 12)));
  }
  const cmap = tables.get('cmap');
  const mapped = new Set();
  for (let i = 0; i < cmap.readUInt16BE(2); i++) {
    const at = cmap.readUInt32BE(4 + i * 8 + 4);
    const format = cmap.readUInt16BE(at);
    if (format === 12) {
      for (let g = 0; g < cmap.readUInt32BE(at + 12); g++) {
        for (let c = cmap.readUInt32BE(at + 16 + g * 12); c <= cmap.readUInt32BE(at + 20 + g * 12); c++) mapped.add(c);
      }
    } else if (format === 4) {
      const segments = cmap.readUInt16BE(at + 6) / 2;
      for (let s = 0; s < segments; s++) {
        const end = cmap.readUInt16BE(at + 14 + s * 2);
        for (let c = cmap.readUInt16BE(at + 16 + segments * 2 + s * 2); c <= end && c < 0xffff; c++) mapped.add(c);
      }
    }
  }
  return { tables, mapped };
}

test('the tutorial arrives typeset as MathML: no KaTeX HTML, no style attribute, no mathvariant but normal, the math font preloaded', async () => {
  const html = await served();
  const formulas = html.match(/<(span class="math"|div class="math display") data-tex="[^"]*"><math[ >]/g) ?? [];
  assert.ok(formulas.length > 300, `${formulas.length} typeset formulas in the served HTML`);
  assert.equal((html.match(/<math[ >]/g) ?? []).length, formulas.length, 'one <math> a formula');
  assert.doesNotMatch(html, /class="katex/, 'none of KaTeX\'s HTML rendering');
  assert.doesNotMatch(html, /\sstyle="/, 'no style attribute anywhere');
  assert.doesNotMatch(html, /mathvariant="(?!normal")/, 'MathML Core draws mathvariant="normal" only');
  assert.match(html, /<link rel="preload" href="fonts\/stix-two-math\.woff2" as="font" type="font\/woff2" crossorigin>/);
});

test('the math font holds every character the formulas draw, and its MATH table', async () => {
  const html = await served();
  // (Imported when the test runs: slow to load, they are not needed by the other tests.)
  const { default: fontverter } = await import('fontverter');
  const { characters } = await import('../../tools/typeset.mjs');
  const { tables, mapped } = fontTables(await fontverter.convert(readFileSync(path.join(root, 'build/web/fonts/stix-two-math.woff2')), 'sfnt'));
  assert.ok(tables.has('MATH'), 'the MATH table, which places scripts, fractions and radicals');
  const missing = [...characters(html)].filter((c) => !mapped.has(c.codePointAt(0)));
  assert.deepEqual(missing, []);
  assert.ok(mapped.size < 400, `${mapped.size} characters: cut to the formulas'`);
});

for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
  test(`formulas at ${viewport.width} px: no KaTeX code loaded, no CSP violation, drawn with the page's math font`, async () => {
    const { page, problems } = await browser.openPage(`${browser.base}index.html`, viewport);
    try {
      await page.waitForFunction(() => document.documentElement?.dataset.tutorial === 'ready');
      await page.evaluate(() => document.fonts.ready);
      // The scripts the page loaded hold no KaTeX (its parser's error message is in every build of it).
      const scripts = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')).map((r) => r.name));
      assert.ok(scripts.length > 0);
      for (const url of scripts) {
        const text = await page.evaluate((u) => fetch(u).then((r) => r.text()), url);
        assert.ok(!text.includes('KaTeX parse error'), `${url} holds KaTeX`);
      }
      assert.equal(await page.evaluate(() => typeof globalThis.katex), 'undefined');
      // Every MathML script and fraction whole as parsed (Firefox reports one laid out while the
      // parser had not delivered all its children; tests/web/firefox.mjs lets that report pass).
      const CHILDREN = { msup: 2, msub: 2, mfrac: 2, munder: 2, mover: 2, msubsup: 3, munderover: 3 };
      assert.deepEqual(await page.evaluate((children) => [...document.querySelectorAll(Object.keys(children).join(','))]
        .filter((m) => m.childElementCount !== children[m.localName]).map((m) => `${m.localName} in ${m.closest('[data-tex]')?.dataset.tex}`), CHILDREN), []);
      assert.equal(await page.evaluate(() => document.querySelectorAll('.math [style]').length), 0, 'no inline style in a formula');
      const report = await page.evaluate(() => {
        const formulas = [...document.querySelectorAll('span.math, div.math.display')];
        return {
          count: formulas.length,
          errors: document.querySelectorAll('.katex-error').length,
          // A formula the browser did not lay out as MathML (an engine without MathML Core)
          // would be its text in a line: as tall as a line of it at most.
          empty: formulas.filter((f) => { const box = f.querySelector('math')?.getBoundingClientRect(); return !box || box.width === 0 || box.height === 0; }).map((f) => f.dataset.tex),
          fractionsStacked: [...document.querySelectorAll('mfrac')].every((m) => m.children[0].getBoundingClientRect().bottom <= m.children[1].getBoundingClientRect().top + 0.5),
          mathFont: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'STIX Two Math').map((f) => f.status),
          fontRequests: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.woff2') && !r.name.includes('/katex/')).map((r) => new URL(r.name).pathname),
        };
      });
      assert.ok(report.count > 300);
      assert.equal(report.errors, 0);
      assert.deepEqual(report.empty, []);
      assert.ok(report.fractionsStacked, 'every fraction\'s numerator above its denominator');
      assert.deepEqual(report.mathFont, ['loaded']);
      assert.deepEqual(report.fontRequests, ['/fonts/stix-two-math.woff2']);
      await page.evaluate(() => document.querySelector('#landscape').scrollIntoView());
      await page.screenshot({ path: path.join(artifacts, `formulas-${viewport.width}.png`) });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}
