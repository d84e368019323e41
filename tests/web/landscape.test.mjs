// The landscape-view widgets in headless Chromium and Firefox: each renders its parts from its shipped
// scenario (the slice fills progressively, row by row, with no main-thread task over 50 ms of CPU in Chromium's trace;
// pca directions draw the path; the curve between minima trains visibly; the rescaling keeps
// the loss and changes the sharpness); exports and URL state; screenshots at 1280 and 360 px
// in test-artifacts/landscape-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, mainThreadTasks, timesTasks, useBrowser } from './browser.mjs';

const browser = useBrowser();
const WIDTHS = [1280, 360];

async function open(widget, query = '', width = 1280) {
  const opened = await browser.openPage(`${browser.base}embed.html?widget=${widget}${query}`, { width, height: 1000 });
  await opened.page.evaluate(() => {
    // Every count of filled rows a widget reports, in order.
    window.rowCounts = [];
    new MutationObserver((changes) => { for (const c of changes) window.rowCounts.push(Number(c.target.dataset.rows)); })
      .observe(document.body, { attributes: true, attributeFilter: ['data-rows'], subtree: true });
    // Every state a widget publishes (once its view is drawn), in order.
    window.published = [];
    document.addEventListener('state', (event) => window.published.push(event.detail.state));
  });
  return opened;
}

// The layout after a resize is done by the second animation frame: the first lays the page
// out and runs the ResizeObserver callbacks, in which the charts redraw to their new width.
const laidOut = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

const state = (page, tag) => page.evaluate((t) => document.querySelector(t).dataset.state, tag);
const waitState = (page, tag, wanted, timeout = 120000) =>
  page.waitForFunction(([t, w]) => [w, 'error'].includes(document.querySelector(t)?.dataset.state), [tag, wanted], { timeout });
const message = (page, tag) => page.evaluate((t) => document.querySelector(t).shadowRoot.querySelector('[data-role="message"]').textContent, tag);
// After an action that makes a widget compute again: `wanted` (or error) published after the
// `mark`-th published state (published(page) before the action). The state the widget is in
// before the action says nothing of the action's work.
const published = (page) => page.evaluate(() => window.published.length);
const waitPublished = (page, tag, wanted, mark, timeout = 120000) => page.waitForFunction(([t, w, m]) =>
  window.published.slice(m).some((s) => [w, 'error'].includes(s)) && [w, 'error'].includes(document.querySelector(t).dataset.state),
[tag, wanted, mark], { timeout });

