// Refusals as data: for bad scenarios, views, playground settings and exercise texts, the Error
// the wasm module throws carries the core's refusal (.field, .code, .args) beside its English
// message, and formatMessage() (web/src/kit/messages.js) writes that message word for word from
// the code and args with the templates of the core's catalog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fillTemplate, formatMessage } from '../../web/src/kit/messages.js';
import { loadModule, root, thrown } from './core-module.mjs';

const module = await loadModule();
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

test('cross-field checks, variants and JSON syntax are coded too', () => {
  const error = thrown(scenarioInfo(changed(slice, (s) => { s.view = { kind: 'connect', between: ['a', 'a'] }; s.compare = [{ name: 'a', patch: {} }]; })));
  assert.equal(error.message, 'view.between: must name two different variants');
  assert.equal(error.code, 'same_variant_twice');
  assert.equal(formatMessage(error, catalog), error.message);
  const syntax = thrown(() => module.scenarioInfo('{"steps": 1,'));
  assert.match(syntax.message, /^scenario: invalid JSON near byte \d+/);
  assert.equal(syntax.field, 'scenario');
  assert.equal(syntax.code, 'json_syntax');
  assert.equal(formatMessage(syntax, catalog), syntax.message);
  // A variant's refusal keeps its code and args; its field is where the variant's patch has it.
  const nested = thrown(scenarioInfo(changed(rescue, (s) => { s.compare = [{ name: 'a', patch: { model: { layers: [] } } }]; })));
  assert.equal(nested.field, 'compare[0].patch.model.layers');
  assert.equal(nested.code, 'not_layer_list');
  assert.equal(nested.message, 'compare[0].patch.model.layers: must be a non-empty array of layers');
});

