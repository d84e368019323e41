// Why this file exists: a function of two variables drawn as a heatmap with contour lines
// and an SVG overlay in its coordinates (for paths, points and arrows), framed by its axes
// (tick values, the quantities named) and a colour bar in the plot's units (kit/plot-frame.js).
// The saddle explorer draws its surfaces with it; landscape slices use it too. The canvas
// holds one pixel per grid value, scaled by CSS; the overlay shares the plot's box in `size`
// units (its text is kept at one CSS size by widgets.css, from the box's width).
// Colours: a one-sided quantity (a loss) takes the sequential map, a signed one the diverging
// map centred at zero (kit/palettes.js). A widget with colours of its own (the playground's
// output: paler, so its points stay visible, or coloured by class) paints the canvas itself
// and hands the frame its colour bar (setPainted). Optional: a canvas of points above the
// overlay (many marks, redrawn without repainting the field), and a cursor that the keyboard
// moves (the kit's one step for every plot) and the pointer shows, with a readout of the
// values under it and a pick by click or Enter (enableCursor).
import { scaleLinear } from 'd3-scale';
import { TRANSFORMS, gridLevels, levelPaths } from './contour-paths.js';
import { colorTable, divergingTable, paintEntries } from './heatmap.js';
import { formatNumber } from './format.js';
import { DIVERGING_COLORS, SEQUENTIAL_MAP } from './palettes.js';
import { KEY_STEPS, PlotFrame, logTicks, movedCursor } from './plot-frame.js';

const DESCRIBE_EVERY_MS = 1000;
let plots = 0; // ids of the plots' descriptions

const SVG = 'http://www.w3.org/2000/svg';

export function svgElement(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

// How values become colours and which of them the colour bar names: `transform` to the
// coloured quantity, `ticks(lo, hi)` the values named between the lowest and highest shown,
// `log` when the ticks are powers of ten; `name`, for a scale a worker can contour with
// (kit/contour-paths.js TRANSFORMS).
export const LINEAR = Object.freeze({ name: 'linear', transform: TRANSFORMS.linear, ticks: (lo, hi) => scaleLinear().domain([lo, hi]).ticks(6), log: false });
// Losses that span decades: coloured by log10 (a value at or below 0 is left unpainted, or
// counted as `floor` when one is given: a ratio that can be 0).
export function logScale({ floor = 0 } = {}) {
  return Object.freeze({
    transform: (v) => (Math.max(v, floor) > 0 ? Math.log10(Math.max(v, floor)) : NaN),
    ticks: (lo, hi) => logTicks(Math.max(lo, floor || lo), hi),
    log: true,
  });
}
// Values of either sign that span decades: sign(v) log(1 + |v|), linear near 0 (a surface).
// Its ticks: about six values spread evenly in the coloured quantity, each rounded to 1, 2 or 5
// times a power of ten, and 0 when the values reach it (or come within a thousandth of it).
const NICE = (v) => {
  if (v === 0) return 0;
  const k = Math.floor(Math.log10(Math.abs(v))), m = Math.abs(v) / 10 ** k;
  return Math.sign(v) * (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * 10 ** k;
};
export const SYMLOG = Object.freeze({
  name: 'symlog',
  transform: TRANSFORMS.symlog,
  ticks(lo, hi) {
    const T = SYMLOG.transform, inverse = (t) => Math.sign(t) * Math.expm1(Math.abs(t));
    const near = 1e-3 * Math.max(Math.abs(lo), Math.abs(hi));
    const ticks = new Set(lo <= near && hi >= -near ? [0] : []);
    for (let i = 0; i <= 6; i++) {
      const v = NICE(inverse(T(lo) + ((T(hi) - T(lo)) * i) / 6));
      if (v >= lo && v <= hi) ticks.add(v);
    }
    return [...ticks].sort((x, y) => x - y);
  },
  log: false,
});

const hexRgb = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)); // '#rrggbb'
// 512 entries of each map, then one transparent entry (a value not yet computed).
const TABLES = {
  sequential: colorTable(513, (i) => (i < 512 ? hexRgb(SEQUENTIAL_MAP(i / 511)) : [0, 0, 0, 0])),
  diverging: (() => {
    const d = divergingTable(...[DIVERGING_COLORS.negative, DIVERGING_COLORS.zero, DIVERGING_COLORS.positive].map(hexRgb), 512);
    return colorTable(513, (i) => (i < 512 ? Array.from(d.subarray(i * 4, i * 4 + 4)) : [0, 0, 0, 0]));
  })(),
};
const cssOf = (table, t) => {
  const i = 4 * Math.round(Math.max(0, Math.min(1, t)) * 511);
  return `rgb(${table[i]},${table[i + 1]},${table[i + 2]})`;
};

