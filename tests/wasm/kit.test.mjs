// The widgets' shared number formatting and heatmap painting (web/src/kit/), and the
// playground's class colours, in node: painting goes to a canvas stand-in that records the
// ImageData it is given (the painting itself is plain array work).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber } from '../../web/src/kit/format.js';
import { messageOf } from '../../web/src/kit/messages.js';
import { OKABE_ITO, colorTable, divergingTable, lighten, paintEntries, paintValues } from '../../web/src/kit/heatmap.js';
import { CLASS_COLORS, CONFIDENCE_LEVELS, classTable, labelColor, valueTable } from '../../web/src/playground/colors.js';

function canvasStandIn() {
  const canvas = { width: 0, height: 0, created: 0, images: [] };
  const context = {
    createImageData: (width, height) => { canvas.created++; return { width, height, data: new Uint8ClampedArray(width * height * 4) }; },
    putImageData: (image) => canvas.images.push(image),
  };
  canvas.getContext = () => context;
  return canvas;
}
const pixel = (image, p) => Array.from(image.data.slice(p * 4, p * 4 + 4));
const entry = (table, i) => Array.from(table.slice(i * 4, i * 4 + 4));

test('formatNumber: a dash for nothing, exponents outside [1e-3, 1e5), else `digits` significant digits', () => {
  for (const [value, digits, text] of [[null, 3, '–'], [undefined, 3, '–'], [NaN, 3, '–'], [Infinity, 3, 'Infinity'], [-Infinity, 3, '-Infinity'],
    [0, 3, '0'], [0.5, 3, '0.5'], [Math.PI, 3, '3.14'], [Math.PI, 5, '3.1416'], [-0.002, 3, '-0.002'], [0.000123456, 3, '1.23e-4'],
    [123456, 3, '1.23e+5'], [1e5, 3, '1.00e+5'], [99.95, 3, '100'], [12.5, 4, '12.5'], [-4.56e-7, 2, '-4.6e-7']]) {
    assert.equal(formatNumber(value, digits), text, `${value}, ${digits}`);
  }
  assert.equal(formatNumber(0.1234), '0.123', 'three digits by default');
});

test('colour tables: diverging ends and middle; lighten towards white', () => {
  const table = divergingTable([245, 147, 34], [232, 234, 235], [8, 119, 189], 512);
  assert.equal(table.length, 512 * 4);
  assert.deepEqual(entry(table, 0), [245, 147, 34, 255]);
  assert.deepEqual(entry(table, 511), [8, 119, 189, 255]);
  assert.deepEqual(entry(table, 255).slice(0, 3).map((c, i) => Math.abs(c - [232, 234, 235][i]) <= 1), [true, true, true]);
  assert.deepEqual(lighten([0, 100, 255], 0.5), [128, 178, 255]);
  assert.deepEqual(entry(colorTable(2, (i) => [i, 2 * i, 3 * i, 7]), 1), [1, 2, 3, 7]);
});

test('paintValues: [lo, hi] over the table, clamped, non-finite in the middle, discretize at the midpoint; one ImageData reused', () => {
  const table = valueTable(0), last = 511;
  const canvas = canvasStandIn();
  paintValues(canvas, [-1, 0.999, 5, NaN], { width: 2, table });
  assert.equal(canvas.width, 2);
  assert.equal(canvas.height, 2);
  const [image] = canvas.images;
  assert.deepEqual(pixel(image, 0), entry(table, 0));
  assert.deepEqual(pixel(image, 1), entry(table, Math.round((1.999 / 2) * last)));
  assert.deepEqual(pixel(image, 2), entry(table, last), 'clamped');
  assert.deepEqual(pixel(image, 3), entry(table, Math.round(last / 2)), 'NaN: the middle');
  paintValues(canvas, [-0.1, 0, 0.2, -5, 9, 9, 9, 9], { width: 2, stride: 2, offset: 0, table, discretize: true });
  assert.deepEqual([0, 1, 2, 3].map((p) => pixel(canvas.images[1], p)), [entry(table, 0), entry(table, last), entry(table, last), entry(table, last)]);
  assert.equal(canvas.created, 1, 'the ImageData is made once per canvas size');
  assert.equal(canvas.images[0], canvas.images[1]);
  paintValues(canvas, new Float64Array(9), { width: 3, table });
  assert.equal(canvas.created, 2);
});

test('paintEntries and the class table: the winning class at its confidence', () => {
  assert.ok(CLASS_COLORS.length >= 5, "a colour for each of up to five classes");
  assert.deepEqual(CLASS_COLORS.slice(0, 5), OKABE_ITO.slice(0, 5));
  assert.deepEqual(CLASS_COLORS.slice(0, 3), [[230, 159, 0], [0, 114, 178], [0, 158, 115]], 'orange, blue, bluish green');
  const table = classTable(3);
  assert.equal(table.length, 3 * CONFIDENCE_LEVELS * 4);
  // Level 0 (probability 1/k) is nearly white; the top level the class colour, a little pale.
  assert.deepEqual(entry(table, 2 * CONFIDENCE_LEVELS + CONFIDENCE_LEVELS - 1).slice(0, 3), lighten(CLASS_COLORS[2], 0.4));
  assert.ok(entry(table, CONFIDENCE_LEVELS).slice(0, 3).every((c) => c > 230));
  const canvas = canvasStandIn();
  paintEntries(canvas, 3, 1, table, (p) => p * CONFIDENCE_LEVELS + CONFIDENCE_LEVELS - 1);
  assert.deepEqual([0, 1, 2].map((p) => pixel(canvas.images[0], p).slice(0, 3)), CLASS_COLORS.slice(0, 3).map((c) => lighten(c, 0.4)));
  assert.deepEqual(labelColor(-1, 2), [245, 147, 34]);
  assert.deepEqual(labelColor(1, 2), [8, 119, 189]);
  assert.deepEqual(labelColor(3, 4), CLASS_COLORS[3]);
});

test('messageOf: a coded refusal in the words of the catalog it is given, anything else in its own', () => {
  const refusal = Object.assign(new Error('lr: must be > 0 and <= 10 (got 11)'), { field: 'lr', code: 'out_of_open_range', args: ['0', '10', '11'] });
  const english = { messages: { out_of_open_range: 'must be > {0} and <= {1} (got {2})' } };
  const french = { messages: { out_of_open_range: 'doit être > {0} et <= {1} (reçu {2})' } };
  assert.equal(messageOf(refusal, english), refusal.message, 'the English catalog says the core\'s message');
  assert.equal(messageOf(refusal, french), 'lr: doit être > 0 et <= 10 (reçu 11)', 'a translated catalog translates it');
  assert.equal(messageOf(refusal, null), refusal.message, 'no catalog yet: the message');
  // Not yet coded, a code the catalog lacks, a plain string, a status object, nothing.
  assert.equal(messageOf(Object.assign(new Error('data: words'), { field: '', code: '', args: [] }), french), 'data: words');
  assert.equal(messageOf(Object.assign(new Error('x: new words'), { field: 'x', code: 'a_new_code', args: [] }), french), 'x: new words');
  assert.equal(messageOf('already words', french), 'already words');
  assert.equal(messageOf({ state: 'diverged', message: 'training diverged' }, french), 'training diverged');
  assert.equal(messageOf(null, french), '');
});
