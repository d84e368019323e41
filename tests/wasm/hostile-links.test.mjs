// Hostile link values through every reader of a link's values that is plain JavaScript, in node:
// the playground's link reader (url-state.js fromQuery and fromLink, every key of STATE_KEYS, and
// the values as key names), the kit's unpacking (link-codec.js unpackParams), the widgets' numbers
// and choices (link-values.js readNumber and readChoice), the exercises page's answer links
// (the core's readAnswerLink, as the page asks its worker, after the core's readHandedIn on
// the teacher's page; then exercise-view.js linkProblems for the page's options, answer-link.js
// valuesFromPatch, and files.js exerciseTexts for the exercise's name), the
// embed page's scenario names (scenarios.js scenarioUrl), the tutorial's place (place.js
// readPlace) and the offline file's page (offline.js offlinePage).
// The values are thousands, from a seeded generator (the same every run): the browser test's
// twelve, script injections, absurd and non-decimal numbers, empty and prototype-key strings,
// control characters, lone surrogates, invisible and bidi characters, 100 KB strings, and packed
// values (link-codec.js) truncated, garbled or inflating to 16 MB. Each goes into a link as a
// link builder writes it (encoded) and, where that reads otherwise, as typed (a '%' that is no
// escape, '+', '&' and '=' that split it); a page's parameters are read all at once, each with
// another value, the values rotated so that every value goes under every parameter (and is a
// key name too). What a reader of the page relies on is asserted: nothing throws; every
// refused value gives a message that names its parameter; what is accepted is in range or one
// of the choices; Object's prototype is not polluted; no message quotes more than 40 characters
// of a value (format.js shown()). The pages themselves, with these values in their URLs, are
// loaded by tests/web/hostile-urls.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import {
  ACTIVATIONS, DATASETS, DEFAULTS, FEATURES, LIMITS, MAX_CLASSES, OPTIMIZERS, STATE_KEYS, coreReader, fromLink as readLink, linkValue, toLink,
  useCatalog,
} from '../../web/src/playground/url-state.js';
import { deflate, isPacked, isPackedFloat64, packFloat64, packText, toBase64url, unpackParams } from '../../web/src/kit/link-codec.js';
import { readChoice, readNumber } from '../../web/src/kit/link-values.js';
import { formatMessage } from '../../web/src/kit/messages.js';
import { printable, shown } from '../../web/src/kit/format.js';
import { PAGE_OPTIONS, valuesFromPatch } from '../../web/src/exercises/answer-link.js';
import { linkProblems } from '../../web/src/exercises/exercise-view.js';
import { exerciseTexts } from '../../web/src/exercises/files.js';
import { kitBase, scenarioUrl } from '../../web/src/kit/scenarios.js';
import { offlinePage } from '../../web/src/kit/offline.js';
import { readPlace } from '../../web/src/tutorial/place.js';
import { loadModule, root } from './core-module.mjs';

const module = await loadModule();
const catalog = JSON.parse(module.catalog());
useCatalog(catalog);
// The core reads the playground's settings (core/apps/playground.hpp), as the page's worker does.
const readSettings = coreReader(module);
const fromLink = (query) => readLink(query, readSettings);

// The files beside the kit, as the served pages fetch them: the exercises' index and texts
// (exerciseTexts looks a name up in the index before it fetches anything).
const exerciseNames = (await readdir(path.join(root, 'scenarios/exercises'))).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
globalThis.fetch = async (url) => {
  const file = String(url).slice(kitBase.href.length);
  if (file === 'scenarios/exercises/index.json') return new Response(JSON.stringify(exerciseNames));
  return new Response(await readFile(path.join(root, file)));
};
// readPlace asks the page whether a bare fragment names an element: none does here.
globalThis.document = { getElementById: () => null };

// The exercise whose answer links are read: its fields and options, from the core (as the page).
const EXERCISE = 'newton-saddle';
const exerciseText = await readFile(path.join(root, 'scenarios/exercises', `${EXERCISE}.json`), 'utf8');
const info = JSON.parse(module.exerciseInfo(exerciseText, await readFile(path.join(root, 'scenarios', `${JSON.parse(exerciseText).scenario}.json`), 'utf8')));

// ---- The hostile values ----

