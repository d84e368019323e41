// Every number the tutorial (its chapters, web/chapters/, assembled by tools/tutorial-page.mjs) quotes from a computation is marked
//   <span class="computed" data-scenario="NAME" data-quantity="Q" [data-patch='JSON'] [data-compare="below|above"]>TEXT</span>
// and recomputed here with the native CLI of this repository (build/native/tools/landscape),
// so the prose cannot drift from the core. NAME is scenarios/NAME.json; data-patch is a JSON
// merge patch (RFC 7386: objects merge, arrays and values replace, null deletes) applied
// to it before running.
//
// The vocabulary of Q (PATH is a field of a record, with [i] for array items; [-1] counts
// from the end):
//   grad.PATH            `landscape grad`: loss, params[i], grad[i] at the initial parameters
//   hessian.PATH         `landscape hessian` after the scenario's steps: value, grad_norm,
//                        eigenvalues[i] (ascending), index, negative, zero, positive, kind
//   step:N.PATH          `landscape run`: the record logged at step N (loss, original_loss,
//                        grad_norm, elapsed_time, params[i], a[k], b[k], w[k][j],
//                        neuron_output[i][k], max_exponent, ...)
//   final.PATH           the last record of the run
//   max.PATH, min.PATH   the largest / smallest value of PATH over the logged records
//   atmax:F.PATH         PATH of the record where field F is largest (atmin:F likewise)
//   ...a_sqrt_4_lambda_T (as a PATH) a_0 sqrt(4 lambda T) of a record: the failure-mode
//                        constant, T = elapsed_time, lambda from the scenario
//   slice.PATH, interpolate.PATH, connect.PATH, sharpness.PATH
//                        `landscape slice|interpolate|connect|sharpness`: the scenario's view
//                        (docs/landscape-views.md; data-patch can change the view's kind),
//                        e.g. runs[0].loss, explained[0], straight.loss, rescaled[4].sharpness[1]
// A PATH may end in a summary of the array it reaches (nested arrays are flattened, nulls
// skipped): .max() .min() (.max(i,j): over the items i..j-1 only), .median() (the widgets' median: the element at floor(n/2) of the
// sorted values), .below(X) (the share of values < X), .falls(i,j) (how many of the steps
// k -> k+1 for i <= k < j go down), and, for a grid (rows of values), .localminima() (how
// many points are lower than every neighbour, diagonal ones included).
//
// TEXT is compared at the precision written: "6.0398" means |value - 6.0398| <= 0.00005;
// "3.2e-15", "3.2 × 10−15" likewise in the last written digit of the mantissa; an integer
// exactly to within 0.5; a word (hessian.kind) exactly; "10.1 %" as 0.101. data-compare="below" asserts
// |value| < TEXT, "above" asserts value > TEXT. "−" (U+2212) reads as a minus sign.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { assemblePage } from '../../tools/tutorial-page.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/tools/landscape');
// Comments are not the page (the page's own comment shows the markup as an example).
const page = assemblePage().replace(/<!--.*?-->/gs, '');
const scratch = mkdtempSync(path.join(tmpdir(), 'tutorial-numbers-'));

const decode = (text) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&nbsp;/g, ' ').replace(/&minus;/g, '−').replace(/&amp;/g, '&');

