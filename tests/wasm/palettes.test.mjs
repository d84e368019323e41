// The colours that tell things apart stay apart for colour-blind readers. Each set (the saddle
// explorer's optimizers, the kinds of critical point, the signs of eigenvalues, the ends and
// middle of the diverging maps, the playground's two signs and its class colours) is seen
// through the simulations of protanopia, deuteranopia and tritanopia of Machado, Oliveira &
// Fernandes (2009, severity 1) and every pair must stay at least MIN_DISTANCE apart in CIELAB
// (CIE76; about 2.3 is a just-noticeable difference, 15 is plainly different in a small mark).
// Lines and dots drawn on white must reach WCAG's 3:1 for graphical objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CRITICAL_KIND_COLORS, OPTIMIZER_COLORS, SIGN_COLORS, SURFACE_COLORS } from '../../web/src/kit/palettes.js';
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
  'surface heatmap (low, middle, high)': { low: SURFACE_COLORS[0], middle: SURFACE_COLORS[1], high: SURFACE_COLORS[2] },
  'playground signs (negative, middle, positive)': { negative: NEGATIVE, middle: MIDDLE, positive: POSITIVE },
  'playground classes (Okabe & Ito)': Object.fromEntries(CLASS_COLORS.map((c, k) => [`class ${k}`, c])),
};

for (const [name, colors] of Object.entries(SETS)) {
  test(`${name}: every pair apart under protanopia, deuteranopia and tritanopia`, () => {
    const worst = closest(colors);
    console.log(`# ${name}: closest pairs ${Object.entries(worst).map(([v, [d, a, b]]) => `${v} ${d.toFixed(0)} (${a}/${b})`).join(', ')}`);
    for (const [vision, [d, a, b]] of Object.entries(worst)) assert.ok(d >= MIN_DISTANCE, `${vision}: ${a} and ${b} only ${d.toFixed(1)} apart`);
  });
}

test('lines and dots stand out on white (3:1): optimizers, kinds of critical point, signs of eigenvalues', () => {
  for (const [name, colors] of Object.entries({ OPTIMIZER_COLORS, CRITICAL_KIND_COLORS, SIGN_COLORS })) {
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