// Bad input of every kind the core reads: each refusal is coded, its code is in the catalog, and
// formatMessage() writes the Error's message word for word from its field, code and args.
const saddle = await file('saddle-explorer.json');
const barrierText = JSON.stringify(barrier);
const csv = (text, classes = 2) => () => module.playgroundPointsCsv(JSON.stringify({ text, classes }));
const CORPUS = [
  // Scenarios: fields, cross-field checks, variants, views.
  ['a feature listed twice', scenarioInfo(changed(rescue, (s) => { s.data.features = ['x1', 'x1']; }))],
  ['an unknown feature', scenarioInfo(changed(rescue, (s) => { s.data.features = ['x9']; }))],
  ['no layers', scenarioInfo(changed(rescue, (s) => { s.model.layers = []; }))],
  ['no model', scenarioInfo(changed(rescue, (s) => { delete s.model; }))],
  ['no data', scenarioInfo(changed(rescue, (s) => { delete s.data; }))],
  ['inline data without y', scenarioInfo(changed(rescue, (s) => { delete s.data.y; }))],
  ['x and y of different lengths', scenarioInfo(changed(rescue, (s) => { s.data.y.pop(); }))],
  ['points for generated data', scenarioInfo(changed(rescue, (s) => { s.data = { kind: 'sine', x: [[1]] }; }))],
  ['3 classes of a moons data set', scenarioInfo(changed(rescue, (s) => { s.data = { kind: 'moons', classes: 3 }; }))],
  ['params of another kind', scenarioInfo(changed(rescue, (s) => { s.model.init = { kind: 'zeros', params: [1] }; }))],
  ['params of the wrong count', scenarioInfo(changed(rescue, (s) => { s.model.init.params = [1, 2]; }))],
  ['a residual layer of the wrong width', scenarioInfo(changed(rescue, (s) => { s.model.layers = [{ units: 3, skip: true }, { units: 1 }]; }))],
  ['sgd without a batch', scenarioInfo(changed(rescue, (s) => { s.optimizer = { kind: 'sgd', batch_size: 0 }; }))],
  ['inputs that the data have not', scenarioInfo(changed(rescue, (s) => { s.model.inputs = 2; }))],
  ['two outputs for one label column', scenarioInfo(changed(rescue, (s) => { s.model.layers = [{ units: 2 }]; }))],
  ['cross-entropy with one output', scenarioInfo(changed(rescue, (s) => { s.loss = 'cross_entropy'; }))],
  ['a start in a network scenario', scenarioInfo(changed(rescue, (s) => { s.start = [0, 0]; }))],
  ['a variant named twice', scenarioInfo(changed(rescue, (s) => { s.compare = [{ name: 'a', patch: {} }, { name: 'a', patch: {} }]; }))],
  ['a variant without a patch', scenarioInfo(changed(rescue, (s) => { s.compare = [{ name: 'a' }]; }))],
  ['a variant with variants', scenarioInfo(changed(rescue, (s) => { s.compare = [{ name: 'a', patch: { compare: [] } }]; }))],
  ['a variant\'s bad layers', scenarioInfo(changed(rescue, (s) => { s.compare = [{ name: 'a', patch: { model: { layers: [] } } }]; }))],
  ['a variant\'s JSON number out of range', () => module.scenarioInfo('{"compare": [{"name": "a", "patch": {"steps": 1e400}}]}')],
  ['an unknown variant', () => module.scenarioVariant(JSON.stringify(rescue), 'nope')],
  ['polish stops that do not increase', scenarioInfo(changed(rescue, (s) => { s.critical_points = { polish: { stops: [30, 20] } }; }))],
  ['a view of a variant that is not there', scenarioInfo(changed(slice, (s) => { s.view = { kind: 'interpolate', between: ['a', 'b'] }; }))],
  ['a line range backwards', scenarioInfo(changed(slice, (s) => { s.compare = [{ name: 'a', patch: {} }, { name: 'b', patch: {} }]; s.view = { kind: 'interpolate', between: ['a', 'b'], range: [1, 0] }; }))],
  ['a sharpness view without between', scenarioInfo(changed(slice, (s) => { s.view = { kind: 'sharpness' }; }))],
  ['a view change that is not an object', () => module.scenarioWithView(JSON.stringify(slice), '[1]')],
  ['a view change of a scenario without a view', () => module.scenarioWithView(JSON.stringify(rescue), '{}')],
  // Surfaces.
  ['a network field in a surface scenario', scenarioInfo(changed(saddle, (s) => { s.loss = 'squared'; }))],
  ['an angle of the product surface', scenarioInfo(changed(saddle, (s) => { s.surface.angle = 30; }))],
  ['a saddle with a < 0', scenarioInfo(changed(saddle, (s) => { s.surface = { name: 'saddle', a: -1 }; }))],
  ['a start of one number', scenarioInfo(changed(saddle, (s) => { s.start = [1]; }))],
  ['a view in a surface scenario', scenarioInfo(changed(saddle, (s) => { s.view = { kind: 'slice' }; }))],
  ['another surface for a network', () => module.scenarioOnSurface(JSON.stringify(rescue), 'saddle')],
  ['an unknown surface', () => module.scenarioOnSurface(JSON.stringify(saddle), 'donut\u0001')],
  ['surface parameters of a network', () => module.scenarioWithSurfaceParameters(JSON.stringify(rescue), 1, 1, 0)],
  // JSON text.
  ['a JSON syntax error', () => module.scenarioInfo('{"steps": 1,')],
  ['JSON nested too deep', () => module.scenarioInfo('['.repeat(100))],
  ['a number out of range', () => module.scenarioInfo('{"steps": 1e400}')],
  ['a scenario that is not an object', () => module.scenarioInfo('[]')],
  // The playground's settings, its link requests, its own points and weights.
  ['no features', playground({ features: [] })],
  ['an unknown feature setting', playground({ features: ['x9'] })],
  ['a layer of 0 units', playground({ layers: [0] })],
  ['too many layers', playground({ layers: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] })],
  ['an own point of two numbers', playground({ data: 'custom', custom: [[1, 2]] })],
  ['weights that are not a list', playground({ ckpt: 'x' })],
  ['a weight that is not a number', playground({ ckpt: [1, 'a'] })],
  ['a link request of the wrong shape', () => module.playgroundSettings('{"entries": 3}')],
  ['a link request with a bad entry', () => module.playgroundSettings('{"entries": [[1]]}')],
  ['a CSV line of two numbers', csv('0,0,1\n5,5')],
  ['a CSV point outside the plane', csv('0,0,1\n99,0,1')],
  ['a CSV label of another class', csv('0,0,1\n1,1,7', 3)],
  ['a CSV label 2 of two classes', csv('0,0,1\n1,1,2')],
  ['a CSV of one point', csv('0,0,1')],
  ['a CSV request for 1 class', csv('0,0,1', 1)],
  ['an edited weight that is not a number', () => module.playgroundEditedWeight('abc', 'w1')],
  // Answer links.
  ['text that is not a link', () => module.checkAnswerLink(barrierText, connect, 'not a link')],
  ['a link without an exercise', () => module.checkAnswerLink(barrierText, connect, 'https://x.example/#answer=1')],
  ['a link with a bad exercise name', () => module.checkAnswerLink(barrierText, connect, 'https://x.example/#exercise=%3Cimg%3E')],
  ['a link with a bad class code', () => module.checkAnswerLink(barrierText, connect, 'https://x.example/#exercise=barrier&class=a%20b')],
  ['a link with a bad instance', () => module.checkAnswerLink(barrierText, connect, 'https://x.example/#exercise=barrier&instance=x')],
  ['a link whose answer is not JSON', () => module.checkAnswerLink(barrierText, connect, 'https://x.example/#exercise=barrier&answer=%7B')],
  ['a link whose answer is a number', () => module.checkAnswerLink(barrierText, connect, 'https://x.example/#exercise=barrier&answer=3')],
  ['an answer that is not an object', () => module.writeAnswerLink('page.html', '3', '')],
  ['an answer without an exercise', () => module.writeAnswerLink('page.html', '{}', '')],
  ['link options that are not an object', () => module.writeAnswerLink('page.html', '{"exercise": "barrier"}', '3')],
  // An exercise's text.
  ['an exercise of 0 minutes', exercise(changed(barrier, (e) => { e.minutes = 0; }))],
  ['an exercise on another scenario', exercise(changed(barrier, (e) => { e.scenario = 'rescue'; }))],
  ['an exercise patch that is not an object', exercise(changed(barrier, (e) => { e.patch = 3; }))],
  ['an exercise patch the scenario refuses', exercise(changed(barrier, (e) => { e.patch = { model: { layers: [] } }; }))],
  ['an exercise of an unknown variant', exercise(changed(barrier, (e) => { e.variant = 'nope'; }))],
  ['an exercise without allowed fields', exercise(changed(barrier, (e) => { delete e.allowed; }))],
  ['limits that are not a range', exercise(changed(barrier, (e) => { e.limits = { seed: [2, 1] }; }))],
  ['an escape of a network', exercise(changed(barrier, (e) => { e.escape = { from: [0, 0], radius: 1 }; }))],
  ['an exercise without a check', exercise(changed(barrier, (e) => { delete e.check; }))],
  ['an unknown quantity', exercise(changed(barrier, (e) => { e.check[0].quantity = 'final.colour'; }))],
  ['an unknown op', exercise(changed(barrier, (e) => { e.check[0].op = 'roughly'; }))],
  ['a report of an unknown quantity', exercise(changed(barrier, (e) => { e.report = ['x']; }))],
  ['a label too long', exercise(changed(barrier, (e) => { e.labels = { ...e.labels, 'line.barrier': 'x'.repeat(61) }; }))],
  ['an exercise without its answer', exercise(changed(barrier, (e) => { delete e.answer; }))],
  ['a vary of no such field', exercise(changed(barrier, (e) => { e.vary = [{ field: 'nope', label: 'n', from: 1, to: 2, step: 1 }]; }))],
  // A student's answer.
  ['an answer for another exercise', () => module.checkExercise(barrierText, connect, JSON.stringify({ exercise: 'other', patch: {} }))],
  ['an answer with an unknown field', () => module.checkExercise(barrierText, connect, JSON.stringify({ exercise: 'barrier', colour: 1 }))],
  ['an answer whose patch is a number', () => module.checkExercise(barrierText, connect, JSON.stringify({ exercise: 'barrier', patch: 3 }))],
  ['an answer with a bad class code', () => module.checkExercise(barrierText, connect, JSON.stringify({ exercise: 'barrier', class: 'a b' }))],
  ['an answer form that is not an object', () => module.exerciseAnswerFromFields(barrierText, connect, '3')],
  ['an answer form of a field not allowed', () => module.exerciseAnswerFromFields(barrierText, connect, JSON.stringify({ fields: { steps: '3' } }))],
];

