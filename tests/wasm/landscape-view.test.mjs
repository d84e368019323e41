// The landscape views in wasm (LandscapeView) against the native CLI (`landscape slice|
// interpolate|connect|sharpness FILE`), bit for bit, on every shipped scenario with a "view":
// the page's pieces (training in odd chunks, slice rows a few at a time, curve steps, one
// rescaling per request) give the CLI's numbers exactly. Bad input throws naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/tools/landscape');
const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
const module = await createLandscapeModule({
  wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')),
});
const scratch = await mkdtemp(path.join(tmpdir(), 'landscape-views-'));

function using(object, use) {
  try {
    return use(object);
  } finally {
    object.delete();
  }
}

// The view computed the way the page does it: in pieces, then result() for the rest.
function inPieces(view) {
  let progress;
  do progress = JSON.parse(view.train(777)); while (!progress.trained);
  const info = JSON.parse(view.info());
  if (info.kind === 'slice') {
    const n = info.alphas.length;
    for (let r = 0; r < n; r += 3) {
      const rows = view.sliceRows(r, Math.min(n, r + 3)).slice();
      assert.equal(rows.length, (Math.min(n, r + 3) - r) * n);
    }
    if (info.convexity) view.convexityRows(0, 2);
  } else if (info.kind === 'connect') {
    for (let k = 0; k < info.steps; k += 250) JSON.parse(view.curveStep(Math.min(250, info.steps - k)));
  } else if (info.kind === 'sharpness') {
    view.rescaled(0);
  }
  return JSON.parse(view.result());
}

const files = [];
for (const file of (await readdir(path.join(root, 'scenarios'))).filter((f) => f.endsWith('.json')).sort()) {
  const scenario = JSON.parse(await readFile(path.join(root, 'scenarios', file), 'utf8'));
  if (scenario.view) files.push([file, scenario]);
}

test('six shipped scenarios have a view', () => assert.ok(files.length >= 6, files.map(([f]) => f).join()));

for (const [file, scenario] of files) {
  test(`${file}: the wasm view in pieces equals the native CLI's ${scenario.view.kind} bit for bit`, async () => {
    // A smaller copy keeps the test quick; the code paths are the same.
    const small = structuredClone(scenario);
    if (small.view.kind === 'slice') {
      small.view.resolution = Math.min(small.view.resolution, 13);
      if (small.view.convexity) small.view.convexity.resolution = 4;
    }
    if (small.view.kind === 'connect') small.view.steps = 300;
    const smallFile = path.join(scratch, file);
    await writeFile(smallFile, JSON.stringify(small));
    const native = JSON.parse(execFileSync(cli, [small.view.kind, smallFile], { encoding: 'utf8' }));
    const wasm = using(new module.LandscapeView(JSON.stringify(small)), inPieces);
    assert.deepEqual(wasm, native);
  });
}

test('bad views throw an Error naming the field; the CLI says the same', async () => {
  const base = files.find(([f]) => f === 'connect-minima.json')[1];
  const refuses = (fn, pattern) => assert.throws(fn, (e) => e instanceof Error && pattern.test(e.message));
  const bad = { ...base, view: { ...base.view, curve: 'spline' } };
  refuses(() => new module.LandscapeView(JSON.stringify(bad)), /^view\.curve: unknown kind 'spline'/);
  const noView = { ...base };
  delete noView.view;
  refuses(() => new module.LandscapeView(JSON.stringify(noView)), /^view: missing/);
  const file = path.join(scratch, 'bad.json');
  await writeFile(file, JSON.stringify({ ...base, view: { ...base.view, directions: 'pca' } }));
  const { status, stderr } = spawnSync(cli, ['connect', file], { encoding: 'utf8' });
  assert.equal(status, 1);
  assert.match(stderr, /view\.directions: unknown field \(known: kind, seed, between, curve, steps, points, method, learning_rate, samples_per_step\)/);
  using(new module.LandscapeView(JSON.stringify(base)), (view) => {
    refuses(() => view.sliceRows(0, 1), /^sliceRows: not a trained slice view/);
    refuses(() => view.train(0), /^steps: /);
    assert.equal(JSON.parse(view.progress()).trained, false, 'the object still works after a refusal');
  });
});

