// Why this file exists: skip connections and width change the landscape (Li et al. 2018),
//   <lll-skip-width></lll-skip-width>
// Filter-normalised slices of three networks on the same data side by side: a deep narrow
// one, the same with skip connections, and a shallow wide one, with summary figures under
// each. The worker trains and slices them one after the other, a few rows per request.
// Attributes: scenarios (three names; default landscape-slice-narrow-deep,
// landscape-slice-skip, landscape-slice-wide). Controls (hide="..."): readout, tools.
import { LabWidget, defineWidget } from '../kit/widget.js';
import { HeatmapPlot, logScale } from '../kit/heatmap-plot.js';
import { loadScenarioByName } from '../kit/scenarios.js';
import { requestDraw } from '../kit/frames.js';
import { formatNumber } from '../kit/format.js';
import { setReadout } from '../kit/readout.js';
import { toCsv } from '../kit/export.js';
import { Cancelled } from '../kit/core-client.js';
import { RunLoop } from '../kit/run-loop.js';
import { trainView, describeProgress, sliceGrid } from './landscape-common.js';

const DEFAULT = ['landscape-slice-narrow-deep', 'landscape-slice-skip', 'landscape-slice-wide'];
const TITLES = { 'landscape-slice-narrow-deep': 'Deep and narrow', 'landscape-slice-skip': 'Deep and narrow + skips',
  'landscape-slice-wide': 'Shallow and wide' };
const ROWS_PER_REQUEST = 2;

export class SkipWidth extends LabWidget {
  static widgetName = 'skip-width';
  static controls = { readout: 'the figures under each slice', tools: 'link and export buttons' };

  build(body) {
    body.innerHTML = `
      <p class="experiment-description" data-role="progress"></p>
      <div class="message" data-role="message"></div>
      <div class="runs slices" data-role="panels"></div>
      <p class="experiment-description">Colour: the training loss on a log scale (its bar beside each slice), each slice on its own scale; the trained point is at the centre. Same data, optimizer and seed for all three.</p>`;
    this.loop = new RunLoop(this); // each panel's training, then its rows
    this.setState('loading');
  }

  async start() {
    const names = (this.getAttribute('scenarios') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    this.names = names.length ? names : DEFAULT;
    this.panels = this.names.map((name) => {
      const panel = document.createElement('div');
      panel.className = 'run';
      panel.dataset.scenario = name;
      panel.innerHTML = '<h3></h3><div data-role="slot"></div><dl></dl>';
      panel.querySelector('h3').textContent = TITLES[name] ?? name;
      this.find('panels').append(panel);
      return { name, panel, plot: new HeatmapPlot(panel.querySelector('[data-role="slot"]'), { size: 300, label: `loss slice of ${name}`, xLabel: 'α', yLabel: 'β', valueLabel: 'training loss' }), rows: [] };
    });
    this.loop.replace();
    try {
      for (const p of this.panels) {
        p.text = await loadScenarioByName(this, p.name);
        const view = await trainView(this.loop, this.client, p.text, null, {
          onProgress: (progress) => (this.find('progress').textContent = `${TITLES[p.name] ?? p.name}: training ${describeProgress(progress)}`),
        });
        if (!view) return;
        p.info = view.info;
        // The panel's axes in a frame of their own, before its first rows (HeatmapPlot.setWindow).
        const { window } = sliceGrid(view.info, []);
        requestDraw(p.plot, () => p.plot.setWindow(window));
        this.setState('filling');
        const n = view.info.betas.length;
        let r = 0; // the next row: out of view the slice waits, and goes on from there
        const filled = await this.loop.runToEnd(async (ticket) => {
          const end = Math.min(n, r + ROWS_PER_REQUEST);
          const { values, summary } = await this.client.call('viewSliceRows', { handle: view.handle, r0: r, r1: end });
          if (!this.loop.current(ticket)) return false;
          p.summary = summary; // the core's figures of the rows so far
          const m = view.info.alphas.length;
          for (let i = r; i < end; i++) p.rows[i] = values.subarray((i - r) * m, (i - r + 1) * m);
          this.find('progress').textContent = `${TITLES[p.name] ?? p.name}: ${end} of ${n} rows`;
          this.drawPanel(p);
          r = end;
          return r < n;
        }, { paced: false });
        if (!filled) return;
        this.client.call('dispose', { handle: view.handle }).catch(() => {});
        p.done = true;
        this.drawPanel(p); // its state follows its last rows' draw
      }
      this.find('progress').textContent = 'Filter-normalised slices around each trained network.';
      this.setState('ready');
    } catch (error) {
      if (!(error instanceof Cancelled)) this.showError(error);
    }
  }

  // Panels are drawn in the widget's own frame (the kit's), so its published state follows
  // every panel's last draw; a panel that has all its rows says so after drawing them.
  drawPanel(p) {
    (this.dirtyPanels ??= new Set()).add(p);
    requestDraw(this, () => {
      for (const q of this.dirtyPanels) {
        this.draw(q);
        if (q.done) q.panel.dataset.state = 'ready';
      }
      this.dirtyPanels.clear();
    });
  }

  draw(p) {
    const grid = sliceGrid(p.info, p.rows);
    const complete = p.rows.filter(Boolean).length === p.info.betas.length; // contours once complete
    p.plot.setGrid(grid, { scale: logScale(), map: 'sequential', missing: 'transparent', levels: complete ? 12 : 0 });
    const s = p.summary ?? {};
    const run = p.info.runs[0];
    setReadout(p.panel.querySelector('dl'), [
      ['parameters', p.info.parameter_count],
      ['trained loss', formatNumber(run.loss, 4)],
      ['test accuracy', formatNumber(run.test_accuracy)],
      ['median / largest loss', `${formatNumber(s.median)} / ${formatNumber(s.largest)}`],
      [`share below ${s.level}`, formatNumber(s.share_below)],
    ]);
  }

  async csv() {
    const rows = [];
    for (const p of this.panels ?? []) p.rows.forEach((row, r) => row?.forEach((v, c) => rows.push([p.name, p.info.alphas[c], p.info.betas[r], v])));
    if (!rows.length) throw new Error('nothing computed yet');
    return toCsv(['scenario', 'alpha', 'beta', 'loss'], rows);
  }

  // The three scenarios, one file each: `landscape slice NAME.json` reproduces each panel.
  async scenario() {
    return (this.panels ?? []).filter((p) => p.text).map((p) => ({ name: p.name, text: p.text }));
  }
}

defineWidget(SkipWidth);
