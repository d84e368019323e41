// Why this file exists: the playground widget, TensorFlow Playground's controls on our core,
//   <lll-playground url-state="query"></lll-playground>   (old name: <network-playground>)
// plus what it cannot show: the added neuron, optimizers up to saddle-free Newton, several
// classes, and a live curvature panel. This file composes the parts (controls.js,
// network-diagram.js, output-heatmap.js, curvature-panel.js; the state and its URL form in
// url-state.js) and runs training: the worker trains for ~25 ms per request, back to back,
// while the page draws the latest snapshot once per animation frame. The whole state lives in
// the URL (?data=spiral&layers=8,8,...; with url-state="hash", in the page's fragment), with
// an optional exact checkpoint of the weights. A kit widget: its own shadow root and worker,
// paused while out of view. "Show the landscape here" pauses training and opens, under the
// playground, the landscape slice widget on a slice of the network at its current weights
// (the core writes that scenario from the run and refuses one beyond its limits, naming
// them). Controls (hide="..."): tools, landscape.
import { LabWidget, defineWidget, embedAddress, withFragment } from '../kit/widget.js';
import { BUSY_MS, Cancelled, RemoteTraining } from '../kit/core-client.js';
import { toCsv } from '../kit/export.js';
import { requestDraw } from '../kit/frames.js';
import { RunLoop } from '../kit/run-loop.js';
import { StepChart } from '../kit/chart.js';
import { envelope } from '../kit/envelope.js';
import { formatNumber as fmt } from '../kit/format.js';
import { Controls, dataPanelMarkup, topBarMarkup } from './controls.js';
import { CurvaturePanel, curvaturePanelMarkup, measureCurvature } from './curvature-panel.js';
import { NetworkDiagram, UNIT_N, networkDiagramMarkup } from './network-diagram.js';
import { FIELD_N, OutputHeatmap, outputHeatmapMarkup } from './output-heatmap.js';
import { FIELDS, STATE_KEYS, fromLink, toLink, toQuery, toScenario, useCatalog } from './url-state.js';
import { offline, offlinePage } from '../kit/offline.js';
import { LOSS_COLORS } from '../kit/palettes.js';
import { messageOf, pageRefusal } from '../kit/messages.js';
import { coreCatalog } from '../kit/catalog.js';

const FIELD_EVERY_MS = 90; // heatmaps at most this often while training (they cost a forward pass)
const CURVATURE_EVERY_MS = 700;
let instances = 0; // ids inside an element are prefixed per element (two playgrounds, one page)

export class NetworkPlayground extends LabWidget {
  static widgetName = 'playground';
  static controls = { tools: 'link and export buttons', landscape: 'the "show the landscape here" button' };
  // A link's keys: the core's settings (url-state.js STATE_KEYS), known once its catalog is:
  // start() drops the others.
  static stateKeys = STATE_KEYS;
  knownStateKeys() { return null; }

  // The core's catalog (kit/catalog.js: fetched once a page), taken in once (again after a failure):
  // the controls list what it offers, and a link's keys are its settings.
  catalog() {
    this.catalogReady ??= coreCatalog().then((catalog) => {
      useCatalog(catalog);
      return catalog;
    }, (error) => {
      this.catalogReady = null;
      throw error;
    });
    return this.catalogReady;
  }

  // The controls list what the core offers (its catalog), so they are drawn in start().
  build(body) {
    this.body = body;
    body.textContent = 'Loading the playground…';
    body.classList.add('pg-loading'); // the room it will take (widgets.css), so nothing moves when it is drawn
    // Training, request after request (each ~25 ms of the worker's time: no wait for a frame
    // between them); the page draws the latest snapshot once per animation frame.
    this.loop = new RunLoop(this, { tick: (ticket) => this.tick(ticket), onChange: () => this.loopChanged(), paced: false });
    this.setState('loading');
  }

