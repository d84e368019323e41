// The offline file (tools/build-offline.mjs, `make offline`) opened from a file:// URL, with
// no server, in the browser of the pass (Chromium, or Firefox: browser.mjs): the tutorial typesets its formulas with the file's
// own fonts, a widget trains (its numbers change and stay finite), a link to another page of
// the file opens it, and nothing is requested but file:, blob: and data: URLs. The offline
// embed page computes the rescue to the same bits as the served page in the same browser
// (which bit-identical.test.mjs ties to the native results). Screenshots of the
// offline tutorial at 1280 and 360 px in test-artifacts/offline-tutorial-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { artifacts, root, useBrowser } from './browser.mjs';
import { chapterFiles } from '../../tools/tutorial-page.mjs';

const offlineFile = path.join(root, 'build/offline/loss-landscape-lab.html');
const fileUrl = pathToFileURL(offlineFile).href;
const browser = useBrowser(); // also serves build/web: the served page to compare with

// A page of the file; every request other than file:, blob: and data: URLs, every page error
// and console error is a problem (browser.mjs).
async function openFile(url, viewport = { width: 1280, height: 900 }) {
  const { page, problems } = await browser.openPage(url, viewport);
  const wait = (fn, arg, timeout = 60000) => page.waitForFunction(fn, arg, { timeout });
  return { page, problems, wait };
}

// The rescue in the embed page at step 4000: the neuron run's last record and the exact
// float64 parameters (the widget's scenario export).
async function rescueAt4000({ page, wait }) {
  await wait(() => Number(document.querySelector('lll-added-neuron')?.dataset.step) === 4000);
  return page.evaluate(async () => {
    const widget = document.querySelector('lll-added-neuron');
    return { record: widget.history.neuron.at(-1), scenario: await widget.scenario() };
  });
}
let served;
const servedRescue = () => (served ??= (async () => {
  const page = await browser.openPage(`${browser.base}embed.html?widget=added-neuron#scenario=rescue&step=4000`);
  page.wait = (fn, arg) => page.page.waitForFunction(fn, arg, { timeout: 60000 });
  try {
    const result = await rescueAt4000(page);
    assert.deepEqual(page.problems, []);
    return result;
  } finally {
    await page.page.close();
  }
})());

