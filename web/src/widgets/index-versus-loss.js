// Why this file exists: Dauphin et al. (2014) in miniature,
//   <lll-index-versus-loss scenario="index-versus-loss"></lll-index-versus-loss>
// Critical points of a small network, found the ways the scenario's "critical_points"
// section lists (the finder from random starts, which converges to saddles as readily as
// to minima; the same finder polishing where saddle-free Newton got to), plotted as index
// (fraction of negative Hessian eigenvalues) against loss. The core runs one search per
// request, so the page shows progress and Stop ends the search at once.
// Controls (hide="..."): tools.
import { LabWidget, defineWidget } from '../kit/widget.js';
import { Cancelled } from '../kit/core-client.js';
import { loadScenarioText } from '../kit/scenarios.js';
import { toCsv } from '../kit/export.js';
import { ScatterChart } from '../kit/chart.js';
import { CRITICAL_KIND_COLORS } from '../kit/palettes.js';

const COLORS = CRITICAL_KIND_COLORS; // kit/palettes.js: apart for colour-blind readers too

export class IndexVersusLoss extends LabWidget {
  static widgetName = 'index-versus-loss';
  static controls = { tools: 'link and export buttons' };

  build(body) {
    body.innerHTML = `<div class="experiment-controls"><button type="button" data-role="run" class="primary">Find critical points</button>
      <span class="experiment-description" data-role="progress"></span></div>
      <div class="message" data-role="message"></div><div data-role="chart"></div>`;
    this.chart = new ScatterChart(this.find('chart'), {
      title: 'Critical points: index against loss',
      note: 'A larger dot stands for several starts that reached the same point. Hover a dot for its numbers.',
      xLabel: 'loss L at the critical point', yLabel: 'index (fraction of negative eigenvalues)', xLog: true,
      legend: Object.entries(COLORS).map(([kind, color]) => ({ label: kind, color, kind: 'dot' })),
    });
    this.chart.render();
    this.find('run').addEventListener('click', () => (this.currentState === 'running' ? this.stop() : this.run()));
    this.setState('ready');
  }

  start() {}

  // Said aloud: the searches, not a training; when done, what the chart shows.
  stateAnnouncement(state) {
    if (state === 'done') this.chart.describeNow();
    return { running: 'Searching for critical points.', stopped: 'Search stopped.',
      done: `Search finished: ${this.chart.description}.` }[state] ?? null;
  }

  // Coincident critical points (same loss to 6 digits, same index) become one larger dot.
  draw() {
    const groups = new Map();
    for (const p of this.found) {
      const key = `${p.value.toPrecision(6)} ${p.index.toFixed(4)} ${p.kind}`;
      const group = groups.get(key) ?? { ...p, count: 0 };
      group.count++;
      groups.set(key, group);
    }
    this.chart.setPoints([...groups.values()].map((p) => ({
      x: p.value, y: p.index, color: COLORS[p.kind] ?? COLORS.degenerate, name: p.kind, count: p.count,
      title: `${p.count} × ${p.kind}: L = ${p.value.toPrecision(4)}, ${p.negative} negative, ${p.zero} zero, ${p.positive} positive eigenvalues`,
    })));
    this.chart.render();
  }

  stop() {
    this.client.cancel(); // the search in flight ends now; its worker is replaced
    this.setState('stopped');
    this.find('run').textContent = 'Find critical points';
    this.find('progress').textContent += ' (stopped)';
  }

  async run() {
    const button = this.find('run');
    this.setState('running');
    button.textContent = 'Stop';
    this.found = [];
    this.showMessage('');
    try {
      const search = await this.client.call('searchCreate', { scenario: await loadScenarioText(this, 'index-versus-loss') });
      for (let i = 0; i < search.count; i++) {
        const c = await this.client.call('searchRun', { handle: search.handle, i });
        if (c.converged) this.found.push(c);
        this.find('progress').textContent = `${i + 1} of ${search.count} searches: ${this.found.length} critical points (the others stopped short of a zero gradient)`;
        this.draw();
      }
      await this.client.call('dispose', { handle: search.handle });
      this.setState('done');
    } catch (error) {
      if (!(error instanceof Cancelled)) this.showError(error);
    } finally {
      if (this.currentState !== 'stopped') button.textContent = 'Find critical points';
    }
  }

  async csv() {
    return toCsv(['method', 'loss', 'index', 'kind', 'negative', 'zero', 'positive', 'grad_norm'],
      (this.found ?? []).map((p) => [p.method, p.value, p.index, p.kind, p.negative, p.zero, p.positive, p.grad_norm]));
  }

  async scenario() { return loadScenarioText(this, 'index-versus-loss'); }
}

defineWidget(IndexVersusLoss, 'index-versus-loss');
