// Why this file exists: Dauphin et al. (2014) in miniature,
//   <index-versus-loss starts="30" trained-starts="12"></index-versus-loss>
// On the 1-3-3-1 network of the spectrum widget (scenarios/spectrum-while-training.json),
// critical points are found two ways and plotted as index (fraction of negative Hessian
// eigenvalues) against loss: the critical-point finder from random starts, which converges
// to saddles as readily as to minima, and the same finder polishing where saddle-free Newton
// got to after 30, 100 and 1000 steps from other random starts, which reaches the minima.
// The claims drawn here are asserted on the core in tests/core/critical_points.test.cpp.
import { RemoteTraining, call } from './core-client.js';
import { ScatterChart } from './chart.js';

const COLORS = { minimum: '#1d4ed8', saddle: '#dc2626', degenerate: '#7c3aed', maximum: '#d97706' };
const STOPS = [30, 100, 1000];

export class IndexVersusLoss extends HTMLElement {
  get base() { return this.getAttribute('base') ?? new URL('.', document.baseURI).href; }

  connectedCallback() {
    if (this.built) return;
    this.built = true;
    this.innerHTML = `<div class="experiment-controls"><button data-role="run" class="primary">Find critical points</button>
      <span class="experiment-description" data-role="progress"></span></div><div data-role="chart"></div>`;
    this.chart = new ScatterChart(this.querySelector('[data-role="chart"]'), {
      title: 'Critical points of the 1-3-3-1 tanh network: index against loss',
      note: 'A larger dot stands for several starts that reached the same point. Hover a dot for its numbers.',
      xLabel: 'loss L at the critical point', yLabel: 'index (fraction of negative eigenvalues)', xLog: true,
      legend: Object.entries(COLORS).map(([kind, color]) => ({ label: kind, color, kind: 'dot' })),
    });
    this.chart.render();
    this.querySelector('[data-role="run"]').addEventListener('click', () => this.run().catch((error) => {
      this.querySelector('[data-role="progress"]').textContent = String(error.message ?? error);
      this.dataset.state = 'error';
    }));
    this.dataset.state = 'ready';
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
      x: p.value, y: p.index, color: COLORS[p.kind] ?? '#6b7280', name: p.kind, count: p.count,
      title: `${p.count} × ${p.kind}: L = ${p.value.toPrecision(4)}, ${p.negative} negative, ${p.zero} zero, ${p.positive} positive eigenvalues`,
    })));
    this.chart.render();
  }

  async run() {
    if (this.dataset.state === 'running') return;
    const starts = Number(this.getAttribute('starts') ?? 30);
    const trainedStarts = Number(this.getAttribute('trained-starts') ?? 12);
    const button = this.querySelector('[data-role="run"]');
    const progress = this.querySelector('[data-role="progress"]');
    button.disabled = true;
    this.dataset.state = 'running';
    this.found = [];
    const total = starts + trainedStarts * STOPS.length;
    let tried = 0;
    const report = () => {
      progress.textContent = `${tried} of ${total} searches: ${this.found.length} critical points (the others drifted towards saturated units)`;
      this.draw();
    };
    try {
      const scenario = await (await fetch(new URL('scenarios/spectrum-while-training.json', this.base))).json();
      const run = await RemoteTraining.create(JSON.stringify(scenario));
      try {
        for (let seed = 1; seed <= starts; seed++) {
          const c = await call('criticalPoint', { handle: run.handle, seed, scale: 1, iterations: 2000 });
          tried++;
          if (c.converged) this.found.push({ ...c, method: 'finder' });
          report();
        }
      } finally {
        run.dispose();
      }
      for (let seed = 1; seed <= trainedStarts; seed++) {
        const trained = await RemoteTraining.create(JSON.stringify({
          ...scenario, seed,
          data: { ...scenario.data, seed: scenario.seed }, // the same 40 points for every start
          model: { ...scenario.model, init: { kind: 'normal', scale: 0.5 } },
          optimizer: { kind: 'saddle_free_newton', learning_rate: 1, damping: 0.01 },
          steps: STOPS.at(-1), log_every: STOPS.at(-1),
        }));
        try {
          let at = 0;
          for (const stop of STOPS) {
            await trained.advance(stop - at);
            at = stop;
            const c = await call('criticalPoint', { handle: trained.handle, seed: -1, scale: 1, iterations: 1000 });
            tried++;
            if (c.converged) this.found.push({ ...c, method: `saddle-free Newton ${stop} steps, then the finder` });
            report();
          }
        } finally {
          trained.dispose();
        }
      }
      this.dataset.state = 'done';
    } finally {
      button.disabled = false;
      if (this.dataset.state === 'running') this.dataset.state = 'error';
    }
  }
}
