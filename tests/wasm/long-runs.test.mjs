// The claims of the two widgets whose runs are the longest: "spectrum while training" (30,000
// Newton and saddle-free Newton steps on its 22 parameters) and "index versus loss" (66
// critical-point searches on the 1-3-3-1 network), asserted with the scenarios' fixed seeds on
// the wasm core, the one a reader runs (the node tests compare it with the native CLI bit for
// bit). They were Catch2 cases; under the sanitizers of `make test` each took six minutes or
// more (two thirds of that suite's time) for memory checks that the suite's short Newton and
// survey cases already make, and here each takes seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadModule, root } from './core-module.mjs';

const module = await loadModule();
const scenarioText = (name) => readFile(path.join(root, 'scenarios', `${name}.json`), 'utf8');

// The widget's run of one of its variants to the end: the last record and the spectrum there.
async function spectrumRun(variant) {
  const training = new module.Training(module.scenarioVariant(await scenarioText('spectrum-while-training'), variant));
  try {
    const logEvery = JSON.parse(training.info()).log_every;
    let last = null;
    while (JSON.parse(training.status()).state === 'running') last = JSON.parse(training.advance(logEvery)).at(-1) ?? last;
    return { last, spectrum: JSON.parse(training.spectrum()) };
  } finally {
    training.delete();
  }
}

test('spectrum while training: Newton\'s method converges to the saddle where the network predicts the mean', async () => {
  const { last, spectrum } = await spectrumRun('newton');
  assert.equal(last.step, 30000);
  assert.equal(spectrum.kind, 'saddle');
  assert.ok(spectrum.negative >= 1, `${spectrum.negative} negative eigenvalues`);
  assert.ok(spectrum.grad_norm < 1e-6, `gradient norm ${spectrum.grad_norm}`);
  assert.ok(Math.abs(last.loss - 0.2463) <= 1e-4, `loss ${last.loss}`);
});

test('spectrum while training: saddle-free Newton reaches a strict minimum, far below the saddle', async () => {
  const { last, spectrum } = await spectrumRun('saddle_free_newton');
  assert.equal(spectrum.kind, 'minimum');
  assert.equal(spectrum.positive, 22);
  assert.ok(last.loss < 0.012, `loss ${last.loss}`);
});

test('critical points of the 1-3-3-1 network: no minimum at high loss, minima of different depth', async () => {
  // Dauphin et al. 2014 in miniature, as the index-versus-loss widget runs it: the finder from
  // 30 random starts (it reaches saddles as readily as minima), and the finder polishing where
  // saddle-free Newton got to after 30, 100 and 1000 steps from 12 other random starts (that
  // reaches the minima).
  const survey = new module.CriticalPointSearch(await scenarioText('index-versus-loss'));
  const found = [];
  try {
    assert.equal(survey.count(), 30 + 12 * 3);
    for (let i = 0; i < survey.count(); i++) {
      const point = JSON.parse(survey.run(i));
      if (point.converged) found.push(point);
    }
  } finally {
    survey.delete();
  }
  assert.ok(found.length >= 20, `${found.length} searches converged`);
  // Found: minima at L = 0.0089 and 0.0109, saddles of index 1/22 at 0.011, saddles of index
  // 2/22 to 5/22 at 0.022-0.024, and saddles or degenerate points at 0.2463 (the mean).
  const minima = found.filter((p) => p.kind === 'minimum');
  assert.deepEqual(found.filter((p) => p.value > 0.015 && p.kind === 'minimum'), [], 'no minimum at high loss');
  const low = found.filter((p) => p.value < 0.015);
  const middle = found.filter((p) => p.value >= 0.015 && p.value < 0.2);
  const high = found.filter((p) => p.value >= 0.2);
  const meanIndex = (points) => points.reduce((sum, p) => sum + p.index, 0) / points.length;
  assert.ok(minima.length >= 5, `${minima.length} minima`);
  assert.ok(high.length >= 5, `${high.length} points at high loss`);
  assert.ok(middle.length >= 3, `${middle.length} points at middle loss`);
  assert.ok(meanIndex(middle) > 2 * meanIndex(low), 'the index grows with the loss');
  const depths = minima.map((p) => p.value);
  assert.ok(Math.max(...depths) > 1.1 * Math.min(...depths), 'a bad local minimum, if a shallow one');
});
