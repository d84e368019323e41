// Why this file exists: a change meant to make training faster must not change a bit of what it
// computes, and on a shared or virtual machine one run of a build against one run of another says
// little (the same build varied by a quarter from minute to minute here). This loads two or more
// wasm builds into one node process, trains a scenario to its end with each in turn, ROUNDS
// times, and prints each build's median and best steps per second (processor time of this
// process) and whether its records and final status are the same text as the first build's.
//   node tools/compare-builds.mjs DIR_A DIR_B [...] SCENARIO [ROUNDS]
// Each DIR holds a landscape.mjs and landscape.wasm (a copy of build/wasm from another commit).
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const args = process.argv.slice(2);
const rounds = /^\d+$/.test(args.at(-1)) ? Number(args.pop()) : 12;
const scenarioFile = args.pop();
const dirs = args;
if (dirs.length < 2 || !scenarioFile) {
  console.error('usage: node tools/compare-builds.mjs DIR_A DIR_B [...] SCENARIO [ROUNDS]');
  process.exit(2);
}

const modules = [];
for (const dir of dirs) {
  // The query string keeps node from reusing the first build's glue for the others.
  const url = `file://${path.resolve(dir, 'landscape.mjs')}?build=${modules.length}`;
  const { default: createLandscapeModule } = await import(url);
  modules.push(await createLandscapeModule({ wasmBinary: await readFile(path.resolve(dir, 'landscape.wasm')) }));
}
const text = await readFile(scenarioFile, 'utf8');

// One run to the end: steps per second of processor time, and everything it returned.
function run(module) {
  const training = new module.Training(text);
  try {
    const returned = [];
    const start = process.cpuUsage();
    while (JSON.parse(training.status()).state === 'running') returned.push(training.advance(1 << 20));
    const used = process.cpuUsage(start);
    const steps = JSON.parse(training.status()).step;
    return { rate: steps / ((used.user + used.system) / 1e6), output: returned.join('\n') + training.status() };
  } finally {
    training.delete();
  }
}

for (const module of modules) run(module); // warm-up: V8 tiers the wasm code up during the first run
const rates = modules.map(() => []);
const outputs = [];
for (let round = 0; round < rounds; ++round)
  modules.forEach((module, k) => {
    const { rate, output } = run(module);
    rates[k].push(rate);
    outputs[k] = output;
  });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`${scenarioFile}, ${rounds} rounds`);
console.log(`${'build'.padEnd(28)} ${'median steps/s'.padStart(15)} ${'best'.padStart(10)} ${'median/first'.padStart(13)}  same output as the first`);
dirs.forEach((dir, k) => {
  console.log(`${dir.padEnd(28)} ${median(rates[k]).toFixed(0).padStart(15)} ${Math.max(...rates[k]).toFixed(0).padStart(10)} ` +
    `${(median(rates[k]) / median(rates[0])).toFixed(3).padStart(13)}  ${outputs[k] === outputs[0] ? 'yes' : 'NO'}`);
});