// A small seeded generator (mulberry32): the same values every run.
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The browser test's values (tests/web/hostile-urls.test.mjs).
const BROWSER_VALUES = [
  '<img src=x onerror="window.__pwned=1;alert(1)">', '"><script>window.__pwned=1;alert(1)</script>', "');alert(1);//",
  'javascript:alert(1)', '1e308', '-0', 'NaN', '0x10', '__proto__', 'constructor', 'toString', 'A'.repeat(100_000),
];
const INJECTIONS = [
  ...BROWSER_VALUES.slice(0, 4), '<svg onload=alert(1)>', '<iframe src="javascript:alert(1)"></iframe>', '</p><script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>', 'data:text/html,<script>alert(1)</script>', '"onmouseover="alert(1)', "' onfocus='alert(1)' autofocus='",
  '${alert(1)}', '`${alert(1)}`', '{{constructor.constructor("alert(1)")()}}', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)',
  'java\tscript:alert(1)', '&#106;avascript:alert(1)', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', '<scr<script>ipt>alert(1)</script>',
  '</textarea><script>alert(1)</script>', '--><script>alert(1)</script>', '<style>@import "//evil.example/x.css"</style>',
  '<link rel=stylesheet href=//evil.example/x.css>', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', '<details open ontoggle=alert(1)>', '<body onload=alert(1)>',
  '<object data="javascript:alert(1)">', '<form action="javascript:alert(1)"><input type=submit>', '\\u003cscript\\u003ealert(1)',
];
const NUMBERS = [
  '1e400', '-1e400', '1e-400', '-0', '+0', '0', '-0.0', 'NaN', '-NaN', 'Infinity', '-Infinity', '+Infinity', 'infinity', '0x10', '0X10',
  '0b1', '0o7', '0b', '1_000', '1,000', '1.000,5', ' 1', '1 ', '\t1', '1\n', '1e', 'e1', '.', '-', '+', '--1', '+-1', '1.', '.5', '-.5',
  '00001', '1e+', '1e-', '1E3', '5e-324', '2e-324', '1.7976931348623157e308', '1.8e308', String(2 ** 31), String(2 ** 31 + 1),
  String(2 ** 53 + 1), '-1', '1.5', '2.5', '0.1e1', '١', '１', '1\u00a0', '\u20001', '1e1000000000', '9'.repeat(400), `0.${'0'.repeat(400)}1`,
  '1/2', '2**31', '1e3e3', '0.0.1', '1..2', 'true', 'false', 'null', 'undefined', '[]', '{}', '[1]', '1,2', '1;2', '1:2', '0,0',
];
const EMPTY = ['', ' ', '  ', '\t', '\n', '\r\n', '+', '%20', '""', "''", ','];
const PROTOTYPE_KEYS = [
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf', 'propertyIsEnumerable',
  'toLocaleString', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', 'constructor.prototype',
  '__proto__.polluted', '__proto__[polluted]', 'constructor[prototype][polluted]',
];
// Characters a message might show raw: controls, bidi overrides, zero widths, the byte-order
// mark, line separators, lone surrogates (an astral character split in two).
const INVISIBLE = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\u007f', '\u0085', '\u009b', '\u00ad', '\u200b', '\u200c', '\u200d',
  '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u2028', '\u2029', '\ufeff',
  '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00',
];
// Values some reader accepts where they belong: what is accepted is checked too.
const GOOD = ['1', '0', '2', '0.03', '10', '42', 'tanh', 'relu', 'spiral', 'circle', 'x1', 'x1,x2', '8,8', 'true', 'false', 'light', 'dark',
  'adam', 'gd', 'newton', 'saddle', 'product', 'filter', '41', '0.5', EXERCISE, '{"start":[0.3,-0.2]}', 'l2', 'zeros', 'classification',
  'cross_entropy', '1:1:1;2:2:-1', 'tools', 'slider', 'a note'];
const ALPHABET = [...'<>"\'`&=%#;,:/\\?+-.eE0123456789xX_ ()[]{}$!*|^~@aZ', ...INVISIBLE, '😀', 'é', '\u0301', '中', '\u{10ffff}'];

// The kit's packed values (link-codec.js), whole, truncated and garbled.
async function packedValues(random) {
  const text = await packText('1:1:1;-2.5:0.25:-1;'.repeat(40));
  const floats = await packFloat64([0.1, -1 / 3, Math.PI, NaN, -0, Infinity, 5e-324]);
  const out = [text, floats, 'z1.', 'f1.', 'z1.!', 'f1.!!!', 'z1.AAAA', 'f1.AAAA', 'z1.%3Cscript%3E', 'z1.====', 'z1.-_-_', 'f1.z1.',
    `z1.${floats.slice(3)}`, `f1.${text.slice(3)}`, `z1.${'A'.repeat(100_000)}`, `f1.${'_'.repeat(4000)}`,
    // 12 bytes are not whole float64 values; random bytes deflate to text that is not UTF-8.
    `f1.${toBase64url(await deflate(new Uint8Array(12)))}`,
    `z1.${toBase64url(await deflate(Uint8Array.from({ length: 300 }, () => Math.floor(random() * 256))))}`,
    // A small value that would inflate to 16 MB (the codec stops at 8 MB).
    `z1.${toBase64url(await deflate(new Uint8Array(16 << 20)))}`];
  for (const packed of [text, floats]) {
    for (const length of [4, 5, 8, 16, Math.floor(packed.length / 2), packed.length - 1]) out.push(packed.slice(0, length));
    for (let i = 0; i < 12; i++) {
      const at = 3 + Math.floor(random() * (packed.length - 3));
      const swapped = packed[at] === 'A' ? 'B' : 'A';
      out.push(packed.slice(0, at) + (i % 3 === 2 ? '!' : swapped) + packed.slice(at + 1));
    }
  }
  return out;
}

