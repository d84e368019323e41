// Why this file exists: Dauphin et al. (2014) in miniature,
//   <index-versus-loss starts="60"></index-versus-loss>
// A small tanh network (1-4-1 on 12 points of sin 2x); the critical-point finder (which
// converges to saddles as readily as to minima) runs from many random starts, and each
// critical point it reaches is plotted as loss against index (the fraction of negative
// Hessian eigenvalues): the higher the loss, the more directions lead down.
import { RemoteTraining, call } from './core-client.js';
import { ScatterChart } from './chart.js';

const XS = Array.from({ length: 12 }, (_, i) => -2 + (4 * i) / 11);
// The network, at the origin: the finder draws its own seeded starts.
const scenario = (seed, steps) => JSON.stringify({
  seed,
  data: { kind: 'inline', x: XS.map((x) => [x]), y: XS.map((x) => [Math.sin(2 * x)]) },
  model: { inputs: 1, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'linear' }] },
  loss: 'squared',
  optimizer: { kind: 'armijo', learning_rate: 0.1, max_learning_rate: 2 },
  steps,
  log_every: Math.max(1, steps),
});
const COLORS = { minimum: '#1d4ed8', saddle: '#dc2626', degenerate: '#7c3aed', maximum: '#d97706' };

export class IndexVersusLoss extends HTMLElement {
  connectedCallback() {
    if (this.built) return;
    this.built = true;
    this.innerHTML = `<div class="experiment-controls"><button data-role="run" class="primary">Find critical points</button>
      <span class="experiment-description" data-role="progress"></span></div><div data-role="chart"></div>`;
    this.chart = new ScatterChart(this.querySelector('[data-role="chart"]'), {
      title: 'Critical points of a 1-4-1 tanh network: loss against index',
      xLabel: 'loss L at the critical point', yLabel: 'index (fraction of negative eigenvalues)',
      legend: Object.entries(COLORS).map(([kind, color]) => ({ label: kind, color, kind: 'dot' })),
    });
    this.chart.render();
    this.querySelector('[data-role="run"]').addEventListener('click', () => this.run());
    this.dataset.state = 'ready';
  }

  draw() {
    this.chart.setPoints(this.found.map((p) => ({ x: p.value, y: p.index, color: COLORS[p.kind] ?? '#6b7280', name: p.kind })));
    this.chart.render();
  }

  async run() {
    if (this.dataset.state === 'running') return;
    const starts = Number(this.getAttribute('starts') ?? 60);
    const button = this.querySelector('[data-role="run"]');
    const progress = this.querySelector('[data-role="progress"]');
    button.disabled = true;
    this.dataset.state = 'running';
    this.found = [];
    const run = await RemoteTraining.create(scenario(0, 0));
    try {
      for (let seed = 1; seed <= starts; seed++) {
        // The finder (Levenberg-Marquardt on ||g||^2 / 2) reaches saddles as readily as minima.
        const c = await call('criticalPoint', { handle: run.handle, seed, scale: 1, iterations: 2000 });
        if (c.converged) this.found.push({ ...c, method: 'finder' });
        progress.textContent = `${seed} of ${starts} starts: ${this.found.length} critical points found; the other starts drift towards saturated units (critical points at infinity)`;
        this.draw();
      }
    } finally {
      run.dispose();
      button.disabled = false;
      this.dataset.state = 'done';
    }
  }
}
