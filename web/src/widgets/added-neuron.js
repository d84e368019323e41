// Why this file exists: the tutorial's central experiment as one widget,
//   <lll-added-neuron scenario="rescue"></lll-added-neuron>
// Two runs of the same scenario side by side in this widget's worker: the network with the
// added neuron (the scenario itself) and the original network trained plainly (the
// scenario's "original" variant, made by the core). Charts: the losses over steps, |a_k| on
// a log scale with its sign, the neuron's output at every training point, the parameters.
// Attributes: scenario (a name in scenarios/, default rescue) or src (a scenario URL), base
// (where scenarios/ lives). Controls (hide="..."): chooser, reset, tools.
import { LabWidget, defineWidget } from '../kit/widget.js';
import { BUSY_MS, RemoteTraining } from '../kit/core-client.js';
import { RunLoop } from '../kit/run-loop.js';
import { requestDraw } from '../kit/frames.js';
import { loadScenarioText, scenarioIndex } from '../kit/scenarios.js';
import { formatNumber } from '../kit/format.js';
import { setReadout } from '../kit/readout.js';
import { toCsv } from '../kit/export.js';
import { StepChart, PointChart, tick } from '../kit/chart.js';
import { ADDED_NEURON_COLORS, PARAMETER_COLORS } from '../kit/palettes.js';
import { messageOf } from '../kit/messages.js';

const COLORS = ADDED_NEURON_COLORS; // kit/palettes.js
const PARAM_COLORS = PARAMETER_COLORS;
const FRAMES_PER_RUN = 360; // about six seconds at 60 frames per second, whatever the step count
const KEYS = ['neuron', 'original'];

const fmt = (v, digits = 4) => formatNumber(v, digits);

export class AddedNeuronExperiment extends LabWidget {
  static widgetName = 'added-neuron';
  static controls = { chooser: 'the scenario menu', reset: 'the reset button', tools: 'link and export buttons' };
  static stateKeys = ['scenario', 'step'];

  build(body) {
    body.innerHTML = `
      <div class="experiment-controls">
        <label data-control="chooser">Scenario <select data-role="chooser" aria-label="scenario"></select></label>
        <button type="button" data-role="play" class="primary">Play</button>
        <button type="button" data-role="pause" disabled>Pause</button>
        <button type="button" data-role="reset" data-control="reset">Reset</button>
        <span data-role="progress" class="experiment-description"></span>
      </div>
      <p class="experiment-description" data-role="description"></p>
      <div class="message" data-role="message"></div>
      <div class="runs">
        <section class="run original"><h3>Original network (trained plainly)</h3><dl data-role="original-stats"></dl></section>
        <section class="run neuron"><h3>With the added neuron</h3><dl data-role="neuron-stats"></dl></section>
      </div>
      <div class="charts" data-role="charts"></div>`;
    // The two runs' rows before their first numbers: the panels take their height at once.
    this.showStats(null);
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
    this.loop = new RunLoop(this, { tick: (ticket) => this.tick(ticket), onChange: () => this.updateButtons() });
    this.find('play').addEventListener('click', () => this.play());
    this.find('pause').addEventListener('click', () => this.pause());
    this.find('reset').addEventListener('click', () => this.load());
    this.find('chooser').addEventListener('change', (event) => {
      this.removeAttribute('src');
      this.setAttribute('scenario', event.target.value); // onScenarioChange loads it
    });
    this.setState('loading');
  }

  async start() {
    const step = this.stateNumber('step', { min: 0, max: 1e9, integer: true });
    const scenario = this.urlState.get('scenario');
    if (scenario) {
      this.started = false; // a link's scenario: set it without the reload a change triggers
      this.setAttribute('scenario', scenario);
      this.started = true;
    }
    this.act(() => this.fillChooser()); // the scenario list fills in beside the run
    await this.load();
    if (step > 0) await this.fastForward(step);
  }

  onScenarioChange() {
    this.act(() => this.fillChooser());
    this.load();
  }
  close() { this.disposeRuns(); }

  play() { if (this.runs && !this.finished()) this.loop.play(); }
  pause() { this.loop.pause(); }

  async fillChooser() {
    const chooser = this.find('chooser');
    const names = (await scenarioIndex(this)).filter((entry) => entry.added_neuron).map((entry) => entry.name);
    if (!names.length && !this.getAttribute('scenario')) chooser.closest('label').hidden = true;
    const current = this.getAttribute('src') ? '' : (this.getAttribute('scenario') ?? 'rescue');
    if (current && !names.includes(current)) names.push(current);
    chooser.replaceChildren(...names.map((name) => new Option(name, name)));
    chooser.value = current;
  }

