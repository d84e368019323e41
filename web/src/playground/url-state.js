// Why this file exists: the playground's whole state as plain values, its URL form and the
// scenario it asks the core to train. Kept apart from the element so node tests can check
// the round trip state -> URL -> state without a browser, and so every field has exactly one
// validator (the message names the field; the previous value stays).

import { decimalNumber as number, shown } from '../kit/format.js';
import { isPacked, isPackedFloat64, packFloat64, packText, unpackFloat64, unpackText } from '../kit/link-codec.js';

// The lists below are the core's (its catalog(): data sets, features, activations, optimizers
// and their labels, which sets are regression, 1-D or come in several classes), filled by
// useCatalog() before the playground is drawn, so adding a data set or an optimizer to the
// core adds it here. Only the playground's own choices are written in this file.
export const DATASETS = []; // the core's generated sets, then 'custom' (own points)
export const REGRESSION_SETS = new Set();
export const ONE_D_SETS = new Set(); // one raw input: drawn as a curve
// The data sets that come in 2 to MAX_CLASSES classes (the core's data.classes; own points
// carry their class as a label).
export const CLASS_SETS = new Set(['custom']);
export let MAX_CLASSES = 2;
export const FEATURES = [];
export const ACTIVATIONS = [];
export const OPTIMIZERS = {}; // name -> label

export function useCatalog(catalog) {
  DATASETS.splice(0, Infinity, ...catalog.datasets.map((d) => d.name), 'custom');
  for (const d of catalog.datasets) {
    if (d.problem === 'regression') REGRESSION_SETS.add(d.name);
    if (d.inputs === 1) ONE_D_SETS.add(d.name);
    if (d.classes) {
      CLASS_SETS.add(d.name);
      MAX_CLASSES = Math.max(MAX_CLASSES, d.classes[1]);
    }
  }
  FEATURES.splice(0, Infinity, ...catalog.features);
  // tanh first: the default, as in TensorFlow Playground.
  ACTIVATIONS.splice(0, Infinity, ...catalog.activations.filter((a) => a === 'tanh'), ...catalog.activations.filter((a) => a !== 'tanh'));
  for (const o of catalog.optimizers) OPTIMIZERS[o.name] = o.label;
  Object.assign(LIMITS, catalog.playground);
  delete LIMITS.defaults;
  delete LIMITS.fields;
  if (Object.isFrozen(DEFAULTS)) return; // a second playground on the page
  // Every setting's type, range or choices, label and default: the core's (its catalog's
  // playground.fields, the table its own reader takes its ranges from).
  const fields = catalog.playground.fields;
  const keys = fields.map((f) => f.key);
  if (keys.join() !== STATE_KEYS.join()) throw new Error(`the core's playground settings (${keys.join()}) are not this page's link keys (${STATE_KEYS.join()})`);
  for (const f of fields) {
    FIELDS[f.key] = f;
    DEFAULTS[f.key] = structuredClone(f.default);
    VALIDATORS[f.key] = validatorOf(f);
  }
  Object.freeze(DEFAULTS);
}
// The playground's limits (8 layers of 32 units, 500 points, the largest learning rate, ...)
// and its default settings, the settings of scenarios/playground.json: the core's
// (core/playground.hpp), filled by useCatalog().
export const LIMITS = {};
// A link's keys, in the order a link writes them: the settings the core builds the scenario from,
// then how the page shows the run (the loss to stop at, the test points, the discretized output).
// The link format, known before the core is loaded (the kit sorts a link's keys on arrival);
// useCatalog() refuses to run when the core's settings are not these, in this order.
export const STATE_KEYS = ['data', 'classes', 'noise', 'test', 'dseed', 'features', 'layers', 'activation', 'problem',
  'loss', 'optimizer', 'lr', 'batch', 'reg', 'rate', 'init', 'seed', 'neuron', 'lambda', 'stop', 'showTest',
  'discretize', 'custom', 'ckpt'];
