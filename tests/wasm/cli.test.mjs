// The native CLI's contract (the numbers the wasm tests compare against come from it):
// JSON lines for `run`, one JSON object for `grad`, and for bad input a non-zero exit
// status with one line on stderr naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/tools/landscape');
const scratch = mkdtempSync(path.join(tmpdir(), 'landscape-cli-'));

function landscape(...args) {
  return spawnSync(cli, args, { encoding: 'utf8' });
}

test('run prints one JSON object per logged step with the documented fields', () => {
  const { status, stdout } = landscape('run', path.join(root, 'scenarios/rescue.json'));
  assert.equal(status, 0);
  const records = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(records.length, 14000 / 50 + 1);
  for (const key of ['step', 'loss', 'original_loss', 'grad_norm', 'a', 'neuron_output']) {
    assert.ok(key in records.at(-1), key);
  }
  assert.ok(Math.abs(records.at(-1).a[0]) < 1e-10);
});

test('grad prints loss, params and grad at the initial parameters', () => {
  const { status, stdout } = landscape('grad', path.join(root, 'scenarios/relu-blind-spot.json'));
  assert.equal(status, 0);
  const out = JSON.parse(stdout);
  assert.deepEqual(out.params, [1, 0.5, 0.5, 0.2, 0.5, 0.3, 0, 0, 0]);
  assert.equal(out.grad.length, 9);
  assert.ok(Math.abs(out.loss - 0.38456666666666667) < 1e-12);
});

test('bad input exits non-zero with one line on stderr naming the field', () => {
  const cases = [
    ['{"data": {"kind": "spiral"}, "model": {"inputs": 2, "layers": [{"units": 2}]}, "optimizer": {"learning_rate": -1}}', /optimizer\.learning_rate: must be > 0/],
    ['{"data": {"kind": "spiral"}, "model": {"inputs": 2, "layers": [{"units": 100000}]}}', /model\.layers\[0\]\.units: /],
    ['not json', /invalid JSON/],
  ];
  cases.forEach(([text, expected], i) => {
    const file = path.join(scratch, `bad-${i}.json`);
    writeFileSync(file, text);
    const { status, stdout, stderr } = landscape('run', file);
    assert.notEqual(status, 0);
    assert.equal(stdout, '');
    assert.match(stderr, expected);
    assert.equal(stderr.trim().split('\n').length, 1);
  });
  const missing = landscape('run', path.join(scratch, 'missing.json'));
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /cannot read the file/);
  assert.notEqual(landscape('fly').status, 0);
});

test('hessian prints the spectrum, index and kind where the scenario ends (2-3-1 linear net at the origin)', () => {
  const file = path.join(scratch, 'deep-linear.json');
  writeFileSync(file, JSON.stringify({
    data: { kind: 'inline', x: [[1, 0], [0, 1], [-1, 0], [0, -1]], y: [[1], [2], [-1], [-2]] },
    model: { inputs: 2, layers: [{ units: 3, activation: 'linear', bias: false }, { units: 1, activation: 'linear', bias: false }],
      init: { kind: 'zeros' } },
    loss: 'half_squared', steps: 0,
  }));
  const { status, stdout } = landscape('hessian', file);
  assert.equal(status, 0);
  const out = JSON.parse(stdout);
  assert.equal(out.kind, 'saddle');
  assert.equal(out.eigenvalues.length, 9);
  const c = Math.sqrt(1.25);
  [-c, -c, -c, 0, 0, 0, c, c, c].forEach((e, i) => assert.ok(Math.abs(out.eigenvalues[i] - e) < 1e-12, `eigenvalue ${i}`));
  assert.ok(Math.abs(out.index - 1 / 3) < 1e-15);
  assert.equal(out.grad_norm, 0);
  // After the rescue scenario's steps: theta = 4 with the neuron at a ~ 0: a minimum of L~? The
  // added neuron's (b, w) are flat when a = 0, so the point is degenerate, never "minimum".
  const rescue = JSON.parse(landscape('hessian', path.join(root, 'scenarios/rescue.json')).stdout);
  assert.equal(rescue.step, 14000);
  assert.equal(rescue.eigenvalues.length, 4);
  assert.ok(rescue.eigenvalues[0] > -1e-6);
});
