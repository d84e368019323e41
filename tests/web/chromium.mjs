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

export { mainThreadTasks } from '../../tools/main-thread-tasks.mjs';

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
    server = await startServer(path.join(root, process.env.LLL_WEB ?? 'build/web'), 0); // LLL_WEB: another staged copy
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
