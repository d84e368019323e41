// The second browser of the page tests: Debian's /usr/bin/firefox-esr driven by puppeteer-core
// over WebDriver BiDi (Playwright cannot drive a stock Firefox), behind the part of Playwright's
// Page API the tests use, so that each test is written once (browser.mjs picks the browser).
// What differs from puppeteer and is rebuilt here:
// - Selectors pierce open shadow roots as Playwright's CSS engine does (our widgets are custom
//   elements with shadow DOM): `lll-playground [data-role="play"]` finds the button inside the
//   element's shadow root. The lookup (locate(), run in the page) follows Playwright's: the
//   last compound is queried in the scope and in every shadow root under it (light DOM first),
//   then the combinators are checked against ancestors, a shadow root's parent being its host.
// - Locators are lazy, strict for actions (more than one match is an error), and wait for their
//   element (attached, or visible and enabled before a click) as Playwright's do.
// - waitForFunction(fn, arg, { timeout, polling }) takes Playwright's order of arguments.
// - Each page has its own browser context (as Playwright's browser.newPage()), with downloads
//   allowed into a directory of its own: waitForEvent('download') waits for the file there.
import { mkdtemp, readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { FIREFOX } from '../../tools/browsers.mjs';

export async function launchFirefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
  });
  return new FirefoxBrowser(browser);
}

const DEFAULT_TIMEOUT = 30000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Runs in the page: the elements a chain of steps finds ({ css } relative to the elements found
// so far, or { nth }), and in 'status' mode what an action needs to know of them.
function locate(steps, mode) {
  // A complex selector as compounds and the combinators between them (quotes, brackets and
  // parentheses kept whole).
  const parseComplex = (css) => {
    const simples = [];
    const combinators = [];
    let current = '', quote = null, depth = 0, pending = null;
    const flush = () => {
      if (!current) return;
      if (simples.length) combinators.push(pending ?? ' ');
      simples.push(current);
      current = '';
      pending = null;
    };
    for (const ch of css.trim()) {
      if (quote) {
        current += ch;
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") {
        quote = ch;
        current += ch;
      } else if (ch === '(' || ch === '[') {
        depth++;
        current += ch;
      } else if (ch === ')' || ch === ']') {
        depth--;
        current += ch;
      } else if (depth === 0 && /[\s>+~]/.test(ch)) {
        flush();
        if (ch !== ' ' && !/\s/.test(ch)) pending = ch;
      } else {
        current += ch;
      }
    }
    flush();
    return { simples, combinators };
  };
  // Top-level commas split a selector list.
  const splitList = (css) => {
    const parts = [];
    let current = '', quote = null, depth = 0;
    for (const ch of css) {
      if (quote) { if (ch === quote) quote = null; } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '(' || ch === '[') depth++;
      else if (ch === ')' || ch === ']') depth--;
      else if (ch === ',' && depth === 0) { parts.push(current); current = ''; continue; }
      current += ch;
    }
    parts.push(current);
    return parts.map((p) => p.trim()).filter(Boolean);
  };
  const parentOf = (element, scope) => {
    if (element === scope) return null;
    if (element.parentElement) return element.parentElement;
    const parent = element.parentNode;
    return parent && parent.nodeType === 11 && parent.host ? parent.host : null;
  };
  const matchesParents = (element, complex, index, scope) => {
    if (index < 0) return true;
    const simple = complex.simples[index];
    const combinator = complex.combinators[index];
    if (combinator === '>') {
      const parent = parentOf(element, scope);
      return Boolean(parent && parent.matches(simple) && matchesParents(parent, complex, index - 1, scope));
    }
    if (combinator === '+' || combinator === '~') {
      let sibling = element === scope ? null : element.previousElementSibling;
      while (sibling) {
        if (sibling.matches(simple) && matchesParents(sibling, complex, index - 1, scope)) return true;
        if (combinator === '+') return false;
        sibling = sibling.previousElementSibling;
      }
      return false;
    }
    for (let parent = parentOf(element, scope); parent; parent = parentOf(parent, scope)) {
      if (parent.matches(simple) && matchesParents(parent, complex, index - 1, scope)) return true;
    }
    return false;
  };
  // Playwright's order: the scope's light DOM first, then its shadow root, then every shadow
  // root below, each searched the same way.
  const queryCSS = (scope, css) => {
    const result = [];
    const query = (node) => {
      result.push(...node.querySelectorAll(css));
      if (node.shadowRoot) query(node.shadowRoot);
      for (const element of node.querySelectorAll('*')) if (element.shadowRoot) query(element.shadowRoot);
    };
    query(scope);
    return result;
  };
  const select = (scope, css) => {
    const found = [];
    for (const one of splitList(css)) {
      const complex = parseComplex(one);
      const last = complex.simples.at(-1);
      for (const element of queryCSS(scope, last)) {
        if (matchesParents(element, complex, complex.simples.length - 2, scope)) found.push(element);
      }
    }
    return [...new Set(found)];
  };
  let elements = [document];
  for (const step of steps) {
    if ('nth' in step) {
      const element = elements.at(step.nth);
      elements = element ? [element] : [];
    } else {
      elements = [...new Set(elements.flatMap((scope) => select(scope, step.css)))];
    }
  }
  if (mode === 'elements') return elements;
  if (mode === 'first') return elements[0] ?? null;
  const visible = (element) => {
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && getComputedStyle(element).visibility === 'visible';
  };
  const first = elements[0];
  return {
    count: elements.length,
    visible: Boolean(first && visible(first)),
    enabled: Boolean(first && !first.matches(':disabled') && first.getAttribute('aria-disabled') !== 'true'),
  };
}

