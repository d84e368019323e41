// Why this file exists: the heights web/embed.js reserves for each widget's iframe before it
// loads. An iframe below the fold is loaded when the reader nears it; were it given one height
// for every widget (it was 480 px), it would grow by up to 1,300 px under the reader when its
// widget reports its own, and push the post's text down (layout shift). This measures each
// widget's embed page, computed (data-state ready or done), at three widths in Debian's
// Chromium and prints the table to paste into embed.js (HEIGHTS), which interpolates between
// the widths. Run it again when a widget's layout changes (after `make web`):
//   node tools/embed-heights.mjs [--widgets a,b]
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer } from './serve.mjs';

// The iframe widths measured (embed.js's WIDTHS): the widgets' stylesheet changes their layout
// at 760 px (the saddle explorer's two columns) and 1100 px (the playground's).
const WIDTHS = [360, 760, 761, 1100];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { widgets: { type: 'string' } } });
const widgets = options.widgets?.split(',') ?? ['saddle-explorer', 'curvature-primer', 'added-neuron', 'spectrum-while-training', 'deep-linear-networks',
  'index-versus-loss', 'playground', 'landscape-slice', 'between-minima', 'sharp-flat', 'skip-width', 'interpolation'];

const server = await startServer(path.join(root, 'build/web'), 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const launch = () => chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const table = {};
let browser = null;
try {
  for (const name of widgets) {
    table[name] = [];
    // A browser per widget: one that a loaded machine lost does not take the others with it.
    await browser?.close();
    browser = await launch();
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 2000 } });
      await page.goto(`${base}embed.html?widget=${name}`);
      const computed = await page.waitForFunction((n) => ['ready', 'done'].includes(document.querySelector(`lll-${n}`)?.dataset.state), name, { timeout: 120000 })
        .then(() => true, () => false);
      // Let the last draws land (a tool of figures, not a test: it may wait).
      await page.waitForTimeout(500);
      const height = await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      table[name].push(height);
      console.error(`${name} at ${width} px: ${height} px${computed ? '' : ' (not computed within 2 minutes)'}`);
      await page.close();
    }
  }
} finally {
  await browser?.close();
  server.close();
}
console.log(`  var WIDTHS = [${WIDTHS.join(', ')}];\n  var HEIGHTS = {\n${Object.entries(table).map(([name, heights]) => `    '${name}': [${heights.join(', ')}]`).join(',\n')}\n  };`);
