// The playground's state without a browser: URL round trip, the core's messages naming the
// field (the page validates nothing itself), exact checkpoints, CSV parsing, and the scenario the core accepts for each state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  ACTIVATIONS, CLASS_SETS, DATASETS, DEFAULTS, OPTIMIZERS, STATE_KEYS, decodeNumbers, encodeNumbers, fromQuery as readQuery, toQuery,
  coreCsvReader, coreReader, readChange, toScenario, useCatalog,
} from '../../web/src/playground/url-state.js';
import { loadModule } from './core-module.mjs';

const module = await loadModule();
// The playground's lists are the core's: filled from its catalog, as the page does.
useCatalog(JSON.parse(module.catalog()));
// The core builds each state's scenario (core/apps/playground.hpp), as the page's worker does.
const build = (settings) => JSON.parse(module.playgroundScenario(JSON.stringify(settings)));
// The core reads a link's settings (core/apps/playground.hpp), as the page's worker does.
const read = coreReader(module);
const fromQuery = (query) => readQuery(query, read);
// A control's change over the current settings, and own points from CSV text: the core's (the page's worker asks the same).
const validate = async (field, raw, base = DEFAULTS) => readChange([[field, raw]], read, base);
const parseCsv = coreCsvReader(module);

test('a link of any age opens the same: its keys are the core\'s settings, in the order links write them', () => {
  // The page takes its link keys from the core's table (catalog().playground.fields); these are
  // the keys of every link written so far: a key renamed or dropped there would break them.
  assert.deepEqual(STATE_KEYS, ['data', 'classes', 'noise', 'test', 'dseed', 'features', 'layers', 'activation', 'problem',
    'loss', 'optimizer', 'lr', 'batch', 'reg', 'rate', 'init', 'seed', 'neuron', 'lambda', 'stop', 'showTest',
    'discretize', 'custom', 'ckpt']);
  assert.match(toQuery({ ...DEFAULTS, lr: 0.3, data: 'xor', ckpt: null }), /^data=xor&lr=0.3$/);
});

test('the playground offers what the core knows: every data set, activation and optimizer of the catalog', async () => {
  const catalog = JSON.parse(module.catalog());
  assert.deepEqual(DATASETS, [...catalog.datasets.map((d) => d.name), 'custom']);
  assert.deepEqual([...ACTIVATIONS].sort(), [...catalog.activations].sort());
  assert.deepEqual(Object.keys(OPTIMIZERS), catalog.optimizers.map((o) => o.name));
  // Each one trains: a state with it gives a scenario the core accepts.
  for (const optimizer of Object.keys(OPTIMIZERS)) new module.Training(JSON.stringify((await toScenario({ ...DEFAULTS, optimizer }, build)).scenario)).delete();
  for (const activation of ACTIVATIONS) new module.Training(JSON.stringify((await toScenario({ ...DEFAULTS, activation }, build)).scenario)).delete();
  for (const data of DATASETS.filter((d) => d !== 'custom')) {
    const problem = catalog.datasets.find((d) => d.name === data).problem;
    new module.Training(JSON.stringify((await toScenario({ ...DEFAULTS, data, problem }, build)).scenario)).delete();
  }
});

const EXAMPLE = {
  ...DEFAULTS, data: 'spiral', classes: 4, noise: 15, test: 30, dseed: 7, features: ['x1', 'x2', 'x1*x2', 'sin(x1)'],
  layers: [8, 8, 5], activation: 'relu', loss: 'cross_entropy', optimizer: 'adam', lr: 0.003, batch: 25,
  reg: 'l2', rate: 0.001, init: 'random', seed: 42, neuron: true, lambda: 0.1, stop: 0.01, showTest: true,
  discretize: true, ckpt: [0.1, -1 / 3, Math.PI, 1e-300, -0, 5e-324],
};

test('state -> URL -> state is the identity, checkpoints to the last bit', async () => {
  const { state, errors } = await fromQuery(toQuery(EXAMPLE));
  assert.deepEqual(errors, []);
  assert.deepEqual(state, EXAMPLE);
  assert.equal(toQuery(DEFAULTS), '', 'defaults make an empty query');
  assert.deepEqual((await fromQuery('')).state, { ...DEFAULTS });
  assert.deepEqual((await fromQuery(toQuery({ ...DEFAULTS, layers: [] }))).state.layers, []);
  const values = [Math.E, -2.5e-310, 123456789.123456789];
  assert.deepEqual(decodeNumbers(encodeNumbers(values)), values);
});