for (const [what, call] of CORPUS) {
  test(`${what}: a coded refusal that formatMessage() writes word for word`, () => {
    const error = thrown(call);
    assert.ok(error instanceof Error);
    assert.ok(error.code, `coded: ${error.message}`);
    assert.ok(Object.hasOwn(catalog.messages, error.code), `the catalog lists ${error.code}`);
    assert.ok(error.field, `names a field: ${error.message}`);
    assert.equal(formatMessage(error, catalog), error.message);
    assert.equal(module.hasError(), false, 'nothing left pending');
  });
}

// The limits of the machine, estimated from the scenario before anything is allocated: memory,
// one pass's work, the dense Hessian (its size, memory and work, each user with its own advice),
// one request's work, the counts a page passes. Each is coded like a refusal of a field.
const big = (points, units, kind = 'gd') => ({
  data: { kind: 'gaussians', points },
  model: { inputs: 2, layers: [{ units, activation: 'tanh' }, { units, activation: 'tanh' }, { units: 1, activation: 'linear' }], init: { kind: 'normal' } },
  loss: 'squared',
  optimizer: { kind, learning_rate: 0.01 },
  steps: 10,
});
const spiral = await file('exercises/spiral-fewest.json');
const spiralBase = JSON.stringify(await file(`${spiral.scenario}.json`));
const RESOURCES = [
  ['100,000 points of 2-1024-1024-1', scenarioInfo(big(100000, 1024)), 'data.points', 'points_memory'],
  ['one pass over 2,000 points of 2-1024-1024-1', scenarioInfo(big(2000, 1024)), 'data.points', 'points_pass_work'],
  ['Newton on 4,481 parameters', scenarioInfo(big(100, 64, 'newton')), 'optimizer.kind', 'optimizer_hessian_parameters'],
  ['Newton on 30,000 points', scenarioInfo(big(30000, 42, 'newton')), 'optimizer.kind', 'optimizer_hessian_memory'],
  ['Newton on 10,000 points', scenarioInfo(big(10000, 40, 'newton')), 'optimizer.kind', 'optimizer_hessian_work'],
  ['the spectrum of 4,481 parameters', () => { const t = new module.Training(JSON.stringify(big(100, 64))); try { t.spectrum(); } finally { t.delete(); } }, '', 'spectrum_hessian_parameters'],
  ['a search from seed 1e300', () => { const t = new module.Training(JSON.stringify(rescue)); try { t.criticalPoint(1e300, 1, 10); } finally { t.delete(); } }, 'seed', 'seed_out_of_range'],
  ['a search of scale 0', () => { const t = new module.Training(JSON.stringify(rescue)); try { t.criticalPoint(1, 0, 10); } finally { t.delete(); } }, 'scale', 'not_scale'],
  ['a search of 10^9 iterations', () => { const t = new module.Training(JSON.stringify(rescue)); try { t.criticalPoint(1, 1, 1e9); } finally { t.delete(); } }, 'iterations', 'whole_number_out_of_range'],
  ['an answer\'s check of Newton on 2-32-32-1', () => module.checkExercise(JSON.stringify(spiral), spiralBase, JSON.stringify({ exercise: spiral.name, patch: { optimizer: { kind: 'newton', learning_rate: 1 }, model: { layers: [{ units: 32, activation: 'tanh' }, { units: 32, activation: 'tanh' }, { units: 1, activation: 'tanh' }] } } })), 'answer.patch', 'check_work_hessian'],
];
for (const [what, call, field, code] of RESOURCES) {
  test(`${what}: refused as data, the limit and what to do instead in the catalog's words`, () => {
    const error = thrown(call);
    assert.equal(error.code, code, error.message);
    assert.equal(error.field, field);
    assert.equal(formatMessage(error, catalog), error.message);
    assert.equal(module.hasError(), false, 'nothing left pending');
  });
}