// The tutorial from disk: formulas, the CSP, a widget trained, a link to the playground.
async function tutorialFromDisk() {
  assert.ok(existsSync(offlineFile), 'run `make offline` (tools/build-offline.mjs) first');
  const opened = await openFile(fileUrl);
  const { page, problems, wait } = opened;
  try {
    await wait(() => document.documentElement?.dataset.offline === 'ready' && document.documentElement?.dataset.tutorial === 'ready');
    const setup = await page.evaluate(async () => {
      await document.fonts.ready;
      return {
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
        formulas: document.querySelectorAll('.math > math').length,
        errors: document.querySelectorAll('.katex-error').length,
        mathFonts: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'STIX Two Math' && f.status === 'loaded').length,
        chapters: document.querySelectorAll('main section.chapter').length,
      };
    });
    assert.match(setup.csp, /^default-src 'none'; script-src 'sha256-[^']+' 'wasm-unsafe-eval'; style-src 'sha256-/);
    assert.doesNotMatch(setup.csp, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
    assert.ok(setup.formulas > 50, `${setup.formulas} formulas`);
    assert.equal(setup.errors, 0);
    assert.equal(setup.mathFonts, 1, 'the math font loaded from the file itself');
    assert.equal(setup.chapters, chapterFiles().length, 'every chapter file of web/chapters/');

    // The rescue widget of chapter 6: play, then pause after 2,000 steps.
    const widget = 'lll-added-neuron#rescue';
    await page.evaluate((w) => document.querySelector(w).scrollIntoView({ block: 'center' }), widget);
    await wait((w) => document.querySelector(w)?.dataset.state === 'ready', widget);
    const first = await page.evaluate((w) => document.querySelector(w).history.neuron.at(-1), widget);
    await page.evaluate((w) => document.querySelector(w).find('play').click(), widget);
    await wait((w) => Number(document.querySelector(w).dataset.step) >= 2000, widget);
    await page.evaluate((w) => document.querySelector(w).find('pause').click(), widget);
    // Paused, and its training loop over: a request in flight when paused still adds its
    // record (and moves the step in the fragment).
    await wait((w) => document.querySelector(w).dataset.state === 'paused' && document.querySelector(w).loop.looping === null, widget);
    const last = await page.evaluate((w) => document.querySelector(w).history.neuron.at(-1), widget);
    assert.equal(first.step, 0);
    assert.ok(last.step >= 2000);
    assert.ok(Number.isFinite(last.loss) && last.loss < first.loss, `loss ${first.loss} -> ${last.loss}`);
    assert.ok(last.params.every(Number.isFinite));
    assert.notDeepEqual(last.params, first.params);
    // Its state is in the fragment, as on the served tutorial.
    // (Writing it is asynchronous, the state packed first: wait for the last step to arrive.)
    await wait((step) => new URLSearchParams(new URLSearchParams(location.hash.slice(1)).get('rescue')).get('step') === step, String(last.step));
    // Its link opens the file's embed page, not a server's.
    await page.evaluate((w) => document.querySelector(w).find('copy-link').click(), widget);
    await wait((w) => document.querySelector(w).dataset.link, widget, 10000);
    const link = new URL(await page.evaluate((w) => document.querySelector(w).dataset.link, widget));
    assert.equal(`${link.protocol}${link.pathname}`, `${new URL(fileUrl).protocol}${new URL(fileUrl).pathname}`);
    const fragment = new URLSearchParams(link.hash.slice(1));
    assert.deepEqual([link.searchParams.get('widget'), fragment.get('page'), fragment.get('step')], ['added-neuron', 'embed', String(last.step)]);

    // Screenshots at both widths; the page does not scroll sideways. The PNG export works from
    // the file too (charts drawn through data: images, saved from a blob: URL).
    const [png] = await Promise.all([page.waitForEvent('download'), page.evaluate((w) => document.querySelector(w).find('export-png').click(), widget)]);
    const bytes = await readFile(await png.path());
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(bytes.length > 5000, `PNG of ${bytes.length} bytes`);
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => scrollTo(0, 0));
      // Laid out by the second animation frame: the first lays the page out at the new width
      // and runs the ResizeObserver callbacks, in which the charts redraw to it.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `no sideways scroll at ${width} px`);
      await page.screenshot({ path: path.join(artifacts, `offline-tutorial-${width}.png`) });
    }

    // The tutorial's link to the playground opens the file's playground page.
    const href = await page.evaluate(() => document.querySelector('header a[href*="page=playground"]')?.getAttribute('href'));
    assert.equal(href, '?#page=playground');
    await page.evaluate(() => document.querySelector('header a[href*="page=playground"]').click());
    // Waits across a page load ask `documentElement?.`: Firefox's driver polls the predicate in
    // the new document as soon as it exists, before the parser has made its root element, and a
    // predicate that throws there is reported as the page's own error.
    await wait(() => document.documentElement?.dataset.offlinePage === 'playground' && document.querySelector('lll-playground')?.dataset.state === 'ready');
    assert.equal(await page.evaluate(() => document.title), 'Loss Landscape Lab: playground');
    // Back returns to the tutorial, with the rescue's state from the fragment.
    // Not a wait: history.back() in a later task, so that this evaluate returns before the page
    // it runs in is left.
    await page.evaluate(() => setTimeout(() => history.back(), 0));
    await wait(() => document.documentElement?.dataset.offlinePage === 'index' && document.documentElement?.dataset.tutorial === 'ready');
    assert.match(await page.evaluate(() => location.hash), new RegExp(`rescue=[^&]*step%3D${last.step}`));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
}

