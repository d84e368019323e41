// Why this file exists: a 2-D slice of a trained network's loss,
//   <lll-landscape-slice scenario="landscape-slice"></lll-landscape-slice>
// The worker trains the scenario's run, then fills the slice L(theta* + alpha d1 + beta d2)
// a few rows per request; the heatmap (with contours) grows row by row. Directions: two
// filter-normalised random ones (Li et al. 2018), two raw Gaussian ones, or the top two
// principal directions of the training path (the path drawn on the plane, the explained
// variance shown). The convexity map |lambda_min / lambda_max| on a coarser grid on request.
// Attributes: scenario (default landscape-slice). Controls (hide="..."): directions,
// resolution, range, convexity, readout, tools. State: directions, resolution, range, convexity.
import { LabWidget, defineWidget } from '../kit/widget.js';
import { HeatmapPlot, svgElement } from '../kit/heatmap-plot.js';
import { loadScenarioText } from '../kit/scenarios.js';
import { requestDraw } from '../kit/frames.js';
import { formatNumber } from '../kit/format.js';
import { setReadout } from '../kit/readout.js';
import { toCsv } from '../kit/export.js';
import { Cancelled } from '../kit/core-client.js';
import { Surface3d } from './surface-3d.js';
import { trainView, describeProgress, sliceGrid, logColour, sliceSummary, BASIN_LEVEL } from './landscape-common.js';

const SIZE = 480;
const ROWS_PER_REQUEST = 2;
const DIRECTIONS = { filter: 'filter-normalised random', random: 'raw Gaussian random', pca: 'training path (PCA)' };