async function hostileValues() {
  const random = seeded(0x1a5e11);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const values = [...BROWSER_VALUES, ...INJECTIONS, ...NUMBERS, ...EMPTY, ...PROTOTYPE_KEYS, ...GOOD];
  // Each injection after a value a reader accepts, before it, and encoded once more.
  for (const injection of INJECTIONS) values.push(`${pick(GOOD)}${injection}`, `${injection}${pick(GOOD)}`, encodeURIComponent(injection));
  // Each invisible character alone, around a good value, and in it.
  for (const c of INVISIBLE) {
    const good = pick(GOOD);
    values.push(c, `${c}${good}`, `${good}${c}`, `${good.slice(0, 1)}${c}${good.slice(1)}`);
  }
  // Numbers as a careless or hostile writer spells them.
  const digits = () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => Math.floor(random() * 10)).join('');
  for (let i = 0; i < 450; i++) {
    const sign = pick(['', '', '-', '+', '--', '\u2212']);
    const mantissa = pick([digits(), `${digits()}.${digits()}`, `.${digits()}`, `${digits()}.`, `0x${digits()}`, `${digits()}_${digits()}`]);
    const exponent = pick(['', '', '', `e${digits()}`, `e-${digits()}`, `E+${digits()}`, 'e', `e${digits()}.5`]);
    values.push(`${pick(['', '', '', ' ', '\ufeff', '\u202e'])}${sign}${mantissa}${exponent}${pick(['', '', '', ' ', '\u0000', '%'])}`);
  }
  // Lists of numbers and names (layers, features, a start x,y, hide's controls).
  for (let i = 0; i < 150; i++) {
    const items = Array.from({ length: 1 + Math.floor(random() * 10) }, () => pick([...NUMBERS.slice(0, 40), ...GOOD.slice(0, 12), ...PROTOTYPE_KEYS]));
    values.push(items.join(pick([',', ',', ';', ':', ', '])));
  }
  // Random strings of the characters links break on.
  for (let i = 0; i < 1000; i++) values.push(Array.from({ length: 1 + Math.floor(random() * 60) }, () => pick(ALPHABET)).join(''));
  // Long values: 100 KB strings (a number, text that encodes to 300 KB), long lists and JSON of
  // some 10 KB (a list of 5,000 layers is as refused as one of 50,000, and each reading of a long
  // value costs in proportion), quotes that end where an astral character would be cut in two.
  values.push('9'.repeat(100_000), '<'.repeat(100_000), `0.${'1'.repeat(10_000)}`, '1,'.repeat(5000), 'x1,'.repeat(3000),
    '1:1:1;'.repeat(2000), 'tanh'.repeat(2500), '\u202e'.repeat(1000), `a${'😀'.repeat(50)}`, '😀'.repeat(5000), '%'.repeat(5000),
    `${'A'.repeat(39)}<script>alert(1)</script>`, `${'1'.repeat(41)}`, `"${'A'.repeat(2000)}"`, JSON.stringify({ start: Array(2000).fill(0.5) }),
    JSON.stringify({ start: [0.1, 0.2], note: 'B'.repeat(10_000) }));
  // Answers: JSON that is odd but parses (nesting a few hundred deep; much deeper is refused by the core's reader, tested below).
  values.push('{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"start":{"__proto__":{"polluted":1}}}',
    `${'['.repeat(300)}${']'.repeat(300)}`, `${'{"a":'.repeat(300)}1${'}'.repeat(300)}`, '['.repeat(10_000), 'null', '"start"', '[0.3,-0.2]',
    '{"start":null}', '{"start":"0.3,-0.2"}', '{"":1}', '{"start":[1e400,-1e400]}', '{"optimizer":{"kind":"gd"}}');
  values.push(...(await packedValues(random)));
  return [...new Set(values)];
}

const VALUES = await hostileValues();

// ---- What a reading must satisfy ----

const stats = { readings: 0, refused: 0, accepted: 0, invisible: 0, readers: new Set() };
const objectPrototype = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayPrototype = Object.getOwnPropertyNames(Array.prototype).sort();
const defaults = structuredClone({ ...DEFAULTS });

