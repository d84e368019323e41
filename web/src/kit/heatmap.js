// Why this file exists: heatmaps of values over a grid (the playground's output and neuron
// thumbnails, the saddle explorer's surfaces) are repainted many times a second. Painting maps
// each grid value to an entry of a colour table computed once and writes it into an ImageData
// kept per canvas: no allocation and no colour interpolation per pixel.
import { CATEGORY_COLORS } from './palettes.js';

// A colour table: `entries` RGBA entries, entry i coloured colorAt(i) = [r, g, b] (0-255).
export function colorTable(entries, colorAt) {
  const table = new Uint8ClampedArray(entries * 4);
  for (let i = 0; i < entries; i++) {
    const [r, g, b, a = 255] = colorAt(i);
    table.set([r, g, b, a], i * 4);
  }
  return table;
}

// rgb mixed towards white by `amount` in [0, 1] (0: rgb itself, 1: white).
export const lighten = (rgb, amount) => rgb.map((c) => Math.round(c + (255 - c) * amount));

// From `a` to `b` by t in [0, 1].
export const mix = (a, b, t) => a.map((c, i) => Math.round(c + (b[i] - c) * t));

// A diverging table: entry 0 `low`, the middle entry `middle`, the last `high` (TensorFlow
// Playground's orange - grey - blue is diverging([245, 147, 34], [232, 234, 235], [8, 119, 189])).
export function divergingTable(low, middle, high, entries = 512, light = 0) {
  return colorTable(entries, (i) => {
    const t = (2 * i) / (entries - 1) - 1;
    return lighten(t < 0 ? mix(middle, low, -t) : mix(middle, high, t), light);
  });
}

// Okabe & Ito's categorical palette (kit/palettes.js CATEGORY_COLORS) as [r, g, b] triples.
export const OKABE_ITO = Object.freeze(CATEGORY_COLORS.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))));

const images = new WeakMap(); // canvas -> its ImageData, reused while the size stays

// Paints a width x height grid into the canvas (resized only when the size changes): pixel p
// (row-major, top row first) gets the table's entry entryOf(p), an integer.
export function paintEntries(canvas, width, height, table, entryOf) {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d');
  let image = images.get(canvas);
  if (!image || image.width !== width || image.height !== height) {
    image = context.createImageData(width, height);
    images.set(canvas, image);
  }
  const data = image.data;
  for (let p = 0, n = width * height; p < n; p++) {
    const i = entryOf(p) * 4, o = p * 4;
    data[o] = table[i];
    data[o + 1] = table[i + 1];
    data[o + 2] = table[i + 2];
    data[o + 3] = table[i + 3];
  }
  context.putImageData(image, 0, 0);
}

// Paints values[offset + p * stride] for the width x height pixels p: [lo, hi] spread over the
// table's entries (clamped; a non-finite value gets the middle entry). discretize: values snap
// to the table's ends at the midpoint of [lo, hi] (a decision boundary without shades).
export function paintValues(canvas, values, { width, height = width, offset = 0, stride = 1, lo = -1, hi = 1, table, discretize = false }) {
  const last = table.length / 4 - 1, middle = (lo + hi) / 2;
  paintEntries(canvas, width, height, table, (p) => {
    const v = values[offset + p * stride];
    if (!Number.isFinite(v)) return Math.round(last / 2);
    if (discretize) return v >= middle ? last : 0;
    const t = (v - lo) / (hi - lo);
    return Math.round((t < 0 ? 0 : t > 1 ? 1 : t) * last);
  });
}
