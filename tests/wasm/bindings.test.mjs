// The bindings' one error convention (wasm/errors.js), for every export: a bound function,
// constructor or method given bad input throws a JS Error whose message names the field (or the
// request and its limit), and leaves nothing pending for the next call. The exports are not
// listed by hand here either: they are found on the module as embind registered them, and each
// must have a case below, so a new export without one fails this test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadModule, root } from './core-module.mjs';

const module = await loadModule();
const scenario = (name) => readFile(path.join(root, 'scenarios', name), 'utf8');
const rescue = await scenario('rescue.json');
const slice = await scenario('landscape-slice.json');
const saddle = await scenario('saddle-explorer.json');

// What embind registered: free functions carry their arity (argCount) or their overload
// table; classes' prototypes descend from its ClassHandle (isAliasOf).
const isClass = (v) => typeof v === 'function' && typeof v.prototype?.isAliasOf === 'function';
const isFunction = (v) => typeof v === 'function' && !isClass(v) && (v.argCount !== undefined || v.overloadTable !== undefined);
const exports = Object.keys(module).filter((k) => isClass(module[k]) || isFunction(module[k]));
const methodsOf = (Class) => Object.getOwnPropertyNames(Class.prototype).filter((k) => k !== 'constructor' && typeof Class.prototype[k] === 'function');

// A refusal: an Error (not a bare number, not null) with the expected message, and nothing
// left pending (the next call, catalog(), must not throw a stale message).
function refuses(call, message, what) {
  assert.throws(call, (error) => error instanceof Error && message.test(error.message), what);
  assert.equal(module.hasError(), false, `${what}: a message is still pending`);
  assert.doesNotThrow(() => module.catalog(), `${what}: the next call throws a stale message`);
}
const using = (object, use) => { try { return use(object); } finally { object.delete(); } };

// Free functions and constructors: each export's bad input and the message it must give.
const FUNCTIONS = {
  catalog: null, // takes no input
  heapBytes: null,
  hasError: null, // the convention's own three
  takeError: null,
  errorRefusal: null,
  scenarioVariant: [() => module.scenarioVariant(rescue, 'nope'), /^compare: no variant named 'nope'/],
  scenarioInfo: [() => module.scenarioInfo('{"steps": 1,'), /^scenario: invalid JSON/],
  playgroundScenario: [() => module.playgroundScenario('{"lr":11}'), /^lr: must be > 0 and <= 10 \(got 11\)$/],
  // A link's settings: a refused setting is data in the reply (its default kept); only a request
  // of the wrong shape throws.
  playgroundSettings: [() => module.playgroundSettings('{"entries": 1}'), /^request: must be an object/],
  playgroundEditedWeight: [() => module.playgroundEditedWeight('abc', 'output bias'), /^output bias: "abc" must be a number from -100 to 100/],
  playgroundPointsCsv: [() => module.playgroundPointsCsv('{"text": "1,2,1\\n3,4", "classes": 2}'), /^CSV line 2: expected three numbers/],
  scenarioOnSurface: [() => module.scenarioOnSurface(saddle, 'nope'), /^surface\.name: /],
  scenarioWithSurfaceParameters: [() => module.scenarioWithSurfaceParameters(saddle, NaN, 1, 0), /^surface\.a: must be a finite number/],
  scenarioWithView: [() => module.scenarioWithView(rescue, '{"view": {"kind": "nope"}}'), /^view: missing/],
  exerciseInfo: [() => module.exerciseInfo('{}', rescue), /^name: missing/],
  exerciseScenario: [() => module.exerciseScenario('{}', rescue, '{}'), /^name: missing/],
  checkExercise: [() => module.checkExercise('{}', rescue, '{}'), /^name: missing/],
  checkAnswerLink: [() => module.checkAnswerLink('{}', rescue, 'x'), /^name: missing/],
  exerciseAnswerFromFields: [() => module.exerciseAnswerFromFields('{}', rescue, '{}'), /^name: missing/],
  exerciseInstanceInfo: [() => module.exerciseInstanceInfo('{}', rescue, 'class', 'Anna'), /^name: missing/],
  exercisePlaygroundState: [() => module.exercisePlaygroundState('{}', rescue, '', ''), /^name: missing/],
  checkHandedIn: [() => module.checkHandedIn('{}', rescue, 'https://x/exercises.html#a', 'Anna'), /^name: missing/],
  writeAnswerLink: [() => module.writeAnswerLink('https://x/exercises.html', '{', '{}'), /^answer: must be an object/],
  // A teacher's pasted text, any text: each line a row (a line that is no link says so in its row).
  readHandedIn: 'data',
  // A reading, not a request: what a handed-in link holds, with its refusal as data beside what
  // could be read (the page still opens the exercise the link names); nothing is thrown.
  readAnswerLink: 'data',
  Training: [() => new module.Training('{"steps": -1}'), /^steps: must be an integer from 0/],
  Surface: [() => new module.Surface('nope', 0, 0), /^surface: unknown kind 'nope'/],
  CriticalPointSearch: [() => new module.CriticalPointSearch(rescue), /^critical_points: /],
  LandscapeView: [() => new module.LandscapeView(rescue), /^view: missing/],
};

