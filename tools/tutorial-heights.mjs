// Why this file exists: the room web/tutorial.css keeps for each of the tutorial's figures. A
// figure's widget is defined when the reader nears it (widgets.js loads its code then), and
// draws the surface, the legend and the lists it computed a moment later; were its box sized by
// its content alone, it would grow twice under a reader who is already looking at it, and push
// the chapter below down (the saddle explorer of Figure 1 went from 0 to 641 to 846 px). So every
// figure keeps, from the first layout, the height its widget takes once it has computed (by its
// id, as a min-height, at the two layouts of the page: wide, and a phone's under 760 px), and
// neither step moves the text. This measures those heights in Chromium, each figure in the
// page as a reader sees it, once its published state is past loading, with the min-height
// taken off for the measurement. With --write it puts the rules into web/tutorial.css (between
// its HEIGHTS markers); without, it prints them. Run it again when a widget's layout or a
// figure's scenario changes (after `make web`); tests/web/tutorial-heights.test.mjs fails when a
// reserved height is off by more than TOLERANCE.
//   node tools/tutorial-heights.mjs [--write]
import { chromium } from 'playwright-core';
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer } from './serve.mjs';
import { CHROMIUM_SHELL } from './browsers.mjs';
import { TOLERANCE } from './embed-heights.mjs';

export { TOLERANCE };
// The two layouts: the page's own breakpoint is 760 px (tutorial.css); a phone is measured at 360.
export const LAYOUTS = [{ name: 'wide', width: 1280 }, { name: 'narrow', width: 360, media: '(max-width: 760px)' }];
const MARKERS = ['/* HEIGHTS (tools/tutorial-heights.mjs --write) */', '/* END HEIGHTS */'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// In an open tutorial page: every figure (a widget element with an id) in the order of the page,
// each scrolled to, waited for until it has computed, and measured. [{id, reserved, taken}]:
// the min-height the stylesheet gives it and the height its content takes. A figure computes
// only while it is on screen, so the figures are visited in turn.
export async function measureFigures(page, { timeout = 120000 } = {}) {
  await page.waitForSelector('html[data-tutorial="ready"]', { state: 'attached', timeout });
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].filter((e) => e.localName.startsWith('lll-')).map((e) => e.id));
  const figures = [];
  for (const id of ids) {
    await page.evaluate((i) => document.getElementById(i).scrollIntoView({ block: 'center' }), id);
    await page.waitForFunction((i) => {
      const widget = document.getElementById(i);
      // Computed: past loading and past the states of a computation under way (a slice's
      // training and rows, a curve's training), whose view is shorter than the finished one (the
      // slice's progress line grows to two lines when it is done): measured mid-way, the figure
      // would reserve less than it takes, and the measure would depend on the machine's speed.
      return widget.shadowRoot && !['loading', 'waiting', 'training', 'filling', 'training-curve', undefined].includes(widget.dataset.state);
    }, id, { timeout });
    // Two frames: the first lays the widget out and runs its ResizeObserver callbacks (the
    // charts redraw to their width), the second shows the result.
    figures.push(await page.evaluate((i) => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
      const widget = document.getElementById(i);
      const reserved = parseFloat(getComputedStyle(widget).minHeight) || 0;
      // Its content's height: the reserved room taken away for a moment (through the CSSOM,
      // which the page's CSP allows), then given back before the next frame is drawn.
      widget.style.minHeight = '0px';
      const taken = widget.getBoundingClientRect().height;
      widget.style.removeProperty('min-height');
      resolve({ id: i, reserved, taken });
    }))), id));
  }
  return figures;
}

// The rules between the markers: one per figure and layout.
export function rulesText(heights) {
  const [wide, narrow] = LAYOUTS;
  const rules = (layout, indent) => heights[layout.name].map(({ id, taken }) => `${indent}#${id} { min-height: ${Math.ceil(taken)}px; }`).join('\n');
  return `${MARKERS[0]}\n${rules(wide, '')}\n@media ${narrow.media} {\n${rules(narrow, '  ')}\n}\n${MARKERS[1]}`;
}

async function main() {
  const { values: options } = parseArgs({ options: { write: { type: 'boolean' } } });
  const server = await startServer(path.join(root, 'build/web'), 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM_SHELL, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const heights = {};
    for (const layout of LAYOUTS) {
      const page = await browser.newPage({ viewport: { width: layout.width, height: 900 } });
      await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
      heights[layout.name] = await measureFigures(page);
      await page.close();
      for (const { id, reserved, taken } of heights[layout.name]) console.log(`${layout.name} ${id}: takes ${taken.toFixed(1)} px, reserved ${reserved} px`);
    }
    const text = rulesText(heights);
    if (!options.write) {
      console.log(text);
      return;
    }
    const file = path.join(root, 'web/tutorial.css');
    const css = await readFile(file, 'utf8');
    const start = css.indexOf(MARKERS[0]);
    const end = css.indexOf(MARKERS[1]);
    if (start < 0 || end < start) throw new Error(`web/tutorial.css: no ${MARKERS[0]} ... ${MARKERS[1]} block`);
    await writeFile(file, css.slice(0, start) + text + css.slice(end + MARKERS[1].length));
    console.log('web/tutorial.css: written');
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