// The marked numbers, in page order. Computed spans hold text (and <sup>), never another span.
export function computedNumbers(html) {
  const found = [];
  for (const match of html.matchAll(/<span\s+class="computed"([^>]*)>(.*?)<\/span>/gs)) {
    const attributes = {};
    for (const [, name, double, single] of match[1].matchAll(/data-([a-z-]+)=(?:"([^"]*)"|'([^']*)')/g)) attributes[name] = decode(double ?? single);
    const text = decode(match[2].replace(/<sup>(.*?)<\/sup>/g, '^$1').replace(/<[^>]+>/g, '')).trim();
    const line = html.slice(0, match.index).split('\n').length;
    found.push({ ...attributes, text, line });
  }
  return found;
}

export function mergePatch(target, patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

// The written number and the tolerance its digits imply, or {word} for text.
export function parseWritten(text) {
  // "10.1 %" is 0.101, to within 0.0005.
  const percent = text.trim().match(/^(.*?)\s*%$/);
  if (percent) {
    const { value, tolerance } = parseWritten(percent[1]);
    return { value: value / 100, tolerance: tolerance / 100 };
  }
  const t = text.replace(/−/g, '-').replace(/,/g, '').replace(/\s+/g, ' ').trim();
  let m = t.match(/^([-+]?)(\d*)(?:\.(\d+))?(?:\s*(?:e|×\s*10\^?)\s*([-+]?\d+))?$/i);
  if (!m || (m[2] === '' && m[3] === undefined)) {
    m = t.match(/^([-+]?)10\^([-+]?\d+)$/); // "10^-19" (from 10<sup>−19</sup>)
    if (m) return { value: Number(`${m[1]}1e${m[2]}`), tolerance: 0.5 * 10 ** Number(m[2]) };
    return { word: text };
  }
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  const value = Number(`${sign}${whole || '0'}.${fraction || '0'}e${exponent}`);
  return { value, tolerance: 0.5 * 10 ** (Number(exponent) - fraction.length) };
}

// The summaries a PATH may end in (see the vocabulary above).
const finite = (values) => values.flat(Infinity).filter((v) => typeof v === 'number' && Number.isFinite(v));
const SUMMARIES = {
  max: (values, from = 0, to = values.length) => Math.max(...finite(values.slice(Number(from), Number(to)))),
  min: (values, from = 0, to = values.length) => Math.min(...finite(values.slice(Number(from), Number(to)))),
  median: (values) => finite(values).sort((x, y) => x - y)[Math.floor(finite(values).length / 2)],
  below: (values, level) => finite(values).filter((v) => v < Number(level)).length / finite(values).length,
  falls: (values, from, to) => {
    let count = 0;
    for (let k = Number(from); k < Number(to); k++) if (values[k + 1] < values[k]) count++;
    return count;
  },
  localminima: (grid) => {
    let count = 0;
    grid.forEach((row, r) => row.forEach((v, c) => {
      const neighbours = [];
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) if ((dr || dc) && grid[r + dr]?.[c + dc] != null) neighbours.push(grid[r + dr][c + dc]);
      if (v != null && neighbours.every((n) => v < n)) count++;
    }));
    return count;
  },
};

function pick(record, pathText, scenario) {
  if (pathText === 'a_sqrt_4_lambda_T') return record.a[0] * Math.sqrt(4 * scenario.added_neuron.lambda * record.elapsed_time);
  let value = record;
  for (const [, call, args, key, index] of pathText.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\(([^)]*)\)|([A-Za-z_][A-Za-z0-9_]*)|\[(-?\d+)\]/g)) {
    if (value === undefined || value === null) break;
    if (call !== undefined) {
      assert.ok(SUMMARIES[call], `${pathText}: unknown summary ${call}() (known: ${Object.keys(SUMMARIES).join(', ')})`);
      assert.ok(Array.isArray(value), `${pathText}: ${call}() needs an array`);
      value = SUMMARIES[call](value, ...(args ? args.split(',').map((a) => a.trim()) : []));
    } else if (key !== undefined) value = value[key];
    else value = Number(index) < 0 ? value.at(Number(index)) : value[Number(index)];
  }
  return value;
}