// Playwright's selector: parts joined by `>>`, each CSS or nth=N.
function parseSelector(selector) {
  return selector.split(/\s>>\s/).map((part) => {
    const trimmed = part.trim();
    const nth = trimmed.match(/^nth=(-?\d+)$/);
    if (nth) return { nth: Number(nth[1]) };
    return { css: trimmed.replace(/^css=/, '') };
  });
}

// Playwright's key names with modifiers (Shift+Tab, Control+A) as puppeteer key presses.
async function pressKey(keyboard, combination) {
  const keys = combination.split('+');
  let key = keys.pop();
  if (key === '' && combination.endsWith('+')) key = '+';
  if (keys.length && /^[A-Z]$/.test(key)) key = key.toLowerCase(); // Control+A: the key, not a capital
  for (const modifier of keys) await keyboard.down(modifier);
  try {
    await keyboard.press(key);
  } finally {
    for (const modifier of keys.reverse()) await keyboard.up(modifier);
  }
}

class Locator {
  // context: a FirefoxFrame, or an async function giving one (a frame found through a locator).
  constructor(context, steps, strict = true) {
    this.context = context;
    this.steps = steps;
    this.strict = strict;
    this.description = steps.map((s) => ('nth' in s ? `nth=${s.nth}` : s.css)).join(' >> ');
  }

