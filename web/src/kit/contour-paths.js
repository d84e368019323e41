// Why this file exists: the contour lines of a heatmap as SVG path data, one path per level.
// On a 120 x 120 grid they take some 20-30 ms: the saddle explorer has them computed in its
// worker (worker.js, op `contours`), off the page's thread; plots of small grids compute them
// in place (kit/heatmap-plot.js). The same code either way, so the same paths.
import { contours } from 'd3-contour';

// values: nx * ny finite numbers, row by row from the top; thresholds: the levels; size: the
// plot's box in overlay units. Returns the path data of each level that has any line.
export function contourPaths(values, nx, ny, thresholds, size) {
  if (!thresholds.length) return [];
  const sx = size / (nx - 1), sy = size / (ny - 1);
  const paths = [];
  for (const level of contours().size([nx, ny]).thresholds(thresholds)(values)) {
    const d = level.coordinates.flatMap((polygon) => polygon.map((ring) =>
      `M${ring.map(([cx, cy]) => `${((cx - 0.5) * sx).toFixed(1)},${((cy - 0.5) * sy).toFixed(1)}`).join('L')}Z`)).join('');
    if (d) paths.push(d);
  }
  return paths;
}