test('a link read without a verdict and the playground\'s link entries carry their refusals as data', () => {
  const link = JSON.parse(module.readAnswerLink('https://x.example/#exercise=barrier&class=a%20b'));
  assert.equal(link.refusal.code, 'not_class_code');
  assert.equal(formatMessage(link.refusal, catalog), link.error);
  assert.equal(JSON.parse(module.readAnswerLink('https://x.example/#exercise=barrier')).refusal, null);
  const reply = JSON.parse(module.playgroundSettings(JSON.stringify({ entries: [['lr', 11], ['layers', [0]], ['data', 'custom'], ['custom', [[0, 0, 5]]]] })));
  assert.equal(reply.errors, undefined, 'no finished English beside the data');
  assert.deepEqual(reply.refusals.map((r) => r.code), ['out_of_open_range', 'layer_units', 'own_label_binary']);
  // Each refusal's English is its code's template filled with its args: a page writes the same words.
  for (const refusal of reply.refusals) assert.equal(formatMessage(refusal, catalog), refusal.message);
});

test('the catalog\'s templates: every code once, each placeholder numbered', () => {
  const codes = Object.keys(catalog.messages);
  assert.ok(codes.length >= 15);
  for (const code of codes) {
    assert.match(code, /^[a-z][a-z_]*$/, code);
    for (const [, index] of catalog.messages[code].matchAll(/\{(\d+)\}/g)) assert.ok(Number(index) < 8, `${code}: {${index}}`); // the most: an over-budget check's seven
  }
  assert.equal(fillTemplate('must be >= {0} and <= {1} (got {2})', ['0', '10', '11']), 'must be >= 0 and <= 10 (got 11)');
  assert.equal(fillTemplate('{0} and {3}', ['a']), 'a and {3}');
  assert.equal(formatMessage({ field: 'lr', code: 'out_of_open_range', args: ['0', '10', '11'] }, catalog), 'lr: must be > 0 and <= 10 (got 11)');
  assert.equal(formatMessage({ field: 'x', code: 'no_such_code', args: [] }, catalog), null);
});

