import { chromium } from 'playwright-core';
import { startServer } from '../serve.mjs';
const server = await startServer('/work/main/build/web', 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto(base + 'playground.html' + (process.argv[2] ?? ''));
await page.waitForFunction(() => document.querySelector('network-playground')?.dataset.state === 'ready');
await page.evaluate(() => {
  const p = document.querySelector('network-playground');
  window.timings = {};
  for (const name of ['draw', 'drawField', 'drawPoints', 'drawLinks', 'snapshot']) {
    const original = p[name].bind(p);
    p[name] = (...args) => { const t = performance.now(); const r = original(...args); const done = () => { (window.timings[name] ??= []).push(performance.now() - t); }; if (r?.then) r.then(done); else done(); return r; };
  }
  if (location.search.includes('nodraw')) { p.draw = () => { p.frame = null; }; }
  if (location.search.includes('nothumbs')) { p.querySelectorAll('[data-unit] canvas').forEach((c) => c.remove()); }
  if (location.search.includes('nolinks')) { p.drawLinks = () => {}; }
  window.longTasks = [];
  new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
});
await page.click('[data-role="play"]');
await page.waitForTimeout(4000);
const t = await page.evaluate(() => Object.fromEntries(Object.entries(window.timings).map(([k, v]) => [k, [v.length, Math.max(...v).toFixed(1), (v.reduce((a, b) => a + b, 0) / v.length).toFixed(1)]])));
console.log(t, await page.evaluate(() => window.longTasks));
await browser.close(); server.close();
