// Shared by the page's tests: serves build/web with tools/serve.mjs (under its strict CSP) and
// drives one of two browsers, chosen by LLL_BROWSER: Debian's Chromium through playwright-core
// (the default; its headless shell, /usr/bin/chromium-headless-shell, unless CHROMIUM names
// another), or Debian's /usr/bin/firefox-esr through puppeteer-core over
// WebDriver BiDi (LLL_BROWSER=firefox; Playwright cannot drive a stock Firefox), behind the
// part of Playwright's Page API the tests use (firefox.mjs). Never a downloaded browser.
// useBrowser() starts one browser and one server for the process, on its first call, and
// registers their before/after hooks; every page is opened in a fresh context (Playwright's
// browser.newPage(), the Firefox adapter's likewise). A pass runs every test file in one
// process (tests/web/pass.mjs), so each browser starts once a pass; a file run on its own
// (make test-page) starts its own. Each test is written once and runs in both browsers.
import { before, after } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startServer } from '../../tools/serve.mjs';
import { mainThreadTasks as chromiumMainThreadTasks } from '../../tools/main-thread-tasks.mjs';
import { CHROMIUM_SHELL } from '../../tools/browsers.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const browserName = process.env.LLL_BROWSER ?? 'chromium';
if (!['chromium', 'firefox'].includes(browserName)) throw new Error(`LLL_BROWSER: "${browserName}" is not chromium or firefox`);
export const browserLabel = browserName === 'firefox' ? 'Firefox' : 'Chromium';
export const inFirefox = browserName === 'firefox';

// Screenshots (gitignored): Chromium's in test-artifacts/, Firefox's in test-artifacts/firefox/.
export const artifacts = path.join(root, 'test-artifacts', ...(inFirefox ? ['firefox'] : []));

// A test option that skips in Firefox, naming the instrument only Chromium has.
export const chromiumOnly = (instrument) => ({ skip: inFirefox && `Chromium only: ${instrument}` });

// Which part of a Chromium pass this process runs (LLL_PART): `make test` runs the tests that
// time the main thread's tasks ("timed") alone, with nothing else on the machine, then the rest
// ("untimed") beside the Firefox pass. Unset: every test.
const part = process.env.LLL_PART ?? 'all';
if (!['all', 'timed', 'untimed'].includes(part)) throw new Error(`LLL_PART: "${part}" is not timed or untimed`);
// The option of a test that measures the main thread's tasks (mainThreadTasks): in the timed part
// it runs (with node's --test-only, the others are left out), in the untimed part it is left
// out. `chromiumOnlyInstrument` names what only Chromium has, for a test Firefox skips.
export const timesTasks = (chromiumOnlyInstrument = null) => {
  if (chromiumOnlyInstrument && inFirefox) return chromiumOnly(chromiumOnlyInstrument);
  if (inFirefox || part === 'all') return {};
  return part === 'timed' ? { only: true } : { skip: 'run in the timed part of the pass, on a quiet machine' };
};

// A window for a test of absence (nothing may happen in it): `frames` animation frames of the
// page and at least `ms` of its time. Counted in frames too, so that a loaded machine which
// gives the page no time does not pass the check for nothing: a widget requests its work
// frame by frame.
export const quiet = (page, { frames = 10, ms = 250 } = {}) => page.evaluate(([n, least]) => new Promise((resolve) => {
  const start = performance.now();
  let count = 0;
  const tick = (now) => (++count >= n && now - start >= least ? resolve() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
}), [frames, ms]);

// The main thread's tasks while `during()` runs, from a Chromium trace (tools/main-thread-tasks.mjs);
// Firefox offers no per-task CPU time to a driver: there it runs `during()` and returns null.
export async function mainThreadTasks(page, during) {
  // Timed beside the Firefox pass, the tasks would carry its load: such a test is a timesTasks() one.
  if (!inFirefox && part === 'untimed') throw new Error('a test that times the main thread\'s tasks needs the option timesTasks()');
  if (inFirefox) {
    await during();
    return null;
  }
  return chromiumMainThreadTasks(page, during);
}

// Problems a page shows: console errors, page errors and requests to other origins (a page
// opened from disk may load file:, and every page its own blob: and data: URLs).
function watch(page, url, base) {
  const problems = [];
  const origin = url.startsWith('file:') ? 'file:' : base;
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const index = problems.push(`console: ${message.text()}`) - 1;
    // Firefox's driver writes a logged Error as "JSHandle@error": its message and stack instead.
    const [first] = message.args?.() ?? [];
    if (/JSHandle@/.test(message.text()) && first) {
      first.evaluate((value) => (value instanceof Error ? `${value.message} (${(value.stack ?? '').split('\n').slice(0, 4).join(' < ')})` : String(value)))
        .then((text) => { problems[index] = `console: ${text} (logged at ${JSON.stringify(message.stackTrace?.()?.[0] ?? null)})`; }, () => {});
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const target = request.url();
    if (!target.startsWith(origin) && !/^(blob|data):/.test(target)) problems.push(`request to ${target}`);
  });
  // A page error fails every wait at once, instead of letting it run into its timeout.
  const where = (error) => (error.stack ?? '').split('\n').filter((line) => /:\d+:\d+/.test(line)).slice(0, 3).join(' < ');
  const failed = new Promise((_, reject) => page.on('pageerror', (error) => reject(new Error(`page error: ${error.message} (${where(error)})`))));
  failed.catch(() => {});
  const waitForFunction = page.waitForFunction.bind(page);
  // A wait that timed out says what the page's widgets were doing then (a lost click leaves a
  // widget "ready"; a slow machine leaves it "running").
  // Also whether the page still gets frames (a tab the browser put in the background gets none,
  // and a widget's published state waits for a frame), whether it is visible, and how the
  // kit's compute gate stands (a request that never returned would hold every widget).
  const states = () => page.evaluate(async () => {
    const widgets = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('lll-'))
      .map((e) => `${e.localName}${e.id ? `#${e.id}` : ''}: ${e.dataset.state ?? 'no state'}${e.dataset.active === 'true' ? ' (active)' : ''}`).join(', ');
    const within2s = (promise, otherwise) => Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(otherwise), 2000))]);
    const frame = await within2s(new Promise((resolve) => requestAnimationFrame(() => resolve('a frame came'))), 'no frame in 2 s');
    const kitScript = document.querySelector('script[src$="widgets.js"]');
    const gate = kitScript ? JSON.stringify((await within2s(import(kitScript.src).then((kit) => kit.kitStats()), {})).gate ?? 'no reply') : 'no kit';
    return `${widgets}; page ${document.visibilityState}, ${document.hasFocus() ? 'focused' : 'not focused'}, ${frame}; gate ${gate}`;
  }).catch(() => 'unknown');
  page.waitForFunction = (...args) => Promise.race([waitForFunction(...args), failed]).catch(async (error) => {
    if (/timeout|exceeded/i.test(`${error?.name} ${error?.message}`)) error.message += ` (widgets then: ${await states()})`;
    throw error;
  });
  return problems;
}