// A link's entry as a page receives it: encoded (as a link builder writes it; a lone surrogate
// arrives as U+FFFD, as through a browser's URL) and, when it reads otherwise, as typed (a '%'
// that is no escape, a '+', '&' and '=' that split it). Each form is { query, entries }, the
// entries being the [key, value] pairs the page reads.
const encodings = new Map();
function encoded(text) {
  if (!encodings.has(text)) encodings.set(text, new URLSearchParams([['', text]]).toString().slice(1));
  return encodings.get(text);
}
function forms(key, value) {
  const entries = [[key.toWellFormed(), value.toWellFormed()]];
  const out = [{ query: `${encoded(key)}=${encoded(value)}`, entries }];
  const typed = `${key}=${value}`;
  if (typed.length < 1000 && /[%+&=?]/.test(typed)) {
    const read = [...new URLSearchParams(typed)];
    if (read.length !== 1 || read[0][0] !== entries[0][0] || read[0][1] !== entries[0][1]) out.push({ query: typed, entries: read });
  }
  return out;
}

// Whether `message` names parameter `key` as the pages do: "key: ...", "label (key): ...",
// "#key=...", "key.field: ..."; a long key by its first 40 characters (with or without the ellipsis).
const shownKeys = new Map();
// The first 40 characters of `key`, escaped (without spreading a 100 KB key every time).
function shownKey(key) {
  let name = shownKeys.get(key);
  if (name === undefined) {
    let first = '';
    let count = 0;
    for (const character of key) {
      if (++count > 40) break;
      first += character;
    }
    name = printable(first);
    shownKeys.set(key, name);
  }
  return name;
}
function names(message, key) {
  // A message quotes a key as shown() does: its first 40 characters, escaped where invisible.
  const name = shownKey(key);
  // (An empty key is found everywhere, up to the end: the loop stops there.)
  for (let at = message.indexOf(name); at >= 0 && at < message.length; at = message.indexOf(name, at + 1)) {
    const before = at === 0 ? ' ' : message[at - 1];
    let after = message[at + name.length];
    if (after === '…') after = message[at + name.length + 1];
    if (' (;|#&'.includes(before) && after !== undefined && '):=.'.includes(after)) return true;
  }
  return false;
}

// Whether `message` quotes more than `limit` characters in a row of `value`: whether a run of
// limit + 2 characters of the message is one of the value's. (One more than limit + 1: a quote
// of 40 characters may be followed by a character of the message that happens to be the value's
// next, as the ':' after a key that has one there.) A long value's runs are known by their
// rolling hashes (a 100 KB value is searched thousands of times), a hash found confirmed.
const HASH_BASE = 0x01000193;
const hashesOf = new Map(); // limit -> long value -> the set of the hashes of its runs
function runHashes(text, length, each) {
  let power = 1; // HASH_BASE ** (length - 1), modulo 2 ** 32
  for (let i = 1; i < length; i++) power = Math.imul(power, HASH_BASE);
  let hash = 0;
  for (let i = 0; i < text.length; i++) {
    if (i >= length) hash = (hash - Math.imul(text.charCodeAt(i - length), power)) | 0;
    hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(i)) | 0;
    if (i >= length - 1 && each(hash, i + 1 - length)) return true;
  }
  return false;
}
// Whether the piece of `message` from `at` that `value` holds (at least `length` UTF-16 units
// long) is more than `limit` characters: a message counts characters, not UTF-16 units (an
// emoji is one character and two units).
function longerThan(message, at, length, value, limit) {
  let end = at + length;
  while (end < message.length && value.includes(message.slice(at, end + 1))) end++;
  return [...message.slice(at, end)].length > limit + 1;
}
function quotesMore(message, value, limit) {
  const length = limit + 2;
  if (value.length < length || message.length < length) return false;
  if (value.length <= 2000) {
    for (let i = 0; i + length <= message.length; i++) {
      if (value.includes(message.slice(i, i + length)) && longerThan(message, i, length, value, limit)) return true;
    }
    return false;
  }
  if (!hashesOf.has(limit)) hashesOf.set(limit, new Map());
  let hashes = hashesOf.get(limit).get(value);
  if (!hashes) {
    hashes = new Set();
    runHashes(value, length, (hash) => void hashes.add(hash));
    hashesOf.get(limit).set(value, hashes);
  }
  return runHashes(message, length, (hash, at) => hashes.has(hash) && value.includes(message.slice(at, at + length))
    && longerThan(message, at, length, value, limit));
}

