// The tutorial (index.html) in headless Chromium and Firefox, served under its strict CSP: every chapter
// typesets its formulas (MathML, no .katex-error), ends with references, reads without
// horizontal scrolling at 1280 and 360 px (screenshots of every chapter at both widths in
// test-artifacts/tutorial-<chapter>-<width>.png), the figures of chapters 7 and 8 reach the
// state their prose describes (and are shot computed), and the reader's place is kept in the
// URL as at=<id> beside the widgets' own entries. No console error, no request to another
// origin. Needs build/web (make web).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { artifacts, mainThreadTasks, timesTasks, useBrowser } from './browser.mjs';
import { assemblePage } from '../../tools/tutorial-page.mjs';

const browser = useBrowser();
const WIDTHS = [{ width: 1280, height: 900 }, { width: 360, height: 740 }];

async function openTutorial(hash = '', viewport = WIDTHS[0]) {
  const opened = await browser.openPage(`${browser.base}${hash}`, viewport);
  await opened.page.waitForFunction(() => document.documentElement?.dataset.tutorial === 'ready');
  return opened;
}

const chapterIds = (page) => page.$$eval('main section.chapter', (sections) => sections.map((s) => s.id));

// The page laid out by the second animation frame: the first lays it out (after a resize or a
// scroll) and runs the ResizeObserver callbacks, in which the charts redraw to their width.
const laidOut = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

test('every chapter typesets its formulas and ends with its references; a table of contents links them all', async () => {
  const { page, problems } = await openTutorial();
  try {
    const chapters = await chapterIds(page);
    assert.deepEqual(chapters, ['landscape', 'stalls', 'saddles', 'linear', 'nonlinear', 'one-neuron', 'real-network', 'many-minima', 'what-we-know', 'appendix']);
    const toc = await page.$$eval('nav.toc a', (links) => links.map((a) => a.getAttribute('href')));
    assert.deepEqual(toc, chapters.map((id) => `#${id}`));
    // The contents shows each chapter's own heading (without its number), as the reader sees it.
    const shown = await page.evaluate(() => ({
      toc: [...document.querySelectorAll('nav.toc a')].map((a) => a.textContent.trim()),
      headings: [...document.querySelectorAll('main section.chapter > h2')].map((h) => h.textContent.replace(h.querySelector('.chapter-number').textContent, '').trim()),
    }));
    assert.deepEqual(shown.toc, shown.headings);
    for (const id of chapters) {
      const report = await page.$eval(`#${id}`, (section) => ({
        formulas: section.querySelectorAll('.math').length,
        typeset: [...section.querySelectorAll('.math')].filter((m) => m.querySelector('math')).length,
        errors: section.querySelectorAll('.katex-error').length,
        references: [...section.querySelectorAll('.references li')].filter((li) => li.querySelector('a[href^="https://"]')).length,
        figures: [...section.querySelectorAll('figure')].map((f) => ({ id: f.id, widget: f.querySelector('[url-state="hash"]')?.id })),
      }));
      if (id !== 'what-we-know') assert.ok(report.formulas > 0, `${id}: has formulas`); // the summary has none
      assert.equal(report.typeset, report.formulas, `${id}: every formula typeset`);
      assert.equal(report.errors, 0, `${id}: no .katex-error`);
      if (id !== 'appendix') assert.ok(report.references > 0, `${id}: references with links to the papers`);
      for (const figure of report.figures) {
        assert.match(figure.id, /^figure-/, `${id}: each figure has an anchor`);
        assert.ok(figure.widget, `${id}: ${figure.id} holds a widget with an id and url-state="hash"`);
      }
    }
    // Numbers computed by the core stay marked once typeset (inside formulas too).
    const source = assemblePage().replace(/<!--.*?-->/gs, '');
    const marked = (source.match(/<span class="computed"/g) ?? []).length;
    assert.equal(await page.$$eval('.computed[data-scenario][data-quantity]', (e) => e.length), marked, 'every computed number keeps its mark');
    // The math font comes from our origin (the CSP allows no other).
    await page.evaluate(() => document.fonts.ready);
    assert.ok(await page.evaluate(() => [...document.fonts].some((f) => f.family.includes('STIX Two Math') && f.status === 'loaded')), 'the math font loaded');
    assert.deepEqual(problems.filter((p) => p.startsWith('request to')), [], 'no request to another origin');
  } finally {
    await page.close();
  }
});

