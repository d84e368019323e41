// The second browser of the page tests: Debian's /usr/bin/firefox-esr driven by puppeteer-core
// over WebDriver BiDi (Playwright cannot drive a stock Firefox). Serves build/web like
// chromium.mjs; useFirefox() registers the before/after hooks of the calling test file and
// returns a session whose openPage() collects page errors and requests to other origins.
import { before, after } from 'node:test';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../tools/serve.mjs';
import { root, artifacts } from './chromium.mjs';

export async function launchFirefox() {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
  });
}

export function useFirefox() {
  const session = {
    base: null,
    browser: null,
    // Opens a page (url: absolute, or relative to the server), collecting page errors and
    // requests to other origins (file:// pages may only load file: and blob: URLs).
    async openPage(url = session.base, viewport = { width: 1280, height: 900 }) {
      const page = await session.browser.newPage();
      await page.setViewport(viewport);
      const problems = [];
      const origin = url.startsWith('file:') ? 'file:' : session.base;
      page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('request', (request) => {
        const target = request.url();
        if (!target.startsWith(origin) && !target.startsWith('blob:') && !target.startsWith('data:')) problems.push(`request to ${target}`);
      });
      await page.goto(url);
      return { page, problems };
    },
  };
  let server;
  before(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer(path.join(root, 'build/web'), 0);
    session.base = `http://127.0.0.1:${server.address().port}/`;
    session.browser = await launchFirefox();
  });
  after(async () => {
    await session.browser?.close();
    server?.close();
  });
  return session;
}