const INVISIBLE_RAW = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Fails with `message()` unless `condition` holds (the message is built only on failure: a
// reading is checked in microseconds, and there are hundreds of thousands).
function expect(condition, message) {
  if (!condition) assert.fail(message());
}

// The messages of one reading of `entries` ([key, value] pairs): each names one of the keys (or
// is `anonymous`), and quotes no more than `limit` characters of the key or value it names (of
// any, when it names none).
function checkMessages(label, messages, entries, { limit = 40, anonymous = null } = {}) {
  for (const message of messages) {
    if (typeof message !== 'string') assert.fail(`${label}: a message that is not text`);
    const named = entries.filter(([key]) => names(message, key));
    if (!named.length && !anonymous?.test(message)) assert.fail(`${label}: a message that names no parameter: ${shown(message)}`);
    for (const [key, value] of named.length ? named : entries) {
      if (quotesMore(message, key, limit) || quotesMore(message, value, limit)) {
        assert.fail(`${label}: quotes more than ${limit} characters of a value: ${message.slice(0, 200)}`);
      }
    }
    if (INVISIBLE_RAW.test(message)) stats.invisible++;
  }
}

// One reading, by `readers` (one calling the others).
function reading(...readers) {
  for (const reader of readers) stats.readers.add(reader);
  stats.readings++;
}

const notPolluted = (label) => {
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), objectPrototype, `${label}: Object.prototype changed`);
  assert.deepEqual(Object.getOwnPropertyNames(Array.prototype).sort(), arrayPrototype, `${label}: Array.prototype changed`);
  assert.equal({}.polluted, undefined, `${label}: Object.prototype polluted`);
  assert.deepEqual(structuredClone({ ...DEFAULTS }), defaults, `${label}: the playground's defaults changed`);
};

// The readings of a value by a reader of one key at a time: under each of `keys`, and as a key
// name (with the value 1).
function readingsOf(value, keys) {
  return [...keys.flatMap((key) => forms(key, value)), ...forms(value, '1')];
}

// ---- The playground ----

// What each setting may hold once read (from the core's limits and lists, not the validators).
const whole = (lo, hi) => (x) => Number.isInteger(x) && x >= lo && x <= hi;
const between = (lo, hi) => (x) => Number.isFinite(x) && x >= lo && x <= hi;
const above0 = (hi) => (x) => Number.isFinite(x) && x > 0 && x <= hi;
const oneOf = (list) => (x) => list.includes(x);
const flag = (x) => typeof x === 'boolean';
const IN_RANGE = {
  data: oneOf(DATASETS), classes: (x) => whole(2, MAX_CLASSES)(x), noise: between(0, LIMITS.max_noise), test: whole(0, LIMITS.max_test),
  dseed: whole(0, 2 ** 31), features: (x) => Array.isArray(x) && x.length > 0 && x.every(oneOf(FEATURES)),
  layers: (x) => Array.isArray(x) && x.length <= LIMITS.max_layers && x.every(whole(1, LIMITS.max_units)),
  activation: oneOf(ACTIVATIONS), problem: oneOf(['classification', 'regression']), loss: oneOf(['squared', 'cross_entropy']),
  optimizer: (x) => Object.hasOwn(OPTIMIZERS, x), lr: above0(LIMITS.max_learning_rate), batch: whole(1, LIMITS.points),
  reg: oneOf(['none', 'l1', 'l2']), rate: between(0, LIMITS.max_regularization), init: oneOf(['random', 'zeros']), seed: whole(0, 2 ** 31),
  neuron: flag, lambda: above0(LIMITS.max_lambda), stop: between(0, LIMITS.max_stop_loss), showTest: flag, discretize: flag,
  custom: (x) => Array.isArray(x) && x.every((p) => p.length === 3 && p.every(Number.isFinite)),
  ckpt: (x) => x === null || (Array.isArray(x) && x.every((n) => typeof n === 'number')),
};
const STATE_KEYS_TEXT = STATE_KEYS.join();

// One reading of the playground's link: the state has exactly its settings, each in range; a
// refused entry is named; an entry not named was taken (or spells the default).
function checkPlayground(label, entries, { state, errors }) {
  checkMessages(label, errors, entries);
  expect(Object.getPrototypeOf(state) === Object.prototype, () => `${label}: the state's prototype`);
  expect(Object.keys(state).join() === STATE_KEYS_TEXT, () => `${label}: the state's keys ${shown(Object.keys(state).join())}`);
  for (const key of STATE_KEYS) expect(IN_RANGE[key](state[key]), () => `${label}: ${key} = ${shown(JSON.stringify(state[key]))} is out of range`);
  // Read again by the core, the state is taken whole: own points that fit the classes, and so on.
  const again = readSettings(STATE_KEYS.map((key) => [key, state[key]]));
  expect(again.refusals.length === 0, () => `${label}: the state read is not one the core takes: ${again.refusals[0]?.message}`);
  for (const [key, raw] of new Map(entries)) { // of a repeated key, the last is the one read
    if (errors.some((message) => names(message, key))) {
      stats.refused++;
      continue;
    }
    expect(STATE_KEYS.includes(key), () => `${label}: the unknown key ${shown(key)} was not named`);
    const packed = isPacked(raw) || isPackedFloat64(raw);
    if (!packed && key !== 'custom' && key !== 'ckpt' && isDeepStrictEqual(state[key], DEFAULTS[key])) {
      expect(readSettings([[key, linkValue(key, raw)]]).refusals.length === 0, () => `${label}: ${key} refused without a message`);
    }
    stats.accepted++;
  }
}

