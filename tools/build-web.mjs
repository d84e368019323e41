// Why this file exists: stages the page into build/web (never into the source tree):
// bundles the ES modules of web/src with esbuild (d3 modules included, so the page makes
// no request to another origin), copies the HTML, CSS, the wasm module and the scenarios.
import { build } from 'esbuild';
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
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

for (const file of ['index.html', 'style.css']) await cp(path.join(root, 'web', file), path.join(out, file));
for (const file of ['landscape.mjs', 'landscape.wasm']) await cp(path.join(root, 'build/wasm', file), path.join(out, file));
const scenarios = (await readdir(path.join(root, 'scenarios'))).filter((f) => f.endsWith('.json')).sort();
for (const file of scenarios) await cp(path.join(root, 'scenarios', file), path.join(out, 'scenarios', file));
await writeFile(path.join(out, 'scenarios/index.json'), JSON.stringify(scenarios.map((f) => f.replace(/\.json$/, ''))));
console.log(`web: staged ${path.relative(root, out)} (${scenarios.length} scenarios)`);
