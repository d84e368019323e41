// Links that open: the playground's state in a link's fragment, packed (web/src/kit/link-codec.js):
// the weights bit for bit (-0, subnormals, NaN payloads), own points, old query links, damaged or
// hostile packed values refused with a message naming the field, a bounded unpacking; and the
// small lies of issue 12 in the playground's URL reading (prototype keys, 0x10, flags) and the
// note of a run stuck in tanh saturation at learning rate 10. The
// link lengths for the closing note are printed. (The browser test of the same links, opened
// through tools/serve.mjs, is in tests/web/playground.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULTS, FEATURES, LIMITS, MAX_CLASSES, STATE_KEYS, coreReader, encodeNumbers, fromLink as readLink, fromQuery as readQuery, toLink, toQuery,
  toScenario, useCatalog,
} from '../../web/src/playground/url-state.js';
import { MAX_UNPACKED_BYTES, deflate, packFloat64, packText, toBase64url, unpackFloat64, unpackText } from '../../web/src/kit/link-codec.js';
import { loadModule } from './core-module.mjs';

const module = await loadModule();
useCatalog(JSON.parse(module.catalog()));
// The core builds each state's scenario (core/apps/playground.hpp), as the page's worker does.
const build = (settings) => JSON.parse(module.playgroundScenario(JSON.stringify(settings)));
// The core reads a link's settings, as the page's worker does.
const fromLink = (query) => readLink(query, coreReader(module));
const fromQuery = (query) => readQuery(query, coreReader(module));

const bits = (values) => Array.from(new BigUint64Array(Float64Array.from(values).buffer), String);

// The weights of a network trained for a while: the core's own run of the state, so the
// link carries what a reader's would (not random bytes, not round numbers).
async function trainedWeights(state, steps) {
  const training = new module.Training(JSON.stringify((await toScenario(state, build)).scenario));
  try {
    training.advance(steps);
    return Array.from(training.parameters());
  } finally {
    training.delete();
  }
}

test('float64 values pack and unpack to the last bit, whatever they are', async () => {
  const nan = new Float64Array(new BigUint64Array([0x7ff8dead_beef0001n]).buffer)[0];
  const values = [0, -0, 1, -1 / 3, Math.PI, 5e-324, -2.2250738585072014e-308, 1.7976931348623157e308, Infinity, -Infinity, nan];
  assert.deepEqual(bits(await unpackFloat64(await packFloat64(values))), bits(values));
  assert.deepEqual(await unpackFloat64(await packFloat64([])), []);
});

test('a link of the largest playground network round-trips bit for bit and stays short; old query links still open', async () => {
  const largest = { ...DEFAULTS, data: 'spiral', classes: MAX_CLASSES, features: [...FEATURES], layers: Array(LIMITS.max_layers).fill(LIMITS.max_units), lr: 0.01 };
  const sizes = [
    ['3x32', { ...DEFAULTS, data: 'spiral', layers: [32, 32, 32] }],
    ['8x32', { ...DEFAULTS, data: 'spiral', layers: Array(8).fill(32) }],
    [`largest (${LIMITS.max_layers}x${LIMITS.max_units}, ${FEATURES.length} inputs, ${MAX_CLASSES} classes)`, largest],
  ];
  for (const [name, state] of sizes) {
    const weights = await trainedWeights(state, 200);
    const ckptState = { ...state, ckpt: weights };
    const link = await toLink(ckptState);
    const old = toQuery(ckptState);
    const { state: back, errors } = await fromLink(link);
    assert.deepEqual(errors, [], name);
    assert.deepEqual(bits(back.ckpt), bits(weights), `${name}: every weight to the last bit`);
    assert.deepEqual({ ...back, ckpt: null }, { ...state, ckpt: null }, `${name}: every setting`);
    // A link written before packing (the query form) opens to the same state.
    assert.deepEqual(bits((await fromLink(old)).state.ckpt), bits(weights), `${name}: the old form still reads`);
    assert.ok(link.length < old.length, `${name}: packed is shorter`);
    console.log(`# link with the weights, ${name}: ${weights.length} weights, ${link.length} characters (unpacked query form ${old.length})`);
  }
  // 1,500 own points as a reader adds them (two decimals, two classes).
  const points = Array.from({ length: 1500 }, (_, i) => [Number((Math.sin(i * 12.9898) * 5.9).toFixed(2)) + 0, Number((Math.cos(i * 78.233) * 5.9).toFixed(2)) + 0, i % 2 ? 1 : -1]);
  const own = { ...DEFAULTS, data: 'custom', custom: points };
  const link = await toLink(own);
  const { state: back, errors } = await fromLink(link);
  assert.deepEqual(errors, []);
  assert.deepEqual(back.custom, points);
  assert.deepEqual((await fromQuery(toQuery(own))).state.custom, points, 'the old query form still reads');
  console.log(`# link with 1,500 own points: ${link.length} characters (unpacked query form ${toQuery(own).length})`);
});

