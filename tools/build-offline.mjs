// Why this file exists: `make offline` writes build/offline/loss-landscape-lab.html, one
// self-contained HTML file holding every page of build/web (the tutorial, the playground, the
// embed page, and the exercises and the teacher's page where they exist) with their scripts,
// styles, KaTeX's fonts, the scenarios and the wasm core. Opened from disk (file://), it
// trains with no server and no network: a teacher hands it out on a USB stick.
// How (web/src/kit/offline.js and web/src/offline-file.js say the page's side):
// - each page's <body> becomes a <template data-page="NAME">; links between pages become
//   `?QUERY#page=NAME` (the fragment names the page, the query stays the page's own);
// - the pages' module scripts become one classic script (dynamic imports inlined by esbuild;
//   a module script would not load from file://), which shows the page the fragment names;
// - worker.js with the emscripten module becomes a classic script in a text/plain element,
//   started from a Blob URL; the wasm is base64 in another, compiled once by the page;
// - stylesheets are texts inserted as <style>, KaTeX's fonts data: URLs (woff2 only);
// - the CSP is a <meta>: nothing may load from anywhere (default-src 'none'); exactly these
//   scripts and stylesheets (their sha256), wasm compilation, blob: workers, data: fonts and
//   images (the PNG export draws SVG charts through data: images).
// Needs build/web (tools/build-web.mjs) and build/wasm.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { formulaPlugin } from './widget-formulas.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'build/web');
export const OFFLINE_FILE = path.join(root, 'build/offline/loss-landscape-lab.html');

// The pages of the file, in the order of the served site; each one whose HTML exists in web/
// at build time goes in. `index` is the page a fragment without `page=` shows.
const PAGES = ['index', 'playground', 'embed', 'exercises', 'teacher'];
const FONT_SHEET = 'fonts.css'; // the file's one sheet of the pages' @font-face rules

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const attribute = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