  // The reader's intent: training (the Play button says Pause), whether or not the widget may
  // compute now (out of view or in a hidden tab its loop waits, and goes on when it is back).
  get running() { return this.loop.playing; }

  // Settings as a link or a control gives them, read by the core (url-state.js readEntries).
  readSettings = (entries, base = null) => this.client.call('playgroundSettings', base ? { entries, base } : { entries });
  // Own points from CSV text, read by the core (its message names the line of a bad one).
  readCsv = async (text, classes) => (await this.client.call('playgroundPointsCsv', { text, classes })).points;

  // The state from the widget's URL (a bad value is reported and its default kept).
  async start() {
    await this.catalog();
    this.dropUnknownKeys(STATE_KEYS);
    const { state, errors } = await fromLink(this.urlState.toString(), this.readSettings);
    this.state = state;
    this.render(this.body);
    this.body.classList.remove('pg-loading');
    this.controls.sync();
    this.urlStateErrors.push(...errors); // shown with the kit's own, on the link's line
    this.showLinkNote();
    await this.reset({ keepCheckpoint: true });
  }

  // (The kit has ended its loop.)
  close() {
    this.playedRun = null;
    this.run?.dispose();
    this.run = null;
  }

  // Fills root (this element; a shadow root later) with the playground; every element is found
  // through root, never through the document.
  render(root) {
    this.root = root;
    const uid = `pg${++instances}`;
    root.innerHTML = `
      ${topBarMarkup(uid)}
      <div class="message" data-role="message"></div>
      <div class="pg-main">
        <section class="pg-data">${dataPanelMarkup()}</section>
        <section class="pg-network">${networkDiagramMarkup()}</section>
        <section class="pg-output">
          <h2>Output</h2>
          <div class="pg-losses">
            <div>Test loss <b data-role="test-loss">–</b></div>
            <div>Training loss <b data-role="train-loss">–</b></div>
            <div data-role="accuracy-row">Accuracy <b data-role="accuracy">–</b> (test <b data-role="test-accuracy">–</b>)</div>
          </div>
          ${outputHeatmapMarkup()}
          <label><input type="checkbox" data-field="showTest"> show test data</label>
          <label><input type="checkbox" data-field="discretize"> discretize output</label>
          <div data-role="loss-chart"></div>
          ${curvaturePanelMarkup()}
          <div class="pg-export">
            <button data-role="copy-link">Copy link to these settings</button>
            <button data-role="copy-checkpoint">Copy link with these weights</button>
            <button data-role="export">Export parameters (JSON)</button>
            <button data-role="show-landscape" data-control="landscape" title="A slice of the loss around the current weights">Show the landscape here</button>
          </div>
        </section>
      </div>
      <section class="pg-landscape" data-role="landscape-panel" hidden>
        <div class="pg-landscape-head">
          <h2>The landscape here</h2>
          <button type="button" data-role="close-landscape">Close</button>
        </div>
        <p class="pg-landscape-note" data-role="landscape-note"></p>
        <div data-role="landscape-slot"></div>
      </section>`;
    this.controls = new Controls(root, this);
    this.diagram = new NetworkDiagram(root, this);
    this.heatmap = new OutputHeatmap(root, { onClick: (x1, x2) => this.addPoint(x1, x2) });
    this.curvaturePanel = new CurvaturePanel(root);
    this.lossChart = new StepChart(this.find('loss-chart'), {
      title: 'Loss', yLabel: 'loss', log: true, floor: 1e-12, height: 180, scaleToggle: true, hover: true, xLabel: 'epoch',
      legend: [{ label: 'training', color: LOSS_COLORS.training }, { label: 'test', color: LOSS_COLORS.test, kind: 'dash' }],
    });
    this.find('copy-link').addEventListener('click', () => this.act(async () => this.copy(await this.link(false))));
    this.find('copy-checkpoint').addEventListener('click', () => this.act(async () => this.copy(await this.link(true))));
    this.find('export').addEventListener('click', () => this.act(() => this.exportParameters()));
    this.find('show-landscape').addEventListener('click', () => this.act(() => this.showLandscape()));
    this.find('close-landscape').addEventListener('click', () => {
      this.find('landscape-slot').replaceChildren(); // removing the slice frees its worker
      this.find('landscape-panel').hidden = true;
    });
    this.controls.sync();
  }


