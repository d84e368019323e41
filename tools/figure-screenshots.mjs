// Why this file exists: pictures of figures as a reader sees them, to judge a change to how
// they are drawn by eye (colour maps, axes, colour bars, labels): the saddle explorer and the
// landscape slice (also with its 3-D view open), each alone on embed.html, at 1280 and 360 px wide, into
// test-artifacts/<prefix>-<widget>-<width>.png. Usage: node tools/figure-screenshots.mjs <prefix>
// (serves build/web; build it first with node tools/build-web.mjs).
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startServer } from './serve.mjs';
import { CHROMIUM } from './browsers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const prefix = process.argv[2] ?? 'figures';
const out = path.join(root, 'test-artifacts');
await mkdir(out, { recursive: true });
const server = await startServer(path.join(root, 'build/web'), 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
// Each figure: its embed URL, the state it is shown in, and what to do before the picture.
const FIGURES = [
  { name: 'saddle-explorer', query: 'widget=saddle-explorer', ready: ['ready'],
    async act(page, widget) {
      const overlay = widget.locator('svg[data-role="overlay"]');
      const box = await overlay.boundingBox();
      // The pointer at the saddle (0, 0) of [-2, 2]^2: its eigenvalue labels near the origin.
      await overlay.hover({ position: { x: box.width / 2, y: box.height / 2 } });
      await page.waitForFunction(() => document.querySelector('lll-saddle-explorer').shadowRoot.querySelectorAll('text.eigen-label').length === 2);
    } },
  { name: 'landscape-slice', query: 'widget=landscape-slice', ready: ['ready'] },
  // The slice with its 3-D view open.
  { name: 'landscape-slice-3d', widget: 'landscape-slice', query: 'widget=landscape-slice', ready: ['ready'],
    async act(page, widget) {
      await widget.locator('[data-role="show-3d"]').click();
      await page.waitForFunction(() => {
        const canvas = document.querySelector('lll-landscape-slice').shadowRoot.querySelector('[data-role="surface-3d"]');
        return canvas && !canvas.closest('[hidden]') && canvas.getBoundingClientRect().width > 0;
      });
    } },
];
try {
  for (const width of [1280, 360]) {
    for (const figure of FIGURES) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${base}embed.html?${figure.query}`);
      const widget = page.locator(`lll-${figure.widget ?? figure.name}`);
      await page.waitForFunction((states) => states.includes(document.querySelector('[data-state]')?.dataset.state), figure.ready, { timeout: 300000 });
      if (figure.act) await figure.act(page, widget);
      await page.waitForTimeout(300);
      const file = path.join(out, `${prefix}-${figure.name}-${width}.png`);
      await widget.screenshot({ path: file });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
