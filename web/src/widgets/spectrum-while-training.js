// Why this file exists: the Hessian's spectrum watched while a network trains,
//   <lll-spectrum-while-training scenario="spectrum-while-training"></lll-spectrum-while-training>
// After every logged stretch of steps the worker computes the full spectrum at the current
// parameters; the page draws the eigenvalue histogram, the loss and gradient norm, and the
// index (fraction of negative eigenvalues) against steps, and says at the end what kind of
// point the optimizer stopped at. The optimizers offered are the scenario's "compare"
// variants: on the same start Newton's method is drawn to the saddle, saddle-free Newton
// is not. Attributes: scenario (default spectrum-while-training), optimizer (a variant name).
// Controls (hide="..."): optimizer, reset, tools.
import { LabWidget, defineWidget } from '../kit/widget.js';
import { BUSY_MS, RemoteTraining } from '../kit/core-client.js';
import { RunLoop } from '../kit/run-loop.js';
import { requestDraw } from '../kit/frames.js';
import { loadScenarioText } from '../kit/scenarios.js';
import { toCsv } from '../kit/export.js';
import { HistogramChart, StepChart, tick } from '../kit/chart.js';
import { LINE_COLORS, LOSS_COLORS, SIGN_COLORS } from '../kit/palettes.js';
import { messageOf } from '../kit/messages.js';

const COLORS = SIGN_COLORS; // kit/palettes.js
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

export class SpectrumWhileTraining extends LabWidget {
  static widgetName = 'spectrum-while-training';
  static controls = { optimizer: 'the optimizer menu', reset: 'the reset button', tools: 'link and export buttons' };
  static stateKeys = ['optimizer', 'step'];

  build(body) {
    body.innerHTML = `
      <div class="experiment-controls">
        <label data-control="optimizer">Optimizer <select data-role="optimizer"></select></label>
        <button type="button" data-role="play" class="primary">Train</button>
        <button type="button" data-role="reset" data-control="reset">Reset</button>
        <span class="experiment-description" data-role="progress"></span>
      </div>
      <p class="message info" data-role="message"></p>
      <div class="charts" data-role="charts"></div>`;
    const charts = this.find('charts');
    this.histogram = new HistogramChart(charts, {
      title: 'Hessian eigenvalues now', colors: COLORS,
      note: 'How many eigenvalues of each sign and size; red ones are directions in which the loss curves down.',
    });
    this.lossChart = new StepChart(charts, {
      title: 'Loss and gradient norm', yLabel: 'value', log: true, floor: 1e-18,
      legend: [{ label: 'loss L', color: LOSS_COLORS.training }, { label: 'gradient norm', color: LINE_COLORS.companion, kind: 'dash' }],
    });
    this.indexChart = new StepChart(charts, {
      title: 'Index: the fraction of negative eigenvalues', yLabel: 'index',
      note: 'Above 0 near a saddle; 0 in a minimum\'s basin.',
      legend: [{ label: 'index', color: COLORS.negative, kind: 'dot' }],
    });
    this.loop = new RunLoop(this, { tick: (ticket) => this.tick(ticket), onChange: () => this.updateButtons() });
    this.find('play').addEventListener('click', () => this.loop.toggle());
    this.find('reset').addEventListener('click', () => this.load());
    this.find('optimizer').addEventListener('change', () => this.load());
    this.setState('loading');
  }

  async start() {
    this.scenarioText = await loadScenarioText(this, 'spectrum-while-training');
    // A link's optimizer must be one of the scenario's compare variants.
    const variants = (JSON.parse(this.scenarioText).compare ?? []).map((variant) => variant.name);
    const optimizer = this.stateChoice('optimizer', variants);
    const step = this.stateNumber('step', { min: 0, max: 1e9, integer: true });
    await this.load(optimizer ?? this.getAttribute('optimizer') ?? '');
    if (step > 0) await this.fastForward(step);
  }

  close() { this.run?.dispose(); this.run = null; }
  play() { this.loop.play(); }

  // A fresh run from the scenario's start with the chosen variant ('' : the menu's choice).
  async load(variant = this.find('optimizer').value) {
    const ticket = this.loop.replace();
    // The reader's new choice wins over a computation still running in the worker.
    if (this.client.busyFor() > BUSY_MS) this.client.cancel();
    this.setState('loading');
    try {
      const run = await RemoteTraining.create(this.client, this.scenarioText, variant);
      if (!this.loop.current(ticket)) return void run.dispose();
      this.run?.dispose();
      this.run = run;
      this.fillMenu(run.info.compare ?? [], variant);
      this.history = [];
      this.histogram.resetScale();
      this.status = { state: 'running', step: 0 };
      await this.snapshot(run.initial, ticket);
      this.setState('ready');
      this.saveState();
    } catch (error) {
      if (this.loop.current(ticket)) this.showError(error);
    }
    this.updateButtons();
  }

