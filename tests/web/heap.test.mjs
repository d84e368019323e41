// Widgets removed from the page free their worker and everything in it. Each widget owns one
// worker (web/src/kit/core-client.js) that removal terminates, so the test counts what the
// browser itself runs: 1,000 widgets of every kind (the playground and the spectrum among them)
// added, started and removed leave as many live workers as before, and the page's JS heap
// where it was. And a long-lived widget's worker does not grow: 1,000 replaced runs of one
// playground leave its worker's core objects and wasm heap as they were. Figures printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useChromium } from './chromium.mjs';

const chromium = useChromium();
const KINDS = ['playground', 'spectrum-while-training', 'saddle-explorer', 'added-neuron', 'deep-linear-networks',
  'between-minima', 'sharp-flat', 'landscape-slice', 'skip-width', 'index-versus-loss'];
const ADDITIONS = 1000;

async function jsHeap(page) {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return usedSize;
}

test(`${ADDITIONS} widgets added, started and removed leave no worker behind`, async () => {
  const { page, problems } = await chromium.openPage(`${chromium.base}examples/blog-post.html`, { width: 1280, height: 900 });
  try {
    await page.waitForFunction(() => globalThis.lllKit);
    await page.waitForTimeout(500);
    const before = { workers: page.workers().length, kit: (await page.evaluate(() => lllKit.stats())).workers, heap: await jsHeap(page) };
    let peak = 0;
    for (let i = 0; i < ADDITIONS; i++) {
      const kind = KINDS[i % KINDS.length];
      // Inserted at the top of the page, in view: it starts (its worker is created and asked).
      await page.evaluate(async (name) => {
        await lllKit.loadWidget(name);
        const element = document.createElement(`lll-${name}`);
        element.id = 'churn';
        document.body.prepend(element);
        scrollTo(0, 0);
      }, kind);
      await page.waitForFunction(() => document.querySelector('#churn')?.client?.worker, null, { timeout: 30000 });
      peak = Math.max(peak, page.workers().length);
      await page.evaluate(() => document.querySelector('#churn').remove());
    }
    await page.waitForFunction((n) => lllKit.stats().then((s) => s.workers === n), before.kit, { timeout: 30000 });
    // The browser's own count: terminated workers are gone (they leave asynchronously).
    const deadline = Date.now() + 30000;
    while (page.workers().length > before.workers && Date.now() < deadline) await page.waitForTimeout(200);
    const after = { workers: page.workers().length, heap: await jsHeap(page) };
    console.log(`# ${ADDITIONS} widget additions and removals: live workers ${before.workers} -> ${after.workers} (at most ${peak} at once); ` +
      `page JS heap ${(before.heap / 1e6).toFixed(1)} MB -> ${(after.heap / 1e6).toFixed(1)} MB`);
    assert.equal(after.workers, before.workers, 'every removed widget terminated its worker');
    assert.ok(peak <= before.workers + 2, `workers piled up: ${peak}`);
    // Nothing of the removed widgets is kept alive by the page (listeners, observers, runs).
    assert.ok(after.heap < before.heap + 8e6, `page heap grew from ${before.heap} to ${after.heap} bytes`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test(`a long-lived playground's worker: ${ADDITIONS} replaced runs leave its objects and wasm heap as they were`, async () => {
  const { page, problems } = await chromium.openPage(`${chromium.base}playground.html`, { width: 1400, height: 1000 });
  try {
    const ready = (previous) => page.waitForFunction((handle) => {
      const p = document.querySelector('lll-playground');
      return p?.run && p.run.handle !== handle && p.dataset.state === 'ready';
    }, previous, { timeout: 30000 });
    await ready(null);
    const stats = () => page.evaluate(async () => (await lllKit.stats()).detail.find((w) => w.owner === 'playground'));
    // A first few runs settle what the worker allocates once (the module's own caches).
    for (let i = 0; i < 5; i++) {
      const handle = await page.evaluate(() => { const p = document.querySelector('lll-playground'); const h = p.run.handle; p.reset(); return h; });
      await ready(handle);
    }
    const first = await stats();
    for (let i = 0; i < ADDITIONS; i++) {
      // Each run replaced by a new one (the Reset button's path); every other one trains a step.
      const handle = await page.evaluate((step) => {
        const p = document.querySelector('lll-playground');
        const h = p.run.handle;
        if (step) p.stepOnce?.();
        p.reset();
        return h;
      }, i % 2 === 1);
      await ready(handle);
    }
    const last = await stats();
    console.log(`# playground worker after ${ADDITIONS} replaced runs: ${first.objects} -> ${last.objects} core object(s), ` +
      `wasm heap ${first.heapBytes} -> ${last.heapBytes} bytes`);
    assert.equal(last.objects, first.objects, 'each replaced run is deleted');
    assert.equal(last.heapBytes, first.heapBytes, 'the wasm heap did not grow');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