test('damaged, hostile or oversized packed values are refused with a message naming the field', async () => {
  const cases = [
    ['ckpt=f1.!!!', /^ckpt: /], ['ckpt=f1.AAAA', /^ckpt: /], ['custom=z1.AAAA', /^custom: /], ['custom=z1.%3Cscript%3E', /^custom: /],
    ['ckpt=f1.' + toBase64url(await deflate(new Uint8Array(12))), /^ckpt: not a whole number of float64 values/],
  ];
  for (const [query, pattern] of cases) {
    const { state, errors } = await fromLink(query);
    assert.equal(errors.length, 1, query);
    assert.match(errors[0], pattern, query);
    assert.equal(state.ckpt, null);
    assert.deepEqual(state.custom, []);
  }
  // A small link that would inflate to 100 MB is stopped at the bound.
  const bomb = 'z1.' + toBase64url(await deflate(new Uint8Array(100 << 20)));
  assert.ok(bomb.length < 200_000);
  const { errors } = await fromLink(`custom=${bomb}`);
  assert.match(errors[0], new RegExp(`^custom: unpacks to more than ${MAX_UNPACKED_BYTES >> 20} MB`));
  // Text packs only when long and when packing shortens it, and unpacks to itself.
  assert.equal(await packText('short'), 'short');
  const long = 'a,b;'.repeat(500);
  assert.equal(await unpackText(await packText(long)), long);
});

test('prototype keys, hexadecimal numbers and flags of other values are refused, each naming its field', async () => {
  const { state, errors } = await fromQuery('constructor=1&toString=1&__proto__=1&hasOwnProperty=x');
  const unknown = (key) => `${key}: unknown field (known: ${STATE_KEYS.join(', ')})`;
  assert.deepEqual(errors, ['constructor', 'toString', '__proto__', 'hasOwnProperty'].map(unknown));
  assert.deepEqual(state, structuredClone({ ...DEFAULTS }));
  assert.equal(Object.getPrototypeOf(state), Object.prototype);
  for (const [query, pattern] of [['layers=0x10', /^hidden layers \(layers\): .*\(got "0x10"\)/], ['seed=0x10', /^seed: must be an integer$/],
    ['dseed=0b11', /^data seed \(dseed\): must be an integer$/], ['lr=0x1', /^learning rate \(lr\): must be a number$/],
    ['neuron=yes', /^added neuron \(neuron\): must be true or false$/], ['showTest=2', /^show test data \(showTest\): must be true or false/],
    ['discretize=on', /^discretize output \(discretize\): must be true or false/], ['custom=0x1:1:1;2:2:-1', /^custom: point 1 must be three numbers \[x1, x2, label\] \(got \["0x1",1,1\]\)$/]]) {
    const read = await fromQuery(query);
    assert.equal(read.errors.length, 1, query);
    assert.match(read.errors[0], pattern, query);
  }
  for (const [query, expected] of [['neuron=1', true], ['neuron=0', false], ['neuron=true', true], ['neuron=false', false]])
    assert.equal((await fromQuery(query)).state.neuron, expected, query);
  // A 100 KB value is quoted short in the message.
  const { errors: long } = await fromQuery(`lr=${'9'.repeat(100_000)}`);
  assert.ok(long[0].length < 200, long[0].slice(0, 200));
  assert.match(long[0], /^learning rate \(lr\): /);
});

test('learning rate 10 on classification: the record says why the run is stuck (saturated tanh, no gradient); 0.03 trains without a note', async () => {
  for (const [state, stuck] of [[{ ...DEFAULTS, data: 'circle', lr: 10 }, true], [{ ...DEFAULTS, data: 'circle', lr: 0.03 }, false]]) {
    const training = new module.Training(JSON.stringify((await toScenario(state, build)).scenario));
    try {
      training.advance(5000);
      const current = JSON.parse(training.current());
      assert.equal(JSON.parse(training.status()).state, 'running', 'nothing diverged: without the note the reader sees no reason');
      if (stuck) {
        assert.ok(current.accuracy < 1);
        assert.match(current.note ?? '', /^stuck: the tanh (output is|units of hidden layer \d are) at \+-1 on \d+% of the points and the gradient has vanished .*learning rate 10\)/);
        console.log(`# lr 10 on the circle: ${current.note}`);
      } else {
        assert.equal(current.note, undefined);
      }
    } finally {
      training.delete();
    }
  }
});
