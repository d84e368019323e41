// Why this file exists: the Hessian's spectrum watched while a network trains,
//   <spectrum-while-training scenario="spectrum-while-training"></spectrum-while-training>
// After every logged stretch of steps the worker computes the full spectrum at the current
// parameters; the page draws the eigenvalue histogram, the loss and gradient norm, and the
// index (fraction of negative eigenvalues) against steps, and says at the end what kind of
// point the optimizer stopped at. Changing the optimizer on the same start shows the point
// of the section: Newton's method is drawn to the saddle, saddle-free Newton is not.
import { RemoteTraining, call } from './core-client.js';
import { HistogramChart, StepChart, tick } from './chart.js';

const OPTIMIZERS = {
  gd: { label: 'gradient descent (η = 0.1)', spec: { kind: 'gd', learning_rate: 0.1 } },
  newton: { label: 'Newton (damping 10⁻⁴)', spec: { kind: 'newton', learning_rate: 1, damping: 1e-4 } },
  saddle_free_newton: { label: 'saddle-free Newton (damping 0.01)', spec: { kind: 'saddle_free_newton', learning_rate: 1, damping: 0.01 } },
  adam: { label: 'Adam (η = 0.01)', spec: { kind: 'adam', learning_rate: 0.01 } },
};
const COLORS = { negative: '#dc2626', zero: '#9ca3af', positive: '#1d4ed8' };
const format = (v) => (Number.isFinite(v) ? Number(v.toPrecision(3)).toExponential().replace(/e\+?0$/, '').replace('e+', 'e') : String(v));

// What the spectrum says about the point, in a sentence a reader can act on.
export function describePoint(spectrum, finished) {
  const n = spectrum.eigenvalues.length;
  const g = `gradient norm ${format(spectrum.grad_norm)}`;
  const smallest = format(spectrum.eigenvalues[0]);
  switch (spectrum.kind) {
  case 'minimum':
    return `${finished ? 'Stopped at' : 'At'} a minimum: ${g}, all ${n} eigenvalues positive (the smallest is ${smallest}).`;
  case 'saddle':
    return `${finished ? 'Stopped at' : 'At'} a saddle: ${g}, yet ${spectrum.negative} of ${n} eigenvalues ${spectrum.negative === 1 ? 'is' : 'are'} negative (index ${tick(Number(spectrum.index.toFixed(3)))}): directions that lead down, which this optimizer does not take.`;
  case 'maximum':
    return `At a maximum: ${g}, all ${n} eigenvalues negative.`;
  case 'degenerate':
    return `At a degenerate critical point: ${g}, ${spectrum.zero} zero eigenvalue(s) and no negative one; the second-order test cannot decide.`;
  default:
    if (spectrum.negative === 0)
      return `Not a critical point yet (${g}, above 10⁻⁶), but no eigenvalue is negative: inside a minimum's basin${finished ? ', converging slowly: the smallest eigenvalue ' + smallest + ' sets the pace' : ''}.`;
    return `Not a critical point (${g}); ${spectrum.negative} of ${n} eigenvalues ${spectrum.negative === 1 ? 'is' : 'are'} negative (index ${tick(Number(spectrum.index.toFixed(3)))}): the loss still curves down in ${spectrum.negative === 1 ? 'one direction' : spectrum.negative + ' directions'}.`;
  }
}

export class SpectrumWhileTraining extends HTMLElement {
  get base() { return this.getAttribute('base') ?? new URL('.', document.baseURI).href; }

  connectedCallback() {
    if (this.built) return;
    this.built = true;
    this.innerHTML = `
      <div class="experiment-controls">
        <label>Optimizer <select data-role="optimizer">${Object.entries(OPTIMIZERS)
          .map(([key, o]) => `<option value="${key}">${o.label}</option>`).join('')}</select></label>
        <button data-role="play" class="primary">Train</button>
        <button data-role="reset">Reset</button>
        <span class="experiment-description" data-role="progress"></span>
      </div>
      <p class="message info" data-role="verdict" role="status"></p>
      <div class="charts" data-role="charts"></div>`;
    const charts = this.find('charts');
    this.histogram = new HistogramChart(charts, {
      title: 'Hessian eigenvalues now', colors: COLORS,
      note: 'How many eigenvalues of each sign and size; red ones are directions in which the loss curves down.',
    });
    this.lossChart = new StepChart(charts, {
      title: 'Loss and gradient norm', yLabel: 'value', log: true, floor: 1e-18,
      legend: [{ label: 'loss L', color: '#111827' }, { label: 'gradient norm', color: '#d97706', kind: 'dash' }],
    });
    this.indexChart = new StepChart(charts, {
      title: 'Index: the fraction of negative eigenvalues', yLabel: 'index',
      note: 'Above 0 near a saddle; 0 in a minimum\'s basin.',
      legend: [{ label: 'index', color: COLORS.negative, kind: 'dot' }],
    });
    this.find('play').addEventListener('click', () => (this.running ? this.pause() : this.play()));
    this.find('reset').addEventListener('click', () => this.load());
    this.find('optimizer').addEventListener('change', () => this.load());
    this.load();
  }

