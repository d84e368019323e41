// The tutorial's formulas, typeset at build time (tools/typeset.mjs), in headless Chromium and
// Firefox under the page's strict CSP: the page arrives with every formula typeset (in the HTML
// as served, before any script), holds no style attribute for the CSP to refuse, loads no
// KaTeX code, and each formula is laid out exactly as KaTeX's own katex.render lays it out
// in the same place (KaTeX's script evaluated into the page by the test, which the CSP
// allows, sets its styles through the CSSOM): the same width and height to a tenth of a pixel,
// at 1280 and 360 px. Screenshots of the first chapter's formulas in test-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { artifacts, useBrowser } from './browser.mjs';

const browser = useBrowser();
const katexSource = readFileSync(createRequire(import.meta.url).resolve('katex/dist/katex.min.js'), 'utf8');

// The tutorial's HTML as the server sends it, with no script run.
const served = () => new Promise((resolve, reject) => {
  request(`${browser.base}index.html`, (response) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk) => (text += chunk));
    response.on('end', () => resolve(text));
  }).on('error', reject).end();
});

test('the tutorial arrives typeset: KaTeX HTML and MathML in the page, no style attribute, the generated stylesheet linked', async () => {
  const html = await served();
  const formulas = html.match(/<(span class="math"|div class="math display") data-tex="/g) ?? [];
  assert.ok(formulas.length > 300, `${formulas.length} typeset formulas in the served HTML`);
  assert.equal((html.match(/class="katex-mathml"/g) ?? []).length, formulas.length, 'each with its MathML');
  assert.doesNotMatch(html, /\sstyle="/, 'no style attribute anywhere');
  assert.match(html, /<link rel="stylesheet" href="katex\/formulas\.css">/);
});

for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
  test(`formulas at ${viewport.width} px: no KaTeX code loaded, no CSP violation, laid out as katex.render lays them out`, async () => {
    const { page, problems } = await browser.openPage(`${browser.base}index.html`, viewport);
    try {
      await page.waitForFunction(() => document.documentElement.dataset.tutorial === 'ready');
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
      await page.evaluate(katexSource);
      const report = await page.evaluate(() => {
        const trust = (context) => context.command === '\\htmlClass' && context.class === 'computed';
        const differences = [];
        const formulas = [...document.querySelectorAll('span.math, div.math.display')];
        for (const formula of formulas) {
          const probe = document.createElement(formula.localName);
          probe.className = formula.className;
          formula.after(probe);
          globalThis.katex.render(formula.dataset.tex, probe, {
            displayMode: formula.localName === 'div', throwOnError: false, output: 'htmlAndMathml', strict: 'ignore', trust,
          });
          const size = (element) => {
            const box = element.querySelector('.katex-html').getBoundingClientRect();
            return [Math.round(box.width * 100) / 100, Math.round(box.height * 100) / 100];
          };
          const [built, rendered] = [size(formula), size(probe)];
          // A tenth of a pixel: operator names (\sin, \max) come out a few hundredths wider from
          // katex.render (its DOM splits their text differently, and the font's shaping with it).
          if (Math.abs(built[0] - rendered[0]) > 0.1 || Math.abs(built[1] - rendered[1]) > 0.1) differences.push(`${formula.dataset.tex}: ${built} here, ${rendered} by katex.render`);
          probe.remove();
        }
        return { count: formulas.length, differences, errors: document.querySelectorAll('.katex-error').length };
      });
      assert.ok(report.count > 300);
      assert.equal(report.errors, 0);
      assert.deepEqual(report.differences.slice(0, 10), [], `${report.differences.length} of ${report.count} formulas differ`);
      await page.evaluate(() => document.querySelector('#landscape').scrollIntoView());
      await page.screenshot({ path: path.join(artifacts, `formulas-${viewport.width}.png`) });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}
