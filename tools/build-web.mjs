// Why this file exists: stages the page into build/web (never into the source tree):
// bundles the ES modules of web/src with esbuild (d3 modules included, so the page makes no
// request to another origin), assembles the tutorial from its chapter files (web/chapters/,
// tools/tutorial-page.mjs) and typesets its formulas (tools/typeset.mjs) with their math font
// cut to them, copies the HTML, CSS (KaTeX's @font-face rules added to the pages' stylesheets)
// and KaTeX's fonts (build/web/katex/, for the widgets' formulas), the wasm module and the
// scenarios, and
// writes compressed copies (tools/compress.mjs).
import { build } from 'esbuild';
import { compressTree } from './compress.mjs';
import subsetFont from 'subset-font';
import { characters, typesetPage } from './typeset.mjs';
import { assemblePage } from './tutorial-page.mjs';
import { formulaPlugin, katexStyles, writeWidgetFormulas } from './widget-formulas.mjs';
import { colorMapPlugin } from './color-maps.mjs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// A value as HTML text or an attribute's value (the pages the build fills in below).
const text = (value) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// embed.html's empty <template id="widget-previews"> filled with a frame per widget: its
// description, and a line saying that the figure is on its way (which also makes the preview's
// text the page's largest until the figure itself is drawn: its largest paint is then this one).
function embedPage(html, descriptions) {
  const previews = Object.entries(descriptions).map(([name, { description }]) =>
    `\n    <div class="embed-preview" data-widget="${text(name)}"><p class="embed-preview-description"><span>${text(description)}</span> `
    + '<span class="embed-preview-status">The figure appears here once your browser has computed it.</span></p></div>').join('');
  const empty = '<template id="widget-previews"></template>';
  if (!html.includes(empty)) throw new Error(`web/embed.html: no ${empty} to fill`);
  return html.replace(empty, `<template id="widget-previews">${previews}\n  </template>`);
}

