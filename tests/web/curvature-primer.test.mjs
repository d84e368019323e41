// The curvature primer (the tutorial's Figure 2) in headless Chromium and Firefox: the reader
// sets the Hessian's two eigenvalues (and the angle of the first one's direction) with sliders;
// once drawn, the widget shows the eigenvectors as arrows labelled with the eigenvalues set, in
// the colour of their sign, and names in words what the signs make of H and of the point
// (definite, indefinite, singular). What it publishes (data-eigenvalues, data-definiteness,
// data-kind) is read after the state says the new view is drawn. A link reopens it as set. In
// the tutorial it sits in the primer of Chapter 1. Screenshots at 1280 and 360 px in
// test-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, stateAfter, useBrowser } from './browser.mjs';

const browser = useBrowser();
const SELECTOR = 'lll-curvature-primer';

// What the figure shows and publishes now.
const shown = (page, selector = SELECTOR) => page.evaluate((s) => {
  const element = document.querySelector(s);
  const root = element.shadowRoot;
  return {
    eigenvalues: element.dataset.eigenvalues.split(',').map(Number),
    definiteness: element.dataset.definiteness,
    kind: element.dataset.kind,
    verdict: root.querySelector('[data-role="verdict"]').textContent,
    labels: [...root.querySelectorAll('text.eigen-label')].map((t) => ({ text: t.textContent, fill: t.getAttribute('fill') })),
    arrows: root.querySelectorAll('line.eigen-arrow').length,
    heads: root.querySelectorAll('polygon.eigen-head').length,
    colorMap: root.querySelector('.heatmap-plot').dataset.colorMap,
    ticks: root.querySelectorAll('[data-role="x-axis"] .tick text').length,
    bar: root.querySelectorAll('[data-role="color-bar"] .tick text').length,
  };
}, selector);

// Sets the sliders as a reader drags them, one after the other, and waits for the view of the last.
async function setSliders(page, values) {
  await stateAfter(page, SELECTOR, async () => {
    for (const [role, value] of Object.entries(values)) await page.locator(`${SELECTOR} [data-role="${role}"]`).fill(String(value));
  }, ['ready']);
  // The last value's view (an earlier one may have finished first and said ready).
  await page.waitForFunction(([s, wanted]) => document.querySelector(s).dataset.parameters === wanted && document.querySelector(s).dataset.state === 'ready',
    [SELECTOR, ['lambda1', 'lambda2', 'angle'].map((k) => values[k]).join(',')]);
}

const RED = '#dc2626', BLUE = '#1d4ed8', GREY = '#8b929e';

