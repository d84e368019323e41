// Why this file exists: stages the page into build/web (never into the source tree):
// bundles the ES modules of web/src with esbuild (d3 modules included, so the page makes
// no request to another origin), copies the HTML, CSS, the wasm module and the scenarios.
import { build } from 'esbuild';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build/web');
await mkdir(path.join(out, 'scenarios'), { recursive: true });

await build({
  entryPoints: [path.join(root, 'web/src/main.js'), path.join(root, 'web/src/worker.js')],
  outdir: out,
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: 'es2022',
  // The worker imports the emscripten module at run time from beside itself.
  external: ['./landscape.mjs'],
  logLevel: 'warning',
});

for (const file of ['index.html', 'playground.html', 'style.css']) await cp(path.join(root, 'web', file), path.join(out, file));
for (const file of ['landscape.mjs', 'landscape.wasm']) await cp(path.join(root, 'build/wasm', file), path.join(out, file));
const scenarios = (await readdir(path.join(root, 'scenarios'))).filter((f) => f.endsWith('.json')).sort();
for (const file of scenarios) await cp(path.join(root, 'scenarios', file), path.join(out, 'scenarios', file));
// The index lists each scenario with what it is about, so a widget offers only its own kind.
const index = [];
for (const file of scenarios) {
  const scenario = JSON.parse(await readFile(path.join(root, 'scenarios', file), 'utf8'));
  index.push({ name: file.replace(/\.json$/, ''), description: scenario.description ?? '', added_neuron: 'added_neuron' in scenario });
}
await writeFile(path.join(out, 'scenarios/index.json'), JSON.stringify(index));
console.log(`web: staged ${path.relative(root, out)} (${scenarios.length} scenarios)`);
