import { chromium } from 'playwright-core';
import { startServer } from '../serve.mjs';
import { writeFileSync } from 'node:fs';
const server = await startServer('/work/main/build/web', 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto(base + 'playground.html' + (process.argv[2] ?? ''));
await page.waitForFunction(() => document.querySelector('network-playground')?.dataset.state === 'ready');
await page.click('[data-role="play"]');
await page.waitForTimeout(1000);
await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'] });
await page.waitForTimeout(4000);
const buffer = await browser.stopTracing();
const events = JSON.parse(buffer.toString()).traceEvents;
const threads = Object.fromEntries(events.filter((e) => e.name === 'thread_name').map((e) => [e.tid, e.args.name]));
const main = events.filter((e) => e.dur > 40000 && threads[e.tid] === 'CrRendererMain' && e.ph === 'X' && !['RunTask'].includes('x'));
for (const task of main) {
  const inside = events.filter((e) => e.tid === task.tid && e.pid === task.pid && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur && e.dur > 3000 && e !== task);
  const summary = {};
  for (const e of inside) summary[e.name] = Math.max(summary[e.name] ?? 0, e.dur / 1000);
  console.log(task.name, (task.dur / 1000).toFixed(0), 'ms', threads[task.tid], JSON.stringify(summary));
}
await browser.close(); server.close();