  // Loads the scenario into two fresh runs (with the neuron; the original variant).
  async load() {
    const ticket = this.loop.replace();
    // The reader's new choice wins over a computation still running in the worker.
    if (this.client.busyFor() > BUSY_MS) this.client.cancel();
    this.disposeRuns();
    this.showMessage('');
    this.setState('loading');
    this.updateButtons();
    try {
      const text = await loadScenarioText(this, 'rescue');
      const [neuronRun, originalRun] = await Promise.all([
        RemoteTraining.create(this.client, text), RemoteTraining.create(this.client, text, 'original')]);
      if (!this.loop.current(ticket)) {
        neuronRun.dispose();
        originalRun.dispose();
        return;
      }
      this.runs = { neuron: neuronRun, original: originalRun };
      this.history = { neuron: [neuronRun.initial], original: [originalRun.initial] };
      this.status = { neuron: { state: 'running' }, original: { state: 'running' } };
      this.find('description').textContent = neuronRun.info.description;
      this.stepsPerRequest = Math.max(1, Math.ceil(neuronRun.info.steps / FRAMES_PER_RUN));
      this.setState('ready');
      this.saveState();
      this.draw();
    } catch (error) {
      if (this.loop.current(ticket)) this.showError(error);
    }
    this.updateButtons();
  }

  finished() {
    return this.status && Object.values(this.status).every((s) => s.state !== 'running');
  }

  // One request per run per frame: the worker trains, the page only draws.
  async tick(ticket, steps = this.stepsPerRequest) {
    const runs = this.runs;
    const replies = await Promise.all(KEYS.map((key) => (this.status[key].state === 'running' ? runs[key].advance(steps) : null)));
    if (!this.loop.current(ticket)) return false;
    KEYS.forEach((key, i) => {
      if (!replies[i]) return;
      this.history[key].push(...replies[i].records);
      this.status[key] = replies[i].status;
    });
    requestDraw(this, () => this.draw()); // which publishes the step it draws
    const diverged = Object.entries(this.status).find(([, s]) => s.state === 'diverged');
    if (diverged) {
      this.showMessage(`${diverged[0] === 'neuron' ? 'With the added neuron' : 'Original network'}: ${messageOf(diverged[1])}. Training is paused.`, 'error');
      this.setState('diverged');
      return false;
    }
    if (this.finished()) {
      this.setState('finished');
      return false;
    }
    this.setState('playing');
    this.saveState();
    return true;
  }

  // A link's step: both runs trained there at once (the charts get every logged record).
  async fastForward(step) {
    const ticket = this.loop.ticket;
    const more = await this.tick(ticket, step);
    if (this.loop.current(ticket) && more) this.setState('paused');
    this.updateButtons();
  }

  updateButtons() {
    const playing = this.loop.playing;
    this.find('play').disabled = !this.runs || playing || this.finished() || this.currentState === 'diverged';
    this.find('pause').disabled = !playing;
    if (this.runs && !playing && this.currentState === 'playing') this.setState('paused');
  }

  // Each run's numbers now (null: none yet, every row with a dash).
  showStats(now) {
    const { last, lastOriginal, info } = now ?? {};
    const a = last?.a ?? [];
    setReadout(this.find('original-stats'), [
      ['step', lastOriginal?.step ?? '–'], ['loss L', now ? fmt(lastOriginal.loss) : '–'], ['gradient norm', now ? fmt(lastOriginal.grad_norm, 3) : '–'],
      ['state', now ? this.status.original.state : '–'],
    ]);
    setReadout(this.find('neuron-stats'), [
      ['step', last?.step ?? '–'], ['trained objective L̃', now ? fmt(last.loss) : '–'], ['L of the network part', now ? fmt(last.original_loss) : '–'],
      ['a', a.map((v) => fmt(v, 3)).join(', ') || '–'],
      ['largest exponent w·x_i + b', last?.neuron_on && Number.isFinite(last.max_exponent) ? fmt(last.max_exponent, 3) : '–'],
      ['neuron', !now ? '–' : last.neuron_on ? `on (γ = ${info.lambda})` : `off until step ${info.neuron_start_step}`],
      ['state', now ? this.status.neuron.state : '–'],
    ]);
  }