  // The reader's actions, which the controls and the diagram start and nobody awaits: each is
  // an act() (kit/widget.js), whose failure is shown here and whose promise never rejects.
  setField(field, raw) { return this.act(() => this.controls.setField(field, raw)); }

  showMessage(text, kind = 'info') {
    this.controls.showMessage(text, kind);
    this.announce(text);
  }

  // Display-only settings redraw; the rest start a fresh run from the seed's weights.
  apply(patch, { allowEmpty = false } = {}) {
    // The reader's accepted change: an earlier refusal no longer describes what is shown.
    this.showMessage('');
    const next = { ...this.state, ...patch };
    if (next.data === 'custom' && next.custom.length < 2 && !allowEmpty && !('custom' in patch && patch.custom.length >= 2)) {
      this.showMessage('Your own data: add at least two points (click the output plot or paste CSV).', 'info');
    }
    // Settings that only change how the run is shown (the core's table says which) keep the run.
    const displayOnly = Object.keys(patch).every((k) => FIELDS[k]?.view_only);
    this.state = next;
    this.controls.sync();
    this.writeUrl();
    if (displayOnly) {
      this.fieldDrawn = null; // redraw the heatmap and points with the new display settings
      this.dirty = true;
      requestDraw(this, () => this.draw());
      return;
    }
    this.state.ckpt = null;
    this.act(() => this.reset());
  }

  writeUrl() { this.saveState(); }

  // The settings that differ from the defaults, for the widget's URL and its link.
  linkState() {
    return this.state ? Object.fromEntries(new URLSearchParams(toQuery({ ...this.state, ckpt: null }))) : {};
  }

  // On the playground page the link is the page itself; elsewhere the kit's embed link. The
  // state is in the fragment (never sent to the server: a long one still opens), packed.
  // (In the offline file, kit/offline.js, a page is named in the fragment of the file's URL.)
  async link(withWeights = false) {
    const onPage = this.getAttribute('url-state') === 'query';
    let url;
    if (!onPage) url = embedAddress('playground');
    else if (offline) url = offline.pageUrl(offlinePage());
    else url = new URL(`${location.origin}${location.pathname}`);
    let ckpt = null;
    if (withWeights) ckpt = (await this.client.call('parameters', { handle: this.run.handle })).slice(0, this.run.info.parameter_count);
    return withFragment(url, new URLSearchParams(await toLink({ ...this.state, ckpt }))).href;
  }

  async copy(text) {
    this.lastLink = text;
    try {
      await navigator.clipboard.writeText(text);
      this.showMessage('Link copied.', 'info');
    } catch {
      this.showMessage(`Copy this link: ${text}`, 'info');
    }
  }

  async csv() {
    return toCsv(['epoch', 'training_loss', 'test_loss'], (this.history ?? []).map((h) => [h[0], h[1], h[2]]));
  }

  // An exported picture's source line, as every widget writes it (kit/widget.js): the
  // playground, the scenario it trains (named by its data set: the settings build it) and the
  // step of training it shows, with the epoch the page shows beside the plot.
  figureOptions() {
    const options = super.figureOptions();
    const step = this.current?.step ?? 0;
    const parts = ['Loss Landscape Lab', this.constructor.widgetName, `scenario ${this.state.data}`, `step ${step}`];
    if (this.stepsPerEpoch) parts.push(`epoch ${this.epoch()}`);
    return { ...options, source: parts.join(', ') };
  }

  // The run continued from its exact parameters (the core writes it).
  async scenario() {
    if (!this.run) throw new Error('nothing loaded yet');
    return (await this.client.call('checkpoint', { handle: this.run.handle })).scenario;
  }