test('the sliders set the eigenvalues; arrows, labels and words follow their signs', async () => {
  const { page, problems } = await browser.openPage(`${browser.base}embed.html?widget=curvature-primer`, { width: 1280, height: 900 });
  try {
    await page.waitForFunction((s) => document.querySelector(s)?.dataset.state === 'ready', SELECTOR);
    // The scenario's stretched bowl: two positive eigenvalues, a minimum; framed and coloured.
    const first = await shown(page);
    assert.equal(first.definiteness, 'positive definite');
    assert.equal(first.kind, 'minimum');
    assert.match(first.verdict, /^Positive definite: .*A bowl.*minimum/);
    assert.equal(first.arrows, 4, 'two eigenvectors, each both ways');
    assert.equal(first.heads, 4);
    assert.deepEqual(first.labels.map((l) => l.fill), [BLUE, BLUE]);
    assert.equal(first.colorMap, 'sequential');
    assert.ok(first.ticks >= 3 && first.bar >= 3, `ticked axes and colour bar: ${first.ticks}, ${first.bar}`);
    await page.locator(SELECTOR).screenshot({ path: path.join(artifacts, 'curvature-primer-1280.png') });

    const cases = [
      [{ lambda1: -1, lambda2: 2, angle: 45 }, 'indefinite', 'saddle', [-1, 2], [RED, BLUE], /^Indefinite: .*A saddle/],
      [{ lambda1: -1.5, lambda2: -0.5, angle: 0 }, 'negative definite', 'maximum', [-1.5, -0.5], [RED, RED], /^Negative definite: .*A dome.*maximum/],
      [{ lambda1: 0, lambda2: 1.25, angle: 90 }, 'singular', 'degenerate', [0, 1.25], [GREY, BLUE], /^Singular: one eigenvalue zero\. A valley with a level floor/],
      [{ lambda1: -0.75, lambda2: 0, angle: 30 }, 'singular', 'degenerate', [-0.75, 0], [RED, GREY], /^Singular: one eigenvalue zero\. A ridge with a level crest/],
      [{ lambda1: 0, lambda2: 0, angle: 0 }, 'singular', 'degenerate', [0, 0], [GREY, GREY], /^Singular: both eigenvalues zero/],
      [{ lambda1: 2, lambda2: 0.5, angle: 150 }, 'positive definite', 'minimum', [0.5, 2], [BLUE, BLUE], /^Positive definite/],
    ];
    for (const [values, definiteness, kind, eigenvalues, colors, verdict] of cases) {
      await setSliders(page, values);
      const now = await shown(page);
      const where = JSON.stringify(values);
      assert.equal(now.definiteness, definiteness, where);
      assert.equal(now.kind, kind, where);
      assert.ok(now.eigenvalues.every((v, i) => Math.abs(v - eigenvalues[i]) < 1e-12), `${where}: ${now.eigenvalues}`);
      assert.match(now.verdict, verdict, where);
      assert.equal(now.arrows, 4, where);
      // Each arrow labelled with its eigenvalue, in the colour of its sign.
      assert.deepEqual(now.labels.map((l) => l.text), eigenvalues.map((v) => `λ = ${v}`), where);
      assert.deepEqual(now.labels.map((l) => l.fill), colors, where);
      if (definiteness === 'indefinite') assert.equal(now.colorMap, 'diverging', `${where}: values of both signs`);
    }
    // The readout names H's entries and the point, in words.
    const readout = await page.locator(`${SELECTOR} [data-role="readout"]`).textContent();
    assert.match(readout, /H is\s*positive definite/);
    // The link reopens the figure as set.
    const state = await page.evaluate(() => location.hash);
    assert.match(state, /lambda1=2.*lambda2=0\.5.*angle=150/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a link opens it as set; at 360 px the figure fits, framed, its labels apart', async () => {
  const { page, problems } = await browser.openPage(`${browser.base}embed.html?widget=curvature-primer#lambda1=-1&lambda2=0.5&angle=60`, { width: 360, height: 900 });
  try {
    await page.waitForFunction((s) => document.querySelector(s)?.dataset.state === 'ready', SELECTOR);
    const now = await shown(page);
    assert.ok(now.eigenvalues.every((v, i) => Math.abs(v - [-1, 0.5][i]) < 1e-12), String(now.eigenvalues));
    assert.equal(now.definiteness, 'indefinite');
    assert.equal(now.kind, 'saddle');
    assert.ok(now.ticks >= 2 && now.bar >= 2);
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(fits, 'no sideways scrolling at 360 px');
    // The two eigenvalue labels do not overlap each other.
    const boxes = await page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('text.eigen-label')].map((t) => {
      const r = t.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom];
    }), SELECTOR);
    const [a, b] = boxes;
    assert.ok(a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1], `labels apart: ${JSON.stringify(boxes)}`);
    await page.locator(SELECTOR).screenshot({ path: path.join(artifacts, 'curvature-primer-360.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the sliders span the core\'s ranges; a link\'s value outside them is refused, named, and the scenario\'s kept', async () => {
  const { page, problems } = await browser.openPage(`${browser.base}embed.html?widget=curvature-primer#lambda1=3&lambda2=0.5&angle=200`, { width: 1280, height: 900 });
  try {
    await page.waitForFunction((s) => document.querySelector(s)?.dataset.state === 'ready', SELECTOR);
    const sliders = await page.evaluate((s) => Object.fromEntries(['lambda1', 'lambda2', 'angle'].map((role) => {
      const input = document.querySelector(s).shadowRoot.querySelector(`input[data-role="${role}"]`);
      return [role, [input.min, input.max, input.step, input.value].map(Number)];
    })), SELECTOR);
    // The core's ranges (its quadratic's parameters); lambda2 as the link set it, the others the scenario's.
    assert.deepEqual(sliders, { lambda1: [-2, 2, 0.25, 1.5], lambda2: [-2, 2, 0.25, 0.5], angle: [0, 180, 15, 30] });
    const note = await page.locator(`${SELECTOR} [data-role="link-note"]`).textContent();
    assert.match(note, /lambda1: "3" is not a number from -2 to 2/);
    assert.match(note, /angle: "200" is not a number from 0 to 180/);
    assert.equal(await page.evaluate((s) => document.querySelector(s).dataset.parameters, SELECTOR), '1.5,0.5,30');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('in the tutorial, the primer of Chapter 1 holds the figure, numbered 2, before the chapter\'s Hessian of Figure 1', async () => {
  const { page, problems } = await browser.openPage(`${browser.base}index.html`, { width: 1280, height: 900 });
  try {
    await page.waitForFunction(() => document.documentElement?.dataset.tutorial === 'ready');
    const place = await page.evaluate(() => {
      const figure = document.querySelector('#figure-curvature');
      return {
        chapter: figure?.closest('section.chapter')?.id,
        number: figure?.querySelector('.figure-number')?.textContent,
        afterPrimer: Boolean(document.querySelector('#curvature-primer').compareDocumentPosition(figure) & Node.DOCUMENT_POSITION_FOLLOWING),
        numbers: [...document.querySelectorAll('.figure-number')].map((n) => n.textContent),
      };
    });
    assert.equal(place.chapter, 'landscape');
    assert.equal(place.number, 'Figure 2.');
    assert.ok(place.afterPrimer);
    // The figures are numbered in order, each once.
    const main = place.numbers.filter((n) => /^Figure \d+\.$/.test(n)).map((n) => Number(n.match(/\d+/)[0]));
    assert.deepEqual(main, main.map((_, i) => i + 1));
    await page.locator('#curvature').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('#curvature')?.dataset.state === 'ready');
    assert.equal(await page.evaluate(() => document.querySelector('#curvature').dataset.kind), 'minimum');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
