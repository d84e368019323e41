// Why this file exists: the heights web/embed.js reserves for each widget's iframe before it
// loads. An iframe below the fold is loaded when the reader nears it; were it given one height
// for every widget (it was 480 px), it would grow by up to 1,300 px under the reader when its
// widget reports its own, and push the post's text down (layout shift). This measures, for every
// widget of the registry (web/src/widgets.js WIDGETS), its embed page once computed (data-state
// past loading) at the widths embed.js interpolates between, in Debian's Chromium: with its
// default scenario, and with each choice of the menus an embed's div may set (data-scenario for
// the scenario menu, data-surface, data-optimizer: the same names the embed page passes on). A
// choice gets a row of its own only where it changes the height by more than TOLERANCE; embed.js
// reserves a div's row (`NAME ATTRIBUTE=VALUE`), else its widget's. With --write it puts the
// table into web/embed.js (between its HEIGHTS markers); without, it prints it. Run it again
// when a widget's layout changes (after `make web`); tests/web/embed-heights.test.mjs fails when
// a reserved height is off by more than TOLERANCE.
//   node tools/embed-heights.mjs [--widgets a,b] [--write]
import { chromium } from 'playwright-core';
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer } from './serve.mjs';
import { CHROMIUM } from './browsers.mjs';
import { WIDGETS } from '../web/src/widgets.js';

// The iframe widths measured (embed.js's WIDTHS): the widgets' stylesheet changes their layout
// at 760 px (the saddle explorer's two columns) and 1100 px (the playground's).
export const WIDTHS = [360, 760, 761, 1100];
// How far a reserved height may be from the widget's: under one line of the widgets' text (13 to
// 14 px type, 18 to 21 px a line), so a line more or less (a formula line, a wrapped label)
// is caught, while the sub-pixel rounding of the heights and the interpolation between two
// widths are not. A shift of 16 px under a 640 px phone screen scores at most 0.025 of CLS's
// 0.1 budget, for a reader whose screen the whole iframe's lower edge crosses.
export const TOLERANCE = 16;
// The menus an embed may set, each with the parameter the embed page passes to the widget.
export const MENU_PARAMETERS = { chooser: 'scenario', surface: 'surface', optimizer: 'optimizer' };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The height of embed.html?QUERY once its widget has drawn what it computed, at `width`.
export async function measure(browser, base, name, query, width) {
  const page = await browser.newPage({ viewport: { width, height: 2000 } });
  try {
    await page.goto(`${base}embed.html?widget=${name}${query ? `&${query}` : ''}`);
    const computed = await page.waitForFunction((n) => ['ready', 'done'].includes(document.querySelector(`lll-${n}`)?.dataset.state), name, { timeout: 120000 })
      .then(() => true, () => false);
    if (!computed) throw new Error(`${name} ${query} at ${width} px: not computed within 2 minutes`);
    // Let the last draws land (a tool of figures, not a test: it may wait).
    await page.waitForTimeout(500);
    return await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  } finally {
    await page.close();
  }
}

// The choices of the widget's menus an embed may set: [`PARAMETER=VALUE`].
async function menuChoices(browser, base, name) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 2000 } });
  try {
    await page.goto(`${base}embed.html?widget=${name}`);
    await page.waitForFunction((n) => ['ready', 'done'].includes(document.querySelector(`lll-${n}`)?.dataset.state), name, { timeout: 120000 });
    return await page.evaluate(([n, menus]) => {
      const element = document.querySelector(`lll-${n}`);
      const scope = element.shadowRoot ?? element;
      return Object.entries(menus).flatMap(([control, parameter]) => {
        const select = scope.querySelector(`[data-control="${control}"] select`);
        return select ? [...select.options].filter((option) => !option.selected).map((option) => `${parameter}=${encodeURIComponent(option.value)}`) : [];
      });
    }, [name, MENU_PARAMETERS]);
  } finally {
    await page.close();
  }
}

// The table's text as embed.js holds it.
export function tableText(table) {
  return `  var WIDTHS = [${WIDTHS.join(', ')}];\n  var HEIGHTS = {\n${Object.entries(table).map(([key, heights]) => `    '${key}': [${heights.join(', ')}]`).join(',\n')}\n  };`;
}

async function main() {
  const { values: options } = parseArgs({ options: { widgets: { type: 'string' }, write: { type: 'boolean' } } });
  const widgets = options.widgets?.split(',') ?? Object.keys(WIDGETS);
  const server = await startServer(path.join(root, 'build/web'), 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const launch = () => chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  const table = {};
  let browser = null;
  try {
    for (const name of widgets) {
      // A browser per widget: one that a loaded machine lost does not take the others with it.
      await browser?.close();
      browser = await launch();
      const heights = async (query) => {
        const row = [];
        for (const width of WIDTHS) row.push(await measure(browser, base, name, query, width));
        console.error(`${name}${query ? ` ${query}` : ''}: ${row.join(', ')}`);
        return row;
      };
      table[name] = await heights('');
      for (const choice of await menuChoices(browser, base, name)) {
        const row = await heights(choice);
        if (row.some((height, i) => Math.abs(height - table[name][i]) > TOLERANCE)) table[`${name} ${decodeURIComponent(choice)}`] = row;
      }
    }
  } finally {
    await browser?.close();
    server.close();
  }
  const text = tableText(table);
  if (!options.write) {
    console.log(text);
    return;
  }
  // Only the measured widgets' rows change; the others stay as they were.
  const file = path.join(root, 'web/embed.js');
  const source = await readFile(file, 'utf8');
  const match = source.match(/ {2}var WIDTHS = \[[^\]]*\];\n {2}var HEIGHTS = \{\n[\s\S]*?\n {2}\};/);
  if (!match) throw new Error('web/embed.js: no WIDTHS and HEIGHTS table to replace');
  const kept = Object.fromEntries([...match[0].matchAll(/^ {4}'([^']+)': \[([^\]]*)\]/gm)]
    .filter(([, key]) => !widgets.includes(key.split(' ')[0]))
    .map(([, key, heights]) => [key, heights.split(',').map(Number)]));
  const merged = {};
  for (const name of Object.keys(WIDGETS)) {
    for (const [key, heights] of [...Object.entries(kept), ...Object.entries(table)]) if (key.split(' ')[0] === name) merged[key] = heights;
  }
  await writeFile(file, source.replace(match[0], tableText(merged)));
  console.error(`wrote the table of ${Object.keys(merged).length} rows into web/embed.js`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