  async exportParameters() {
    const params = await this.client.call('parameters', { handle: this.run.handle });
    const { scenario } = await this.settingsScenario(this.state);
    scenario.model.init = { kind: 'params', params: params.slice(0, this.run.info.parameter_count) };
    const blob = new Blob([JSON.stringify(scenario, null, 1)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `playground-epoch-${this.epoch()}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
    this.exported = scenario;
  }

  // "Show the landscape here": training pauses, and the core writes a slice scenario of the
  // network at its current weights (a checkpoint with nothing left to train and a slice
  // view), or refuses one beyond its limits with a message naming them. The slice widget
  // below the playground computes it in its own worker, filling it in row by row.
  async showLandscape() {
    const run = this.run;
    if (!run) return;
    this.pause();
    let scenario;
    try {
      ({ scenario } = await this.client.call('landscapeHere', { handle: run.handle }));
    } catch (error) {
      if (error instanceof Cancelled) return;
      this.showMessage(`Show the landscape here: ${messageOf(error)}`, 'error');
      return;
    }
    if (run !== this.run) return;
    await import('../widgets/landscape-slice.js');
    const panel = this.find('landscape-panel');
    const { step, loss } = this.current;
    panel.dataset.step = String(step);
    panel.dataset.loss = String(loss);
    this.find('landscape-note').textContent = `The loss around the network's weights at epoch ${this.epoch()} (training loss ${fmt(loss)}${this.state.neuron && this.current.neuron_on ? ', with the added neuron' : ''}), along two filter-normalised random directions (Li et al. 2018): the centre is these weights. Training stays paused; train on and press the button again for a new slice.`;
    const slice = document.createElement('lll-landscape-slice');
    slice.scenarioText = scenario;
    slice.setAttribute('hide', 'train');
    if (this.getAttribute('theme')) slice.setAttribute('theme', this.getAttribute('theme'));
    this.find('landscape-slot').replaceChildren(slice);
    panel.hidden = false;
    panel.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  // The points shown, as own points: [x1, x2, label] with labels -1/+1 or 0..k-1.
  currentPoints() {
    const points = this.run?.info.points;
    if (!points || this.run.info.raw_inputs !== 2) return [];
    const k = this.classes;
    return points.x.map((x, i) => [Number(x[0].toFixed(3)), Number(x[1].toFixed(3)), k > 2 ? points.y[i][0] : points.y[i][0] > 0 ? 1 : -1]);
  }

  // A click on the output plot: a point of the chosen class (classification on the plane only).
  addPoint(x1, x2) {
    if (this.state.problem !== 'classification' || this.oneD) {
      this.showMessage('Own points: only for classification data on the plane (choose a 2-D data set).', 'info');
      return;
    }
    const base = this.state.data === 'custom' ? this.state.custom : this.currentPoints();
    const point = [Number(x1.toFixed(2)), Number(x2.toFixed(2)), this.controls.pointClass];
    this.apply({ data: 'custom', classes: this.classes, custom: [...base, point] });
  }

  // The output bias k set to the typed value (the diagram's inline editor): the run restarts
  // from the current weights with that bias, and the focus returns to the bias.
  editOutputBias(k, raw) { return this.act(() => this.setOutputBias(k, raw)); }
  async setOutputBias(k, raw) {
    const params = await this.client.call('parameters', { handle: this.run.handle });
    const count = this.run.info.parameter_count, outputs = this.run.info.layers.at(-1).units;
    const index = count - outputs + k; // the last layer's biases end the network's parameters
    let value;
    try {
      value = await this.client.call('playgroundEditedWeight', { text: String(raw), name: 'output bias' });
    } catch (error) {
      if (error instanceof Cancelled) return false;
      this.showMessage(`${messageOf(error)}. Kept ${fmt(params[index])}.`, 'error');
      return false;
    }
    const network = params.slice(0, count);
    network[index] = value;
    this.state.ckpt = network;
    await this.reset({ keepCheckpoint: true });
    this.announce(`Output bias set to ${fmt(value)}.`);
    this.find('columns').querySelector(`[data-role="output-bias"][data-output="${k}"]`)?.focus();
    return true;
  }

  // The scenario the core builds from these settings (core/apps/playground.hpp).
  settingsScenario(state) {
    return toScenario(state, (settings) => this.client.call('playgroundScenario', { settings }));
  }

  // A fresh run of the current state (from the checkpoint when the link carried one).
  async reset({ keepCheckpoint = false } = {}) {
    const ticket = (this.ticket = (this.ticket ?? 0) + 1);
    this.loop.replace(); // the played run stops (its last view is drawn if it is still shown)
    // A long computation (a Newton step or a spectrum of a big network) must not hold the
    // reader's new choice back: its worker is replaced, and with it the old run.
    if (this.client.busyFor() > BUSY_MS) this.client.cancel();
    if (!keepCheckpoint) this.state.ckpt = null;
    let built;
    const lossAsked = this.state.loss;
    try {
      built = await this.settingsScenario(this.state);
    } catch (error) {
      if (ticket !== this.ticket) return;
      if (error instanceof Cancelled) return;
      // The link's weights refused by the core (NaN or Infinity: "ckpt: weight 1 is not a
      // finite number"): said, and the seed's weights instead, as for a wrong count below.
      if (this.state.ckpt && keepCheckpoint) return this.refuseCheckpoint(error);
      this.showMessage(messageOf(error), 'error');
      this.setState('error');
      return;
    }
    if (ticket !== this.ticket) return;
    const { scenario, stepsPerEpoch, oneD, classes, window, loss } = built;
    // The classes and the loss these settings train, as the core reads them (more than two
    // classes take cross-entropy): what the controls show, even before there is data to train.
    this.classes = classes;
    this.lossOverride = loss !== lossAsked ? loss : null;
    this.controls.sync();
    if (this.state.data === 'custom' && this.state.custom.length < 2) {
      this.setState('waiting');
      this.showMessage('Your own data: add at least two points (click the output plot or paste CSV).', 'info');
      return;
    }
    this.scenario = scenario;
    this.dataWindow = window; // the core's: the input plane, or the curve of 1-D data
    this.stepsPerEpoch = stepsPerEpoch;
    this.oneD = oneD;
    this.setState('loading');
    let run;
    try {
      run = await RemoteTraining.create(this.client, JSON.stringify(scenario));
    } catch (error) {
      if (ticket !== this.ticket) return;
      // A link's weights that this network cannot take: said, and the seed's weights instead.
      if (this.state.ckpt && keepCheckpoint) return this.refuseCheckpoint(error);
      this.showMessage(messageOf(error), 'error');
      this.setState('error');
      return;
    }
    if (ticket !== this.ticket) return void run.dispose();
    this.run?.dispose();
    this.run = run;
    this.history = [];
    this.shownNote = null;
    this.stuckSaid = false;
    this.status = { state: 'running', step: 0 };
    this.current = run.initial;
    this.curvature = null;
    this.lastField = 0;
    this.lastCurvature = 0;
    if (!this.find('message').classList.contains('error')) this.showMessage('');
    this.diagram.build(run.info, this.state, oneD);
    await this.snapshot({ steps: 0 });
    this.setState('ready');
    this.updateButtons();
    await this.updateCurvature(true);
  }

  // The link's weights (ckpt) refused by the core: named on the link's line, and a run from the
  // seed's weights instead.
  refuseCheckpoint(error) {
    // The core's refusal in the page's words (the playground has the catalog before it reads a link).
    const why = messageOf(error).replace(/^ckpt: /, '');
    this.urlStateErrors.push(pageRefusal('ckpt', 'link_weights_refused', [why]));
    this.showLinkNote();
    return this.reset();
  }

  epoch() { return Math.floor((this.current?.step ?? 0) / this.stepsPerEpoch); }

  // One worker request: train (steps = 0: just look), then draw.
  async snapshot({ steps = Infinity, milliseconds = 25, field = true } = {}) {
    const run = this.run;
    // Heatmaps cost a forward pass over every grid point: big networks refresh them less often
    // (up to once a second), so the worker spends its time training.
    const every = Math.min(1000, FIELD_EVERY_MS * Math.max(1, run.info.parameter_count / 400));
    const needField = field || performance.now() - this.lastField > every;
    let reply;
    try {
      reply = await this.client.call('train', {
        handle: run.handle, milliseconds, chunk: this.stepsPerEpoch, maxSteps: steps,
        n: needField ? FIELD_N : 0, unitsN: needField ? UNIT_N : 0, window: this.window(),
      });
    } catch (error) {
      if (run !== this.run) return null; // replaced meanwhile: the old run is gone, and so is its answer
      throw error;
    }
    if (run !== this.run) return null;
    this.status = reply.status;
    this.current = reply.current;
    // The core says when a run cannot move (saturated tanh units, no gradient): play() pauses
    // there once a run, with the core's sentence (stuck()).
    if (reply.current.note && !this.shownNote) this.shownNote = reply.current.note;
    this.stepsTaken = (this.stepsTaken ?? 0) + reply.taken;
    for (const r of reply.records) this.history.push([r.step / this.stepsPerEpoch, r.loss, r.test_loss]);
    if (this.history.length > 4000) this.history = this.history.filter((_, i) => i % 2 === 0 || i === this.history.length - 1);
    if (!reply.records.length || reply.records.at(-1).step !== reply.current.step)
      this.history.push([reply.current.step / this.stepsPerEpoch, reply.current.loss, reply.current.test_loss]);
    if (reply.field) {
      this.field = reply.field;
      this.params = reply.params;
      this.units = reply.units;
      this.lastField = performance.now();
    }
    this.dirty = true;
    requestDraw(this, () => this.draw());
    return reply;
  }

  window() { return this.dataWindow; }

  play() {
    if (this.running || !this.run || this.status.state !== 'running') return;
    this.setState('running');
    this.playedRun = this.run;
    this.playStarted = performance.now();
    this.playStartStep = this.current.step;
    this.loop.play();
  }

  // One request of a played run; false where it stops: the exercise's step budget, the
  // reader's stop loss, a stuck run (once), a run that diverged or finished.
  async tick(ticket) {
    const run = this.run;
    const left = this.stepBudget() - this.current.step;
    if (left <= 0) {
      this.showMessage(`Stopped at step ${this.current.step} (epoch ${this.epoch()}): the exercise's check trains ${this.stepBudget()} steps.`, 'info');
      return false;
    }
    await this.snapshot({ steps: left, field: false });
    if (run !== this.run || !this.loop.current(ticket)) return false;
    if (this.state.stop > 0 && this.current.loss < this.state.stop) {
      this.showMessage(`Stopped at epoch ${this.epoch()}: the training loss ${fmt(this.current.loss)} is below ${this.state.stop}.`, 'info');
      return false;
    }
    // Stuck (the core's note: saturated units, no gradient): stepping on would change
    // nothing the reader can see, so the run pauses once and says what to change; Play
    // trains on from there if the reader wants to watch it stay stuck.
    if (this.shownNote && !this.stuckSaid) {
      this.stuckSaid = true;
      this.showMessage(`Paused at epoch ${this.epoch()}: training is ${this.shownNote} (Play trains on as it is).`, 'error');
      return false;
    }
    // Lanczos on a big network costs as much as many training steps: rarer while playing.
    const every = Math.min(5000, CURVATURE_EVERY_MS * Math.max(1, this.run.info.parameter_count / 400));
    if (performance.now() - this.lastCurvature > every) await this.updateCurvature(false);
    return this.status.state === 'running';
  }

  // The buttons follow the loop; once a played run's loop is over (paused, or the run
  // stopped) its last view is drawn and its state published.
  loopChanged() {
    this.updateButtons();
    const run = this.playedRun;
    if (!run || this.running || this.loop.looping) return;
    this.playedRun = null;
    if (run === this.run) this.stopped(run).catch((error) => this.showError(error));
  }

  async stopped(run) {
    this.sayDiverged();
    // A cancelled run (its worker replaced; the reader's new run is on its way), or one whose
    // request failed (its error shown), is asked nothing more: in a new worker its handle names
    // nothing, or the new run.
    if (!run.alive || this.currentState === 'error') return;
    // The paused view is this last snapshot's (the heatmap at the final weights): its state is
    // published once that is drawn.
    await this.snapshot({ steps: 0 });
    // Unless Play was pressed again (or the run replaced) meanwhile.
    if (run === this.run && !this.running) this.setState(this.status.state === 'running' ? 'paused' : this.status.state);
    await this.updateCurvature(true);
  }

  pause() { this.loop.pause(); }

  // An exercise's run length (attribute max-steps, the steps its check trains): training stops
  // there, so the playground shows what the check measures.
  stepBudget() {
    const n = Number(this.getAttribute('max-steps'));
    return Number.isInteger(n) && n > 0 ? n : Infinity;
  }

  // A diverged run, in one sentence: the core's message (what became non-finite, where it
  // paused), the epoch shown, and what to change.
  sayDiverged() {
    if (this.status.state !== 'diverged') return;
    const message = messageOf(this.status).replace(/^training/, 'Training');
    this.showMessage(`${message} (epoch ${this.epoch()}, shown here); lower the learning rate and reset.`, 'error');
  }

  async stepOnce() {
    if (!this.run || this.running || this.status.state !== 'running') return;
    const left = this.stepBudget() - this.current.step;
    if (left <= 0) return;
    await this.snapshot({ steps: Math.min(this.stepsPerEpoch, left) });
    this.sayDiverged();
    if (this.shownNote && !this.stuckSaid) {
      this.stuckSaid = true;
      this.showMessage(`Training is ${this.shownNote}.`, 'error');
    }
    await this.updateCurvature(true);
  }

  updateButtons() { this.controls.updateButtons(this.running, Boolean(this.run) && this.status?.state === 'running'); }

  // Gradient norm, extreme eigenvalues (full spectrum for small networks), index and kind.
  async updateCurvature(full) {
    const run = this.run;
    if (!run) return;
    this.lastCurvature = performance.now();
    let curvature;
    try {
      curvature = await measureCurvature(this.client, run.handle, { full });
    } catch (error) {
      if (run !== this.run) return; // replaced meanwhile: the old run is gone, and so is its answer
      throw error;
    }
    if (!curvature || run !== this.run) return;
    this.curvature = curvature;
    this.curvaturePanel.show(curvature, { zeroInit: this.state.init === 'zeros' && !this.state.ckpt, loss: this.current.loss });
  }

  draw() {
    if (!this.dirty || !this.run) return;
    this.dirty = false;
    const c = this.current;
    this.find('epoch').textContent = String(this.epoch()).padStart(6, '0');
    this.find('train-loss').textContent = fmt(c.loss);
    this.find('test-loss').textContent = fmt(c.test_loss);
    this.find('accuracy-row').hidden = this.state.problem !== 'classification';
    this.find('accuracy').textContent = Number.isFinite(c.accuracy) ? `${(100 * c.accuracy).toFixed(1)}%` : '–';
    this.find('test-accuracy').textContent = Number.isFinite(c.test_accuracy) ? `${(100 * c.test_accuracy).toFixed(1)}%` : '–';
    this.find('neuron-state').textContent = c.neuron_on ? `|a| = ${c.a.map((a) => fmt(Math.abs(a))).join(', ')}: the neuron's coefficient${c.a.length > 1 ? 's' : ''}; ${c.a.length > 1 ? 'they decay' : 'it decays'} to 0 when training reaches a global minimum.` : '';
    // The loss chart a few times a second: an SVG redraw per frame costs more than it shows.
    const chartDue = !this.running || performance.now() - (this.chartDrawn ?? 0) > 150;
    if (chartDue) this.drawLossChart();
    if (this.fieldDrawn !== this.field) {
      this.fieldDrawn = this.field;
      const { oneD, classes, state } = this;
      this.heatmap.setView({ window: this.window(), oneD, classes, problem: state.problem, discretize: state.discretize, showTest: state.showTest });
      if (this.field) this.heatmap.drawField(this.field, this.run.info.layers.at(-1).units);
      this.heatmap.drawPoints(this.run.info.points);
      // The links next frame: painting them with many thumbnails in one frame is a long task.
      requestAnimationFrame(() => this.run && this.diagram.draw(this.params, this.units));
    }
    // The output plot's text alternative: at most once a second while training.
    if (!this.running || performance.now() - (this.plotDescribed ?? 0) > 1000) this.describePlot();
    if (this.running) {
      const seconds = (performance.now() - this.playStarted) / 1000;
      this.epochsPerSecond = (this.current.step - this.playStartStep) / this.stepsPerEpoch / Math.max(seconds, 1e-3);
    }
  }

  // What the output plot shows now, in the core's numbers and words.
  describePlot() {
    this.plotDescribed = performance.now();
    const c = this.current, info = this.run.info, points = info.points;
    // The window the core draws the data in (its reply's window: the line's or the plane's).
    const [x0, x1, y0, y1] = this.dataWindow;
    const plane = x0 === y0 && x1 === y1 ? `x₁ and x₂ from ${x0} to ${x1}` : `x₁ from ${x0} to ${x1} and x₂ from ${y0} to ${y1}`;
    const what = this.oneD ? `The network's output over x from ${x0} to ${x1}`
      : this.state.problem === 'classification' ? `The network's predicted class over the plane, ${plane} (${this.classes > 2 ? `${this.classes} classes` : 'orange: -1, blue: +1'})`
        : `The network's output over the plane, ${plane} (orange: negative, blue: positive)`;
    const parts = [what, `${points?.x.length ?? 0} training points`, `epoch ${this.epoch()}`, `training loss ${fmt(c.loss)}`];
    if (Number.isFinite(c.test_loss)) parts.push(`test loss ${fmt(c.test_loss)}`);
    if (Number.isFinite(c.accuracy)) parts.push(`accuracy ${(100 * c.accuracy).toFixed(1)}%`);
    if (this.status.state !== 'running') parts.push(`training ${this.status.state}`);
    if (this.curvature?.atGlobalMinimum) parts.push('at a global minimum, up to rounding');
    else if (this.curvature?.kind) parts.push(`the Hessian test: ${this.curvature.kind}`);
    this.heatmap.describe(parts.join('; '));
  }

  drawLossChart() {
    this.chartDrawn = performance.now();
    // At most two points a column of the chart: more cannot be seen, and a path of the history's
    // 2,000 to 4,000 points made each redraw (the browser parses and paints every point) the
    // page's longest task while training.
    const columns = Math.max(50, Math.round(this.lossChart.width ?? 300));
    this.lossChart.setSeries([
      { name: 'training', label: 'training loss', color: LOSS_COLORS.training, points: envelope(this.history.map((h) => [h[0], h[1]]), columns) },
      { name: 'test', label: 'test loss', color: LOSS_COLORS.test, dash: '5 3', points: envelope(this.history.filter((h) => Number.isFinite(h[2])).map((h) => [h[0], h[2]]), columns) },
    ]);
    this.lossChart.setMaxStep(Math.max(1, this.history.at(-1)?.[0] ?? 1));
    this.lossChart.render();
  }
}
