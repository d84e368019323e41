// The colours that tell things apart stay apart for colour-blind readers. Each set (the saddle
// explorer's optimizers, the kinds of critical point, the signs of eigenvalues, the ends and
// middle of the diverging maps, the playground's two signs and its class colours) is seen
// through the simulations of protanopia, deuteranopia and tritanopia of Machado, Oliveira &
// Fernandes (2009, severity 1) and every pair must stay at least MIN_DISTANCE apart in CIELAB
// (CIE76; about 2.3 is a just-noticeable difference, 15 is plainly different in a small mark).
// Lines and dots drawn on white must reach WCAG's 3:1 for graphical objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CATEGORY_COLORS, CRITICAL_KIND_COLORS, DIVERGING_COLORS, LINE_COLORS, LOSS_COLORS, MARK_COLORS, OPTIMIZER_COLORS, SEQUENTIAL_MAP, SIGN_COLORS, VARIANT_COLORS,
} from '../../web/src/kit/palettes.js';
import { CLASS_COLORS, MIDDLE, NEGATIVE, POSITIVE } from '../../web/src/playground/colors.js';

const MIN_DISTANCE = 15;
const VISIONS = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

const rgbOf = (color) => (typeof color === 'string' ? [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) : color);
const linear = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

// CIELAB (D65) of a linear-light RGB triple.
function lab([r, g, b]) {
  [r, g, b] = [r, g, b].map((v) => Math.min(1, Math.max(0, v)));
  const x = 0.4124 * r + 0.3576 * g + 0.1805 * b, y = 0.2126 * r + 0.7152 * g + 0.0722 * b, z = 0.0193 * r + 0.1192 * g + 0.9505 * b;
  const f = (t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const [fx, fy, fz] = [f(x / 0.95047), f(y), f(z / 1.08883)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}
function seen(color, vision) {
  const c = rgbOf(color).map(linear), m = VISIONS[vision];
  return lab(m.map((row) => row[0] * c[0] + row[1] * c[1] + row[2] * c[2]));
}
const distance = (a, b) => Math.hypot(...a.map((v, i) => v - b[i]));
const luminance = (color) => { const [r, g, b] = rgbOf(color).map(linear); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const contrastOnWhite = (color) => 1.05 / (luminance(color) + 0.05);

// The closest pair of a set under each vision: [distance, a, b].
function closest(colors) {
  const entries = Object.entries(colors);
  return Object.fromEntries(Object.keys(VISIONS).map((vision) => {
    let best = [Infinity];
    for (let i = 0; i < entries.length; i++) for (let j = i + 1; j < entries.length; j++) {
      const d = distance(seen(entries[i][1], vision), seen(entries[j][1], vision));
      if (d < best[0]) best = [d, entries[i][0], entries[j][0]];
    }
    return [vision, best];
  }));
}

const SETS = {
  'saddle explorer optimizers': OPTIMIZER_COLORS,
  'kinds of critical point': CRITICAL_KIND_COLORS,
  'signs of eigenvalues': SIGN_COLORS,
  'diverging map (negative, zero, positive)': DIVERGING_COLORS,
  'training and test loss': LOSS_COLORS,
  'line charts (quantity, companion, reference)': { quantity: LINE_COLORS.quantity, companion: LINE_COLORS.companion, reference: LINE_COLORS.reference },
  'sharp-flat directions (raw, filter-normalised)': VARIANT_COLORS,
  'sequential map (low, middle, high)': { low: SEQUENTIAL_MAP(0), middle: SEQUENTIAL_MAP(0.5), high: SEQUENTIAL_MAP(1) },
  'marks over a heatmap (point, live run) and the map\'s ends': { point: MARK_COLORS.ink, live: MARK_COLORS.live, middle: SEQUENTIAL_MAP(0.5), high: SEQUENTIAL_MAP(1) },
  'playground signs (negative, middle, positive)': { negative: NEGATIVE, middle: MIDDLE, positive: POSITIVE },
  'playground classes (Okabe & Ito)': Object.fromEntries(CLASS_COLORS.map((c, k) => [`class ${k}`, c])),
};

// The playground's colours are the palette's: its signs and its feature and neuron thumbnails
// (one diverging map) are the diverging map's ends and middle, its classes the categorical set.
test('the playground takes its colours from kit/palettes.js: signs, thumbnails and classes', async () => {
  assert.deepEqual([NEGATIVE, MIDDLE, POSITIVE], [DIVERGING_COLORS.negative, DIVERGING_COLORS.zero, DIVERGING_COLORS.positive].map(rgbOf));
  assert.deepEqual(CLASS_COLORS.map((c) => rgbOf(c)), CATEGORY_COLORS.map(rgbOf));
  const { valueTable } = await import('../../web/src/playground/colors.js');
  const table = valueTable(0), entry = (i) => [...table.slice(4 * i, 4 * i + 3)];
  assert.deepEqual([entry(0), entry(511)], [rgbOf(DIVERGING_COLORS.negative), rgbOf(DIVERGING_COLORS.positive)]);
});

for (const [name, colors] of Object.entries(SETS)) {
  test(`${name}: every pair apart under protanopia, deuteranopia and tritanopia`, () => {
    const worst = closest(colors);
    console.log(`# ${name}: closest pairs ${Object.entries(worst).map(([v, [d, a, b]]) => `${v} ${d.toFixed(0)} (${a}/${b})`).join(', ')}`);
    for (const [vision, [d, a, b]] of Object.entries(worst)) assert.ok(d >= MIN_DISTANCE, `${vision}: ${a} and ${b} only ${d.toFixed(1)} apart`);
  });
}

test('lines and dots stand out on white (3:1): optimizers, kinds of critical point, signs of eigenvalues, losses, line charts', () => {
  const lines = { quantity: LINE_COLORS.quantity, companion: LINE_COLORS.companion, reference: LINE_COLORS.reference };
  for (const [name, colors] of Object.entries({ OPTIMIZER_COLORS, CRITICAL_KIND_COLORS, SIGN_COLORS, LOSS_COLORS, VARIANT_COLORS, lines })) {
    for (const [key, color] of Object.entries(colors)) {
      assert.ok(contrastOnWhite(color) >= 3, `${name}.${key} ${color}: ${contrastOnWhite(color).toFixed(2)}:1 on white`);
    }
  }
});

test('the simulation separates what it should not: the old violet and blue were 7 apart for deuteranopes', () => {
  // The check itself can fail: the pair replaced in index-versus-loss is caught.
  const [d] = closest({ minimum: '#1d4ed8', degenerate: '#7c3aed' }).deuteranopia;
  assert.ok(d < MIN_DISTANCE, `${d}`);
});

test('the sequential map is perceptually ordered for every reader: its lightness rises from end to end', () => {
  for (const vision of Object.keys(VISIONS)) {
    let last = -Infinity;
    for (let i = 0; i <= 32; i++) {
      const [L] = seen(SEQUENTIAL_MAP(i / 32), vision);
      assert.ok(L > last, `${vision}: lightness falls at t = ${i / 32} (${L.toFixed(1)} after ${last.toFixed(1)})`);
      last = L;
    }
  }
});

test('no widget writes a colour of its own: every colour literal of web/src is in kit/palettes.js', async () => {
  // '#rgb' / '#rrggbb' strings and rgb()/rgba() with numbers written out; a colour built from
  // a palette's values (`rgb(${r},${g},${b})`) is not a literal.
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src');
  const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.js') && f !== path.join('kit', 'palettes.js'));
  const found = [];
  for (const file of files) {
    const text = await readFile(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/['"`]#[0-9a-fA-F]{3,8}['"`]|rgba?\(\s*\d/g)) found.push(`${file}: ${match[0]}`);
  }
  assert.deepEqual(found, []);
});
