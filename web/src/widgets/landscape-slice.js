// Why this file exists: a 2-D slice of a trained network's loss,
//   <lll-landscape-slice scenario="landscape-slice"></lll-landscape-slice>
// The worker trains the scenario's run, then fills the slice L(theta* + alpha d1 + beta d2)
// a few rows per request; the heatmap (with contours) grows row by row. Directions: two
// filter-normalised random ones (Li et al. 2018), two raw Gaussian ones, or the top two
// principal directions of the training path (the path drawn on the plane, the explained
// variance shown). The convexity map |lambda_min / lambda_max| on a coarser grid on request.
// "Train" trains the slice's network again from its start while the slice fills in, and draws
// its path on the plane as it goes: the core projects each point on the plane (the same seed
// gives the same run, so the path ends at the centre). With autoplay it starts by itself.
// Attributes: scenario (default landscape-slice). Controls (hide="..."): directions,
// resolution, range, convexity, train, readout, tools. State: directions, resolution, range,
// convexity. A page may also give the scenario as text: element.scenarioText = "..." before
// the element is added (the playground's "show the landscape here").
import { LabWidget, defineWidget } from '../kit/widget.js';
import { HeatmapPlot, logScale, svgElement } from '../kit/heatmap-plot.js';
import { MARK_COLORS } from '../kit/palettes.js';
import { loadScenarioText } from '../kit/scenarios.js';
import { afterDraw, requestDraw } from '../kit/frames.js';
import { formatNumber } from '../kit/format.js';
import { setReadout } from '../kit/readout.js';
import { toCsv } from '../kit/export.js';
import { Cancelled } from '../kit/core-client.js';
import { RunLoop } from '../kit/run-loop.js';
import { formula } from '../kit/formulas.js';
import { WIDGET_TEX } from '../kit/widget-tex.js';
import { Surface3d } from './surface-3d.js';
import { trainView, describeProgress, sliceGrid } from './landscape-common.js';

const SIZE = 480;
const ROWS_PER_REQUEST = 2;
// The live run is paced for the eye: its steps spread over about this many requests (a few
// seconds at one request per frame), whatever the scenario's step count.
const LIVE_REQUESTS = 240;
// The loss on a log scale; the convexity ratio too, 0 counted as a millionth.
const LOSS_SCALE = logScale(), RATIO_SCALE = logScale({ floor: 1e-6 });
const DIRECTIONS = { filter: 'filter-normalised random', random: 'raw Gaussian random', pca: 'training path (PCA)' };

export class LandscapeSlice extends LabWidget {
  static widgetName = 'landscape-slice';
  static stateKeys = ['directions', 'resolution', 'range', 'convexity', 'view3d'];
  static controls = { directions: 'the directions menu', resolution: 'the resolution menu', range: 'the range menu',
    convexity: 'the convexity-map button', surface3d: 'the 3-D view button', train: 'the train button (the live path)',
    readout: 'the side panel', tools: 'link and export buttons' };