  async #frame() {
    return typeof this.context === 'function' ? this.context() : this.context;
  }

  locator(selector) { return new Locator(this.context, [...this.steps, ...parseSelector(selector)], this.strict); }
  first() { return this.nth(0); }
  last() { return this.nth(-1); }
  nth(index) { return new Locator(this.context, [...this.steps, { nth: index }], this.strict); }

  async #status() {
    const frame = await this.#frame();
    await frame.activate();
    return frame.target.evaluate(locate, this.steps, 'status');
  }

  // Waits until the element is there (and visible and enabled for `state` 'actionable') and returns its handle.
  async #element(state = 'attached', timeout = DEFAULT_TIMEOUT) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const status = await this.#status();
      if (this.strict && status.count > 1) throw new Error(`strict mode violation: ${this.description} resolved to ${status.count} elements`);
      const ready = status.count === 1 || (!this.strict && status.count > 0);
      if (ready && (state === 'attached' || (status.visible && (state === 'visible' || status.enabled)))) break;
      if (Date.now() > deadline) throw new Error(`locator ${this.description}: not ${state} within ${timeout} ms (${status.count} found, visible ${status.visible}, enabled ${status.enabled})`);
      await sleep(50);
    }
    const frame = await this.#frame();
    const handle = await frame.target.evaluateHandle(locate, this.steps, 'first');
    const element = handle.asElement();
    if (!element) throw new Error(`locator ${this.description}: the element went away`);
    return element;
  }

  async #withElement(state, action) {
    const element = await this.#element(state);
    try {
      return await action(element);
    } finally {
      await element.dispose().catch(() => {});
    }
  }

  async count() { return (await this.#status()).count; }
  async isVisible() {
    const status = await this.#status();
    return status.count > 0 && status.visible;
  }
  async isHidden() { return !(await this.isVisible()); }
  async isDisabled() { return this.#withElement('attached', (e) => e.evaluate((el) => el.matches(':disabled') || el.getAttribute('aria-disabled') === 'true')); }
  async textContent() { return this.#withElement('attached', (e) => e.evaluate((el) => el.textContent)); }
  async getAttribute(name) { return this.#withElement('attached', (e) => e.evaluate((el, n) => el.getAttribute(n), name)); }
  async inputValue() { return this.#withElement('attached', (e) => e.evaluate((el) => el.value)); }
  async evaluate(fn, arg) { return this.#withElement('attached', (e) => e.evaluate(fn, arg)); }
  async evaluateAll(fn, arg) {
    const frame = await this.#frame();
    await frame.activate();
    const list = await frame.target.evaluateHandle(locate, this.steps, 'elements');
    try {
      return await list.evaluate(fn, arg);
    } finally {
      await list.dispose().catch(() => {});
    }
  }
  async allTextContents() { return this.evaluateAll((elements) => elements.map((e) => e.textContent)); }
  async all() {
    const n = await this.count();
    return Array.from({ length: n }, (_, i) => this.nth(i));
  }
  async boundingBox() { return this.#withElement('attached', (e) => e.boundingBox()); }
  async scrollIntoViewIfNeeded() {
    return this.#withElement('visible', (e) => e.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' })));
  }
  async focus() { return this.#withElement('attached', (e) => e.evaluate((el) => el.focus())); }
  async waitFor({ state = 'visible', timeout = DEFAULT_TIMEOUT } = {}) {
    if (state === 'hidden' || state === 'detached') {
      const deadline = Date.now() + timeout;
      while (state === 'hidden' ? await this.isVisible() : (await this.count()) > 0) {
        if (Date.now() > deadline) throw new Error(`locator ${this.description}: not ${state} within ${timeout} ms`);
        await sleep(50);
      }
      return;
    }
    await this.#withElement(state, async () => {});
  }
  // As Playwright's click: the element scrolled into view, then clicked only once it is stable
  // (the same box in two animation frames) and would itself receive the click (the deepest
  // element at the point, through open shadow roots, is it or inside it); else it waits and
  // tries again. Without this, a click while the page's layout moved (a widget placed above a
  // button, under load) landed on whatever had moved under the point.
  async click({ position } = {}) {
    const deadline = Date.now() + DEFAULT_TIMEOUT;
    const frame = await this.#frame();
    return this.#withElement('actionable', async (e) => {
      for (;;) {
        const offset = await e.evaluate(async (el, at) => {
          el.scrollIntoView({ block: 'center', inline: 'center' });
          const box = () => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
          const before = box();
          for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
          const after = box();
          if (after.some((v, i) => v !== before[i]) || after[2] <= 0 || after[3] <= 0) return null; // still moving
          const dx = at ? at.x : after[2] / 2, dy = at ? at.y : after[3] / 2;
          let hit = document.elementFromPoint(after[0] + dx, after[1] + dy);
          while (hit?.shadowRoot) {
            const inner = hit.shadowRoot.elementFromPoint(after[0] + dx, after[1] + dy);
            if (!inner || inner === hit) break;
            hit = inner;
          }
          for (let node = hit; node; node = node.parentNode ?? node.host) if (node === el) return { dx, dy };
          return null; // another element would receive it
        }, position ?? null);
        if (offset) {
          const box = await e.boundingBox();
          if (box) {
            // The layout may still move between that check and the click (each is a round trip
            // to the browser, seconds on a loaded machine: a widget above the button grew once,
            // and the click landed beside it, so nothing trained). As Playwright does, the page
            // holds back every pointer event of this click that does not reach the element; the
            // click counts only if its click event did, and is tried again otherwise.
            await e.evaluate((el) => {
              const guard = { hit: false, missed: false, types: ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'] };
              guard.listener = (event) => {
                // Only the mouse's own events (a click the page makes in answer, such as an
                // export's download link, is the page's business), and none after a click that
                // arrived (a label passing its click to its field).
                if (!event.isTrusted || guard.hit) return;
                if (event.composedPath().includes(el)) {
                  if (event.type === 'click') guard.hit = true;
                  return;
                }
                guard.missed = true;
                event.preventDefault();
                event.stopImmediatePropagation();
              };
              for (const type of guard.types) window.addEventListener(type, guard.listener, true);
              globalThis.lllClickGuard = guard;
            });
            let landed;
            try {
              await frame.page.target.mouse.click(box.x + offset.dx, box.y + offset.dy);
            } finally {
              landed = await e.evaluate(() => {
                const guard = globalThis.lllClickGuard;
                for (const type of guard.types) window.removeEventListener(type, guard.listener, true);
                delete globalThis.lllClickGuard;
                return guard.hit && !guard.missed;
              }).catch(() => true); // the page is gone: the click reached a link to another
            }
            if (landed) return;
          }
        }
        if (Date.now() > deadline) throw new Error(`locator ${this.description}: not stable, or another element would receive the click, for ${DEFAULT_TIMEOUT} ms`);
        await sleep(50);
      }
    });
  }
  async hover({ position } = {}) {
    const frame = await this.#frame();
    return this.#withElement('visible', async (e) => {
      await e.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' }));
      const box = await e.boundingBox();
      const x = box.x + (position ? position.x : box.width / 2);
      const y = box.y + (position ? position.y : box.height / 2);
      await frame.page.target.mouse.move(x, y);
    });
  }
  // As Playwright's fill: the value set, then an input event (and change for range and date
  // fields, which have no typing); a text field's change comes when it loses focus.
  async fill(value) {
    return this.#withElement('actionable', (e) => e.evaluate((el, v) => {
      el.focus();
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      if (['range', 'color', 'date', 'time', 'datetime-local', 'month', 'week'].includes(el.type)) {
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }, String(value)));
  }
  async type(text) {
    const frame = await this.#frame();
    return this.#withElement('actionable', async (e) => {
      await e.focus();
      await frame.page.target.keyboard.type(text);
    });
  }
  async selectOption(values) {
    const wanted = (Array.isArray(values) ? values : [values]).map(String);
    return this.#withElement('actionable', (e) => e.evaluate((el, list) => {
      const options = [...el.options];
      const chosen = list.map((v) => options.find((o) => o.value === v) ?? options.find((o) => o.label === v));
      if (chosen.some((o) => !o)) throw new Error(`selectOption: no option ${JSON.stringify(list)}`);
      for (const option of options) option.selected = chosen.includes(option);
      el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return chosen.map((o) => o.value);
    }, wanted));
  }
  async #setChecked(checked) {
    if ((await this.evaluate((el) => el.checked)) === checked) return;
    await this.click();
    if ((await this.evaluate((el) => el.checked)) !== checked) throw new Error(`locator ${this.description}: clicking did not ${checked ? 'check' : 'uncheck'} it`);
  }
  check() { return this.#setChecked(true); }
  uncheck() { return this.#setChecked(false); }
  async dispatchEvent(type) {
    return this.#withElement('attached', (e) => e.evaluate((el, t) => el.dispatchEvent(new Event(t, { bubbles: true, cancelable: true, composed: true })), type));
  }
  async screenshot({ path: file } = {}) {
    return this.#withElement('visible', async (e) => {
      await e.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' }));
      return e.screenshot({ path: file });
    });
  }
  // Files as Playwright takes them ({ name, mimeType, buffer }, or paths), through a directory of their own.
  async setInputFiles(files) {
    const list = Array.isArray(files) ? files : [files];
    const paths = [];
    for (const file of list) {
      if (typeof file === 'string') {
        paths.push(file);
      } else {
        const directory = await mkdtemp(path.join(tmpdir(), 'lll-upload-'));
        const target = path.join(directory, file.name);
        await writeFile(target, file.buffer);
        paths.push(target);
      }
    }
    return this.#withElement('attached', (e) => e.uploadFile(...paths));
  }
  async elementHandle() {
    const element = await this.#element('attached');
    const page = (await this.#frame()).page;
    return { contentFrame: async () => new FirefoxFrame(await element.contentFrame(), page), dispose: () => element.dispose() };
  }
}

