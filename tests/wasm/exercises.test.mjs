// Every exercise (scenarios/exercises/*.json) checked through the wasm module, as the student's
// and the teacher's pages run it: its known right answer passes, a known wrong answer fails
// with the message that says what is missing, and both verdicts are the native CLI's
// (`landscape check`) to the character, numbers included (the teacher sees the student's exact
// numbers). Also: the answer links (written and read by the core, the teacher's pasted lines
// split by it); for every exercise, the unchanged starting answer fails; every exercise that
// varies between students gives two students different instances, each instance's reference
// answer passes and a neighbour's answer fails. Writes the table of
// exercises, checks and verdicts to test-artifacts/exercise-checks.md (the closing note's figure).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assemblePage } from '../../tools/tutorial-page.mjs';
import { valuesFromPatch } from '../../web/src/exercises/answer-link.js';
import { valuesFromWidget } from '../../web/src/exercises/widget-answer.js';
import { formatMessage, verdictMessage } from '../../web/src/kit/messages.js';
import { coreReader, fromQuery, toScenario, useCatalog } from '../../web/src/playground/url-state.js';
import { loadModule, root } from './core-module.mjs';

const cli = path.join(root, 'build/native/tools/landscape');
const module = await loadModule();
const catalog = JSON.parse(module.catalog());

// A verdict is data: each missing thing, {field, code, args}, is worded from the exercise's
// templates (exerciseInfo()'s messages) and the catalog's exactly as the core's English, and
// together they are the core's message: a translated exercise and catalog translate it whole.
function assertVerdictWords(result, info) {
  assert.equal(result.verdict.length, result.failed.length);
  result.verdict.forEach((item, i) => {
    assert.ok(Object.hasOwn(info.messages, item.code) || Object.hasOwn(catalog.messages, item.code), `a template for ${item.code}`);
    assert.equal(formatMessage(item, { ...catalog.messages, ...info.messages }), result.failed[i]);
    assert.equal(item.message, result.failed[i]);
  });
  assert.equal(verdictMessage(result, info.messages, catalog), result.passed ? '' : result.message);
}
const scratch = await mkdtemp(path.join(tmpdir(), 'landscape-exercises-'));

