// The pages take every limit from the core: a number its catalog publishes as a limit (the
// playground's ranges, its plane, the dense Hessian's size, the curvature panel's policy, ...)
// written again in web/src would go on saying the old number the day the core's changes, and
// the page would refuse what the core takes, or offer what it refuses. So this test reads every
// script of web/src (tokenized by acorn: comments and strings are not code) and fails on a
// literal equal to one of the catalog's limits where the literal is used as a limit: compared
// (`layers > 8`), an argument of Math.min, Math.max or clamp, the value of a min/max/limit
// property or constant, or a min= / max= attribute in markup the script writes. A literal that
// only happens to equal a limit (the 8 bytes of a float64) is listed in ALLOWED with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { tokenizer } from 'acorn';
import { loadModule, root } from './core-module.mjs';

const module = await loadModule();
const catalog = JSON.parse(module.catalog());

// 0, 1 and 2 are the first index, a count of one, halves, the ±1 of two classes and the least
// of every range: everywhere in code, and no page could say them through the catalog.
const TRIVIAL = new Set([0, 1, 2]);

// The catalog's limits: value -> the names it has there ("playground.max_layers").
function publishedLimits(source) {
  const limits = new Map();
  const add = (name, value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    const size = Math.abs(value); // a literal is read without its sign (-6 is "-" and 6)
    if (TRIVIAL.has(size)) return;
    if (!limits.has(size)) limits.set(size, []);
    limits.get(size).push(name);
  };
  for (const part of ['limits', 'curvature_panel', 'json']) {
    for (const [key, value] of Object.entries(source[part] ?? {})) add(`${part}.${key}`, value);
  }
  const { fields = [], defaults, window = {}, ...playground } = source.playground ?? {};
  for (const [key, value] of Object.entries(playground)) add(`playground.${key}`, value);
  for (const [name, corners] of Object.entries(window)) corners.forEach((v, i) => add(`playground.window.${name}[${i}]`, v));
  for (const f of fields) for (const bound of ['min', 'max', 'max_count']) add(`playground.fields.${f.key}.${bound}`, f[bound]);
  return limits;
}

const COMPARE = new Set(['</>/<=/>=', '==/!=/===/!==']);
const BOUND_CALLS = new Set(['min', 'max', 'clamp']);
const BOUND_NAME = /^(lo|hi)$|max|min|limit/i;

