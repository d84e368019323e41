// Why this file exists: speed is measured, not asserted. Runs each scenario to its end
// in the native core (build/native/tools/landscape_bench) and in the wasm module under
// node, and prints steps per second side by side. Usage: node tools/benchmark.mjs [files]
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { curvatureNetworks, curvatureScenario } from './curvature-nets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const curvatureOnly = process.argv[2] === '--curvature';
const landscapeOnly = process.argv[2] === '--landscape';
const files = curvatureOnly || landscapeOnly ? [] : process.argv.slice(2).length ? process.argv.slice(2) : [
  'scenarios/rescue.json', 'scenarios/relu-blind-spot.json', 'scenarios/relu-blind-spot-fixed-step.json',
  'tests/wasm/scenarios/seeded-moons-sine.json', 'tests/wasm/scenarios/seeded-spiral-cross-entropy.json',
];
const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
const module = await createLandscapeModule({ wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')) });

// The playground page's own default run, as the core builds it from the page's default settings
// (TensorFlow Playground's network, with a record of the loss and the accuracy on the training
// and the test points every epoch), 50,000 steps of it: what a reader's first run costs.
if (files.length) {
  const scenario = JSON.parse(module.playgroundScenario('{}')).scenario;
  scenario.steps = 50000;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'landscape-bench-')), 'playground-page-default.json');
  writeFileSync(file, JSON.stringify(scenario));
  files.push(file);
}

// Each figure is the best of RUNS runs: on a shared or virtual machine other load only ever
// adds time, and a single run of the default network varied by a quarter from minute to minute.
const RUNS = 3;
const nativeOut = execFileSync(path.join(root, 'build/native/tools/landscape_bench'),
  files.flatMap((f) => Array(RUNS).fill(path.resolve(root, f))), { encoding: 'utf8' });
const native = new Map();
for (const line of nativeOut.trim().split('\n').slice(1)) {
  const [file, steps, rate] = line.trim().split(/\s+/);
  const key = path.resolve(root, file);
  native.set(key, Math.max(native.get(key) ?? 0, Number(rate)));
}

if (files.length) console.log(`${'scenario'.padEnd(52)} ${'native steps/s'.padStart(15)} ${'wasm steps/s'.padStart(13)} ${'wasm/native'.padStart(12)}`);
// Steps per second of one full run in wasm.
function wasmRate(text) {
  const training = new module.Training(text);
  try {
    const start = performance.now();
    while (JSON.parse(training.status()).state === 'running') training.advance(1 << 20);
    return JSON.parse(training.status()).step / ((performance.now() - start) / 1000);
  } finally {
    training.delete();
  }
}

for (const file of files) {
  const text = await readFile(path.resolve(root, file), 'utf8');
  {
    wasmRate(text); // warm-up: V8 tiers the wasm code up during the first run
    const rate = Math.max(...Array.from({ length: RUNS }, () => wasmRate(text)));
    const nativeRate = native.get(path.resolve(root, file));
    const name = file.startsWith(tmpdir()) ? "the playground page's default run" : file;
    console.log(`${name.padEnd(52)} ${nativeRate.toFixed(0).padStart(15)} ${rate.toFixed(0).padStart(13)} ${(rate / nativeRate).toFixed(2).padStart(12)}`);
  }
}

