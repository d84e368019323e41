// The reproducers that once aborted the wasm module (a 2 GB heap's out-of-memory abort, and
// nlohmann's dump() aborting on a message cut inside a UTF-8 sequence) now throw a JS Error
// naming the field, and the module keeps working after each. Round two: 10,000 nested arrays
// that overflowed the wasm stack, answers with null, 1e400 and over the budget of a check,
// criticalPoint's seeds and counts, invisible characters in messages (tests/fixtures/reproducers),
// each 200 times in one module, after which the rescue trains to the same bits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
const wasmBinary = await readFile(path.join(root, 'build/wasm/landscape.wasm'));
const base = JSON.parse(await readFile(path.join(root, 'bench/playground-wide.json'), 'utf8'));
const fixtures = {};
for (const name of ['terminal-escape-in-error.json', 'fuzz-02153-two-line-error.json', 'fuzz-00003-wasm-status-abort.json', 'nan-gradient-finite-loss-run.json']) {
  fixtures[name] = await readFile(path.join(root, 'tests/fixtures/reproducers', name), 'utf8');
}

// No control character, no replacement character (a cut sequence), one line.
function assertPrintable(message) {
  assert.doesNotMatch(message, /[\u0000-\u001f\u007f-\u009f\ufffd]/, JSON.stringify(message));
}

// The module still trains after a refusal: nothing aborted, nothing is left half made.
function assertAlive(module) {
  const t = new module.Training(JSON.stringify({ ...base, steps: 3 }));
  try {
    assert.equal(JSON.parse(t.advance(3)).length, 2);
  } finally {
    t.delete();
  }
}

test('Newton on 17,025 parameters throws an Error naming optimizer.kind (it aborted the module)', async () => {
  const module = await createLandscapeModule({ wasmBinary });
  const s = structuredClone(base);
  s.model.layers = [{ units: 128 }, { units: 128 }, { units: 1 }];
  s.optimizer = { kind: 'newton', learning_rate: 0.5 };
  s.data.points = 50;
  assert.throws(() => new module.Training(JSON.stringify(s)), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.message, 'optimizer.kind: newton needs the dense Hessian, at most 2000 parameters (this network has 17,025); use gd, momentum or adam, or fewer units');
    return true;
  });
  assertAlive(module);
});

test('100,000 points on 2-1024-1024-1 throws an Error naming data.points and model.layers', async () => {
  const module = await createLandscapeModule({ wasmBinary });
  const heapBefore = module.HEAPU8.length;
  const s = structuredClone(base);
  s.model.layers = [{ units: 1024 }, { units: 1024 }, { units: 1 }];
  s.data.points = 100000;
  assert.throws(() => new module.Training(JSON.stringify(s)), (e) => {
    assert.match(e.message, /^data\.points: 100,000 points on a 2-1024-1024-1 network need about .* 512 MB .*model\.layers/);
    return true;
  });
  // Refused before allocating: the heap did not grow towards the 2 GB.
  assert.ok(module.HEAPU8.length - heapBefore < 64 * 2 ** 20);
  assertAlive(module);
});

test('an error message cut inside a UTF-8 sequence throws a printable Error from the constructor and Surface.path', async () => {
  const module = await createLandscapeModule({ wasmBinary });
  assert.throws(() => new module.Training('{"name": "' + 'é'.repeat(30)), (e) => {
    assert.match(e.message, /^scenario: invalid JSON near byte/);
    assertPrintable(e.message);
    return true;
  });
  const surface = new module.Surface('product', 1, 1);
  try {
    assert.throws(() => surface.path('{"kind": "' + 'é'.repeat(30), 0, 0, 10, 1), (e) => {
      assert.match(e.message, /^optimizer: invalid JSON near byte/);
      assertPrintable(e.message);
      return true;
    });
    assert.throws(() => surface.curvature(1e200, 1e200), /^Error: x, y: /);
  } finally {
    surface.delete();
  }
  assert.throws(() => new module.Training(fixtures['fuzz-00003-wasm-status-abort.json']), (e) => {
    assertPrintable(e.message);
    return /^scenario: invalid JSON/.test(e.message);
  });
  for (const [name, start] of [['terminal-escape-in-error.json', 'model.layers[0].activation: '], ['fuzz-02153-two-line-error.json', 'model.init.kind: ']]) {
    assert.throws(() => new module.Training(fixtures[name]), (e) => {
      assert.ok(e.message.startsWith(start), e.message);
      assertPrintable(e.message);
      assert.ok(e.message.includes('\\u00'), 'the control characters are escaped, not dropped');
      return true;
    });
  }
  assertAlive(module);
});