  build(body) {
    body.innerHTML = `
      <div class="experiment-controls">
        <label data-control="directions">Directions <select data-role="directions">
          ${Object.entries(DIRECTIONS).map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
        <label data-control="resolution">Resolution <select data-role="resolution">
          ${[21, 31, 41, 51].map((n) => `<option value="${n}">${n} × ${n}</option>`).join('')}</select></label>
        <label data-control="range">Range <select data-role="range">
          ${[0.25, 0.5, 1, 2].map((r) => `<option value="${r}">±${r}</option>`).join('')}</select></label>
        <button type="button" data-role="convexity" data-control="convexity">Convexity map</button>
        <button type="button" data-role="show-3d" data-control="surface3d" aria-pressed="false">3-D view</button>
        <button type="button" data-role="train" data-control="train" disabled title="Train the network again from its start and draw its path on the plane">Train</button>
      </div>
      <p class="experiment-description" data-role="progress"></p>
      <div class="message" data-role="message"></div>
      <div class="explorer">
        <div>
          <div class="explorer-plot" data-role="plot"></div>
          <div data-role="surface-box" hidden></div>
        </div>
        <div class="explorer-side" data-control="readout">
          <h4>The slice</h4>
          <dl class="readout" data-role="readout"></dl>
          <p class="experiment-description" data-role="live-note" hidden></p>
          <div data-role="convexity-box" hidden>
            <h4 data-role="convexity-title">Convexity</h4>
            <div class="convexity-plot" data-role="convexity-plot"></div>
            <p class="experiment-description" data-role="convexity-note"></p>
          </div>
        </div>
      </div>`;
    this.plot = new HeatmapPlot(this.find('plot'), { size: SIZE, label: 'loss on the plane of two directions, the trained point at the centre',
      xLabel: 'α (direction 1)', yLabel: 'β (direction 2)', valueLabel: 'training loss' });
    this.convexityPlot = new HeatmapPlot(this.find('convexity-plot'), { size: SIZE, label: 'convexity map',
      xLabel: 'α', yLabel: 'β', valueLabel: '|λmin / λmax|' });
    for (const role of ['directions', 'resolution', 'range']) this.find(role).addEventListener('change', () => this.load());
    this.find('convexity-title').append(' ', formula(this.shadowRoot, WIDGET_TEX.convexityRatio));
    this.find('convexity').addEventListener('click', () => this.fillConvexity());
    this.surface = new Surface3d(this.find('surface-box'));
    this.find('show-3d').addEventListener('click', () => this.toggle3d(this.find('surface-box').hidden));
    this.find('train').addEventListener('click', () => (this.liveLoop.playing ? this.pause() : this.playLive()));
    // The view's training and its rows; the convexity map (asked for while the rows fill); the
    // live path, which the reader plays and pauses. A new view replaces all three.
    this.fill = new RunLoop(this);
    this.convexityLoop = new RunLoop(this);
    this.liveLoop = new RunLoop(this, { tick: (ticket) => this.liveTick(ticket), onChange: () => this.liveChanged() });
    this.setState('loading');
  }

  async start() {
    this.textGiven = this.scenarioText != null;
    this.scenarioText ??= await loadScenarioText(this, 'landscape-slice');
    const view = JSON.parse(this.scenarioText).view ?? {};
    // A link's choices must be the menus' own (a value not in a menu would leave it blank).
    const menu = (role) => this.stateChoice(role, [...this.find(role).options].map((o) => o.value));
    this.find('directions').value = menu('directions') ?? view.directions ?? 'filter';
    this.find('resolution').value = menu('resolution') ?? String(view.resolution ?? 41);
    this.find('range').value = menu('range') ?? String(view.range ?? 1);
    this.wantConvexity = this.stateChoice('convexity', ['1', '0']) === '1';
    if (this.stateChoice('view3d', ['1', '0']) === '1') this.toggle3d(true);
    if (this.hasAttribute('autoplay') && this.getAttribute('autoplay') !== 'false') this.wantLive = true;
    await this.load();
  }

  // A slice given as text (not a file beside the kit) has no link that reopens it.
  async link() {
    if (this.textGiven) throw new Error('this slice is of a network given as text (the playground\'s weights): save it with Scenario; `landscape slice FILE` recomputes it');
    return super.link();
  }

  // autoplay: the live path starts with the slice (once; the button runs it again).
  play() {
    this.wantLive = true;
    if (this.info && !this.live) this.playLive();
  }

  pause() {
    this.wantLive = false;
    this.liveLoop.pause();
  }

  // The live path: train the slice's run again (from its start when it had finished) while
  // the slice fills in; the worker's requests for rows and for steps alternate.
  playLive() {
    if (this.liveLoop.playing || !this.info?.runs[0].step) return;
    if (!this.live || this.live.done) this.live = { points: [], current: null, done: false, step: 0, steps: this.info.runs[0].step, restart: true };
    if (this.progressText) this.find('progress').textContent = this.progressText;
    this.liveLoop.play();
  }

  async liveTick(ticket) {
    const steps = Math.max(1, Math.ceil(this.live.steps / LIVE_REQUESTS));
    const reply = await this.client.call('viewReplay', { handle: this.handle, steps, restart: this.live.restart });
    if (!this.liveLoop.current(ticket)) return false;
    this.live.restart = false;
    this.live.points.push(...reply.points);
    Object.assign(this.live, { current: reply.current, done: reply.done, step: reply.step });
    this.dataset.livePoints = String(this.live.points.length);
    requestDraw(this, () => this.draw());
    return !reply.done;
  }

