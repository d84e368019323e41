// Why this file exists: "fast" needs a peer. Trains the same networks on the same data
// from the same initial parameters with our core (native CLI and wasm under node) and with
// TensorFlow.js (cpu and wasm backends, node), and prints epochs per second side by side:
//  (a) TensorFlow Playground's default: 2-4-2-1 tanh, mini-batches of 10 over 250 points
//      (25 steps an epoch), plain SGD, loss 1/2 (o - t)^2, the points in stored order;
//  (b) 2-32-32-1 tanh, full batch of 500 points (one step an epoch), plain gradient descent.
// Usage: node tools/benchmark-tfjs.mjs [--seconds S]   (needs build/native and build/wasm)
// TF.js computes in float32, our core in float64: the comparison favours TF.js.
import { readFile, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const secondsArg = process.argv.indexOf('--seconds');
const budget = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 2; // per engine and setup

// TF.js greets node users with advice to install tfjs-node (a native backend, not one of
// the two compared here): keep the table readable.
for (const method of ['log', 'warn']) {
  const original = console[method];
  console[method] = (...args) => { if (!String(args[0]).includes('tfjs-node')) original(...args); };
}
const tf = await import('@tensorflow/tfjs');
const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
// Under node the wasm backend reads its .wasm with fs from this directory (a plain path).
setWasmPaths(path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);

// ---- The two setups: data, initial parameters, schedule -------------------------------

// A small seeded generator (mulberry32), so every run benchmarks the same points.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// (a): the Playground's own points and initial weights (tests/fixtures).
async function playgroundDefault() {
  const fixture = JSON.parse(await readFile(path.join(root, 'tests/fixtures/tfp-default-circle.json'), 'utf8'));
  return {
    label: '(a) 2-4-2-1 tanh, batch 10 of 250, sgd',
    units: [2, 4, 2, 1],
    x: fixture.train.map((p) => [p[0], p[1]]),
    y: fixture.train.map((p) => [p[2]]),
    layers: fixture.init.map((layer) => ({ weights: layer.weights, bias: layer.bias })),
    batch: 10,
    learningRate: fixture.config.lr,
    ourEpochs: 40000,
  };
}

// (b): the Playground's circle (inner disc +1, outer ring -1), 500 points, weights
// U(-0.5, 0.5) and biases 0.1 as in bench/playground-wide.json.
function wide() {
  const random = generator(1);
  const x = [], y = [];
  for (let i = 0; i < 500; i++) {
    const inside = i % 2 === 0;
    const r = inside ? random() * 2.5 : 3.5 + random() * 1.5;
    const angle = random() * 2 * Math.PI;
    x.push([r * Math.sin(angle), r * Math.cos(angle)]);
    y.push([inside ? 1 : -1]);
  }
  const units = [2, 32, 32, 1];
  const layers = units.slice(1).map((n, l) => ({
    weights: Array.from({ length: n }, () => Array.from({ length: units[l] }, () => random() - 0.5)),
    bias: Array(n).fill(0.1),
  }));
  return { label: '(b) 2-32-32-1 tanh, full batch 500, gd', units, x, y, layers, batch: 500, learningRate: 0.03, ourEpochs: 3000 };
}

// Our scenario for a setup: inline data, explicit parameters (W row-major, units x inputs,
// then b, layer by layer), batches in stored order, one record at the end only.
function scenario(setup, epochs) {
  const steps = epochs * Math.ceil(setup.x.length / setup.batch);
  return JSON.stringify({
    name: setup.label,
    data: { kind: 'inline', x: setup.x, y: setup.y },
    model: {
      inputs: setup.units[0],
      layers: setup.units.slice(1).map((units) => ({ units, activation: 'tanh' })),
      init: { kind: 'params', params: setup.layers.flatMap((l) => [...l.weights.flat(), ...l.bias]) },
    },
    loss: 'half_squared',
    optimizer: { kind: 'gd', learning_rate: setup.learningRate, batch_size: setup.batch, shuffle: false },
    steps,
    log_every: steps,
  });
}

// ---- Our core ---------------------------------------------------------------------------

const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
const landscape = await createLandscapeModule({ wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')) });

// Epochs per second of one full run in wasm, and the loss at the start.
function oursWasm(setup) {
  const run = (epochs) => {
    const training = new landscape.Training(scenario(setup, epochs));
    try {
      const initialLoss = JSON.parse(training.current()).loss;
      const start = performance.now();
      while (JSON.parse(training.status()).state === 'running') training.advance(1 << 20);
      return { rate: epochs / ((performance.now() - start) / 1000), initialLoss };
    } finally {
      training.delete();
    }
  };
  run(Math.max(1, setup.ourEpochs / 10)); // warm-up: V8 tiers the wasm code up
  const first = run(setup.ourEpochs), second = run(setup.ourEpochs);
  return { ...second, rate: Math.max(first.rate, second.rate) };
}

// Epochs per second natively (tools/benchmark.cpp prints steps per second), best of two.
async function oursNative(setup) {
  const dir = await mkdtemp(path.join(tmpdir(), 'landscape-tfjs-'));
  try {
    const file = path.join(dir, 'setup.json');
    await writeFile(file, scenario(setup, setup.ourEpochs));
    const out = execFileSync(path.join(root, 'build/native/tools/landscape_bench'), [file, file], { encoding: 'utf8' });
    const stepsPerEpoch = Math.ceil(setup.x.length / setup.batch);
    const rates = out.trim().split('\n').slice(1).map((line) => Number(line.trim().split(/\s+/)[2]) / stepsPerEpoch);
    return { rate: Math.max(...rates) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---- TensorFlow.js ----------------------------------------------------------------------

// The idiomatic fast loop: variables, data as tensors made once (the mini-batches too), one
// optimizer.minimize per step inside tf.tidy, no readback until the clock stops.
async function tfjs(setup, backend) {
  await tf.setBackend(backend);
  await tf.ready();
  return tf.tidy(() => {
    const params = setup.layers.map((l) => ({
      w: tf.variable(tf.tensor2d(l.weights).transpose()), // inputs x units
      b: tf.variable(tf.tensor1d(l.bias)),
    }));
    const batches = [];
    for (let i = 0; i < setup.x.length; i += setup.batch) {
      batches.push({ x: tf.keep(tf.tensor2d(setup.x.slice(i, i + setup.batch))), y: tf.keep(tf.tensor2d(setup.y.slice(i, i + setup.batch))) });
    }
    const loss = (x, y) => {
      let a = x;
      for (const { w, b } of params) a = tf.tanh(tf.add(tf.matMul(a, w), b));
      return tf.mul(0.5, tf.mean(tf.square(tf.sub(a, y))));
    };
    const initialLoss = tf.tidy(() => {
      const all = tf.tensor2d(setup.x), target = tf.tensor2d(setup.y);
      return loss(all, target).dataSync()[0];
    });
    const optimizer = tf.train.sgd(setup.learningRate);
    const epoch = () => {
      for (const { x, y } of batches) tf.tidy(() => { optimizer.minimize(() => loss(x, y)); });
    };
    for (let i = 0; i < 3; i++) epoch(); // warm-up: kernels compiled, buffers allocated
    params[0].w.dataSync();
    let epochs = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < budget) {
      epoch();
      epochs++;
      if (epochs % 4 === 0) elapsed = (performance.now() - start) / 1000;
    }
    params.at(-1).b.dataSync(); // the last step has really run
    elapsed = (performance.now() - start) / 1000;
    const result = { rate: epochs / elapsed, initialLoss };
    optimizer.dispose();
    for (const p of params) { p.w.dispose(); p.b.dispose(); }
    for (const b of batches) { b.x.dispose(); b.y.dispose(); }
    return result;
  });
}

// ---- The table --------------------------------------------------------------------------

const setups = [await playgroundDefault(), wide()];
const rows = [];
for (const setup of setups) {
  const native = await oursNative(setup);
  const wasm = oursWasm(setup);
  const cpu = await tfjs(setup, 'cpu');
  const tfWasm = await tfjs(setup, 'wasm');
  rows.push({ setup, native, wasm, cpu, tfWasm });
}

const f = (v, w) => (v >= 100 ? v.toFixed(0) : v.toPrecision(3)).padStart(w);
console.log(`epochs per second (an epoch: one pass over the training points); TF.js ${tf.version.tfjs}, float32; ours float64`);
console.log(`${'setup'.padEnd(40)} ${'ours native'.padStart(11)} ${'ours wasm'.padStart(10)} ${'tfjs cpu'.padStart(9)} ${'tfjs wasm'.padStart(10)}` +
  ` ${'native/tfjs'.padStart(11)} ${'wasm/tfjs'.padStart(10)} ${'wasm/native'.padStart(11)}`);
for (const { setup, native, wasm, cpu, tfWasm } of rows) {
  const best = Math.max(cpu.rate, tfWasm.rate);
  console.log(`${setup.label.padEnd(40)} ${f(native.rate, 11)} ${f(wasm.rate, 10)} ${f(cpu.rate, 9)} ${f(tfWasm.rate, 10)}` +
    ` ${f(native.rate / best, 10)}x ${f(wasm.rate / best, 9)}x ${(wasm.rate / native.rate).toFixed(2).padStart(11)}`);
}
console.log('(x/tfjs: against the faster TF.js backend.) Same network, data and start: the initial loss, ours / TF.js:');
for (const { setup, wasm, cpu, tfWasm } of rows) {
  console.log(`  ${setup.label.padEnd(40)} ${wasm.initialLoss.toPrecision(8)} / ${cpu.initialLoss.toPrecision(8)} (cpu), ${tfWasm.initialLoss.toPrecision(8)} (wasm)`);
}
