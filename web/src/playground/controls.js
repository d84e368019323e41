// Why this file exists: the playground's controls, apart from what they control: the top bar
// (play, step, reset, optimizer, rates, loss) and the data panel (data sets, classes, noise,
// own points, the added neuron, stopping, initial weights). Every typed value is read by the
// core (url-state.js validate): a bad one is refused with the core's message naming the
// field and the control shows the value kept. Accepted changes go to the element as patches.
import { CLASS_COLORS, NEGATIVE, POSITIVE } from './colors.js';
import { messageOf } from '../kit/messages.js';
import {
  ACTIVATIONS, CLASS_SETS, DATASETS, FIELDS, LIMITS, choicesOf, OPTIMIZERS, REGRESSION_SETS, readChange,
} from './url-state.js';

// A setting's value as its field shows it (the message's "Kept ..." and the field agree).
const shownValue = (value) => (Array.isArray(value) ? value.join(',') : String(value));
const option = (value, label = value) => `<option value="${value}">${label}</option>`;
// A choice of the core's (its catalog's playground.fields) as a menu shows it: its label there
// (the initial weights say what the core draws), else its name.
const options = (key) => choicesOf(key).map((v) => option(v, FIELDS[key].choice_labels?.[v] ?? v)).join('');

// uid: unique per element, so two playgrounds on a page do not share the rates' datalist.
export function topBarMarkup(uid) {
  return `<div class="pg-top">
        <div class="pg-buttons">
          <button data-role="reset" title="Reset: new weights from the seed">⟲ Reset</button>
          <button data-role="play" class="primary" title="Play / pause">▶ Play</button>
          <button data-role="step" title="One epoch">Step</button>
        </div>
        <div class="pg-counter"><span>Epoch</span><b data-role="epoch">000000</b></div>
        <label>Optimizer <select data-field="optimizer">${Object.entries(OPTIMIZERS).map(([k, v]) => option(k, v)).join('')}</select></label>
        <label>Learning rate <input data-field="lr" list="${uid}-rates" size="6"></label>
        <datalist id="${uid}-rates">${FIELDS.lr.suggested.map((v) => option(v)).join('')}</datalist>
        <label>Activation <select data-field="activation">${ACTIVATIONS.map((a) => option(a)).join('')}</select></label>
        <label>Regularization <select data-field="reg">${options('reg')}</select></label>
        <label>Rate <input data-field="rate" size="6"></label>
        <label>Problem <select data-field="problem">${options('problem')}</select></label>
        <label>Loss <select data-field="loss">${options('loss')}</select></label>
        <span class="pg-small" data-role="loss-note"></span>
      </div>`;
}

// The whole numbers a setting takes (the classes: 2 to the core's most).
const rangeOf = (key) => Array.from({ length: FIELDS[key].max - FIELDS[key].min + 1 }, (_, i) => FIELDS[key].min + i);

