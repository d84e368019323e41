// The reproducers that once aborted the wasm module (a 2 GB heap's out-of-memory abort, and
// nlohmann's dump() aborting on a message cut inside a UTF-8 sequence) now throw a JS Error
// naming the field, and the module keeps working after each (ported from ../shared/reproducers:
// wasm-oom-abort.mjs and wasm-status-abort.mjs).
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
