// Each widget's iframe keeps, until its widget has drawn what it computed, the height embed.js
// reserves for it (web/embed.js HEIGHTS, measured by tools/embed-heights.mjs): a widget whose
// layout changed (a line added under a menu, a panel grown) without the table being measured
// again would grow or shrink under the reader who scrolled to it. For every row of the table
// (every widget of the registry, and each menu choice that has a row of its own), at the
// narrowest and the widest width measured, a div on a page becomes its iframe through
// embed.js: the height it reserves must be within TOLERANCE of the height the widget then takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { inFirefox, root, useBrowser } from './browser.mjs';
import { TOLERANCE, WIDTHS } from '../../tools/embed-heights.mjs';
import { WIDGETS } from '../../web/src/widgets.js';

const browser = useBrowser();

// The table is measured in Chromium: there a reserved height is off by at most TOLERANCE (under
// one line of text). Firefox draws the same layout with its own font metrics and form controls
// (its heights at 360 px were 37 px under Chromium's for the playground, 2,680 px tall, and 32 px
// for the landscape slice, 885 px): there 2 % of the height is allowed on top. A line added to a
// widget still fails in Chromium, where the table is measured.
const allowed = (height) => TOLERANCE + (inFirefox ? 0.02 * height : 0);

// The table's rows as embed.js holds them: 'NAME' or 'NAME PARAMETER=VALUE'.
const source = await readFile(path.join(root, 'web/embed.js'), 'utf8');
const rows = [...source.matchAll(/^ {4}'([^']+)': \[([^\]]*)\]/gm)].map(([, key]) => key);

test('the heights table has a row for every widget of the registry, and only for them', () => {
  assert.deepEqual([...new Set(rows.map((key) => key.split(' ')[0]))].sort(), Object.keys(WIDGETS).sort());
  assert.match(source, new RegExp(`var WIDTHS = \\[${WIDTHS.join(', ')}\\];`), 'the widths the tool measures');
});

for (const key of rows) {
  const [name, choice] = key.split(' ');
  for (const width of [WIDTHS[0], WIDTHS.at(-1)]) {
    test(`${key} at ${width} px: the iframe reserves the height its widget takes (within ${TOLERANCE} px${inFirefox ? ' and 2 %' : ''})`, async () => {
      // A page of the lab's (embed.html, with no widget named: its CSP allows the lab's own
      // frames and scripts) holding the div and embed.js, as a post would.
      const { page } = await browser.openPage(`${browser.base}embed.html?widget=`, { width: width + 40, height: 900 });
      try {
        await page.evaluate(([widget, setting, frameWidth]) => {
          const div = document.createElement('div');
          div.dataset.lllWidget = widget;
          if (setting) {
            const [parameter, value] = setting.split('=');
            div.dataset[parameter] = value;
          }
          div.style.width = `${frameWidth}px`;
          document.body.replaceChildren(div);
          const script = document.createElement('script');
          script.src = 'embed.js';
          document.body.append(script);
        }, [name, choice ?? '', width]);
        await page.waitForFunction(() => document.querySelector('[data-lll-widget] iframe'));
        const reserved = await page.evaluate(() => document.querySelector('[data-lll-widget] iframe').getBoundingClientRect().height);
        // Settled: the widget has computed (ready, or done), its page has said so, and the
        // iframe has the height of the widget's page.
        await page.waitForFunction((widget) => {
          const frame = document.querySelector('[data-lll-widget] iframe');
          const inner = frame.contentDocument;
          return frame.lllSettled && ['ready', 'done'].includes(inner?.querySelector(`lll-${widget}`)?.dataset.state)
            && Math.abs(frame.getBoundingClientRect().height - Math.ceil(inner.documentElement.getBoundingClientRect().height)) <= 1;
        }, name, { timeout: 120000 });
        const taken = await page.evaluate(() => document.querySelector('[data-lll-widget] iframe').getBoundingClientRect().height);
        assert.ok(Math.abs(taken - reserved) <= allowed(taken),
          `reserved ${reserved} px, the widget took ${taken} px: measure again (node tools/embed-heights.mjs --widgets ${name} --write)`);
      } finally {
        await page.close();
      }
    });
  }
}