test('a finite loss with a NaN gradient throws at creation; a diverging gradient pauses with a message', async () => {
  const module = await createLandscapeModule({ wasmBinary });
  assert.throws(() => new module.Training(fixtures['nan-gradient-finite-loss-run.json']), /model\.init: the initial gradient is not finite/);
  const t = new module.Training(JSON.stringify({
    data: { kind: 'inline', x: [[1e154]], y: [[0]] },
    model: { inputs: 1, layers: [{ units: 1, activation: 'linear', bias: false }], init: { kind: 'params', params: [-0.1] } },
    loss: 'squared', optimizer: { kind: 'gd', learning_rate: 6e-308 }, steps: 10, log_every: 1,
  }));
  try {
    const records = JSON.parse(t.advance(10));
    for (const r of records) assert.ok(Number.isFinite(r.grad_norm) && Number.isFinite(r.loss));
    const status = JSON.parse(t.status());
    assert.equal(status.state, 'diverged');
    assert.match(status.message, /the gradient is not finite/);
  } finally {
    t.delete();
  }
});

// Round two. Every reproducer that reaches the module, repeated 200 times in one module; after
// all of them the module trains the rescue to the same bits as a fresh one: no refusal leaves
// anything behind (10,000 nested arrays once overflowed the wasm stack, and every later call
// failed with "memory access out of bounds").
const answersDir = path.join(root, 'tests/fixtures/reproducers/answers');
const exerciseText = async (name) => {
  const exercise = await readFile(path.join(root, 'scenarios/exercises', `${name}.json`), 'utf8');
  return { exercise, base: await readFile(path.join(root, 'scenarios', `${JSON.parse(exercise).scenario}.json`), 'utf8') };
};

// The rescue's last record and final parameters, as 64-bit patterns.
function rescueBits(module, rescue) {
  const t = new module.Training(rescue);
  try {
    const records = JSON.parse(t.advance(14000));
    const bits = (x) => Buffer.from(Float64Array.of(x).buffer).toString('hex');
    return { loss: bits(records.at(-1).loss), params: Array.from(t.parameters(), bits) };
  } finally {
    t.delete();
  }
}

