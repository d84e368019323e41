// Tests of the built wasm module under node. They mirror the native CLI: the same
// scenario must give the same trajectory natively and in wasm (the page's numbers are
// the CLI's numbers). Needs build/native (CLI) and build/wasm (module) built first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/tools/landscape');
const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
const module = await createLandscapeModule({
  wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')),
});

// Runs a scenario to the end in wasm, deleting the Training whatever happens.
function runInWasm(scenarioText, stepsPerCall = 777) {
  const training = new module.Training(scenarioText);
  try {
    const records = [];
    for (;;) {
      records.push(...JSON.parse(training.advance(stepsPerCall)));
      const status = JSON.parse(training.status());
      // A scenario of 0 steps logs its start only (the CLI prints current()).
      if (status.state === 'finished' && records.length === 0) records.push(JSON.parse(training.current()));
      if (status.state !== 'running') return { records, status };
    }
  } finally {
    training.delete();
  }
}

function relativeDifference(a, b) {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

// The shipped scenarios, and seeded ones (generated data, random initial weights).
const scenarioFiles = [];
for (const dir of ['scenarios', 'tests/wasm/scenarios']) {
  for (const f of await readdir(path.join(root, dir))) if (f.endsWith('.json')) scenarioFiles.push(`${dir}/${f}`);
}

// Network scenarios only (surface scenarios: scenarios.test.mjs). A scenario that trains until
// paused (the playground's 10^8 steps) is compared over its first 20,000 steps.
const { mkdtemp, writeFile } = await import('node:fs/promises');
const { tmpdir } = await import('node:os');
const capped = await mkdtemp(path.join(tmpdir(), 'landscape-capped-'));
for (const file of scenarioFiles) {
  const scenario = JSON.parse(await readFile(path.join(root, file), 'utf8'));
  if (scenario.surface) continue;
  test(`wasm reproduces the native CLI's trajectory for ${file}`, async () => {
    let text = await readFile(path.join(root, file), 'utf8');
    let input = path.join(root, file);
    if ((scenario.steps ?? 1000) > 1e6) {
      text = JSON.stringify({ ...scenario, steps: 20000 });
      input = path.join(capped, path.basename(file));
      await writeFile(input, text);
    }
    const native = execFileSync(cli, ['run', input], { encoding: 'utf8' })
      .trim().split('\n').map((line) => JSON.parse(line));
    const { records, status } = runInWasm(text);
    assert.equal(status.state, 'finished');
    assert.equal(records.length, native.length, 'same number of logged steps');
    let worst = 0;
    for (let i = 0; i < native.length; i++) {
      assert.equal(records[i].step, native[i].step);
      for (const key of ['loss', 'original_loss', 'grad_norm']) {
        worst = Math.max(worst, relativeDifference(records[i][key], native[i][key]));
      }
      if (native[i].a) {
        native[i].a.forEach((a, k) => { worst = Math.max(worst, relativeDifference(records[i].a[k], a)); });
      }
    }
    assert.ok(worst < 1e-12, `largest relative difference ${worst}`);
    // The core's arithmetic is deterministic by construction (portable_math.hpp, fixed-order
    // sums): the numbers are not just close but identical.
    assert.deepEqual(records.at(-1), native.at(-1));
  });
}

test('the trajectory does not depend on how many steps each advance() call takes', async () => {
  const text = await readFile(path.join(root, 'scenarios/rescue.json'), 'utf8');
  const a = runInWasm(text, 50).records.at(-1);
  const b = runInWasm(text, 100000).records.at(-1);
  assert.deepEqual(a, b);
});

test('advanceFor (the worker\'s reply a frame): the same records as advance, whatever the chunk and the time; at most maxSteps', async () => {
  const text = await readFile(path.join(root, 'scenarios/rescue.json'), 'utf8');
  const whole = runInWasm(text, 100000).records;
  const training = new module.Training(text);
  try {
    const records = [];
    let calls = 0;
    // A frame's budget of 1 ms and chunks of 37 steps: many calls, each at least one chunk.
    while (JSON.parse(training.status()).state === 'running') {
      const reply = JSON.parse(training.advanceFor(-1, 37, 1));
      assert.ok(reply.taken >= 37 || JSON.parse(training.status()).state !== 'running', `${reply.taken} steps in a call`);
      records.push(...reply.records);
      calls++;
    }
    assert.ok(calls > 1, `${calls} calls`);
    assert.deepEqual(records.at(-1), whole.at(-1), 'the same last record, bit for bit');
    assert.deepEqual(records.map((r) => r.step), whole.map((r) => r.step), 'the same records');
  } finally {
    training.delete();
  }
  // maxSteps bounds the call whatever the time left.
  const bounded = new module.Training(text);
  try {
    assert.equal(JSON.parse(bounded.advanceFor(10, 3, 60000)).taken, 10);
    assert.equal(JSON.parse(bounded.current()).step, 10);
  } finally {
    bounded.delete();
  }
});

test('a bad scenario throws an Error whose message names the field', () => {
  const cases = [
    ['{"data": {"kind": "inline", "x": [[1]], "y": [[1]]}, "model": {"layers": [{"units": 0}]}}', /^model\.layers\[0\]\.units: /],
    ['{"data": {"kind": "spiral"}, "model": {"inputs": 2, "layers": [{"units": 1}]}, "optimizer": {"learning_rate": -1}}', /^optimizer\.learning_rate: /],
    ['{"data": {"kind": "donut"}}', /^data\.kind: unknown kind 'donut'/],
    ['{"data": {"kind": "circle", "classes": 3}, "model": {"inputs": 2, "layers": [{"units": 3}]}, "loss": "cross_entropy"}', /^data\.classes: only spiral and gaussians come in more than 2 classes/],
    ['{"data": {"kind": "inline", "x": [[1], [2]], "y": [[0], [1e300]]}, "model": {"inputs": 1, "layers": [{"units": 3}]}, "loss": "cross_entropy"}', /^data\.y\[1\]: class labels must be whole numbers from 0 to 2 \(got 1e\+300\)/],
    ['{"steps": 10,', /^scenario: invalid JSON/],
  ];
  for (const [text, expected] of cases) {
    assert.throws(() => new module.Training(text), (error) => error instanceof Error && expected.test(error.message));
  }
});

test('diverging training pauses at the last finite state and says why', () => {
  const scenario = {
    data: { kind: 'inline', x: [[1], [2]], y: [[1], [-1]] },
    model: { inputs: 1, layers: [{ units: 1, activation: 'linear' }], init: { kind: 'params', params: [1, 0] } },
    optimizer: { kind: 'gd', learning_rate: 10 },
    steps: 1000,
    log_every: 1,
  };
  const { records, status } = runInWasm(JSON.stringify(scenario));
  assert.equal(status.state, 'diverged');
  assert.match(status.message, /diverged/);
  const last = records.at(-1);
  assert.ok(Number.isFinite(last.loss), 'the last record is finite');
  assert.equal(last.step, status.step);
});

test('curvature in wasm: the 2-3-1 linear network spectrum at the origin, and Lanczos against it', () => {
  const scenario = JSON.stringify({
    data: { kind: 'inline', x: [[1, 0], [0, 1], [-1, 0], [0, -1]], y: [[1], [2], [-1], [-2]] },
    model: { inputs: 2, layers: [{ units: 3, activation: 'linear', bias: false }, { units: 1, activation: 'linear', bias: false }],
      init: { kind: 'zeros' } },
    loss: 'half_squared', steps: 0,
  });
  const training = new module.Training(scenario);
  try {
    const spectrum = JSON.parse(training.spectrum());
    const c = Math.sqrt(1.25);
    [-c, -c, -c, 0, 0, 0, c, c, c].forEach((e, i) => assert.ok(Math.abs(spectrum.eigenvalues[i] - e) < 1e-12));
    assert.equal(spectrum.kind, 'saddle');
    const extremes = JSON.parse(training.extremes(9));
    assert.ok(Math.abs(extremes.smallest + c) < 1e-8);
    assert.ok(Math.abs(extremes.largest - c) < 1e-8);
  } finally {
    training.delete();
  }
});

// The Hessian's spectrum in wasm equals the native one bit for bit: the same exact
// Hessian-vector products and the same (scalar) Eigen eigen-solver. Caught a wasm SIMD
// miscompilation once; the widgets' curvature numbers are the CLI's numbers.
test('wasm spectra equal the native CLI\'s `hessian` bit for bit', async () => {
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const scratch = await mkdtemp(path.join(tmpdir(), 'landscape-spectrum-'));
  const base = JSON.parse(await readFile(path.join(root, 'scenarios/spectrum-while-training.json'), 'utf8'));
  const rescue = JSON.parse(await readFile(path.join(root, 'scenarios/rescue.json'), 'utf8'));
  const spiral = JSON.parse(await readFile(path.join(root, 'tests/wasm/scenarios/seeded-spiral-cross-entropy.json'), 'utf8'));
  const fourClasses = JSON.parse(await readFile(path.join(root, 'tests/wasm/scenarios/seeded-spiral-four-classes.json'), 'utf8'));
  const cases = {
    'spectrum-while-training at the start': { ...base, steps: 0 },
    'spectrum-while-training after 3000 gd steps': { ...base, steps: 3000 },
    'spectrum-while-training after 5 Newton steps': { ...base, steps: 5, optimizer: { kind: 'newton', learning_rate: 1, damping: 1e-4 } },
    'rescue with the neuron on': { ...rescue, steps: 4100 },
    'seeded spiral, cross-entropy': { ...spiral, steps: 50 },
    'four-class spiral, the neuron on': { ...fourClasses, steps: 80 },
  };
  for (const [name, scenario] of Object.entries(cases)) {
    const file = path.join(scratch, 'scenario.json');
    await writeFile(file, JSON.stringify(scenario));
    const native = JSON.parse(execFileSync(cli, ['hessian', file], { encoding: 'utf8' }));
    const training = new module.Training(JSON.stringify(scenario));
    try {
      training.advance(scenario.steps);
      const wasm = JSON.parse(training.spectrum());
      assert.ok(native.eigenvalues.length > 0, name);
      assert.deepEqual(wasm.eigenvalues, native.eigenvalues, name);
      assert.equal(wasm.kind, native.kind, name);
      assert.equal(wasm.grad_norm, native.grad_norm, name);
    } finally {
      training.delete();
    }
  }
});
