// Why this file exists: a line chart of thousands of points draws no more than its columns
// can show, and the browser parses and paints every point of an SVG path: the playground's loss
// history (2,000 to 4,000 points) made each redraw of its chart the page's longest task.
// At most two points of `points` ([step, value], in step order) for each of `columns` equal
// spans of steps: the lowest and the highest of the span, in step order, and the first and the
// last point (where the course starts, and its latest value). A line through them has the
// envelope of the line through all of them (a spike of the loss stays), at a fraction of the
// cost.
export function envelope(points, columns) {
  if (points.length <= 2 * columns) return points;
  const first = points[0][0], span = points.at(-1)[0] - first || 1;
  const out = [];
  let column = -1, lo = null, hi = null;
  const flush = () => {
    if (lo === null) return;
    if (lo === hi) out.push(lo);
    else out.push(...(lo[0] < hi[0] ? [lo, hi] : [hi, lo]));
  };
  for (const p of points) {
    const c = Math.min(columns - 1, Math.floor(((p[0] - first) / span) * columns));
    if (c !== column) {
      flush();
      column = c;
      lo = hi = p;
    } else {
      if (p[1] < lo[1]) lo = p;
      if (p[1] > hi[1]) hi = p;
    }
  }
  flush();
  if (out[0] !== points[0]) out.unshift(points[0]);
  if (out.at(-1) !== points.at(-1)) out.push(points.at(-1));
  return out;
}
