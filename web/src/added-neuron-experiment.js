// Why this file exists: the tutorial's central experiment as one reusable element,
//   <added-neuron-experiment scenario="rescue"></added-neuron-experiment>
// Two runs of the same scenario side by side in the worker: the original network trained
// plainly, and the same network with the added neuron. Charts: the losses over steps,
// |a_k| on a log scale with its sign, and the neuron's output at every training point.
// Attributes: scenario (a name in scenarios/), src (a scenario URL instead), base (where
// scenarios/ lives; default the page's folder), chooser ("false" hides the scenario menu).
import { RemoteTraining } from './core-client.js';
import { StepChart, PointChart, tick } from './chart.js';

const COLORS = {
  original: '#6b7280', trained: '#2563eb', originalPart: '#ea580c', negative: '#dc2626', positive: '#2563eb',
  residual: '#111827', neuronBar: '#60a5fa',
};
const PARAM_COLORS = ['#2563eb', '#16a34a', '#9333ea', '#db2777', '#0891b2', '#ca8a04', '#4338ca', '#65a30d', '#c026d3', '#0d9488', '#b45309', '#1e40af'];
const FRAMES_PER_RUN = 360; // about six seconds at 60 frames per second, whatever the step count

const fmt = (v, digits = 4) => (v === 0 ? '0' : Number.isFinite(v) ? (Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(digits)) : '–');

export class AddedNeuronExperiment extends HTMLElement {
  static get observedAttributes() { return ['scenario', 'src']; }

  connectedCallback() {
    if (this.built) return;
    this.built = true;
    this.innerHTML = `
      <div class="experiment-controls">
        <label>Scenario <select data-role="chooser" aria-label="scenario"></select></label>
        <button data-role="play" class="primary">Play</button>
        <button data-role="pause" disabled>Pause</button>
        <button data-role="reset">Reset</button>
        <span data-role="progress" class="experiment-description"></span>
      </div>
      <p class="experiment-description" data-role="description"></p>
      <div class="message" data-role="message" role="status"></div>
      <div class="runs">
        <section class="run original"><h3>Original network (trained plainly)</h3><dl data-role="original-stats"></dl></section>
        <section class="run neuron"><h3>With the added neuron</h3><dl data-role="neuron-stats"></dl></section>
      </div>
      <div class="charts" data-role="charts"></div>`;
    this.find = (role) => this.querySelector(`[data-role="${role}"]`);
    const charts = this.find('charts');
    this.lossChart = new StepChart(charts, {
      title: 'Loss over training', yLabel: 'loss', log: true, scaleToggle: true,
      legend: [
        { label: 'original network: L', color: COLORS.original },
        { label: 'with neuron: trained objective L̃', color: COLORS.trained },
        { label: 'with neuron: L of its network part', color: COLORS.originalPart, kind: 'dash' },
      ],
    });
    this.aChart = new StepChart(charts, {
      title: '|a| of the added neuron', yLabel: '|a|', log: true,
      legend: [{ label: 'a > 0', color: COLORS.positive, kind: 'dot' }, { label: 'a < 0', color: COLORS.negative, kind: 'dot' }],
    });
    this.pointChart = new PointChart(charts, {
      title: 'The neuron at each training point', yLabel: 'value at x_i', xLabel: 'training point x_i',
      note: 'The neuron is gone only when its bars vanish, not merely when a is small.',
      legend: [
        { label: 'neuron output g(x_i) = a·exp(w·x_i + b)', color: COLORS.neuronBar, kind: 'bar' },
        { label: 'residual y_i − f(x_i) of its network part', color: COLORS.residual, kind: 'hollow' },
      ],
    });
    this.paramChart = new StepChart(charts, {
      title: 'Parameters of the network', yLabel: 'parameter value', includeZero: false,
      note: 'The original network\'s own parameters θ (the neuron\'s a, b, w excluded).',
      legend: [
        { label: 'with neuron (one colour per parameter)', color: PARAM_COLORS[0] },
        { label: 'original network', color: COLORS.original, kind: 'dash' },
      ],
    });
    this.find('play').addEventListener('click', () => this.play());
    this.find('pause').addEventListener('click', () => this.pause());
    this.find('reset').addEventListener('click', () => this.load());
    this.find('chooser').addEventListener('change', (event) => this.setAttribute('scenario', event.target.value));
    if (this.getAttribute('chooser') === 'false') this.find('chooser').closest('label').hidden = true;
    this.fillChooser();
    this.load();
  }

  disconnectedCallback() { this.disposeRuns(); }

  attributeChangedCallback(name, previous, value) {
    if (this.built && previous !== value) this.load();
  }

  get base() { return this.getAttribute('base') ?? new URL('.', document.baseURI).href; }

