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