test('bad values are refused with the core\'s message naming the field, by its label and its key', async () => {
  const cases = [
    ['lr', '', /^learning rate \(lr\): must be a number$/], ['lr', 'fast', /^learning rate \(lr\): must be a number$/],
    ['lr', '-0.1', /^learning rate \(lr\): must be > 0 and <= 10 \(got -0.1\)$/], ['lr', '1e9', /^learning rate \(lr\): must be > 0 and <= 10 \(got 1000000000\)$/],
    ['lr', 'NaN', /^learning rate \(lr\): must be a number$/], ['batch', '2.5', /^batch size \(batch\): must be an integer$/],
    ['batch', '0', /^batch size \(batch\): must be an integer from 1 to 500 \(got 0\)$/], ['rate', '-1', /^regularization rate \(rate\): must be >= 0 and <= 10 \(got -1\)$/],
    ['lambda', '0', /^lambda: must be > 0 and <= 10 \(got 0\)$/], ['seed', 'x', /^seed: must be an integer$/],
    ['noise', '99', /^noise: must be >= 0 and <= 50 \(got 99\)$/], ['layers', '4,0', /^hidden layers \(layers\): units per layer must be whole numbers from 1 to 32 \(got 0\)/],
    ['layers', '1,1,1,1,1,1,1,1,1', /^hidden layers \(layers\): at most 8 \(got 9\)/], ['features', [], /^features: choose at least one/],
    ['data', 'donut', /^data set \(data\): unknown kind 'donut' \(known: circle, /], ['stop', 'Infinity', /^stop at loss \(stop\): must be a number$/],
    ['stop', '-1', /^stop at loss \(stop\): must be >= 0 and <= 1000000 \(got -1\)$/],
    ['classes', '6', /^classes: must be an integer from 2 to 5 \(got 6\)$/], ['classes', '1', /^classes: must be an integer from 2 to 5 \(got 1\)$/],
    ['classes', '2.5', /^classes: must be an integer$/], ['classes', 'many', /^classes: must be an integer$/],
    ['neuron', 'yes', /^added neuron \(neuron\): must be true or false/],
  ];
  for (const [field, raw, message] of cases) assert.match((await validate(field, raw)).error ?? '', message, `${field} = ${JSON.stringify(raw)}`);
  // What is taken is the core's value of its type.
  assert.deepEqual(await validate('layers', '3,2'), { changes: { layers: [3, 2] } });
  assert.deepEqual(await validate('neuron', true), { changes: { neuron: true } });
  const { state, errors } = await fromQuery('lr=abc&layers=4,99&bogus=1&seed=3');
  assert.equal(state.lr, DEFAULTS.lr);
  assert.deepEqual(state.layers, DEFAULTS.layers);
  assert.equal(state.seed, 3);
  assert.deepEqual(errors, [`bogus: unknown field (known: ${STATE_KEYS.join(', ')})`, 'learning rate (lr): must be a number',
    'hidden layers (layers): units per layer must be whole numbers from 1 to 32 (got 99)']);
});

test('classes: in the URL, relabelling own points, and own points that do not fit refused', async () => {
  const { state, errors } = await fromQuery('data=custom&classes=3&custom=1:1:0;2:2:2;-1:0:1');
  assert.deepEqual(errors, []);
  assert.equal(state.classes, 3);
  assert.deepEqual((await fromQuery(toQuery(state))).state, state);
  assert.match(toQuery({ ...DEFAULTS, data: 'gaussians', classes: 5 }), /classes=5/);
  // Labels that do not fit the number of classes: refused, and the points dropped (in either order).
  for (const query of ['classes=3&custom=1:1:-1;2:2:1', 'custom=1:1:0;2:2:-1&classes=3&data=custom', 'custom=1:1:1;2:2:2']) {
    const { state: refused, errors: why } = await fromQuery(query);
    assert.equal(why.length, 1, query);
    assert.match(why[0], /^custom: point \d has label -?\d; labels must be /);
    assert.deepEqual(refused.custom, []);
  }
  // The classes trained, and the loss, as the core's reply gives them to the page's controls:
  // k > 2 is always cross-entropy over k logits.
  const trained = async (state) => { const { classes, loss } = await toScenario(state, build); return { classes, loss }; };
  assert.deepEqual(await trained({ ...DEFAULTS, data: 'spiral', classes: 3 }), { classes: 3, loss: 'cross_entropy' });
  assert.equal((await trained({ ...DEFAULTS, data: 'circle', classes: 3 })).classes, 2, 'circle comes in two classes only');
  assert.equal((await trained({ ...DEFAULTS, data: 'spiral', classes: 3, problem: 'regression' })).classes, 2);
  assert.deepEqual(await trained({ ...DEFAULTS, data: 'spiral', classes: 3, loss: 'squared' }), { classes: 3, loss: 'cross_entropy' });
  assert.deepEqual(await trained({ ...DEFAULTS, data: 'spiral', classes: 2, loss: 'squared' }), { classes: 2, loss: 'squared' });
  // A change of classes over own points: two classes' -1/+1 are classes 0/1, and back (the core
  // relabels them); a point of class 2 has no place in two classes (refused while they are the data).
  const two = (await fromQuery('data=custom&custom=1:1:-1;2:2:1')).state;
  const three = await validate('classes', '3', two);
  assert.deepEqual(three.changes, { classes: 3, custom: [[1, 1, 0], [2, 2, 1]] });
  assert.deepEqual((await validate('classes', '2', { ...two, ...three.changes })).changes, { classes: 2, custom: [[1, 1, -1], [2, 2, 1]] });
  assert.equal((await validate('classes', '2', state)).error, 'classes: your points use a class above 1; clear them first');
  // A problem brings a data set that serves it, and a data set its problem.
  assert.deepEqual((await validate('problem', 'regression')).changes, { problem: 'regression', data: 'plane' });
  assert.deepEqual((await validate('data', 'sine')).changes, { data: 'sine', problem: 'regression' });
});

test('CSV: three numbers a line, labels to +-1, errors name the line (the core reads it)', () => {
  assert.deepEqual(parseCsv('x1,x2,label\n1,2,1\n-3, 0.5, 0\n'), [[1, 2, 1], [-3, 0.5, -1]]);
  assert.throws(() => parseCsv('1,2,1\n3,4'), /CSV line 2: expected three numbers/);
  assert.throws(() => parseCsv('1,2,1\n30,4,1'), /CSV line 2: x1 and x2 must lie in \[-6, 6\]/);
  assert.throws(() => parseCsv('1,2,1'), /at least two points/);
  assert.throws(() => parseCsv('1,2,1\n3,4,2'), /CSV line 2: with 2 classes the label must be 1 or -1 \(0 also means -1; got 2\)/);
  assert.throws(() => parseCsv('1,2,0.5\n3,4,1'), /CSV line 1: with 2 classes the label must be 1 or -1/);
  // k classes: labels 0..k-1 as they are.
  assert.deepEqual(parseCsv('x1,x2,label\n1,2,0\n-3,0.5,2\n0,0,1\n', 3), [[1, 2, 0], [-3, 0.5, 2], [0, 0, 1]]);
  assert.throws(() => parseCsv('1,2,0\n3,4,3', 3), /CSV line 2: with 3 classes the label must be a whole number from 0 to 2 \(got 3\)/);
  assert.throws(() => parseCsv('1,2,-1\n3,4,1', 5), /CSV line 1: with 5 classes the label must be a whole number from 0 to 4 \(got -1\)/);
  assert.throws(() => parseCsv('1,2,1.5\n3,4,1', 4), /CSV line 1: .* \(got 1.5\)/);
});

test('every state gives a scenario the core accepts, with what the controls set', async () => {
  const states = [DEFAULTS, { ...EXAMPLE, ckpt: null }, { ...DEFAULTS, data: 'sine', problem: 'regression', features: ['x1', 'x2', 'sin(x2)', 'x1^2'] },
    { ...DEFAULTS, data: 'plane', problem: 'regression', optimizer: 'saddle_free_newton', lr: 0.5 }, { ...DEFAULTS, init: 'zeros', layers: [] },
    { ...DEFAULTS, data: 'custom', custom: [[1, 1, 1], [-1, -1, -1], [2, -2, 1]] }, { ...DEFAULTS, layers: Array(8).fill(32) },
    { ...DEFAULTS, data: 'gaussians', classes: 5, optimizer: 'adam', neuron: true }, { ...DEFAULTS, data: 'circle', classes: 3 },
    { ...DEFAULTS, data: 'custom', classes: 3, custom: [[1, 1, 0], [-1, -1, 2], [2, -2, 1], [0, 3, 2]], test: 0 },
    { ...DEFAULTS, data: 'custom', classes: 2, loss: 'cross_entropy', custom: [[1, 1, 1], [-1, -1, -1]] }];
  for (const state of states) {
    const { scenario, classes: k } = (await toScenario(state, build));
    const training = new module.Training(JSON.stringify(scenario));
    try {
      const info = JSON.parse(training.info());
      assert.equal(info.layers.length, state.layers.length + 1);
      assert.equal(info.problem, state.problem);
      assert.equal(info.added_neuron, state.neuron);
      // k classes (the core's reply): k softmax logits (cross-entropy whatever the loss setting), labels 0..k-1.
      assert.equal(k, state.problem === 'classification' && CLASS_SETS.has(state.data) ? state.classes : 2);
      assert.equal(info.layers.at(-1).units, k > 2 || (state.loss === 'cross_entropy' && state.problem === 'classification') ? k : 1);
      if (k > 2) {
        assert.equal(info.loss, 'cross_entropy');
        const labels = new Set(info.points.y.map((y) => y[0]));
        assert.deepEqual([...labels].sort(), Array.from({ length: k }, (_, c) => c), 'every class has points, labelled 0..k-1');
      }
    } finally {
      training.delete();
    }
  }
  assert.deepEqual((await toScenario({ ...DEFAULTS, data: 'sine', problem: 'regression', features: ['x2'] }, build)).scenario.data.features, ['x1']);
});

test('the playground\'s defaults are scenarios/playground.json: landscape run reproduces its first figure', async () => {
  const { readFile } = await import('node:fs/promises');
  const file = JSON.parse(await readFile(new URL('../../scenarios/playground.json', import.meta.url), 'utf8'));
  const { scenario } = (await toScenario(DEFAULTS, build));
  const { name, description, ...fromFile } = file;
  const { name: ownName, ...fromState } = scenario;
  assert.equal(name, ownName);
  assert.ok(description.length > 20);
  assert.deepEqual(fromState, fromFile);
});
