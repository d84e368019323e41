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

// (With the exercise's own note, for the exercises whose check asks for one.)
function check(name, patch) {
  const answer = path.join(scratch, `${name}-${JSON.stringify(patch).replace(/\W/g, '')}.json`);
  const note = JSON.parse(readFileSync(exerciseFile(name), 'utf8')).answer_note ?? '';
  writeFileSync(answer, JSON.stringify({ exercise: name, patch, note }));
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

test('lowest-saddle: the heights and kinds of the nine critical points its "why" quotes', () => {
  const why = JSON.parse(readFileSync(exerciseFile('lowest-saddle'), 'utf8')).why;
  // Newton started beside each critical point ends on it: x near -1, 0 or 1, y likewise.
  const ends = [];
  for (const x of [-1, 0.1, 1]) for (const y of [-1, 0, 1]) ends.push(check('lowest-saddle', { start: [x, y] }).numbers);
  const round3 = (v) => Number(v.toFixed(3));
  const heights = (kind) => ends.filter((n) => n['final.kind'] === kind || (kind === 'minimum' && n['final.kind'] === 'global minimum')).map((n) => round3(n['final.value'])).sort((a, b) => a - b);
  assert.deepEqual(heights('minimum'), [-0.457, -0.157, 0.143, 0.443]);
  assert.deepEqual(heights('saddle'), [0.697, 0.86, 1.16, 1.297]);
  assert.deepEqual(heights('maximum'), [2.014]);
  assert.match(why, /the four minima lie from -0\.457 to 0\.443, the four saddles from 0\.697 to 1\.297 and the maximum at 2\.014/);
  const lowest = ends.find((n) => n['final.kind'] === 'saddle' && round3(n['final.value']) === 0.697);
  assert.equal(lowest['final.x'].toFixed(3), '-1.036');
  assert.equal(lowest['final.y'].toFixed(3), '0.038');
  assert.match(why, /\(-1\.036, 0\.038\), height 0\.697/);
  // The well's bottoms and hump of each coordinate, as the "why" gives them.
  assert.match(why, /x ≈ -1\.036 or 0\.960 .* 0\.075 .* y ≈ -1\.018 or 0\.981 .* 0\.038/);
  const xs = ends.map((n) => n['final.x'].toFixed(3)), ys = ends.map((n) => n['final.y'].toFixed(3));
  for (const v of ['-1.036', '0.960', '0.075']) assert.ok(xs.includes(v), `x ${v} in ${xs}`);
  for (const v of ['-1.018', '0.981', '0.038']) assert.ok(ys.includes(v), `y ${v} in ${ys}`);
});

test('deep-linear-saddle: the saddle away from the origin and the numbers its "why" quotes', () => {
  const why = JSON.parse(readFileSync(exerciseFile('deep-linear-saddle'), 'utf8')).why;
  const away = check('deep-linear-saddle', { model: { init: { kind: 'params', params: [2, -1, 0, 0, 0, 0, 0, 0, 0] } } });
  assert.equal(away.passed, true, away.message);
  assert.equal(away.numbers['initial.grad_norm'], 0);
  const origin = check('deep-linear-saddle', { model: { init: { kind: 'zeros' } } });
  assert.equal(origin.numbers['initial.kind'], 'saddle');
  assert.equal(origin.numbers['initial.parameter_norm'], 0);
  assert.match(why, new RegExp(`distance ${away.numbers['initial.parameter_norm'].toFixed(3).replace('.', '\\.')} from the origin`));
  assert.match(why, new RegExp(`loss ${away.numbers['initial.loss']}, as at the origin`));
  assert.equal(away.numbers['initial.loss'], origin.numbers['initial.loss']);
  assert.match(why, new RegExp(`${away.numbers['initial.negative']} negative eigenvalues \\(the smallest ${away.numbers['initial.smallest_eigenvalue'].toFixed(3).replace('.', '\\.')}\\)`));
  assert.match(why, new RegExp(`at the origin ${origin.numbers['initial.negative']}, the smallest ${origin.numbers['initial.smallest_eigenvalue'].toFixed(3).replace('.', '\\.')}`));
});

test('deep-narrow-trains: the losses and parameter counts its "why" quotes', () => {
  const why = JSON.parse(readFileSync(exerciseFile('deep-narrow-trains'), 'utf8')).why;
  const tanh = (units, skip) => ({ units, activation: 'tanh', ...(skip ? { skip: true } : {}) });
  const skip = check('deep-narrow-trains', { model: { layers: [tanh(6), ...Array(6).fill(tanh(6, true)), tanh(1)] } });
  const wide = check('deep-narrow-trains', { model: { layers: [tanh(64), tanh(1)] } });
  const plain = check('deep-narrow-trains', {});
  assert.equal(skip.passed, true, skip.message);
  assert.equal(wide.passed, true, wide.message);
  assert.equal(plain.passed, false);
  const sig = (v, digits) => Number(v.toPrecision(digits)).toString();
  assert.match(why, new RegExp(`the same ${skip.numbers.parameters} parameters train to a loss of ${skip.numbers['final.loss'].toExponential(1)}`));
  assert.match(why, new RegExp(`one hidden layer of 64 units \\(${wide.numbers.parameters} parameters\\) reaches ${wide.numbers['final.loss'].toExponential(1)}`));
  assert.match(why, new RegExp(`stops at ${sig(plain.numbers['final.loss'], 3)}`));
});

const why = (name) => JSON.parse(readFileSync(exerciseFile(name), 'utf8')).why;

test('blind-spot-escape: the start, the activations and the optimizers its "why" speaks of', () => {
  const text = why('blind-spot-escape');
  const start = check('blind-spot-escape', { model: { init: { params: [1.0, -0.5, 0.5, 0.2, 0.5, 0.3] } } });
  assert.equal(start.passed, true, start.message);
  assert.match(text, /with w2 = -0\.5 the second unit is on at x = -1 \(0\.5 \+ 0\.2 > 0\) and the network fits all three points \(loss about 1e-29\)/);
  assert.equal(Math.round(Math.log10(start.numbers['final.original_loss'])), -29, `${start.numbers['final.original_loss']}`);
  const hidden = (activation) => ({ model: { layers: [{ units: 2, activation, bias: true }, { units: 1, activation: 'linear', bias: false }] } });
  assert.match(text, /Replacing relu by tanh or sigmoid in the hidden layer works too/);
  for (const activation of ['tanh', 'sigmoid']) assert.equal(check('blind-spot-escape', hidden(activation)).passed, true, activation);
  // "Gradient descent (plain, with Armijo steps or on mini-batches), momentum, Adam and both
  // Newton methods end at loss 1/3 with small steps and higher with large ones."
  assert.match(text, /Gradient descent \(plain, with Armijo steps or on mini-batches\), momentum, Adam and both Newton methods end at loss 1\/3 with small steps and higher with large ones/);
  const third = 1 / 3;
  for (const kind of ['gd', 'armijo', 'sgd', 'momentum', 'adam', 'newton', 'saddle_free_newton']) {
    for (const learningRate of [0.01, 0.1, 1, 5]) {
      const r = check('blind-spot-escape', { optimizer: { kind, learning_rate: learningRate, ...(kind === 'sgd' ? { batch_size: 1 } : {}) } });
      const loss = r.numbers['final.original_loss'];
      assert.equal(r.passed, false, `${kind} at ${learningRate}: ${loss}`);
      assert.ok(loss > third - 1e-9, `${kind} at ${learningRate}: ${loss}`);
      if (learningRate === 0.1) assert.ok(loss < third + 1e-3, `${kind} at ${learningRate}: ${loss} is about 1/3`);
    }
  }
  // Kicks: the default radius stays at 1/3, radius 1 passes by chance.
  assert.match(text, /perturbed gradient descent with its default kicks \(radius 0\.001\) stays at 1\/3, while with kicks of radius 1 \(learning rate 0\.1\) one of them happens to switch a unit on and the check passes/);
  const small = check('blind-spot-escape', { optimizer: { kind: 'perturbed_gd', learning_rate: 0.1 } });
  assert.equal(small.passed, false);
  assert.ok(Math.abs(small.numbers['final.original_loss'] - third) < 1e-3, `${small.numbers['final.original_loss']}`);
  assert.equal(check('blind-spot-escape', { optimizer: { kind: 'perturbed_gd', learning_rate: 0.1, noise_radius: 1 } }).passed, true);
});

test('playground-diverge: the losses, the message and the bounded output its "why" quotes', () => {
  const text = why('playground-diverge');
  const exercise = JSON.parse(readFileSync(exerciseFile('playground-diverge'), 'utf8'));
  const verdict = check('playground-diverge', exercise.answer);
  assert.equal(verdict.passed, true, verdict.message);
  const quoted = text.match(/says '([^']+)'/)[1];
  assert.ok(verdict.numbers['final.message'].includes(quoted), `"${quoted}" in "${verdict.numbers['final.message']}"`);
  assert.match(verdict.numbers['final.message'], /after step 5\b/);
  // Every step logged, as the exercise runs it: the playground, 500 steps, the answer's changes.
  const base = JSON.parse(readFileSync(path.join(root, 'scenarios/playground.json'), 'utf8'));
  const file = path.join(scratch, 'playground-diverge-steps.json');
  writeFileSync(file, JSON.stringify({ ...base, steps: 500, log_every: 1, log_detail: 'full', optimizer: { ...base.optimizer, ...exercise.answer.optimizer }, model: { ...base.model, ...exercise.answer.model } }));
  const out = spawnSync(cli, ['run', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const losses = out.stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((r, i, all) => all.findIndex((s) => s.step === r.step) === i).map((r) => r.loss);
  assert.match(out.stderr, /diverged at step 5/);
  assert.equal(losses.length, 5, `${losses}`);
  const written = text.match(/The loss goes ([^:]+):/)[1].split(', ');
  assert.deepEqual(written, ['0.53', '15', '4e10', '9e55', '1e286']);
  losses.forEach((loss, i) => assert.equal(i < 2 ? loss.toPrecision(2).replace(/\.?0+$/, '') : loss.toExponential(0).replace('+', ''), written[i], `step ${i}: ${loss}`));
  for (const i of [3, 4]) {
    const power = Math.log10(losses[i]) / Math.log10(losses[i - 1]);
    assert.ok(power > 4.5 && power < 5.5, `step ${i}: the loss is its predecessor to the power ${power}`);
  }
  // A tanh output at learning rate 1,000,000: stuck, not diverged (tanh everywhere, and linear
  // hidden layers under a tanh output).
  assert.match(text, /even at learning rate 1,000,000 the first steps push the tanh output to -1 or \+1 on every point, its gradient vanishes, the weights stop moving, and the core's note calls the network stuck: it does not diverge/);
  for (const hidden of ['tanh', 'linear']) {
    const layers = [{ units: 4, activation: hidden }, { units: 2, activation: hidden }, { units: 1, activation: 'tanh' }];
    const r = check('playground-diverge', { optimizer: { learning_rate: 1e6 }, model: { layers } });
    assert.equal(r.numbers['final.state'], 'finished', `${hidden}: ${r.message}`);
    const stuck = path.join(scratch, `playground-stuck-${hidden}.json`);
    writeFileSync(stuck, JSON.stringify({ ...base, steps: 500, optimizer: { ...base.optimizer, learning_rate: 1e6 }, model: { ...base.model, layers } }));
    const last = JSON.parse(spawnSync(cli, ['run', stuck], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout.trim().split('\n').at(-1));
    assert.equal(last.grad_norm, 0, hidden);
    assert.match(last.note, /^stuck: the tanh output is at \+-1 on 100% of the points/, hidden);
  }
});

test('newton-saddle: the distances to the saddle and the end points its "why" quotes', () => {
  const text = why('newton-saddle');
  const newton = { optimizer: { kind: 'newton', learning_rate: 1, damping: 0 } };
  const path03 = run('saddle-explorer', { start: [0.3, 0.3], ...newton });
  const distance = (r) => Math.hypot(r.x, r.y);
  const written = text.match(/From \(0\.3, 0\.3\) the distance to the origin goes ([^,]+), ([^,]+), ([^,]+), ([^,]+), each about the cube of the one before/).slice(1);
  assert.deepEqual(written, ['0.42', '0.10', '0.0012', '1.6e-9']);
  assert.deepEqual(written.map((w, i) => (w.includes('e') ? distance(path03[i]).toExponential(1) : distance(path03[i]).toPrecision(2))), ['0.42', '0.10', '0.0012', '1.6e-9']);
  for (const i of [1, 2, 3]) {
    const ratio = distance(path03[i]) / distance(path03[i - 1]) ** 3;
    assert.ok(ratio > 0.5 && ratio < 2, `step ${i}: ${ratio} times the cube of the distance before`);
  }
  assert.match(text, /by step 4 the correction left is below what double precision can hold, and the run stays at exactly \(0, 0\)/);
  assert.ok(path03.filter((r) => r.step >= 4).every((r) => r.x === 0 && r.y === 0), 'exactly the origin from step 4 on');
  assert.ok(path03.filter((r) => r.step < 4).every((r) => r.x !== 0), 'not before');
  assert.match(text, /From \(0\.3, -0\.2\) the same happens\. Starting near the hyperbola, e\.g\. at \(1\.2, 0\.8\), it converges to a global minimum/);
  assert.equal(check('newton-saddle', { start: [0.3, 0.3] }).numbers['final.kind'], 'saddle');
  assert.equal(check('newton-saddle', { start: [0.3, -0.2] }).numbers['final.kind'], 'saddle');
  assert.ok(run('saddle-explorer', { start: [0.3, -0.2], ...newton }).filter((r) => r.step >= 4).every((r) => r.x === 0 && r.y === 0));
  assert.equal(check('newton-saddle', { start: [1.2, 0.8] }).numbers['final.kind'], 'global minimum');
  assert.match(text, /At the origin the Hessian's eigenvalues are -2 and \+2/);
  const base = JSON.parse(readFileSync(path.join(root, 'scenarios/saddle-explorer.json'), 'utf8'));
  const file = path.join(scratch, 'saddle-explorer-origin.json');
  writeFileSync(file, JSON.stringify({ ...base, start: [0, 0], steps: 0 }));
  const hessian = JSON.parse(spawnSync(cli, ['hessian', file], { encoding: 'utf8' }).stdout);
  assert.deepEqual(hessian.eigenvalues.map((v) => Number(v.toFixed(9))), [-2, 2]);
});