// Landscape views: the 51 x 51 filter-normalised slice of the 1,000-parameter network (the
// network of --curvature), natively (landscape_bench --landscape) and in wasm through the
// page's path (LandscapeView.sliceRows, all 51 rows in one call; the page asks for 2 at a time).
if (landscapeOnly || process.argv.length <= 2) {
  const nativeLines = execFileSync(path.join(root, 'build/native/tools/landscape_bench'), ['--landscape'], { encoding: 'utf8' });
  const nativeSlice = nativeLines.split('\n').find((line) => line.startsWith('slice 51x51'));
  const nativeSeconds = Number(/: ([0-9.]+) s/.exec(nativeSlice)[1]);
  const scenario = JSON.parse(curvatureScenario([30, 28]));
  scenario.view = { kind: 'slice', directions: 'filter', resolution: 51, range: 1, seed: 1 };
  const view = new module.LandscapeView(JSON.stringify(scenario));
  try {
    while (!JSON.parse(view.train(1e6)).trained);
    const times = [];
    let values;
    for (let r = 0; r < 4; r++) { // the first is V8's warm-up
      const start = performance.now();
      values = view.sliceRows(0, 51).slice();
      times.push((performance.now() - start) / 1000);
    }
    const wasmSeconds = Math.min(...times.slice(1));
    let lo = Infinity, hi = -Infinity;
    for (const v of values) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    console.log(`\nlandscape slice 51x51, filter-normalised, 2-30-28-1 tanh (${JSON.parse(view.info()).parameter_count} parameters, 200 points)`);
    console.log(`  native ${nativeSeconds.toFixed(3)} s, wasm ${wasmSeconds.toFixed(3)} s (${(wasmSeconds / 51 * 1000).toFixed(1)} ms a row), wasm/native ${(wasmSeconds / nativeSeconds).toFixed(2)}; loss ${lo.toFixed(4)}..${hi.toFixed(4)}`);
    console.log(`  native: ${nativeSlice.trim()}`);
  } finally {
    view.delete();
  }
  // The live path of <lll-landscape-slice> (scenarios/landscape-slice.json): its run trained
  // again in one request, each logged point projected on the plane by the core (a few dot
  // products and a loss per point), against the first training of the same run.
  const sliceScenario = JSON.parse(await readFile(path.join(root, 'scenarios/landscape-slice.json'), 'utf8'));
  sliceScenario.view.resolution = 5;
  const live = new module.LandscapeView(JSON.stringify(sliceScenario));
  try {
    const trainStart = performance.now();
    while (!JSON.parse(live.train(1e6)).trained);
    const trainSeconds = (performance.now() - trainStart) / 1000;
    const replayStart = performance.now();
    const replay = JSON.parse(live.replay(1e6, true));
    const replaySeconds = (performance.now() - replayStart) / 1000;
    console.log(`\nlive path (landscape-slice.json, wasm): ${replay.step} steps and ${replay.points.length} projected points in ${replaySeconds.toFixed(3)} s; the first training ${trainSeconds.toFixed(3)} s (with the directions); ends at (${replay.current[0]}, ${replay.current[1]})`);
  } finally {
    live.delete();
  }
  // The interpolation widget's view (scenarios/interpolation.json): training, then the 81
  // points of the line on the training and the test points, in wasm.
  const interpolationText = await readFile(path.join(root, 'scenarios/interpolation.json'), 'utf8');
  const line = new module.LandscapeView(interpolationText);
  try {
    const start = performance.now();
    const result = JSON.parse(line.result());
    console.log(`\ninterpolation (scenarios/interpolation.json, ${result.parameter_count} parameters): trained and ${result.line.t.length} points of the line in ${((performance.now() - start) / 1000).toFixed(3)} s (wasm); loss ${result.ends.loss[0].toFixed(4)} at t = 0, ${result.ends.loss[1].toFixed(4)} at t = 1; only falls between: ${result.monotone.decreasing}`);
  } finally {
    line.delete();
  }
}

// Curvature: dense Hessian + full spectrum, and 40 Lanczos steps, natively and in wasm.
if (curvatureOnly || process.argv.length <= 2) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'landscape-bench-'));
  const nets = curvatureNetworks.map((net, i) => {
    const file = path.join(scratch, `net-${i}.json`);
    writeFileSync(file, curvatureScenario(net.hidden));
    return { ...net, file };
  });
  const out = execFileSync(path.join(root, 'build/native/tools/landscape_bench'), ['--curvature', ...nets.map((n) => n.file)],
    { encoding: 'utf8' });
  const nativeTimes = out.trim().split('\n').slice(1).map((line) => line.trim().split(/\s+/).slice(1).map(Number));
  const best = (run, repeats) => {
    let t = Infinity;
    for (let r = 0; r < repeats; r++) {
      const start = performance.now();
      run();
      t = Math.min(t, (performance.now() - start) / 1000);
    }
    return t;
  };
  console.log(`\n${'network (200 points)'.padEnd(22)} ${'params'.padStart(7)} ${'spectrum native'.padStart(16)} ${'wasm'.padStart(9)} ${'lanczos40 native'.padStart(17)} ${'wasm'.padStart(9)}`);
  nets.forEach((net, i) => {
    const training = new module.Training(curvatureScenario(net.hidden));
    try {
      const [params, nativeSpectrum, nativeLanczos] = nativeTimes[i];
      training.extremes(5); // warm-up
      const spectrum = params <= 2000 ? best(() => training.spectrum(), params > 500 ? 1 : 3) : NaN;
      const lanczos = best(() => training.extremes(40), 3);
      const s = (v) => (Number.isFinite(v) && v >= 0 ? `${(v * 1000).toFixed(1)} ms` : '–').padStart(9);
      console.log(`${net.label.padEnd(22)} ${String(params).padStart(7)} ${s(nativeSpectrum).padStart(16)} ${s(spectrum)} ${s(nativeLanczos).padStart(17)} ${s(lanczos)}`);
    } finally {
      training.delete();
    }
  });
}