// A link of several entries as a page receives it (see forms()): encoded, and typed where that
// reads otherwise (a value of 1,000 characters or more stays encoded: it would read the same).
// A query reads as its '&'-separated parts read one after the other (a '?' is dropped only at
// the start of the whole query).
function linkForms(entries) {
  const wellFormed = entries.map(([key, value]) => [key.toWellFormed(), value.toWellFormed()]);
  const out = [{ query: entries.map(([key, value]) => `${encoded(key)}=${encoded(value)}`).join('&'), entries: wellFormed }];
  const parts = entries.map(([key, value], i) => (value.length < 1000 && /[%+&=?]/.test(`${key}${value}`)
    ? { text: `${key}=${value}`, read: [...new URLSearchParams(`${i ? '&' : ''}${key}=${value}`)] }
    : { text: `${encoded(key)}=${encoded(value)}`, read: [wellFormed[i]] }));
  if (parts.some(({ read }, i) => !isDeepStrictEqual(read, [wellFormed[i]]))) {
    out.push({ query: parts.map(({ text }) => text).join('&'), entries: parts.flatMap(({ read }) => read) });
  }
  return out;
}

test('the playground\'s link reader (fromLink, fromQuery within it): every setting and key name, every value', async () => {
  // Every setting at once, each with another value: link i gives setting k value i + k of the
  // list, so that over the list every value goes under every setting once. A packed value is
  // unpacked alike whatever its key (in a worker thread: a few hundred microseconds each), before
  // the key's own reading: the packed ones go under the settings that carry packed values
  // (custom, ckpt) and one that does not (lr), in a link of their own.
  const packed = (value) => isPacked(value) || isPackedFloat64(value);
  const values = VALUES.filter((value) => !packed(value));
  const links = values.map((_, i) => STATE_KEYS.map((key, k) => [key, values[(i + k) % values.length]]));
  links.push(...VALUES.filter(packed).map((value) => ['custom', 'ckpt', 'lr'].map((key) => [key, value])));
  // And every value as a key name, a few dozen to a link.
  for (let i = 0; i < VALUES.length; i += 25) links.push(VALUES.slice(i, i + 25).map((name) => [name, '1']));
  for (const link of links) {
    for (const { query, entries } of linkForms(link)) {
      reading('url-state.js fromLink', 'url-state.js fromQuery');
      checkPlayground(`playground ${shown(query)}`, entries, await fromLink(query));
    }
  }
  // A state read from a hostile link writes a link that reads back to itself.
  const { state } = await fromLink(linkForms(links[0])[0].query);
  assert.deepEqual((await fromLink(await toLink(state))).state, state);
  notPolluted('playground');
});

// ---- The kit ----

test('the kit\'s unpacking of a widget\'s link (unpackParams): every value, and as a key name', async () => {
  for (const value of VALUES) {
    // As a key name also with a value that cannot be unpacked (refused before inflating).
    for (const { query, entries } of [...readingsOf(value, ['state']), ...forms(value, 'z1.!')]) {
      reading('link-codec.js unpackParams');
      const { params, errors } = await unpackParams(new URLSearchParams(entries));
      const label = `unpackParams ${shown(query)}`;
      checkMessages(label, errors, entries);
      for (const [key, raw] of new Map(entries)) {
        if (errors.some((message) => names(message, key))) {
          stats.refused++;
          continue;
        }
        stats.accepted++;
        expect(typeof params.get(key) === 'string', () => `${label}: ${shown(key)} lost without a message`);
        if (!isPacked(raw)) expect(params.get(key) === raw, () => `${label}: a plain value changed`);
      }
    }
  }
  notPolluted('unpackParams');
});

// The widgets' numbers and choices, with their limits and menus (kit/widget.js's callers).
const WIDGET_NUMBERS = {
  step: { min: 0, max: 1e9, integer: true }, t: { min: 0, max: 40, integer: true }, alpha: { min: 0, max: 8, integer: true },
  x: { min: -1, max: 1 }, anything: undefined,
};
const WIDGET_CHOICES = {
  surface: catalog.surfaces.map((s) => s.name), optimizer: ['gd', 'newton', 'saddle_free_newton', 'adam'],
  directions: ['filter', 'random', 'pca'], resolution: ['21', '31', '41', '51'], range: ['0.25', '0.5', '1', '2'],
  convexity: ['1', '0'], view3d: ['1', '0'],
};