  fillMenu(compare, variant) {
    const menu = this.find('optimizer');
    if (menu.options.length !== compare.length) menu.replaceChildren(...compare.map((c) => new Option(c.label || c.name, c.name)));
    menu.closest('label').hidden = !compare.length || this.find('optimizer').closest('[data-control]').hidden;
    if (variant) menu.value = variant;
  }

  // Spectrum at the current parameters, added to the history and drawn.
  async snapshot(record, ticket) {
    const spectrum = await this.run.call('spectrum');
    if (!this.loop.current(ticket)) return;
    this.spectrum = spectrum;
    this.history.push({ step: record.step, loss: record.loss, grad_norm: spectrum.grad_norm, index: spectrum.index });
    this.publishData('step', String(record.step));
    requestDraw(this, () => this.draw());
  }

  // One logged stretch per frame: the histogram moves at a watchable pace.
  async tick(ticket, steps = this.run.info.log_every) {
    const { records, status } = await this.run.advance(steps);
    if (!this.loop.current(ticket)) return false;
    this.status = status;
    if (records.length) await this.snapshot(records.at(-1), ticket);
    if (status.state !== 'running') {
      this.setState('done');
      requestDraw(this, () => this.draw());
      return false;
    }
    this.setState('running');
    this.saveState();
    return true;
  }

  async fastForward(step) {
    const ticket = this.loop.ticket;
    await this.tick(ticket, step);
    if (this.loop.current(ticket) && this.currentState === 'running') this.setState('paused');
    this.updateButtons();
  }

  draw() {
    if (!this.run) return;
    const { info } = this.run;
    const finished = this.status.state !== 'running';
    const step = this.history.at(-1)?.step ?? 0;
    this.histogram.setValues(this.spectrum.eigenvalues, this.spectrum.signs);
    this.histogram.setNote(`${this.spectrum.eigenvalues.length} eigenvalues at step ${step}: ${this.spectrum.negative} negative, ${this.spectrum.zero} zero, ${this.spectrum.positive} positive.`);
    // The core's words for the point (its kind, from the spectrum it computed).
    this.histogram.setFacts(describePoint(this.spectrum, finished));
    this.histogram.render();
    for (const chart of [this.lossChart, this.indexChart]) chart.setMaxStep(info.steps);
    this.lossChart.setSeries([
      { name: 'loss', color: LOSS_COLORS.training, points: this.history.map((h) => [h.step, h.loss]) },
      { name: 'gradient norm', color: LINE_COLORS.companion, dash: '5 3', points: this.history.map((h) => [h.step, h.grad_norm]) },
    ]);
    this.lossChart.render();
    this.indexChart.setSeries([{ name: 'index', color: COLORS.negative, points: this.history.map((h) => [h.step, h.index]), dots: () => COLORS.negative }]);
    this.indexChart.render();
    this.find('progress').textContent = `step ${step} of ${info.steps}, loss ${format(this.history.at(-1).loss)}`;
    if (this.status.state === 'diverged') {
      if (this.find('message').textContent !== messageOf(this.status)) this.showMessage(messageOf(this.status), 'error');
    } else this.showMessage(describePoint(this.spectrum, finished), 'info', { announce: false });
    this.dataset.kind = this.spectrum.kind;
  }

  // Finished: said with the core's kind of the point reached.
  stateAnnouncement(state, previous) {
    if (state === 'done' && this.spectrum) return `Training finished. ${describePoint(this.spectrum, true)}`;
    return super.stateAnnouncement(state, previous);
  }

  updateButtons() {
    const play = this.find('play');
    play.textContent = this.loop.playing ? 'Pause' : 'Train';
    play.disabled = !this.run || this.status?.state !== 'running';
    if (!this.loop.playing && this.currentState === 'running') this.setState('paused');
  }

  linkState() {
    return { optimizer: this.find('optimizer').value || null, step: this.history?.length ? String(this.history.at(-1).step) : null };
  }

  async csv() {
    if (!this.history) throw new Error('nothing computed yet');
    const rows = this.history.map((h) => [h.step, h.loss, h.grad_norm, h.index]);
    rows.push([], ['eigenvalues at the last step'], ...this.spectrum.eigenvalues.map((v) => [v]));
    return toCsv(['step', 'loss', 'grad_norm', 'index'], rows);
  }

  async scenario() {
    if (!this.run) throw new Error('nothing loaded yet');
    return (await this.run.call('checkpoint')).scenario;
  }
}

defineWidget(SpectrumWhileTraining, 'spectrum-while-training');