// Each setting's default (scenarios/playground.json's, from the core), filled by useCatalog().
export const DEFAULTS = {};
// Each setting as the core describes it: {key, label, type, min, max, above_min, max_count,
// choices, unit, view_only, default}.
export const FIELDS = {};
export const choicesOf = (key) => FIELDS[key].choices;

// A link's key as a message names it.
const fieldName = (key) => shown(key);
const range = (name, lo, hi, integer = false) => (raw) => {
  const v = number(raw);
  if (!Number.isFinite(v)) return { error: `${name}: "${shown(raw)}" is not a number` };
  if (integer && !Number.isInteger(v)) return { error: `${name}: must be a whole number (got ${shown(raw)})` };
  if (v < lo || v > hi) return { error: `${name}: must be from ${lo} to ${hi} (got ${shown(raw)})` };
  return { value: v };
};
const positive = (name, hi) => (raw) => {
  const v = number(raw);
  if (!Number.isFinite(v)) return { error: `${name}: "${shown(raw)}" is not a number` };
  if (v <= 0 || v > hi) return { error: `${name}: must be above 0 and at most ${hi} (got ${shown(raw)})` };
  return { value: v };
};
const choice = (name, options) => (raw) => (options.includes(raw) ? { value: raw } : { error: `${name}: unknown value "${shown(raw)}"` });
// On or off, and nothing else ("yes" or "2" is refused rather than read as off).
const flag = (name) => (raw) => {
  if (raw === true || raw === 1 || raw === '1' || raw === 'true') return { value: true };
  if (raw === false || raw === 0 || raw === '0' || raw === 'false') return { value: false };
  return { error: `${name}: must be 1 (on) or 0 (off) (got ${shown(raw)})` };
};

// One validator per field: {value} or {error: "field: why"}, made by useCatalog() from the
// core's description of the field (its type, range or choices, label); none is written here.
export const VALIDATORS = {};
const listOf = (raw) => (Array.isArray(raw) ? raw : String(raw).split(',').filter(Boolean));
function validatorOf(f) {
  const name = f.label;
  switch (f.type) {
    case 'choice': return choice(name, f.choices);
    case 'flag': return flag(name);
    case 'integer': return range(name, f.min, f.max, true);
    case 'number': return f.above_min ? positive(name, f.max) : range(name, f.min, f.max);
    case 'features': return (raw) => {
      const list = listOf(raw);
      if (!list.length) return { error: `${name}: choose at least one input feature` };
      const unknown = list.find((x) => !f.choices.includes(x));
      return unknown !== undefined ? { error: `${name}: unknown feature "${shown(unknown)}"` } : { value: f.choices.filter((x) => list.includes(x)) };
    };
    case 'layers': return (raw) => {
      const list = Array.isArray(raw) ? raw : String(raw) === '' ? [] : String(raw).split(',').map(number);
      if (list.length > f.max_count) return { error: `${name}: at most ${f.max_count}` };
      const at = list.findIndex((u) => !Number.isInteger(u) || u < f.min || u > f.max);
      if (at >= 0) {
        const text = Array.isArray(raw) ? list[at] : String(raw).split(',')[at];
        return { error: `neurons per layer: must be a whole number from ${f.min} to ${f.max} (got ${shown(text)})` };
      }
      return { value: list };
    };
    default: return (raw) => ({ value: raw }); // own points and weights: read by the core
  }
}

// The classes actually trained: the classes setting where the data set takes it
// (classification only), else 2.
export function classesOf(state) {
  return state.problem === 'classification' && CLASS_SETS.has(state.data) ? state.classes : 2;
}