test('interpolation.json: the CLI and wasm agree bit for bit; t = 0 and 1 are the end points; monotony is the core\'s', async () => {
  const [file, scenario] = files.find(([f]) => f === 'interpolation.json');
  const native = JSON.parse(execFileSync(cli, ['interpolate', path.join(root, 'scenarios', file)], { encoding: 'utf8' }));
  const wasm = using(new module.LandscapeView(JSON.stringify(scenario)), inPieces);
  assert.deepEqual(wasm, native);
  const { t, loss, test_loss: testLoss } = native.line;
  assert.equal(t.length, 81);
  assert.equal(loss[t.indexOf(0)], native.ends.loss[0]);
  assert.equal(loss[t.indexOf(1)], native.ends.loss[1]);
  assert.equal(testLoss[t.indexOf(1)], native.ends.test_loss[1]);
  assert.equal(native.ends.loss[1], native.runs[0].loss, 't = 1 is the trained point');
  // The monotony reported is that of the numbers reported.
  const inside = t.map((v, i) => [v, loss[i]]).filter(([v]) => v >= 0 && v <= 1);
  const rises = inside.slice(1).map(([, l], i) => l - inside[i][1]);
  assert.equal(native.monotone.positions, inside.length);
  assert.equal(native.monotone.decreasing, rises.every((r) => r <= 0));
  console.log(`# interpolation: loss ${native.ends.loss[0]} -> ${native.ends.loss[1]}, test ${native.ends.test_loss[0]} -> ${native.ends.test_loss[1]}, monotone ${JSON.stringify(native.monotone)}, test ${JSON.stringify(native.test_monotone)}`);
});

test('the live path: the slice\'s run trained again in any split, projected on the plane, ends at the origin', () => {
  const [, scenario] = files.find(([f]) => f === 'landscape-slice.json');
  const small = structuredClone(scenario);
  small.view.resolution = 5;
  const walk = (chunk) => using(new module.LandscapeView(JSON.stringify(small)), (view) => {
    assert.throws(() => view.replay(10, false), (e) => e instanceof Error && /^replay: not a trained slice view/.test(e.message));
    while (!JSON.parse(view.train(5000)).trained);
    const points = [];
    for (let first = true; ; first = false) {
      const reply = JSON.parse(view.replay(chunk, first));
      points.push(...reply.points);
      if (reply.done) return { points, current: reply.current };
    }
  });
  const a = walk(7), b = walk(1000);
  assert.deepEqual(a, b);
  assert.equal(a.points.length, small.steps / small.log_every + 1);
  assert.deepEqual(a.points.at(-1).slice(0, 3), [0, 0, small.steps]);
  assert.equal(a.points.at(-1)[4], 0);
  assert.ok(Math.hypot(a.points[0][0], a.points[0][1]) > 0, 'the start is off the centre');
});

test('landscapeHere: the CLI\'s slice of a wasm training\'s current weights has the current loss at its centre', async () => {
  const text = await readFile(path.join(root, 'scenarios/playground.json'), 'utf8');
  const { here, loss } = using(new module.Training(text), (training) => {
    training.advance(137);
    return { here: training.landscapeHere(), loss: JSON.parse(training.current()).loss };
  });
  const parsed = JSON.parse(here);
  assert.equal(parsed.steps, 0);
  assert.equal(parsed.view.kind, 'slice');
  const file = path.join(scratch, 'here.json');
  await writeFile(file, here);
  const native = JSON.parse(execFileSync(cli, ['slice', file], { encoding: 'utf8' }));
  const middle = (native.betas.length - 1) / 2;
  assert.equal(native.alphas[middle], 0);
  assert.equal(native.loss[middle][middle], loss);
});
