// The same scenarios give the same bits in four places: natively (build/native/tools/landscape
// run, and slice for a landscape view), in node (build/wasm/landscape.mjs), and in the page
// context of Chromium and of Firefox (the served build/web/landscape.mjs, under the page's
// CSP; each pass of the page tests checks its browser, browser.mjs). Every number of every logged record (loss, gradient norm, parameters, the added
// neuron's a, b, w, outputs, ...) and of the view is compared as its 64 bits in hex. The
// scenarios cover what could differ between engines: seeded data and weights (Box-Muller
// through the core's portable log and cos), tanh / sigmoid / sine / relu, softmax
// cross-entropy, Armijo steps, the added neuron switching on, Adam, skip connections, SGD
// mini-batches, Newton's and saddle-free Newton's eigen-decompositions, and a filter-
// normalised slice. The list compared is printed (for the closing note).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inFirefox, root, useBrowser } from './browser.mjs';

const browser = useBrowser();
const cli = path.join(root, 'build/native/tools/landscape');

// name, scenario file, compare variant, steps, log_every, and whether its view is compared too.
const CASES = [
  ['rescue', 'scenarios/rescue.json', '', 3000, 50],
  ['relu-blind-spot', 'scenarios/relu-blind-spot.json', '', 5000, 500],
  ['playground (SGD, mini-batches of 10)', 'scenarios/playground.json', '', 250, 25],
  ['spiral, softmax cross-entropy, Armijo, added neuron', 'tests/wasm/scenarios/seeded-spiral-cross-entropy.json', '', 400, 20],
  ['moons, sine and relu layers', 'tests/wasm/scenarios/seeded-moons-sine.json', '', 500, 25],
  ['skip connections (Adam) and its landscape slice', 'scenarios/landscape-slice-skip.json', '', 300, 50, true],
  ['Newton (1-3-3-1, damping 1e-4)', 'scenarios/spectrum-while-training.json', 'newton', 100, 10],
  ['saddle-free Newton (1-3-3-1)', 'scenarios/spectrum-while-training.json', 'saddle_free_newton', 100, 10],
];

// The scenario texts as run everywhere: shortened, every record in full detail (parameters
// included), the view made small.
const scratch = await mkdtemp(path.join(tmpdir(), 'bit-identical-'));
const cases = await Promise.all(CASES.map(async ([name, file, variant, steps, logEvery, view]) => {
  const scenario = JSON.parse(await readFile(path.join(root, file), 'utf8'));
  Object.assign(scenario, { steps, log_every: logEvery, log_detail: 'full' });
  if (view) Object.assign(scenario.view, { resolution: 9 });
  else delete scenario.view;
  return { name, variant, steps, view: Boolean(view), text: JSON.stringify(scenario) };
}));

// Every number in `value` as the hex of its 64 bits (arrays and objects kept as they are).
function bits(value) {
  if (typeof value === 'number') {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    return view.getBigUint64(0).toString(16).padStart(16, '0');
  }
  if (Array.isArray(value)) return value.map(bits);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bits(v)]));
  return value;
}

// Runs every case with a wasm module and returns its records and view in bits. Self-contained
// (the browsers get its source): without `module` it loads the page's own landscape.mjs.
async function computeAll(cases, module) {
  if (!module) {
    const { default: create } = await import(new URL('landscape.mjs', location.href).href);
    module = await create();
  }
  const bitsOf = (value) => {
    if (typeof value === 'number') {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, value);
      return view.getBigUint64(0).toString(16).padStart(16, '0');
    }
    if (Array.isArray(value)) return value.map(bitsOf);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bitsOf(v)]));
    return value;
  };
  const results = [];
  for (const c of cases) {
    const text = c.variant ? module.scenarioVariant(c.text, c.variant) : c.text;
    const training = new module.Training(text);
    let records, params;
    try {
      records = JSON.parse(training.advance(c.steps));
      params = Array.from(training.parameters());
    } finally {
      training.delete();
    }
    let view = null;
    if (c.view) {
      const landscape = new module.LandscapeView(text);
      try {
        view = JSON.parse(landscape.result());
      } finally {
        landscape.delete();
      }
    }
    results.push({ records: bitsOf(records), params: bitsOf(params), view: bitsOf(view) });
  }
  return results;
}

