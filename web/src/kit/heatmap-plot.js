// Why this file exists: a function of two variables drawn as a heatmap with contour lines
// and an SVG overlay in its coordinates (for paths, points and arrows). The saddle explorer
// draws its surfaces with it; landscape slices use it too. The canvas holds one pixel per
// grid value, scaled by CSS; the overlay shares the plot's box in `size` units.
import { scaleLinear } from 'd3-scale';
import { contours } from 'd3-contour';

const SVG = 'http://www.w3.org/2000/svg';

export function svgElement(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

export class HeatmapPlot {
  constructor(container, { size = 480, label = 'heatmap', className = '' } = {}) {
    this.size = size;
    this.root = document.createElement('div');
    this.root.className = `heatmap-plot ${className}`.trim();
    this.canvas = document.createElement('canvas');
    this.canvas.dataset.role = 'heatmap';
    this.svg = svgElement('svg', { viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': label, 'data-role': 'overlay' });
    this.root.append(this.canvas, this.svg);
    container.append(this.root);
  }

  // grid: {nx, ny, values (row by row from the top), window: [x0, x1, y0, y1]}.
  // transform: the value shown (e.g. a log compression); colors: low, middle, high.
  // missing: 'transparent' leaves non-finite values unpainted (a grid still being filled);
  // by default they take the high colour (a diverged corner).
  setGrid(grid, { transform = (v) => v, colors = ['#1d4ed8', '#f8fafc', '#c2410c'], levels = 14, missing = 'high' } = {}) {
    const { nx, ny, window } = grid;
    this.grid = grid;
    this.x = scaleLinear().domain([window[0], window[1]]).range([0, this.size]);
    this.y = scaleLinear().domain([window[2], window[3]]).range([this.size, 0]);
    const values = Float64Array.from(grid.values, transform);
    let lo = Infinity, hi = -Infinity;
    for (const v of values) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    if (!(hi > lo)) hi = lo + 1;
    const mid = lo < 0 && hi > 0 ? 0 : (lo + hi) / 2;
    const color = scaleLinear().domain([lo, mid, hi]).range(colors);
    // A 256-entry table: no colour interpolation per pixel.
    const table = Array.from({ length: 256 }, (_, i) => color(lo + ((hi - lo) * i) / 255).match(/\d+/g).map(Number));
    this.canvas.width = nx;
    this.canvas.height = ny;
    const context = this.canvas.getContext('2d');
    const image = context.createImageData(nx, ny);
    values.forEach((v, i) => {
      const rgb = table[Number.isFinite(v) ? Math.round(((v - lo) / (hi - lo)) * 255) : 255];
      image.data[i * 4] = rgb[0];
      image.data[i * 4 + 1] = rgb[1];
      image.data[i * 4 + 2] = rgb[2];
      image.data[i * 4 + 3] = Number.isFinite(v) || missing !== 'transparent' ? 255 : 0;
    });
    context.putImageData(image, 0, 0);
    // Contours of the shown values, from grid cells to overlay units.
    this.svg.replaceChildren();
    const lines = svgElement('g', { class: 'contours' }, this.svg);
    const sx = this.size / (nx - 1), sy = this.size / (ny - 1);
    const finite = Array.from(values, (v) => (Number.isFinite(v) ? v : hi));
    for (const level of contours().size([nx, ny]).thresholds(scaleLinear().domain([lo, hi]).ticks(levels))(finite)) {
      const d = level.coordinates.flatMap((polygon) => polygon.map((ring) =>
        `M${ring.map(([cx, cy]) => `${((cx - 0.5) * sx).toFixed(1)},${((cy - 0.5) * sy).toFixed(1)}`).join('L')}Z`)).join('');
      if (d) svgElement('path', { d }, lines);
    }
  }

  // A group on the overlay, created once per name, drawn above the earlier ones.
  layer(name) {
    return this.svg.querySelector(`g[data-layer="${name}"]`) ?? svgElement('g', { 'data-layer': name, class: name }, this.svg);
  }

  // The overlay point under a pointer event, in the grid's coordinates.
  toWorld(event) {
    const box = this.svg.getBoundingClientRect();
    const sx = ((event.clientX - box.left) / box.width) * this.size, sy = ((event.clientY - box.top) / box.height) * this.size;
    return [this.x.invert(sx), this.y.invert(sy)];
  }
}
