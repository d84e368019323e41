// Every shipped scenario file, and every compare variant of it, loads in wasm and starts where
// the native CLI starts, bit for bit (surface scenarios: the whole path; critical-point
// searches: the first of each kind). Bad input throws an Error naming the field, and refused
// requests leak nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/tools/landscape');
const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
const module = await createLandscapeModule({
  wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')),
});
const scratch = await mkdtemp(path.join(tmpdir(), 'landscape-scenarios-'));

function lines(text) {
  return text.trim().split('\n').map((line) => JSON.parse(line));
}

// Uses a JS object and deletes it whatever happens.
function using(object, use) {
  try {
    return use(object);
  } finally {
    object.delete();
  }
}

const files = (await readdir(path.join(root, 'scenarios'))).filter((f) => f.endsWith('.json')).sort();

for (const file of files) {
  test(`${file}: the scenario and each compare variant start in wasm where the native CLI starts`, async () => {
    const text = await readFile(path.join(root, 'scenarios', file), 'utf8');
    const info = JSON.parse(module.scenarioInfo(text));
    assert.ok(info.description.length > 40, 'says which figure it drives');
    for (const variant of ['', ...info.compare.map((v) => v.name)]) {
      const variantText = module.scenarioVariant(text, variant);
      const scenario = JSON.parse(variantText);
      assert.ok(!('compare' in scenario), variant);
      if (info.kind === 'surface') {
        const args = variant ? ['run', '--variant', variant, path.join(root, 'scenarios', file)] : ['run', path.join(root, 'scenarios', file)];
        const native = lines(execFileSync(cli, args, { encoding: 'utf8' }));
        const points = using(new module.Surface(text), (s) => JSON.parse(s.path(variant, ...info.start)).points);
        assert.equal(points.length, native.length, variant);
        points.forEach(([x, y], i) => {
          assert.equal(x, native[i].x, `${variant} point ${i}`);
          assert.equal(y, native[i].y, `${variant} point ${i}`);
        });
        continue;
      }
      // The first record does not depend on how long the scenario runs: run the CLI for one step.
      const file1 = path.join(scratch, `${variant || 'main'}-${file}`);
      await writeFile(file1, JSON.stringify({ ...scenario, steps: Math.min(scenario.steps ?? 1000, 1) }));
      const nativeFirst = lines(execFileSync(cli, ['run', file1], { encoding: 'utf8' }))[0];
      using(new module.Training(variantText), (training) => {
        const current = JSON.parse(training.current());
        // current() always reports everything; a summary record leaves the arrays out.
        for (const [key, value] of Object.entries(nativeFirst)) assert.deepEqual(current[key], value, `${variant} ${key}`);
        if (scenario.steps > 0) assert.deepEqual(JSON.parse(training.advance(1))[0], nativeFirst, variant);
      });
    }
    if (info.critical_point_searches > 0) {
      const search = JSON.parse(await readFile(path.join(root, 'scenarios', file), 'utf8'));
      const starts = search.critical_points.starts;
      // The first random start and the first polished one, natively: a copy with one of each.
      const small = { ...search, critical_points: { ...search.critical_points, starts: 1,
        polish: { ...search.critical_points.polish, starts: 1, stops: search.critical_points.polish.stops.slice(0, 1) } } };
      const smallFile = path.join(scratch, `small-${file}`);
      await writeFile(smallFile, JSON.stringify(small));
      const native = lines(execFileSync(cli, ['critical-points', smallFile], { encoding: 'utf8' }));
      assert.equal(native.length, 2);
      using(new module.CriticalPointSearch(text), (s) => {
        assert.equal(s.count(), info.critical_point_searches);
        assert.deepEqual(JSON.parse(s.run(0)), native[0]);
        assert.deepEqual({ ...JSON.parse(s.run(starts)), search: 1 }, native[1]);
      });
    }
  });
}

test('bad input throws an Error naming the field, never an abort', async () => {
  const rescue = await readFile(path.join(root, 'scenarios/rescue.json'), 'utf8');
  const saddle = await readFile(path.join(root, 'scenarios/saddle-explorer.json'), 'utf8');
  const refuses = (fn, pattern) => assert.throws(fn, (e) => e instanceof Error && pattern.test(e.message));
  refuses(() => new module.Training('{"data": {"kind": "donut"}}'), /^data\.kind: unknown kind 'donut'/);
  refuses(() => new module.Training(saddle), /^surface: /);
  refuses(() => new module.Surface(rescue), /^surface: missing/);
  refuses(() => new module.CriticalPointSearch(rescue), /^critical_points: missing/);
  refuses(() => module.scenarioVariant(rescue, 'adam'), /^compare: no variant named 'adam' \(known: original\)/);
  refuses(() => module.scenarioInfo('{"steps": 1,'), /^scenario: invalid JSON/);
  const bad = JSON.parse(rescue);
  bad.compare = [{ name: 'x', patch: { optimizer: { kind: 'lbfgs' } } }];
  refuses(() => module.scenarioVariant(JSON.stringify(bad), 'x'), /^compare\[0\]\.patch\.optimizer\.kind: /);
  using(new module.Surface(saddle), (surface) => {
    refuses(() => surface.grid(100000, 100000), /^grid: nx and ny must be from 2 to/);
    refuses(() => surface.path(JSON.stringify({ kind: 'gd' }), 0, 0, 1e12, 1), /^steps: /);
    refuses(() => surface.path('nope', 0, 0), /^compare: no variant named 'nope'/);
    assert.equal(surface.grid(3, 3).length, 9, 'the object still works after a refusal');
  });
  using(new module.Training(rescue), (training) => {
    refuses(() => training.field(100000, -1, 1, -1, 1, false), /^n: must be from 2 to 400/);
    refuses(() => training.extremes(0), /^steps: must be from 1/);
    assert.equal(JSON.parse(training.layout()).size, 1);
  });
});

test('refused requests leak nothing: 1,000 bad Trainings return heapBytes to its start', () => {
  const bad = JSON.stringify({ name: 'x'.repeat(200), data: { kind: 'inline', x: [[1]], y: [[1]] },
    model: { inputs: 1, layers: [{ units: 1 }] }, optimizer: { learning_rate: -1 } });
  const attempt = () => assert.throws(() => new module.Training(bad), /optimizer\.learning_rate/);
  for (let i = 0; i < 10; i++) attempt(); // the first calls may allocate what stays (static tables)
  const before = module.heapBytes();
  for (let i = 0; i < 1000; i++) attempt();
  assert.equal(module.heapBytes(), before);
  const surfaceBefore = module.heapBytes();
  using(new module.Surface('product', 1, 1), (surface) => {
    for (let i = 0; i < 100; i++) assert.throws(() => surface.grid(1, 1e9));
  });
  assert.equal(module.heapBytes(), surfaceBefore);
});
