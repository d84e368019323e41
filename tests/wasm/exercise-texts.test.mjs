// The numbers an exercise's "why" quotes are recomputed here with the native CLI
// (build/native/tools/landscape), as tutorial-numbers.test.mjs does for the tutorial's prose, so
// that an explanation cannot drift from what the core computes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/tools/landscape');
const scratch = mkdtempSync(path.join(tmpdir(), 'exercise-texts-'));
const exerciseFile = (name) => path.join(root, 'scenarios/exercises', `${name}.json`);

function check(name, patch) {
  const answer = path.join(scratch, `${name}-${JSON.stringify(patch).replace(/\W/g, '')}.json`);
  writeFileSync(answer, JSON.stringify({ exercise: name, patch }));
  const run = spawnSync(cli, ['check', exerciseFile(name), answer], { encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 3, run.stderr);
  return JSON.parse(run.stdout);
}

function run(scenario, patch) {
  const file = path.join(scratch, `${scenario}-${JSON.stringify(patch).replace(/\W/g, '')}.json`);
  const base = JSON.parse(readFileSync(path.join(root, 'scenarios', `${scenario}.json`), 'utf8'));
  writeFileSync(file, JSON.stringify({ ...base, ...patch }));
  const out = spawnSync(cli, ['run', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout.trim().split('\n').map((line) => JSON.parse(line));
}

test('gd-seed-saddle: the seeds, losses, eigenvalues and gradients its "why" quotes', () => {
  const why = JSON.parse(readFileSync(exerciseFile('gd-seed-saddle'), 'utf8')).why;
  const results = new Map();
  for (let seed = 1; seed <= 12; seed++) results.set(seed, check('gd-seed-saddle', { seed }));
  const saddles = [...results].filter(([, r]) => r.passed).map(([seed]) => seed);
  assert.deepEqual(saddles, [5, 6, 8, 9]);
  assert.match(why, /Seeds 5, 6, 8 and 9 end with one negative eigenvalue \(between -0\.0014 and -0\.0008; index 1\/22\) and a gradient between 2e-4 and 9e-4, at losses from 0\.0104 to 0\.0115/);
  assert.match(why, /seeds 1-4, 7 and 10-12 end in a minimum's basin \(0\.0095 to 0\.0110\)/);
  const within = (value, low, high) => value >= low && value <= high;
  for (const seed of saddles) {
    const n = results.get(seed).numbers;
    assert.equal(n['final.negative'], 1, `seed ${seed}`);
    assert.ok(within(n['final.smallest_eigenvalue'], -0.00145, -0.00075), `seed ${seed}: ${n['final.smallest_eigenvalue']}`);
    assert.ok(within(n['final.grad_norm'], 1.5e-4, 9.5e-4), `seed ${seed}: ${n['final.grad_norm']}`);
    assert.ok(within(n['final.loss'], 0.01035, 0.01155), `seed ${seed}: ${n['final.loss']}`);
  }
  for (const seed of [1, 2, 3, 4, 7, 10, 11, 12]) {
    const n = results.get(seed).numbers;
    assert.equal(n['final.negative'], 0, `seed ${seed}`);
    assert.ok(within(n['final.loss'], 0.00945, 0.01105), `seed ${seed}: ${n['final.loss']}`);
  }
  // "for seeds 5, 8 and 9 the gradient at step 30,000 is more than twice what it was at step
  // 20,000", and "the loss is still falling slowly at all four".
  assert.match(why, /for seeds 5, 8 and 9 the gradient at step 30,000 is more than twice what it was at step 20,000/);
  for (const seed of saddles) {
    // As the exercise runs it: its patch keeps the data's seed at 3, the answer sets the weights' seed.
    const records = run('spectrum-while-training', { seed, data: { ...JSON.parse(readFileSync(path.join(root, 'scenarios/spectrum-while-training.json'), 'utf8')).data, seed: 3 } });
    const at = (step) => records.find((r) => r.step === step);
    assert.ok(at(30000).loss < at(29000).loss, `seed ${seed}: the loss still falls`);
    if (seed !== 6) assert.ok(at(30000).grad_norm > 2 * at(20000).grad_norm, `seed ${seed}: ${at(20000).grad_norm} -> ${at(30000).grad_norm}`);
  }
});
