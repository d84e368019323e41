// Why this file exists: the playground's colours in one place, because the diagram, the output
// plot and the class buttons must agree: TensorFlow Playground's orange - grey - blue for signs
// and values (weights, neuron outputs, two classes as -1/+1), and for three or more classes a
// colour per class from Okabe & Ito's colour-blind-safe categorical palette.
import { OKABE_ITO, colorTable, divergingTable, lighten, mix } from '../kit/heatmap.js';
import { DIVERGING_COLORS } from '../kit/palettes.js';

// The kit's diverging map (kit/palettes.js), as [r, g, b].
const rgbOf = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
export const NEGATIVE = rgbOf(DIVERGING_COLORS.negative), POSITIVE = rgbOf(DIVERGING_COLORS.positive), MIDDLE = rgbOf(DIVERGING_COLORS.zero);

// Value in [-1, 1] -> orange (-1), grey (0), blue (+1).
export function signColor(v) {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  return t < 0 ? mix(MIDDLE, NEGATIVE, -t) : mix(MIDDLE, POSITIVE, t);
}
export const rgb = ([r, g, b]) => `rgb(${r},${g},${b})`;

// Tables for values in [-1, 1] (512 steps), plain (thumbnails) and paler (the output plot,
// so the data points on it stay visible).
const valueTables = new Map();
export function valueTable(light = 0) {
  if (!valueTables.has(light)) valueTables.set(light, divergingTable(NEGATIVE, MIDDLE, POSITIVE, 512, light));
  return valueTables.get(light);
}

// Three or more classes: orange, blue, bluish green, reddish purple, vermillion, ... (Okabe-Ito;
// the core's catalog says how many classes a data set takes, at most this many colours).
export const CLASS_COLORS = OKABE_ITO;

// A class label's colour: two classes -1/+1 orange/blue, k > 2 classes 0..k-1 from CLASS_COLORS.
export const labelColor = (label, classes) => (classes > 2 ? CLASS_COLORS[label] : label > 0 ? POSITIVE : NEGATIVE);

// The output plot's table for k classes: entry c * CONFIDENCE_LEVELS + l is class c at
// confidence level l, from nearly white (the winner barely ahead, probability 1/k) to the class
// colour kept a little pale (probability 1), so the data points on it stay visible.
export const CONFIDENCE_LEVELS = 64;
const classTables = new Map();
export function classTable(k) {
  if (!classTables.has(k)) {
    classTables.set(k, colorTable(k * CONFIDENCE_LEVELS, (i) => {
      const c = Math.floor(i / CONFIDENCE_LEVELS), level = (i % CONFIDENCE_LEVELS) / (CONFIDENCE_LEVELS - 1);
      return lighten(CLASS_COLORS[c], 0.93 - 0.53 * level);
    }));
  }
  return classTables.get(k);
}