// The ranges and the input plane are the core's (its catalog: url-state.js's FIELDS and LIMITS);
// the sliders' steps are the page's.
export function dataPanelMarkup() {
  const plane = LIMITS.window.plane;
  return `<h2>Data</h2>
          <div class="pg-datasets" data-role="datasets">${DATASETS.map((d) => `<button data-dataset="${d}">${d}</button>`).join('')}</div>
          <label data-role="classes-row">Classes <select data-field="classes">${rangeOf('classes').map((k) => option(k)).join('')}</select></label>
          <label>Test data <input type="range" min="${FIELDS.test.min}" max="${FIELDS.test.max}" step="10" data-field="test"><span data-role="test-value"></span>%</label>
          <label>Noise <input type="range" min="${FIELDS.noise.min}" max="${FIELDS.noise.max}" step="5" data-field="noise"><span data-role="noise-value"></span></label>
          <label>Batch size <input data-field="batch" size="4"></label>
          <button data-role="regenerate">Regenerate data</button>
          <details class="pg-own">
            <summary>Your own data</summary>
            <p>Click the output plot to add a point of the chosen class; or paste CSV lines <code>x1,x2,label</code> (x in [${plane[0]}, ${plane[1]}]; label ±1 for two classes, 0 to k−1 for k classes).</p>
            <div class="pg-classes" role="group" aria-label="Class of the next point" data-role="class-buttons"></div>
            <textarea data-role="csv" rows="4" placeholder="1.5,2,1&#10;-3,0.5,-1"></textarea>
            <label>or a file <input type="file" accept=".csv,text/csv,text/plain" data-role="csv-file"></label>
            <button data-role="load-csv">Use these points</button> <button data-role="clear-points">Clear points</button>
          </details>
          <h2>Added neuron</h2>
          <label><input type="checkbox" data-field="neuron"> add a(exp(w·x + b)) to the output</label>
          <label>γ <input data-field="lambda" size="6" title="the penalty on the added neuron's a (the tutorial's γ)"></label>
          <p class="pg-small" data-role="neuron-state"></p>
          <h2>Stop</h2>
          <label>Stop when the training loss &lt; <input data-field="stop" size="6"> (0: never)</label>
          <h2>Initial weights</h2>
          <label>Weights <select data-field="init">${options('init')}</select></label>
          <label>Seed <input data-field="seed" size="6"></label>`;
}

export class Controls {
  // playground: the element (state, apply(patch, options), act(action), play, pause, stepOnce, reset,
  // running, currentPoints()).
  constructor(root, playground) {
    this.root = root;
    this.playground = playground;
    this.pointClass = 1; // the class of the next clicked point
    const find = (role) => root.querySelector(`[data-role="${role}"]`);
    this.find = find;
    root.querySelectorAll('[data-field]').forEach((input) => {
      const event = input.type === 'range' ? 'input' : 'change';
      input.addEventListener(event, () => playground.setField(input.dataset.field, input.type === 'checkbox' ? input.checked : input.value));
    });
    find('datasets').addEventListener('click', (event) => {
      const name = event.target.closest('[data-dataset]')?.dataset.dataset;
      if (!name) return;
      const pairs = [['data', name]];
      // Own points start as a copy of the points shown, in their number of classes.
      if (name === 'custom' && !playground.state.custom.length) pairs.push(['classes', playground.classes], ['custom', playground.currentPoints()]);
      playground.act(() => this.change(pairs));
    });
    find('play').addEventListener('click', () => (playground.running ? playground.pause() : playground.play()));
    // Actions nobody awaits are the playground's act()s (kit/widget.js): a failure is shown.
    find('step').addEventListener('click', () => playground.act(() => playground.stepOnce()));
    find('reset').addEventListener('click', () => playground.act(() => playground.reset()));
    find('regenerate').addEventListener('click', () => playground.apply({ dseed: playground.state.dseed + 1 }));
    find('class-buttons').addEventListener('click', (event) => {
      const button = event.target.closest('[data-class]');
      if (!button) return;
      this.pointClass = Number(button.dataset.class);
      this.syncClassButtons();
    });
    find('load-csv').addEventListener('click', async () => {
      try {
        const classes = playground.classes;
        const custom = await playground.readCsv(find('csv').value, classes);
        playground.apply({ data: 'custom', problem: 'classification', classes, custom });
      } catch (error) {
        this.showMessage(messageOf(error), 'error');
      }
    });
    find('csv-file').addEventListener('change', (event) => playground.act(async () => {
      const file = event.target.files[0];
      if (!file) return;
      // Read no more than the core takes and one byte (the core refuses a longer text, naming its limit).
      find('csv').value = await file.slice(0, LIMITS.max_csv_bytes + 1).text();
      find('load-csv').click();
    }));
    find('clear-points').addEventListener('click', () => playground.apply({ data: 'custom', custom: [] }, { allowEmpty: true }));
  }

  // A typed value: validated (message naming the field; the control shows the kept value, even
  // while it has the focus: the message says what was kept, and the field must not go on showing
  // the refused text as if it had been taken).
  setField(field, raw) { return this.change([[field, raw]], field); }