let nativeResults, nodeResults;
async function reference() {
  if (nativeResults) return;
  nativeResults = [];
  for (const [i, c] of cases.entries()) {
    const file = path.join(scratch, `${i}.json`);
    await writeFile(file, c.text);
    const variant = c.variant ? ['--variant', c.variant] : [];
    const records = execFileSync(cli, ['run', ...variant, file], { encoding: 'utf8', maxBuffer: 1 << 28 }).trim().split('\n').map((line) => JSON.parse(line));
    const view = c.view ? JSON.parse(execFileSync(cli, ['slice', file], { encoding: 'utf8', maxBuffer: 1 << 28 })) : null;
    nativeResults.push({ records: bits(records), view: bits(view) });
  }
  const { default: create } = await import(path.join(root, 'build/wasm/landscape.mjs'));
  const module = await create({ wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')) });
  nodeResults = await computeAll(cases, module);
}

// Every record and the view as natively; the final parameters as in node (and as natively
// where the core logs them in its records: networks of up to 64 parameters; beyond, natively
// through the losses and the network's output at every training point, which they determine).
function assertSame(place, results) {
  assert.equal(results.length, cases.length);
  cases.forEach((c, i) => {
    const expected = nativeResults[i];
    assert.equal(results[i].records.length, expected.records.length, `${c.name} in ${place}: records`);
    assert.equal(expected.records.at(-1).step, bits(c.steps), `${c.name}: natively to step ${c.steps}`);
    assert.ok(expected.records.at(-1).network_output?.length > 0 || expected.records.at(-1).params?.length > 0, c.name);
    results[i].records.forEach((record, k) => assert.deepEqual(record, expected.records[k], `${c.name} in ${place}: record ${k}`));
    assert.deepEqual(results[i].view, expected.view, `${c.name} in ${place}: the view`);
    assert.deepEqual(results[i].params, nodeResults[i].params, `${c.name} in ${place}: the final parameters`);
    const logged = expected.records.at(-1).params;
    if (logged) assert.deepEqual(results[i].params.slice(0, logged.length), logged, `${c.name} in ${place}: the final parameters as natively`);
  });
}

test('natively and in node: the same bits', { skip: inFirefox && 'no browser in it: run in the Chromium pass' }, async () => {
  await reference();
  assertSame('node', nodeResults);
  const slice = nativeResults[cases.findIndex((c) => c.view)].view;
  assert.equal(slice.alphas.length, 9);
  assert.equal(slice.loss.flat().length, 81);
});

test(`in ${browser.label}'s page context: the same bits as natively`, async () => {
  await reference();
  const { page, problems } = await browser.openPage(`${browser.base}embed.html`);
  try {
    assertSame(browser.label, await page.evaluate(computeAll, cases));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
  // For the closing note: what was compared, bit for bit.
  const values = (v) => (Array.isArray(v) ? v.reduce((n, x) => n + values(x), 0) : v && typeof v === 'object' ? Object.values(v).reduce((n, x) => n + values(x), 0) : typeof v === 'string' ? 1 : 0);
  for (const [i, c] of cases.entries()) {
    const logged = nativeResults[i].records.at(-1).params ? 'natively too' : 'natively through the outputs';
    console.log(`bit-identical natively, in node and ${browser.label}: ${c.name}${c.variant ? ` (variant ${c.variant})` : ''}, ${c.steps} steps, ${nativeResults[i].records.length} records, ${values(nativeResults[i].records) + values(nativeResults[i].view)} numbers${c.view ? ' (with its 9x9 slice)' : ''}; ${nodeResults[i].params.length} final parameters (${logged})`);
  }
});
