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
  assert.match(stderr, /view\.directions: not a field of a connect view/);
  using(new module.LandscapeView(JSON.stringify(base)), (view) => {
    refuses(() => view.sliceRows(0, 1), /^sliceRows: not a trained slice view/);
    refuses(() => view.train(0), /^steps: /);
    assert.equal(JSON.parse(view.progress()).trained, false, 'the object still works after a refusal');
  });
});