test('landscape slice: trains, fills row by row, draws the pca path, convexity on request', timesTasks(), async () => {
  const { page, problems } = await open('landscape-slice', '&resolution=21');
  try {
    const tag = 'lll-landscape-slice';
    // The main thread's tasks while the slice trains and fills (the page's start-up is measured
    // by the kit's tests): none with over 50 ms of CPU time in the page's scripts.
    await page.waitForFunction((t) => !['loading', undefined].includes(document.querySelector(t)?.dataset.state), tag, { timeout: 120000, polling: 5 });
    const tasks = await mainThreadTasks(page, () => waitState(page, tag, 'ready'));
    // Progressive: the rows arrived a few at a time, each count drawn as it came.
    const counts = await page.evaluate(() => window.rowCounts);
    console.log(`# landscape slice: filled-row counts ${JSON.stringify(counts)}`);
    // Filled a few rows a request, the progress said as each comes in.
    assert.ok(counts.length >= 5 && counts[0] < 21 && counts.at(-1) === 21, JSON.stringify(counts));
    for (let i = 1; i < counts.length; i++) assert.ok(counts[i] > counts[i - 1], JSON.stringify(counts));
    await waitState(page, tag, 'ready');
    assert.equal(await state(page, tag), 'ready', await message(page, tag));
    const filled = await page.evaluate((t) => document.querySelector(t).rows.filter(Boolean).length, tag);
    assert.equal(filled, 21);
    assert.ok(await page.locator(`${tag} .contours path`).count() > 3, 'contours drawn');
    assert.ok(await page.locator(`${tag} [data-role="trained-point"]`).count() === 1);
    const csv = await page.evaluate((t) => document.querySelector(t).csv(), tag);
    assert.equal(csv.trim().split('\n').length, 1 + 21 * 21);
    const scenario = JSON.parse(await page.evaluate((t) => document.querySelector(t).scenario(), tag));
    assert.equal(scenario.view.resolution, 21);
    if (tasks) { // a Chromium trace (Firefox has no per-task CPU time for a driver)
      console.log(`# landscape slice 21x21: while it trained and filled, longest main-thread task ${tasks.longest} of CPU, the most script in one ${tasks.longestScript} ms; wall time over 50 ms: ${JSON.stringify(tasks.wallOver50)}`);
      assert.deepEqual(tasks.over50, []);
    }

    // pca: the path on the plane, explained variance in the readout, state in the URL.
    const mark = await published(page);
    await page.locator(`${tag} [data-role="directions"]`).selectOption('pca');
    await waitPublished(page, tag, 'ready', mark);
    assert.equal(await state(page, tag), 'ready', await message(page, tag));
    assert.equal(await page.locator(`${tag} [data-role="path"]`).count(), 1);
    assert.match(await page.locator(`${tag} dd[data-name="explained variance"]`).textContent(), /%/);
    assert.match(page.url(), /directions=pca/);
    // The 3-D view: drawn from the same rows, rotated by the arrow keys, its state in the URL.
    // The share of the 3-D view's canvas painted.
    await page.evaluate(() => {
      window.paintedShare = (canvas) => {
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return n / (canvas.width * canvas.height);
      };
    });
    await page.locator(`${tag} [data-role="show-3d"]`).click();
    // Opened, it is drawn from the rows in an upcoming frame of the widget (which publishes
    // nothing for it): turned before that, it would turn an empty view.
    await page.waitForFunction((t) => window.paintedShare(document.querySelector(t).shadowRoot.querySelector('[data-role="surface-3d"]')) > 0, tag);
    const surface = page.locator(`${tag} [data-role="surface-3d"]`);
    await surface.focus();
    await page.keyboard.press('ArrowLeft');
    const painted = await page.evaluate((t) => window.paintedShare(document.querySelector(t).shadowRoot.querySelector('[data-role="surface-3d"]')), tag);
    assert.ok(painted > 0.1, `3-D view paints ${painted} of its canvas`);
    assert.match(page.url(), /view3d=1/);
    await page.locator(`${tag} [data-role="convexity"]`).click();
    await page.waitForFunction((t) => document.querySelector(t).dataset.convexity === 'ready', tag, { timeout: 120000 });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 1000 });
      await laidOut(page);
      await page.screenshot({ path: path.join(artifacts, `landscape-slice-${width}.png`), fullPage: true });
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('between minima: the straight line and the trained curve, a slider along t', timesTasks(), async () => {
  const { page, problems } = await open('between-minima');
  try {
    const tag = 'lll-between-minima';
    // Long tasks while the curve trains and draws (the page's start-up is the kit tests').
    await page.waitForFunction((t) => ['training-curve', 'ready'].includes(document.querySelector(t)?.dataset.state), tag, { timeout: 120000, polling: 5 });
    const tasks = await mainThreadTasks(page, async () => {
      await page.waitForFunction((t) => Number(document.querySelector(t).dataset.curveSteps ?? 0) > 0, tag, { timeout: 120000 });
      await waitState(page, tag, 'ready');
    });
    assert.equal(await state(page, tag), 'ready', await message(page, tag));
    const { line, curve } = await page.evaluate((t) => { const w = document.querySelector(t); return { line: Math.max(...w.info.straight.loss), curve: Math.max(...w.curve.loss) }; }, tag);
    console.log(`# between minima: highest loss on the line ${line}, on the trained curve ${curve}`);
    assert.ok(curve < line, `the curve (${curve}) is lower than the line (${line})`);
    assert.equal(await page.locator(`${tag} path[data-series="straight"]`).count(), 1);
    assert.equal(await page.locator(`${tag} path[data-series="curve"]`).count(), 1);
    await page.locator(`${tag} [data-role="t"]`).fill('10');
    assert.match(page.url(), /t=10/);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 1000 });
      await laidOut(page);
      await page.screenshot({ path: path.join(artifacts, `landscape-between-minima-${width}.png`), fullPage: true });
    }
    if (tasks) {
      console.log(`# between minima: while the curve trained, longest main-thread task ${tasks.longest} of CPU, the most script in one ${tasks.longestScript} ms; wall time over 50 ms: ${JSON.stringify(tasks.wallOver50)}`);
      assert.deepEqual(tasks.over50, []);
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('sharp and flat: sharpness per end point; rescaling keeps the loss and changes the sharpness', async () => {
  const { page, problems } = await open('sharp-flat');
  try {
    const tag = 'lll-sharp-flat';
    await waitState(page, tag, 'ready');
    assert.equal(await state(page, tag), 'ready', await message(page, tag));
    assert.equal(await page.locator(`${tag} .run`).count(), 2);
    const before = await page.evaluate((t) => document.querySelector(t).current, tag);
    assert.equal(before.alpha, 1);
    await page.locator(`${tag} [data-role="alpha"]`).fill('4');
    await page.waitForFunction((t) => document.querySelector(t).dataset.alpha === '4', tag);
    const after = await page.evaluate((t) => document.querySelector(t).current, tag);
    console.log(`# sharp-flat: lambda_max ${JSON.stringify(before.sharpness)} -> ${JSON.stringify(after.sharpness)} at alpha 4; loss ${JSON.stringify(before.loss)} -> ${JSON.stringify(after.loss)}`);
    assert.ok(Math.abs(after.loss[0] - before.loss[0]) < 1e-10);
    assert.ok(after.max_output_change < 1e-10);
    assert.ok(Math.abs(after.sharpness[0] - before.sharpness[0]) > 1e-3 * before.sharpness[0]);
    after.filter.forEach((v, i) => assert.ok(Math.abs(v - before.filter[i]) < 1e-9 * Math.max(1, v)));
    assert.ok(after.raw.some((v, i) => Math.abs(v - before.raw[i]) > 1e-6));
    assert.match(await page.locator(`${tag} [data-role="verdict"]`).textContent(), /not evidence/);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 1000 });
      await laidOut(page);
      await page.screenshot({ path: path.join(artifacts, `landscape-sharp-flat-${width}.png`), fullPage: true });
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('skip and width: three slices side by side with their figures', timesTasks(), async () => {
  const { page, problems } = await open('skip-width');
  try {
    const tag = 'lll-skip-width';
    await page.waitForFunction((t) => ['filling', 'ready'].includes(document.querySelector(t)?.dataset.state), tag, { timeout: 120000, polling: 5 });
    const tasks = await mainThreadTasks(page, () => waitState(page, tag, 'ready', 240000));
    assert.equal(await state(page, tag), 'ready', await message(page, tag));
    assert.equal(await page.locator(`${tag} .run[data-state="ready"]`).count(), 3);
    assert.equal(await page.locator(`${tag} dd[data-name="share below 0.05"]`).count(), 3);
    const figures = await page.locator(`${tag} dd[data-name="share below 0.05"]`).allTextContents();
    console.log(`# skip-width: share of the slice below loss 0.05 (deep, skip, wide) ${JSON.stringify(figures)}`);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 1000 });
      await laidOut(page);
      await page.screenshot({ path: path.join(artifacts, `landscape-skip-width-${width}.png`), fullPage: true });
    }
    if (tasks) {
      console.log(`# skip-width: while filling, longest main-thread task ${tasks.longest} of CPU, the most script in one ${tasks.longestScript} ms; wall time over 50 ms: ${JSON.stringify(tasks.wallOver50)}`);
      assert.deepEqual(tasks.over50, []);
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('landscape slice: Train draws the path on the plane while the network trains, ending at the centre', async () => {
  // The pca plane: the one the path lies in (on a random plane it is a speck, said in a note).
  const { page, problems } = await open('landscape-slice', '&resolution=41&directions=pca');
  try {
    const tag = 'lll-landscape-slice';
    // Every count of live points the widget reports, in order.
    await page.evaluate(() => {
      window.livePointCounts = [];
      new MutationObserver((changes) => { for (const c of changes) window.livePointCounts.push([Number(c.target.dataset.livePoints), Number(c.target.dataset.rows ?? 0)]); })
        .observe(document.body, { attributes: true, attributeFilter: ['data-live-points'], subtree: true });
    });
    await page.waitForFunction((t) => ['filling', 'ready'].includes(document.querySelector(t)?.dataset.state), tag, { timeout: 120000, polling: 5 });
    const train = page.locator(`${tag} [data-role="train"]`);
    await train.click();
    await page.waitForFunction((t) => document.querySelector(t).dataset.live === 'done', tag, { timeout: 120000 });
    await waitState(page, tag, 'ready');
    // data-live is published after the draw of the last reply: the readout names its step.
    await page.waitForFunction((t) => {
      const w = document.querySelector(t);
      return w.shadowRoot.querySelector('dd[data-name="training again"]')?.textContent.startsWith(`step ${w.live.step} of ${w.live.steps},`);
    }, tag);
    const counts = await page.evaluate(() => window.livePointCounts);
    console.log(`# live path: [points, slice rows] as they came ${JSON.stringify(counts)}`);
    // The path grew while the network trained: many draws, each with more points.
    assert.ok(counts.length >= 10, JSON.stringify(counts));
    for (let i = 1; i < counts.length; i++) assert.ok(counts[i][0] >= counts[i - 1][0]);
    assert.ok(counts[0][0] < counts.at(-1)[0] / 4, 'the first draw had a few points, not the whole path');
    const live = await page.evaluate((t) => document.querySelector(t).live, tag);
    assert.equal(live.points.length, 1500 / 25 + 1, 'a point every log_every steps and the start');
    assert.deepEqual(live.current.slice(0, 3), [0, 0, 1500], 'the run ends at the trained point, the centre');
    // It crossed the slice: from beyond half the window's half-width to the centre.
    const info = await page.evaluate((t) => document.querySelector(t).info, tag);
    assert.ok(Math.abs(live.points[0][0]) > info.alphas.at(-1) / 2, JSON.stringify(live.points[0]));
    // On the recorded path's plane the live path is the recorded path.
    live.points.forEach((p, i) => assert.ok(Math.abs(p[0] - info.path[i][0]) < 1e-9 && Math.abs(p[1] - info.path[i][1]) < 1e-9));
    // Rows kept arriving while the path grew: the two share the worker.
    const rowsAtFirstPoint = counts[0][1];
    console.log(`# live path: slice rows when the first point came ${rowsAtFirstPoint} of 41`);
    assert.equal(await page.locator(`${tag} [data-role="live-path"]`).count(), 1);
    assert.equal(await page.locator(`${tag} [data-role="live-point"]`).count(), 1);
    assert.match(await page.locator(`${tag} dd[data-name="training again"]`).textContent(), /step 1500 of 1500/);
    assert.equal(await train.textContent(), 'Train again');
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 1000 });
      await laidOut(page);
      await page.screenshot({ path: path.join(artifacts, `landscape-slice-live-${width}.png`), fullPage: true });
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('playground: "show the landscape here" slices the current network, its centre the current loss', async () => {
  const { page, problems } = await open('playground');
  try {
    const tag = 'lll-playground';
    await page.waitForFunction((t) => ['ready', 'paused'].includes(document.querySelector(t)?.dataset.state), tag, { timeout: 120000 });
    // Train a few epochs, then ask for the landscape.
    for (let i = 0; i < 5; i++) await page.locator(`${tag} [data-role="step"]`).click();
    await page.waitForFunction((t) => document.querySelector(t).current.step >= 25, tag, { timeout: 60000 });
    await page.locator(`${tag} [data-role="show-landscape"]`).click();
    const slice = `${tag} lll-landscape-slice`;
    await page.locator(slice).scrollIntoViewIfNeeded(); // a widget starts when it is in view
    await page.waitForFunction((s) => {
      const el = document.querySelector('lll-playground').shadowRoot.querySelector('lll-landscape-slice');
      return el && ['ready', 'error'].includes(el.dataset.state);
    }, slice, { timeout: 120000 });
    const result = await page.evaluate(() => {
      const playground = document.querySelector('lll-playground');
      const panel = playground.shadowRoot.querySelector('[data-role="landscape-panel"]');
      const el = playground.shadowRoot.querySelector('lll-landscape-slice');
      const n = el.info.betas.length, m = el.info.alphas.length;
      return { state: el.dataset.state, centre: el.rows[(n - 1) / 2][(m - 1) / 2], loss: playground.current.loss,
        panelLoss: Number(panel.dataset.loss), step: playground.current.step, panelStep: Number(panel.dataset.step),
        alpha: el.info.alphas[(m - 1) / 2], beta: el.info.betas[(n - 1) / 2], rows: el.rows.filter(Boolean).length, n };
    });
    console.log(`# playground landscape here: ${JSON.stringify(result)}`);
    assert.equal(result.state, 'ready');
    assert.equal(result.alpha, 0);
    assert.equal(result.beta, 0);
    assert.equal(result.rows, result.n);
    assert.equal(result.step, result.panelStep, 'training stayed paused');
    assert.equal(result.centre, result.loss, 'the slice at (0, 0) is the loss the core reports for the current weights');
    assert.equal(result.panelLoss, result.loss);
    assert.match(await page.locator(`${tag} [data-role="landscape-note"]`).textContent(), /epoch 5/);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 1000 });
      await laidOut(page);
      await page.screenshot({ path: path.join(artifacts, `landscape-playground-here-${width}.png`), fullPage: true });
    }
    // Closed, the slice and its worker go.
    await page.locator(`${tag} [data-role="close-landscape"]`).click();
    assert.equal(await page.locator(`${tag} lll-landscape-slice`).count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('interpolation: the line from the initial to the trained weights with its parts', async () => {
  const { page, problems } = await open('interpolation');
  try {
    const tag = 'lll-interpolation';
    await waitState(page, tag, 'ready');
    assert.equal(await state(page, tag), 'ready', await message(page, tag));
    const info = await page.evaluate((t) => document.querySelector(t).info, tag);
    assert.equal(info.line.t.length, 81);
    assert.equal(info.line.test_loss.length, 81);
    assert.equal(info.line.loss[20], info.ends.loss[0], 't = 0 is the initial point');
    assert.equal(info.line.loss[60], info.ends.loss[1], 't = 1 is the trained point');
    assert.ok(await page.locator(`${tag} .chart svg path`).count() >= 2, 'both curves drawn');
    const verdict = page.locator(`${tag} [data-role="verdict"]`);
    assert.equal(await verdict.getAttribute('data-monotone'), String(info.monotone.decreasing));
    assert.match(await verdict.textContent(), info.monotone.decreasing ? /only falls/ : /rises/);
    assert.match(await page.locator(`${tag} dd[data-name="at t = 0 (initial)"]`).textContent(), /test/);
    assert.match(await page.locator(`${tag} dd[data-name="at t = 1 (trained)"]`).textContent(), /\d/);
    assert.match(await page.locator(`${tag} dd[data-name="only falls from 0 to 1"]`).textContent(), /yes|no/);
    // The slider reads the curves; its position is in the URL.
    await page.locator(`${tag} [data-role="t"]`).fill('20');
    await page.waitForFunction((t) => document.querySelector(t).shadowRoot.querySelector('dd[data-name="t"]').textContent === '0', tag);
    assert.match(page.url(), /t=20/);
    const csv = await page.evaluate((t) => document.querySelector(t).csv(), tag);
    assert.equal(csv.trim().split('\n').length, 82);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 1000 });
      await laidOut(page);
      await page.screenshot({ path: path.join(artifacts, `landscape-interpolation-${width}.png`), fullPage: true });
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

// The convexity map (a Lanczos run a point, seconds a row) is the longest fill: out of view it
// must stop, and go on from the same row when the reader comes back.
test('landscape slice: scrolled out of view the convexity map stops, and resumes where it was', async () => {
  const { page, problems } = await browser.openPage('about:blank', { width: 1280, height: 900 });
  const rows = () => page.evaluate(() => document.querySelector('lll-landscape-slice').convexityRows?.ratio.filter((row) => row).length ?? 0);
  try {
    // Scrolled away in the frame its first row is seen, by the page itself, from its first
    // frame on: a test process that a loaded machine holds up for seconds (once, between the
    // page's load and the test's first call) must not let the map finish meanwhile.
    await page.addInitScript(() => {
      const tick = () => {
        if (!(document.querySelector('lll-landscape-slice')?.convexityRows?.ratio.filter((row) => row).length > 0)) {
          requestAnimationFrame(tick);
          return;
        }
        const spacer = document.createElement('div');
        spacer.style.height = '5000px';
        document.body.prepend(spacer);
        scrollTo(0, 0);
        globalThis.lllScrolledAway = true;
      };
      requestAnimationFrame(tick);
    });
    await page.goto(`${browser.base}embed.html?widget=landscape-slice#convexity=1`);
    await page.waitForFunction(() => globalThis.lllScrolledAway === true, null, { timeout: 60000 });
    await page.waitForFunction(() => document.querySelector('lll-landscape-slice').dataset.active === 'false');
    // The row in flight when it left the screen comes back (seconds: a Lanczos run a point).
    await page.waitForFunction(() => document.querySelector('lll-landscape-slice').client.pending.size === 0, null, { timeout: 60000 });
    // The rows computed and the requests sent to its worker (numbered as they are sent).
    const counters = async () => ({ rows: await rows(), requests: await page.evaluate(() => document.querySelector('lll-landscape-slice').client.nextId) });
    const paused = await counters();
    // Nothing may happen here: ten frames of the page, and at least 250 ms of its time (on
    // screen it asks for the next row as soon as one comes back).
    await page.evaluate(() => new Promise((resolve) => {
      const start = performance.now();
      let frames = 0;
      const tick = (now) => (++frames >= 10 && now - start >= 250 ? resolve() : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    }));
    assert.deepEqual(await counters(), paused, 'no row computed, none asked for, while out of view');
    assert.notEqual(await page.evaluate(() => document.querySelector('lll-landscape-slice').dataset.convexity), 'ready');
    await page.locator('lll-landscape-slice').scrollIntoViewIfNeeded();
    await page.waitForFunction((p) => (document.querySelector('lll-landscape-slice').convexityRows?.ratio.filter((row) => row).length ?? 0) > p, paused.rows, { timeout: 60000 });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