test('the widgets\' numbers and choices of a link (readNumber, readChoice): every value, and as a key name', () => {
  const check = (label, params, key, { value, error }, inRange) => {
    const raw = params.get(key);
    if (raw === null) {
      expect(value === null && error === null, () => `${label}: an absent key`);
    } else if (value === null) {
      stats.refused++;
      // The refusal is data (its code in the core's table), worded from the catalog.
      const words = error?.code ? formatMessage(error, catalog) : null;
      expect(typeof words === 'string', () => `${label}: refused without a coded message`);
      checkMessages(label, [words], [[key, raw]]);
    } else {
      stats.accepted++;
      expect(error === null && inRange(value), () => `${label}: ${shown(String(value))} accepted`);
    }
  };
  for (const value of VALUES) {
    for (const { query, entries } of readingsOf(value, Object.keys(WIDGET_NUMBERS))) {
      const params = new URLSearchParams(entries);
      for (const [key] of entries) {
        const limits = Object.hasOwn(WIDGET_NUMBERS, key) ? WIDGET_NUMBERS[key] : { min: 0, max: 1, integer: true };
        const { min = -Number.MAX_VALUE, max = Number.MAX_VALUE, integer = false } = limits ?? {};
        reading('link-values.js readNumber');
        check(`readNumber ${shown(query)}`, params, key, readNumber(params, key, limits),
          (v) => Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v)));
      }
    }
    for (const { query, entries } of readingsOf(value, Object.keys(WIDGET_CHOICES))) {
      const params = new URLSearchParams(entries);
      for (const [key] of entries) {
        const options = Object.hasOwn(WIDGET_CHOICES, key) ? WIDGET_CHOICES[key] : ['1', '0'];
        reading('link-values.js readChoice');
        check(`readChoice ${shown(query)}`, params, key, readChoice(params, key, options), (v) => options.includes(v));
      }
    }
    // A key that is absent reads as nothing, whatever else the link holds.
    const params = new URLSearchParams(forms('other', value)[0].entries);
    check('readNumber, absent', params, 'step', readNumber(params, 'step', WIDGET_NUMBERS.step), () => false);
    check('readChoice, absent', params, 'view3d', readChoice(params, 'view3d', WIDGET_CHOICES.view3d), () => false);
  }
  notPolluted('readNumber, readChoice');
});

// ---- The exercises page ----

const PAGE = 'https://school.example/lab/exercises.html';
const FLAGS = ['1', '0', 'true', 'false'];
const exerciseChecked = new Set(); // the names looked up already (one fetch of the index a name)


// The fragment's entries as the page has them (a URL drops tabs and new lines, and the reader
// trims the link); a pasted piece that is no URL at all is read by the core as text.
function fragmentEntries(link) {
  let hash;
  try {
    hash = new URL(link.trim()).hash.slice(1);
  } catch {
    hash = link.includes('#') ? link.slice(link.indexOf('#') + 1) : '';
  }
  return [...new URLSearchParams(hash)];
}

// A handed-in link as the core reads it for both pages (the worker's readAnswerLink).
const readAnswerLink = (link) => JSON.parse(module.readAnswerLink(link));

// One answer link as the exercises page reads it (exercises.js route, then ExerciseView).
async function checkAnswerLink(label, link) {
  const entries = fragmentEntries(link);
  reading('core readAnswerLink');
  const read = readAnswerLink(link);
  checkMessages(label, read.error ? [read.error] : [], [...entries, ['exercise', ''], ['answer', ''], ['link', '']]);
  if (!read.exercise) {
    expect(read.error !== '', () => `${label}: no exercise and no message`);
    stats.refused++;
    return;
  }
  const hash = new URLSearchParams(entries);
  expect(read.answer === null || read.answer.exercise === read.exercise, () => `${label}: the answer's exercise changed`);
  expect(Object.keys(read.options).every((key) => PAGE_OPTIONS.includes(key)), () => `${label}: options of other names`);
  if (read.error) stats.refused++;
  else if (hash.has('answer')) expect(isDeepStrictEqual(read.answer.patch, JSON.parse(hash.get('answer'))), () => `${label}: the answer changed`);
  // The page's refusals of its options: named, and what passes is allowed.
  reading('exercise-view.js linkProblems');
  const problems = linkProblems(read.options);
  checkMessages(label, problems, [...entries, ['answer', '']]);
  stats.refused += problems.length;
  const named = (key) => problems.some((message) => names(message, key));
  if (read.options.theme !== undefined && !named('theme')) expect(['light', 'dark'].includes(read.options.theme), () => `${label}: theme accepted`);
  if (read.options.lock !== undefined && !named('lock')) expect(FLAGS.includes(read.options.lock), () => `${label}: lock accepted`);
  reading('answer-link.js valuesFromPatch');
  const values = valuesFromPatch(read.answer?.patch ?? {}, info.allowed);
  expect(Object.keys(values).every((key) => info.allowed.includes(key)), () => `${label}: values of fields not allowed`);
  // The exercise's name, before anything is fetched for it.
  const name = read.exercise;
  if (!exerciseChecked.has(name)) {
    exerciseChecked.add(name);
    reading('files.js exerciseTexts');
    const refusal = await exerciseTexts(name).then(() => null, (error) => error.message);
    if (refusal === null) {
      stats.accepted++;
      expect(exerciseNames.includes(name), () => `${label}: the exercise ${shown(name)} accepted`);
    } else {
      stats.refused++;
      checkMessages(label, [refusal], [['exercise', name]]);
    }
  }
}

