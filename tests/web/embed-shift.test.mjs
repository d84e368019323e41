// The sample blog post does not jump while a reader scrolls through it: the iframe that
// embed.js makes keeps, until its widget has drawn what it computed, the height that widget
// takes (web/embed.js HEIGHTS, measured by tools/embed-heights.mjs), instead of 480 px and then
// a growth of a thousand pixels under the reader. Chromium measures the post's layout shifts
// (the layout-shift entries a PerformanceObserver receives, the figure behind Core Web Vitals'
// CLS), which must stay under 0.1; in both browsers the height reserved is within 15 % of the
// height the widget takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inFirefox, useBrowser } from './browser.mjs';

const browser = useBrowser();

// States of a widget that has not yet drawn what it computed (or none yet).
const UNSETTLED = ['loading', 'waiting'];

for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 640 }]) {
  test(`sample blog post at ${viewport.width} px: the iframe's reserved height; layout shift under 0.1 while scrolling`, async () => {
    const { page, problems } = await browser.openPage(`${browser.base}examples/blog-post.html`, viewport);
    try {
      if (!inFirefox) {
        await page.evaluate(() => {
          window.lllShifts = [];
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.lllShifts.push(entry.value);
          }).observe({ type: 'layout-shift', buffered: true });
        });
      }
      await page.waitForFunction(() => document.querySelector('[data-lll-widget] iframe'));
      const reserved = await page.evaluate(() => document.querySelector('[data-lll-widget] iframe').getBoundingClientRect().height);
      // Down the post a screen at a time, each time until every widget in view has drawn what
      // it computed (the iframe's once its page has said so).
      const bottom = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y < bottom + viewport.height; y += Math.round(viewport.height * 0.8)) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await page.waitForFunction((states) => {
          const unsettled = (state) => state === undefined || states.includes(state);
          const inView = (element) => {
            const box = element.getBoundingClientRect();
            return box.bottom > 0 && box.top < innerHeight;
          };
          const frame = document.querySelector('[data-lll-widget] iframe');
          const inner = frame.contentDocument?.querySelector('[data-state]');
          if (inView(frame) && (!inner || unsettled(inner.dataset.state)
            || Math.abs(frame.getBoundingClientRect().height - Math.ceil(frame.contentDocument.documentElement.getBoundingClientRect().height)) > 1)) return false;
          return [...document.querySelectorAll('lll-added-neuron, lll-spectrum-while-training')]
            .every((element) => !inView(element) || !unsettled(element.dataset.state));
        }, UNSETTLED, { timeout: 60000 });
      }
      const final = await page.evaluate(() => document.querySelector('[data-lll-widget] iframe').getBoundingClientRect().height);
      assert.ok(Math.abs(final - reserved) <= 0.15 * final, `reserved ${reserved} px, the widget took ${final} px`);
      if (!inFirefox) {
        const shifts = await page.evaluate(() => window.lllShifts);
        const total = shifts.reduce((sum, value) => sum + value, 0);
        assert.ok(total < 0.1, `layout shift ${total.toFixed(4)} (${shifts.map((v) => v.toFixed(4)).join(', ')})`);
        console.log(`# ${viewport.width} px: layout shift ${total.toFixed(4)} in ${shifts.length} shifts; iframe reserved ${reserved} px, took ${final} px`);
      }
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}