// The literals of `text` used as limits whose value is in `limits`: [{line, value, how, names}].
function limitLiterals(text, limits) {
  const found = [];
  const tokens = [...tokenizer(text, { ecmaVersion: 'latest', sourceType: 'module', locations: true })];
  const calls = []; // the function each open parenthesis calls ('' for a group)
  tokens.forEach((token, i) => {
    const label = token.type.label;
    const note = (value, how) => {
      if (limits.has(value)) found.push({ line: token.loc.start.line, value, how, names: limits.get(value) });
    };
    if (label === '(') calls.push(tokens[i - 1]?.type.label === 'name' ? tokens[i - 1].value : '');
    if (label === ')') calls.pop();
    if (label === 'num' && typeof token.value === 'number') {
      let b = i - 1; // the token before the literal and its sign
      if (tokens[b]?.type.label === '+/-' && tokens[b].value === '-') b--;
      const before = tokens[b], after = tokens[i + 1], named = String(tokens[b - 1]?.value ?? '');
      if (after?.type.label === '**') return; // the base of a power (10 ** k), never a limit
      if (COMPARE.has(before?.type.label) || COMPARE.has(after?.type.label)) note(token.value, 'compared');
      else if (BOUND_CALLS.has(calls.at(-1)) && ['(', ','].includes(before?.type.label)) note(token.value, `an argument of ${calls.at(-1)}()`);
      else if ([':', '='].includes(before?.type.label) && BOUND_NAME.test(named)) note(token.value, `the value of ${named}`);
    }
    if (label === 'string' || label === 'template') {
      for (const m of String(token.value).matchAll(/\b(min|max|maxlength)\s*=\s*["']?(-?\d[\d.e+]*)/gi)) note(Math.abs(Number(m[2])), `a ${m[1]}= attribute`);
    }
  });
  return found;
}

// Literals equal to a limit that are not that limit: [file, the line's text (a part of it), value, why].
const ALLOWED = [
  ['kit/format.js', 'size >= 1e5', 1e5, 'where a number is written in exponent form (1e5 and beyond), not a count of points'],
  ['kit/format.js', 'c >= 0x7F', 32, '0x20: the first printable character code, not a number of units'],
  ['kit/link-codec.js', 'b < 8', 8, 'the 8 bytes of a float64'],
  ['kit/link-codec.js', 'MAX_UNPACKED_BYTES = 8 << 20', 8, '8 MiB, the most a packed link value unpacks to (the kit\'s own, against deflate bombs)'],
  ['kit/frames.js', 'MIN_INTERVAL_MS = 50', 50, 'milliseconds between two draws, not a noise level'],
  ['kit/frames.js', 'now - entry.at > 1000', 1000, 'a second, in milliseconds'],
  ['kit/plot-frame.js', 'v >= 1e4', 1e4, 'where tick labels turn to powers of ten'],
  ['kit/heatmap-plot.js', 'm < 3.5 ? 2', 3.5, 'rounding a tick to 1, 2, 5 or 10 times a power of ten'],
  ['kit/heatmap-plot.js', 'i <= 6', 6, 'a colour bar has six intervals of ticks'],
  ['kit/plot-frame.js', 'count <= 10', 10, 'at most ten ticks on an axis'],
  ['kit/widget.js', 'Math.min(6,', 6, 'HTML has six heading levels'],
  ['playground/playground.js', 'Math.max(50,', 50, 'the loss chart keeps at least 50 columns of its envelope'],
  ['playground/playground.js', 'Math.min(1000, FIELD_EVERY_MS', 1000, 'the heatmaps are drawn at least once a second (milliseconds)'],
  ['playground/playground.js', 'plotDescribed ?? 0) > 1000', 1000, 'the plot is described at most once a second (milliseconds)'],
  ['widgets/saddle-explorer.js', 'Math.abs(v) <= 1e6', 1e6, 'a link\'s start beyond ±1e6 is not read as a point (the core refuses any outside the surface\'s window)'],
  ['widgets/curvature-primer.js', 'k <= 8', 8, 'the arrow is kept clear of labels at 17 points along it'],
  ['widgets/saddle-explorer.js', 'k <= 8', 8, 'the arrows are kept clear of labels at 17 points along each'],
];

async function* scripts(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* scripts(file);
    else if (/\.m?js$/.test(entry.name)) yield file;
  }
}

test('the scanner finds a limit written again as a number, and not in a comment or a string', () => {
  const limits = publishedLimits(catalog);
  const layers = catalog.playground.max_layers;
  const found = limitLiterals(`if (layers > ${layers}) refuse();`, limits);
  assert.equal(found.length, 1);
  assert.ok(found[0].names.includes('playground.max_layers'), found[0].names.join());
  assert.equal(limitLiterals(`const n = Math.min(count, ${catalog.limits.dense_hessian_parameters});`, limits).length, 1);
  assert.equal(limitLiterals(`const MAX_UNITS = ${catalog.playground.max_units};`, limits).length, 1);
  assert.equal(limitLiterals(`html = \`<input type="range" max="${catalog.playground.max_test}">\`;`, limits).length, 1);
  assert.equal(limitLiterals(`if (x < -${catalog.playground.window.plane[1]}) y();`, limits).length, 1);
  assert.deepEqual(limitLiterals(`// layers > ${layers}\nconst words = 'at most ${layers} layers';`, limits), []);
});

test('web/src writes no limit of the core again: each is the catalog\'s', async () => {
  const limits = publishedLimits(catalog);
  assert.ok(limits.has(catalog.playground.max_layers) && limits.has(catalog.limits.dense_hessian_parameters), 'the catalog publishes the limits');
  const used = new Set();
  const problems = [];
  for await (const file of scripts(path.join(root, 'web/src'))) {
    const name = path.relative(path.join(root, 'web/src'), file).split(path.sep).join('/');
    const text = await readFile(file, 'utf8');
    const lines = text.split('\n');
    for (const { line, value, how, names } of limitLiterals(text, limits)) {
      const allowed = ALLOWED.findIndex(([f, part, v]) => f === name && v === value && lines[line - 1].includes(part));
      if (allowed >= 0) used.add(allowed);
      else problems.push(`web/src/${name}:${line}: ${value}, ${how}, is the core's ${names.join(' and ')}: take it from the catalog (or list it in ALLOWED with why it is not that limit)\n    ${lines[line - 1].trim()}`);
    }
  }
  assert.deepEqual(problems, []);
  // An entry that no longer matches anything is removed, not left to excuse a later one.
  assert.deepEqual(ALLOWED.filter((_, i) => !used.has(i)).map(([f, part]) => `${f}: ${part}`), []);
});