  disconnectedCallback() {
    this.pause();
  }

  find(role) { return this.querySelector(`[data-role="${role}"]`); }

  showMessage(text, error = false) {
    const verdict = this.find('verdict');
    verdict.textContent = text;
    verdict.classList.toggle('error', error);
  }

  // A fresh run from the scenario's start with the chosen optimizer.
  async load() {
    const ticket = (this.ticket = (this.ticket ?? 0) + 1);
    this.pause();
    this.dataset.state = 'loading';
    try {
      this.scenario ??= await (await fetch(new URL(`scenarios/${this.getAttribute('scenario') ?? 'spectrum-while-training'}.json`, this.base))).json();
      const optimizer = OPTIMIZERS[this.find('optimizer').value].spec;
      const run = await RemoteTraining.create(JSON.stringify({ ...this.scenario, optimizer }));
      if (ticket !== this.ticket) return void run.dispose();
      this.run?.dispose();
      this.run = run;
      this.history = [];
      this.histogram.resetScale();
      this.status = { state: 'running', step: 0 };
      await this.snapshot(run.initial);
      this.dataset.state = 'ready';
      this.updateButtons();
    } catch (error) {
      this.showMessage(String(error.message ?? error), true);
      this.dataset.state = 'error';
    }
  }

  // Spectrum at the current parameters, added to the history and drawn.
  async snapshot(record) {
    const spectrum = await call('spectrum', { handle: this.run.handle });
    this.spectrum = spectrum;
    this.history.push({ step: record.step, loss: record.loss, grad_norm: spectrum.grad_norm, index: spectrum.index });
    this.draw();
  }

  draw() {
    const { info } = this.run;
    const finished = this.status.state !== 'running';
    const step = this.history.at(-1)?.step ?? 0;
    this.histogram.setValues(this.spectrum.eigenvalues);
    this.histogram.setNote(`${this.spectrum.eigenvalues.length} eigenvalues at step ${step}: ${this.spectrum.negative} negative, ${this.spectrum.zero} zero, ${this.spectrum.positive} positive.`);
    this.histogram.render();
    for (const chart of [this.lossChart, this.indexChart]) chart.setMaxStep(info.steps);
    this.lossChart.setSeries([
      { name: 'loss', color: '#111827', points: this.history.map((h) => [h.step, h.loss]) },
      { name: 'gradient norm', color: '#d97706', dash: '5 3', points: this.history.map((h) => [h.step, h.grad_norm]) },
    ]);
    this.lossChart.render();
    this.indexChart.setSeries([{ name: 'index', color: COLORS.negative, points: this.history.map((h) => [h.step, h.index]), dots: () => COLORS.negative }]);
    this.indexChart.render();
    this.find('progress').textContent = `step ${step} of ${info.steps}, loss ${format(this.history.at(-1).loss)}`;
    if (this.status.state === 'diverged') this.showMessage(this.status.message, true);
    else this.showMessage(describePoint(this.spectrum, finished));
    this.dataset.kind = this.spectrum.kind;
  }

  updateButtons() {
    const play = this.find('play');
    play.textContent = this.running ? 'Pause' : 'Train';
    play.disabled = !this.run || this.status.state !== 'running';
  }

  // One logged stretch per animation frame: the histogram moves at a watchable pace.
  async play() {
    if (this.running || !this.run || this.status.state !== 'running') return;
    this.running = true;
    this.dataset.state = 'running';
    this.updateButtons();
    const run = this.run;
    try {
      while (this.running && run === this.run && this.status.state === 'running') {
        const { records, status } = await run.advance(run.info.log_every);
        if (run !== this.run) return;
        this.status = status;
        if (records.length) await this.snapshot(records.at(-1));
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      if (run === this.run && this.status.state !== 'running') {
        this.draw();
        this.dataset.state = 'done';
      }
    } catch (error) {
      this.showMessage(String(error.message ?? error), true);
      this.dataset.state = 'error';
    } finally {
      if (run === this.run) {
        this.running = false;
        if (this.dataset.state === 'running') this.dataset.state = 'paused';
        this.updateButtons();
      }
    }
  }

  pause() {
    this.running = false;
  }
}