  async fillChooser() {
    try {
      const index = await (await fetch(new URL('scenarios/index.json', this.base))).json();
      const names = index.filter((entry) => entry.added_neuron).map((entry) => entry.name);
      this.find('chooser').replaceChildren(...names.map((name) => new Option(name, name)));
      this.syncChooser();
    } catch {
      this.find('chooser').closest('label').hidden = true;
    }
  }

  // The menu shows the scenario attribute, also one that is not in the index.
  syncChooser() {
    const chooser = this.find('chooser');
    const name = this.getAttribute('src') ? '' : (this.getAttribute('scenario') ?? 'rescue');
    if (name && ![...chooser.options].some((option) => option.value === name)) chooser.append(new Option(name, name));
    chooser.value = name;
  }

  // Loads the scenario into two fresh runs (original, with neuron); reports bad input.
  async load() {
    const ticket = (this.ticket = (this.ticket ?? 0) + 1);
    this.pause();
    this.disposeRuns();
    this.showMessage('');
    this.setButtons({ play: false, pause: false });
    this.syncChooser();
    try {
      const src = this.getAttribute('src') ?? new URL(`scenarios/${this.getAttribute('scenario') ?? 'rescue'}.json`, this.base).href;
      const response = await fetch(src);
      if (!response.ok) throw new Error(`cannot load the scenario ${src} (${response.status})`);
      const text = await response.text();
      let scenario;
      try {
        scenario = JSON.parse(text);
      } catch {
        scenario = null; // the core names the JSON error
      }
      const original = scenario && typeof scenario === 'object'
        ? JSON.stringify({ ...scenario, added_neuron: { ...(scenario.added_neuron ?? {}), enabled: false } })
        : text;
      const [neuronRun, originalRun] = await Promise.all([RemoteTraining.create(text), RemoteTraining.create(original)]);
      if (ticket !== this.ticket) {
        neuronRun.dispose();
        originalRun.dispose();
        return;
      }
      this.runs = { neuron: neuronRun, original: originalRun };
      this.history = { neuron: [neuronRun.initial], original: [originalRun.initial] };
      this.status = { neuron: { state: 'running' }, original: { state: 'running' } };
      const info = neuronRun.info;
      this.find('description').textContent = info.description;
      this.stepsPerRequest = Math.max(1, Math.ceil(info.steps / FRAMES_PER_RUN));
      this.dataset.state = 'ready';
      this.setButtons({ play: true, pause: false });
      this.draw();
    } catch (error) {
      if (ticket !== this.ticket) return;
      this.dataset.state = 'error';
      this.showMessage(String(error.message ?? error), 'error');
    }
  }

  play() {
    if (!this.runs || this.playing) return;
    this.playing = true;
    this.dataset.state = 'playing';
    this.setButtons({ play: false, pause: true });
    this.loop();
  }

  pause() {
    this.playing = false;
    if (this.runs && this.dataset.state === 'playing') this.dataset.state = 'paused';
    this.setButtons({ play: Boolean(this.runs) && !this.finished(), pause: false });
  }

  finished() {
    return this.status && Object.values(this.status).every((s) => s.state !== 'running');
  }

  // One request per animation frame at most: the worker trains, the page only draws.
  async loop() {
    const runs = this.runs;
    while (this.playing && runs === this.runs && !this.finished()) {
      const frame = new Promise((resolve) => requestAnimationFrame(resolve));
      const replies = await Promise.all(['neuron', 'original'].map((key) =>
        this.status[key].state === 'running' ? runs[key].advance(this.stepsPerRequest) : null));
      if (runs !== this.runs) return;
      ['neuron', 'original'].forEach((key, i) => {
        if (!replies[i]) return;
        this.history[key].push(...replies[i].records);
        this.status[key] = replies[i].status;
      });
      this.draw();
      const diverged = Object.entries(this.status).find(([, s]) => s.state === 'diverged');
      if (diverged) {
        this.showMessage(`${diverged[0] === 'neuron' ? 'With the added neuron' : 'Original network'}: ${diverged[1].message}. Training is paused.`, 'error');
        this.playing = false;
        this.dataset.state = 'diverged';
        this.setButtons({ play: false, pause: false });
        return;
      }
      await frame;
    }
    if (runs === this.runs && this.finished()) {
      this.playing = false;
      this.dataset.state = 'finished';
      this.setButtons({ play: false, pause: false });
    }
  }

