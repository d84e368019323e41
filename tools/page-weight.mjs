// Why this file exists: the figures a reader and a blogger feel, printed by `make bench`:
// bytes transferred to show the tutorial and to show one embedded widget, time to first
// paint and to the first interactive widget, and the main-thread long tasks while a reader
// scrolls through every chapter. Headless Debian Chromium, build/web served locally.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { mainThreadTasks } from './main-thread-tasks.mjs';
import { CHROMIUM } from './browsers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = await startServer(path.join(root, 'build/web'), 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: CHROMIUM, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// Opens url, waits until the first widget on it says it is ready; returns the figures.
async function measure(name, url, widget) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  // Widgets compute only when on screen: the reader scrolls to the first one at once.
  await page.locator(widget).first().scrollIntoViewIfNeeded();
  await page.waitForFunction((selector) => ['ready', 'done'].includes(document.querySelector(selector)?.dataset.state), widget, { timeout: 60000 });
  const figures = await page.evaluate(() => {
    const resources = performance.getEntriesByType('resource');
    const navigation = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      bytes: navigation.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
      requests: resources.length + 1,
      firstPaintMs: Math.round(paint?.startTime ?? NaN),
      interactiveMs: Math.round(performance.now()),
    };
  });
  // Frames (iframes) fetch their own resources: count them too.
  for (const frame of page.frames().slice(1)) {
    figures.bytes += await frame.evaluate(() => performance.getEntriesByType('navigation')[0].transferSize
      + performance.getEntriesByType('resource').reduce((sum, r) => sum + r.transferSize, 0)).catch(() => 0);
  }
  return { page, figures: { name, ...figures } };
}

const tutorial = await measure('tutorial (index.html), until its first widget is ready', base, 'lll-saddle-explorer');
console.log(JSON.stringify(tutorial.figures));
// A reader scrolls through every chapter, a screen at a time, letting each widget start; the
// main-thread tasks over 50 ms are printed per chapter (where they happen) and for the whole
// scroll: by CPU time (the page's work in one task, the target) and by wall time (which adds
// what else the machine runs).
const { page } = tutorial;
const chapters = await page.$$eval('main section.chapter', (sections) => sections.map((s) => s.id));
const all = { cpu: [], wall: [], longest: 0 };
for (const id of chapters) {
  const { top, bottom } = await page.$eval(`#${id}`, (s) => ({ top: s.getBoundingClientRect().top + scrollY, bottom: s.getBoundingClientRect().bottom + scrollY }));
  const tasks = await mainThreadTasks(page, async () => {
    for (let y = top; y < bottom; y += 700) {
      await page.evaluate((t) => scrollTo(0, t), y);
      await page.waitForTimeout(250);
    }
  });
  all.cpu.push(...tasks.cpuOver50);
  all.wall.push(...tasks.wallOver50);
  all.longest = Math.max(all.longest, tasks.longestCpu);
  console.log(JSON.stringify({ name: `tutorial, scrolling through chapter #${id}`, longestCpuMs: tasks.longestCpu, longestScriptMs: tasks.longestScript, cpuOver50ms: tasks.cpuOver50, wallOver50ms: tasks.wallOver50 }));
}
console.log(JSON.stringify({ name: 'tutorial, scrolled through every chapter', longestCpuMs: all.longest, cpuOver50ms: all.cpu, wallOver50ms: all.wall }));
await page.close();

const embedded = await measure('one embedded widget (embed.html?widget=saddle-explorer)', `${base}embed.html?widget=saddle-explorer`, 'lll-saddle-explorer');
console.log(JSON.stringify(embedded.figures));
await embedded.page.close();
const element = await measure('sample blog post (one iframe, two elements)', `${base}examples/blog-post.html`, 'lll-added-neuron');
console.log(JSON.stringify(element.figures));
await element.page.close();
await browser.close();
server.close();