  // Settings changed together ([[key, text]]: a typed value, or a data set chosen with its own
  // points), read by the core over the current ones and applied with what the core moved with
  // them (own points relabelled for new classes, the problem of a data set, the data set of a
  // problem); the run restarts even when a value is the one it had. Refused: the core's message,
  // and the controls show the settings kept (`field`, the one typed in, too).
  async change(pairs, field = null) {
    const { state } = this.playground;
    const result = await readChange(pairs, this.playground.readSettings, state);
    if (result.error) {
      this.showMessage(field ? `${result.error}. Kept ${shownValue(state[field])}.` : result.error, 'error');
      this.sync(field);
      return;
    }
    this.playground.apply({ ...Object.fromEntries(pairs.map(([key]) => [key, state[key]])), ...result.changes });
  }

  // The controls show the state (a field being typed in keeps its text, unless it is `refused`:
  // that one shows the value kept).
  sync(refused = null) {
    const s = this.playground.state;
    const focused = this.root.getRootNode().activeElement;
    this.root.querySelectorAll('[data-field]').forEach((input) => {
      const value = s[input.dataset.field];
      if (input.type === 'checkbox') input.checked = Boolean(value);
      else if (focused !== input || input.type === 'range' || input.dataset.field === refused) input.value = String(value);
    });
    this.find('test-value').textContent = s.test;
    this.find('noise-value').textContent = s.noise;
    this.root.querySelectorAll('[data-dataset]').forEach((b) => {
      b.classList.toggle('selected', b.dataset.dataset === s.data);
      b.setAttribute('aria-pressed', String(b.dataset.dataset === s.data));
      b.hidden = b.dataset.dataset !== 'custom' && REGRESSION_SETS.has(b.dataset.dataset) !== (s.problem === 'regression');
    });
    const control = (field) => this.root.querySelector(`[data-field="${field}"]`);
    // The classes and the loss the core trains for these settings (its reply for the last run:
    // the loss it trains instead of the one chosen, as cross-entropy for more than two classes).
    const classes = this.playground.classes ?? 2;
    this.find('classes-row').hidden = !(CLASS_SETS.has(s.data) && s.problem === 'classification');
    // k > 2 classes train softmax cross-entropy over k logits: squared is not offered.
    if (s.problem === 'classification') control('loss').value = this.playground.lossOverride ?? s.loss;
    control('loss').disabled = s.problem === 'regression' || classes > 2;
    control('loss').querySelector('option[value="squared"]').disabled = classes > 2;
    this.find('loss-note').textContent = classes > 2 ? `${classes} classes: softmax over ${classes} logits` : '';
    control('rate').disabled = s.reg === 'none';
    control('lambda').disabled = !s.neuron;
    control('batch').disabled = LIMITS.full_batch_optimizers.includes(s.optimizer);
    this.syncClassButtons();
  }

  // The class picker for clicked points: ±1 for two classes, 0..k-1 in the class colours.
  syncClassButtons() {
    const k = this.playground.classes ?? 2;
    const labels = k === 2 ? [1, -1] : Array.from({ length: k }, (_, c) => c);
    if (!labels.includes(this.pointClass)) this.pointClass = labels[0];
    const host = this.find('class-buttons');
    const key = labels.join();
    if (host.dataset.labels !== key) {
      host.dataset.labels = key;
      host.innerHTML = labels.map((label) => {
        const [name, color] = k === 2 ? (label > 0 ? ['blue (+1)', POSITIVE] : ['orange (−1)', NEGATIVE]) : [`class ${label}`, CLASS_COLORS[label]];
        return `<button type="button" data-class="${label}"><span class="pg-swatch" data-rgb="${color.join(',')}"></span>${name}</button>`;
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

  // running: training is playing; runnable: there is a run that can still train.
  updateButtons(running, runnable) {
    const play = this.find('play');
    play.textContent = running ? '❚❚ Pause' : '▶ Play';
    play.disabled = !runnable;
    this.find('step').disabled = !runnable || running;
  }
}
