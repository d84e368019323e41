// Why this file exists: a 2-D plot read on its own needs its axes (tick values and the
// quantity named) and, when it is colour-coded, a colour bar in the plot's units. The frame
// puts them around a square plot box (a heatmap's canvas and overlay, the playground's output
// plot) and draws them in CSS pixels, again whenever the box changes size, so tick labels keep
// one size at every width and are thinned until none collides with its neighbour.
import { scaleLinear } from 'd3-scale';
import { formatNumber } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const TICK = 4; // a tick's length, px
const GAP = 6; // the least room between two tick labels, px
const NAME = 16; // the band that holds an axis's name, px
// The room the frame keeps from the start for the y axis, the x axis and the colour bar (with
// tick labels up to 24 px wide, "-1.5", "0.25", "10⁻³"), so that the plot box does not shrink,
// and the page below it move, when they are drawn; a wider label widens them.
const LABEL = 24;
const Y_AXIS_WIDTH = NAME + LABEL + TICK + 5;
const X_AXIS_HEIGHT = TICK + 11 + NAME + 4;
const BAR = 12; // the colour bar's width
const BAR_WIDTH = 2 + BAR + TICK + 3 + LABEL + 6 + NAME;

// A tick label's width in px, measured on a canvas in the labels' font (widgets.css: 11 px in
// the page's family): reading an SVG text's box (getBBox) would force a layout of the page on
// every draw, and a slice filling row by row draws for every row. A little generous, so that
// labels the measure keeps apart stay apart in either browser's rendering.
let measure = null;
const LABEL_PX = 11;
function labelWidth(text, family) {
  measure ??= document.createElement('canvas').getContext('2d');
  const font = `${LABEL_PX}px ${family}`;
  if (measure.font !== font) measure.font = font;
  return measure.measureText(text).width * 1.04 + 1;
}
const LABEL_HEIGHT = Math.ceil(LABEL_PX * 1.2);

function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

// Ticks of a linear axis over [a, b], about one per `spacing` px of `length`.
// At least two: a narrow plot (a 188 px box over [-1.5, 1.5] asks for two, which d3 rounds to
// the single tick 0) still shows where it is.
export function linearTicks(a, b, length, spacing) {
  const scale = scaleLinear().domain([a, b]);
  let ticks = [];
  for (let count = Math.max(2, Math.floor(length / spacing)); ticks.length < 2 && count <= 10; count++) ticks = scale.ticks(count);
  return ticks;
}

// Values at powers of ten inside [lo, hi] (lo > 0); when that gives fewer than two, also 2 and
// 5 times them, then the ends themselves.
export function logTicks(lo, hi) {
  const powers = [];
  for (let k = Math.ceil(Math.log10(lo) - 1e-9); k <= Math.floor(Math.log10(hi) + 1e-9); k++) powers.push(10 ** k);
  if (powers.length >= 2) return powers;
  const more = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) for (const m of [1, 2, 5]) {
    const v = m * 10 ** k;
    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) more.push(v);
  }
  return more.length >= 2 ? more : [lo, hi];
}

// A tick value as printed: the kit's format, or on a log scale whose ticks reach below 10⁻³
// or past 10⁴ (where the kit would write 1e-4) every power of ten as 10ᵏ, so the labels of one
// scale read alike.
const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
export function tickLabel(v, powers = false) {
  if (powers && v > 0) {
    const k = Math.log10(v);
    if (Math.abs(k - Math.round(k)) < 1e-9) return `10${String(Math.round(k)).replace(/./g, (c) => SUPERSCRIPT[c])}`;
  }
  return formatNumber(v, 3);
}
const asPowers = (log, ticks) => log && ticks.some((v) => v < 1e-3 || v >= 1e4);

// One keyboard step for every plot with a cursor (the saddle explorer's cross, the playground's
// point cursor): an arrow key moves it a twentieth of the window, with Shift a fifth, and it
// stays inside. The cursor moved by a keydown event, or null when the key is no arrow.
export const KEY_STEPS = 20, KEY_STEPS_COARSE = 5;
export function movedCursor(event, [cx, cy], [x0, x1, y0, y1]) {
  const move = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[event.key];
  if (!move) return null;
  const steps = event.shiftKey ? KEY_STEPS_COARSE : KEY_STEPS;
  return [Math.min(x1, Math.max(x0, cx + (move[0] * (x1 - x0)) / steps)), Math.min(y1, Math.max(y0, cy + (move[1] * (y1 - y0)) / steps))];
}