export class HeatmapPlot {
  // xLabel, yLabel: the quantities along the axes; valueLabel: the coloured one (the colour bar's name).
  constructor(container, { size = 480, label = 'heatmap', className = '', xLabel = 'x', yLabel = 'y', valueLabel = 'value' } = {}) {
    this.size = size;
    this.axisLabels = { x: xLabel, y: yLabel, value: valueLabel };
    this.root = document.createElement('div');
    this.root.className = `heatmap-plot ${className}`.trim();
    this.root.style.setProperty('--plot-units', `${size}`);
    this.canvas = document.createElement('canvas');
    this.canvas.dataset.role = 'heatmap';
    this.label = label;
    this.svg = svgElement('svg', { viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': label, 'data-role': 'overlay' });
    // What the plot shows now: the svg's description, a hidden paragraph beside it.
    this.descriptionElement = document.createElement('p');
    this.descriptionElement.className = 'visually-hidden';
    this.descriptionElement.dataset.role = 'plot-description';
    this.descriptionElement.id = `lll-plot-description-${++plots}`;
    this.svg.setAttribute('aria-describedby', this.descriptionElement.id);
    this.describesItself = false; // a widget that says more sets this and calls setDescription
    this.root.append(this.canvas, this.svg, this.descriptionElement);
    this.frame = new PlotFrame(container, this.root);
  }

  // A canvas above the overlay for marks drawn often (the playground's data points), in
  // `size` units like the overlay; it takes the pointer's clicks.
  pointsLayer() {
    if (!this.pointsCanvas) {
      this.pointsCanvas = document.createElement('canvas');
      this.pointsCanvas.dataset.role = 'points';
      this.pointsCanvas.className = 'plot-points';
      this.pointsCanvas.width = this.pointsCanvas.height = this.size;
      this.svg.after(this.pointsCanvas);
    }
    return this.pointsCanvas;
  }

  // A grid painted by the widget: paint(canvas) paints it; the axes show `window`
  // ([x0, x1, y0, y1]) under the given names; colorBar as PlotFrame's setColorBar takes it (null:
  // none), redrawn only when `colorKey` changes (this runs many times a second).
  setPainted({ window, paint, xLabel = this.axisLabels.x, yLabel = this.axisLabels.y, colorBar = null, colorKey = '' }) {
    this.x = scaleLinear().domain([window[0], window[1]]).range([0, this.size]);
    this.y = scaleLinear().domain([window[2], window[3]]).range([this.size, 0]);
    this.window = window;
    paint(this.canvas);
    const key = JSON.stringify([window, xLabel, yLabel, colorKey, !colorBar]);
    if (key === this.paintedKey) return;
    this.paintedKey = key;
    this.axisLabels = { ...this.axisLabels, x: xLabel, y: yLabel };
    this.frame.setAxes({ domain: [window[0], window[1]], label: xLabel }, { domain: [window[2], window[3]], label: yLabel });
    this.frame.setColorBar(colorBar);
  }

  // The plot made operable: focused, the arrow keys move a cursor (movedCursor, the kit's step
  // for every plot) and Enter or Space picks its place, as a click does: onPick(x, y) in the
  // plot's coordinates. Under the pointer and at the cursor a readout names the place and what
  // readout(x, y) says of it (a short text). help: how to use the keys, said with the plot's
  // label (describe).
  enableCursor({ help, onPick, readout = () => '', label = this.label }) {
    const root = this.root;
    Object.assign(this, { cursorHelp: help, readoutOf: readout, cursor: null, description: label });
    root.dataset.role = 'plot';
    root.tabIndex = 0;
    root.setAttribute('role', 'application');
    root.setAttribute('aria-roledescription', label);
    // The plot's own label says what it shows: the overlay's picture is part of it.
    this.svg.setAttribute('aria-hidden', 'true');
    this.cursorElement = Object.assign(document.createElement('div'), { className: 'plot-cursor', hidden: true });
    this.cursorElement.dataset.role = 'cursor';
    this.readoutElement = Object.assign(document.createElement('div'), { className: 'plot-readout', hidden: true });
    this.readoutElement.dataset.role = 'readout';
    this.readoutElement.setAttribute('aria-hidden', 'true'); // the label says the cursor's place
    root.append(this.cursorElement, this.readoutElement);
    root.addEventListener('click', (event) => {
      const at = this.toWorld(event, root);
      if (at) onPick(...at);
    });
    root.addEventListener('pointermove', (event) => {
      const at = this.toWorld(event, root);
      if (at) this.showReadout(at);
    });
    root.addEventListener('pointerleave', () => {
      if (!root.matches(':focus')) this.readoutElement.hidden = true;
      else this.showReadout(this.cursor);
    });
    root.addEventListener('keydown', (event) => {
      if (!this.window) return;
      const moved = movedCursor(event, this.cursor ?? this.centre(), this.window);
      if (moved) {
        event.preventDefault();
        this.cursor = moved;
        this.showCursor();
      } else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onPick(...(this.cursor ?? this.centre()));
      }
    });
    root.addEventListener('focus', () => this.showCursor());
    root.addEventListener('blur', () => { this.cursorElement.hidden = true; this.readoutElement.hidden = true; });
    this.describe(label);
  }

  // The window's middle, rounded to the keyboard's step: where the cursor starts.
  centre() {
    const [x0, x1, y0, y1] = this.window;
    const round = (v, a, b) => a + Math.round((v - a) / ((b - a) / KEY_STEPS)) * ((b - a) / KEY_STEPS);
    return [round((x0 + x1) / 2, x0, x1), round((y0 + y1) / 2, y0, y1)].map((v) => Number(v.toFixed(12)));
  }

  // The keyboard's cursor, drawn over the plot while it has the focus, and its readout.
  showCursor() {
    if (!this.window || !this.cursorElement) return;
    this.cursor ??= this.centre();
    const [x0, x1, y0, y1] = this.window, [cx, cy] = this.cursor;
    this.cursorElement.hidden = false;
    this.cursorElement.style.setProperty('left', `${(100 * (cx - x0)) / (x1 - x0)}%`);
    this.cursorElement.style.setProperty('top', `${(100 * (y1 - cy)) / (y1 - y0)}%`);
    this.root.dataset.cursor = this.cursor.map((v) => Number(v.toFixed(2))).join(',');
    this.showReadout(this.cursor);
    this.describe(this.description);
  }

  // The place [x, y] and what the widget says of it, in the readout's corner (away from the place).
  showReadout([x, y]) {
    if (!this.readoutElement || !this.window) return;
    const [x0, x1, y0, y1] = this.window;
    const { x: xName, y: yName } = this.axisLabels;
    const said = this.readoutOf(x, y);
    this.readoutElement.textContent = `${xName} = ${formatNumber(x, 3)}, ${yName} = ${formatNumber(y, 3)}${said ? `: ${said}` : ''}`;
    // Top left, unless the place is there: then bottom right.
    this.readoutElement.classList.toggle('far', x < (x0 + x1) / 2 && y > (y0 + y1) / 2);
    this.readoutElement.hidden = false;
  }

  // The plot's text alternative (with a cursor: its place and the keys' help).
  describe(text) {
    this.description = text;
    const cursor = this.cursor ? ` Cursor at (${this.cursor.map((v) => Number(v.toFixed(2))).join(', ')}).` : '';
    this.root.setAttribute('aria-label', `${text}.${cursor} ${this.cursorHelp}`);
  }

  // The names of the axes and of the coloured quantity (a widget whose axes change with its data).
  setLabels({ x = this.axisLabels.x, y = this.axisLabels.y, value = this.axisLabels.value } = {}) {
    this.axisLabels = { x, y, value };
  }

  // grid: {nx, ny, values (row by row from the top), window: [x0, x1, y0, y1]}.
  // scale: how values become colours (LINEAR, logScale(), SYMLOG); map: 'sequential' for a
  // one-sided quantity, 'diverging' (centred at zero) for a signed one, 'auto' diverging when
  // the values take both signs.
  // missing: 'transparent' leaves non-finite values unpainted (a grid still being filled);
  // by default they take the high colour (a diverged corner).
  // contours: the grid's contour lines when they came with it (a surface from a widget's worker,
  // kit/contour-paths.js gridContours with this scale's name, these levels and the plot's
  // size); else they are computed here. Draws at once.
  setGrid(grid, { scale = LINEAR, map = 'auto', levels = 14, missing = 'high', contours = null } = {}) {
    const { nx, ny } = grid;
    const shownLevels = gridLevels(grid.values, scale.transform, levels);
    const { shown, lo, hi } = shownLevels;
    this.draw(grid, shown, { lo, hi, scale, map, missing }, contours ?? levelPaths(shownLevels, nx, ny, this.size));
  }

  // The window [x0, x1, y0, y1] the plot will show, with its axes, before any value of it is
  // computed: a widget that knows its window early (a slice, before its first rows) draws the
  // axes in a frame of their own, so that the first grid's frame (the colour map, the colour
  // bar and the code's first run) is not also the axes' frame: together they made one main-thread
  // task of 40-60 ms.
  setWindow(window) {
    this.window = window;
    this.x = scaleLinear().domain([window[0], window[1]]).range([0, this.size]);
    this.y = scaleLinear().domain([window[2], window[3]]).range([this.size, 0]);
    this.frame.setAxes({ domain: [window[0], window[1]], label: this.axisLabels.x }, { domain: [window[2], window[3]], label: this.axisLabels.y });
  }

  draw(grid, values, { lo, hi, scale, map, missing }, paths) {
    const { nx, ny, window } = grid;
    this.grid = grid;
    this.setWindow(window);
    // The shown values' range in the plot's own units, for the colour bar's ticks.
    let vlo = Infinity, vhi = -Infinity;
    for (const v of grid.values) if (Number.isFinite(scale.transform(v))) (vlo = Math.min(vlo, v)), (vhi = Math.max(vhi, v));
    const diverging = map === 'diverging' || (map === 'auto' && vlo < 0 && vhi > 0);
    // Diverging: 0 in the middle and the same colour strength for the same size either side;
    // sequential: the lowest value at the dark end, the highest at the light one.
    const reach = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    const position = diverging ? (v) => 0.5 + (0.5 * v) / reach : (v) => (v - lo) / (hi - lo);
    const table = diverging ? TABLES.diverging : TABLES.sequential;
    const gap = missing === 'transparent' ? 512 : 511;
    paintEntries(this.canvas, nx, ny, table, (p) => {
      const v = values[p];
      if (!Number.isFinite(v)) return gap;
      return Math.round(Math.max(0, Math.min(1, position(v))) * 511);
    });
    this.svg.replaceChildren();
    const lines = svgElement('g', { class: 'contours' }, this.svg);
    for (const d of paths) svgElement('path', { d }, lines);
    this.frame.setColorBar(Number.isFinite(vlo) ? {
      label: this.axisLabels.value + (scale.log ? ' (log scale)' : ''),
      colorAt: (t) => cssOf(table, t),
      colors: diverging ? 'diverging' : 'sequential',
      position: (v) => position(scale.transform(v)),
      ticks: scale.ticks(vlo, vhi),
      log: scale.log,
    } : null);
    this.root.dataset.colorMap = diverging ? 'diverging' : 'sequential';
    if (!this.describesItself) this.describeSoon();
  }

  // The text alternative: the plot's label and what the grid holds now (the range of its
  // computed values and where the lowest lies; how much is computed while it fills), at most
  // once a second and once more after the last change. A widget that says more about its
  // plot sets `describesItself` and calls setDescription.
  setDescription(text) { this.descriptionElement.textContent = text; }

  describeSoon() {
    clearTimeout(this.describeTimer);
    if (performance.now() - (this.describedAt ?? -Infinity) >= DESCRIBE_EVERY_MS) this.describeGrid();
    else this.describeTimer = setTimeout(() => this.describeGrid(), DESCRIBE_EVERY_MS);
  }

  describeGrid() {
    this.describedAt = performance.now();
    const { nx, ny, values, window: [x0, x1, y0, y1] } = this.grid;
    let computed = 0, lowest = 0, lo = Infinity, hi = -Infinity;
    values.forEach((v, p) => {
      if (!Number.isFinite(v)) return;
      computed++;
      if (v < lo) (lo = v), (lowest = p);
      if (v > hi) hi = v;
    });
    const at = [x0 + ((x1 - x0) * (lowest % nx)) / (nx - 1), y1 - ((y1 - y0) * Math.floor(lowest / nx)) / (ny - 1)];
    const parts = [`${nx} by ${ny} points over [${formatNumber(x0)}, ${formatNumber(x1)}] by [${formatNumber(y0)}, ${formatNumber(y1)}]`];
    if (computed < values.length) parts.push(`${computed} of ${values.length} points computed so far`);
    if (computed) parts.push(`values from ${formatNumber(lo)} to ${formatNumber(hi)}, the lowest at (${at.map((v) => formatNumber(v)).join(', ')})`);
    this.setDescription(parts.join('; '));
  }

  // A group on the overlay, created once per name, drawn above the earlier ones.
  layer(name) {
    return this.svg.querySelector(`g[data-layer="${name}"]`) ?? svgElement('g', { 'data-layer': name, class: name }, this.svg);
  }

  // The overlay point under a pointer event, in the grid's coordinates (null before the first
  // grid is drawn: there are no coordinates yet).
  toWorld(event, element = this.svg) {
    if (!this.x || !this.y) return null;
    const box = element.getBoundingClientRect();
    const sx = ((event.clientX - box.left) / box.width) * this.size, sy = ((event.clientY - box.top) / box.height) * this.size;
    return [this.x.invert(sx), this.y.invert(sy)];
  }
}

// Labels on an overlay never cover one another, a marker or an arrow, and each sits next to what
// it names. A label goes to the nearest place around its anchor [x, y] where its box clears every
// box in `taken` (markers, arrows and labels placed before, {x0, y0, x1, y1} in the overlay's
// units), stays inside the plot and lies nearer its anchor than any of `rivals` (the other points
// that labels name: a reader takes a label for the name of the point nearest to it): by the
// distance between centres, and no rival nearer its box. The places: the label's box just clear
// of its anchor's own box in `taken` (`radius`, its half-width) at a corner of it (right and above
// first), beside, above or below it, or slid along a side; then the same a quarter of a line
// further out at a time, up to two lines or `reach` (past what surrounds the anchor: the arrows
// drawn from it). At each distance the anchor's places come first, then those of the anchors in
// `also` (other places that name the same thing: the other end of an arrow). When none is clear,
// the one that costs least (overlap, then naming another point); its box is added to `taken`.
// The text keeps one size on screen whatever the plot's width (widgets.css: at 360 px a CSS pixel
// is two of the overlay's units, at 1280 px about one), so its halo and the gap around it are
// measured as the text is, in pixels, not in the markers' units.
// A label of several lines is a text of tspans (labelLines).
const LABEL_GAP_PX = 1;
// The label's box on one side of the anchor's, slid from one corner (0) to the other (1): the four
// corners first, then the middle of each side, then the quarters.
const PLACES = [
  ['right', 0], ['right', 1], ['left', 0], ['left', 1], // the corners: above right, below right, above left, below left
  ['right', 0.5], ['left', 0.5], ['above', 0.5], ['below', 0.5],
  ['above', 0.25], ['above', 0.75], ['below', 0.25], ['below', 0.75],
  ['right', 0.25], ['right', 0.75], ['left', 0.25], ['left', 0.75],
];
export function placeLabel(text, anchor, taken, { size, radius = 8, also = [], rivals = [], reach = 0 } = {}) {
  const moveTo = (tx, ty) => {
    text.setAttribute('x', tx);
    text.setAttribute('y', ty);
    for (const line of text.querySelectorAll('tspan')) line.setAttribute('x', tx);
  };
  text.setAttribute('text-anchor', 'start');
  moveTo(0, 0);
  const b = text.getBBox();
  const matrix = text.ownerSVGElement?.getScreenCTM();
  const pixel = matrix && matrix.a > 0 ? 1 / Math.hypot(matrix.a, matrix.b) : 1; // overlay units per CSS pixel
  // Around the text: its halo (a stroke under the fill, widgets.css), then the gap.
  const style = getComputedStyle(text);
  const halo = style.stroke === 'none' ? 0 : (parseFloat(style.strokeWidth) || 0) / 2;
  const pad = halo + LABEL_GAP_PX * pixel;
  // (A text not laid out, in a widget just removed or hidden, has an empty box: a line of one
  // unit keeps the steps below finite, and the label is placed all the same.)
  const line = Math.max(1, b.height / Math.max(1, text.querySelectorAll('tspan').length));
  const distance = (box, [px, py]) => Math.hypot(Math.max(box.x0 - px, 0, px - box.x1), Math.max(box.y0 - py, 0, py - box.y1));
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  const centre = (box, [px, py]) => Math.hypot((box.x0 + box.x1) / 2 - px, (box.y0 + box.y1) / 2 - py);
  let best = null;
  const steps = Math.ceil(Math.max(2 * line, reach) / (line / 4));
  for (let step = 0; step <= steps && best?.cost !== 0; step++) {
    // From the anchor to the label's text: its box, the gap, and the steps out.
    const r = radius + 2 * pad + (step * line) / 4;
    for (const [[x, y], [side, slide]] of [anchor, ...also].flatMap((a) => PLACES.map((place) => [a, place]))) {
      // Slid along its side (x from the right corner to the left one, y from the upper to the
      // lower); near the plot's edge, further along it to stay inside, while it still borders
      // the anchor's box.
      const inside = (v, length, at) => clamp(clamp(v, pad, size - length - pad), at - r - length, at + r);
      let x0, y0;
      if (side === 'right' || side === 'left') {
        x0 = side === 'right' ? x + r : x - r - b.width;
        y0 = inside(y - r - b.height + slide * (b.height + 2 * r), b.height, y);
      } else {
        x0 = inside(x + r - slide * (b.width + 2 * r), b.width, x);
        y0 = side === 'above' ? y - r - b.height : y + r;
      }
      const box = { x0: x0 - pad, y0: y0 - pad, x1: x0 + b.width + pad, y1: y0 + b.height + pad };
      const outside = Math.max(0, -box.x0) + Math.max(0, -box.y0) + Math.max(0, box.x1 - size) + Math.max(0, box.y1 - size);
      const overlap = taken.reduce((sum, t) => sum + Math.max(0, Math.min(box.x1, t.x1) - Math.max(box.x0, t.x0)) * Math.max(0, Math.min(box.y1, t.y1) - Math.max(box.y0, t.y0)), 0);
      // Nearer another point than its own, the label would name that one: as bad as covering it,
      // the worse the nearer (a label above two points, its centre nearer its own, names its own).
      const own = [centre(box, [x, y]), distance(box, [x, y])];
      const misnames = rivals.some((p) => centre(box, p) <= own[0] || distance(box, p) < own[1]);
      const nearer = Math.max(0, ...rivals.map((p) => Math.max(own[0] - centre(box, p), own[1] - distance(box, p))));
      const cost = overlap + outside * 1000 + (misnames ? b.width * b.height * (1 + nearer / line) : 0);
      if (!best || cost < best.cost) best = { cost, box, tx: x0 - b.x, ty: y0 - b.y };
      if (cost === 0) break;
    }
  }
  moveTo(best.tx, best.ty);
  taken.push(best.box);
  // (cost: 0 when the label found a free place; more when it overlaps what is already there or
  // lies nearer another point.)
  return Object.assign(best.box, { cost: best.cost });
}

// A label's lines as tspans of `text` (the first line the name, the next ones qualifiers).
export function labelLines(text, lines) {
  text.replaceChildren(...lines.map((line, i) => {
    const span = document.createElementNS(SVG, 'tspan');
    if (i) (span.setAttribute('dy', '1.2em'), span.setAttribute('class', 'qualifier'));
    span.textContent = line;
    return span;
  }));
  return text;
}

// A marker's box (a circle of radius r at x, y), for placeLabel's `taken`.
export const markerBox = (x, y, r) => ({ x0: x - r, y0: y - r, x1: x + r, y1: y + r });
