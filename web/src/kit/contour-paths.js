// Why this file exists: the contour lines of a heatmap as SVG path data, one path per level.
// On a 120 x 120 grid they take some 20-30 ms: the surfaces of the saddle explorer and the
// curvature primer come from their worker with their contours (worker.js, op `surface`), off
// the page's thread and in the same reply; plots of small grids compute them in place
// (kit/heatmap-plot.js). The same code either way, so the same paths.
import { contours } from 'd3-contour';
import { ticks } from 'd3-array';

// How a plot turns values into the coloured quantity, by the name its scale carries
// (kit/heatmap-plot.js: LINEAR, SYMLOG), so that a worker can contour what the plot will show.
export const TRANSFORMS = Object.freeze({
  linear: (v) => v,
  symlog: (v) => Math.sign(v) * Math.log1p(Math.abs(v)), // sign(v) log(1 + |v|), linear near 0
});

// A grid's values as the plot colours them (`shown`), their range [lo, hi] and the levels of its
// contour lines (about `levels` round values).
// (Plain loops: Float64Array.from with a function took 10-15 ms of a slow phone's main thread
// on a 120 x 120 grid.)
export function gridLevels(values, transform, levels) {
  const n = values.length;
  const shown = new Float64Array(n);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = (shown[i] = transform(values[i]));
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi > lo)) hi = lo + 1;
  // (d3-array's ticks, which d3-scale's linear scale gives for this domain: the worker, which
  // contours the surfaces, loads no d3-scale.)
  const thresholds = levels ? ticks(lo, hi, levels) : [];
  return { shown, lo, hi, thresholds };
}

// The contour lines of gridLevels' result on an nx x ny grid, in a plot of `size` units (a value
// not finite counts as the highest).
export function levelPaths({ shown, hi, thresholds }, nx, ny, size) {
  if (!thresholds.length) return [];
  const finite = new Float64Array(shown.length);
  for (let i = 0; i < shown.length; i++) finite[i] = Number.isFinite(shown[i]) ? shown[i] : hi;
  return contourPaths(finite, nx, ny, thresholds, size);
}

// The contour lines of a grid of nx * ny values as a plot of `size` units shows them, coloured
// by the scale named `scale` (TRANSFORMS) with about `levels` levels: what HeatmapPlot.setGrid
// draws for the same grid and options.
export function gridContours(values, nx, ny, { scale, levels, size }) {
  const transform = TRANSFORMS[scale];
  if (!transform) throw new Error(`no scale named ${scale} (one of ${Object.keys(TRANSFORMS).join(', ')})`);
  return levelPaths(gridLevels(values, transform, levels), nx, ny, size);
}

// values: nx * ny finite numbers, row by row from the top; thresholds: the levels; size: the
// plot's box in overlay units. Returns the path data of each level that has any line.
function contourPaths(values, nx, ny, thresholds, size) {
  const sx = size / (nx - 1), sy = size / (ny - 1);
  const paths = [];
  for (const level of contours().size([nx, ny]).thresholds(thresholds)(values)) {
    const d = level.coordinates.flatMap((polygon) => polygon.map((ring) =>
      `M${ring.map(([cx, cy]) => `${((cx - 0.5) * sx).toFixed(1)},${((cy - 0.5) * sy).toFixed(1)}`).join('L')}Z`)).join('');
    if (d) paths.push(d);
  }
  return paths;
}
