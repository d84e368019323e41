// Shared by the page's tests: serves build/web with tools/serve.mjs (under its strict CSP)
// and drives Debian's /usr/bin/chromium with playwright-core (never a downloaded browser).
// useChromium() registers the before/after hooks of the calling test file.
import { before, after } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../tools/serve.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'test-artifacts'); // screenshots (gitignored)

// The main thread's tasks while `during()` runs, from a Chromium trace: each task's wall time
// and its thread (CPU) time. The target "no task over 50 ms" is asserted on the CPU time: the
// work the page gives its main thread in one task. Wall time adds whatever else the machine
// runs (on a 2-core machine shared with builds, a 20 ms task can take 140 ms of wall time);
// it is printed, not asserted.
export async function mainThreadTasks(page, during) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  // RunTask events (one per task, with wall and thread time) are in the disabled-by-default category.
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  // The main threads of the page's renderers (an iframe may have its own).
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
  const tasks = events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}/${e.tid}`))
    .map((e) => ({ wall: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000 }));
  if (!tasks.length) throw new Error('the trace holds no task of the page\'s main thread');
  const round = (x) => Math.round(x * 10) / 10;
  return {
    count: tasks.length,
    longestCpu: round(Math.max(0, ...tasks.map((t) => t.cpu))),
    cpuOver50: tasks.filter((t) => t.cpu > 50).map((t) => round(t.cpu)),
    wallOver50: tasks.filter((t) => t.wall > 50).map((t) => Math.round(t.wall)),
  };
}

export function useChromium() {
  const session = {
    base: null,
    browser: null, // for pages opened without openPage (file:// URLs)
    // Opens a page, collecting console errors, page errors and requests to other origins.
    async openPage(url = session.base, viewport = { width: 1280, height: 900 }) {
      const page = await browser.newPage({ viewport });
      const problems = [];
      page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('request', (request) => { if (!request.url().startsWith(session.base)) problems.push(`request to ${request.url()}`); });
      // A page error fails every wait at once, instead of letting it run into its timeout.
      const failed = new Promise((_, reject) => page.on('pageerror', (error) => reject(new Error(`page error: ${error.message}`))));
      failed.catch(() => {});
      const waitForFunction = page.waitForFunction.bind(page);
      page.waitForFunction = (...args) => Promise.race([waitForFunction(...args), failed]);
      await page.goto(url);
      return { page, problems };
    },
  };
  let server, browser;
  before(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer(path.join(root, 'build/web'), 0);
    session.base = `http://127.0.0.1:${server.address().port}/`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    session.browser = browser;
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });
  return session;
}