export class LandscapeSlice extends LabWidget {
  static widgetName = 'landscape-slice';
  static stateKeys = ['directions', 'resolution', 'range', 'convexity', 'view3d'];
  static controls = { directions: 'the directions menu', resolution: 'the resolution menu', range: 'the range menu',
    convexity: 'the convexity-map button', surface3d: 'the 3-D view button', readout: 'the side panel', tools: 'link and export buttons' };

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
      </div>
      <p class="experiment-description" data-role="progress" aria-live="polite"></p>
      <div class="message" data-role="message" role="status"></div>
      <div class="explorer">
        <div>
          <div class="explorer-plot" data-role="plot"></div>
          <div data-role="surface-box" hidden></div>
        </div>
        <div class="explorer-side" data-control="readout">
          <h4>The slice</h4>
          <dl class="readout" data-role="readout"></dl>
          <div data-role="convexity-box" hidden>
            <h4>Convexity |λmin / λmax|</h4>
            <div class="convexity-plot" data-role="convexity-plot"></div>
            <p class="experiment-description" data-role="convexity-note"></p>
          </div>
        </div>
      </div>`;
    this.plot = new HeatmapPlot(this.find('plot'), { size: SIZE, label: 'loss on the plane of two directions, the trained point at the centre' });
    this.convexityPlot = new HeatmapPlot(this.find('convexity-plot'), { size: SIZE, label: 'convexity map' });
    for (const role of ['directions', 'resolution', 'range']) this.find(role).addEventListener('change', () => this.load());
    this.find('convexity').addEventListener('click', () => this.fillConvexity());
    this.surface = new Surface3d(this.find('surface-box'));
    this.find('show-3d').addEventListener('click', () => this.toggle3d(this.find('surface-box').hidden));
    this.dataset.state = 'loading';
  }

  async start() {
    this.scenarioText = await loadScenarioText(this, 'landscape-slice');
    const view = JSON.parse(this.scenarioText).view ?? {};
    // A link's choices must be the menus' own (a value not in a menu would leave it blank).
    const menu = (role) => this.stateChoice(role, [...this.find(role).options].map((o) => o.value));
    this.find('directions').value = menu('directions') ?? view.directions ?? 'filter';
    this.find('resolution').value = menu('resolution') ?? String(view.resolution ?? 41);
    this.find('range').value = menu('range') ?? String(view.range ?? 1);
    this.wantConvexity = this.stateChoice('convexity', ['1', '0']) === '1';
    if (this.stateChoice('view3d', ['1', '0']) === '1') this.toggle3d(true);
    await this.load();
  }

  close() { this.ticket = (this.ticket ?? 0) + 1; }

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
    const ticket = (this.ticket = (this.ticket ?? 0) + 1);
    if (this.client.pending.size) this.client.cancel();
    Object.assign(this, { info: null, rows: [], convexityRows: null, handle: null });
    this.find('convexity-box').hidden = true;
    this.dataset.state = 'training';
    this.showMessage('');
    this.saveState();
    const patch = { directions: this.find('directions').value, resolution: Number(this.find('resolution').value),
      range: Number(this.find('range').value) };
    try {
      const view = await trainView(this.client, this.scenarioText, patch, {
        alive: () => ticket === this.ticket,
        onProgress: (p) => (this.find('progress').textContent = `Training ${describeProgress(p)}`),
      });
      if (!view) return;
      Object.assign(this, { handle: view.handle, info: view.info, effectiveScenario: view.scenario });
      this.find('convexity').disabled = !view.info.convexity;
      this.dataset.state = 'filling';
      const n = view.info.betas.length;
      for (let r = 0; r < n && ticket === this.ticket; r += ROWS_PER_REQUEST) {
        const end = Math.min(n, r + ROWS_PER_REQUEST);
        const values = await this.client.call('viewSliceRows', { handle: view.handle, r0: r, r1: end });
        if (ticket !== this.ticket) return;
        for (let i = r; i < end; i++) this.rows[i] = values.subarray((i - r) * view.info.alphas.length, (i - r + 1) * view.info.alphas.length);
        this.find('progress').textContent = `Slice: ${end} of ${n} rows`;
        this.dataset.rows = String(end);
        requestDraw(this, () => this.draw());
      }
      this.dataset.state = 'ready';
      this.find('progress').textContent = `${view.info.alphas.length} × ${n} slice through the trained point (${view.info.parameter_count} parameters).`;
      if (this.wantConvexity && view.info.convexity) await this.fillConvexity();
    } catch (error) {
      if (!(error instanceof Cancelled) && ticket === this.ticket) this.showError(error);
    }
  }

  draw() {
    if (!this.info) return;
    const grid = sliceGrid(this.info, this.rows);
    // Contours once the slice is complete: on a half-filled grid they would trace its edge,
    // and they are the costliest part of a draw.
    // The complete slice's contours come in a frame of their own, after its last rows.
    const complete = this.rows.filter(Boolean).length === this.info.betas.length;
    const contours = complete && this.contoursDue;
    this.plot.setGrid(grid, { transform: logColour(grid.values), missing: 'transparent', levels: contours ? 10 : 0 });
    this.contoursDue = complete && !contours;
    if (this.contoursDue) requestDraw(this, () => this.draw());
    if (!this.find('surface-box').hidden) this.surface.setGrid(grid);
    const layer = this.plot.layer('marks');
    layer.replaceChildren();
    const { x, y } = this.plot;
    if (this.info.path) {
      const d = this.info.path.map(([a, b], i) => `${i ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('');
      svgElement('path', { d, class: 'training-path', 'data-role': 'path', fill: 'none', stroke: '#111827', 'stroke-width': 2 }, layer);
      const [a0, b0] = this.info.path[0];
      svgElement('circle', { cx: x(a0), cy: y(b0), r: 4, fill: '#fff', stroke: '#111827', 'stroke-width': 2 }, layer);
    }
    svgElement('circle', { cx: x(0), cy: y(0), r: 5, fill: '#111827', 'data-role': 'trained-point' }, layer);
    svgElement('text', { x: SIZE - 6, y: SIZE - 6, class: 'axis-label', 'text-anchor': 'end' }, layer).textContent = 'α (direction 1)';
    svgElement('text', { x: 6, y: 14, class: 'axis-label' }, layer).textContent = 'β (direction 2)';
    const summary = sliceSummary(this.info, this.rows);
    const run = this.info.runs[0];
    const rows = [
      ['directions', DIRECTIONS[this.info.directions]],
      ['parameters', this.info.parameter_count],
      ['trained loss', formatNumber(run.loss, 4)],
      ['accuracy (train / test)', `${formatNumber(run.accuracy)} / ${formatNumber(run.test_accuracy)}`],
      ['largest loss on the slice', formatNumber(summary.largest, 4)],
      ['median loss on the slice', formatNumber(summary.median, 4)],
      [`share below ${BASIN_LEVEL}`, formatNumber(summary.share)],
      ['rows filled', `${this.rows.filter(Boolean).length} of ${this.info.betas.length}`],
    ];
    if (this.info.explained) rows.splice(1, 0, ['explained variance', `${formatNumber(100 * this.info.explained[0])} % + ${formatNumber(100 * this.info.explained[1])} %`]);
    setReadout(this.find('readout'), rows);
  }

  // The convexity map, a row per request (each point costs a Lanczos run).
  async fillConvexity() {
    if (!this.info?.convexity || this.convexityRows) return;
    const ticket = this.ticket;
    const c = this.info.convexity;
    this.convexityRows = { ratio: [], smallest: [] };
    this.find('convexity-box').hidden = false;
    this.saveState();
    try {
      for (let r = 0; r < c.betas.length && ticket === this.ticket; r++) {
        const rows = await this.client.call('viewConvexityRows', { handle: this.handle, r0: r, r1: r + 1 });
        if (ticket !== this.ticket) return;
        this.convexityRows.ratio[r] = rows.ratio[0];
        this.convexityRows.smallest[r] = rows.smallest[0];
        this.find('convexity-note').textContent = `${r + 1} of ${c.betas.length} rows; ${c.lanczos_steps} Lanczos steps a point. Blue: nearly convex (|λmin/λmax| small); orange: strong negative curvature. A few Lanczos steps give the extremes roughly: a map, not a proof.`;
        requestDraw(this.convexityPlot, () => this.convexityPlot.setGrid(sliceGrid(c, this.convexityRows.ratio),
          { transform: (v) => Math.log10(Math.max(v, 1e-6)), missing: 'transparent', levels: 6 }));
      }
      this.dataset.convexity = 'ready';
    } catch (error) {
      if (!(error instanceof Cancelled) && ticket === this.ticket) this.showError(error);
    }
  }

  async csv() {
    if (!this.info) throw new Error('the slice is not computed yet');
    const out = [];
    this.rows.forEach((row, r) => row?.forEach((v, c) => out.push([this.info.alphas[c], this.info.betas[r], v])));
    return toCsv(['alpha', 'beta', 'loss'], out);
  }

  async scenario() { return this.effectiveScenario ?? this.scenarioText; }
}

defineWidget(LandscapeSlice);