// The wasm module, in node: the pages' build asks the core what the pages would ask it.
let coreModule = null;
async function loadCore() {
  const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
  coreModule ??= await createLandscapeModule({ wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')) });
  return coreModule;
}

async function exercisesPage(html, names) {
  const core = await loadCore();
  const { CHAPTERS } = await import(path.join(root, 'web/src/exercises/files.js'));
  const items = [];
  for (const name of names) {
    const exercise = await readFile(path.join(root, 'scenarios/exercises', `${name}.json`), 'utf8');
    const base = await readFile(path.join(root, 'scenarios', `${JSON.parse(exercise).scenario}.json`), 'utf8');
    const info = JSON.parse(core.exerciseInfo(exercise, base));
    items.push(`\n      <li><a href="#exercise=${text(name)}">${text(info.title)}</a><span class="exercise-meta"> · ${text(CHAPTERS[info.chapter] ?? info.chapter)} · about ${text(info.minutes)} min</span><p>${text(info.task)}</p></li>`);
  }
  const empty = '<template id="exercise-list"></template>';
  if (!html.includes(empty)) throw new Error(`web/exercises.html: no ${empty} to fill`);
  return html.replace(empty, `<template id="exercise-list"><ol class="exercise-list">${items.join('')}\n    </ol></template>`);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, process.env.LLL_WEB ?? 'build/web'); // LLL_WEB: stage elsewhere (a second copy while tests run)
await mkdir(path.join(out, 'scenarios'), { recursive: true });
// Chunks are named by their hash: remove the previous build's.
for (const file of await readdir(out)) if (/-[A-Z0-9]{8}\.js(\.map)?(\.br|\.gz)?$/.test(file)) await rm(path.join(out, file));

// The widgets' formulas (the core's formula of each surface), typeset now like the tutorial's:
// the module the widgets import (tools/widget-formulas.mjs).
const widgetFormulas = await writeWidgetFormulas();

// widgets.js loads each widget's module on demand (code splitting): a page with one widget
// fetches that widget, the shared kit and the core. Chunks sit beside the entry points, so
// the kit finds worker.js, landscape.wasm and the scenarios beside itself (its stylesheet,
// widgets.css, is bundled into it: kit/sheet.js).
await build({
  entryPoints: ['widgets.js', 'embed-page.js', 'worker.js', 'tutorial.js', 'exercises.js', 'teacher.js'].map((file) => path.join(root, 'web/src', file)),
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: 'es2022',
  // The worker imports the emscripten module at run time from beside itself.
  external: ['./landscape.mjs'],
  loader: { '.css': 'text' }, // the kit's stylesheet, bundled (kit/sheet.js)
  plugins: [formulaPlugin, colorMapPlugin],
  logLevel: 'warning',
});

for (const file of ['playground.html', 'teacher.html', 'classroom.css', 'style.css', 'tutorial.css', 'embed.css', 'embed.js']) {
  await cp(path.join(root, 'web', file), path.join(out, file));
}
// KaTeX's @font-face rules (woff2, from katex/fonts/ below) end the stylesheets of the pages that
// show widgets (style.css: the tutorial, the playground, the exercises and the teacher's page;
// embed.css): declared in the page's head, they cost nothing until a formula uses them, where the
// same rules added by the kit when the first widget showed its formula made the browser restyle
// and lay out the whole page again (kit/formulas.js). Appended here rather than linked as a
// stylesheet of their own: one request fewer before the page's first paint.
const katexFonts = (await katexStyles()).fontFaces.replace(/url\(fonts\//g, 'url(katex/fonts/');
for (const file of ['style.css', 'embed.css']) {
  const css = await readFile(path.join(out, file), 'utf8');
  await writeFile(path.join(out, file), `${css}\n/* KaTeX's fonts, for the widgets' formulas (added by tools/build-web.mjs) */\n${katexFonts}\n`);
}
// The embed page with every widget's frame and description as HTML (web/src/widget-descriptions.json),
// which its script shows before the kit, the widget's code and the core have loaded.
await writeFile(path.join(out, 'embed.html'), embedPage(await readFile(path.join(root, 'web/embed.html'), 'utf8'),
  JSON.parse(await readFile(path.join(root, 'web/src/widget-descriptions.json'), 'utf8'))));
// KaTeX's fonts, for the widgets' formulas (tools/widget-formulas.mjs), served from our own
// origin (the page's CSP allows no other); the pages' stylesheets declare them (above).
const katexDist = path.join(root, 'node_modules/katex/dist');
await rm(path.join(out, 'katex'), { recursive: true, force: true });
await mkdir(path.join(out, 'katex'), { recursive: true });
await cp(path.join(katexDist, 'fonts'), path.join(out, 'katex/fonts'), { recursive: true });
// The tutorial: its chapters (web/chapters/) assembled into one page (tools/tutorial-page.mjs),
// its formulas typeset as MathML (tools/typeset.mjs). The browser draws them with STIX Two
// Math (tutorial.css), cut to the characters the formulas use: HarfBuzz's hb-subset
// (subset-font) keeps the font's MATH table and the glyphs it reaches (the larger brackets,
// the script-size forms), 24 KB of the font's 400.
const typeset = typesetPage(assemblePage());
await writeFile(path.join(out, 'index.html'), typeset.html);
if (typeset.failures) console.warn(`web: ${typeset.failures} of the tutorial's formulas could not be typeset (red in the page)`);
const mathFont = await readFile(path.join(root, 'node_modules/@fontsource/stix-two-math/files/stix-two-math-latin-400-normal.woff2'));
await mkdir(path.join(out, 'fonts'), { recursive: true });
await writeFile(path.join(out, 'fonts/stix-two-math.woff2'), await subsetFont(mathFont, characters(typeset.html), { targetFormat: 'woff2' }));
await cp(path.join(root, 'examples'), path.join(out, 'examples'), { recursive: true });
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
// The exercises (scenarios/exercises/*.json) and their index, in the order of the tutorial's
// chapters (each file's "chapter"), then by name.
const chapterOrder = ['landscape', 'stalls', 'saddles', 'linear', 'nonlinear', 'one-neuron', 'real-network', 'many-minima', 'appendix'];
await rm(path.join(out, 'scenarios/exercises'), { recursive: true, force: true });
await mkdir(path.join(out, 'scenarios/exercises'), { recursive: true });
const exercises = [];
for (const file of (await readdir(path.join(root, 'scenarios/exercises'))).filter((f) => f.endsWith('.json'))) {
  await cp(path.join(root, 'scenarios/exercises', file), path.join(out, 'scenarios/exercises', file));
  const { name, chapter } = JSON.parse(await readFile(path.join(root, 'scenarios/exercises', file), 'utf8'));
  exercises.push({ name, rank: chapterOrder.indexOf(chapter) });
}
exercises.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
await writeFile(path.join(out, 'scenarios/exercises/index.json'), JSON.stringify(exercises.map((e) => e.name)));
// The list of exercises as HTML in exercises.html (its empty <template id="exercise-list">
// filled), each entry from the core's own description of the exercise: the wasm module's
// exerciseInfo, the call the page made after loading the core. The list is the page's largest
// paint; built in the page, it waited for the wasm module and thirteen calls through a worker
// (Lighthouse, mobile preset: the largest paint at 4.2 s).
await writeFile(path.join(out, 'exercises.html'), await exercisesPage(await readFile(path.join(root, 'web/exercises.html'), 'utf8'),
  exercises.map((e) => e.name)));
// The core's catalog (its tables and message templates: what every page's menus, link reader and
// messages come from) as a file beside the kit: the core's own catalog(), written now, so a page
// fetches it once for every widget (kit/catalog.js) instead of asking a worker for it.
await writeFile(path.join(out, 'catalog.json'), (await loadCore()).catalog());
// Brotli and gzip copies of every text file and the wasm, for tools/serve.mjs (and any static
// host that serves precompressed files).
const compressed = await compressTree(out);
console.log(`web: staged ${path.relative(root, out)} (${scenarios.length} scenarios, ${exercises.length} exercises, ${widgetFormulas.count} widget formulas; `
  + `${compressed.files} files, ${(compressed.bytes / 1024).toFixed(0)} KB, ${(compressed.compressed / 1024).toFixed(0)} KB with brotli)`);
