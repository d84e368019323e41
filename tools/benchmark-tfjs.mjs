// Why this file exists: the speed claim against a real peer, measured in one run.
// Our core (native build/native/tools/landscape_bench, and wasm under node) against
// TensorFlow.js (npm @tensorflow/tfjs, cpu and wasm backends) on the same networks and data:
//   (a) TensorFlow Playground's default: 2-4-2-1 tanh, mini-batches of 10 over 250 points;
//   (b) 2-32-32-1 tanh, full batch of 500 points.
// Plain SGD, loss 1/2 (o - t)^2, the same initialisation scheme. Prints epochs per second.
// Usage: node tools/benchmark-tfjs.mjs (after `make native wasm`; `make bench` runs it).
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
const module = await createLandscapeModule({ wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')) });

const SETUPS = [
  { name: '(a) 2-4-2-1 tanh, batch 10 of 250', file: 'bench/playground-default.json', hidden: [4, 2], points: 250, batch: 10, lr: 0.03 },
  { name: '(b) 2-32-32-1 tanh, full batch of 500', file: 'bench/playground-wide.json', hidden: [32, 32], points: 500, batch: 500, lr: 0.03 },
];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3); // per engine and setup

// Our core in wasm: steps per second over a whole run of the scenario (after a warm-up).
function oursWasm(text, seconds) {
  const scenario = JSON.parse(text);
  const run = (limit) => {
    const training = new module.Training(JSON.stringify({ ...scenario, steps: 100000000, log_every: 100000000 }));
    try {
      const start = performance.now();
      let steps = 0, chunk = 16;
      while (performance.now() - start < limit * 1000) {
        training.advance(chunk);
        steps += chunk;
        chunk = Math.min(chunk * 2, 4096);
      }
      return steps / ((performance.now() - start) / 1000);
    } finally {
      training.delete();
    }
  };
  run(0.3);
  return run(seconds);
}

function oursNative(file) {
  const out = execFileSync(path.join(root, 'build/native/tools/landscape_bench'), [path.join(root, file)], { encoding: 'utf8' });
  return Number(out.trim().split('\n')[1].trim().split(/\s+/)[2]);
}

// TensorFlow.js written the fast idiomatic way: tensors made once, one minimize per step,
// no synchronisation inside the timed loop except a final dataSync.
async function tfjs(backend, setup, seconds) {
  await tf.setBackend(backend);
  await tf.ready();
  const random = (() => { let s = 12345; return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648); })();
  const xs = [], ys = [];
  for (let i = 0; i < setup.points; i++) {
    const r = i % 2 ? 4 * random() : 0.5 * 5 * random(); // circle-like: inside (+1) and ring (-1)
    const a = 2 * Math.PI * random();
    xs.push([r * Math.sin(a), r * Math.cos(a)]);
    ys.push([i % 2 ? -1 : 1]);
  }
  const sizes = [2, ...setup.hidden, 1];
  const weights = [], biases = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    weights.push(tf.variable(tf.randomUniform([sizes[l], sizes[l + 1]], -0.5, 0.5)));
    biases.push(tf.variable(tf.fill([sizes[l + 1]], 0.1)));
  }
  const batches = [];
  for (let b = 0; b < setup.points; b += setup.batch) {
    batches.push([tf.tensor2d(xs.slice(b, b + setup.batch)), tf.tensor2d(ys.slice(b, b + setup.batch))]);
  }
  const optimizer = tf.train.sgd(setup.lr);
  const loss = (x, y) => {
    let h = x;
    for (let l = 0; l < weights.length; l++) h = tf.tanh(tf.add(tf.matMul(h, weights[l]), biases[l]));
    return tf.mul(0.5, tf.mean(tf.square(tf.sub(h, y))));
  };
  const epoch = () => { for (const [x, y] of batches) tf.tidy(() => { optimizer.minimize(() => loss(x, y)); }); };
  for (let i = 0; i < 3; i++) epoch(); // warm-up: kernels compiled, memory pooled
  weights[0].dataSync();
  const start = performance.now();
  let epochs = 0;
  while (performance.now() - start < seconds * 1000) {
    epoch();
    epochs++;
    if (epochs % 10 === 0) weights[0].dataSync();
  }
  weights[0].dataSync();
  const rate = epochs / ((performance.now() - start) / 1000);
  for (const t of [...weights, ...biases, ...batches.flat()]) t.dispose();
  optimizer.dispose();
  return rate;
}

setWasmPaths(`${path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
const rows = [];
for (const setup of SETUPS) {
  const text = await readFile(path.join(root, setup.file), 'utf8');
  const stepsPerEpoch = Math.ceil(setup.points / setup.batch);
  const native = oursNative(setup.file) / stepsPerEpoch;
  const wasm = oursWasm(text, SECONDS) / stepsPerEpoch;
  const cpu = await tfjs('cpu', setup, SECONDS);
  const tfWasm = await tfjs('wasm', setup, SECONDS);
  rows.push({ setup: setup.name, native, wasm, cpu, tfWasm });
}

const f = (v) => v.toFixed(v < 100 ? 1 : 0).padStart(11);
console.log(`\nepochs per second (node ${process.versions.node}, TensorFlow.js ${tf.version.tfjs})`);
console.log(`${'setup'.padEnd(40)} ${'ours native'.padStart(11)} ${'ours wasm'.padStart(11)} ${'tfjs cpu'.padStart(11)} ${'tfjs wasm'.padStart(11)} ${'wasm/best tf'.padStart(13)} ${'wasm/native'.padStart(12)}`);
for (const r of rows) {
  const best = Math.max(r.cpu, r.tfWasm);
  console.log(`${r.setup.padEnd(40)} ${f(r.native)} ${f(r.wasm)} ${f(r.cpu)} ${f(r.tfWasm)} ${(r.wasm / best).toFixed(1).padStart(12)}x ${(r.wasm / r.native).toFixed(2).padStart(12)}`);
}
