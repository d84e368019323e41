// Refusals as data: for bad scenarios, views, playground settings and exercise texts, the Error
// the wasm module throws carries the core's refusal (.field, .code, .args) beside its English
// message, and formatMessage() (web/src/kit/messages.js) writes that message word for word from
// the code and args with the templates of the core's catalog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { fillTemplate, formatMessage } from '../../web/src/kit/messages.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
const module = await createLandscapeModule({ wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')) });
const catalog = JSON.parse(module.catalog());
const file = async (name) => JSON.parse(await readFile(path.join(root, 'scenarios', name), 'utf8'));
const rescue = await file('rescue.json');
const slice = await file('landscape-slice.json');
const barrier = await file('exercises/barrier.json');
const connect = JSON.stringify(await file('connect-minima.json'));

// A copy of `object` with `change` applied to it.
const changed = (object, change) => {
  const copy = structuredClone(object);
  change(copy);
  return copy;
};
// The Error that `call` throws.
const thrown = (call) => {
  try {
    call();
  } catch (error) {
    return error;
  }
  assert.fail('no refusal');
};

const scenarioInfo = (scenario) => () => module.scenarioInfo(JSON.stringify(scenario));
const playground = (settings) => () => module.playgroundScenario(JSON.stringify(settings));
const exercise = (text) => () => module.exerciseInfo(JSON.stringify(text), connect);

// [what, call, field, code, args (null: not checked)]
const CASES = [
  ['a layer of 0 units', scenarioInfo(changed(rescue, (s) => { s.model.layers[0].units = 0; })),
    'model.layers[0].units', 'integer_out_of_range', ['1', '1024', '0']],
  ['a bias that is not a flag', scenarioInfo(changed(rescue, (s) => { s.model.layers[0].bias = 1; })),
    'model.layers[0].bias', 'not_flag', []],
  ['an unknown top-level field', scenarioInfo(changed(rescue, (s) => { s.colour = 'red'; })), 'colour', 'unknown_field', null],
  ['an unknown optimizer', scenarioInfo(changed(rescue, (s) => { s.optimizer.kind = 'adamw'; })), 'optimizer.kind', 'unknown_choice', null],
  ['a learning rate of 0', scenarioInfo(changed(rescue, (s) => { s.optimizer.learning_rate = 0; })),
    'optimizer.learning_rate', 'out_of_open_range', ['0', '1000000', '0']],
  ['a text for a number', scenarioInfo(changed(rescue, (s) => { s.added_neuron.lambda = 'big'; })), 'added_neuron.lambda', 'not_number', []],
  ['a variant\'s bad momentum', scenarioInfo(changed(rescue, (s) => { s.compare = [{ name: 'a', patch: { optimizer: { kind: 'momentum', momentum: 2 } } }]; })),
    'compare[0].patch.optimizer.momentum', 'out_of_range', ['0', '1', '2']],
  ['a slice of resolution 1', scenarioInfo(changed(slice, (s) => { s.view.resolution = 1; })),
    'view.resolution', 'integer_out_of_range', ['2', '201', '1']],
  ['a field of another kind of view', scenarioInfo(changed(slice, (s) => { s.view.curve = 'bezier'; })), 'view.curve', 'unknown_field', null],
  ['a negative range', scenarioInfo(changed(slice, (s) => { s.view.range = -1; })), 'view.range', 'out_of_open_range', ['0', '100', '-1']],
  ['a view without a kind', scenarioInfo(changed(slice, (s) => { delete s.view.kind; })),
    'view.kind', 'missing_choice', ['slice, interpolate, connect, sharpness']],
  ['a learning rate above 10', playground({ lr: 11 }), 'lr', 'out_of_open_range', ['0', '10', '11']],
  ['an unknown data set', playground({ data: 'donut' }), 'data', 'unknown_choice', null],
  ['a flag given as 1', playground({ neuron: 1 }), 'neuron', 'not_flag', []],
  ['a fractional batch', playground({ batch: 2.5 }), 'batch', 'not_integer', []],
  ['an unknown setting', playground({ bogus: 1 }), 'bogus', 'unknown_field', null],
  ['an exercise without a name', exercise(changed(barrier, (e) => { delete e.name; })), 'name', 'missing', []],
  ['a title that is a number', exercise(changed(barrier, (e) => { e.title = 3; })), 'title', 'not_string', []],
  ['an unknown field of an exercise', exercise(changed(barrier, (e) => { e.difficulty = 3; })), 'difficulty', 'unknown_field', null],
  ['a condition without an op', exercise(changed(barrier, (e) => { delete e.check[0].op; })), 'check[0].op', 'missing', []],
];

for (const [what, call, field, code, args] of CASES) {
  test(`${what}: the Error carries the refusal, and formatMessage() writes its message`, () => {
    const error = thrown(call);
    assert.ok(error instanceof Error);
    assert.equal(error.field, field, error.message);
    assert.equal(error.code, code, error.message);
    assert.ok(Array.isArray(error.args));
    if (args) assert.deepEqual(error.args, args);
    assert.ok(Object.hasOwn(catalog.messages, code), `the catalog lists ${code}`);
    assert.ok(error.message.startsWith(`${field}: `), error.message);
    assert.equal(formatMessage(error, catalog), error.message);
    assert.equal(module.hasError(), false, 'nothing left pending');
  });
}

test('a message not yet coded: code "", the message alone', () => {
  const error = thrown(scenarioInfo(changed(slice, (s) => { s.view = { kind: 'connect', between: ['a', 'a'] }; s.compare = [{ name: 'a', patch: {} }]; })));
  assert.equal(error.message, 'view.between: must name two different variants');
  assert.equal(error.code, '');
  assert.deepEqual(error.args, []);
  assert.equal(formatMessage(error, catalog), null);
  const syntax = thrown(() => module.scenarioInfo('{"steps": 1,'));
  assert.match(syntax.message, /^scenario: invalid JSON/);
  assert.equal(syntax.code, '');
});

test('the catalog\'s templates: every code once, each placeholder numbered', () => {
  const codes = Object.keys(catalog.messages);
  assert.ok(codes.length >= 15);
  for (const code of codes) {
    assert.match(code, /^[a-z][a-z_]*$/, code);
    for (const [, index] of catalog.messages[code].matchAll(/\{(\d+)\}/g)) assert.ok(Number(index) < 4, `${code}: {${index}}`);
  }
  assert.equal(fillTemplate('must be >= {0} and <= {1} (got {2})', ['0', '10', '11']), 'must be >= 0 and <= 10 (got 11)');
  assert.equal(fillTemplate('{0} and {3}', ['a']), 'a and {3}');
  assert.equal(formatMessage({ field: 'lr', code: 'out_of_open_range', args: ['0', '10', '11'] }, catalog), 'lr: must be > 0 and <= 10 (got 11)');
  assert.equal(formatMessage({ field: 'x', code: 'no_such_code', args: [] }, catalog), null);
});