  liveChanged() {
    if (this.live?.done) this.publishData('live', 'done');
    this.updateTrainButton();
  }

  // On a random plane the path's shadow is a speck near the centre while the path itself runs
  // far from the plane: said with its numbers (Li et al.'s reason for the pca plane).
  liveNote() {
    const note = this.find('live-note');
    const points = this.live?.points ?? [];
    note.hidden = !points.length || this.info.directions === 'pca';
    if (note.hidden) return;
    let extent = 0, distance = 0;
    for (const [a, b, , , d] of points) (extent = Math.max(extent, Math.abs(a), Math.abs(b))), (distance = Math.max(distance, d));
    const share = extent / this.info.alphas.at(-1);
    note.textContent = share < 0.1
      ? `The path stays within ${formatNumber(extent, 2)} of the centre on this plane, while it runs up to ${formatNumber(distance, 3)} away from the plane: two random directions miss almost all of it (Li et al. 2018). Choose "training path (PCA)" to see it cross the slice.`
      : `The path reaches ${formatNumber(extent, 2)} from the centre on this plane and runs up to ${formatNumber(distance, 3)} away from it.`;
  }

  updateTrainButton() {
    const button = this.find('train');
    const trainable = Boolean(this.info?.runs[0].step);
    button.disabled = !trainable;
    button.textContent = this.liveLoop.playing ? 'Pause' : this.live && !this.live.done ? 'Resume training' : this.live ? 'Train again' : 'Train';
    button.setAttribute('aria-pressed', String(this.liveLoop.playing));
    if (!trainable && this.info) button.title = 'Nothing to train: this slice is of fixed weights';
  }

  linkState() {
    return { directions: this.find('directions').value, resolution: this.find('resolution').value,
      range: this.find('range').value, convexity: this.convexityRows ? '1' : '',
      view3d: this.find('surface-box').hidden ? '' : '1' };
  }

  // The 3-D view beside the heatmap (drawn from the same rows), on or off.
  toggle3d(on) {
    this.find('surface-box').hidden = !on;
    this.find('show-3d').setAttribute('aria-pressed', String(on));
    this.saveState();
    if (on && this.info) requestDraw(this, () => this.draw());
  }

  // A new view from the reader's choices; whatever the worker was doing is cancelled.
  async load() {
    const ticket = this.fill.replace();
    this.convexityLoop.replace();
    this.liveLoop.replace();
    if (this.client.pending.size) this.client.cancel();
    Object.assign(this, { info: null, rows: [], summary: null, convexityRows: null, handle: null, live: null });
    delete this.dataset.livePoints;
    delete this.dataset.live;
    this.updateTrainButton();
    this.find('convexity-box').hidden = true;
    this.setState('training');
    this.showMessage('');
    this.saveState();
    const patch = { directions: this.find('directions').value, resolution: Number(this.find('resolution').value),
      range: Number(this.find('range').value) };
    try {
      const view = await trainView(this.fill, this.client, this.scenarioText, patch, {
        onProgress: (p) => (this.find('progress').textContent = `Training ${describeProgress(p)}`),
      });
      if (!view) return;
      Object.assign(this, { handle: view.handle, info: view.info, effectiveScenario: view.scenario });
      this.find('convexity').disabled = !view.info.convexity;
      // Fixed weights have no training path to take principal directions of (the core's has_path).
      const pca = this.find('directions').querySelector('option[value="pca"]');
      pca.disabled = !view.info.has_path;
      pca.title = view.info.has_path ? '' : 'These weights were not trained here: there is no path';
      // The slice's axes in a frame of their own, before its first rows (HeatmapPlot.setWindow).
      const { window } = sliceGrid(view.info, []);
      requestDraw(this.plot, () => this.plot.setWindow(window));
      this.setState('filling');
      this.updateTrainButton();
      if (this.wantLive) this.playLive();
      const n = view.info.betas.length;
      let r = 0; // the next row: out of view the slice waits, and goes on from there
      const filled = await this.fill.runToEnd(async (current) => {
        const end = Math.min(n, r + ROWS_PER_REQUEST);
        const { values, summary } = await this.client.call('viewSliceRows', { handle: view.handle, r0: r, r1: end });
        if (!this.fill.current(current)) return false;
        this.summary = summary; // the core's figures of the rows so far
        for (let i = r; i < end; i++) this.rows[i] = values.subarray((i - r) * view.info.alphas.length, (i - r + 1) * view.info.alphas.length);
        this.find('progress').textContent = `Slice: ${end} of ${n} rows`;
        this.dataset.rows = String(end); // as the progress line above says it, at once (the map follows at its pace)
        requestDraw(this, () => this.draw());
        r = end;
        return r < n;
      }, { paced: false });
      if (!filled) return;
      this.setState('ready');
      const centre = view.info.runs[0].step ? 'the trained point' : 'the given weights';
      const hint = view.info.runs[0].step && !this.live ? ' Press Train to watch the network train again across the plane.' : '';
      this.progressText = `${view.info.alphas.length} × ${n} slice through ${centre} (${view.info.parameter_count} parameters).`;
      this.find('progress').textContent = this.progressText + hint;
      if (this.wantConvexity && view.info.convexity) await this.fillConvexity();
    } catch (error) {
      if (!(error instanceof Cancelled) && this.fill.current(ticket)) this.showError(error);
    }
  }

