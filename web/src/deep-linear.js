// Why this file exists: the deep linear networks of MATH.md 3.4 as one element,
//   <deep-linear-networks></deep-linear-networks>
// The 2-3-1 and 2-3-3-1 linear networks on y = x1 + 2 x2: the Hessian's eigenvalues as bars
// at the origin (a strict saddle for one hidden layer, a zero Hessian for two: a saddle with
// no negative eigenvalue) and after training to a global minimum (no negative eigenvalue;
// the zeros count the flat directions of the set of global minima).
import { RemoteTraining, call } from './core-client.js';
import { PointChart } from './chart.js';

const DATA = { kind: 'inline', x: [[1, 0], [0, 1], [-1, 0], [0, -1]], y: [[1], [2], [-1], [-2]] };
const NETWORKS = [
  { name: '2-3-1 (one hidden layer)', hidden: [3] },
  { name: '2-3-3-1 (two hidden layers)', hidden: [3, 3] },
];

function scenario(hidden, trained) {
  return JSON.stringify({
    seed: 3,
    data: DATA,
    model: {
      inputs: 2,
      layers: [...hidden.map((units) => ({ units, activation: 'linear', bias: false })), { units: 1, activation: 'linear', bias: false }],
      init: trained ? { kind: 'normal', scale: 0.5 } : { kind: 'zeros' },
    },
    loss: 'half_squared',
    optimizer: { kind: 'gd', learning_rate: 0.1 },
    steps: trained ? 20000 : 0,
    log_every: 20000,
  });
}

const COLORS = { negative: '#dc2626', zero: '#9ca3af', positive: '#1d4ed8' };

export class DeepLinearNetworks extends HTMLElement {
  connectedCallback() {
    if (this.built) return;
    this.built = true;
    this.innerHTML = `<div class="message" data-role="message" role="status"></div><div class="charts" data-role="charts"></div>`;
    this.dataset.state = 'loading';
    this.load().catch((error) => {
      const message = this.querySelector('[data-role="message"]');
      message.textContent = String(error.message ?? error);
      message.className = 'message error';
      this.dataset.state = 'error';
    });
  }

  async load() {
    const charts = this.querySelector('[data-role="charts"]');
    this.spectra = {};
    for (const network of NETWORKS) {
      for (const trained of [false, true]) {
        const run = await RemoteTraining.create(scenario(network.hidden, trained));
        try {
          while ((await run.advance(20000)).status.state === 'running');
          const spectrum = await call('spectrum', { handle: run.handle });
          const key = `${network.name}, ${trained ? 'trained' : 'origin'}`;
          this.spectra[key] = spectrum;
          this.draw(charts, network, trained, spectrum);
        } finally {
          run.dispose();
        }
      }
    }
    this.dataset.state = 'ready';
  }

  draw(container, network, trained, spectrum) {
    const scale = Math.max(...spectrum.eigenvalues.map(Math.abs), 1e-300);
    const sign = (v) => (Math.abs(v) <= 1e-8 * scale ? 'zero' : v < 0 ? 'negative' : 'positive');
    const chart = new PointChart(container, {
      title: `${network.name} ${trained ? 'after training (a global minimum)' : 'at the origin'}`,
      note: `${spectrum.negative} negative, ${spectrum.zero} zero, ${spectrum.positive} positive: ${spectrum.kind}`,
      yLabel: 'eigenvalue', xLabel: 'eigenvalues, ascending',
      legend: [
        { label: 'negative', color: COLORS.negative, kind: 'bar' },
        { label: 'zero (drawn as a ring)', color: COLORS.zero, kind: 'hollow' },
        { label: 'positive', color: COLORS.positive, kind: 'bar' },
      ],
    });
    chart.setGroups(spectrum.eigenvalues.map((v, i) => ({
      label: String(i + 1),
      values: [sign(v) === 'zero'
        ? { name: 'zero', value: 0, color: COLORS.zero, hollow: true }
        : { name: sign(v), value: v, color: COLORS[sign(v)] }],
    })));
    chart.render();
  }
}
