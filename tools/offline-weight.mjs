// Why this file exists: the offline file's figures, printed by `make bench`: its size (and what
// the bytes are), and its load time from disk, from the start of navigation to the first
// interactive widget (the tutorial's first saddle explorer ready, scrolled to at once), in headless Chromium and
// Firefox; the median of five loads each (with the machine's load average: the figure is
// only as quiet as the machine). Needs build/offline (tools/build-offline.mjs).
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import path from 'node:path';
import { CHROMIUM, FIREFOX } from './browsers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'build/offline/loss-landscape-lab.html');
const html = await readFile(file, 'utf8');
const part = (id) => Buffer.byteLength(html.match(new RegExp(`<script[^>]*id="${id}">([\\s\\S]*?)</script>`))?.[1] ?? '');
const files = JSON.parse(html.match(/<script type="application\/json" id="lll-offline-files">([\s\S]*?)<\/script>/)[1]);
const fonts = [...html.matchAll(/data:font\/woff2;base64,[A-Za-z0-9+/=]+/g)].reduce((n, m) => n + m[0].length, 0);
const scenarios = Object.entries(files).filter(([f]) => f.startsWith('scenarios/')).reduce((n, [, t]) => n + Buffer.byteLength(t), 0);
const kb = (n) => Math.round(n / 1024);
console.log(JSON.stringify({
  name: 'offline file (build/offline/loss-landscape-lab.html)', kb: kb(Buffer.byteLength(html)),
  wasmBase64Kb: kb(part('lll-offline-wasm')), workerKb: kb(part('lll-offline-worker')), katexFontsKb: kb(fonts),
  scenariosKb: kb(scenarios), pageScriptKb: kb(Buffer.byteLength(html.match(/<body>[\s\S]*<script>([\s\S]*?)<\/script>/)[1])),
}));

const url = pathToFileURL(file).href;
const READY = () => document.querySelector('lll-saddle-explorer')?.dataset.state === 'ready';
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function loads(name, newPage, wait) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const page = await newPage();
    await page.goto(url);
    // Widgets compute only when on screen: the reader scrolls to the first one at once.
    await page.evaluate(() => document.querySelector('lll-saddle-explorer').scrollIntoView());
    await wait(page);
    times.push(Math.round(await page.evaluate(() => performance.now())));
    await page.close();
  }
  console.log(JSON.stringify({ name: `offline file from disk in ${name}, until its first widget is ready`, medianMs: median([...times]), loadsMs: times,
    loadAverage: Number(loadavg()[0].toFixed(1)) }));
}

const chrome = await chromium.launch({
  executablePath: CHROMIUM, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
await loads('Chromium', () => chrome.newPage({ viewport: { width: 1280, height: 900 } }), (page) => page.waitForFunction(READY, null, { timeout: 60000 }));
await chrome.close();
const firefox = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
await loads('Firefox', async () => {
  const page = await firefox.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  return page;
}, (page) => page.waitForFunction(READY, { timeout: 60000, polling: 20 }));
await firefox.close();
