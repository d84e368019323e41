// Every control by keyboard, in headless Chromium and Firefox, checked through what the widget and its
// core report: the saddle explorer's cross moves with the arrow keys and Enter starts the
// optimizers there; a playground point is added by keyboard (the core's point count grows);
// the output bias is edited by keyboard (the core's parameter changes, a bad value is refused
// naming the field); Play and Pause are announced in the widget's live region; charts carry
// a text alternative that follows training. Focus states are photographed at 1280 and 360 px
// (test-artifacts/focus-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, useBrowser } from './browser.mjs';

const browser = useBrowser();

// The focused element, looked up through the shadow roots: its tag and data-role.
const focused = (page) => page.evaluate(() => {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element ? { tag: element.localName, role: element.getAttribute('data-role'), output: element.getAttribute('data-output'),
    outline: getComputedStyle(element).outlineStyle, outlineWidth: getComputedStyle(element).outlineWidth } : null;
});

// Presses Tab (or Shift+Tab) until the focused element matches; fails after `limit` presses.
async function tabTo(page, matches, { back = false, limit = 120 } = {}) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const element = await focused(page);
    if (element && matches(element)) return element;
  }
  throw new Error(`no focusable element matched after ${limit} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

// The lines said in a widget's live region so far.
const announced = (page, selector) => page.evaluate((s) => [...document.querySelector(s).shadowRoot
  .querySelector('[data-role="announcer"]').children].map((line) => line.textContent), selector);

test('saddle explorer by keyboard: Tab reaches the plot, arrow keys move the cross, Enter starts the optimizers', async () => {
  const { page, problems } = await browser.openPage(`${browser.base}#at=figure-product`, { width: 1280, height: 1000 });
  const selector = 'lll-saddle-explorer#product';
  try {
    await page.locator(selector).scrollIntoViewIfNeeded();
    await page.waitForFunction((s) => document.querySelector(s)?.dataset.state === 'ready', selector);
    // From the widget's surface menu, Tab reaches the plot.
    await page.locator(`${selector} [data-role="surface"]`).focus();
    const plot = await tabTo(page, (e) => e.role === 'overlay', { limit: 5 });
    assert.equal(plot.outline, 'solid', 'the focused plot shows a focus ring');
    assert.equal(plot.outlineWidth, '3px');
    const state = () => page.evaluate((s) => {
      const w = document.querySelector(s);
      return { cursor: w.cursor, window: w.info.window, start: w.startPoint, state: w.dataset.state,
        label: w.shadowRoot.querySelector('[data-role="plot-description"]').textContent };
    }, selector);
    const before = await state();
    const [x0, x1, y0, y1] = before.window;
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    const moved = await state();
    assert.ok(Math.abs(moved.cursor[0] - (before.cursor[0] + (2 * (x1 - x0)) / 20)) < 1e-12, `cross x ${moved.cursor[0]}`);
    assert.ok(Math.abs(moved.cursor[1] - (before.cursor[1] + (y1 - y0) / 20)) < 1e-12, `cross y ${moved.cursor[1]}`);
    assert.match(moved.label, /cross at \(0\.4, 0\.2\)/, 'the text alternative names the cross');
    await page.locator(selector).screenshot({ path: path.join(artifacts, 'focus-saddle-explorer-1280.png') });
    await page.keyboard.press('Enter');
    await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'done', selector, { timeout: 30000 });
    const done = await state();
    assert.deepEqual(done.start, moved.cursor, 'the optimizers started at the cross');
    // The core's classification of where each ended, in the text alternative and said aloud.
    assert.match(done.label, /where they ended: .*Newton/);
    const said = await announced(page, selector);
    assert.ok(said.some((line) => line.startsWith('Optimizers started at (0.4, 0.2)')), said.join(' | '));
    assert.ok(said.some((line) => /^The optimizers ended\. .*(minimum|saddle)/.test(line)), said.join(' | '));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

const playground = 'lll-playground';
async function openPlayground(query, viewport) {
  const { page, problems } = await browser.openPage(`${browser.base}playground.html${query}`, viewport);
  await page.waitForFunction((s) => ['ready'].includes(document.querySelector(s)?.dataset.state), playground, { timeout: 20000 });
  return { page, problems };
}
// A run is named by its worker's generation and its handle there: a fresh worker (after a
// cancel) numbers its handles from 1 again.
const runInfo = (page) => page.evaluate((s) => {
  const p = document.querySelector(s);
  return { run: p.run && `${p.run.generation}/${p.run.handle}`, points: p.run?.info.points.x.length, data: p.state.data, state: p.dataset.state };
}, playground);
// A run other than `run`, ready and drawn. Its published state alone does not say so: a reset
// that ends within one frame goes ready -> loading -> ready with nothing published in between,
// while the new run is assigned before its first snapshot is drawn; draw() clears `dirty`,
// which that snapshot set.
const newRun = (page, run) => page.waitForFunction(([s, r]) => {
  const p = document.querySelector(s);
  return p.run && `${p.run.generation}/${p.run.handle}` !== r && p.currentState === 'ready' && p.dataset.state === 'ready' && !p.dirty;
}, [playground, run], { timeout: 20000 });

test('playground by keyboard: a point added at the cursor, the output bias edited, Play and Pause announced', async () => {
  const { page, problems } = await openPlayground('', { width: 1280, height: 1000 });
  try {
    // The output plot, reached by Tab.
    const plot = await tabTo(page, (e) => e.role === 'plot');
    assert.equal(plot.outline, 'solid');
    const before = await runInfo(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await newRun(page, before.run);
    const after = await runInfo(page);
    assert.equal(after.data, 'custom');
    assert.equal(after.points, before.points + 1, 'the core trains on one point more');
    // The point is where the cursor was: (0.6, 0.6) after one step right and up (a twentieth
    // of the window [-6, 6], the kit's step for every plot).
    const last = await page.evaluate((s) => document.querySelector(s).run.info.points.x.at(-1), playground);
    assert.deepEqual(last, [0.6, 0.6]);
    assert.equal((await focused(page)).role, 'plot', 'the focus stays on the plot');
    await page.keyboard.press('Enter');
    await newRun(page, after.run);
    assert.equal((await runInfo(page)).points, before.points + 2);
    const label = await page.locator(`${playground} [data-role="plot"]`).getAttribute('aria-label');
    assert.match(label, new RegExp(`${before.points + 2} training points; epoch 0; training loss [0-9.e-]+`));
    await page.locator(`${playground} .pg-output`).screenshot({ path: path.join(artifacts, 'focus-playground-plot-1280.png') });

    // The output bias: Tab to it, Enter opens the field, a value and Enter restart the run.
    await tabTo(page, (e) => e.role === 'output-bias', { back: true });
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).role, 'output-bias-input');
    await page.locator(`${playground} .pg-network`).screenshot({ path: path.join(artifacts, 'focus-playground-bias-1280.png') });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await page.waitForFunction((s) => /output bias: "abc" must be a number/.test(document.querySelector(s).shadowRoot.querySelector('[data-role="message"]').textContent), playground);
    assert.equal((await focused(page)).role, 'output-bias-input', 'a refused value keeps the field open');
    const { run } = await runInfo(page);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0.75');
    await page.keyboard.press('Enter');
    await newRun(page, run);
    const bias = await page.evaluate(async (s) => {
      const p = document.querySelector(s);
      const params = await p.client.call('parameters', { handle: p.run.handle });
      return params[p.run.info.parameter_count - 1];
    }, playground);
    assert.equal(bias, 0.75, 'the core reports the typed bias');
    await page.waitForFunction((s) => {
      let e = document.activeElement;
      while (e?.shadowRoot?.activeElement) e = e.shadowRoot.activeElement;
      return e?.getAttribute('data-role') === 'output-bias';
    }, playground);

    // Play and Pause by keyboard, said in the live region.
    await tabTo(page, (e) => e.role === 'play', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'running', playground);
    // Trained a while: the epoch counter drawn at 100 epochs or more, so the loss has moved.
    await page.waitForFunction((s) => Number(document.querySelector(s).shadowRoot.querySelector('[data-role="epoch"]').textContent) >= 100, playground);
    await page.keyboard.press('Enter');
    await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'paused', playground);
    const said = await announced(page, playground);
    assert.ok(said.includes('Training started.') && said.includes('Training paused.'), said.join(' | '));
    assert.ok(said.includes('Output bias set to 0.75.'), said.join(' | '));
    // The loss chart's text alternative follows training: it is rewritten at most once a second,
    // and ends on the epochs shown once paused (the chart's epochs start at 0).
    await page.waitForFunction((s) => {
      const p = document.querySelector(s);
      const epochs = Number(p.shadowRoot.querySelector('[data-role="epoch"]').textContent).toLocaleString('en-US');
      return p.shadowRoot.querySelector('[data-role="loss-chart"] [data-role="chart-description"]').textContent.includes(` in ${epochs} epochs`);
    }, playground);
    const chart = await page.locator(`${playground} [data-role="loss-chart"] svg`);
    assert.equal(await chart.getAttribute('aria-label'), 'Loss');
    const description = await page.locator(`${playground} [data-role="loss-chart"] [data-role="chart-description"]`).textContent();
    assert.equal(await chart.getAttribute('aria-describedby'), await page.locator(`${playground} [data-role="loss-chart"] [data-role="chart-description"]`).getAttribute('id'));
    assert.match(description, /^training loss (fell|rose) from [0-9.e-]+ to [0-9.e-]+ in [\d,]+ epochs/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the added-neuron experiment by keyboard: Play announced, the charts describe the finished run', async () => {
  const { page, problems } = await browser.openPage(`${browser.base}embed.html?widget=added-neuron&scenario=rescue`, { width: 1280, height: 1000 });
  const selector = 'lll-added-neuron';
  try {
    await page.waitForFunction((s) => document.querySelector(s)?.dataset.state === 'ready', selector);
    await tabTo(page, (e) => e.role === 'play', { limit: 10 });
    await page.keyboard.press('Enter');
    await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'finished', selector, { timeout: 240000 });
    // The charts' descriptions are rewritten at most once a second: the loss chart's last one
    // names the last step and the core's state of the finished run.
    await page.waitForFunction((s) => {
      const w = document.querySelector(s);
      const loss = w.shadowRoot.querySelector('figure.chart [data-role="chart-description"]').textContent;
      return loss.includes(` in ${w.history.neuron.at(-1).step.toLocaleString('en-US')} steps`) && loss.includes('with the neuron: training finished');
    }, selector);
    const { said, loss, a, steps } = await page.evaluate((s) => {
      const w = document.querySelector(s);
      const label = (i) => w.shadowRoot.querySelectorAll('figure.chart [data-role="chart-description"]')[i].textContent;
      return { said: [...w.shadowRoot.querySelector('[data-role="announcer"]').children].map((l) => l.textContent),
        loss: label(0), a: label(1), steps: w.history.neuron.at(-1).step };
    }, selector);
    assert.ok(said.includes('Training started.') && said.includes('Training finished.'), said.join(' | '));
    const count = steps.toLocaleString('en-US');
    assert.match(loss, new RegExp(`with the neuron, the trained objective fell from [0-9.e-]+ to [0-9.e-]+ in ${count} steps`));
    assert.match(loss, /with the neuron: training finished/, 'the core\'s state of the run');
    assert.match(a, /^\|a\| fell from [0-9.e-]+ to [0-9.e-]+ in [\d,]+ steps/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('focus is visible at 360 px: the playground plot with its cursor, the bias field', async () => {
  const { page, problems } = await openPlayground('', { width: 360, height: 800 });
  try {
    const plot = await tabTo(page, (e) => e.role === 'plot');
    assert.equal(plot.outline, 'solid');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.locator(`${playground} [data-role="cursor"]`).isVisible(), true, 'the cursor is shown');
    await page.locator(`${playground} [data-role="plot"]`).screenshot({ path: path.join(artifacts, 'focus-playground-plot-360.png') });
    await tabTo(page, (e) => e.role === 'output-bias', { back: true });
    await page.keyboard.press('Enter');
    await page.locator(`${playground} .pg-network`).screenshot({ path: path.join(artifacts, 'focus-playground-bias-360.png') });
    await page.keyboard.press('Escape');
    assert.equal((await focused(page)).role, 'output-bias', 'Escape returns to the bias');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
  // The saddle explorer in the dark theme: the focused plot and the Play-less controls.
  const dark = await browser.openPage(`${browser.base}embed.html?widget=saddle-explorer&theme=dark`, { width: 360, height: 800 });
  try {
    await dark.page.waitForFunction(() => document.querySelector('lll-saddle-explorer')?.dataset.state === 'ready');
    const plot = await tabTo(dark.page, (e) => e.role === 'overlay', { limit: 5 });
    assert.equal(plot.outline, 'solid');
    await dark.page.keyboard.press('ArrowDown');
    await dark.page.locator('lll-saddle-explorer').screenshot({ path: path.join(artifacts, 'focus-saddle-explorer-dark-360.png') });
    assert.deepEqual(dark.problems, []);
  } finally {
    await dark.page.close();
  }
});

test('landscape slice by keyboard: the 3-D view opened and turned by keys; the heatmap describes what is computed', async () => {
  const { page, problems } = await browser.openPage(`${browser.base}embed.html?widget=landscape-slice`, { width: 1280, height: 1000 });
  const selector = 'lll-landscape-slice';
  try {
    await page.waitForFunction((s) => document.querySelector(s)?.dataset.state === 'ready', selector, { timeout: 120000 });
    await tabTo(page, (e) => e.role === 'show-3d', { limit: 20 });
    await page.keyboard.press('Enter');
    const canvas = await tabTo(page, (e) => e.role === 'surface-3d', { limit: 10 });
    assert.equal(canvas.outline, 'solid');
    const view = () => page.locator(`${selector} [data-role="surface-3d"]`).getAttribute('data-view');
    const before = (await view()).split(',').map(Number);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    const after = (await view()).split(',').map(Number);
    assert.ok(after[0] > before[0] && after[1] < before[1], `view ${before} -> ${after}`);
    assert.match(await page.locator(`${selector} [data-role="surface-3d"]`).getAttribute('aria-label'), new RegExp(`turned ${after[0]}°, seen from ${after[1]}° above`));
    // The heatmap's description is rewritten at most once a second: its last one is of the
    // whole slice (no "points computed so far").
    await page.waitForFunction((s) => {
      const w = document.querySelector(s);
      const text = w.shadowRoot.querySelector('[data-role="plot"] [data-role="plot-description"]').textContent;
      return text.startsWith(`${w.info.alphas.length} by ${w.info.betas.length} points over `) && !text.includes('computed so far');
    }, selector);
    const heatmap = await page.locator(`${selector} [data-role="plot"] [data-role="plot-description"]`).textContent();
    assert.match(heatmap, /^\d+ by \d+ points over .*; values from [0-9.e-]+ to [0-9.e+-]+, the lowest at \(/);
    await page.locator(`${selector} [data-role="surface-3d"]`).screenshot({ path: path.join(artifacts, 'focus-surface-3d-1280.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
