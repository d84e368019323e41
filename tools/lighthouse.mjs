// Why this file exists: the figures a phone's reader feels, printed by `make bench` (never
// asserted: they are timings). Two parts:
// 1. Lighthouse (npm, run from node) on every page under its mobile and its desktop preset: the
//    four category scores and FCP, LCP, TBT, CLS and the bytes transferred, the median of
//    three runs (each figure's own median).
// 2. The tutorial and the embed page loaded with Chromium's CPU slowed 1x, 4x and 6x (a phone,
//    a classroom Chromebook): when the first figure is ready (its data-state, after the
//    reader scrolls to it as soon as the page shows) and the main thread's long tasks while
//    loading (in another load, traced).
// Debian's Chromium (CHROMIUM, else /usr/bin/chromium), nothing downloaded. build/web is served
// by tools/serve.mjs (compressed, with ETags), or pass --base URL to measure a server already
// running (another build, another server).
//   node tools/lighthouse.mjs [--base URL] [--runs N] [--only lighthouse|cpu] [--pages index,embed]
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { launch } from 'chrome-launcher';
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer } from './serve.mjs';
import { mainThreadTasks } from './main-thread-tasks.mjs';
import { CHROMIUM } from './browsers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    base: { type: 'string' }, runs: { type: 'string', default: '3' }, only: { type: 'string' },
    pages: { type: 'string' },
  },
});
const runs = Number(options.runs);
const chromePath = CHROMIUM;
const chromeFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const PAGES = {
  index: 'index.html', playground: 'playground.html', embed: 'embed.html?widget=saddle-explorer',
  exercises: 'exercises.html', teacher: 'teacher.html',
};
const pages = options.pages ? options.pages.split(',') : Object.keys(PAGES);
for (const name of pages) if (!PAGES[name]) throw new Error(`--pages: "${name}" is not one of ${Object.keys(PAGES).join(', ')}`);

const server = options.base ? null : await startServer(path.join(root, 'build/web'), 0);
const base = options.base ?? `http://127.0.0.1:${server.address().port}/`;

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

// One Lighthouse run: the scores (0-100) and the metrics, and the audits that failed.
async function audit(port, url, preset) {
  const { lhr } = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
    preset === 'desktop' ? desktopConfig : undefined);
  const value = (id) => lhr.audits[id]?.numericValue;
  const failing = new Set();
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id].auditRefs) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 0.9) failing.add(ref.id);
    }
  }
  return {
    scores: Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id].score ?? NaN) * 100)])),
    fcp: value('first-contentful-paint'), lcp: value('largest-contentful-paint'), tbt: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'), bytes: value('total-byte-weight'), failing: [...failing],
    lcpElement: lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.selector,
  };
}

async function lighthouseFigures() {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'lll-lighthouse-'));
  const chrome = await launch({ chromePath, chromeFlags, userDataDir });
  const rows = [];
  try {
    for (const preset of ['mobile', 'desktop']) {
      for (const name of pages) {
        const url = new URL(PAGES[name], base).href;
        const results = [];
        for (let i = 0; i < runs; i++) results.push(await audit(chrome.port, url, preset));
        const row = {
          page: PAGES[name], preset,
          ...Object.fromEntries(CATEGORIES.map((id) => [id, median(results.map((r) => r.scores[id]))])),
          fcpMs: Math.round(median(results.map((r) => r.fcp))), lcpMs: Math.round(median(results.map((r) => r.lcp))),
          tbtMs: Math.round(median(results.map((r) => r.tbt))), cls: Number(median(results.map((r) => r.cls)).toFixed(3)),
          kib: Math.round(median(results.map((r) => r.bytes)) / 1024),
          failing: [...new Set(results.flatMap((r) => r.failing))].join(' '),
          lcpElement: results.map((r) => r.lcpElement).find(Boolean) ?? '',
        };
        rows.push(row);
        console.log(JSON.stringify(row));
      }
    }
  } finally {
    await chrome.kill();
    await rm(userDataDir, { recursive: true, force: true });
  }
  console.log(`\nLighthouse ${runs > 1 ? `(median of ${runs})` : '(one run)'}: ${base}`);
  console.log('| page | preset | perf | a11y | best pr. | SEO | FCP ms | LCP ms | TBT ms | CLS | KiB | failing audits |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.page} | ${r.preset} | ${r.performance} | ${r.accessibility} | ${r['best-practices']} | ${r.seo} | ${r.fcpMs} | ${r.lcpMs} | ${r.tbtMs} | ${r.cls} | ${r.kib} | ${r.failing} |`);
  }
}