// Methods: bad input for each one that takes input; null for those that take none; ['any', call]
// for those whose input cannot be wrong (curvature's flag).
const METHODS = {
  Training: {
    make: () => new module.Training(rescue),
    info: null, current: null, status: null, parameters: null, layout: null, checkpoint: null, landscapeHere: null,
    spectrum: null, curvature: ['any', (t) => t.curvature(true)], // past their limits below
    advance: [(t) => t.advance(-1), /^steps: must be a whole number/],
    advanceFor: [(t) => t.advanceFor(-2, 1, 10), /^maxSteps: must be a whole number/],
    field: [(t) => t.field(100000, -1, 1, -1, 1, false), /^n: must be from 2 to 400/],
    extremes: [(t) => t.extremes(0), /^steps: must be from 1/],
    criticalPoint: [(t) => t.criticalPoint(1e300, 1, 10), /^seed: must be a whole number/],
  },
  Surface: {
    make: () => new module.Surface(saddle),
    info: null,
    grid: [(s) => s.grid(100000, 100000), /^grid: nx and ny must be from 2 to/],
    path: [(s) => s.path('nope', 0, 0), /^compare: no variant named 'nope'/],
    curvature: [(s) => s.curvature(NaN, 0), /^x, y: the surface's value or its derivatives are not finite/],
  },
  CriticalPointSearch: {
    make: () => new module.CriticalPointSearch(JSON.stringify({ ...JSON.parse(rescue), critical_points: { starts: 1, iterations: 5 } })),
    count: null,
    run: [(s) => s.run(7), /^search: /],
  },
  LandscapeView: {
    // Untrained: what needs the trained view refuses, naming the request.
    make: () => new module.LandscapeView(slice),
    progress: null, info: null, result: null,
    summary: [(v) => v.summary(), /^summary: not a trained slice view/],
    train: [(v) => v.train(0), /^steps: must be a whole number/],
    trainFor: [(v) => v.trainFor(10, 0), /^milliseconds: must be a whole number/],
    sliceRows: [(v) => v.sliceRows(0, 1e9), /^sliceRows: not a trained slice view/],
    convexityRows: [(v) => v.convexityRows(0, 1e9), /^convexityRows: /],
    curveStep: [(v) => v.curveStep(NaN), /^k: must be a whole number/],
    replay: [(v) => v.replay(0, false), /^steps: must be a whole number/],
    rescaled: [(v) => v.rescaled(-5), /^rescaled: not a trained sharpness view/],
  },
};

test('every export embind registered has a case here, and there is no case for an export that is gone', () => {
  for (const name of ['catalog', 'playgroundScenario', 'Training', 'LandscapeView']) assert.ok(exports.includes(name), name);
  assert.deepEqual(exports.filter((k) => !(k in FUNCTIONS)), [], 'exports without a bad-input case');
  assert.deepEqual(Object.keys(FUNCTIONS).filter((k) => !exports.includes(k)), [], 'cases of exports that do not exist');
  for (const name of exports.filter((k) => isClass(module[k]))) {
    assert.ok(METHODS[name], `no method cases for ${name}`);
    const methods = methodsOf(module[name]);
    assert.deepEqual(methods.filter((m) => !(m in METHODS[name])), [], `${name}: methods without a case`);
    assert.deepEqual(Object.keys(METHODS[name]).filter((m) => m !== 'make' && !methods.includes(m)), [], `${name}: cases of methods that do not exist`);
    // The old error() methods of the convention before this one are gone.
    assert.equal(methods.includes('error'), false, `${name}.error()`);
  }
});

test('every free function and constructor refuses bad input by throwing the core\'s message, nothing pending', () => {
  for (const [name, entry] of Object.entries(FUNCTIONS)) {
    if (entry === null) continue;
    if (entry === 'data') continue;
    refuses(entry[0], entry[1], name);
  }
  // The example: a refused playgroundScenario used to leave its message for catalog().
  assert.throws(() => module.playgroundScenario('{"lr":11}'), /^Error: lr: /);
  assert.doesNotThrow(() => JSON.parse(module.catalog()));
  // playgroundSettings returns a refused setting as data, named by the core, and throws nothing.
  const settings = JSON.parse(module.playgroundSettings(JSON.stringify({ entries: [['lr', 11]] })));
  assert.deepEqual(settings.refusals, [{ field: 'lr', code: 'out_of_open_range', args: ['0', '10', '11'], message: 'lr: must be > 0 and <= 10 (got 11)' }]);
  assert.equal(module.hasError(), false);
  // readAnswerLink returns its refusal as data (naming what it could not read) and throws nothing.
  const read = JSON.parse(module.readAnswerLink('https://example.org/?nothing=here'));
  assert.match(read.error, /^\S+/);
  assert.equal(module.hasError(), false);
});

test('every method refuses bad input by throwing the core\'s message; the object still works after it', () => {
  for (const [className, cases] of Object.entries(METHODS)) {
    using(cases.make(), (object) => {
      // The refusals first: a method without input may change the object (result() trains the view).
      const ordered = Object.entries(cases).sort(([, a], [, b]) => Number(a === null || a[0] === 'any') - Number(b === null || b[0] === 'any'));
      for (const [method, entry] of ordered) {
        if (method === 'make') continue;
        if (entry === null || entry[0] === 'any') {
          // No input to refuse: it answers, and leaves nothing pending.
          assert.doesNotThrow(() => (entry ? entry[1](object) : object[method]()), `${className}.${method}()`);
          assert.equal(module.hasError(), false, `${className}.${method}(): a message is still pending`);
          continue;
        }
        refuses(() => entry[0](object), entry[1], `${className}.${method}`);
      }
      const plain = Object.keys(cases).find((k) => cases[k] === null);
      assert.doesNotThrow(() => object[plain](), `${className}.${plain}() after its refusals`);
    });
  }
});

// A network past the dense-Hessian limit (2,305 parameters > 2,000).
const big = JSON.stringify({
  name: 'big', seed: 1, data: { kind: 'xor', points: 8 },
  model: { inputs: 2, layers: [{ units: 64, activation: 'tanh' }, { units: 32, activation: 'tanh' }, { units: 1, activation: 'linear' }] },
  optimizer: { kind: 'gd', learning_rate: 0.1 }, steps: 1,
});

test('past the dense limit spectrum() and criticalPoint() refuse naming the limit (never null); curvature() takes Lanczos', () => {
  const limit = JSON.parse(module.catalog()).limits.dense_hessian_parameters;
  using(new module.Training(big), (training) => {
    const n = training.parameters().length;
    assert.ok(n > limit, `${n} parameters`);
    refuses(() => training.spectrum(), new RegExp(`^spectrum needs the dense Hessian, at most ${limit} parameters \\(this network has 2,305\\)`), 'spectrum');
    refuses(() => training.criticalPoint(1, 1, 10), new RegExp(`^criticalPoint needs the dense Hessian, at most ${limit} parameters`), 'criticalPoint');
    const c = JSON.parse(training.curvature(true));
    assert.equal(c.dense, false);
    assert.equal(c.n, n);
    assert.equal(c.iterations, JSON.parse(module.catalog()).curvature_panel.lanczos_steps);
  });
});

// The added neuron has dy * (2 + dx) parameters (a, b and W per output): with seven input
// features and one output that is 9, not the 4 a page once assumed.
test('the curvature panel counts the added neuron\'s parameters as the layout does (seven input features)', () => {
  const features = JSON.parse(module.catalog()).features;
  assert.ok(features.length >= 3);
  for (const [layers, dense] of [[[4], true], [[16, 16], false]]) {
    const { scenario } = JSON.parse(module.playgroundScenario(JSON.stringify({ features, layers, neuron: true })));
    using(new module.Training(JSON.stringify(scenario)), (training) => {
      const layout = JSON.parse(training.layout());
      assert.equal(layout.neuron.W.cols, features.length);
      const info = JSON.parse(training.info());
      assert.equal(layout.size - info.parameter_count, 1 * (2 + features.length));
      const c = JSON.parse(training.curvature(true));
      assert.equal(c.n, layout.size);
      assert.equal(c.n, training.parameters().length);
      assert.equal(c.dense, dense, `${layout.size} parameters`);
      if (dense) assert.equal(c.negative + c.zero + c.positive, layout.size);
    });
  }
});

test('a spectrum says the sign of each eigenvalue by the core\'s zero-eigenvalue rule', () => {
  using(new module.Training(rescue), (training) => {
    const s = JSON.parse(training.spectrum());
    assert.equal(s.signs.length, s.eigenvalues.length);
    assert.equal(s.signs.filter((v) => v < 0).length, s.negative);
    assert.equal(s.signs.filter((v) => v === 0).length, s.zero);
    assert.equal(s.signs.filter((v) => v > 0).length, s.positive);
  });
});