test('every round-two reproducer, 200 times in one module: the same refusal each time, then the rescue trains to the same bits', async () => {
  const module = await createLandscapeModule({ wasmBinary });
  const fresh = await createLandscapeModule({ wasmBinary });
  const rescue = await readFile(path.join(root, 'scenarios/rescue.json'), 'utf8');
  const expected = rescueBits(fresh, rescue);
  const reproducer = (name) => readFile(path.join(root, 'tests/fixtures/reproducers', name), 'utf8');
  const answer = (name) => readFile(path.join(answersDir, name), 'utf8');
  const deep = await reproducer('deep-nesting-10000-arrays-in-compare.json');
  const ex = {};
  for (const name of ['newton-saddle', 'monkey-flat', 'rescue-lambda', 'spiral-fewest', 'barrier']) ex[name] = await exerciseText(name);
  const links = (await readFile(path.join(answersDir, 'links-null-and-1e400.txt'), 'utf8')).trim().split('\n');
  const cases = [
    ['10,000 nested arrays in a compare patch', () => new module.Training(deep), /^compare\[0\]\.patch\..*: nested deeper than 64 lists and objects/],
    ['the same, as a Surface', () => new module.Surface(deep), /nested deeper than 64/],
    ['deep nesting in an exercise answer', async () => module.checkExercise(ex.barrier.exercise, ex.barrier.base, await answer('deep-nesting-barrier.json')), /^answer\.patch\.compare\.seed-a\.patch\.seed\[0\].*nested deeper than 64/],
    ['null start (Newton)', async () => module.checkExercise(ex['newton-saddle'].exercise, ex['newton-saddle'].base, await answer('null-start-newton-saddle.json')), /^answer\.patch\.start: null is not a value/],
    ['null start (monkey)', async () => module.checkExercise(ex['monkey-flat'].exercise, ex['monkey-flat'].base, await answer('null-start-monkey-flat.json')), /^answer\.patch\.start: null is not a value/],
    ['null lambda', async () => module.checkExercise(ex['rescue-lambda'].exercise, ex['rescue-lambda'].base, await answer('null-lambda-rescue-lambda.json')), /^answer\.patch\.added_neuron\.lambda: null/],
    ['null steps', async () => module.checkExercise(ex['spiral-fewest'].exercise, ex['spiral-fewest'].base, await answer('null-steps-spiral-fewest.json')), /^answer\.patch\.steps: null/],
    ['Newton on 1,981 parameters for 3,000 steps', async () => module.checkExercise(ex['spiral-fewest'].exercise, ex['spiral-fewest'].base, await answer('newton-1981-params-3000-steps-spiral-fewest.json')), /^answer\.patch: 3,000 newton steps .* more than the 4e\+09 one check may take/],
    ['2-1024-1024-1 for 3,000 steps', async () => module.checkExercise(ex['spiral-fewest'].exercise, ex['spiral-fewest'].base, await answer('wide-2-1024-1024-1-3000-steps-spiral-fewest.json')), /^answer\.patch: 3,000 adam steps of a 2-1024-1024-1 network/],
    ['lambda 1e400 in a link', () => module.checkAnswerLink(ex['rescue-lambda'].exercise, ex['rescue-lambda'].base, links[0]), /^answer\.patch\.added_neuron\.lambda: 1e400 is not a finite number/],
    ['an invisible character in a field name', async () => new module.Training(await reproducer('invisible-char-in-field-name.json')), /^model\.layers\[0\]\.u\\u\{FEFF\}nits: unknown field/],
    ['a bidirectional override in a field name', async () => new module.Training(await reproducer('bidi-override-in-field-name.json')), /^model\.layers\[0\]\.\\u\{202E\}evil\\u\{202C\}: unknown field/],
    ['the playground\'s NaN weights', () => module.playgroundScenario(JSON.stringify({ ckpt: [NaN, 1, 2] })), /^ckpt: weight 1 is not a finite number/],
  ];
  for (const args of [[1e300, 1, 10], [Infinity, 1, 10], [2 ** 64, 1, 10], [1, NaN, 10], [1, 1e300, 10], [1, Infinity, 10], [1, 1, 2 ** 31]]) {
    cases.push([`criticalPoint(${args.map(String)})`, () => {
      const t = new module.Training(rescue);
      try { return t.criticalPoint(...args); } finally { t.delete(); }
    }, args[2] === 2 ** 31 ? /^iterations: must be a whole number from 0 to 100,000 \(got 2147483648\)$/ : args[1] === 1 ? /^seed: must be a whole number from -1 to 9,007,199,254,740,992 \(got / : /^scale: must be a number above 0/]);
  }
  for (const [label, call, message] of cases) {
    const messages = new Set();
    for (let i = 0; i < 200; i++) {
      try {
        await call();
        assert.fail(`${label}: accepted`);
      } catch (error) {
        assert.ok(error instanceof Error, `${label}: ${error}`);
        assertPrintable(error.message);
        messages.add(error.message);
      }
    }
    assert.equal(messages.size, 1, `${label}: the same refusal every time`);
    assert.match([...messages][0], message, label);
  }
  assert.deepEqual(rescueBits(module, rescue), expected, 'the rescue trains to the same bits after every refusal');
});

test('arguments a page passes as numbers are read by the core: no int wraps, no NaN cast to a count', async () => {
  const module = await createLandscapeModule({ wasmBinary });
  const rescue = await readFile(path.join(root, 'scenarios/rescue.json'), 'utf8');
  const t = new module.Training(rescue);
  const surface = new module.Surface('product', 1, 1);
  try {
    assert.throws(() => t.advance(2 ** 64), /^Error: steps: must be a whole number from 0 to 100,000,000 \(got 18446744073709551616\)$/);
    assert.throws(() => t.advance(NaN), /^Error: steps: must be a whole number .* \(got NaN\)$/);
    assert.throws(() => t.extremes(2 ** 31), /^Error: steps: must be a whole number/);
    assert.throws(() => t.field(2 ** 32 + 10, -1, 1, -1, 1, false), /^Error: n: must be a whole number/);
    assert.throws(() => surface.grid(Infinity, 10), /^Error: nx: must be a whole number/);
    assert.throws(() => surface.path('{"kind": "gd", "learning_rate": 0.1}', 0, 0, 10, 1e300), /^Error: seed: must be a whole number/);
    t.advance(3);
    assert.equal(JSON.parse(t.status()).step, 3, 'and the training goes on');
  } finally {
    t.delete();
    surface.delete();
  }
});

test('the characters the pages escape in messages are the core\'s, escaped the same way', async () => {
  const module = await createLandscapeModule({ wasmBinary });
  const { ESCAPED, printable } = await import('../../web/src/kit/format.js');
  assert.deepEqual(JSON.parse(module.catalog()).escaped_characters, ESCAPED);
  // Every range's ends and a visible neighbour, as a field name the core refuses.
  const samples = ESCAPED.flatMap(([first, last]) => [first, last, last + 1]).filter((c) => c > 0x20 && c !== 0x22 && c !== 0x5c && (c < 0xd800 || c > 0xdfff));
  for (const c of samples) {
    const key = `a${String.fromCodePoint(c)}b`;
    assert.throws(() => new module.Training(JSON.stringify({ [key]: 1 })), (error) => {
      assert.equal(error.message.slice(0, error.message.indexOf(': unknown field')), printable(key), `U+${c.toString(16)}`);
      return true;
    });
  }
  // The pages' own messages quote links the same way: a playground setting, a widget's state.
  const { STATE_KEYS, coreReader, fromQuery, useCatalog } = await import('../../web/src/playground/url-state.js');
  const { readNumber } = await import('../../web/src/kit/link-values.js');
  useCatalog(JSON.parse(module.catalog()));
  // A refused value is not echoed (lr); a refused choice is, escaped (data).
  const linkErrors = (await fromQuery('u\ufeffnits=1&lr=\u202e01&data=\u202ecircle', coreReader(module))).errors;
  assert.deepEqual(linkErrors.slice(0, 2), [`u\\u{FEFF}nits: unknown field (known: ${STATE_KEYS.join(', ')})`, 'learning rate (lr): must be a number']);
  assert.ok(linkErrors[2].startsWith("data set (data): unknown kind '\\u{202E}circle' (known: circle, "), linkErrors[2]);
  assert.equal(linkErrors.length, 3);
  assert.equal(readNumber(new URLSearchParams('step=1\u200b0'), 'step').error.message, 'step: "1\\u{200B}0" is not a number from -1.7976931348623157e+308 to 1.7976931348623157e+308; ignored');
});