// The embed page of the file at the served page's step: the same bits.
async function embedFromDisk() {
  const opened = await openFile(`${fileUrl}?widget=added-neuron#page=embed&scenario=rescue&step=4000`);
  try {
    const offline = await rescueAt4000(opened);
    const reference = await servedRescue();
    assert.deepEqual(offline.record, reference.record);
    assert.equal(offline.scenario, reference.scenario, 'the exact float64 parameters');
    assert.match(offline.scenario, /"kind": ?"params"/);
    assert.deepEqual(opened.problems, []);
  } finally {
    await opened.page.close();
  }
}

test(`${browser.label}, from file://: the tutorial typesets, a widget trains, the playground opens, no request leaves the file`, () => tutorialFromDisk());
test(`${browser.label}, from file://: the embed page computes the rescue to the same bits as the served page`, () => embedFromDisk());

test(`${browser.label}, from file://: a fragment naming no page of the file shows the tutorial and says so, naming the field`, async () => {
  const { page, problems, wait } = await openFile(`${fileUrl}#page=%3Cimg%20src%3Dx%3E`);
  try {
    await wait(() => document.documentElement?.dataset.offline === 'ready' && document.documentElement?.dataset.tutorial === 'ready');
    const alert = await page.evaluate(() => document.querySelector('[role="alert"]')?.textContent);
    assert.match(alert, /^page: "<img src=x>" is not a page of this file \(index, playground, embed[^)]*\); here is the tutorial\.$/);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'nothing inserted');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

// The exercises' page of the file (when the build has one): an exercise passes from disk.
const hasExercises = existsSync(offlineFile) && readFileSync(offlineFile, 'utf8').includes('<template data-page="exercises"');
{
  test(`${browser.label}, from file://: an exercise checks an answer and passes`, { skip: !hasExercises && 'no exercises page in this build' }, async () => {
    const { page, problems, wait } = await openFile(`${fileUrl}#page=exercises&exercise=newton-saddle`);
    try {
      await wait(() => document.body?.dataset.state === 'ready');
      const check = (value) => page.evaluate((v) => {
        v.forEach((text, i) => {
          const input = document.querySelector(`input[name="start.${i}"]`);
          input.value = text;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        });
        document.getElementById('exercises').dataset.state = 'checking';
        document.querySelector('[data-role="check"]').click();
      }, value).then(() => wait(() => ['passed', 'failed', 'error'].includes(document.getElementById('exercises').dataset.state)))
        .then(() => page.evaluate(() => document.getElementById('exercises').dataset.state));
      assert.equal(await check(['1', '0.5']), 'failed');
      assert.equal(await check(['0.3', '0.3']), 'passed');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}

// The teacher's class link in the file: a link names the teacher's own copy, so the builder
// gives the part after #, which a student appends to the address of their own copy (here: a
// copy of the file in another folder) and gets the exercise with the class code.
{
  test(`${browser.label}, from file://: a class link built in the file works in a student's own copy`, { skip: !hasExercises && 'no exercises page in this build' }, async () => {
    const { page, problems, wait } = await openFile(`${fileUrl}#page=teacher`);
    const { copyFile, mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    try {
      await wait(() => document.querySelector('[data-role="builder"]')?.dataset.state === 'ready');
      await page.selectOption('[name="exercise"]', 'slow-escape');
      await page.fill('[name="class"]', 'PHY-101');
      await wait(() => document.querySelector('[data-role="builder"]').dataset.state === 'ready' && document.querySelector('[data-role="built-link"]').value.includes('class=PHY-101'));
      assert.equal(await page.isVisible('[data-role="built-fragment"]'), true, 'the part after # is offered');
      const fragment = await page.inputValue('[data-role="built-fragment"]');
      assert.match(fragment, /^#page=exercises&exercise=slow-escape&class=PHY-101$/);
      const copy = path.join(await mkdtemp(path.join(tmpdir(), 'student-')), 'my-lab.html');
      await copyFile(offlineFile, copy);
      await page.goto(`${pathToFileURL(copy).href}${fragment}`);
      await wait(() => document.body?.dataset.state === 'ready');
      assert.match(await page.textContent('[data-role="instance"]'), /^Write your name below/, 'the class\'s exercise, in the student\'s copy');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}