test('the exercises page\'s answer links (the core\'s readAnswerLink, pastedLinks, linkProblems, exerciseTexts): every parameter and key name', async () => {
  // Every parameter at once, each with another value (link i gives parameter k value i + k of
  // the list: every value goes under every parameter once); then the values as key names.
  const keys = ['exercise', 'answer', 'note', 'theme', 'hide', 'lock'];
  const entriesOf = VALUES.map((_, i) => keys.map((key, k) => [key, VALUES[(i + k) % VALUES.length]]));
  for (let i = 0; i < VALUES.length; i += 25) entriesOf.push([['exercise', EXERCISE], ...VALUES.slice(i, i + 25).map((name) => [name, '1'])]);
  for (const [i, entries] of entriesOf.entries()) {
    const links = linkForms(entries).map(({ query }) => `${PAGE}#${query}`);
    for (const link of links) await checkAnswerLink(`answer link ${shown(link.slice(PAGE.length))}`, link);
    // The teacher's page: the same links pasted with others that may not be links at all.
    const value = VALUES[i % VALUES.length];
    const pasted = [...links, `https://${value}`, `file://${value}`, `http://x.example/#exercise=${value}`].join('\n');
    reading('core readHandedIn');
    for (const { link } of JSON.parse(module.readHandedIn(pasted))) {
      if (links.includes(link)) continue; // read as above
      await checkAnswerLink(`pasted ${shown(link)}`, link);
    }
  }
  notPolluted('answer links');
});

// ---- The embed page's scenario, the tutorial's place, the offline file's page ----

test('the embed page\'s scenario (scenarioUrl), the tutorial\'s place (readPlace), the offline file\'s page (offlinePage)', () => {
  const widget = { getAttribute: () => null };
  const folder = new URL('scenarios/', kitBase).href;
  for (const value of VALUES) {
    for (const { query, entries: [[, name]] } of forms('scenario', value)) {
      reading('scenarios.js scenarioUrl');
      try {
        const url = scenarioUrl(widget, name);
        stats.accepted++;
        // A name that passes is a file beside the kit, never another place.
        expect(url.href === `${folder}${name}.json`, () => `scenario ${shown(name)}: ${url.href.slice(0, 200)}`);
      } catch (error) {
        stats.refused++;
        checkMessages(`scenario ${shown(query)}`, [error.message], [['scenario', name]]);
      }
    }
    // The place: an entry of the fragment, or (links of before) the whole fragment, encoded.
    for (const hash of [...forms('at', value).map(({ query }) => `#${query}`), `#${encodeURIComponent(value.toWellFormed())}`, `#product=1&${forms('at', value)[0].query}`]) {
      // Each only finds its entry: the page checks it against its chapters or pages.
      reading('place.js readPlace');
      const place = readPlace(hash);
      expect(place === null || typeof place === 'string', () => `place ${shown(hash)}`);
      reading('offline.js offlinePage');
      const page = offlinePage(hash.replace('at=', 'page='));
      expect(typeof page === 'string' && page.length > 0, () => `offline page ${shown(hash)}`);
    }
  }
  notPolluted('scenario, place, page');
});

test('Object\'s prototype is untouched after every reading; the tally', () => {
  notPolluted('in the end');
  assert.ok(VALUES.length >= 2000, `${VALUES.length} values`);
  console.log(`# ${VALUES.length} hostile values through ${stats.readers.size} readers: ${stats.readings} readings; ${stats.refused} values refused, each by a message naming its parameter; ${stats.accepted} accepted, each in range; nothing thrown; Object.prototype untouched; no message quotes invisible or bidi characters raw`);
  assert.equal(stats.invisible, 0, 'messages that quote invisible or bidi characters raw');
});

// ---- Limits of every reader ----

test('a message quotes at most 40 characters of a value in every reader', async () => {
  const long = `z${'a'.repeat(100)}<`;
  assert.ok(!quotesMore(await exerciseTexts(long).catch((error) => error.message), long, 40), 'exerciseTexts');
  assert.throws(() => scenarioUrl({ getAttribute: () => null }, long), (error) => !quotesMore(error.message, long, 40), 'scenarioUrl');
});

test('an answer nested 10,000 deep is refused naming the answer, and the module reads the next link', () => {
  const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  const read = readAnswerLink(`${PAGE}#exercise=${EXERCISE}&answer=${encodeURIComponent(deep)}`);
  assert.equal(read.answer, null);
  assert.match(read.error, /^answer\b.*nested deeper than/);
  assert.deepEqual(readAnswerLink(`${PAGE}#exercise=${EXERCISE}&answer=${encodeURIComponent('{"start":[1,2]}')}`).answer.patch, { start: [1, 2] });
});

test('a fragment with a malformed escape (#%, #%E0%A4) opens the tutorial at its start', () => {
  for (const hash of ['#%', '#%E0%A4', '#100%']) assert.equal(readPlace(hash), null, hash);
});