  draw() {
    if (!this.runs) return;
    const neuron = this.history.neuron, original = this.history.original;
    const last = neuron.at(-1), lastOriginal = original.at(-1);
    const info = this.runs.neuron.info;
    this.find('progress').textContent = `step ${last.step} of ${info.steps}`;
    this.publishData('step', String(last.step));
    this.showStats({ last, lastOriginal, info });
    const a = last.a ?? [];

    const marker = info.neuron_start_step > 0 ? info.neuron_start_step : null;
    for (const chart of [this.lossChart, this.aChart, this.paramChart]) {
      chart.setMaxStep(info.steps);
      chart.setMarker(marker, 'neuron on');
    }
    this.lossChart.setSeries([
      { name: 'original', label: 'the original network\'s loss', color: COLORS.original, width: 3, points: original.map((r) => [r.step, r.loss]) },
      { name: 'trained', label: 'with the neuron, the trained objective', color: COLORS.trained, points: neuron.map((r) => [r.step, r.loss]) },
      { name: 'original-part', label: 'the loss of its network part', color: COLORS.originalPart, dash: '6 4', points: neuron.map((r) => [r.step, r.original_loss]) },
    ]);
    // The runs' states as the core reports them (finished, diverged with its message).
    this.lossChart.setFacts(KEYS.map((key) => {
      const { state } = this.status[key];
      const message = messageOf(this.status[key]);
      const who = key === 'neuron' ? 'with the neuron' : 'the original network';
      return state === 'running' ? '' : `${who}: training ${state}${message ? ` (${message})` : ''}`;
    }).filter(Boolean).join('; '));
    this.lossChart.render();

    // |a_k| per output k, dots coloured by the sign of a_k; a = 0 (neuron off) is not drawn.
    const outputs = a.length;
    const aSeries = Array.from({ length: outputs }, (_, k) => ({
      name: k === 0 ? 'abs-a' : `abs-a-${k}`, label: outputs > 1 ? `|a${k + 1}|` : '|a|', color: COLORS.trained,
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
        { name: 'neuron-output', label: 'the neuron\'s output', slot: k, value: last.neuron_output?.[i]?.[k] ?? 0, color: COLORS.neuronBar },
        { name: 'residual', label: 'the residual', slot: k, value: yik - (last.network_output?.[i]?.[k] ?? NaN), color: COLORS.residual, hollow: true },
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
        series.push({ name: `original-param-${j}`, label: `θ${j + 1} of the original network`, color: COLORS.original, dash: '5 4', width: 1.5,
          points: original.filter((r) => r.params).map((r) => [r.step, r.params[j]]) });
      }
      for (let j = 0; j < shown; ++j) {
        series.push({ name: `param-${j}`, label: `θ${j + 1} with the neuron`, color: PARAM_COLORS[j],
          points: neuron.filter((r) => r.params).map((r) => [r.step, r.params[j]]) });
      }
      this.paramChart.setSeries(series);
      this.paramChart.setNote(count === 1
        ? `θ = ${fmt(last.params[0])} with the neuron, ${fmt(lastOriginal.params?.[0])} without.`
        : `The original network's own ${count} parameters${shown < count ? ` (first ${shown} drawn)` : ''}; the neuron's a, b, w excluded.`);
      this.paramChart.render();
    }
  }


  linkState() {
    const step = this.history?.neuron.at(-1).step;
    return { scenario: this.getAttribute('src') ? null : this.getAttribute('scenario'), step: step ? String(step) : null };
  }

  async csv() {
    if (!this.history) throw new Error('nothing computed yet');
    const original = new Map(this.history.original.map((r) => [r.step, r]));
    const rows = this.history.neuron.map((r) => [r.step, r.loss, r.original_loss, original.get(r.step)?.loss, ...(r.a ?? [])]);
    const outputs = this.history.neuron.at(-1).a?.length ?? 0;
    return toCsv(['step', 'trained_objective', 'network_part_loss', 'original_network_loss', ...Array.from({ length: outputs }, (_, k) => `a${k}`)], rows);
  }

  async scenario() {
    if (!this.runs) throw new Error('nothing loaded yet');
    return (await this.client.call('checkpoint', { handle: this.runs.neuron.handle })).scenario;
  }

  disposeRuns() {
    if (!this.runs) return;
    for (const run of Object.values(this.runs)) run.dispose();
    this.runs = null;
  }
}

defineWidget(AddedNeuronExperiment, 'added-neuron-experiment');