// The page at `url` loaded with the CPU slowed `rate` times, twice: once to time it, once traced
// for its long tasks. Timed: when the first `widget` is ready, the reader having scrolled to it as
// soon as the page showed anything (its first contentful paint). The page is driven over CDP
// alone, a few lines of script evaluated in it: Playwright's locators inject its own script (some
// 100 KB) into the page, whose evaluation took 50-60 ms of the page's main thread at 4x during
// the load, and a DevTools trace slows the page it records. Both were in this figure before
// issue 22's sixth round (docs/performance.md).
async function loadFigures(browser, url, widget, rate) {
  const load = async (traced) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const value = async (expression, awaitPromise = false) => (await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise })).result.value;
    let readyMs = NaN;
    const run = async () => {
      await page.goto(url, { waitUntil: 'commit' });
      const shown = `performance.getEntriesByName('first-contentful-paint').length > 0 && document.querySelector(${JSON.stringify(widget)}) !== null`;
      const deadline = Date.now() + 60000;
      while (!(await value(shown))) {
        if (Date.now() > deadline) throw new Error(`${url}: no ${widget} shown in 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 16));
      }
      const { result: { objectId } } = await cdp.send('Runtime.evaluate', { expression: `document.querySelector(${JSON.stringify(widget)})` });
      await cdp.send('DOM.scrollIntoViewIfNeeded', { objectId });
      readyMs = await value(`new Promise((resolve) => {
        const element = document.querySelector(${JSON.stringify(widget)});
        const check = () => (['ready', 'done', 'paused'].includes(element.dataset.state) ? resolve(performance.now()) : requestAnimationFrame(check));
        check();
      })`, true);
    };
    const tasks = traced ? await mainThreadTasks(page, run) : (await run(), null);
    await page.close();
    return { readyMs, tasks };
  };
  const { readyMs } = await load(false);
  const { tasks } = await load(true);
  return { readyMs, longestTaskMs: Math.max(0, ...tasks.wallOver50), tasksOver50: tasks.wallOver50.length };
}

async function cpuFigures() {
  const browser = await chromium.launch({ executablePath: chromePath, headless: true, args: chromeFlags.filter((f) => !f.startsWith('--headless')) });
  const cases = [
    { name: 'tutorial (index.html), first figure', url: new URL('index.html', base).href, widget: 'lll-saddle-explorer' },
    { name: 'embed.html?widget=saddle-explorer', url: new URL('embed.html?widget=saddle-explorer', base).href, widget: 'lll-saddle-explorer' },
  ];
  console.log(`\nLoad with the CPU slowed (median of ${runs}; ready: ms after navigation; long tasks: wall time over 50 ms while loading)`);
  console.log('| page | CPU | first figure ready ms | longest task ms | tasks over 50 ms |');
  console.log('|---|---|---|---|---|');
  try {
    for (const c of cases) {
      for (const rate of [1, 4, 6]) {
        const results = [];
        for (let i = 0; i < runs; i++) results.push(await loadFigures(browser, c.url, c.widget, rate));
        console.log(`| ${c.name} | ${rate}x | ${Math.round(median(results.map((r) => r.readyMs)))} | ${Math.round(median(results.map((r) => r.longestTaskMs)))} | ${median(results.map((r) => r.tasksOver50))} |`);
      }
    }
  } finally {
    await browser.close();
  }
}

try {
  if (options.only !== 'cpu') await lighthouseFigures();
  if (options.only !== 'lighthouse') await cpuFigures();
} finally {
  server?.close();
}
