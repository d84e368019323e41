// Why this file exists: the playground, TensorFlow Playground's controls on our core,
//   <network-playground></network-playground>
// plus what it cannot show: the added neuron, optimizers up to saddle-free Newton, and a live
// curvature panel. The worker trains for ~25 ms per request, back to back, so training runs
// while the page draws the latest snapshot once per animation frame; the whole state lives
// in the URL (?data=spiral&layers=8,8,...), with an optional exact checkpoint of the weights.
import { RemoteTraining, call } from './core-client.js';
import { StepChart } from './chart.js';
import {
  ACTIVATIONS, CLASS_SETS, DATASETS, DEFAULTS, FEATURES, MAX_CLASSES, MAX_LAYERS, MAX_UNITS, OPTIMIZERS, REGRESSION_SETS,
  classesOf, fromQuery, lossOf, parseCsv, relabel, toQuery, toScenario, validate, encodeNumbers,
} from './playground-state.js';
import { OKABE_ITO, colorTable, lighten, paintEntries } from './kit/heatmap.js';

const FIELD_N = 72; // output heatmap resolution
const UNIT_N = 20; // per-neuron thumbnails
const FIELD_EVERY_MS = 90; // heatmaps at most this often while training (they cost a forward pass)
const CURVATURE_EVERY_MS = 700;
const DENSE_LIMIT = 400;
const MAX_LINKS = 480; // links drawn at most (the strongest), so large networks stay smooth // full spectrum up to this many parameters, Lanczos beyond
const NEGATIVE = [245, 147, 34], POSITIVE = [8, 119, 189], MIDDLE = [232, 234, 235];
// Three or more classes: Okabe & Ito's colour-blind-safe categorical palette (orange, blue,
// bluish green, reddish purple, vermillion), one colour per class.
const CLASS_COLORS = OKABE_ITO.slice(0, MAX_CLASSES);
const CONFIDENCE_LEVELS = 64; // shades per class in the output heatmap
const classRgb = (c) => `rgb(${CLASS_COLORS[c].join(',')})`;
// The output heatmap's table for k classes: entry c * LEVELS + l is class c at confidence
// level l, from white-ish (the winner barely ahead: probability 1/k) to the class colour
// kept a little pale (probability 1), so the data points on it stay visible.
const classTables = new Map();
function classTable(k) {
  if (!classTables.has(k)) {
    classTables.set(k, colorTable(k * CONFIDENCE_LEVELS, (i) => {
      const c = Math.floor(i / CONFIDENCE_LEVELS), level = (i % CONFIDENCE_LEVELS) / (CONFIDENCE_LEVELS - 1);
      return lighten(CLASS_COLORS[c], 0.93 - 0.53 * level);
    }));
  }
  return classTables.get(k);
}
const FEATURE_LABELS = { x1: 'x₁', x2: 'x₂', 'x1^2': 'x₁²', 'x2^2': 'x₂²', 'x1*x2': 'x₁x₂', 'sin(x1)': 'sin x₁', 'sin(x2)': 'sin x₂' };

const fmt = (v, digits = 3) => (v == null || Number.isNaN(v) ? '–' : !Number.isFinite(v) ? String(v)
  : Math.abs(v) !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) ? v.toExponential(digits - 1) : Number(v.toPrecision(digits)).toString());

// Value in [-1, 1] -> the Playground's orange-grey-blue.
function color(v) {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const [a, b] = t < 0 ? [MIDDLE, NEGATIVE] : [MIDDLE, POSITIVE];
  const s = Math.abs(t);
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * s));
}

// Colour tables for values in [-1, 1] (512 steps), plain and paler: painting thousands of
// thumbnail pixels a frame must not allocate or interpolate per pixel.
const STEPS = 511;
const tables = new Map();
function table(light) {
  if (!tables.has(light)) {
    const t = new Uint8ClampedArray((STEPS + 1) * 4);
    for (let i = 0; i <= STEPS; i++) {
      const rgb = color((2 * i) / STEPS - 1).map((c) => Math.round(c + (255 - c) * light));
      t.set([...rgb, 255], i * 4);
    }
    tables.set(light, t);
  }
  return tables.get(light);
}