// The parts of one page's HTML the file needs; anything else in its <head> is refused, so a
// page that grows a new kind of resource fails the build instead of breaking offline.
export function parsePage(name, html) {
  const head = html.match(/<head>([\s\S]*?)<\/head>/i)?.[1];
  const body = html.match(/<body([^>]*)>([\s\S]*?)<\/body>/i);
  if (head === undefined || !body) throw new Error(`${name}.html: no <head> or <body>`);
  const page = { name, title: '', description: '', styles: [], scripts: [], bodyClass: '', body: body[2] };
  for (const [tag] of head.matchAll(/<(?:title[^>]*>[\s\S]*?<\/title|[a-z]+[^>]*)>/gi)) {
    let match;
    if ((match = tag.match(/^<title>([\s\S]*?)<\/title>$/i))) page.title = match[1].trim();
    else if ((match = tag.match(/^<link rel="stylesheet" href="([^"]+)">$/))) page.styles.push(match[1]);
    else if ((match = tag.match(/^<script type="module" src="([^"]+)">$/))) page.scripts.push(match[1]);
    else if ((match = tag.match(/^<meta name="description" content="([^"]*)">$/))) page.description = match[1];
    // The file's own head has these (the project's own pages all say lll-own-page).
    else if (/^<meta (charset|name="viewport"|name="lll-own-page"|http-equiv="Content-Security-Policy")/.test(tag) || tag === '<link rel="icon" href="data:,">') continue;
    // A font the page's stylesheet names, fetched early: in the file it is inside the stylesheet.
    else if (/^<link rel="preload" href="[^"]+\.woff2" as="font" type="font\/woff2" crossorigin>$/.test(tag)) continue;
    else throw new Error(`${name}.html: the offline file does not know what to do with ${tag.slice(0, 80)}`);
  }
  const attributes = body[1].trim();
  if (attributes && !/^class="[^"]*"$/.test(attributes)) throw new Error(`${name}.html: <body ${attributes}>: only a class is carried over`);
  page.bodyClass = attributes.match(/class="([^"]*)"/)?.[1] ?? '';
  if (/<script/i.test(page.body)) throw new Error(`${name}.html: a <script> in <body>`);
  return page;
}

// Links between pages: `NAME.html?QUERY#FRAGMENT` becomes `?QUERY#page=NAME&FRAGMENT` (a bare
// element id as `at=ID`). Other relative URLs would not resolve in a file: refused.
export function rewriteLinks(page, names) {
  return page.body.replace(/\b(href|src)="([^"]*)"/g, (whole, name, value) => {
    if (/^(#|https?:|mailto:|data:)/.test(value)) return whole;
    const link = value.match(/^([a-z0-9-]+)\.html(\?[^#]*)?(#.*)?$/);
    if (!link || !names.includes(link[1])) throw new Error(`${page.name}.html links to ${value}, which the offline file does not hold`);
    const fragment = link[3] ? link[3].slice(1) : '';
    const rest = fragment ? (fragment.includes('=') ? `&${fragment}` : `&amp;at=${fragment}`) : '';
    return `${name}="${link[2] ?? '?'}#page=${link[1]}${rest}"`;
  });
}

const MIME = { woff2: 'font/woff2', woff: 'font/woff', ttf: 'font/ttf', svg: 'image/svg+xml', png: 'image/png' };

// A stylesheet with every url() inlined as a data: URL; of a font's formats only woff2 (every
// browser that runs the wasm core reads it) is kept.
async function inlineCss(file) {
  let css = await readFile(path.join(web, file), 'utf8');
  const dataUrl = async (ref) => {
    const target = path.join(web, path.dirname(file), ref.replace(/^["']|["']$/g, ''));
    const mime = MIME[path.extname(target).slice(1)];
    if (!mime) throw new Error(`${file}: cannot inline ${ref}`);
    return `data:${mime};base64,${(await readFile(target)).toString('base64')}`;
  };
  const fonts = [];
  css = css.replace(/src:([^;}]*)/g, (whole, list) => {
    const woff2 = list.match(/url\(([^)]+)\)\s*format\(["']woff2["']\)/);
    if (!woff2) return whole;
    fonts.push(woff2[1]);
    return `src:url(@font:${fonts.length - 1}) format("woff2")`;
  });
  const urls = [...new Set([...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]).filter((u) => !/^(data:|@font:)/.test(u)))];
  for (const ref of urls) css = css.split(`url(${ref})`).join(`url(${await dataUrl(ref)})`);
  for (let i = 0; i < fonts.length; i++) css = css.split(`url(@font:${i})`).join(`url(${await dataUrl(fonts[i])})`);
  return css;
}

// Text that sits inside <script>...</script> must not end it early.
function scriptText(text, what) {
  if (/<\/script|<!--/i.test(text)) throw new Error(`${what}: contains </script or <!--`);
  return text;
}

// worker.js as a classic script with the emscripten module inside. import.meta.url: any
// absolute URL (the module locates landscape.wasm from it, but never fetches: the page
// posts the compiled module).
async function workerScript() {
  const result = await build({
    entryPoints: [path.join(root, 'web/src/worker.js')],
    bundle: true, write: false, format: 'iife', minify: true, target: 'es2022', platform: 'browser',
    define: { 'import.meta.url': '"http://offline.invalid/"' },
    supported: { 'inline-script': true },
    external: ['module', 'node:*'],
    plugins: [{
      name: 'landscape-module',
      setup(b) { b.onResolve({ filter: /^\.\/landscape\.mjs$/ }, () => ({ path: path.join(root, 'build/wasm/landscape.mjs') })); },
    }],
    logLevel: 'error',
  });
  return scriptText(result.outputFiles[0].text, 'worker');
}

// The pages' scripts in one classic script: it shows the page the fragment names and runs
// that page's modules in their order (imports inlined, each evaluated only when imported).
async function pageScript(pages) {
  const entry = [
    `import { openOfflinePage } from './web/src/offline-file.js';`,
    `openOfflinePage({`,
    ...pages.map((page) => `  ${JSON.stringify(page.name)}: async () => {${page.scripts.map((src) => ` await import(${JSON.stringify(`./web/src/${src.replace(/\.js$/, '')}.js`)});`).join('')} },`),
    `}).catch((error) => console.error(error));`,
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'offline-entry.js', loader: 'js' },
    bundle: true, write: false, format: 'iife', minify: true, target: 'es2022', platform: 'browser',
    // The kit's files "beside itself" are the ones this file holds (kit/offline.js).
    define: { 'import.meta.url': 'document.baseURI' },
    loader: { '.css': 'text' }, // the kit's stylesheet, bundled (kit/sheet.js)
    plugins: [formulaPlugin], // the widgets' typeset formulas (generated by tools/build-web.mjs)
    supported: { 'inline-script': true },
    logLevel: 'error',
  });
  return scriptText(result.outputFiles[0].text, 'page script');
}

export async function buildOffline(output = OFFLINE_FILE) {
  const pages = [];
  for (const name of PAGES) {
    const file = path.join(web, `${name}.html`);
    if (existsSync(file)) pages.push(parsePage(name, await readFile(file, 'utf8')));
  }
  const names = pages.map((p) => p.name);
  if (names[0] !== 'index') throw new Error('build/web/index.html is missing: run tools/build-web.mjs first');

  // The files the kit and the pages read: stylesheets, scenarios and their index.
  const files = {};
  for (const page of pages) for (const sheet of page.styles) files[sheet] ??= await inlineCss(sheet);
  // Every @font-face rule of the pages' stylesheets once, in one sheet that every page has:
  // style.css and embed.css declare the same KaTeX fonts (tools/build-web.mjs), which as data:
  // URLs would otherwise be carried twice. A declared font costs nothing until it is used.
  const faces = new Set();
  for (const sheet of new Set(pages.flatMap((page) => page.styles))) {
    files[sheet] = files[sheet].replace(/@font-face\s*\{[^}]*\}\n?/g, (rule) => (faces.add(rule.trim()), ''));
  }
  if (faces.size) {
    if (files[FONT_SHEET]) throw new Error(`offline: a page's stylesheet is named ${FONT_SHEET}, the file's own sheet of fonts`);
    files[FONT_SHEET] = [...faces].join('\n');
    for (const page of pages) page.styles.unshift(FONT_SHEET);
  }
  // Every JSON file under scenarios/ (the widgets' scenarios, their index, the exercises).
  const scenarioFiles = (await readdir(path.join(web, 'scenarios'), { recursive: true })).filter((f) => f.endsWith('.json')).sort();
  for (const f of scenarioFiles) files[`scenarios/${f.split(path.sep).join('/')}`] = await readFile(path.join(web, 'scenarios', f), 'utf8');
  files['catalog.json'] = await readFile(path.join(web, 'catalog.json'), 'utf8'); // the core's catalog (kit/catalog.js)

  const worker = await workerScript();
  const script = await pageScript(pages);
  const wasm = (await readFile(path.join(web, 'landscape.wasm'))).toString('base64');
  const styleHashes = [...new Set(Object.entries(files).filter(([f]) => f.endsWith('.css')).map(([, text]) => sha256(text)))];
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${styleHashes.join(' ')}`,
    'font-src data:',
    'img-src data:',
    'worker-src blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  const templates = pages.map((page) => `<template data-page="${page.name}" data-title="${page.title.replace(/"/g, '&quot;')}" data-body-class="${attribute(page.bodyClass)}" data-styles="${attribute(page.styles.join(','))}">${rewriteLinks(page, names)}</template>`);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="lll-own-page" content="Loss Landscape Lab">
<title>Loss Landscape Lab</title>
<meta name="description" content="${pages[0].description}">
<link rel="icon" href="data:,">
${templates.join('\n')}
<script type="application/json" id="lll-offline-files">${JSON.stringify(files).replace(/</g, '\\u003c')}</script>
<script type="text/plain" id="lll-offline-worker">${worker}</script>
<script type="text/plain" id="lll-offline-wasm">${wasm}</script>
</head>
<body>
<noscript><p>Loss Landscape Lab computes every figure in your browser: please allow JavaScript for this file.</p></noscript>
<script>${script}</script>
</body>
</html>
`;
  await mkdir(path.dirname(output), { recursive: true });
  await writeFile(output, html);
  return { output, bytes: Buffer.byteLength(html), pages: names, scenarios: scenarioFiles.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { output, bytes, pages, scenarios } = await buildOffline(process.argv[2] ? path.resolve(process.argv[2]) : OFFLINE_FILE);
  console.log(`offline: wrote ${path.relative(root, output)} (${(bytes / 1024).toFixed(0)} KB; pages ${pages.join(', ')}; ${scenarios} scenarios)`);
}
