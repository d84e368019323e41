// The catalog is what the core accepts: every name it lists is taken by the parser in wasm,
// and a name it does not list is refused with an Error naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
const module = await createLandscapeModule({
  wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')),
});
const catalog = JSON.parse(module.catalog());

const base = {
  data: { kind: 'inline', x: [[0.5], [1.0]], y: [[0.1], [0.2]] },
  model: { inputs: 1, layers: [{ units: 1, activation: 'tanh' }] },
  steps: 2,
};

// Builds a Training (deleted at once): throws the core's Error when the scenario is refused.
function accepts(scenario) {
  new module.Training(JSON.stringify(scenario)).delete();
  return true;
}

test('the catalog has the documented shape', () => {
  for (const key of ['datasets', 'features', 'activations', 'losses', 'regularizations', 'inits', 'optimizers',
    'surfaces', 'limits', 'tolerances']) assert.ok(key in catalog, key);
  assert.deepEqual(catalog.features, ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)']);
  assert.deepEqual(catalog.regularizations, ['none', 'l1', 'l2']);
  assert.deepEqual(catalog.inits, ['normal', 'uniform', 'zeros', 'params']);
  assert.equal(catalog.limits.dense_hessian_parameters, 2000);
  assert.equal(catalog.tolerances.global_minimum, 1e-8);
  assert.deepEqual(catalog.datasets.find((d) => d.name === 'sine'), { name: 'sine', problem: 'regression', inputs: 1 });
  const newton = catalog.optimizers.find((o) => o.name === 'newton');
  assert.equal(newton.hessian, true);
  assert.deepEqual(Object.keys(newton.defaults), ['learning_rate', 'damping']);
});

test('every optimizer of the catalog parses with its defaults; an unknown one is refused naming optimizer.kind', () => {
  for (const optimizer of catalog.optimizers) {
    const spec = { kind: optimizer.name, ...optimizer.defaults };
    if (optimizer.required.includes('batch_size')) spec.batch_size = 1;
    assert.ok(accepts({ ...base, optimizer: spec }), optimizer.name);
  }
  assert.throws(() => accepts({ ...base, optimizer: { kind: 'lbfgs' } }),
    (error) => error instanceof Error && /^optimizer\.kind: unknown kind 'lbfgs'/.test(error.message));
});

test('every data set, activation, loss, regularization and surface of the catalog is accepted', () => {
  for (const d of catalog.datasets) {
    assert.ok(accepts({ ...base, data: { kind: d.name, points: 20 }, model: { ...base.model, inputs: d.inputs } }), d.name);
  }
  for (const activation of catalog.activations) {
    assert.ok(accepts({ ...base, model: { inputs: 1, layers: [{ units: 1, activation }] } }), activation);
  }
  for (const loss of catalog.losses) {
    const units = loss === 'cross_entropy' ? 2 : 1;
    const data = loss === 'cross_entropy' ? { kind: 'inline', x: [[0.5], [1.0]], y: [[1], [-1]] } : base.data;
    assert.ok(accepts({ ...base, data, loss, model: { inputs: 1, layers: [{ units }] } }), loss);
  }
  for (const kind of catalog.regularizations) assert.ok(accepts({ ...base, regularization: { kind, rate: 0.1 } }), kind);
  for (const s of catalog.surfaces) {
    const surface = new module.Surface(s.name, 1, 1);
    try {
      assert.equal(JSON.parse(surface.info()).formula, s.formula);
    } finally {
      surface.delete();
    }
  }
  assert.throws(() => new module.Surface('donut', 1, 1), /^Error: surface: unknown kind 'donut'/);
});