// Own points' labels: +1/-1 for two classes (the Playground's convention, also in links of
// before), class indices 0..k-1 for k > 2. The message names the first bad point.
export function checkLabels(points, classes) {
  const bad = points.findIndex(([, , label]) => (classes === 2 ? label !== 1 && label !== -1 : !(Number.isInteger(label) && label >= 0 && label < classes)));
  if (bad < 0) return null;
  const expected = classes === 2 ? '+1 or -1 (two classes)' : `whole numbers from 0 to ${classes - 1}`;
  return `point ${bad + 1} has label ${points[bad][2]}; labels must be ${expected}`;
}

// Own points relabelled for another number of classes: two classes' -1/+1 are classes 0/1
// and back. Null when a point's class does not exist in the new number (the caller refuses).
export function relabel(points, from, to) {
  const index = (label) => (from === 2 ? (label > 0 ? 1 : 0) : label);
  if (points.some((p) => index(p[2]) >= to)) return null;
  return points.map(([x1, x2, label]) => [x1, x2, to === 2 ? (index(label) === 1 ? 1 : -1) : index(label)]);
}

export function validate(field, raw) {
  // Own keys only: "constructor", "toString" and "__proto__" are not settings.
  const validator = Object.hasOwn(VALIDATORS, field) ? VALIDATORS[field] : null;
  return validator ? validator(raw) : { error: `${fieldName(field)}: unknown setting` };
}

