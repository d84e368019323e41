// The playground's state without a browser: URL round trip, validation messages naming the
// field, exact checkpoints, CSV parsing, and the scenario the core accepts for each state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { DEFAULTS, decodeNumbers, encodeNumbers, fromQuery, parseCsv, toQuery, toScenario, validate } from '../../web/src/playground-state.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
const module = await createLandscapeModule({ wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')) });

const EXAMPLE = {
  ...DEFAULTS, data: 'spiral', noise: 15, test: 30, dseed: 7, features: ['x1', 'x2', 'x1*x2', 'sin(x1)'],
  layers: [8, 8, 5], activation: 'relu', loss: 'cross_entropy', optimizer: 'adam', lr: 0.003, batch: 25,
  reg: 'l2', rate: 0.001, init: 'random', seed: 42, neuron: true, lambda: 0.1, stop: 0.01, showTest: true,
  discretize: true, ckpt: [0.1, -1 / 3, Math.PI, 1e-300, -0, 5e-324],
};

test('state -> URL -> state is the identity, checkpoints to the last bit', () => {
  const { state, errors } = fromQuery(toQuery(EXAMPLE));
  assert.deepEqual(errors, []);
  assert.deepEqual(state, EXAMPLE);
  assert.equal(toQuery(DEFAULTS), '', 'defaults make an empty query');
  assert.deepEqual(fromQuery('').state, { ...DEFAULTS });
  assert.deepEqual(fromQuery(toQuery({ ...DEFAULTS, layers: [] })).state.layers, []);
  const values = [Math.E, -2.5e-310, 123456789.123456789];
  assert.deepEqual(decodeNumbers(encodeNumbers(values)), values);
});

test('bad values are refused with a message naming the field', () => {
  const cases = [
    ['lr', '', /^learning rate: "" is not a number/], ['lr', 'fast', /^learning rate: "fast" is not a number/],
    ['lr', '-0.1', /^learning rate: must be above 0/], ['lr', '1e9', /^learning rate: must be above 0 and at most 10/],
    ['lr', 'NaN', /^learning rate: "NaN" is not a number/], ['batch', '2.5', /^batch size: must be a whole number/],
    ['batch', '0', /^batch size: must be from 1 to 500/], ['rate', '-1', /^regularization rate: must be from 0 to 10/],
    ['lambda', '0', /^lambda: must be above 0/], ['seed', 'x', /^seed: "x" is not a number/],
    ['noise', '99', /^noise: must be from 0 to 50/], ['layers', '4,0', /^neurons per layer: must be a whole number from 1 to 32/],
    ['layers', '1,1,1,1,1,1,1,1,1', /^hidden layers: at most 8/], ['features', [], /^features: choose at least one/],
    ['data', 'donut', /^data set: unknown value "donut"/], ['stop', 'Infinity', /^stop at loss: "Infinity" is not a number/],
  ];
  for (const [field, raw, message] of cases) assert.match(validate(field, raw).error ?? '', message, `${field} = ${JSON.stringify(raw)}`);
  const { state, errors } = fromQuery('lr=abc&layers=4,99&bogus=1&seed=3');
  assert.equal(state.lr, DEFAULTS.lr);
  assert.deepEqual(state.layers, DEFAULTS.layers);
  assert.equal(state.seed, 3);
  assert.equal(errors.length, 3);
});

test('CSV: three numbers a line, labels to +-1, errors name the line', () => {
  assert.deepEqual(parseCsv('x1,x2,label\n1,2,1\n-3, 0.5, 0\n'), [[1, 2, 1], [-3, 0.5, -1]]);
  assert.throws(() => parseCsv('1,2,1\n3,4'), /CSV line 2: expected three numbers/);
  assert.throws(() => parseCsv('1,2,1\n30,4,1'), /CSV line 2: x1 and x2 must lie in \[-6, 6\]/);
  assert.throws(() => parseCsv('1,2,1'), /at least two points/);
});

test('every state gives a scenario the core accepts, with what the controls set', () => {
  const states = [DEFAULTS, { ...EXAMPLE, ckpt: null }, { ...DEFAULTS, data: 'sine', problem: 'regression', features: ['x1', 'x2', 'sin(x2)', 'x1^2'] },
    { ...DEFAULTS, data: 'plane', problem: 'regression', optimizer: 'saddle_free_newton', lr: 0.5 }, { ...DEFAULTS, init: 'zeros', layers: [] },
    { ...DEFAULTS, data: 'custom', custom: [[1, 1, 1], [-1, -1, -1], [2, -2, 1]] }, { ...DEFAULTS, layers: Array(8).fill(32) }];
  for (const state of states) {
    const { scenario } = toScenario(state);
    const training = new module.Training(JSON.stringify(scenario));
    try {
      assert.equal(training.error(), '', JSON.stringify(state));
      const info = JSON.parse(training.info());
      assert.equal(info.layers.length, state.layers.length + 1);
      assert.equal(info.problem, state.problem);
      assert.equal(info.added_neuron, state.neuron);
    } finally {
      training.delete();
    }
  }
  assert.deepEqual(toScenario({ ...DEFAULTS, data: 'sine', problem: 'regression', features: ['x2'] }).scenario.data.features, ['x1']);
});