// One CLI call per (command, scenario, patch), shared by every number that needs it.
const outputs = new Map();
function landscape(command, name, patchText) {
  const key = `${command} ${name} ${patchText ?? ''}`;
  if (outputs.has(key)) return outputs.get(key);
  const file = path.join(root, 'scenarios', `${name}.json`);
  assert.ok(existsSync(file), `scenarios/${name}.json exists`);
  let scenario = JSON.parse(readFileSync(file, 'utf8'));
  let input = file;
  if (patchText) {
    scenario = mergePatch(scenario, JSON.parse(patchText));
    input = path.join(scratch, `${outputs.size}-${name}.json`);
    writeFileSync(input, JSON.stringify(scenario));
  }
  const { status, stdout, stderr } = spawnSync(cli, [command, input], { encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(status, 0, `landscape ${command} ${name} ${patchText ?? ''}: ${stderr}`);
  const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
  const result = { scenario, records: command === 'run' ? lines : null, object: command === 'run' ? null : lines[0] };
  outputs.set(key, result);
  return result;
}

export function evaluate({ scenario: name, quantity, patch }) {
  let m;
  if ((m = quantity.match(/^(grad|hessian|slice|interpolate|connect|sharpness)\.(.+)$/))) {
    const out = landscape(m[1], name, patch);
    return pick(out.object, m[2], out.scenario);
  }
  const run = landscape('run', name, patch);
  const records = run.records;
  if ((m = quantity.match(/^step:(\d+)\.(.+)$/))) {
    const record = records.find((r) => r.step === Number(m[1]));
    assert.ok(record, `${quantity}: step ${m[1]} is logged (log_every ${run.scenario.log_every})`);
    return pick(record, m[2], run.scenario);
  }
  if ((m = quantity.match(/^final\.(.+)$/))) return pick(records.at(-1), m[1], run.scenario);
  if ((m = quantity.match(/^(max|min)\.(.+)$/))) {
    const values = records.map((r) => pick(r, m[2], run.scenario));
    return m[1] === 'max' ? Math.max(...values) : Math.min(...values);
  }
  if ((m = quantity.match(/^at(max|min):([^.]+)\.(.+)$/))) {
    const better = m[1] === 'max' ? (x, y) => x > y : (x, y) => x < y;
    const best = records.reduce((b, r) => (better(pick(r, m[2], run.scenario), pick(b, m[2], run.scenario)) ? r : b));
    return pick(best, m[3], run.scenario);
  }
  throw new Error(`unknown quantity "${quantity}" (see the vocabulary at the top of this file)`);
}

const numbers = computedNumbers(page);

test('the tutorial marks its computed numbers, each with a scenario and a quantity', () => {
  assert.ok(numbers.length >= 60, `${numbers.length} marked numbers`);
  for (const n of numbers) {
    assert.ok(n.scenario && n.quantity, `line ${n.line}: "${n.text}" needs data-scenario and data-quantity`);
    assert.match(n.scenario, /^[a-z0-9-]+$/, `line ${n.line}`);
    if (n.patch) assert.doesNotThrow(() => JSON.parse(n.patch), `line ${n.line}: data-patch is JSON`);
    if (n.compare) assert.ok(['below', 'above'].includes(n.compare), `line ${n.line}: data-compare is below or above`);
  }
  // Not a citation of anything the project does not contain.
  assert.doesNotMatch(page, /MATH\.md|DESIGN\.md/);
});

test('the CLI this test needs is built', () => {
  assert.ok(existsSync(cli), `${path.relative(root, cli)} (make native)`);
});

for (const n of numbers) {
  test(`line ${n.line}: ${n.scenario} ${n.quantity}${n.patch ? ` (patched ${n.patch})` : ''} = ${n.text}`, () => {
    const value = evaluate(n);
    const written = parseWritten(n.text);
    if (written.word !== undefined) return assert.equal(String(value), written.word);
    assert.equal(typeof value, 'number', `${n.quantity} is a number (got ${JSON.stringify(value)})`);
    if (n.compare === 'below') return assert.ok(Math.abs(value) < written.value, `|${value}| < ${written.value}`);
    if (n.compare === 'above') return assert.ok(value > written.value, `${value} > ${written.value}`);
    const slack = 1e-12 * Math.max(1, Math.abs(value));
    assert.ok(Math.abs(value - written.value) <= written.tolerance + slack,
      `the core says ${value}; the text says ${n.text} (to within ${written.tolerance})`);
  });
}

test('the written-number parser reads the forms the page uses', () => {
  assert.equal(parseWritten('6.0398').value, 6.0398);
  assert.ok(Math.abs(parseWritten('6.0398').tolerance - 0.5e-4) < 1e-15);
  assert.equal(parseWritten('−3.2e-15').value, -3.2e-15);
  assert.ok(Math.abs(parseWritten('−3.2e-15').tolerance - 0.5e-16) < 1e-30);
  assert.equal(parseWritten('+2').value, 2);
  assert.equal(parseWritten('10^−19').value, 1e-19);
  assert.equal(parseWritten('3.2 × 10^−15').value, 3.2e-15);
  assert.equal(parseWritten('1,312').value, 1312);
  assert.deepEqual(parseWritten('saddle'), { word: 'saddle' });
  assert.ok(Math.abs(parseWritten('10.1 %').value - 0.101) < 1e-15);
  assert.ok(Math.abs(parseWritten('10.1 %').tolerance - 0.0005) < 1e-15);
});

test('the summaries of a view\'s arrays count what the page says they count', () => {
  const grid = { loss: [[3, 2, 3], [2, 1, 2], [3, 2, 0.5]], line: [5, 4, 4, 3, 6] };
  assert.equal(pick(grid, 'loss.max()'), 3);
  assert.equal(pick(grid, 'loss.min()'), 0.5);
  assert.equal(pick(grid, 'loss.median()'), 2);
  assert.equal(pick(grid, 'loss.below(2)'), 2 / 9);
  assert.equal(pick(grid, 'loss.localminima()'), 1); // the corner 0.5; the centre 1 has it as a neighbour
  assert.equal(pick(grid, 'line.falls(0,4)'), 2);
  assert.equal(pick(grid, 'line.max(1,4)'), 4);
  assert.equal(pick(grid, 'line[-1]'), 6);
  assert.throws(() => pick(grid, 'line.mean()'), /unknown summary/);
});
