// Figures readable on their own, in headless Chromium and Firefox: each embeddable widget alone
// (embed.html?widget=NAME) and the tutorial's first figures, at 1280 px and again at 360 px on
// the same page. Every 2-D plot has tick labels on both axes (the heatmaps' frames of
// kit/plot-frame.js, the line charts of kit/chart.js); every colour-coded plot has a colour bar with
// ticks; no two labels of one figure overlap (their boxes on screen). Nothing is trained beyond
// what the figure needs to show: a widget is checked once its first view is drawn. Each widget's
// SVG export holds what its figures show: every tick label and colour-bar label as text, every
// heatmap as an image.
import { copyFile, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, useBrowser } from './browser.mjs';

const browser = useBrowser();
const LONG = 300000; // a widget that trains first (the slices), on a loaded machine

// [widget, the states that say its first view is drawn, what to do then (e.g. show labels)]
const WIDGETS = [
  ['saddle-explorer', ['ready'], async (page, widget) => {
    // The pointer on the saddle of (w1 w2 - 1)^2: its λ labels beside the points' labels.
    const box = await widget.locator('svg[data-role="overlay"]').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => document.querySelector('lll-saddle-explorer').shadowRoot.querySelectorAll('text.eigen-label').length === 2);
  }],
  ['curvature-primer', ['ready']],
  ['landscape-slice', ['ready']],
  ['skip-width', ['ready']],
  ['playground', ['ready', 'paused', 'waiting']],
  ['spectrum-while-training', ['ready', 'paused', 'done']],
  ['index-versus-loss', ['ready', 'done']],
  ['deep-linear-networks', ['ready']],
  ['added-neuron', ['ready', 'paused', 'finished']],
  ['between-minima', ['ready']],
  ['sharp-flat', ['ready']],
  ['interpolation', ['ready']],
];

// What the figures of `host` (a widget's shadow root) show now: per figure, its tick labels
// on each axis, its colour bar's tick labels (null: none) and the boxes of its labels.
function survey(selector) {
  const root = document.querySelector(selector).shadowRoot;
  const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && e.textContent.trim(); };
  const box = (e) => { const r = e.getBoundingClientRect(); return { text: e.textContent.trim(), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom }; };
  const labels = (e) => [...e.querySelectorAll('text')].filter(visible).map(box);
  const figures = [];
  for (const frame of root.querySelectorAll('.plot-frame')) {
    if (!frame.getBoundingClientRect().width) continue; // a hidden panel (the convexity map before it is asked for)
    const plot = frame.querySelector('.plot-box');
    const bar = frame.querySelector('[data-role="color-bar"]');
    // Colour-coded by a value: a heatmap's canvas, or the playground's output field (not its
    // 1-D curve, nor a field coloured by class).
    const coded = plot.matches('.heatmap-plot') || plot.dataset.colorCoded === 'value';
    figures.push({
      kind: 'heatmap',
      role: plot.dataset.role ?? null,
      ticks: { x: [...frame.querySelectorAll('[data-role="x-axis"] .tick text')].filter(visible).map((e) => e.textContent),
        y: [...frame.querySelectorAll('[data-role="y-axis"] .tick text')].filter(visible).map((e) => e.textContent),
        bar: bar && !bar.hidden ? [...bar.querySelectorAll('.tick text')].filter(visible).map((e) => e.textContent) : [] },
      x: [...frame.querySelectorAll('[data-role="x-axis"] .tick text')].filter(visible).length,
      y: [...frame.querySelectorAll('[data-role="y-axis"] .tick text')].filter(visible).length,
      names: [...frame.querySelectorAll('.axis-name')].map((e) => e.textContent),
      coded,
      bar: bar && !bar.hidden ? [...bar.querySelectorAll('.tick text')].filter(visible).length : null,
      labels: labels(frame),
    });
  }
  for (const svg of root.querySelectorAll('.chart svg')) {
    if (!svg.getBoundingClientRect().width) continue;
    // kit/chart.js: the y axis first, then the x axis (a bar chart's category axis counts too).
    const axes = [...svg.querySelectorAll('g.axis:not(.zero)')].map((g) => [...g.querySelectorAll('.tick text')].filter(visible).length);
    const ticks = [...svg.querySelectorAll('g.axis .tick text')].map((e) => e.textContent).filter(Boolean);
    figures.push({ kind: 'chart', axes, ticks, log: /\(log scale\)/.test(svg.textContent), labels: labels(svg) });
  }
  return figures;
}

