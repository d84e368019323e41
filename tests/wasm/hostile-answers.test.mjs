// One path to a verdict: a handed-in link's verdict is the core's (core/apps/answer_link.hpp), the same
// natively (`landscape check-link`) and in wasm (checkAnswerLink, what the student's and the
// teacher's pages call), to the character: for every reproducer of tests/fixtures/reproducers/
// answers (answers with null, 1e400, 10,000 nested arrays, answers over the budget of a check,
// docs/classroom.md's link form with commas) and for 200 hostile links of the same kinds generated here
// from a seed. Each verdict is a refusal naming the field or parameter, or passed / not passed
// with finite numbers. The figures (how many were refused, passed, not passed) are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reproducerLinks } from './reproducer-links.mjs';
import { loadModule, root } from './core-module.mjs';

const cli = path.join(root, 'build/native/tools/landscape');
const exercisesDir = path.join(root, 'scenarios/exercises');
const module = await loadModule();

const names = (await readdir(exercisesDir)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
const texts = {};
for (const name of names) {
  const exercise = await readFile(path.join(exercisesDir, `${name}.json`), 'utf8');
  texts[name] = { exercise, base: await readFile(path.join(root, 'scenarios', `${JSON.parse(exercise).scenario}.json`), 'utf8') };
}
const infos = Object.fromEntries(names.map((name) => [name, JSON.parse(module.exerciseInfo(texts[name].exercise, texts[name].base))]));

// The verdict in wasm, as the teacher's page gets it: the link read by the core (its exercise's
// name), then the core's check of the link. 'refused: <message>' or the verdict's JSON text.
function wasmVerdict(link) {
  const read = JSON.parse(module.readAnswerLink(link));
  if (!read.exercise) return `refused: ${read.error}`;
  if (!texts[read.exercise]) return `unknown exercise: ${read.exercise}`;
  try {
    return module.checkAnswerLink(texts[read.exercise].exercise, texts[read.exercise].base, link);
  } catch (error) {
    return `refused: ${error.message}`;
  }
}

// The verdict natively: `landscape check-link LINK FOLDER` (exit 0 passed, 3 not passed, 1 refused).
function nativeVerdict(link) {
  const run = spawnSync(cli, ['check-link', link, exercisesDir], { encoding: 'utf8' });
  if (run.status === 0 || run.status === 3) return run.stdout.trim();
  assert.equal(run.status, 1, run.stderr);
  const message = run.stderr.trim().replace(/^landscape: /, '');
  return /\.json: cannot read the file$/.test(message) ? `unknown exercise: ${JSON.parse(module.readAnswerLink(link)).exercise}` : `refused: ${message}`;
}

// Many links natively in one process: `landscape check-link --lines FILE FOLDER`, one JSON line a
// link (its verdict, or {"refused": message}), in the forms nativeVerdict() gives.
function nativeVerdicts(links) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'landscape-links-')), 'links.txt');
  writeFileSync(file, `${links.join('\n')}\n`);
  const run = spawnSync(cli, ['check-link', '--lines', file, exercisesDir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim().split('\n').map((line, i) => {
    const refused = JSON.parse(line).refused;
    if (refused === undefined) return line;
    return /\.json: cannot read the file$/.test(refused) ? `unknown exercise: ${JSON.parse(module.readAnswerLink(links[i])).exercise}` : `refused: ${refused}`;
  });
}

// A refusal names a field or parameter ("answer.patch.start: ..."), one printable line; a verdict
// has finite numbers.
function assertWellFormed(verdict, label) {
  if (verdict.startsWith('refused: ')) {
    const message = verdict.slice('refused: '.length);
    assert.match(message, /^[^:\s]+: /, `${label}: the refusal names a field: ${message.slice(0, 200)}`);
    assert.doesNotMatch(message, /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/, `${label}: printable`);
    return 'refused';
  }
  if (verdict.startsWith('unknown exercise')) return 'unknown';
  const result = JSON.parse(verdict);
  for (const [quantity, value] of Object.entries(result.numbers)) {
    assert.ok(typeof value !== 'number' || Number.isFinite(value), `${label}: ${quantity} = ${value}`);
    assert.notEqual(value, null, `${label}: ${quantity} is null`);
  }
  return result.passed ? 'passed' : 'not passed';
}

const link = (exercise, fragment) => `https://school.example/lab/exercises.html#exercise=${exercise}${fragment}`;
const answerOf = (exercise, patch, rest = '') => link(exercise, `&answer=${encodeURIComponent(patch)}${rest}`);

test('every reproducer link gives the same verdict natively and in wasm: a refusal naming the field, or the right verdict', async () => {
  const links = await reproducerLinks();
  assert.ok(links.length >= 14, `${links.length} reproducer links`);
  const seen = {};
  for (const { file, link: l } of links) {
    const wasm = wasmVerdict(l);
    assert.equal(wasm, nativeVerdict(l), `${file}: the same verdict natively`);
    const kind = assertWellFormed(wasm, file);
    seen[file] = [...(seen[file] ?? []), kind === 'refused' ? wasm.slice(9) : kind];
  }
  // What each now gives (none passes any more by deleting a field, none runs for hours).
  for (const file of ['null-start-newton-saddle.json', 'null-start-monkey-flat.json', 'null-lambda-rescue-lambda.json', 'null-steps-spiral-fewest.json'])
    assert.match(seen[file][0], /^answer\.patch\.[a-z_.]+: null is not a value/, file);
  assert.match(seen['deep-nesting-barrier.json'][0], /^answer\.patch\.compare\.seed-a\.patch\.seed\[0\].*: nested deeper than 64/);
  assert.match(seen['newton-1981-params-3000-steps-spiral-fewest.json'][0], /^answer\.patch: 3,000 newton steps/);
  assert.match(seen['wide-2-1024-1024-1-3000-steps-spiral-fewest.json'][0], /^answer\.patch: 3,000 adam steps of a 2-1024-1024-1/);
  assert.deepEqual(seen['links-null-and-1e400.txt'].map((s) => s.slice(0, 40)), ['answer.patch.added_neuron.lambda: 1e400 ', 'answer.patch.start: null is not a value;', 'answer.patch.start: null is not a value;']);
  assert.deepEqual(seen['links-one-over-the-budget.txt'].map((s) => s.slice(0, 30)), ['passed', 'answer.patch: 3,000 newton ste', 'passed', 'passed']);
  assert.deepEqual(seen['link-readme-form-with-commas.txt'], ['passed']);
  console.log(JSON.stringify(Object.fromEntries(Object.entries(seen).map(([f, v]) => [f, v.map((s) => s.slice(0, 100))])), null, 1));
});

// A small seeded generator: the same 200 links on every run.
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (list) => list[Math.floor(next() * list.length)], int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)) };
}