for (const viewport of WIDTHS) {
  test(`every chapter at ${viewport.width} px: no horizontal scrolling, a screenshot each, no console error`, async () => {
    const { page, problems } = await openTutorial('', viewport);
    try {
      await page.evaluate(() => document.fonts.ready);
      for (const id of await chapterIds(page)) {
        const section = page.locator(`#${id}`);
        await section.scrollIntoViewIfNeeded();
        // The widgets on screen have started (each computes only once it sees itself in view)
        // and published the state they are in; then their first frame is laid out.
        await page.waitForFunction(() => [...document.querySelectorAll('main [url-state]')].filter((w) => {
          const box = w.getBoundingClientRect();
          return box.bottom > 0 && box.top < innerHeight;
        }).every((w) => w.dataset.active === 'true' && w.dataset.state === w.currentState));
        await laidOut(page);
        await section.screenshot({ path: path.join(artifacts, `tutorial-${id}-${viewport.width}.png`) });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${id} at ${viewport.width} px: the page is ${overflow} px wider than the window`);
        // Nothing in the prose sticks out of the column (wide formulas and tables scroll inside their own box).
        const wide = await page.$eval(`#${id}`, (s) => [...s.querySelectorAll('p, li, h2, h3, figcaption, .math.display, span.math, .table-wrap')]
          .filter((e) => e.getBoundingClientRect().right > s.getBoundingClientRect().right + 1).map((e) => e.textContent.slice(0, 60)));
        assert.deepEqual(wide, [], `${id} at ${viewport.width} px: elements wider than the column`);
      }
      await page.screenshot({ path: path.join(artifacts, `tutorial-top-${viewport.width}.png`) });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}

// What chapters 7 and 8 say their figures show, read from the page's own marked numbers.
const written = (page, scenario, quantity, patch = null) => page.$eval('main', (main, [s, q, p]) => {
  const span = [...main.querySelectorAll('.computed')].find((e) => e.dataset.scenario === s && e.dataset.quantity === q && (e.dataset.patch ?? null) === p);
  const text = span.textContent.replace(/\u2212/g, '-').trim();
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
}, [scenario, quantity, patch]);
const near = (value, text) => Math.abs(value - text) <= 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(text))) - 2) + 1e-15;

// Widgets compute only while on screen: scroll each into view and wait there until it is ready.
async function waitReady(page, selector, timeout = 300000) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.waitForFunction((s) => ['ready', 'error'].includes(document.querySelector(s)?.dataset.state), selector, { timeout, polling: 250 });
  const state = await page.$eval(selector, (w) => ({ state: w.dataset.state, message: w.shadowRoot.querySelector('[data-role="message"]')?.textContent }));
  assert.equal(state.state, 'ready', `${selector}: ${state.message}`);
}
const readout = (page, selector, name) => page.$$eval(selector, (widgets, n) => widgets.flatMap((w) => [...w.shadowRoot.querySelectorAll(`dd[data-name="${n}"]`)].map((d) => d.textContent)), name);