// The state a page publishes (an element's data-state) in answer to an action (a click, a key):
// waits until the attribute has been written since the action began and holds one of `finals`,
// and returns it. A state left from before the action never counts: a browser may return from a
// click before the page has handled it (Firefox did, under load), and "the state is final" alone
// then reads the previous answer's verdict.
export async function stateAfter(page, selector, action, finals, timeout = 60000) {
  await page.evaluate((s) => {
    const element = document.querySelector(s);
    element.lllStateObserver?.disconnect();
    element.lllStateWrites = 0;
    element.lllStateObserver = new MutationObserver((records) => { element.lllStateWrites += records.length; });
    element.lllStateObserver.observe(element, { attributes: true, attributeFilter: ['data-state'] });
  }, selector);
  await action();
  await page.waitForFunction(([s, wanted]) => {
    const element = document.querySelector(s);
    return element.lllStateWrites > 0 && wanted.includes(element.dataset.state);
  }, [selector, finals], { timeout });
  return page.evaluate((s) => document.querySelector(s).dataset.state, selector);
}

// Presses a button of an exercise's form (Check: the form's submit) as a reader's click would, without
// aiming at where it is drawn: the widget above the form redraws the last answer as the next
// one is typed, and its height may change while it does, so a click aimed at the button's place
// a moment before can land beside it (the form keeps the widget's height while it draws, but a
// finished widget may be taller or shorter than the last).
export const press = (page, selector) => page.evaluate((s) => document.querySelector(s).click(), selector);
export const pressCheck = (page) => press(page, '[data-role="check"]');

let shared = null;

export function useBrowser() {
  if (shared) return shared;
  const session = (shared = {
    name: browserName,
    label: browserLabel,
    base: null,
    // Opens a page (Playwright's Page API in both browsers), collecting its problems.
    async openPage(url = session.base, viewport = { width: 1280, height: 900 }) {
      const page = await browser.newPage({ viewport });
      const problems = watch(page, url, session.base);
      await page.goto(url);
      return { page, problems };
    },
  });
  let server, browser;
  before(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer(path.join(root, process.env.LLL_WEB ?? 'build/web'), 0); // LLL_WEB: another staged copy
    session.base = `http://127.0.0.1:${server.address().port}/`;
    if (inFirefox) {
      const { launchFirefox } = await import('./firefox.mjs');
      browser = await launchFirefox();
    } else {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        // The headless shell is Chromium's engine (the same Blink and V8 as /usr/bin/chromium)
        // without the browser around it, which is what Playwright itself runs headless. The full
        // browser in headless mode starts the interface's own renderer and keeps its browser
        // process busy: measured on two cores, a page opened, left 1 s and closed cost 2.6 s of
        // CPU in /usr/bin/chromium against 1.1 s in the shell (measured with a probe test;
        // docs/building-and-testing.md, "The page tests in two browsers").
        executablePath: CHROMIUM_SHELL,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
          '--disable-component-update', '--disable-sync'],
      });
    }
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });
  return session;
}
