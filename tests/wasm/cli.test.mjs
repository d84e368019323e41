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

// The reproducers (tests/fixtures/reproducers): each ends with exit status 1 and one printable
// line on stderr that names the file and the field, never an abort, a hang or a null.
const reproducers = path.join(root, 'tests/fixtures/reproducers');
const printable = (line) => !/[\u0000-\u001f\u007f-\u009f\ufffd]/.test(line);

test('the reproducers give one clear line on stderr and exit status 1', () => {
  const cases = [
    ['run', 'newton-66k-params-abort.json', /optimizer\.kind: newton needs the dense Hessian, at most 2000 parameters \(this network has 66,817\)/],
    ['run', 'newton-1M-params-abort.json', /optimizer\.kind: newton needs the dense Hessian, at most 2000 parameters/],
    ['run', 'newton-8x32-one-step.json', /optimizer\.kind: newton needs the dense Hessian, at most 2000 parameters \(this network has 7,521\)/],
    ['hessian', 'hessian-3901-params.json', /hessian needs the dense Hessian, at most 2000 parameters \(this network has 3,901\)/],
    ['grad', 'nan-gradient-finite-loss.json', /model\.init: the initial gradient is not finite/],
    ['hessian', 'nan-gradient-finite-loss.json', /model\.init: the initial gradient is not finite/],
    ['run', 'nan-gradient-finite-loss-run.json', /model\.init: the initial gradient is not finite/],
    ['run', 'nan-gradient-armijo.json', /model\.init: the initial gradient is not finite/],
    ['run', 'one-hot-float-cast-ub.json', /data\.y\[0\]: class labels must be whole numbers from 0 to 2 \(got 1e\+300\)/],
    ['run', 'fuzz-02153-two-line-error.json', /model\.init\.kind: unknown kind 'u\\u000Aiform'/],
    ['run', 'terminal-escape-in-error.json', /model\.layers\[0\]\.activation: unknown kind '\\u001B\[2J\\u001B\[31mowned\\u001B\[0m\\u000Asecond line'/],
    ['run', 'fuzz-00003-wasm-status-abort.json', /scenario: invalid JSON near byte/],
  ];
  for (const [command, name, expected] of cases) {
    const file = path.join(reproducers, name);
    const { status, stdout, stderr } = landscape(command, file);
    assert.equal(status, 1, `${command} ${name}: ${stderr}`);
    assert.equal(stdout, '', name);
    assert.equal(stderr.split('\n').length, 2, `one line: ${JSON.stringify(stderr)}`);
    assert.ok(stderr.startsWith(`landscape: ${file}: `), stderr);
    assert.ok(printable(stderr.trimEnd()), JSON.stringify(stderr));
    assert.match(stderr, expected);
  }
});

test('the fuzzer\'s null-output reproducers print no null: a finite result or a message', () => {
  for (const [command, name] of [['hessian', 'fuzz-00133-hessian-null-output.json'], ['hessian', 'fuzz-01796-hessian-null-output.json'], ['run', 'fuzz-02936-run-null-output.json'], ['run', 'mini-batch-full-data-overflow.json']]) {
    const file = path.join(reproducers, name);
    const { status, stdout, stderr } = landscape(command, file);
    assert.doesNotMatch(stdout, /null/, `${name}: ${stdout.slice(0, 200)}`);
    if (status !== 0) {
      assert.equal(status, 1);
      assert.ok(stderr.startsWith(`landscape: ${file}: `), stderr);
      assert.equal(stderr.split('\n').length, 2);
    }
  }
});

test('a run that diverges names the file in its message, like every other CLI error', () => {
  const file = path.join(scratch, 'diverging-gradient.json');
  writeFileSync(file, JSON.stringify({
    data: { kind: 'inline', x: [[1e154]], y: [[0]] },
    model: { inputs: 1, layers: [{ units: 1, activation: 'linear', bias: false }], init: { kind: 'params', params: [-0.1] } },
    loss: 'squared', optimizer: { kind: 'gd', learning_rate: 6e-308 }, steps: 10, log_every: 1,
  }));
  const { status, stdout, stderr } = landscape('run', file);
  assert.equal(status, 1);
  assert.doesNotMatch(stdout, /null/);
  assert.match(stderr, new RegExp(`^landscape: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: training diverged at step 1: the gradient is not finite`));
});