export class PlotFrame {
  // box: the square plot element, moved into the frame: the frame takes the box's place when
  // the box is in a page already, else it is appended to `container`. colorBar: whether a
  // colour bar is expected (its room is kept until setColorBar says otherwise).
  constructor(container, box, { colorBar = true } = {}) {
    this.root = document.createElement('div');
    this.root.className = 'plot-frame';
    // The axes and the colour bar repeat, as pictures, what the plot's description says.
    const svg = (role, width, height) => element('svg', { class: `plot-${role}`, 'data-role': role, 'aria-hidden': 'true', width, height });
    this.yAxis = svg('y-axis', Y_AXIS_WIDTH, 0);
    this.xAxis = svg('x-axis', 0, X_AXIS_HEIGHT);
    this.colorBar = svg('color-bar', BAR_WIDTH, 0);
    this.colorBar.hidden = !colorBar;
    this.box = box;
    box.classList.add('plot-box');
    if (box.parentNode) box.before(this.root);
    else container.append(this.root);
    this.root.append(this.yAxis, box, this.colorBar, this.xAxis);
    this.axes = null;
    this.bar = null;
    // The box's size, kept from the observer: reading it in draw() would force a layout.
    this.size = null;
    new ResizeObserver(([entry]) => {
      this.size = { width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) };
      // Read here, where the page's style is up to date and the read costs nothing: read in the
      // first draw, it forced a recalculation of the page's style inside that draw's task.
      this.fontFamily ??= getComputedStyle(this.root).fontFamily || 'sans-serif';
      // The first measure of a label makes the canvas and resolves its font (15-20 ms at 4x
      // CPU): done here, at the plot's first frame, while its widget waits for its data, not in
      // the task that draws them.
      labelWidth('0', this.fontFamily);
      this.draw();
    }).observe(box);
  }

  // The page's font family, read once (the labels are measured in it).
  get family() {
    this.fontFamily ??= getComputedStyle(this.root).fontFamily || 'sans-serif';
    return this.fontFamily;
  }

  // x, y: {domain: [from, to], label}, the window the box shows (left to right, bottom to top).
  setAxes(x, y) {
    this.axes = { x, y };
    this.draw();
  }

  // bar: null (no colour bar), or {label, colorAt(t) (a CSS colour, t in [0, 1] from the low
  // end), colors (a name of the map: the bar is painted again only when it changes),
  // position(v) (t of the value v), ticks (values), log (ticks printed as powers of ten)}.
  setColorBar(bar) {
    this.bar = bar;
    this.colorBar.hidden = !bar;
    this.draw();
  }

  // Redrawn only where something shown changed: a slice filling row by row calls this for
  // every row, and measuring labels (getBBox) costs a layout.
  draw() {
    const { width, height } = this.size ?? {};
    if (!width || !height) return;
    // The box's size in CSS px, for overlays that keep their text one size (heatmap-plot.js).
    if (this.drawnWidth !== width) this.box.style.setProperty('--plot-width', `${width}`);
    this.drawnWidth = width;
    const { x, y } = this.axes ?? {};
    const axesKey = this.axes && JSON.stringify([x.domain, x.label, x.log, y.domain, y.label, y.log, width, height]);
    if (axesKey && axesKey !== this.axesKey) {
      this.drawX(width);
      this.drawY(height);
    }
    this.axesKey = axesKey;
    if (!this.bar) return (this.barKey = null);
    const { label, ticks, position, colors } = this.bar;
    // The ticks' places to a tenth of a pixel: a slice's growing range moves them a little.
    const barKey = JSON.stringify([label, colors, height, ticks.map((v) => [v, Math.round(position(v) * height * 10)])]);
    if (barKey !== this.barKey) this.drawBar(height, colors !== this.barColors);
    this.barKey = barKey;
    this.barColors = colors;
  }

  drawX(width) {
    const { domain: [a, b], label, log } = this.axes.x;
    const svg = this.xAxis;
    svg.replaceChildren();
    const at = (v) => (log ? (Math.log10(v / a) / Math.log10(b / a)) * width : ((v - a) / (b - a)) * width);
    const ticks = log ? logTicks(a, b) : linearTicks(a, b, width, 64);
    const powers = asPowers(log, ticks);
    for (const v of ticks) {
      const p = at(v);
      const g = element('g', { transform: `translate(${p.toFixed(1)},0)`, class: 'tick' }, svg);
      element('line', { y2: TICK }, g);
      // A label centred on its tick, except at the ends: one that would reach past the box's
      // edge (under the y axis's lowest label, or the colour bar's) ends at the edge instead.
      const text = element('text', { y: TICK + 11, 'text-anchor': 'middle' }, g);
      text.textContent = tickLabel(v, powers);
      const half = labelWidth(text.textContent, this.family) / 2;
      if (p - half < 0) (text.setAttribute('text-anchor', 'start'), text.setAttribute('x', (-p).toFixed(1)));
      else if (p + half > width) (text.setAttribute('text-anchor', 'end'), text.setAttribute('x', (width - p).toFixed(1)));
    }
    this.thinPlaced(svg, 'x');
    const name = element('text', { x: width / 2, y: TICK + 11 + NAME, 'text-anchor': 'middle', class: 'axis-name' }, svg);
    name.textContent = label + (log ? ' (log scale)' : '');
    svg.setAttribute('width', width);
    svg.setAttribute('height', TICK + 11 + NAME + 4);
  }

  drawY(height) {
    const { domain: [a, b], label, log } = this.axes.y;
    const svg = this.yAxis;
    svg.replaceChildren();
    const at = (v) => height - (log ? (Math.log10(v / a) / Math.log10(b / a)) * height : ((v - a) / (b - a)) * height);
    const ticks = log ? logTicks(a, b) : linearTicks(a, b, height, 40);
    const powers = asPowers(log, ticks);
    const g0 = element('g', {}, svg);
    for (const v of ticks) {
      const g = element('g', { transform: `translate(0,${at(v).toFixed(1)})`, class: 'tick' }, g0);
      element('line', { x1: -TICK, x2: 0 }, g);
      const text = element('text', { x: -TICK - 3, dy: '0.32em', 'text-anchor': 'end' }, g);
      text.textContent = tickLabel(v, powers);
    }
    const widest = this.thinPlaced(g0, 'y');
    const w = Math.max(Y_AXIS_WIDTH, Math.ceil(NAME + widest + TICK + 5));
    g0.setAttribute('transform', `translate(${w},0)`);
    const name = element('text', { transform: `translate(12,${height / 2}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-name' }, svg);
    name.textContent = label + (log ? ' (log scale)' : '');
    if (svg.getAttribute('width') !== String(w)) svg.setAttribute('width', w);
    svg.setAttribute('height', height);
  }

  // Tick groups along x or y (their transforms say where): from the low end (left, or bottom),
  // each label kept only when it clears the last one kept by GAP px. An x label is centred on
  // its tick, a y label on its tick's height. Returns the width of the widest label kept.
  thinPlaced(parent, axis) {
    const groups = [...parent.querySelectorAll('g.tick')];
    const place = (g) => Number(g.getAttribute('transform').match(/translate\(([-\d.e]+),([-\d.e]+)\)/)[axis === 'x' ? 1 : 2]);
    // (Ticks come in rising value: left to right, bottom to top.)
    let edge = null; // x: the right end of the last label kept; y: its top
    let widest = 0;
    for (const g of groups) {
      const text = g.querySelector('text');
      const width = labelWidth(text.textContent, this.family), p = place(g);
      // An x label's left end: centred on its tick, or moved to start or end at the box's edge.
      const anchor = text.getAttribute('text-anchor'), shift = Number(text.getAttribute('x') ?? 0);
      const left = anchor === 'start' ? p + shift : anchor === 'end' ? p + shift - width : p - width / 2;
      const clear = axis === 'x' ? edge === null || left >= edge + GAP : edge === null || p + LABEL_HEIGHT / 2 <= edge - GAP;
      if (!clear) {
        g.remove();
        continue;
      }
      edge = axis === 'x' ? left + width : p - LABEL_HEIGHT / 2;
      widest = Math.max(widest, width);
    }
    return widest;
  }

  // The bar's colours are painted again only when its map or height changed (newColors).
  drawBar(height, newColors = true) {
    const { label, colorAt, position, ticks, log } = this.bar;
    const svg = this.colorBar;
    const STEPS = 64;
    if (newColors || this.barHeight !== height || !this.barColorsGroup) {
      this.barColorsGroup = element('g', { class: 'bar-colors' });
      for (let i = 0; i < STEPS; i++) {
        element('rect', { x: 2, y: (height * (STEPS - 1 - i)) / STEPS, width: BAR, height: height / STEPS + 0.5, fill: colorAt((i + 0.5) / STEPS) }, this.barColorsGroup);
      }
      element('rect', { x: 2, y: 0, width: BAR, height, class: 'bar-outline' }, this.barColorsGroup);
      this.barHeight = height;
    }
    svg.replaceChildren(this.barColorsGroup);
    const g0 = element('g', {}, svg);
    const powers = asPowers(log, ticks);
    for (const v of ticks) {
      const t = Math.max(0, Math.min(1, position(v)));
      if (!(Math.abs(position(v) - t) < 0.02)) continue; // (0 at a sliver beyond the lowest value)
      const g = element('g', { transform: `translate(${2 + BAR},${(height * (1 - t)).toFixed(1)})`, class: 'tick' }, g0);
      element('line', { x2: TICK }, g);
      const text = element('text', { x: TICK + 3, dy: '0.32em' }, g);
      text.textContent = tickLabel(v, powers);
    }
    const widest = this.thinPlaced(g0, 'y');
    const w = Math.max(BAR_WIDTH, Math.ceil(2 + BAR + TICK + 3 + widest + 6 + NAME));
    // Turned a quarter clockwise, its letters stand to the right of its baseline.
    const name = element('text', { transform: `translate(${w - NAME + 3},${height / 2}) rotate(90)`, 'text-anchor': 'middle', class: 'axis-name' }, svg);
    name.textContent = label;
    if (svg.getAttribute('width') !== String(w)) svg.setAttribute('width', w);
    svg.setAttribute('height', height);
  }
}
