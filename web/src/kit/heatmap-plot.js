// Why this file exists: a function of two variables drawn as a heatmap with contour lines
// and an SVG overlay in its coordinates (for paths, points and arrows). The saddle explorer
// draws its surfaces with it; landscape slices use it too. The canvas holds one pixel per
// grid value, scaled by CSS; the overlay shares the plot's box in `size` units.
import { scaleLinear } from 'd3-scale';
import { contourPaths } from './contour-paths.js';
import { colorTable, divergingTable, paintEntries } from './heatmap.js';
import { formatNumber } from './format.js';
import { SURFACE_COLORS } from './palettes.js';

const DESCRIBE_EVERY_MS = 1000;
let plots = 0; // ids of the plots' descriptions

const SVG = 'http://www.w3.org/2000/svg';

export function svgElement(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

export class HeatmapPlot {
  // computeContours: an optional async function of {values, nx, ny, thresholds, size} giving
  // contourPaths' result (a widget's worker); then setGrid draws once the paths are in.
  constructor(container, { size = 480, label = 'heatmap', className = '', computeContours = null } = {}) {
    this.size = size;
    this.computeContours = computeContours;
    this.grids = 0; // setGrid calls: a grid whose contours arrive after a newer one is dropped
    this.root = document.createElement('div');
    this.root.className = `heatmap-plot ${className}`.trim();
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
    container.append(this.root);
  }

  // grid: {nx, ny, values (row by row from the top), window: [x0, x1, y0, y1]}.
  // transform: the value shown (e.g. a log compression); colors: low, middle, high ('#rrggbb').
  // missing: 'transparent' leaves non-finite values unpainted (a grid still being filled);
  // by default they take the high colour (a diverged corner).
  // Draws at once, or with computeContours once its paths are in: the promise resolves true
  // when this grid was drawn, false when a newer grid came first.
  setGrid(grid, { transform = (v) => v, colors = SURFACE_COLORS, levels = 14, missing = 'high' } = {}) {
    const ticket = ++this.grids;
    const { nx, ny } = grid;
    const values = Float64Array.from(grid.values, transform);
    let lo = Infinity, hi = -Infinity;
    for (const v of values) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    if (!(hi > lo)) hi = lo + 1;
    // Contours of the shown values (a non-finite value counts as the highest).
    const thresholds = scaleLinear().domain([lo, hi]).ticks(levels);
    const finite = Float64Array.from(values, (v) => (Number.isFinite(v) ? v : hi));
    const draw = (paths) => {
      if (ticket !== this.grids) return false;
      this.draw(grid, values, lo, hi, colors, missing, paths);
      return true;
    };
    if (this.computeContours && thresholds.length) {
      return this.computeContours({ values: finite, nx, ny, thresholds, size: this.size }).then(draw);
    }
    return Promise.resolve(draw(contourPaths(finite, nx, ny, thresholds, this.size)));
  }

  draw(grid, values, lo, hi, colors, missing, paths) {
    const { nx, ny, window } = grid;
    this.grid = grid;
    this.x = scaleLinear().domain([window[0], window[1]]).range([0, this.size]);
    this.y = scaleLinear().domain([window[2], window[3]]).range([this.size, 0]);
    // Below `mid` towards the low colour, above it towards the high one: the colours change
    // at 0 when the values take both signs. Painted through the kit's colour table.
    const mid = lo < 0 && hi > 0 ? 0 : (lo + hi) / 2;
    const key = colors.join();
    if (this.tableKey !== key) {
      const rgb = colors.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16))); // '#rrggbb'
      // 512 entries from low through middle to high, then one transparent entry.
      const diverging = divergingTable(rgb[0], rgb[1], rgb[2], 512);
      this.table = colorTable(513, (i) => (i < 512 ? Array.from(diverging.subarray(i * 4, i * 4 + 4)) : [0, 0, 0, 0]));
      this.tableKey = key;
    }
    const gap = missing === 'transparent' ? 512 : 511;
    paintEntries(this.canvas, nx, ny, this.table, (p) => {
      const v = values[p];
      if (!Number.isFinite(v)) return gap;
      const t = v < mid ? 0.5 - (0.5 * (mid - v)) / (mid - lo) : 0.5 + (0.5 * (v - mid)) / (hi - mid);
      return Math.round(t * 511);
    });
    this.svg.replaceChildren();
    const lines = svgElement('g', { class: 'contours' }, this.svg);
    for (const d of paths) svgElement('path', { d }, lines);
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
  toWorld(event) {
    if (!this.x || !this.y) return null;
    const box = this.svg.getBoundingClientRect();
    const sx = ((event.clientX - box.left) / box.width) * this.size, sy = ((event.clientY - box.top) / box.height) * this.size;
    return [this.x.invert(sx), this.y.invert(sy)];
  }
}