// A frame (the page's main frame, or an iframe's) with Playwright's calls.
class FirefoxFrame {
  constructor(target, page) {
    this.target = target;
    this.page = page ?? this;
  }

  activate() { return this.page.activate(); }
  url() { return this.target.url(); }
  async evaluate(fn, arg) {
    await this.activate();
    return typeof fn === 'string' ? this.target.evaluate(fn) : this.target.evaluate(fn, arg);
  }
  async waitForFunction(fn, arg, { timeout = DEFAULT_TIMEOUT, polling = 50 } = {}) {
    await this.activate();
    return this.target.waitForFunction(fn, { timeout, polling: polling === 'raf' ? 'raf' : Math.max(1, polling) }, arg);
  }
  locator(selector) { return new Locator(this, parseSelector(selector)); }
  frameLocator(selector) {
    const host = this.locator(selector);
    const page = this.page;
    let frame = null;
    const resolve = async () => {
      if (frame && !frame.target.detached) return frame;
      const { contentFrame } = await host.elementHandle();
      frame = await contentFrame();
      return frame;
    };
    return { locator: (inner) => new Locator(resolve, parseSelector(inner)), page };
  }
  // Page-level calls with a selector use the first match (Playwright's are not strict).
  #first(selector) { return new Locator(this, parseSelector(selector), false).first(); }
  click(selector, options) { return this.#first(selector).click(options); }
  fill(selector, value) { return this.#first(selector).fill(value); }
  textContent(selector) { return this.#first(selector).textContent(); }
  getAttribute(selector, name) { return this.#first(selector).getAttribute(name); }
  inputValue(selector) { return this.#first(selector).inputValue(); }
  isDisabled(selector) { return this.#first(selector).isDisabled(); }
  isVisible(selector) { return this.#first(selector).isVisible(); }
  selectOption(selector, values) { return this.#first(selector).selectOption(values); }
  check(selector) { return this.#first(selector).check(); }
  uncheck(selector) { return this.#first(selector).uncheck(); }
  hover(selector, options) { return this.#first(selector).hover(options); }
  focus(selector) { return this.#first(selector).focus(); }
  async waitForSelector(selector, { state = 'visible', timeout } = {}) { await this.#first(selector).waitFor({ state, timeout }); }
  async $eval(selector, fn, arg) {
    const locator = new Locator(this, parseSelector(selector), false);
    if ((await locator.count()) === 0) throw new Error(`$eval: no element matches ${selector}`);
    return locator.first().evaluate(fn, arg);
  }
  $$eval(selector, fn, arg) { return new Locator(this, parseSelector(selector), false).evaluateAll(fn, arg); }
  async waitForLoadState(state = 'load') {
    await this.waitForFunction((s) => document.readyState === 'complete' || (s !== 'load' && document.readyState === 'interactive'), state);
  }
  waitForTimeout(ms) { return sleep(ms); }
}

class FirefoxPage extends FirefoxFrame {
  constructor(target, context, browser, downloads) {
    super(target, null);
    this.context_ = context;
    this.browser = browser;
    this.downloads = downloads;
    this.routes = [];
    this.keyboard = {
      press: async (key) => { await this.activate(); return pressKey(target.keyboard, key); },
      type: async (text) => { await this.activate(); return target.keyboard.type(text); },
      down: (key) => target.keyboard.down(key),
      up: (key) => target.keyboard.up(key),
    };
    this.mouse = {
      move: async (x, y) => { await this.activate(); return target.mouse.move(x, y); },
      click: async (x, y) => { await this.activate(); return target.mouse.click(x, y); },
      wheel: async (deltaX, deltaY) => { await this.activate(); return target.mouse.wheel({ deltaX, deltaY }); },
    };
  }

  // Timers and animation frames of a tab in the background are throttled: the page acted on
  // is brought to the front.
  async activate() {
    if (this.browser.front === this) return;
    this.browser.front = this;
    await this.target.bringToFront();
  }

  // Page errors, but for what is the browser's own doing (below). Every unhandled
  // rejection is one: the kit cancels none (a page listener would hide them from an embedding
  // page too), so a dropped request nobody awaited fails a test, in both browsers.
  on(event, handler) {
    if (event !== 'pageerror') {
      if (event === 'console') (this.consoleHandlers ??= []).push(handler);
      this.target.on(event, handler);
      return this;
    }
    this.target.on(event, (error) => {
      // The browser's report of a load the page's policy refused (its CSP, a missing CORS
      // header) is a console error in Chromium, and so here: a test that expects one reads it
      // among the page's problems, and it does not end the test's waits as a script's error does.
      if (/^(Content-Security-Policy: |Cross-Origin Request Blocked: )/.test(error.message)) {
        const message = { type: () => 'error', text: () => error.message, args: () => [], stackTrace: () => [] };
        for (const consoleHandler of this.consoleHandlers ?? []) consoleHandler(message);
        return;
      }
      // Firefox's MathML layout reports "Invalid markup: Incorrect number of children for <msup/>
      // tag" as a page error when it lays out a formula whose children the HTML parser has not
      // all delivered yet (the tutorial arrives typeset, 0.6 MB parsed in pieces); the element is
      // whole once parsed, which tests/web/formulas.test.mjs checks of every formula.
      if (/^Invalid markup: Incorrect number of children for <m\w+\/> tag/.test(error.message)) return;
      // A font download that Firefox itself stopped because the page was left (status
      // NS_BINDING_ABORTED, 0x804B0002) is reported as a page error too: it is the browser's own
      // doing, not the page's (a test that goes from page to page leaves some fonts loading).
      // Any other failed font download (a missing file, a refused origin) still fails the test.
      if (/^downloadable font: download failed .*status=2152398850 /.test(error.message)) return;
      handler(error);
    });
    return this;
  }

  async goto(url, options) { // options: { waitUntil } as Playwright's (load, domcontentloaded)
    await this.activate();
    return this.target.goto(url, options);
  }
  // As Playwright's: `fn(arg)` runs in every document this page loads, before its scripts.
  async addInitScript(fn, arg) {
    await this.target.evaluateOnNewDocument(fn, arg);
  }
  async goBack() {
    await this.activate();
    return this.target.goBack();
  }
  async reload(options) { // options: { waitUntil } as Playwright's
    await this.activate();
    return this.target.reload(options);
  }
  async setViewportSize({ width, height }) { await this.target.setViewport({ width, height }); }
  async screenshot({ path: file, fullPage = false } = {}) {
    await this.activate();
    return this.target.screenshot({ path: file, fullPage });
  }
  frames() { return this.target.frames().map((frame) => (frame === this.target.mainFrame() ? this : new FirefoxFrame(frame, this))); }
  workers() { return this.target.workers(); }
  context() { throw new Error('page.context(): Chromium only (DevTools protocol)'); }

  // Playwright's route(glob, handler) through puppeteer's request interception.
  async route(glob, handler) {
    const pattern = new RegExp(`^${glob.split('**').map((part) => part.split('*').map((s) => s.replace(/[.?+^${}()|[\]\\/]/g, '\\$&')).join('[^/]*')).join('.*')}$`);
    this.routes.push({ pattern, handler });
    if (this.routes.length > 1) return;
    await this.target.setRequestInterception(true);
    this.target.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      const route = this.routes.find((r) => r.pattern.test(request.url()));
      if (!route) {
        request.continue().catch(() => {});
        return;
      }
      route.handler({
        request: () => request,
        fulfill: ({ status = 200, contentType, body, headers = {} }) => request.respond({ status, contentType, body, headers }),
        continue: () => request.continue(),
        abort: () => request.abort(),
      });
    });
  }

  // A download: the file the page asked for, once complete in this page's download directory.
  // Firefox first writes a download under a temporary name of its own (eight random characters
  // and the extension) in that directory and renames it when complete; a file seen there can
  // vanish before it is read. So the file waited for is the one named as the page named it
  // (recorded by PRELOAD), or Firefox's "name(1).ext" when that name is taken.
  waitForEvent(event, { timeout = DEFAULT_TIMEOUT } = {}) {
    if (event !== 'download') throw new Error(`waitForEvent('${event}'): only 'download' in Firefox`);
    const known = new Set(readdirSync(this.downloads));
    return (async () => {
      const deadline = Date.now() + timeout;
      let last = null;
      for (;;) {
        const asked = await this.target.evaluate(() => globalThis.__lllDownloadNames ?? []).catch(() => []);
        const names = (await readdir(this.downloads)).filter((n) => !known.has(n));
        const found = names.map((n) => ({ name: n, asked: asked.find((a) => sameDownload(n, a)) }))
          .find((f) => f.asked && !names.includes(`${f.name}.part`));
        const size = found ? await stat(path.join(this.downloads, found.name)).then((s) => s.size, () => null) : null;
        if (found && size !== null) {
          if (last && last.name === found.name && last.size === size && size > 0) {
            const file = path.join(this.downloads, found.name);
            return { suggestedFilename: () => found.asked, path: async () => file };
          }
          last = { name: found.name, size };
        } else {
          last = null;
        }
        if (Date.now() > deadline) throw new Error(`no download within ${timeout} ms`);
        await sleep(100);
      }
    })();
  }

  async close() {
    if (this.browser.front === this) this.browser.front = null;
    await this.target.close().catch(() => {});
    await this.context_.close().catch(() => {});
  }
}

// Whether `file` in a download directory is the download the page named `asked`: that name,
// or Firefox's "name(1).ext" for a second download of it.
function sameDownload(file, asked) {
  if (file === asked) return true;
  const dot = asked.lastIndexOf('.');
  const [base, extension] = dot > 0 ? [asked.slice(0, dot), asked.slice(dot)] : [asked, ''];
  return file.startsWith(`${base}(`) && file.endsWith(`)${extension}`) && /^\d+$/.test(file.slice(base.length + 1, file.length - extension.length - 1));
}

// Runs in every document before its scripts: records the name of every download the page asks
// for (a link with a download attribute, clicked by a script or by the test).
function PRELOAD() {
  globalThis.__lllDownloadNames = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function clickRecordingDownload() {
    if (this.hasAttribute('download')) globalThis.__lllDownloadNames.push(this.download);
    return click.call(this);
  };
  addEventListener('click', (event) => {
    if (!event.isTrusted) return; // a script's click() is recorded above
    const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement && node.hasAttribute('download'));
    if (link) globalThis.__lllDownloadNames.push(link.download);
  }, true);
}

class FirefoxBrowser {
  constructor(browser) {
    this.browser = browser;
    this.front = null;
  }

  async newPage({ viewport = { width: 1280, height: 720 } } = {}) {
    const downloads = await mkdtemp(path.join(tmpdir(), 'lll-downloads-'));
    await mkdir(downloads, { recursive: true });
    const context = await this.browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
    const target = await context.newPage();
    await target.setViewport(viewport);
    await target.evaluateOnNewDocument(PRELOAD);
    const page = new FirefoxPage(target, context, this, downloads);
    await page.activate();
    return page;
  }

  close() { return this.browser.close(); }
}
