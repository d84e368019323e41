// Why this file exists: the playground's whole state as plain values, its URL form and the
// scenario it asks the core to train. Kept apart from the element so node tests can check
// the round trip state -> URL -> state without a browser. This file parses a link's text into
// values of each setting's type (the core's table of settings says which); the core reads them
// (core/apps/playground.hpp): a refused value is named by the core's message and its default kept.
// Nothing here checks a range or a choice.

import { decimalNumber as number, shown } from '../kit/format.js';
import { messageOf, pageRefusal, useMessageCatalog } from '../kit/messages.js';
import { fromBase64url, isPacked, isPackedFloat64, packFloat64, packText, toBase64url, unpackFloat64, unpackText } from '../kit/link-codec.js';

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
  useMessageCatalog(catalog); // the words of the refusals below (unless the page has its own)
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
  // playground.fields, the table its own reader takes its ranges from), in the core's order.
  const fields = catalog.playground.fields;
  STATE_KEYS.splice(0, Infinity, ...fields.map((f) => f.key));
  for (const f of fields) {
    FIELDS[f.key] = f;
    DEFAULTS[f.key] = structuredClone(f.default);
  }
  Object.freeze(DEFAULTS);
}
// The playground's limits (8 layers of 32 units, 500 points, the largest learning rate, ...)
// and its default settings, the settings of scenarios/playground.json: the core's
// (core/apps/playground.hpp), filled by useCatalog().
export const LIMITS = {};
// A link's keys, in the order a link writes them: the settings the core builds the scenario from,
// then how the page shows the run (the loss to stop at, the test points, the discretized output):
// the keys of the core's table of settings (catalog().playground.fields), filled by useCatalog().
// A link of any age opens the same: the core's table is the link format (a key renamed there
// would break links; tests/wasm/playground-state.test.mjs holds the keys links were written with).
export const STATE_KEYS = [];
// Each setting's default (scenarios/playground.json's, from the core), filled by useCatalog().
export const DEFAULTS = {};
// Each setting as the core describes it: {key, label, type, min, max, above_min, max_count,
// choices, choice_labels, unit, view_only, default}.
export const FIELDS = {};
export const choicesOf = (key) => FIELDS[key].choices;

// A link's text as a value of its setting's type (the core's table: catalog().playground.fields),
// for the core to read: a number where the text is one (else the text, which the core refuses
// naming the setting), a flag from 1/0 (or true/false), a list from comma-separated items. Own
// points and weights have their own text forms; one that cannot be read throws.
const listOf = (raw) => (Array.isArray(raw) ? raw : String(raw).split(',').filter(Boolean));
const numberOr = (raw) => (Number.isFinite(number(raw)) ? number(raw) : raw);
const FLAGS = { 1: true, true: true, 0: false, false: false };
export function linkValue(key, raw) {
  switch (FIELDS[key].type) {
    case 'integer': case 'number': return numberOr(raw);
    case 'flag': return typeof raw === 'boolean' ? raw : Object.hasOwn(FLAGS, raw) ? FLAGS[raw] : raw;
    case 'features': return listOf(raw);
    case 'layers': return Array.isArray(raw) ? raw : String(raw) === '' ? [] : String(raw).split(',').map(numberOr);
    case 'points': return Array.isArray(raw) ? raw : parseCustom(raw);
    case 'weights': return Array.isArray(raw) || raw === null ? raw : decodeNumbers(raw);
    default: return raw;
  }
}

// The core's reader of settings for `module` (node; the page asks its worker the same):
// (entries [[key, value]], base) -> {settings, refusals}. With `base` (the current settings) the
// entries are changes to it, and the core applies what follows from them (core/apps/playground.hpp).
export const coreReader = (module) => (entries, base) => JSON.parse(module.playgroundSettings(JSON.stringify(base ? { entries, base } : { entries })));
// The core's reader of own points in CSV text, for `module` (node; the page asks its worker):
// (text, classes) -> [[x1, x2, label]], or throws the core's message naming the line.
export const coreCsvReader = (module) => (text, classes = 2) => JSON.parse(module.playgroundPointsCsv(JSON.stringify({ text, classes }))).points;