test('chapters 7 and 8: each figure, computed in the page, shows what the prose says it shows', async () => {
  const { page, problems } = await openTutorial('#at=real-network');
  try {
    // Figure 9: about a tenth of the filter-normalised slice lies below 0.05 (the try-this prompt's number).
    await waitReady(page, '#slice');
    await page.waitForFunction(() => /^(\d+) of \1$/.test(document.querySelector('#slice').shadowRoot.querySelector('dd[data-name="rows filled"]')?.textContent));
    const share = await readout(page, '#slice', 'share below 0.05');
    assert.equal(share.length, 1);
    assert.ok(near(Number(share[0]), await written(page, 'landscape-slice', 'slice.loss.below(0.05)')), `the slice's share below 0.05 is ${share[0]}`);

    // Figure 10: the deep plain network stops above a loss of 0.05; skip connections let the same depth train.
    await waitReady(page, '#skip-width');
    await page.waitForFunction(() => document.querySelector('#skip-width').shadowRoot.querySelectorAll('dd[data-name="trained loss"]').length === 3);
    const losses = (await readout(page, '#skip-width', 'trained loss')).map(Number);
    assert.equal(losses.length, 3);
    assert.ok(losses[0] > 0.05 && losses[1] < losses[0] / 1000 && losses[2] < 0.05, `trained losses (deep, skip, wide) ${losses}`);
    assert.ok(near(losses[0], await written(page, 'landscape-slice-narrow-deep', 'slice.runs[0].loss')));

    // Figure 11: the trained curve's highest loss is the prose's, more than twenty times below the line's.
    await page.$eval('#between-minima', (w) => w.scrollIntoView());
    await waitReady(page, '#between-minima');
    const between = await page.$eval('#between-minima', (w) => ({ line: Math.max(...w.info.straight.loss), curve: Math.max(...w.curve.loss), steps: w.curve.steps }));
    assert.equal(between.steps, await written(page, 'connect-minima', 'connect.trained_steps'));
    assert.ok(near(between.line, await written(page, 'connect-minima', 'connect.straight.loss.max()')), `line ${between.line}`);
    assert.ok(near(between.curve, await written(page, 'connect-minima', 'connect.curve_line.loss.max()')), `curve ${between.curve}`);
    assert.ok(between.curve * 20 < between.line);

    // Figure 12: the small batch ends flatter; rescaled by alpha = 4 it is sharper than the full batch was, same loss.
    await waitReady(page, '#sharp-flat');
    const runs = await page.$eval('#sharp-flat', (w) => w.info.runs.map((r) => r.sharpness));
    assert.ok(runs[0] < runs[1], `sharpness (batch 4, full batch) ${runs}`);
    assert.ok(near(runs[0], await written(page, 'sharp-flat', 'sharpness.runs[0].sharpness')));
    await page.$eval('#sharp-flat', (w) => {
      const slider = w.shadowRoot.querySelector('[data-role="alpha"]');
      slider.value = String(w.info.rescale.alphas.indexOf(4));
      slider.dispatchEvent(new Event('input'));
    });
    await page.waitForFunction(() => document.querySelector('#sharp-flat').dataset.alpha === '4');
    const rescaled = await page.$eval('#sharp-flat', (w) => w.current);
    assert.ok(rescaled.sharpness[0] > runs[1], `rescaled ${rescaled.sharpness[0]} against ${runs[1]}`);
    assert.ok(near(rescaled.sharpness[0], await written(page, 'sharp-flat', 'sharpness.rescaled[4].sharpness[0]')));
    assert.equal(rescaled.max_output_change, 0);

    // The two chapters with every figure computed, at both widths (test-artifacts/tutorial-<chapter>-<width>-computed.png).
    for (const { width, height } of WIDTHS) {
      await page.setViewportSize({ width, height });
      await laidOut(page);
      for (const id of ['real-network', 'many-minima']) {
        await page.locator(`#${id}`).screenshot({ path: path.join(artifacts, `tutorial-${id}-${width}-computed.png`) });
      }
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

// A reader scrolls through every chapter a screen at a time, pausing as a reader would, and
// each widget starts as it comes on screen: in no task of the page's main thread do the page's
// scripts take over 50 ms of CPU time (tools/main-thread-tasks.mjs: the browser's rendering
// around them, and wall time, which adds whatever else the machine runs, are printed). The
// figures per chapter are printed; tools/page-weight.mjs prints the same at 1280 px.
test('scrolling through every chapter at 1280 and 360 px: the page\'s scripts under 50 ms of CPU time in every main-thread task', timesTasks('the CPU time of each main-thread task, from a Chromium trace'), async () => {
  for (const viewport of WIDTHS) {
    const { page, problems } = await openTutorial('', viewport);
    try {
      // The page has loaded (formulas typeset, fonts in) and its first figure is ready.
      await page.evaluate(() => document.fonts.ready);
      await waitReady(page, '#product');
      const over = [];
      for (const id of await chapterIds(page)) {
        const edge = (side) => page.$eval(`#${id}`, (s, e) => s.getBoundingClientRect()[e] + scrollY, side);
        const tasks = await mainThreadTasks(page, async () => {
          // Re-read the chapter's end at each step: its figures grow as they build.
          for (let y = await edge('top'); y < await edge('bottom'); y += viewport.height - 200) {
            await page.evaluate((top) => scrollTo(0, top), y);
            // Part of what is measured, not a wait for something: a reader's pause on each
            // screen, in which the widgets that came into view start.
            await page.waitForTimeout(250);
          }
        });
        console.log(`# tutorial at ${viewport.width} px, scrolling through #${id}: ${tasks.count} tasks, the longest ${tasks.longest} of CPU, the most script in one ${tasks.longestScript} ms; over 50 ms of the page's work: ${JSON.stringify(tasks.pageWorkOver50)}; over 50 ms of CPU without it: ${JSON.stringify(tasks.unattributedOver50)}; over 50 ms of wall time: ${JSON.stringify(tasks.wallOver50)}`);
        over.push(...tasks.over50.map((task) => `#${id}: ${task}`));
      }
      assert.deepEqual(over, [], `at ${viewport.width} px, main-thread tasks whose scripts took over 50 ms of CPU time`);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  }
});

// The chapters after the first arrive undrawn (laid out only near the window), so that the
// first layout is chapter 1's; the page draws them once it has loaded, and says it is ready then:
// no chapter keeps an estimated height that would move the page when a reader scrolls up to it.
test('every chapter is drawn when the tutorial is ready; a link deep into it lands on its target', async () => {
  const { page, problems } = await browser.openPage(`${browser.base}#at=figure-rescue`, WIDTHS[1]);
  try {
    await page.waitForFunction(() => document.documentElement?.dataset.tutorial === 'ready');
    const drawn = await page.evaluate(() => [...document.querySelectorAll('main section.chapter')].map((s) => getComputedStyle(s).contentVisibility));
    assert.ok(drawn.length > 5 && drawn.every((value) => value === 'visible'), `content-visibility of the chapters: ${drawn.join(', ')}`);
    await laidOut(page);
    const top = await page.$eval('#figure-rescue', (figure) => figure.getBoundingClientRect().top);
    assert.ok(Math.abs(top) < 20, `the linked figure is at the top of the window (${top} px)`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the figure on screen starts first: the next figure\'s code loads once it has; a figure linked to starts at once', async () => {
  // At the top at 1280 x 1100 the first figure is on screen and the next one (the curvature
  // primer) within a screen and a half below: near, so its code loads, but after the first
  // figure has started.
  const { page, problems } = await browser.openPage('about:blank', { width: 1280, height: 1100 });
  try {
    await page.addInitScript(() => {
      new MutationObserver(() => {
        const first = document.querySelector('lll-saddle-explorer');
        if (first?.dataset.state && first.dataset.state !== 'loading') globalThis.lllFirstStarted ??= performance.now();
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
    });
    await page.goto(browser.base);
    await page.waitForFunction(() => customElements.get('lll-curvature-primer') !== undefined, null, { timeout: 30000 });
    const { started, requested, box } = await page.evaluate(() => ({
      started: globalThis.lllFirstStarted,
      requested: performance.getEntriesByType('resource').find((entry) => /\/curvature-primer-[A-Z0-9]+\.js$/.test(entry.name))?.startTime,
      box: document.querySelector('lll-curvature-primer').getBoundingClientRect().top,
    }));
    assert.ok(box > 1100 + 200 && box < 2.5 * 1100, `the primer is off screen, within a screen and a half (its top at ${box} px)`);
    assert.ok(started > 0 && requested >= started, `the primer's code requested at ${requested} ms, after the first figure started at ${started} ms`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
  // A link to a figure further down: on screen when the page opens, it loads and starts at once.
  const opened = await browser.openPage(`${browser.base}#at=figure-rescue`, WIDTHS[0]);
  try {
    await opened.page.waitForFunction(() => document.querySelector('#figure-rescue lll-added-neuron')?.dataset.state === 'ready', null, { timeout: 30000 });
    assert.deepEqual(opened.problems, []);
  } finally {
    await opened.page.close();
  }
});

test('the reader\'s place is kept in the URL as at=<id>, beside the widgets\' entries', async () => {
  const { page, problems } = await openTutorial('#other=kept&at=linear');
  try {
    const top = () => page.$eval('#linear', (s) => Math.round(s.getBoundingClientRect().top));
    assert.ok(Math.abs(await top()) < 20, `scrolled to the chapter (top at ${await top()} px)`);
    const params = async () => new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
    // A previous / next link sets the place and keeps the other entries.
    await page.click('#linear nav.chapter-nav a[rel="next"]');
    // The link writes the place at once, but the scroll it starts can report the chapter it
    // passes through until it arrives (Firefox's pass read 'linear' here once): the place is
    // where the scroll ends, read with the chapter's top in one reading. (A second reading of
    // the top alone can fall between a figure above growing and the page putting the chapter
    // back before that frame is painted: a loaded Firefox pass read it pushed down once.)
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('at') === 'nonlinear'
      && Math.abs(document.querySelector('#nonlinear').getBoundingClientRect().top) < 20);
    assert.equal((await params()).get('at'), 'nonlinear');
    assert.equal((await params()).get('other'), 'kept');
    // Back returns to the previous place.
    await page.goBack();
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('at') === 'linear');
    // Scrolling moves the place to the chapter being read.
    await page.$eval('#saddles', (s) => s.scrollIntoView());
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('at') === 'saddles');
    assert.equal((await params()).get('other'), 'kept');
    assert.equal(await page.$eval('nav.toc a[aria-current]', (a) => a.getAttribute('href')), '#saddles');
    // A link to a figure makes the figure the place; reading inside its chapter keeps it.
    await page.click('#what-we-know a[href="#figure-rescue"]');
    assert.equal((await params()).get('at'), 'figure-rescue');
    // The reader scrolls on with a key (the link focused the figure, so the arrow scrolls the
    // page). The page checks the place a moment after each scroll, and marks the chapter in the
    // contents as it does (an attribute set, recorded even when its value stays): a check ran
    // after the last scroll event, which left the window where the key took it. (Not a driver's
    // wheel: Firefox dispatches it through its compositor, off the page's main thread, and on a
    // loaded machine it twice broke the order this test relies on: once the page had every
    // scroll event before the wheel event, once a full run waited 30 s for the wheel's scroll to
    // be seen at all. A key event reaches the page first, and its scroll follows. Not scrollend
    // either: Firefox's pass once waited for it in vain.)
    await page.evaluate(() => {
      Object.assign(window, { keyed: false, startY: scrollY, scrolledTo: scrollY, scrolledAt: 0, markedAt: 0, scrollLog: [] });
      const at = () => Math.round(performance.now());
      addEventListener('keydown', (event) => {
        window.keyed = true;
        window.scrollLog.push(`${at()} ${event.key} on ${event.target.localName}#${event.target.id}`);
      }, { passive: true });
      addEventListener('scroll', () => {
        Object.assign(window, { scrolledTo: scrollY, scrolledAt: performance.now() });
        window.scrollLog.push(`${at()} scroll to ${scrollY}`);
      });
      new MutationObserver(() => {
        window.markedAt = performance.now();
        window.scrollLog.push(`${at()} marked`);
      }).observe(document.querySelector('nav.toc'), { attributes: true, attributeFilter: ['aria-current'], subtree: true });
    });
    await page.keyboard.press('ArrowDown');
    try {
      await page.waitForFunction(() => window.keyed && window.scrolledTo !== window.startY && window.scrolledTo === scrollY
        && window.markedAt > window.scrolledAt);
    } catch (error) {
      // What the page saw after the key, for the one who reads the failure.
      const seen = await page.evaluate(() => ({ now: Math.round(performance.now()), startY: window.startY, scrollY, focused: document.activeElement?.id, log: window.scrollLog.slice(-40) }));
      error.message += ` (after the key: ${JSON.stringify(seen)})`;
      throw error;
    }
    assert.equal((await params()).get('at'), 'figure-rescue');
    assert.deepEqual(problems.filter((p) => p.startsWith('request to')), []);
  } finally {
    await page.close();
  }
  // An old-style fragment (#chapter) becomes at=chapter.
  const old = await openTutorial('#stalls');
  try {
    assert.equal(await old.page.evaluate(() => location.hash), '#at=stalls');
    assert.ok(Math.abs(await old.page.$eval('#stalls', (s) => s.getBoundingClientRect().top)) < 20);
  } finally {
    await old.page.close();
  }
  // A place the tutorial does not have is said (naming at=), dropped from the URL with the
  // other entries kept, and the page opens at its start.
  const unknown = await openTutorial(`#other=kept&at=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
  try {
    await unknown.page.waitForFunction(() => document.querySelector('[data-role="place-note"]')?.textContent);
    assert.match(await unknown.page.evaluate(() => document.querySelector('[data-role="place-note"]').textContent), /^The link's place \(at=<img src=x onerror=alert\(1\)>\) is not a chapter or figure/);
    const params = new URLSearchParams((await unknown.page.evaluate(() => location.hash)).slice(1));
    assert.equal(params.get('at'), null);
    assert.equal(params.get('other'), 'kept');
    assert.equal(await unknown.page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 0);
    assert.ok(await unknown.page.evaluate(() => scrollY) < 50, 'the page opens at its start');
    assert.deepEqual(unknown.problems, []);
  } finally {
    await unknown.page.close();
  }
});

test('axe-core: no accessibility violation in the tutorial\'s own markup, none serious anywhere', async () => {
  const { page, problems } = await openTutorial();
  try {
    // page.addScriptTag is blocked by the page's CSP; evaluate is not.
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    // Only the violations gathered in full (the rules that pass keep one element each: half of
    // axe's time on this page of 16,000 elements).
    const { violations } = await page.evaluate(() => axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }));
    const describe = (v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' >> ')).slice(0, 3).join(', ')}`;
    // A target of one selector is in the page itself; longer ones are inside a widget's shadow root.
    const own = violations.filter((v) => v.nodes.some((n) => n.target.length === 1));
    assert.deepEqual(own.map(describe), []);
    assert.deepEqual(violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map(describe), []);
    assert.deepEqual(problems.filter((p) => p.startsWith('request to')), []);
  } finally {
    await page.close();
  }
});