// A known wrong answer per exercise and what its check must say.
const WRONG = {
  'balanced-minimum': { patch: { start: [0.3, -0.2] }, says: /^it ended at \(1\.01\d*, 0\.98\d*\), where \|w1\^2 - w2\^2\| = 0\.045\d*; start where w1\^2 - w2\^2 is already 0$/ },
  'newton-saddle': { patch: { start: [1, 0.5] }, says: /^Newton ended at a global minimum \(negative eigenvalues: 0\) at \(.*\); start it where it ends at the saddle$/ },
  'slow-escape': { patch: { start: [0.3, -0.2] }, says: /^gradient descent got farther than 0\.5 from the saddle after 51 steps/ },
  'monkey-flat': { patch: { start: [0.01, 0] }, says: /^at \(0\.01, 0\) the Hessian has an eigenvalue of size 0\.06; find where both eigenvalues vanish$/ },
  'gd-seed-saddle': { patch: { seed: 3 }, says: /^gradient descent ended where every Hessian eigenvalue is positive \(smallest 6\.6\d*e-05, loss 0\.011\d*\): a minimum's basin/ },
  // The origin is chapter 4's saddle: a critical point with negative eigenvalues, but the task asks for another.
  'deep-linear-saddle': { patch: { model: { init: { kind: 'zeros' } } }, says: /^the start is 0 from the origin; find a saddle at least 1 away from it$/ },
  // Newton beside the saddle at x on its hump, y in its deeper well: a saddle, but not the lowest one.
  'lowest-saddle': { patch: { start: [0.1, -1] }, note: 'every saddle here lies above every one of the minima', says: /^Newton ended at height 0\.8599\d*: there is a lower saddle$/ },
  // Width beyond the budget: one hidden layer of 100 units has 401 parameters.
  'deep-narrow-trains': { patch: { model: { layers: [{ units: 100, activation: 'tanh' }, { units: 1, activation: 'tanh' }] } }, says: /the network has 401 parameters; use at most 300$/ },
  'blind-spot-escape': { patch: { optimizer: { kind: 'gd', learning_rate: 0.05 } }, says: /^the network's own loss is 0\.3333 after 5000 steps: the point x = -1 still sends no gradient/ },
  'rescue-lambda': { patch: { added_neuron: { lambda: 50 } }, says: /^the network's own loss is 0\.43\d* at step 10000: it was not rescued/ },
  'playground-diverge': { patch: { optimizer: { learning_rate: 1000000 } }, note: 'it got too big', says: /^training did not diverge: after 500 steps the loss is 0\.99\d*; explain the core's message in your note \(at least 8 words; it has 4\)$/ },
  // The playground's 4-2 hidden layers, trained as the exercise trains: 2 of the 20 points on the wrong side.
  'spiral-fewest': { patch: {}, says: /^training accuracy 0\.9 after 3000 steps; every training point must be on its side \(accuracy 1\)$/ },
  barrier: { patch: {}, says: /^the straight line rises only 0\.652\d* above its higher end/ },
};

const names = (await readdir(path.join(root, 'scenarios/exercises'))).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

async function texts(name) {
  const exercise = await readFile(path.join(root, 'scenarios/exercises', `${name}.json`), 'utf8');
  const base = await readFile(path.join(root, 'scenarios', `${JSON.parse(exercise).scenario}.json`), 'utf8');
  return { exercise, base };
}

// The verdict natively: `landscape check EXERCISE ANSWER` (exit 0 passed, 3 not passed).
async function nativeCheck(name, answer) {
  const file = path.join(scratch, `${name}-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, answer);
  const run = spawnSync(cli, ['check', path.join(root, 'scenarios/exercises', `${name}.json`), file], { encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 3, run.stderr);
  return run.stdout.trim();
}

const rows = [];

test('there are at least ten exercises and every one has a known wrong answer here', () => {
  assert.ok(names.length >= 10, `${names.length} exercises`);
  assert.deepEqual(names, Object.keys(WRONG).sort());
});

test('every chapter from 1 to 8 has at least one exercise', async () => {
  const chapters = new Set();
  for (const name of names) chapters.add(JSON.parse((await texts(name)).exercise).chapter);
  for (const chapter of ['landscape', 'stalls', 'saddles', 'linear', 'nonlinear', 'one-neuron', 'real-network', 'many-minima'])
    assert.ok(chapters.has(chapter), `no exercise for the chapter ${chapter}`);
});

for (const name of names) {
  test(`${name}: the known answer passes and a wrong one says what is missing, in wasm as natively`, async () => {
    const { exercise, base } = await texts(name);
    const info = JSON.parse(module.exerciseInfo(exercise, base));
    const right = JSON.stringify({ exercise: name, patch: info.answer, note: info.answer_note });
    const passedText = module.checkExercise(exercise, base, right);
    const passed = JSON.parse(passedText);
    assert.equal(passed.passed, true, passed.message);
    assert.equal(passed.message, 'passed');
    assert.equal(passedText, await nativeCheck(name, right), 'the same verdict and numbers natively');

    const wrong = WRONG[name];
    const wrongAnswer = JSON.stringify({ exercise: name, patch: wrong.patch, note: wrong.note ?? '' });
    const failedText = module.checkExercise(exercise, base, wrongAnswer);
    const failed = JSON.parse(failedText);
    assert.equal(failed.passed, false);
    assert.match(failed.message, wrong.says);
    assert.equal(failedText, await nativeCheck(name, wrongAnswer), 'the same verdict and numbers natively');
    rows.push({ name, chapter: info.chapter, conditions: info.conditions, right: info.answer, rightNumbers: passed.numbers, wrong: wrong.patch, message: failed.message });
  });
}

test('an answer that changes a locked field is refused in wasm with the field named', async () => {
  const { exercise, base } = await texts('newton-saddle');
  assert.throws(() => module.checkExercise(exercise, base, JSON.stringify({ exercise: 'newton-saddle', patch: { optimizer: { kind: 'gd' } } })),
    { message: 'answer.patch.optimizer: not a field you may change in this exercise (you may change: start)' });
  assert.throws(() => module.exerciseInfo(exercise, '{"name": "rescue"}'), { message: /^scenario: the exercise is on the scenario 'saddle-explorer', but the scenario given is 'rescue'$/ });
  const before = module.heapBytes();
  for (let i = 0; i < 20; i++) assert.throws(() => module.checkExercise(exercise, base, '{"exercise": "newton-saddle", "patch": {"steps": 1}}'));
  assert.ok(module.heapBytes() - before < 64 * 1024, 'refusals leak nothing');
});

test('answer links: written and read by the core, pasted lines split into names and links, patches of the changed fields only', async () => {
  const write = (answer, options = {}, page = 'https://school.example/lab/exercises.html') => module.writeAnswerLink(page, JSON.stringify(answer), JSON.stringify(options));
  const answer = { exercise: 'newton-saddle', patch: { start: [0.3, 0.3] }, note: 'near the origin & it works' };
  const link = write(answer, { theme: 'dark' });
  assert.equal(link, 'https://school.example/lab/exercises.html#exercise=newton-saddle&theme=dark&answer=%7B%22start%22%3A%5B0.3%2C0.3%5D%7D&note=near+the+origin+%26+it+works');
  assert.deepEqual(JSON.parse(module.readAnswerLink(link)), { exercise: 'newton-saddle', answer, options: { theme: 'dark' }, error: '', refusal: null });
  // A class's student: the class code, the instance and the name travel with the answer.
  const anna = { ...answer, class: 'PHY-101', name: 'Anna Müller', instance: 12345 };
  const annaLink = write(anna, { lock: '1' });
  assert.equal(annaLink, 'https://school.example/lab/exercises.html#exercise=newton-saddle&lock=1&class=PHY-101&instance=12345&name=Anna+M%C3%BCller&answer=%7B%22start%22%3A%5B0.3%2C0.3%5D%7D&note=near+the+origin+%26+it+works');
  assert.deepEqual(JSON.parse(module.readAnswerLink(annaLink)).answer, anna);
  assert.equal(new URL(annaLink).hash, `#${new URLSearchParams([['exercise', 'newton-saddle'], ['lock', '1'], ['class', 'PHY-101'], ['instance', '12345'], ['name', 'Anna Müller'], ['answer', '{"start":[0.3,0.3]}'], ['note', anna.note]])}`, 'as URLSearchParams writes it');
  // The offline file's page keeps its own fragment.
  assert.match(write(answer, {}, 'file:///home/t/lab.html#page=exercises'), /^file:\/\/\/home\/t\/lab\.html#page=exercises&exercise=newton-saddle&answer=/);
  assert.throws(() => write({ ...answer, class: 'a b' }), { message: /^class: "a b" is not a class code/ });
  // One line, one row: a name before a link (": " or a tab) is kept; blank lines are no rows.
  const lines = JSON.parse(module.readHandedIn(`${link}\r\n  Alice: https://school.example/lab/exercises.html#exercise=newton-saddle&answer={"start":[0.3,0.3]}\n\nnot a link\nBob\texercises.html#exercise=monkey-flat\nhttps://x.example/#answer=1\nChloé Martin: ../lab/exercises.html#exercise=monkey-flat&answer=%7B%22start%22%3A%5B0%2C0%5D%7D`));
  assert.deepEqual(lines.map((l) => [l.line, l.name]), [[1, ''], [2, 'Alice'], [4, ''], [5, 'Bob'], [6, ''], [7, 'Chloé Martin']]);
  assert.deepEqual(JSON.parse(module.readAnswerLink(lines[1].link)).answer, { exercise: 'newton-saddle', patch: { start: [0.3, 0.3] }, note: '' });
  assert.equal(JSON.parse(module.readAnswerLink(lines[2].link)).error, 'link: not a link to an exercise: "not a link" (no #exercise=... in it)');
  assert.deepEqual(JSON.parse(module.readAnswerLink(lines[3].link)), { exercise: 'monkey-flat', answer: { exercise: 'monkey-flat', patch: {}, note: '' }, options: {}, error: '', refusal: null }, 'a relative link is read');
  assert.match(JSON.parse(module.readAnswerLink(lines[4].link)).error, /names no exercise/);
  assert.deepEqual(JSON.parse(module.readAnswerLink(lines[5].link)).answer.patch, { start: [0, 0] });
  assert.match(JSON.parse(module.readAnswerLink('https://x.example/#exercise=a&answer=%7Bstart')).error, /^answer: invalid JSON near byte/);
  assert.match(JSON.parse(module.readAnswerLink('https://x.example/#exercise=a&class=a%20b')).error, /^class: "a b" is not a class code/);
  assert.match(JSON.parse(module.readAnswerLink('https://x.example/#exercise=a&instance=-3')).error, /^instance: "-3" is not an instance number/);
  // The fields' texts, read by the core: key order is no change, only changed fields are in the patch.
  const { exercise, base } = await texts('rescue-lambda');
  const read = (fields) => JSON.parse(module.exerciseAnswerFromFields(exercise, base, JSON.stringify({ fields, note: '' })));
  assert.deepEqual(read({ 'added_neuron.lambda': '50' }).patch, {}, 'the base value: no change');
  assert.deepEqual(read({ 'added_neuron.lambda': '0.1' }).patch, { added_neuron: { lambda: 0.1 } });
  assert.throws(() => read({ 'added_neuron.lambda': '1e400' }), { message: /^answer\.patch\.added_neuron\.lambda: 1e400 is not a finite number/ });
  assert.deepEqual(valuesFromPatch({ added_neuron: { lambda: 0.1 } }, ['added_neuron.lambda', 'steps']), { 'added_neuron.lambda': 0.1 });
});

test('the answer form: each field described by the core, labelled in words, read back from its controls\' texts', async () => {
  for (const name of names) {
    const { exercise, base } = await texts(name);
    const info = JSON.parse(module.exerciseInfo(exercise, base));
    assert.deepEqual(info.fields.map((f) => f.path), info.allowed, `${name}: one control per allowed field`);
    for (const field of info.fields) {
      assert.ok(['number', 'seed', 'point', 'choice', 'features', 'count', 'layers', 'group', 'list', 'object'].includes(field.kind), `${name} ${field.path}: ${field.kind}`);
      assert.doesNotMatch(field.label, /[a-z_]\.[a-z_]/i, `${name} ${field.path}: a label in words, not a path ("${field.label}")`);
    }
  }
  const form = async (name) => {
    const { exercise, base } = await texts(name);
    const info = JSON.parse(module.exerciseInfo(exercise, base));
    const read = (fields) => JSON.parse(module.exerciseAnswerFromFields(exercise, base, JSON.stringify({ fields, note: '' })));
    const check = (fields) => JSON.parse(module.checkExercise(exercise, base, JSON.stringify(read(fields)))).passed;
    return { info, read, check, byPath: Object.fromEntries(info.fields.map((f) => [f.path, f])) };
  };
  // A point: two inputs, each with the exercise's range; the core reads the two texts.
  const newton = await form('newton-saddle');
  assert.deepEqual(newton.byPath.start, { path: 'start', label: 'where Newton\'s method starts', kind: 'point', parts: [{ label: 'w1', min: -3, max: 3 }, { label: 'w2', min: -3, max: 3 }] });
  assert.equal(newton.check({ start: ['0.3', ' 0.3 '] }), true, 'the right answer, typed in two inputs');
  assert.equal(newton.check({ start: ['1', '0.5'] }), false, 'a wrong one');
  assert.deepEqual(newton.read({ start: ['', ''] }).patch, {}, 'empty inputs keep the exercise\'s start');
  assert.deepEqual(newton.read({ start: ['0.3', ''] }).patch, { start: [0.3, 0.8] }, 'an empty component keeps its value');
  assert.throws(() => newton.read({ start: ['here', '0'] }), { message: 'answer.patch.start[0]: "here" is not a number' });
  assert.throws(() => newton.read({ start: ['0', '[1]'] }), { message: 'answer.patch.start[1]: [1] is not a number' });
  assert.throws(() => newton.read({ start: ['1e400', '0'] }), { message: /^answer\.patch\.start\[0\]: 1e400 is not a finite number/ });
  assert.throws(() => newton.read({ start: ['1', '2', '3'] }), { message: /^answer\.patch\.start: not a point of 3 numbers/ });
  assert.throws(() => newton.read({ start: ['4', '0'] }), { message: /^answer\.patch\.start/, }, 'out of the range: refused, naming the field');
  // A seed, a number with its range.
  const seed = await form('gd-seed-saddle');
  assert.deepEqual(seed.byPath.seed, { path: 'seed', label: 'the start\'s random seed', kind: 'seed', integer: true, min: 0, max: 1000000 });
  const rescue = await form('rescue-lambda');
  assert.deepEqual(rescue.byPath['added_neuron.lambda'], { path: 'added_neuron.lambda', label: 'the added neuron\'s penalty γ', kind: 'number', integer: false, min: 0, max: 1000 });
  // A menu: the kind of the network's start, where a kind is the whole answer.
  const spiral = await form('spiral-fewest');
  assert.equal(spiral.byPath['model.init'].kind, 'choice');
  assert.ok(spiral.byPath['model.init'].choices.includes('zeros'));
  assert.deepEqual(spiral.read({ 'model.init': 'zeros' }).patch, { model: { init: { kind: 'zeros' } } });
  assert.throws(() => spiral.read({ 'model.init': 'sideways' }), { message: /^answer\.patch\.model\.init: "sideways" is not a value/ });
  // A start written out weight by weight (a saddle away from the origin) is no menu: JSON.
  const linear = await form('deep-linear-saddle');
  assert.equal(linear.byPath['model.init'].kind, 'object');
  const saddle = JSON.stringify({ kind: 'params', params: [2, -1, 0, 0, 0, 0, 0, 0, 0] });
  assert.equal(linear.check({ 'model.init': saddle }), true);
  assert.equal(linear.check({ 'model.init': JSON.stringify({ kind: 'zeros' }) }), false, 'the origin is not far enough');
  // A network, as the playground's controls hold it: no JSON.
  for (const path of ['model.layers', 'optimizer']) assert.notEqual(spiral.byPath[path].kind, 'list', path);
  assert.equal(spiral.byPath['data.features'], undefined, 'the inputs are x1 and x2 for everyone');
  assert.equal(spiral.byPath.regularization.kind, 'group', 'no regularization in the base: a menu and a number all the same');
  for (const [path, field] of Object.entries(spiral.byPath)) assert.ok(!['list', 'object'].includes(field.kind), `spiral-fewest ${path}: a control, not JSON`);
});

// spiral-fewest fixes the inputs (x1 and x2); the features' controls are those of the same
// exercise with the features and the number of inputs open to the student.
async function spiralWithFeatures() {
  const { exercise: fixed, base } = await texts('spiral-fewest');
  const open = JSON.parse(fixed);
  open.allowed = ['data.features', 'model.inputs', ...open.allowed];
  open.field_labels = { 'data.features': 'input features', 'model.inputs': 'number of inputs', ...open.field_labels };
  open.check[1].value = 150;
  open.answer = { data: { features: ['x1', 'x2', 'sin(x1)', 'sin(x2)'] }, model: { inputs: 4, layers: [8, 8, 1].map((units) => ({ units, activation: 'tanh' })) }, optimizer: { kind: 'adam', learning_rate: 0.1, batch_size: 0 } };
  return { exercise: JSON.stringify(open), base };
}

test('a network\'s answer from its controls: features ticked, layers as units and activations, the optimizer\'s settings; the inputs follow the features', async () => {
  const { exercise, base } = await spiralWithFeatures();
  const info = JSON.parse(module.exerciseInfo(exercise, base));
  const byPath = Object.fromEntries(info.fields.map((f) => [f.path, f]));
  const catalog = JSON.parse(module.catalog());
  // Each control's description comes from the core's catalog and limits, in its words.
  assert.equal(byPath['data.features'].kind, 'features');
  assert.deepEqual(byPath['data.features'].choices, catalog.features);
  assert.equal(byPath['data.features'].choice_labels['sin(x1)'], 'sin x₁');
  assert.deepEqual(byPath['data.features'].choice_labels, catalog.playground.fields.find((f) => f.key === 'features').choice_labels, 'the playground\'s own words');
  assert.deepEqual(byPath['model.inputs'], { path: 'model.inputs', label: 'number of inputs', kind: 'count', of: 'data.features' });
  assert.deepEqual(byPath['model.layers'], { path: 'model.layers', label: 'the layers', kind: 'layers', units: { min: 1, max: catalog.limits.units }, max_layers: catalog.limits.layers, activations: catalog.activations, flags: [] });
  const optimizer = byPath.optimizer;
  assert.equal(optimizer.kind, 'group');
  assert.deepEqual(optimizer.parts.map((p) => p.key), ['kind', 'learning_rate', 'batch_size']);
  assert.deepEqual(optimizer.parts[0].choices, catalog.optimizers.map((o) => o.name));
  assert.equal(optimizer.parts[0].choice_labels.adam, 'Adam');
  assert.deepEqual(optimizer.parts[2], { key: 'batch_size', label: 'batch size (0: all training points)', kind: 'number', integer: true });
  // The regularization: the catalog's kinds in the playground's words, its strength in the
  // scenario's range; "none" where the exercise's network has none.
  const regularization = byPath.regularization;
  assert.equal(regularization.kind, 'group');
  assert.deepEqual(regularization.parts.map((p) => p.key), ['kind', 'rate']);
  assert.deepEqual(regularization.parts[0].choices, catalog.regularizations);
  assert.deepEqual(regularization.parts[0].choice_labels, catalog.playground.fields.find((f) => f.key === 'reg').choice_labels, 'the playground\'s own words');
  assert.deepEqual(Object.values(regularization.parts[0].choice_labels), ['none', 'L1', 'L2']);
  assert.equal(regularization.parts[0].default, 'none');
  assert.deepEqual(regularization.parts[1], { key: 'rate', label: 'strength (rate)', kind: 'number', integer: false, min: 0, max: catalog.limits.regularization_rate, default: 0 });
  assert.ok(catalog.playground.max_regularization <= catalog.limits.regularization_rate, 'a strength the playground sets is one the form takes');

  const read = (fields, note = '') => JSON.parse(module.exerciseAnswerFromFields(exercise, base, JSON.stringify({ fields, note })));
  const layers = (...units) => units.map((u) => ({ units: String(u), activation: 'tanh' }));
  // The base as the controls show it: no change.
  const unchanged = { 'data.features': ['x1', 'x2'], 'model.inputs': '', 'model.layers': layers(4, 2, 1), 'model.init': 'uniform', optimizer: { kind: 'adam', learning_rate: '0.03', batch_size: '0' }, regularization: { kind: 'none', rate: '0' }, steps: '3000' };
  assert.deepEqual(read(unchanged).patch, {});
  // The exercise's right answer, typed and ticked: exactly its patch, the inputs counted by the core.
  const right = { ...unchanged, 'data.features': ['x1', 'x2', 'sin(x1)', 'sin(x2)'], 'model.layers': layers(8, 8, 1), optimizer: { kind: 'adam', learning_rate: '0.1', batch_size: '0' } };
  const answer = read(right);
  assert.deepEqual(answer.patch, info.answer);
  const verdict = JSON.parse(module.checkExercise(exercise, base, JSON.stringify(answer)));
  assert.equal(verdict.passed, true, verdict.message);
  // With a small L2 penalty chosen in the menu and its strength typed: still a right answer.
  const penalised = read({ ...right, regularization: { kind: 'l2', rate: ' 0.0001 ' } });
  assert.deepEqual(penalised.patch.regularization, { kind: 'l2', rate: 0.0001 });
  const penalisedVerdict = JSON.parse(module.checkExercise(exercise, base, JSON.stringify(penalised)));
  assert.equal(penalisedVerdict.passed, true, penalisedVerdict.message);
  // "none" is no regularization, whatever the strength's text; an empty strength is 0.
  assert.deepEqual(read({ regularization: { kind: 'none', rate: '5' } }).patch, {});
  assert.deepEqual(read({ regularization: { kind: 'l1', rate: '' } }).patch, { regularization: { kind: 'l1' } });
  assert.throws(() => read({ regularization: { kind: 'l2', rate: '2000' } }), { message: /^answer\.patch\.regularization\.rate: / });
  assert.throws(() => read({ regularization: { kind: 'l2', rate: 'lots' } }), { message: 'answer.patch.regularization.rate: "lots" is not a number' });
  assert.throws(() => read({ regularization: { kind: 'l3', rate: '1' } }), { message: /^answer\.patch\.regularization\.kind: / });
  // And back: the answer's values are what the controls are filled with on reopening.
  assert.deepEqual(valuesFromPatch(answer.patch, info.allowed)['model.layers'], [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'tanh' }]);
  // A layer added, one removed: the list is the rows'.
  assert.deepEqual(read({ 'model.layers': layers(3, 3, 3, 1) }).patch.model.layers.map((l) => l.units), [3, 3, 3, 1]);
  assert.deepEqual(read({ 'model.layers': layers(5, 1) }).patch.model.layers.map((l) => l.units), [5, 1]);
  // Refused, naming the layer or the field: the core's rules, not the page's.
  assert.throws(() => read({ 'model.layers': layers('many', 1) }), { message: 'answer.patch.model.layers[0].units: "many" is not a number' });
  assert.throws(() => read({ 'model.layers': layers('', 1) }), { message: 'answer.patch.model.layers[0].units: missing (a whole number of units)' });
  assert.throws(() => read({ 'model.layers': layers(2000, 1) }), { message: /^answer\.patch\.model\.layers\[0\]\.units: / });
  assert.throws(() => read({ 'model.layers': layers(2.5, 1) }), { message: /^answer\.patch\.model\.layers\[0\]\.units: / });
  assert.throws(() => read({ 'data.features': [] }), { message: 'answer.patch.data.features: choose at least one input feature' });
  assert.throws(() => read({ 'data.features': ['x3'] }), { message: /^answer\.patch\.data\.features/ });
  assert.throws(() => read({ optimizer: { kind: 'adam', learning_rate: 'fast', batch_size: '0' } }), { message: 'answer.patch.optimizer.learning_rate: "fast" is not a number' });
  assert.throws(() => read({ optimizer: { momentum: '0.9' } }), { message: /^answer\.patch\.optimizer\.momentum: not a setting this form offers/ });
  // A count typed (an old link's form) is read as typed; the core refuses one that does not match.
  assert.throws(() => read({ 'data.features': ['x1', 'x2', 'x1^2'], 'model.inputs': '2' }), { message: /inputs/ });

  // Playground-diverge: linear layers and a learning rate, with a note: passes.
  const diverge = await texts('playground-diverge');
  const d = JSON.parse(module.exerciseInfo(diverge.exercise, diverge.base));
  const linear = [4, 2, 1].map((u) => ({ units: String(u), activation: 'linear' }));
  const fields = { 'optimizer.learning_rate': '3', 'model.layers': linear };
  const divergeAnswer = JSON.parse(module.exerciseAnswerFromFields(diverge.exercise, diverge.base, JSON.stringify({ fields, note: d.answer_note })));
  assert.deepEqual(divergeAnswer.patch, d.answer);
  assert.equal(JSON.parse(module.checkExercise(diverge.exercise, diverge.base, JSON.stringify(divergeAnswer))).passed, true);

  // Layers with flags where the exercise uses them: the residual layers of the deep narrow
  // network, the biases of the blind spot's; unchanged rows are no change.
  const narrow = await texts('deep-narrow-trains');
  const n = JSON.parse(module.exerciseInfo(narrow.exercise, narrow.base));
  const nLayers = n.fields.find((f) => f.path === 'model.layers');
  assert.deepEqual(nLayers.flags, [{ key: 'skip', label: 'residual (adds its input)', default: false }]);
  const narrowRead = (rows) => JSON.parse(module.exerciseAnswerFromFields(narrow.exercise, narrow.base, JSON.stringify({ fields: { 'model.layers': rows }, note: '' })));
  const rows = (skip) => n.base_values['model.layers'].map((l, i, all) => ({ units: String(l.units), activation: l.activation, skip: skip && i > 0 && i < all.length - 1 }));
  assert.deepEqual(narrowRead(rows(false)).patch, {});
  assert.deepEqual(narrowRead(rows(true)).patch, n.answer);
  const blind = await texts('blind-spot-escape');
  const b = JSON.parse(module.exerciseInfo(blind.exercise, blind.base));
  assert.deepEqual(b.fields.find((f) => f.path === 'model.layers').flags.map((f) => f.key), ['bias']);
  const blindRows = b.base_values['model.layers'].map((l) => ({ units: String(l.units), activation: l.activation, bias: l.bias }));
  assert.deepEqual(JSON.parse(module.exerciseAnswerFromFields(blind.exercise, blind.base, JSON.stringify({ fields: { 'model.layers': blindRows }, note: '' }))).patch, {});
});

for (const name of names) {
  test(`${name}: the unchanged starting answer fails (nothing is passed by doing nothing)`, async () => {
    const { exercise, base } = await texts(name);
    const result = JSON.parse(module.checkExercise(exercise, base, JSON.stringify({ exercise: name, patch: {}, note: '' })));
    assert.equal(result.passed, false, `${name} passes unchanged: ${JSON.stringify(result.numbers)}`);
    assertVerdictWords(result, JSON.parse(module.exerciseInfo(exercise, base)));
    // And for a class's student: their own starting answer fails too.
    const info = JSON.parse(module.exerciseInstanceInfo(exercise, base, 'PHY-101', 'Anna Berg'));
    const own = JSON.parse(module.checkExercise(exercise, base, JSON.stringify({ exercise: name, patch: {}, note: '', class: 'PHY-101', name: 'Anna Berg', instance: info.instance })));
    assert.equal(own.passed, false, `${name} instance ${info.instance} passes unchanged`);
    assertVerdictWords(own, info);
    // The numbers in the exercise file's words, never a dotted name.
    assert.ok(own.summary.length > 0);
    assert.doesNotMatch(own.summary, /\b(final|initial|start|line)\.[a-z_]+/, own.summary);
  });
}

const CLASS = 'PHY-101';
// A class list: the first three answer; a neighbour is the first other student whose numbers
// differ (an exercise that varies by a short list of choices gives some students the same ones).
const STUDENTS = ['Anna Berg', 'Ben Okafor', 'Chloé Martin', 'Dan Ito', 'Eva Nowak', 'Femi Adeyemi', 'Gita Rao', 'Hugo Lind', 'Ines Costa', 'Jon Berg'];
const varying = [];
for (const name of names) {
  const { exercise, base } = await texts(name);
  if (JSON.parse(module.exerciseInfo(exercise, base)).varies.length) varying.push(name);
}

test('at least five exercises vary between the students of a class', () => {
  assert.ok(varying.length >= 5, `${varying.length} vary: ${varying.join(', ')}`);
});

for (const name of varying) {
  test(`${name}: each student has an instance; its reference answer passes, a neighbour's fails, in wasm as natively`, async () => {
    const { exercise, base } = await texts(name);
    const who = (student, code = CLASS) => JSON.parse(module.exerciseInstanceInfo(exercise, base, code, student));
    const instances = STUDENTS.map((student) => who(student));
    assert.equal(new Set(instances.map((i) => i.instance)).size, STUDENTS.length, 'every student an instance of their own');
    const values = new Set(instances.map((i) => i.instance_text));
    assert.ok(values.size >= 3, `${values.size} sets of numbers among ${STUDENTS.length} students`);
    assert.equal(who('  anna   BERG ').instance, instances[0].instance, 'the same name, typed another way: the same instance');
    assert.notEqual(who('Anna Berg', 'PHY-102').instance, instances[0].instance, 'another class: another instance');
    assert.equal(who('Anna Berg', '').instance, 0, 'no class code: the exercise as written');
    const check = (student, info, patch, instance = info.instance) => {
      const answer = JSON.stringify({ exercise: name, patch, note: info.answer_note, class: CLASS, name: student, instance });
      const text = module.checkExercise(exercise, base, answer);
      return { answer, text, result: JSON.parse(text) };
    };
    // Three students with numbers of their own: each one's reference answer passes.
    const distinct = STUDENTS.map((student, i) => i).filter((i, k, all) => all.findIndex((j) => instances[j].instance_text === instances[i].instance_text) === k).slice(0, 3);
    for (const i of distinct) {
      const { result, answer, text } = check(STUDENTS[i], instances[i], instances[i].answer);
      assert.equal(result.passed, true, `${STUDENTS[i]}'s reference answer (instance ${instances[i].instance}): ${result.message}`);
      assert.equal(result.instance, instances[i].instance);
      if (i === 0) assert.equal(text, await nativeCheck(name, answer), 'the same verdict natively');
    }
    // A neighbour (numbers of their own) types Anna's answer into their page: it fails on theirs.
    const n = distinct[1];
    const copied = check(STUDENTS[n], instances[n], instances[0].answer);
    assert.equal(copied.result.passed, false, `Anna's answer passes for ${STUDENTS[n]}: ${JSON.stringify(copied.result.numbers)}`);
    assert.equal(copied.text, await nativeCheck(name, copied.answer), 'the same verdict natively');
    // Anna's link handed in under the neighbour's name: computed for another instance, and said so.
    const handed = check(STUDENTS[n], instances[n], instances[0].answer, instances[0].instance);
    assert.equal(handed.result.passed, false);
    assert.match(handed.result.message, new RegExp(`^instance: this answer was computed for instance ${instances[0].instance}, but "${STUDENTS[n]}"'s instance in class PHY-101 is ${instances[n].instance}`));
    assert.deepEqual(handed.result.verdict[0], { field: 'instance', code: 'other_instance', args: [String(instances[0].instance), STUDENTS[n], CLASS, String(instances[n].instance)], message: handed.result.failed[0] });
    assertVerdictWords(handed.result, instances[n]);
    // Without a name, and without a class code: the same verdict in the words of its own code.
    const unnamed = JSON.parse(module.checkExercise(exercise, base, JSON.stringify({ exercise: name, patch: instances[0].answer, class: CLASS, instance: instances[0].instance })));
    assert.equal(unnamed.verdict[0].code, 'other_instance_unnamed');
    assertVerdictWords(unnamed, who(''));
    const written = JSON.parse(module.checkExercise(exercise, base, JSON.stringify({ exercise: name, patch: instances[0].answer, name: STUDENTS[n], instance: instances[0].instance })));
    assert.equal(written.verdict[0].code, 'other_instance_as_written');
    assertVerdictWords(written, JSON.parse(module.exerciseInfo(exercise, base)));
  });
}

test('widget states become answers: the explorer\'s start, the playground\'s settings', async () => {
  const explorer = { linkState: () => ({ surface: 'product', start: '0.3,-0.2997' }) };
  assert.deepEqual(valuesFromWidget('saddle-explorer', explorer, ['start']), { start: [0.3, -0.2997] });
  useCatalog(JSON.parse(module.catalog()));
  const { exercise, base } = await spiralWithFeatures();
  const info = JSON.parse(module.exerciseInfo(exercise, base));
  // The playground element as the page has it: its link's settings, and the scenario the core
  // built from them for its current run.
  const settings = { data: 'spiral', features: 'x1,x2,sin(x1),sin(x2)', layers: '8,8', optimizer: 'gd', lr: '0.3' };
  const build = (state) => JSON.parse(module.playgroundScenario(JSON.stringify(state)));
  const { scenario: built } = await toScenario((await fromQuery(new URLSearchParams(settings).toString(), coreReader(module))).state, build);
  const playground = { linkState: () => settings, scenario: built };
  const values = valuesFromWidget('playground', playground, info.allowed);
  assert.deepEqual(values['data.features'], ['x1', 'x2', 'sin(x1)', 'sin(x2)']);
  assert.equal(values['model.inputs'], 4);
  assert.deepEqual(values['model.layers'].map((l) => l.units), [8, 8, 1]);
  assert.equal(values.regularization, null, 'the playground\'s "none": no regularization, the form\'s default');
  // The fields as the page fills them (JSON text of each value; empty where the exercise's
  // scenario has none), read back by the core.
  const fields = Object.fromEntries(info.allowed.map((path) => {
    const value = { ...info.base_values, ...values }[path];
    return [path, value === null || value === undefined ? '' : JSON.stringify(value)];
  }));
  const { patch } = JSON.parse(module.exerciseAnswerFromFields(exercise, base, JSON.stringify({ fields, note: '' })));
  assert.deepEqual(Object.keys(patch).sort(), ['data', 'model', 'optimizer'], 'only what the settings changed');
  const scenario = JSON.parse(module.exerciseScenario(exercise, base, JSON.stringify({ exercise: 'spiral-fewest', patch })));
  assert.deepEqual(scenario.optimizer, { batch_size: 0, kind: 'gd', learning_rate: 0.3 });
  assert.equal(scenario.data.kind, 'inline', 'the locked data set stays');
  assert.equal(scenario.data.x.length, 20);
  // The exercise as shipped fixes the inputs: the playground's ticked features are not taken.
  const fixed = await texts('spiral-fewest');
  const fixedValues = valuesFromWidget('playground', playground, JSON.parse(module.exerciseInfo(fixed.exercise, fixed.base)).allowed);
  assert.deepEqual(Object.keys(fixedValues).sort(), ['model.init', 'model.layers', 'optimizer', 'regularization']);
  // A penalty set in the playground is the answer's.
  const penalised = { ...settings, reg: 'l2', rate: '0.003' };
  const { scenario: withPenalty } = await toScenario((await fromQuery(new URLSearchParams(penalised).toString(), coreReader(module))).state, build);
  const penaltyValues = valuesFromWidget('playground', { linkState: () => penalised, scenario: withPenalty }, info.allowed);
  assert.deepEqual(penaltyValues.regularization, { kind: 'l2', rate: 0.003 });
  const controlTexts = { kind: penaltyValues.regularization.kind, rate: String(penaltyValues.regularization.rate) };
  assert.deepEqual(JSON.parse(module.exerciseAnswerFromFields(exercise, base, JSON.stringify({ fields: { regularization: controlTexts }, note: '' }))).patch, { regularization: { kind: 'l2', rate: 0.003 } });
  assert.deepEqual(valuesFromWidget('playground', { linkState: () => settings }, info.allowed), {}, 'no run yet: nothing to take');
});

test('a playground exercise\'s widget starts on the network its check trains: the core\'s link state, read by the playground\'s link reader', async () => {
  useCatalog(JSON.parse(module.catalog()));
  const build = (state) => JSON.parse(module.playgroundScenario(JSON.stringify(state)));
  // What the playground trains from the link state the exercise page gives it, and what the check trains.
  const trained = async ({ exercise, base }) => {
    const link = module.exercisePlaygroundState(exercise, base, '', '');
    const { state, errors } = await fromQuery(link, coreReader(module));
    assert.deepEqual(errors, [], `the playground reads the core's link ${link}`);
    const built = await toScenario(state, build);
    const checked = JSON.parse(module.exerciseScenario(exercise, base, JSON.stringify({ exercise: JSON.parse(exercise).name, patch: {} })));
    return { link, built, checked };
  };
  // Own points: the exercise's 20 points, Adam's full batch a batch of all 20 (not the playground's 10).
  const spiral = await trained(await texts('spiral-fewest'));
  assert.match(spiral.link, /^data=custom&optimizer=adam&batch=20&custom=0\.446:0\.227:1;/);
  assert.deepEqual(spiral.built.scenario.data.x, spiral.checked.data.x);
  assert.deepEqual(spiral.built.scenario.data.y, spiral.checked.data.y);
  assert.equal(spiral.built.trainPoints, 20);
  assert.equal(spiral.built.scenario.optimizer.batch_size, 20, 'each step takes every point, as the check\'s full batch');
  assert.equal(spiral.checked.optimizer.batch_size, 0);
  for (const key of ['kind', 'learning_rate']) assert.equal(spiral.built.scenario.optimizer[key], spiral.checked.optimizer[key], key);
  assert.deepEqual(spiral.built.scenario.model.layers, spiral.checked.model.layers);
  // A named data set: its noise and test share; the full batch is the points not held out.
  const diverge = await texts('playground-diverge');
  const xor = JSON.parse(diverge.exercise);
  xor.patch = { steps: 500, data: { kind: 'xor', noise: 0.1, test_fraction: 0.2 }, optimizer: { kind: 'adam', learning_rate: 0.01, batch_size: 0 } };
  const named = await trained({ exercise: JSON.stringify(xor), base: diverge.base });
  assert.equal(named.link, 'data=xor&noise=10&test=20&optimizer=adam&lr=0.01&batch=400');
  for (const key of ['kind', 'points', 'noise', 'test_fraction', 'seed']) assert.equal(named.built.scenario.data[key], named.checked.data[key], `data.${key}`);
  assert.equal(named.built.trainPoints, 400);
  assert.equal(named.built.scenario.optimizer.batch_size, 400);
  // The shipped exercise on the default network: the playground's defaults, nothing in the link.
  assert.equal(module.exercisePlaygroundState(diverge.exercise, diverge.base, '', ''), '');
  // An exercise on another widget has no playground: refused by name, nothing left pending.
  const newton = await texts('newton-saddle');
  assert.throws(() => module.exercisePlaygroundState(newton.exercise, newton.base, '', ''), /^Error: widget: the exercise's widget is the saddle-explorer, not the playground$/);
  assert.doesNotThrow(() => module.catalog());
});

test('the tutorial links each exercise it names, and every named exercise exists', async () => {
  const tutorial = assemblePage();
  const linked = [...tutorial.matchAll(/href="exercises\.html#exercise=([a-z0-9-]+)"/g)].map((m) => m[1]);
  assert.ok(linked.length >= 10, `${linked.length} exercise links in the tutorial`);
  for (const name of linked) assert.ok(names.includes(name), `the tutorial links the exercise ${name}, which does not exist`);
  assert.match(tutorial, /href="teacher\.html"/);
});

test('the table of exercises, checks and verdicts (test-artifacts/exercise-checks.md)', async () => {
  await mkdir(path.join(root, 'test-artifacts'), { recursive: true });
  const ops = { equals: '=', differs: '≠', above: '>', below: '<', at_least: '≥', at_most: '≤' };
  const lines = ['| exercise | chapter | check | right answer (passes) | wrong answer | what the check says |', '|---|---|---|---|---|---|'];
  for (const row of rows.sort((a, b) => a.name.localeCompare(b.name))) {
    const check = row.conditions.map((c) => `${c.quantity} ${ops[c.op]} ${c.value}`).join(', ');
    lines.push(`| ${row.name} | ${row.chapter} | ${check} | \`${JSON.stringify(row.right)}\` | \`${JSON.stringify(row.wrong)}\` | ${row.message.replaceAll('|', '\\|')} |`);
  }
  await writeFile(path.join(root, 'test-artifacts/exercise-checks.md'), `${lines.join('\n')}\n`);
  assert.equal(rows.length, names.length);
});