// Pairs of labels of one figure whose boxes overlap by more than a pixel each way.
function overlaps(labels) {
  const found = [];
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
    const a = labels[i], b = labels[j];
    if (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 1 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 1) found.push(`"${a.text}" and "${b.text}"`);
  }
  return found;
}

// The widget's SVG export (its SVG button), and the tick and colour-bar labels it shows.
async function exported(page, tag) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`${tag} [data-role="export-svg"]`).click()]);
  const shown = await page.evaluate((t) => {
    const root = document.querySelector(t).shadowRoot;
    return {
      labels: [...new Set([...root.querySelectorAll('.tick text, [data-role="color-bar"] text')].map((e) => e.textContent).filter(Boolean))],
      heatmaps: [...root.querySelectorAll('canvas')].filter((c) => c.getBoundingClientRect().width >= 2).length,
    };
  }, tag);
  return { text: await readFile(await file.path(), 'utf8'), ...shown };
}

const POWER = /^10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+$/;
const number = (t) => Number(t.replace('−', '-'));

// The playground's output plot (the kit's heatmap plot): the data window's values on both
// axes (x₁, x₂ over [-6, 6] for the default data), and the colour bar of the network's
// output from -1 to 1 with 0 in its middle.
function checkOutputPlot(width, figures) {
  const plot = figures.find((f) => f.role === 'plot');
  const where = `playground at ${width} px, the output plot`;
  assert.ok(plot, `${where}: found`);
  assert.ok(plot.names.includes('x₁') && plot.names.includes('x₂'), `${where}: axes named x₁ and x₂ (${plot.names.join(', ')})`);
  for (const axis of ['x', 'y']) {
    const values = plot.ticks[axis].map(number);
    assert.ok(values.length >= 2 && values.every((v) => v >= -6 && v <= 6), `${where}: ${axis} ticks in the data window (${plot.ticks[axis].join(' ')})`);
    assert.ok(Math.min(...values) < 0 && Math.max(...values) > 0, `${where}: ${axis} ticks either side of 0 (${plot.ticks[axis].join(' ')})`);
  }
  assert.ok(plot.names.some((n) => /network output/.test(n)), `${where}: the colour bar names the network's output (${plot.names.join(', ')})`);
  const bar = plot.ticks.bar.map(number);
  assert.ok(bar.includes(-1) && bar.includes(0) && bar.includes(1), `${where}: colour bar ticks -1, 0, 1 (${plot.ticks.bar.join(' ')})`);
}

function check(name, width, figures) {
  assert.ok(figures.length, `${name} at ${width} px: no figure found`);
  figures.forEach((f, i) => {
    const where = `${name} at ${width} px, figure ${i + 1} (${f.kind})`;
    if (f.kind === 'heatmap') {
      assert.ok(f.x >= 2 && f.y >= 2, `${where}: tick labels on both axes (x ${f.x}, y ${f.y})`);
      assert.equal(f.names.filter(Boolean).length >= 2, true, `${where}: both axes named`);
      if (f.coded) assert.ok(f.bar >= 2, `${where}: a colour bar with ticks (${f.bar})`);
    } else {
      assert.ok(f.axes.length >= 2 && f.axes.every((n) => n >= 2), `${where}: tick labels on both axes (${f.axes.join(', ')})`);
      // Powers of ten as a reader writes them (10⁻², with superscript digits), never "1e-2".
      assert.deepEqual(f.ticks.filter((t) => /\de[-+]?\d/.test(t)), [], `${where}: no tick written as 1eN`);
      if (f.log) assert.ok(f.ticks.some((t) => POWER.test(t)), `${where}: a log axis names powers of ten as 10ᵏ (${f.ticks.join(' ')})`);
    }
    assert.deepEqual(overlaps(f.labels), [], `${where}: labels overlap`);
  });
}