// The patch text with `value` (JSON text, as written) at a dotted path.
function patchAt(pathText, value) {
  const keys = pathText.split('.');
  return keys.reduceRight((inner, key) => `{${JSON.stringify(key)}:${inner}}`, value);
}

// One hostile link of the attack's kinds: nulls, numbers out of range (as text), deep nesting,
// huge but finite numbers, answers that would run long within the limits, invisible and
// bidirectional characters, commas and '+' left raw, wrong kinds, fields that are not allowed,
// broken percent-encoding, long answers and notes.
function hostileLink(g) {
  const exercise = g.pick(names);
  const allowed = infos[exercise].allowed;
  const field = g.pick(allowed);
  const surface = infos[exercise].kind === 'surface';
  const kinds = ['null', 'null-in-list', 'not-finite', 'deep', 'huge', 'long-running', 'invisible', 'raw-commas', 'plus', 'wrong-kind', 'not-allowed', 'percent', 'long', 'note', 'name'];
  const kind = g.pick(kinds);
  switch (kind) {
    case 'null': return answerOf(exercise, patchAt(field, 'null'));
    case 'null-in-list': return answerOf(exercise, patchAt(field, `[0.3,null,${g.pick(['1', '{}', '[null]'])}]`));
    case 'not-finite': return answerOf(exercise, patchAt(field, g.pick(['1e400', '-1e999', `1${'0'.repeat(400)}`, '2e308', '[1e309, 0]'])));
    case 'deep': {
      const depth = g.pick([63, 64, 65, g.int(100, 2000), g.int(5000, 15000)]); // (an argument of the CLI stops at 128 kB)
      return answerOf(exercise, patchAt(field, `${'['.repeat(depth)}${']'.repeat(depth)}`));
    }
    case 'huge': return answerOf(exercise, patchAt(field, g.pick(['1e308', '-1.7976931348623157e308', '4.9e-324', '9007199254740993', '[1e308, -1e308]'])));
    case 'long-running': {
      // Within the exercise's limits but far over the budget of a check; or a surface's longest run.
      if (exercise === 'spiral-fewest') {
        const units = g.pick([512, 1024]);
        return answerOf(exercise, JSON.stringify({ model: { layers: [{ units }, { units }, { units: 1 }] }, steps: g.int(2000, 3000), optimizer: g.pick([{ kind: 'gd', learning_rate: 0.1 }, { kind: 'sgd', learning_rate: 0.1, batch_size: 10 }]) }));
      }
      if (exercise === 'blind-spot-escape') return answerOf(exercise, JSON.stringify({ model: { layers: [{ units: 1024, activation: 'relu' }, { units: 1024, activation: 'relu' }, { units: 1, activation: 'linear', bias: false }] } }));
      if (exercise === 'playground-diverge') return answerOf(exercise, JSON.stringify({ model: { layers: [{ units: 40 }, { units: 40 }, { units: 1 }] }, optimizer: { learning_rate: 0.01 } }));
      return answerOf(exercise, patchAt(field, surface ? '[0.3,0.2]' : '1'));
    }
    case 'invisible': {
      const mark = g.pick(['\ufeff', '\u202e', '\u200b', '\u2066', '\u00ad', '\u061c']);
      const key = field.split('.')[0];
      return answerOf(exercise, `{${JSON.stringify(key.slice(0, 1) + mark + key.slice(1))}:1}`, `&note=${encodeURIComponent(`ok${mark}done`)}`);
    }
    case 'raw-commas': return link(exercise, `&answer=${surface ? `{"start":[0.${g.int(0, 9)},0.${g.int(0, 9)}]}` : '{"a":[1,2,3]}'}&note=a,b`);
    case 'plus': return link(exercise, `&answer=${surface ? '{"start":+[0.3,+0.3]}' : '{"steps":+1e+2}'}`);
    case 'wrong-kind': return answerOf(exercise, patchAt(field, g.pick(['"here"', '{}', '[]', 'true', '{"x": 1}', '"1e400"'])));
    case 'not-allowed': return answerOf(exercise, JSON.stringify(g.pick([{ steps: 1 }, { optimizer: { kind: 'gd' } }, { name: 'x' }, { surface: { name: 'monkey' } }, { data: { points: 100000 } }])));
    case 'percent': return link(exercise, `&answer=${g.pick(['%7B%22start%22%3A%ZZ', '%E2%80', '%7B%22%E2%80%22%3A1%7D', '%', '%7b%7d'])}`);
    case 'long': return answerOf(exercise, `{"a":"${'x'.repeat(g.pick([60000, 70000]))}"}`);
    case 'note': return link(exercise, `&note=${encodeURIComponent(g.pick(['\u202eevil', 'x'.repeat(2500), '\u001b[2J', 'fine']))}`);
    default: return link(g.pick(['', '%3Cimg%3E', 'Newton', '-x', exercise]), `&answer=${encodeURIComponent('{}')}`);
  }
}

test('200 hostile links of the attack\'s kinds: the same verdict natively and in wasm, each a refusal naming the field or a verdict', () => {
  const g = generator(20261205);
  const figures = { refused: 0, passed: 0, 'not passed': 0, unknown: 0 };
  const links = Array.from({ length: 200 }, () => hostileLink(g));
  let start = performance.now();
  const native = nativeVerdicts(links);
  const nativeMs = performance.now() - start;
  start = performance.now();
  for (const [i, l] of links.entries()) {
    const wasm = wasmVerdict(l);
    assert.equal(wasm, native[i], `link ${i} (${l.slice(0, 160)}): the same verdict natively`);
    figures[assertWellFormed(wasm, `link ${i}`)]++;
  }
  console.log(`200 hostile links: ${JSON.stringify(figures)}; natively ${Math.round(nativeMs)} ms, in wasm ${Math.round(performance.now() - start)} ms`);
  assert.ok(figures.refused >= 100, 'most of them are refused');
});