// light: the output heatmap is drawn paler, so the data points on it stay visible.
function paintField(canvas, values, n, offset, stride, scale, discretize, light = 0) {
  if (canvas.width !== n) canvas.width = n; // resizing reallocates: only when it changes
  if (canvas.height !== n) canvas.height = n;
  const context = canvas.getContext('2d');
  const image = context.createImageData(n, n);
  const colors = table(light), data = image.data;
  for (let p = 0; p < n * n; p++) {
    let v = values[offset + p * stride] / scale;
    if (discretize) v = v >= 0 ? 1 : -1;
    v = Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
    const i = Math.round(((v + 1) / 2) * STEPS) * 4;
    data[p * 4] = colors[i];
    data[p * 4 + 1] = colors[i + 1];
    data[p * 4 + 2] = colors[i + 2];
    data[p * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

export class NetworkPlayground extends HTMLElement {
  connectedCallback() {
    if (this.built) return;
    this.built = true;
    const { state, errors } = fromQuery(location.search);
    this.state = state;
    this.build();
    if (errors.length) this.showMessage(`The link had settings that were refused: ${errors.join('; ')}.`, 'error');
    this.reset({ keepCheckpoint: true });
  }

  disconnectedCallback() { this.pause(); }

  find(role) { return this.querySelector(`[data-role="${role}"]`); }

  build() {
    const option = (value, label = value) => `<option value="${value}">${label}</option>`;
    this.innerHTML = `
      <div class="pg-top">
        <div class="pg-buttons">
          <button data-role="reset" title="Reset: new weights from the seed">⟲ Reset</button>
          <button data-role="play" class="primary" title="Play / pause">▶ Play</button>
          <button data-role="step" title="One epoch">Step</button>
        </div>
        <div class="pg-counter"><span>Epoch</span><b data-role="epoch">0</b></div>
        <label>Optimizer <select data-field="optimizer">${Object.entries(OPTIMIZERS).map(([k, v]) => option(k, v)).join('')}</select></label>
        <label>Learning rate <input data-field="lr" list="pg-rates" size="6"></label>
        <datalist id="pg-rates">${[0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10].map((v) => option(v)).join('')}</datalist>
        <label>Activation <select data-field="activation">${ACTIVATIONS.map((a) => option(a)).join('')}</select></label>
        <label>Regularization <select data-field="reg">${option('none')}${option('l1', 'L1')}${option('l2', 'L2')}</select></label>
        <label>Rate <input data-field="rate" size="6"></label>
        <label>Problem <select data-field="problem">${option('classification')}${option('regression')}</select></label>
        <label>Loss <select data-field="loss">${option('squared', 'squared ½(o−t)²')}${option('cross_entropy', 'cross-entropy (softmax)')}</select></label>
        <span class="pg-small" data-role="loss-note"></span>
      </div>
      <div class="message" data-role="message" role="status"></div>
      <div class="pg-main">
        <section class="pg-data">
          <h4>Data</h4>
          <div class="pg-datasets" data-role="datasets">${DATASETS.map((d) => `<button data-dataset="${d}">${d}</button>`).join('')}</div>
          <label data-role="classes-row">Classes <select data-field="classes">${[2, 3, 4, 5].map((k) => option(k)).join('')}</select></label>
          <label>Test data <input type="range" min="0" max="90" step="10" data-field="test"><span data-role="test-value"></span>%</label>
          <label>Noise <input type="range" min="0" max="50" step="5" data-field="noise"><span data-role="noise-value"></span></label>
          <label>Batch size <input data-field="batch" size="4"></label>
          <button data-role="regenerate">Regenerate data</button>
          <details class="pg-own">
            <summary>Your own data</summary>
            <p>Click the output plot to add a point of the chosen class; or paste CSV lines <code>x1,x2,label</code> (x in [−6, 6]; label ±1 for two classes, 0 to k−1 for k classes).</p>
            <div class="pg-classes" role="group" aria-label="Class of the next point" data-role="class-buttons"></div>
            <textarea data-role="csv" rows="4" placeholder="1.5,2,1&#10;-3,0.5,-1"></textarea>
            <label>or a file <input type="file" accept=".csv,text/csv,text/plain" data-role="csv-file"></label>
            <button data-role="load-csv">Use these points</button> <button data-role="clear-points">Clear points</button>
          </details>
          <h4>Added neuron</h4>
          <label><input type="checkbox" data-field="neuron"> add a(exp(w·x + b)) to the output</label>
          <label>λ <input data-field="lambda" size="6"></label>
          <p class="pg-small" data-role="neuron-state"></p>
          <h4>Stop</h4>
          <label>Stop when the training loss &lt; <input data-field="stop" size="6"> (0: never)</label>
          <h4>Initial weights</h4>
          <label>Weights <select data-field="init">${option('random', 'random U(−0.5, 0.5), bias 0.1')}${option('zeros', 'all zero')}</select></label>
          <label>Seed <input data-field="seed" size="6"></label>
        </section>
        <section class="pg-network">
          <div class="pg-layer-buttons">
            <button data-role="add-layer" title="Add a hidden layer">+ layer</button>
            <button data-role="remove-layer" title="Remove the last hidden layer">− layer</button>
            <span data-role="network-summary"></span> <span data-role="links-note"></span>
          </div>
          <div class="pg-columns" data-role="columns"></div>
          <canvas data-role="links" class="pg-links"></canvas>
        </section>
        <section class="pg-output">
          <h4>Output</h4>
          <div class="pg-losses">
            <div>Test loss <b data-role="test-loss">–</b></div>
            <div>Training loss <b data-role="train-loss">–</b></div>
            <div data-role="accuracy-row">Accuracy <b data-role="accuracy">–</b> (test <b data-role="test-accuracy">–</b>)</div>
          </div>
          <div class="pg-plot" data-role="plot">
            <canvas data-role="field" class="pg-field"></canvas>
            <canvas data-role="points" class="pg-points" width="300" height="300"></canvas>
          </div>
          <label><input type="checkbox" data-field="showTest"> show test data</label>
          <label><input type="checkbox" data-field="discretize"> discretize output</label>
          <div data-role="loss-chart"></div>
          <div class="pg-curvature" data-role="curvature">
            <h4>Curvature</h4>
            <dl data-role="curvature-values"></dl>
            <p class="pg-small" data-role="curvature-text"></p>
          </div>
          <div class="pg-export">
            <button data-role="copy-link">Copy link to these settings</button>
            <button data-role="copy-checkpoint">Copy link with these weights</button>
            <button data-role="export">Export parameters (JSON)</button>
          </div>
        </section>
      </div>`;
    this.lossChart = new StepChart(this.find('loss-chart'), {
      title: 'Loss', yLabel: 'loss', log: true, floor: 1e-12, height: 180, scaleToggle: true, hover: true, xLabel: 'epoch',
      legend: [{ label: 'training', color: '#374151' }, { label: 'test', color: '#d97706', kind: 'dash' }],
    });
    this.wireControls();
    this.syncControls();
  }

  wireControls() {
    this.querySelectorAll('[data-field]').forEach((input) => {
      const field = input.dataset.field;
      const event = input.type === 'range' ? 'input' : 'change';
      input.addEventListener(event, () => this.setField(field, input.type === 'checkbox' ? input.checked : input.value));
    });
    this.find('datasets').addEventListener('click', (event) => {
      const name = event.target.closest('[data-dataset]')?.dataset.dataset;
      if (!name) return;
      const patch = { data: name, problem: REGRESSION_SETS.has(name) ? 'regression' : 'classification' };
      // Own points start as a copy of the points shown, in their number of classes.
      if (name === 'custom' && !this.state.custom.length) Object.assign(patch, { custom: this.currentPoints(), classes: classesOf(this.state) });
      this.apply(patch);
    });
    this.find('play').addEventListener('click', () => (this.running ? this.pause() : this.play()));
    this.find('step').addEventListener('click', () => this.stepOnce());
    this.find('reset').addEventListener('click', () => this.reset());
    this.find('regenerate').addEventListener('click', () => this.apply({ dseed: this.state.dseed + 1 }));
    this.find('add-layer').addEventListener('click', () => {
      if (this.state.layers.length >= MAX_LAYERS) return this.showMessage(`hidden layers: at most ${MAX_LAYERS}`, 'error');
      this.apply({ layers: [...this.state.layers, this.state.layers.at(-1) ?? 2] });
    });
    this.find('remove-layer').addEventListener('click', () => this.apply({ layers: this.state.layers.slice(0, -1) }));
    this.find('columns').addEventListener('click', (event) => {
      const button = event.target.closest('[data-units]');
      if (button) {
        const layer = Number(button.dataset.layer), delta = Number(button.dataset.units);
        const units = this.state.layers[layer] + delta;
        if (units < 1 || units > MAX_UNITS) return this.showMessage(`neurons per layer: from 1 to ${MAX_UNITS}`, 'error');
        const layers = [...this.state.layers];
        layers[layer] = units;
        return this.apply({ layers });
      }
      const feature = event.target.closest('[data-feature]')?.dataset.feature;
      if (feature) {
        const on = this.state.features.includes(feature);
        this.setField('features', on ? this.state.features.filter((f) => f !== feature) : [...this.state.features, feature]);
      }
      const bias = event.target.closest('[data-role="output-bias"]');
      if (bias) this.editOutputBias();
    });
    this.find('points').addEventListener('click', (event) => this.addPoint(event));
    this.find('class-buttons').addEventListener('click', (event) => {
      const button = event.target.closest('[data-class]');
      if (!button) return;
      this.pointClass = Number(button.dataset.class);
      this.syncClassButtons();
    });
    this.find('load-csv').addEventListener('click', () => {
      try {
        const classes = classesOf(this.state);
        this.apply({ data: 'custom', problem: 'classification', classes, custom: parseCsv(this.find('csv').value, classes) });
      } catch (error) {
        this.showMessage(error.message, 'error');
      }
    });
    this.find('csv-file').addEventListener('change', async (event) => {
      const file = event.target.files[0];
      if (!file) return;
      if (file.size > 1e6) return this.showMessage('CSV file: larger than 1 MB; a playground needs a few hundred points.', 'error');
      this.find('csv').value = await file.text();
      this.find('load-csv').click();
    });
    this.find('clear-points').addEventListener('click', () => this.apply({ data: 'custom', custom: [] }, { allowEmpty: true }));
    this.find('copy-link').addEventListener('click', () => this.copy(this.link(false)));
    this.find('copy-checkpoint').addEventListener('click', async () => this.copy(await this.link(true)));
    this.find('export').addEventListener('click', () => this.exportParameters());
  }

  // A typed value: validated (message naming the field; the control shows the old value).
  setField(field, raw) {
    const result = validate(field, raw);
    if (result.error) {
      this.showMessage(`${result.error}. Kept ${JSON.stringify(this.state[field])}.`, 'error');
      this.syncControls();
      return;
    }
    const patch = { [field]: result.value };
    if (field === 'classes' && this.state.custom.length) {
      // Own points change their labels with the number of classes (-1/+1 are classes 0/1).
      const custom = relabel(this.state.custom, this.state.classes, result.value);
      if (!custom && this.state.data === 'custom') {
        this.showMessage(`classes: your points use a class above ${result.value - 1}; clear them first. Kept ${this.state.classes}.`, 'error');
        this.syncControls();
        return;
      }
      patch.custom = custom ?? [];
    }
    if (field === 'problem' && result.value !== (REGRESSION_SETS.has(this.state.data) ? 'regression' : 'classification'))
      patch.data = result.value === 'regression' ? 'plane' : 'circle';
    this.apply(patch);
  }

  // Display-only settings redraw; the rest start a fresh run from the seed's weights.
  apply(patch, { allowEmpty = false } = {}) {
    const next = { ...this.state, ...patch };
    if (next.data === 'custom' && next.custom.length < 2 && !allowEmpty && !('custom' in patch && patch.custom.length >= 2)) {
      this.showMessage('Your own data: add at least two points (click the output plot or paste CSV).', 'info');
    }
    const displayOnly = Object.keys(patch).every((k) => k === 'showTest' || k === 'discretize' || k === 'stop');
    this.state = next;
    this.syncControls();
    this.writeUrl();
    if (displayOnly) {
      this.fieldDrawn = null; // redraw the heatmap and points with the new display settings
      this.dirty = true;
      if (!this.frame) this.frame = requestAnimationFrame(() => this.draw());
      return;
    }
    this.state.ckpt = null;
    this.reset();
  }

  writeUrl() {
    const query = toQuery({ ...this.state, ckpt: null });
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }

  link(withWeights) {
    const base = `${location.origin}${location.pathname}`;
    if (!withWeights) return `${base}?${toQuery({ ...this.state, ckpt: null })}`;
    return call('parameters', { handle: this.run.handle }).then((params) => {
      const network = params.slice(0, this.run.info.parameter_count);
      return `${base}?${toQuery({ ...this.state, ckpt: network })}`;
    });
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

  async exportParameters() {
    const params = await call('parameters', { handle: this.run.handle });
    const { scenario } = toScenario(this.state);
    scenario.model.init = { kind: 'params', params: params.slice(0, this.run.info.parameter_count) };
    const blob = new Blob([JSON.stringify(scenario, null, 1)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `playground-epoch-${this.epoch()}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
    this.exported = scenario;
  }

  syncControls() {
    const s = this.state;
    this.querySelectorAll('[data-field]').forEach((input) => {
      const value = s[input.dataset.field];
      if (input.type === 'checkbox') input.checked = Boolean(value);
      else if (document.activeElement !== input || input.type === 'range') input.value = String(value);
    });
    this.find('test-value').textContent = s.test;
    this.find('noise-value').textContent = s.noise;
    this.querySelectorAll('[data-dataset]').forEach((b) => b.classList.toggle('selected', b.dataset.dataset === s.data));
    this.querySelectorAll('[data-dataset]').forEach((b) => {
      b.hidden = b.dataset.dataset !== 'custom' && REGRESSION_SETS.has(b.dataset.dataset) !== (s.problem === 'regression');
    });
    const control = (field) => this.querySelector(`[data-field="${field}"]`);
    const classes = classesOf(s);
    this.find('classes-row').hidden = !(CLASS_SETS.has(s.data) && s.problem === 'classification');
    // k > 2 classes train softmax cross-entropy over k logits: squared is not offered.
    if (lossOf(s) !== s.loss && s.problem === 'classification') control('loss').value = lossOf(s);
    control('loss').disabled = s.problem === 'regression' || classes > 2;
    control('loss').querySelector('option[value="squared"]').disabled = classes > 2;
    this.find('loss-note').textContent = classes > 2 ? `${classes} classes: softmax over ${classes} logits` : '';
    this.syncClassButtons();
    control('rate').disabled = s.reg === 'none';
    control('lambda').disabled = !s.neuron;
    control('batch').disabled = ['gd', 'newton', 'saddle_free_newton'].includes(s.optimizer);
  }

  // The class picker for clicked points: ±1 for two classes, 0..k-1 in the class colours.
  syncClassButtons() {
    const k = classesOf(this.state);
    const labels = k === 2 ? [1, -1] : Array.from({ length: k }, (_, c) => c);
    if (!labels.includes(this.pointClass)) this.pointClass = labels[0];
    const host = this.find('class-buttons');
    const key = labels.join();
    if (host.dataset.labels !== key) {
      host.dataset.labels = key;
      host.innerHTML = labels.map((label) => {
        const [name, rgb] = k === 2 ? (label > 0 ? ['blue (+1)', POSITIVE] : ['orange (−1)', NEGATIVE]) : [`class ${label}`, CLASS_COLORS[label]];
        return `<button type="button" data-class="${label}"><span class="pg-swatch" data-rgb="${rgb.join(',')}"></span>${name}</button>`;
      }).join('');
      // Colours set through the CSSOM (the page's CSP refuses inline style attributes).
      host.querySelectorAll('.pg-swatch').forEach((swatch) => { swatch.style.background = `rgb(${swatch.dataset.rgb})`; });
    }
    host.querySelectorAll('[data-class]').forEach((b) => b.setAttribute('aria-pressed', String(Number(b.dataset.class) === this.pointClass)));
  }

  showMessage(text, kind = 'info') {
    const message = this.find('message');
    message.textContent = text;
    message.className = `message ${text ? kind : ''}`;
  }

  currentPoints() {
    const points = this.run?.info.points;
    if (!points || this.run.info.raw_inputs !== 2) return [];
    const k = classesOf(this.state);
    return points.x.map((x, i) => [Number(x[0].toFixed(3)), Number(x[1].toFixed(3)), k > 2 ? points.y[i][0] : points.y[i][0] > 0 ? 1 : -1]);
  }

  addPoint(event) {
    if (this.state.problem !== 'classification' || this.oneD) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const x1 = -6 + (12 * (event.clientX - rect.left)) / rect.width;
    const x2 = 6 - (12 * (event.clientY - rect.top)) / rect.height;
    const label = this.pointClass;
    const base = this.state.data === 'custom' ? this.state.custom : this.currentPoints();
    this.apply({ data: 'custom', classes: classesOf(this.state), custom: [...base, [Number(x1.toFixed(2)), Number(x2.toFixed(2)), label]] });
  }

  // A fresh run of the current state (from the checkpoint when the link carried one).
  async reset({ keepCheckpoint = false } = {}) {
    const ticket = (this.ticket = (this.ticket ?? 0) + 1);
    this.pause();
    if (!keepCheckpoint) this.state.ckpt = null;
    if (this.state.data === 'custom' && this.state.custom.length < 2) {
      this.dataset.state = 'waiting';
      this.showMessage('Your own data: add at least two points (click the output plot or paste CSV).', 'info');
      return;
    }
    const { scenario, stepsPerEpoch, oneD, classes } = toScenario(this.state);
    this.scenario = scenario;
    this.classes = classes;
    this.stepsPerEpoch = stepsPerEpoch;
    this.oneD = oneD;
    this.dataset.state = 'loading';
    let run;
    try {
      run = await RemoteTraining.create(JSON.stringify(scenario));
    } catch (error) {
      if (ticket !== this.ticket) return;
      this.showMessage(String(error.message ?? error), 'error');
      this.dataset.state = 'error';
      return;
    }
    if (ticket !== this.ticket) return void run.dispose();
    this.run?.dispose();
    this.run = run;
    this.history = [];
    this.status = { state: 'running', step: 0 };
    this.current = run.initial;
    this.curvature = null;
    this.lastField = 0;
    this.lastCurvature = 0;
    if (!this.find('message').classList.contains('error')) this.showMessage('');
    this.buildNetwork();
    await this.snapshot({ steps: 0 });
    this.dataset.state = 'ready';
    this.updateButtons();
    await this.updateCurvature(true);
  }

  epoch() { return Math.floor((this.current?.step ?? 0) / this.stepsPerEpoch); }

  // One worker request: train (steps = 0: just look), then draw.
  async snapshot({ steps = Infinity, milliseconds = 25, field = true } = {}) {
    const run = this.run;
    // Heatmaps cost a forward pass over every grid point: big networks refresh them less often
    // (up to once a second), so the worker spends its time training.
    const every = Math.min(1000, FIELD_EVERY_MS * Math.max(1, run.info.parameter_count / 400));
    const needField = field || performance.now() - this.lastField > every;
    const reply = await call('train', {
      handle: run.handle, milliseconds, chunk: this.stepsPerEpoch, maxSteps: steps,
      n: needField ? FIELD_N : 0, unitsN: needField ? UNIT_N : 0, window: this.window(),
    });
    if (run !== this.run) return null;
    this.status = reply.status;
    this.current = reply.current;
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
    if (!this.frame) this.frame = requestAnimationFrame(() => this.draw());
    return reply;
  }

  window() { return this.oneD ? [-3.5, 3.5, -1.6, 1.6] : [-6, 6, -6, 6]; }

  async play() {
    if (this.running || !this.run || this.status.state !== 'running') return;
    this.running = true;
    this.dataset.state = 'running';
    this.updateButtons();
    const run = this.run;
    this.playStarted = performance.now();
    this.playStartStep = this.current.step;
    try {
      while (this.running && run === this.run && this.status.state === 'running') {
        await this.snapshot({ field: false });
        if (run !== this.run) return;
        if (this.state.stop > 0 && this.current.loss < this.state.stop) {
          this.showMessage(`Stopped at epoch ${this.epoch()}: the training loss ${fmt(this.current.loss)} is below ${this.state.stop}.`, 'info');
          break;
        }
        // Lanczos on a big network costs as much as many training steps: rarer while playing.
        const every = Math.min(5000, CURVATURE_EVERY_MS * Math.max(1, this.run.info.parameter_count / 400));
        if (performance.now() - this.lastCurvature > every) await this.updateCurvature(false);
      }
      if (run === this.run && this.status.state === 'diverged') {
        this.showMessage(`Training paused: ${this.status.message} The page shows the last finite state (epoch ${this.epoch()}). Lower the learning rate and reset.`, 'error');
      }
    } finally {
      if (run === this.run) {
        this.running = false;
        this.dataset.state = this.status.state === 'running' ? 'paused' : this.status.state;
        this.updateButtons();
        await this.snapshot({ steps: 0 });
        await this.updateCurvature(true);
      }
    }
  }

  pause() { this.running = false; }

  async stepOnce() {
    if (!this.run || this.running || this.status.state !== 'running') return;
    await this.snapshot({ steps: this.stepsPerEpoch });
    await this.updateCurvature(true);
  }

  updateButtons() {
    const play = this.find('play');
    play.textContent = this.running ? '❚❚ Pause' : '▶ Play';
    play.disabled = !this.run || this.status?.state !== 'running';
    this.find('step').disabled = play.disabled || this.running;
  }

  // Gradient norm, extreme eigenvalues (full spectrum for small networks), index and kind.
  async updateCurvature(full) {
    const run = this.run;
    if (!run) return;
    this.lastCurvature = performance.now();
    const n = run.info.parameter_count + (this.state.neuron ? (this.scenario.model.layers.at(-1).units * 4) : 0);
    let curvature;
    if (n <= DENSE_LIMIT && (full || n <= 120)) {
      const s = await call('spectrum', { handle: run.handle });
      if (!s) return;
      curvature = { dense: true, smallest: s.eigenvalues[0], largest: s.eigenvalues.at(-1), index: s.index, kind: s.kind,
        negative: s.negative, zero: s.zero, positive: s.positive, grad_norm: s.grad_norm, n: s.eigenvalues.length };
    } else {
      const e = await call('extremes', { handle: run.handle, steps: 30 });
      curvature = { dense: false, smallest: e.smallest, largest: e.largest, grad_norm: this.current.grad_norm, n };
    }
    if (run !== this.run) return;
    this.curvature = curvature;
    this.drawCurvature();
  }

  drawCurvature() {
    const c = this.curvature;
    if (!c) return;
    const rows = [['gradient norm', fmt(c.grad_norm)], ['smallest eigenvalue', fmt(c.smallest)], ['largest eigenvalue', fmt(c.largest)]];
    if (c.dense) rows.push(['index', `${fmt(c.index)} (${c.negative} of ${c.n} negative, ${c.zero} zero)`], ['kind', c.kind]);
    this.find('curvature-values').innerHTML = rows.map(([k, v]) => `<dt>${k}</dt><dd data-name="${k}">${v}</dd>`).join('');
    this.find('curvature-text').textContent = this.explainCurvature(c);
  }

  explainCurvature(c) {
    const zeroInit = this.state.init === 'zeros' && !this.state.ckpt;
    const stalled = c.grad_norm < 1e-6;
    let text = '';
    if (zeroInit && this.epoch() < 1e9) {
      text = 'All weights start at zero: every hidden unit computes the same function and, because its outgoing weights are zero, receives zero gradient; only the output bias can move. '
        + (c.dense ? `This is a critical point of the weights; its Hessian has ${c.negative} negative eigenvalue(s), so it is a ${c.negative ? 'saddle' : 'degenerate point'}: ${c.negative ? 'the loss does go down in some directions, but gradient descent, starting exactly on the symmetric set, never takes them' : 'the second-order test cannot decide'}. Random weights break the symmetry.` : '');
    } else if (this.current.loss < 1e-8) {
      // No loss here is below 0, so this is a global minimum up to 1e-8, whatever the signs of
      // eigenvalues this small (negative ones come from the residuals and vanish with them).
      text = `The training loss, ${fmt(this.current.loss)}, has all but reached its floor of 0: training is at a global minimum, up to rounding.`
        + (c.negative ? ` The ${c.negative} slightly negative eigenvalue(s) (down to ${fmt(c.smallest)}) come from the last tiny residuals and vanish as they do.` : '');
    } else if (!c.dense) {
      text = `Lanczos (30 Hessian-vector products) for the ${c.n} parameters: ${c.smallest < -1e-8 * Math.abs(c.largest) ? 'a negative eigenvalue, so the loss still curves down in some direction' : 'no negative eigenvalue found'}.`;
    } else if (stalled) {
      text = `Training is at a critical point: a ${c.kind}.`;
    } else if (c.negative) {
      text = `Not a critical point yet; ${c.negative} direction(s) of negative curvature: near a saddle if the gradient is small.`;
    } else {
      text = 'No negative eigenvalue: inside a basin of a minimum (or on a flat valley, if some are zero).';
    }
    return text;
  }

  // The network diagram: a column per layer, a thumbnail per unit, links by weight.
  buildNetwork() {
    const info = this.run.info;
    const columns = this.find('columns');
    const features = this.oneD ? FEATURES.filter((f) => !f.includes('2')) : FEATURES;
    const column = (title, body, buttons = '') => `<div class="pg-column"><div class="pg-column-head">${title}${buttons}</div><div class="pg-nodes">${body}</div></div>`;
    let html = column('Features', features.map((f) => `<button class="pg-node pg-feature ${this.state.features.includes(f) ? 'on' : 'off'}" data-feature="${f}" title="${this.state.features.includes(f) ? 'used' : 'not used'}: click to toggle"><canvas width="${UNIT_N}" height="${UNIT_N}"></canvas><span>${FEATURE_LABELS[f]}</span></button>`).join(''));
    info.layers.slice(0, -1).forEach((layer, l) => {
      // Hidden units' thumbnails are painted on the diagram's one canvas (a canvas per unit
      // would be hundreds of compositing layers): the node is the frame around it.
      const small = layer.units > 12 ? ' pg-small-node' : ''; // wide layers: 20 px thumbnails, so the diagram stays short
      const units = Array.from({ length: layer.units }, (_, u) => `<div class="pg-node pg-unit${small}" data-unit="${l}:${u}" title="neuron ${u + 1} of hidden layer ${l + 1}"></div>`).join('');
      html += column(`${layer.units} neuron${layer.units > 1 ? 's' : ''}`, units,
        `<span class="pg-unit-buttons"><button data-layer="${l}" data-units="1" title="Add a neuron">+</button><button data-layer="${l}" data-units="-1" title="Remove a neuron">−</button></span>`);
    });
    const outputs = info.layers.at(-1).units;
    html += column('Output', Array.from({ length: outputs }, (_, k) => `<div class="pg-node pg-out" data-unit="out:${k}"><button class="pg-bias" data-role="output-bias" title="The output unit's bias: click to edit">b = <span data-bias="${k}"></span></button></div>`).join(''));
    columns.innerHTML = html;
    this.find('network-summary').textContent = `${info.layers.length - 1} hidden layer${info.layers.length === 2 ? '' : 's'}, ${info.parameter_count} parameters`;
    const drawFeatures = () => {
      features.forEach((f, i) => {
        const canvas = columns.querySelectorAll('.pg-feature canvas')[i];
        const values = new Float64Array(UNIT_N * UNIT_N);
        for (let p = 0; p < values.length; p++) {
          const x1 = -6 + (12 * (p % UNIT_N)) / (UNIT_N - 1), x2 = 6 - (12 * Math.floor(p / UNIT_N)) / (UNIT_N - 1);
          const v = { x1, x2, 'x1^2': x1 * x1 / 6 - 3, 'x2^2': x2 * x2 / 6 - 3, 'x1*x2': x1 * x2 / 6, 'sin(x1)': Math.sin(x1) * 6, 'sin(x2)': Math.sin(x2) * 6 }[f];
          values[p] = v;
        }
        paintField(canvas, values, UNIT_N, 0, 1, 6, false);
      });
    };
    drawFeatures();
  }

  async editOutputBias() {
    const params = await call('parameters', { handle: this.run.handle });
    const count = this.run.info.parameter_count, outputs = this.run.info.layers.at(-1).units;
    const index = count - outputs; // the last layer's biases end the network's parameters
    const raw = prompt(`Output bias (now ${params[index]}):`, String(params[index]));
    if (raw === null) return;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || Math.abs(value) > 100) {
      this.showMessage(`output bias: "${raw}" must be a number from -100 to 100. Kept ${fmt(params[index])}.`, 'error');
      return;
    }
    const network = params.slice(0, count);
    network[index] = value;
    this.state.ckpt = network;
    this.reset({ keepCheckpoint: true });
  }

  draw() {
    this.frame = null;
    if (!this.dirty || !this.run) return;
    this.dirty = false;
    const c = this.current;
    this.find('epoch').textContent = String(this.epoch()).padStart(6, '0');
    this.find('train-loss').textContent = fmt(c.loss);
    this.find('test-loss').textContent = fmt(c.test_loss);
    this.find('accuracy-row').hidden = this.state.problem !== 'classification';
    this.find('accuracy').textContent = Number.isFinite(c.accuracy) ? `${(100 * c.accuracy).toFixed(1)}%` : '–';
    this.find('test-accuracy').textContent = Number.isFinite(c.test_accuracy) ? `${(100 * c.test_accuracy).toFixed(1)}%` : '–';
    this.find('neuron-state').textContent = c.neuron_on ? `|a| = ${fmt(Math.abs(c.a[0]))}${c.a.length > 1 ? `, ${fmt(Math.abs(c.a[1]))}` : ''}: the neuron's coefficient; it decays to 0 when training reaches a global minimum.` : '';
    // The loss chart a few times a second: an SVG redraw per frame costs more than it shows.
    const chartDue = !this.running || performance.now() - (this.chartDrawn ?? 0) > 150;
    if (chartDue) this.drawLossChart();
    if (this.fieldDrawn !== this.field) {
      this.fieldDrawn = this.field;
      this.drawField();
      this.drawPoints();
      // The links next frame: painting them with many thumbnails in one frame is a long task.
      requestAnimationFrame(() => this.run && this.drawLinks());
    }
    if (this.running) {
      const seconds = (performance.now() - this.playStarted) / 1000;
      this.epochsPerSecond = (this.current.step - this.playStartStep) / this.stepsPerEpoch / Math.max(seconds, 1e-3);
    }
  }

  drawLossChart() {
    this.chartDrawn = performance.now();
    this.lossChart.setSeries([
      { name: 'training', color: '#374151', points: this.history.map((h) => [h[0], h[1]]) },
      { name: 'test', color: '#d97706', dash: '5 3', points: this.history.filter((h) => Number.isFinite(h[2])).map((h) => [h[0], h[2]]) },
    ]);
    this.lossChart.setMaxStep(Math.max(1, this.history.at(-1)?.[0] ?? 1));
    this.lossChart.render();
  }


  drawField() {
    if (!this.field) return;
    const canvas = this.find('field');
    const outputs = this.run.info.layers.at(-1).units;
    if (this.oneD) {
      canvas.width = 300;
      canvas.height = 300;
      const context = canvas.getContext('2d');
      context.fillStyle = '#f8fafc';
      context.fillRect(0, 0, 300, 300);
      context.strokeStyle = '#0877bd';
      context.lineWidth = 2.5;
      context.beginPath();
      const [, , y0, y1] = this.window();
      for (let i = 0; i < FIELD_N; i++) {
        const x = (300 * i) / (FIELD_N - 1), y = 300 * (y1 - this.field[i]) / (y1 - y0);
        if (i) context.lineTo(x, y); else context.moveTo(x, y);
      }
      context.stroke();
    } else if (outputs > 2) {
      this.paintClasses(canvas, outputs);
    } else if (outputs === 2) {
      // Cross-entropy: p(+1) - p(-1) = tanh((q1 - q0) / 2), in [-1, 1] like a tanh output.
      const values = new Float64Array(FIELD_N * FIELD_N);
      for (let p = 0; p < values.length; p++) values[p] = Math.tanh((this.field[2 * p + 1] - this.field[2 * p]) / 2);
      paintField(canvas, values, FIELD_N, 0, 1, 1, this.state.discretize, 0.35);
    } else {
      paintField(canvas, this.field, FIELD_N, 0, 1, 1, this.state.discretize, 0.35);
    }
  }

  // k classes: each pixel in the colour of the winning class, as saturated as the winner is
  // sure (softmax probability 1/k: nearly white; 1: the class colour).
  paintClasses(canvas, k) {
    const field = this.field, discretize = this.state.discretize, top = CONFIDENCE_LEVELS - 1;
    paintEntries(canvas, FIELD_N, FIELD_N, classTable(k), (p) => {
      const base = p * k;
      let winner = 0, largest = field[base];
      for (let c = 1; c < k; c++) if (field[base + c] > largest) { largest = field[base + c]; winner = c; }
      if (!Number.isFinite(largest)) return 0;
      let sum = 0; // the winner's probability is 1 / sum of exp(q_c - q_winner)
      for (let c = 0; c < k; c++) sum += Math.exp(field[base + c] - largest);
      const confidence = discretize ? 1 : (1 / sum - 1 / k) / (1 - 1 / k);
      return winner * CONFIDENCE_LEVELS + Math.round(Math.max(0, Math.min(1, confidence)) * top);
    });
  }

  // Every hidden unit's activation over the input plane, at its node on the diagram's canvas.
  paintUnits(context) {
    if (!this.units || !this.layout) return;
    const outputs = this.run.info.layers.at(-1).units;
    const size = this.oneD ? UNIT_N : UNIT_N * UNIT_N;
    const start = size * outputs;
    this.scratch ??= document.createElement('canvas');
    const values = new Float64Array(UNIT_N * UNIT_N);
    context.imageSmoothingEnabled = false;
    let u = 0;
    this.layout.centers.slice(1, -1).forEach((column) => column.forEach((node) => {
      for (let p = 0; p < values.length; p++) values[p] = this.units[start + u * size + (this.oneD ? p % UNIT_N : p)];
      paintField(this.scratch, values, UNIT_N, 0, 1, 1, false);
      context.drawImage(this.scratch, node.x0 + 1, node.y - node.size / 2, node.size, node.size);
      u++;
    }));
  }

  drawPoints() {
    const canvas = this.find('points');
    const context = canvas.getContext('2d');
    context.clearRect(0, 0, canvas.width, canvas.height);
    const info = this.run?.info;
    if (!info) return;
    const [x0, x1, y0, y1] = this.window();
    const px = (x) => (canvas.width * (x - x0)) / (x1 - x0), py = (y) => (canvas.height * (y1 - y)) / (y1 - y0);
    const classes = this.classes ?? 2;
    const drawSet = (xs, ys, test) => {
      xs.forEach((x, i) => {
        const label = ys[i][0];
        const [cx, cy] = this.oneD ? [px(x[0]), py(label)] : [px(x[0]), py(x[1])];
        context.beginPath();
        context.arc(cx, cy, 3.2, 0, 2 * Math.PI);
        if (classes > 2) context.fillStyle = classRgb(label);
        else {
          const [r, g, b] = this.state.problem === 'regression' && !this.oneD ? color(label) : color(this.oneD ? 0.8 : label);
          context.fillStyle = `rgb(${r},${g},${b})`;
        }
        context.fill();
        context.lineWidth = test ? 1.6 : 1;
        context.strokeStyle = test ? '#111827' : '#ffffff';
        context.stroke();
      });
    };
    drawSet(info.points.x, info.points.y, false);
    if (this.state.showTest) drawSet(info.points.test_x, info.points.test_y, true);
  }

  drawLinks() {
    const canvas = this.find('links');
    const host = this.find('columns');
    // Node positions are measured once per layout (a forced layout per frame is what makes
    // large networks janky), and the canvas is resized only when the diagram is.
    // Nodes move when a column's width changes (the bias label's text), so their offsets are
    // part of the key; reading them is cheap once layout is clean.
    const width = host.clientWidth, height = host.clientHeight;
    const key = [...host.querySelectorAll('.pg-nodes')].map((n) => n.offsetLeft).join();
    if (!this.layout || this.layout.width !== width || this.layout.height !== height || this.layout.host !== host.firstChild || this.layout.key !== key) {
      const box = host.getBoundingClientRect();
      const columns = [...host.querySelectorAll('.pg-column')];
      this.layout = {
        width, height, key, host: host.firstChild,
        centers: columns.map((column) => [...column.querySelectorAll('.pg-node')].map((node) => {
          const r = node.getBoundingClientRect();
          return { x0: r.left - box.left, x1: r.right - box.left, y: r.top - box.top + r.height / 2, size: r.width - 2, on: !node.classList.contains('off') };
        })),
      };
      canvas.width = Math.round(width);
      canvas.height = Math.round(height);
      canvas.style.width = `${canvas.width}px`;
      canvas.style.height = `${canvas.height}px`;
      canvas.style.top = `${host.offsetTop}px`;
      canvas.style.left = `${host.offsetLeft}px`;
    }
    const context = canvas.getContext('2d');
    context.clearRect(0, 0, canvas.width, canvas.height);
    const params = this.params;
    const { centers } = this.layout;
    if (!params) return;
    // Inputs are the chosen features only, in FEATURES order.
    const inputs = centers[0].filter((c) => c.on);
    let offset = 0, hidden = 0;
    const layers = this.run.info.layers;
    let from = inputs;
    layers.forEach((layer, l) => {
      const to = centers[l + 1];
      const fanIn = from.length;
      let largest = 1e-9;
      for (let j = 0; j < layer.units * fanIn; j++) largest = Math.max(largest, Math.abs(params[offset + j]));
      // Rasterising thousands of long anti-aliased lines costs the page ~100 ms a frame, and
      // nobody can read them: above MAX_LINKS a layer shows only its strongest links.
      const total = layer.units * fanIn, keep = Math.max(1, Math.round(MAX_LINKS / layers.length));
      let threshold = 0;
      if (total > keep) {
        const magnitudes = Array.from({ length: total }, (_, j) => Math.abs(params[offset + j])).sort((a, b) => b - a);
        threshold = magnitudes[keep - 1];
        hidden += total - keep;
      }
      // One path per (sign, width bucket): thousands of links cost a few strokes, not thousands.
      const buckets = new Map();
      for (let u = 0; u < layer.units; u++) {
        for (let k = 0; k < fanIn; k++) {
          const w = params[offset + u * fanIn + k];
          if (Math.abs(w) < threshold) continue;
          const width = Math.max(1, Math.round(8 * Math.min(1, Math.abs(w) / Math.max(largest, 1))));
          const key = `${w < 0 ? -1 : 1}:${width}`;
          if (!buckets.has(key)) buckets.set(key, new Path2D());
          const path = buckets.get(key);
          path.moveTo(from[k].x1, from[k].y);
          path.lineTo(to[u].x0, to[u].y);
        }
      }
      for (const [key, path] of buckets) {
        const [sign, width] = key.split(':').map(Number);
        const [r, g, b] = color(sign);
        context.strokeStyle = `rgb(${r},${g},${b})`; // opaque: cheaper to rasterise
        context.lineWidth = width / 2;
        context.stroke(path);
      }
      offset += layer.units * fanIn;
      if (layer.bias) {
        if (l === layers.length - 1) {
          for (let k = 0; k < layer.units; k++) {
            const label = this.querySelector(`[data-bias="${k}"]`);
            if (label) label.textContent = fmt(params[offset + k]);
          }
        }
        offset += layer.units;
      }
      from = to;
    });
    this.paintUnits(context);
    // The bias labels just written can widen the output column and move every node: once more.
    if (!this.redrawing && [...host.querySelectorAll('.pg-nodes')].map((n) => n.offsetLeft).join() !== key) {
      this.redrawing = true;
      this.drawLinks();
      this.redrawing = false;
      return;
    }
    this.find('network-summary').dataset.hiddenLinks = hidden;
    this.find('links-note').textContent = hidden ? `The ${hidden} weakest links are not drawn.` : '';
  }
}