  draw() {
    const neuron = this.history.neuron, original = this.history.original;
    const last = neuron.at(-1), lastOriginal = original.at(-1);
    const info = this.runs.neuron.info;
    this.find('progress').textContent = `step ${last.step} of ${info.steps}`;
    this.dataset.step = String(last.step);
    this.stats('original-stats', [
      ['step', lastOriginal.step], ['loss L', fmt(lastOriginal.loss)], ['gradient norm', fmt(lastOriginal.grad_norm, 3)],
      ['state', this.status.original.state],
    ]);
    const a = last.a ?? [];
    this.stats('neuron-stats', [
      ['step', last.step], ['trained objective L̃', fmt(last.loss)], ['L of the network part', fmt(last.original_loss)],
      ['a', a.map((v) => fmt(v, 3)).join(', ') || '–'],
      ['largest exponent w·x_i + b', last.neuron_on && Number.isFinite(last.max_exponent) ? fmt(last.max_exponent, 3) : '–'],
      ['neuron', last.neuron_on ? `on (λ = ${info.lambda})` : `off until step ${info.neuron_start_step}`],
      ['state', this.status.neuron.state],
    ]);

    const marker = info.neuron_start_step > 0 ? info.neuron_start_step : null;
    for (const chart of [this.lossChart, this.aChart, this.paramChart]) {
      chart.setMaxStep(info.steps);
      chart.setMarker(marker, 'neuron on');
    }
    this.lossChart.setSeries([
      { name: 'original', color: COLORS.original, width: 3, points: original.map((r) => [r.step, r.loss]) },
      { name: 'trained', color: COLORS.trained, points: neuron.map((r) => [r.step, r.loss]) },
      { name: 'original-part', color: COLORS.originalPart, dash: '6 4', points: neuron.map((r) => [r.step, r.original_loss]) },
    ]);
    this.lossChart.render();

    // |a_k| per output k, dots coloured by the sign of a_k; a = 0 (neuron off) is not drawn.
    const outputs = a.length;
    const aSeries = Array.from({ length: outputs }, (_, k) => ({
      name: k === 0 ? 'abs-a' : `abs-a-${k}`, color: COLORS.trained,
      points: neuron.filter((r) => r.neuron_on && r.a && r.a[k] !== 0).map((r) => [r.step, Math.abs(r.a[k]), Math.sign(r.a[k])]),
      dots: (p) => (p[2] < 0 ? COLORS.negative : COLORS.positive),
    }));
    this.aChart.setSeries(aSeries);
    const drawn = aSeries.filter((s) => s.points.length);
    if (!info.added_neuron) this.aChart.setNote('This scenario has no added neuron.');
    else if (!drawn.length) this.aChart.setNote(`a = 0 until the neuron is switched on${marker ? ` at step ${marker}` : ''}: nothing to draw on a log scale yet.`);
    else this.aChart.setNote(`last: a = ${a.map((v) => fmt(v, 3)).join(', ')}`);
    this.aChart.render();
    const svg = this.aChart.svg.node();
    if (drawn.length) svg.dataset.lastAbsA = String(Math.max(...drawn.map((s) => s.points.at(-1)[1])));
    else delete svg.dataset.lastAbsA;

    const x = info.data.x, y = info.data.y;
    this.pointChart.setGroups(x.map((xi, i) => ({
      label: xi.map((v) => tick(v)).join(', '),
      values: y[i].flatMap((yik, k) => [
        { name: 'neuron-output', slot: k, value: last.neuron_output?.[i]?.[k] ?? 0, color: COLORS.neuronBar },
        { name: 'residual', slot: k, value: yik - (last.network_output?.[i]?.[k] ?? NaN), color: COLORS.residual, hollow: true },
      ]),
    })));
    this.pointChart.render();

    // Parameters over steps: only small models report them.
    const count = last.params?.length ?? 0;
    this.paramChart.setHidden(count === 0);
    if (count) {
      const shown = Math.min(count, PARAM_COLORS.length);
      const series = [];
      for (let j = 0; j < shown; ++j) {
        series.push({ name: `original-param-${j}`, color: COLORS.original, dash: '5 4', width: 1.5,
          points: original.filter((r) => r.params).map((r) => [r.step, r.params[j]]) });
      }
      for (let j = 0; j < shown; ++j) {
        series.push({ name: `param-${j}`, color: PARAM_COLORS[j],
          points: neuron.filter((r) => r.params).map((r) => [r.step, r.params[j]]) });
      }
      this.paramChart.setSeries(series);
      this.paramChart.setNote(count === 1
        ? `θ = ${fmt(last.params[0])} with the neuron, ${fmt(lastOriginal.params?.[0])} without.`
        : `The original network's own ${count} parameters${shown < count ? ` (first ${shown} drawn)` : ''}; the neuron's a, b, w excluded.`);
      this.paramChart.render();
    }
  }

  stats(role, rows) {
    const list = this.find(role);
    list.replaceChildren(...rows.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = String(value);
      return [dt, dd];
    }));
  }

  setButtons({ play, pause }) {
    this.find('play').disabled = !play;
    this.find('pause').disabled = !pause;
  }

  showMessage(text, kind = 'info') {
    const message = this.find('message');
    message.textContent = text;
    message.className = `message ${kind}`;
  }

  disposeRuns() {
    if (!this.runs) return;
    for (const run of Object.values(this.runs)) run.dispose().catch(() => {});
    this.runs = null;
  }
}