for (const [name, states, act] of WIDGETS) {
  test(`${name}: axes with ticks, a colour bar where colour-coded, no labels overlapping, at 1280 and 360 px`, async () => {
    const { page, problems } = await browser.openPage(`${browser.base}embed.html?widget=${name}`, { width: 1280, height: 900 });
    try {
      const tag = `lll-${name}`;
      await page.waitForFunction(([t, s]) => s.includes(document.querySelector(t)?.dataset.state), [tag, states], { timeout: LONG });
      const widget = page.locator(tag);
      if (act) await act(page, widget);
      const wide = await page.evaluate(survey, tag);
      check(name, 1280, wide);
      if (name === 'playground') checkOutputPlot(1280, wide);
      if (name === 'index-versus-loss') assert.ok(wide.some((f) => f.kind === 'chart' && f.log), 'index-versus-loss: its log axis is checked');
      const svg = await exported(page, tag);
      const escaped = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const missing = svg.labels.filter((label) => !svg.text.includes(`>${escaped(label)}</text>`));
      assert.deepEqual(missing, [], `${name}: the SVG export holds every tick and colour-bar label as text`);
      assert.equal((svg.text.match(/<image /g) ?? []).length, svg.heatmaps, `${name}: every heatmap shown is an image in the SVG export`);
      if (name === 'saddle-explorer' || name === 'playground') {
        // The exported pictures, kept to be looked at.
        const [png] = await Promise.all([page.waitForEvent('download'), page.locator(`${tag} [data-role="export-png"]`).click()]);
        await copyFile(await png.path(), path.join(artifacts, `export-${name}.png`));
      }
      assert.match(svg.text, new RegExp(`Loss Landscape Lab, ${name}\\b[^<]*</text></svg>$`), `${name}: the export names its source`);
      // The playground's like every widget's: its scenario (the data set) and the step shown.
      if (name === 'playground') {
        const step = await page.evaluate((t) => document.querySelector(t).current.step, tag);
        assert.match(svg.text, new RegExp(`>Loss Landscape Lab, playground, scenario [a-z-]+, step ${step}\\b[^<]*</text></svg>$`), 'playground: the export names scenario and step');
      }
      await page.setViewportSize({ width: 360, height: 900 });
      // The frames redraw on their resize observers: two frames later the new layout is drawn.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      if (act) await act(page, widget);
      const narrow = await page.evaluate(survey, tag);
      check(name, 360, narrow);
      if (name === 'playground') checkOutputPlot(360, narrow);
      if (name === 'saddle-explorer' || name === 'landscape-slice') await widget.screenshot({ path: path.join(artifacts, `figures-${name}-360.png`) });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}

test('the tutorial\'s Figure 1 (the saddle explorer on (w1 w2 - 1)^2) and the monkey saddle: framed, labels apart, at 1280 and 360 px', async () => {
  const { page, problems } = await browser.openPage(undefined, { width: 1280, height: 1000 });
  try {
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 1000 });
      for (const id of ['product', 'monkey']) {
        const selector = `lll-saddle-explorer#${id}`;
        await page.locator(selector).scrollIntoViewIfNeeded(); // widgets compute when in view
        await page.waitForFunction((s) => document.querySelector(s)?.dataset.state === 'ready', selector, { timeout: LONG });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const figures = await page.evaluate(survey, selector);
        check(`tutorial ${id}`, width, figures);
        // Named by what they are: no point of Figure 1 is called by the qualifier alone.
        if (id === 'product') {
          const names = await page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('[data-role="point-label"]')].map((t) => t.textContent), selector);
          assert.equal(names.filter((n) => n.startsWith('global minimum')).length, 2, names.join(' | '));
          assert.ok(names.includes('saddle'), names.join(' | '));
        }
      }
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