test('the pages\' catalog file is the core\'s catalog, and every refusal a page makes has its code there', async () => {
  // build/web/catalog.json (written by tools/build-web.mjs) is what every page's widgets read
  // (kit/catalog.js): the core's catalog() itself, not a copy that could drift.
  assert.deepEqual(JSON.parse(await readFile(path.join(root, 'build/web/catalog.json'), 'utf8')), catalog);
  // pageRefusal(field, code, ...) in the pages' scripts: each code in the core's one table.
  const { readdir } = await import('node:fs/promises');
  const codes = [];
  for (const entry of await readdir(path.join(root, 'web/src'), { recursive: true })) {
    if (!entry.endsWith('.js')) continue;
    const text = await readFile(path.join(root, 'web/src', entry), 'utf8');
    for (const [, code] of text.matchAll(/(?:pageRefusal|refusal)\([^,()]*, '([a-z_]+)'/g)) codes.push([entry, code]);
    for (const [, code] of text.matchAll(/code: '([a-z_]+)'/g)) codes.push([entry, code]);
    // The codes of a link's and a file's refusals, wherever they are written (a ternary, refuseState()).
    for (const [, code] of text.matchAll(/'((?:link|embed|file)_[a-z_]+)'/g)) codes.push([entry, code]);
  }
  assert.ok(codes.length >= 10, `${codes.length} codes found in the pages`);
  for (const [entry, code] of codes) assert.ok(Object.hasOwn(catalog.messages, code), `${entry}: ${code} is not in the core's table`);
});