  draw() {
    if (!this.info) return;
    const grid = sliceGrid(this.info, this.rows);
    // Contours once the slice is complete: on a half-filled grid they would trace its edge,
    // and they are the costliest part of a draw.
    // The complete slice's contours come in a frame of their own, after its last rows.
    // The heatmap only when new rows came (a frame of the live path moves the marks alone).
    const filled = this.rows.filter(Boolean).length, view3d = !this.find('surface-box').hidden;
    const drawn = this.drawn;
    if (this.contoursDue || drawn?.info !== this.info || drawn.filled !== filled || drawn.view3d !== view3d) {
      const complete = filled === this.info.betas.length;
      const contours = complete && this.contoursDue;
      // Losses span decades: a log scale, the sequential map (the loss is never negative).
      this.plot.setGrid(grid, { scale: LOSS_SCALE, map: 'sequential', missing: 'transparent', levels: contours ? 10 : 0 });
      this.contoursDue = complete && !contours;
      if (this.contoursDue) requestDraw(this, () => this.draw());
      if (view3d) this.surface.setGrid(grid);
      this.drawn = { info: this.info, filled, view3d };
    }
    const layer = this.plot.layer('marks');
    layer.replaceChildren();
    const { x, y } = this.plot;
    // The recorded path (pca), until the live run replaces it.
    if (this.info.path && !this.live?.points.length) {
      const d = this.info.path.map(([a, b], i) => `${i ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('');
      // Near-black on a white halo: visible over the dark and the light end of the map.
      svgElement('path', { d, fill: 'none', stroke: MARK_COLORS.halo, 'stroke-width': 4 }, layer);
      svgElement('path', { d, class: 'training-path', 'data-role': 'path', fill: 'none', stroke: MARK_COLORS.ink, 'stroke-width': 2 }, layer);
      const [a0, b0] = this.info.path[0];
      svgElement('circle', { cx: x(a0), cy: y(b0), r: 4, fill: MARK_COLORS.halo, stroke: MARK_COLORS.ink, 'stroke-width': 2 }, layer);
    }
    svgElement('circle', { cx: x(0), cy: y(0), r: 5, fill: MARK_COLORS.ink, stroke: MARK_COLORS.halo, 'stroke-width': 2, 'data-role': 'trained-point' }, layer);
    if (this.live?.points.length) {
      const points = this.live.points;
      const d = points.map(([a, b], i) => `${i ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('');
      svgElement('path', { d, class: 'live-path', 'data-role': 'live-path', fill: 'none', stroke: MARK_COLORS.live, 'stroke-width': 2.5 }, layer);
      svgElement('circle', { cx: x(points[0][0]), cy: y(points[0][1]), r: 4, fill: MARK_COLORS.halo, stroke: MARK_COLORS.live, 'stroke-width': 2 }, layer);
      const [a, b] = this.live.current;
      svgElement('circle', { cx: x(a), cy: y(b), r: 6, fill: MARK_COLORS.live, stroke: MARK_COLORS.halo, 'stroke-width': 2, 'data-role': 'live-point' }, layer);
    }
    this.liveNote();
    const summary = this.summary ?? {};
    const run = this.info.runs[0];
    const rows = [
      ['directions', DIRECTIONS[this.info.directions]],
      ['parameters', this.info.parameter_count],
      [run.step ? 'trained loss' : 'loss at the centre', formatNumber(run.loss, 4)],
      ['accuracy (train / test)', `${formatNumber(run.accuracy)} / ${formatNumber(run.test_accuracy)}`],
      ['largest loss on the slice', formatNumber(summary.largest, 4)],
      ['median loss on the slice', formatNumber(summary.median, 4)],
      [`share below ${summary.level}`, formatNumber(summary.share_below)],
      ['rows filled', `${this.rows.filter(Boolean).length} of ${this.info.betas.length}`],
    ];
    if (this.live?.current) {
      const [a, b, step, loss, distance] = this.live.current;
      const [a0, a1, b0, b1] = [this.info.alphas[0], this.info.alphas.at(-1), this.info.betas[0], this.info.betas.at(-1)];
      const outside = a < a0 || a > a1 || b < b0 || b > b1 ? ' (outside the window)' : '';
      rows.push(['training again', `step ${step} of ${this.live.steps}, loss ${formatNumber(loss, 4)}`],
        ['its point on the plane', `α ${formatNumber(a, 3)}, β ${formatNumber(b, 3)}${outside}`],
        ['its distance from the plane', formatNumber(distance, 3)]);
    }
    if (this.info.explained) rows.splice(1, 0, ['explained variance', `${formatNumber(100 * this.info.explained[0])} % + ${formatNumber(100 * this.info.explained[1])} %`]);
    setReadout(this.find('readout'), rows);
  }

  // The convexity map, a row per request (each point costs a Lanczos run). At most a row a
  // frame (the loop's pace): a row of a small network takes a few milliseconds, and a page
  // that is busy drawing (or a loaded machine) has frames far apart: without the pace the
  // whole map could be computed between two frames, before the browser has told the widget
  // (in a frame's rendering step) that the reader scrolled it away.
  async fillConvexity() {
    if (!this.info?.convexity || this.convexityRows) return;
    const ticket = this.convexityLoop.ticket;
    const c = this.info.convexity;
    this.convexityRows = { ratio: [], smallest: [] };
    this.find('convexity-box').hidden = false;
    this.saveState();
    let r = 0; // the next row: out of view the map waits, and goes on from there
    try {
      const filled = await this.convexityLoop.runToEnd(async (current) => {
        const rows = await this.client.call('viewConvexityRows', { handle: this.handle, r0: r, r1: r + 1 });
        if (!this.convexityLoop.current(current)) return false;
        this.convexityRows.ratio[r] = rows.ratio[0];
        this.convexityRows.smallest[r] = rows.smallest[0];
        r++;
        const tex = (name) => formula(this.shadowRoot, WIDGET_TEX[name]);
        this.find('convexity-note').replaceChildren(`${r} of ${c.betas.length} rows; the smallest and largest Hessian eigenvalues `,
          tex('lambdaMin'), ', ', tex('lambdaMax'), ` estimated at each point from ${c.lanczos_steps} Hessian-vector products. Dark: nearly convex (`,
          tex('convexityRatio'), ' small); light: strong negative curvature. So few products give the extremes roughly: a map, not a proof.');
        requestDraw(this.convexityPlot, () => this.convexityPlot.setGrid(sliceGrid(c, this.convexityRows.ratio),
          { scale: RATIO_SCALE, map: 'sequential', missing: 'transparent', levels: 6 }));
        return r < c.betas.length;
      }, { ticket });
      if (filled) afterDraw(this.convexityPlot, () => (this.dataset.convexity = 'ready')); // once its last row is drawn
    } catch (error) {
      if (!(error instanceof Cancelled) && this.convexityLoop.current(ticket)) this.showError(error);
    }
  }

  async csv() {
    if (!this.info) throw new Error('the slice is not computed yet');
    const out = [];
    this.rows.forEach((row, r) => row?.forEach((v, c) => out.push([this.info.alphas[c], this.info.betas[r], v, ''])));
    for (const [a, b, step, loss] of this.live?.points ?? []) out.push([a, b, loss, step]);
    return toCsv(['alpha', 'beta', 'loss', 'live_path_step'], out);
  }

  async scenario() { return this.effectiveScenario ?? this.scenarioText; }
}

defineWidget(LandscapeSlice);