// Float64 values <-> base64url, exact to the last bit (a checkpoint must reproduce the numbers).
export function encodeNumbers(values) {
  const bytes = new Uint8Array(Float64Array.from(values).buffer);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
export function decodeNumbers(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  if (binary.length % 8) throw new Error('checkpoint: not a whole number of float64 values');
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return Array.from(new Float64Array(bytes.buffer));
}

// The link form of a state: toQuery()'s, with the weights packed (byte planes deflated: a
// 3x32 network's 2,241 weights take 24 KB as plain base64, less packed) and own points'
// text deflated when long (kit/link-codec.js). Exact to the last bit.
export async function toLink(state) {
  const params = new URLSearchParams(toQuery({ ...state, ckpt: null }));
  if (params.has('custom')) params.set('custom', await packText(params.get('custom')));
  if (state.ckpt) params.set('ckpt', await packFloat64(state.ckpt));
  return params.toString();
}

// A state from a link of any age: packed values are unpacked first (a value that cannot be
// read is reported by its field and left out), then read as fromQuery() reads them.
export async function fromLink(query) {
  const params = new URLSearchParams(query);
  const errors = [];
  for (const [key, value] of [...params]) {
    try {
      if (key === 'ckpt' && isPackedFloat64(value)) params.set(key, encodeNumbers(await unpackFloat64(value)));
      else if (isPacked(value)) params.set(key, await unpackText(value));
    } catch (error) {
      errors.push(`${fieldName(key)}: ${error.message}`);
      params.delete(key);
    }
  }
  const read = fromQuery(params);
  return { state: read.state, errors: [...errors, ...read.errors] };
}

// Only fields that differ from the defaults go into the URL, so links stay short.
export function toQuery(state) {
  const params = new URLSearchParams();
  for (const [key, fallback] of Object.entries(DEFAULTS)) {
    const value = state[key];
    if (key === 'ckpt') { if (value) params.set('ckpt', encodeNumbers(value)); continue; }
    if (key === 'custom') { if (value.length) params.set('custom', value.map((p) => p.join(':')).join(';')); continue; }
    const text = Array.isArray(value) ? value.join(',') : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    const base = Array.isArray(fallback) ? fallback.join(',') : typeof fallback === 'boolean' ? (fallback ? '1' : '0') : String(fallback);
    if (text !== base) params.set(key, text);
  }
  return params.toString();
}

// A validator's message as a link's reader needs it: the label, then the link's own key when
// they differ ("learning rate (lr): must be ...").
function inLink(key, message) {
  const label = message.slice(0, message.indexOf(': '));
  return label === key ? message : `${label} (${key})${message.slice(label.length)}`;
}

// Settings from a URL query; a bad value is reported and its default kept.
export function fromQuery(query) {
  const params = new URLSearchParams(query);
  const state = structuredClone({ ...DEFAULTS });
  const errors = [];
  for (const [key, raw] of params) {
    if (!Object.hasOwn(DEFAULTS, key)) { errors.push(`${fieldName(key)}: unknown setting in the link`); continue; }
    try {
      if (key === 'ckpt') { state.ckpt = decodeNumbers(raw); continue; }
      if (key === 'custom') { state.custom = parseCustom(raw); continue; }
      const result = validate(key, key === 'layers' && raw === '' ? [] : raw);
      if (result.error) errors.push(inLink(key, result.error));
      else state[key] = result.value;
    } catch (error) {
      errors.push(`${fieldName(key)}: ${error.message}`);
    }
  }
  // Own points must fit the number of classes (checked once both are read, in either order).
  const labelError = state.custom.length ? checkLabels(state.custom, state.classes) : null;
  if (labelError) {
    errors.push(`custom: ${labelError}`);
    state.custom = [];
  }
  return { state, errors };
}

function parseCustom(text) {
  return text.split(';').filter(Boolean).map((item) => {
    const p = item.split(':').map(number);
    if (p.length !== 3 || !p.every(Number.isFinite)) throw new Error(`bad point "${shown(item)}"`);
    return p;
  });
}

// "x1,x2,label" lines (a header line is allowed) -> [[x1, x2, label]]. Two classes: labels
// +1/-1, or 1/0 (0 is read as -1); k > 2 classes: whole numbers 0..k-1.
export function parseCsv(text, classes = 2) {
  const points = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const cells = trimmed.split(/[,;\t ]+/);
    if (i === 0 && cells.some((c) => !Number.isFinite(Number(c)))) return; // a header
    const values = cells.map(Number);
    if (values.length !== 3 || !values.every(Number.isFinite))
      throw new Error(`CSV line ${i + 1}: expected three numbers x1, x2, label (got "${trimmed}")`);
    // The core's input plane (its catalog: playground.window.plane).
    const [x0, x1, y0, y1] = LIMITS.window.plane;
    if (values[0] < x0 || values[0] > x1 || values[1] < y0 || values[1] > y1)
      throw new Error(`CSV line ${i + 1}: ${x0 === y0 && x1 === y1 ? `x1 and x2 must lie in [${x0}, ${x1}]` : `x1 must lie in [${x0}, ${x1}] and x2 in [${y0}, ${y1}]`}`);
    const label = values[2];
    if (classes > 2 && !(Number.isInteger(label) && label >= 0 && label < classes))
      throw new Error(`CSV line ${i + 1}: with ${classes} classes the label must be a whole number from 0 to ${classes - 1} (got ${cells[2]})`);
    if (classes === 2 && label !== 1 && label !== -1 && label !== 0)
      throw new Error(`CSV line ${i + 1}: with 2 classes the label must be 1 or -1 (0 also means -1; got ${cells[2]}); for more classes choose them first`);
    points.push([values[0], values[1], classes > 2 ? label : label > 0 ? 1 : -1]);
  });
  if (points.length < 2) throw new Error('CSV: at least two points are needed');
  return points;
}

// The loss actually trained: k > 2 classes always take softmax cross-entropy over k logits.
export function lossOf(state) {
  if (state.problem === 'regression') return 'squared';
  return classesOf(state) > 2 ? 'cross_entropy' : state.loss;
}

// The scenario the core trains for a state (core/playground.hpp builds it from the settings:
// the output layer, the loss for the classes, full batches, the Newton presets, own points,
// the weights of a link). build: settings -> the core's reply, through the page's worker
// (client.call('playgroundScenario', {settings})) or the wasm module in node.
export async function toScenario(state, build) {
  const built = await build(state);
  return { scenario: built.scenario, stepsPerEpoch: built.steps_per_epoch, trainPoints: built.train_points, oneD: built.one_d, classes: built.classes, window: built.window };
}