// Settings from [key, text] pairs (a link's, or one control's), read by the core through
// `read` (coreReader, or the page's worker): {state, errors}. A key the core's table does not
// hold is refused here, in the words of the core's code for it (unknown_field: the core's
// reader would say the same, quoting the key its own way); a value is refused by the core,
// naming its setting, and its default kept.
async function readEntries(pairs, read, base = null) {
  const errors = [];
  const entries = [];
  for (const [key, raw] of pairs) {
    if (!Object.hasOwn(FIELDS, key)) {
      errors.push(`${fieldName(key)}: ${messageOf({ code: 'unknown_field', args: [STATE_KEYS.join(', ')] })}`); // named even when it is ''
      continue;
    }
    try {
      entries.push([key, linkValue(key, raw)]);
    } catch (error) {
      errors.push(`${fieldName(key)}: ${messageOf(error)}`);
    }
  }
  const reply = await read(entries, base);
  const state = reply.settings;
  // Weights exactly as the link holds them (JSON would write -0 as 0), where the core took them.
  const weights = new Map(entries).get('ckpt');
  if (state.ckpt && weights?.length === state.ckpt.length && weights.every((w, i) => w === state.ckpt[i])) state.ckpt = weights;
  return { state, errors: [...errors, ...reply.refusals.map(settingMessage)] };
}
// A link's key as a message names it.
const fieldName = (key) => shown(key);

// A setting's refusal as the page's controls and links show it: the core's words (from the
// catalog's template, or the English the refusal carries), the setting named by its label, then
// its key where they differ ("learning rate (lr): must be > 0 and <= 10 (got 11)"), the label the
// core's table of settings gives.
export function settingMessage(refusal) {
  const words = messageOf(refusal);
  const field = refusal.field ?? '';
  const label = FIELDS[field]?.label;
  if (!label || label === field || !words.startsWith(`${field}: `)) return words;
  return `${label} (${field})${words.slice(field.length)}`;
}

// A reader's change of settings, [[key, text], ...] (one control's text or a checkbox's flag;
// a data set chosen with what comes with it), read by the core over the current settings `base`
// (the defaults when none): {changes} (every setting the change moves, what follows from it
// included: own points relabelled for new classes, the problem of a new data set, the data set
// of a new problem) or {error} (the core's message, naming the setting).
export async function readChange(pairs, read, base = DEFAULTS) {
  const { state, errors } = await readEntries(pairs, read, base);
  if (errors.length) return { error: errors[0] };
  const changes = {};
  for (const [key, value] of Object.entries(state)) if (JSON.stringify(value) !== JSON.stringify(base[key])) changes[key] = value;
  return { changes };
}

// Float64 values <-> base64url, exact to the last bit (a checkpoint must reproduce the numbers):
// the plain form of a link's weights (links of before packing; toQuery()), with the kit's one
// base64url codec (kit/link-codec.js, which packs them for toLink()).
export function encodeNumbers(values) {
  return toBase64url(new Uint8Array(Float64Array.from(values).buffer));
}
export function decodeNumbers(text) {
  const bytes = fromBase64url(text);
  if (bytes.length % 8) throw pageRefusal('checkpoint', 'link_not_whole_numbers');
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
export async function fromLink(query, read) {
  const params = new URLSearchParams(query);
  const errors = [];
  for (const [key, value] of [...params]) {
    try {
      if (key === 'ckpt' && isPackedFloat64(value)) params.set(key, encodeNumbers(await unpackFloat64(value)));
      else if (isPacked(value)) params.set(key, await unpackText(value));
    } catch (error) {
      errors.push(`${fieldName(key)}: ${messageOf(error)}`);
      params.delete(key);
    }
  }
  const reading = await fromQuery(params, read);
  return { state: reading.state, errors: [...errors, ...reading.errors] };
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

// Settings from a URL query, read by the core (`read`: see readEntries); a bad value is reported
// and its default kept.
export function fromQuery(query, read) {
  return readEntries([...new URLSearchParams(query)], read);
}

// Own points from their link text, x1:x2:label separated by ';': each item a number where it is
// one, else its text, which the core refuses naming the point ("custom: point 1 must be three
// numbers ...").
function parseCustom(text) {
  return text.split(';').filter(Boolean).map((item) => item.split(':').map(numberOr));
}

// The scenario the core trains for a state (core/apps/playground.hpp builds it from the settings:
// the output layer, the loss for the classes, full batches, the Newton presets, own points,
// the weights of a link). build: settings -> the core's reply, through the page's worker
// (client.call('playgroundScenario', {settings})) or the wasm module in node.
export async function toScenario(state, build) {
  const built = await build(state);
  return { scenario: built.scenario, stepsPerEpoch: built.steps_per_epoch, trainPoints: built.train_points, oneD: built.one_d, classes: built.classes, window: built.window, loss: built.loss };
}
