// The loss chart's envelope (web/src/kit/envelope.js): few points, and none of the course lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envelope } from '../../web/src/kit/envelope.js';

// A noisy decreasing loss with one spike, as SGD draws it.
const course = (n) => Array.from({ length: n }, (_, i) => [i * 25, 1 / (1 + i / 50) + 0.05 * Math.sin(i * 1.7) + (i === 1234 ? 3 : 0)]);

test('a short course is drawn as it is; a long one with at most two points a column', () => {
  const short = course(300);
  assert.equal(envelope(short, 200), short);
  const long = course(4000);
  const drawn = envelope(long, 300);
  assert.ok(drawn.length <= 602, `${drawn.length} points`);
  assert.ok(drawn.length >= 300, 'every column has a point');
});

test('the envelope keeps the first and last points, the spike, each column\'s lowest and highest, in step order', () => {
  const long = course(4000);
  const columns = 300;
  const drawn = envelope(long, columns);
  assert.equal(drawn[0], long[0]);
  assert.equal(drawn.at(-1), long.at(-1));
  for (let i = 1; i < drawn.length; ++i) assert.ok(drawn[i][0] > drawn[i - 1][0], 'steps ascend');
  assert.equal(Math.max(...drawn.map((p) => p[1])), Math.max(...long.map((p) => p[1])), 'the spike stays');
  assert.equal(Math.min(...drawn.map((p) => p[1])), Math.min(...long.map((p) => p[1])));
  // Each column's lowest and highest value of the full course is in the drawn points.
  const first = long[0][0], span = long.at(-1)[0] - first;
  const column = (p) => Math.min(columns - 1, Math.floor(((p[0] - first) / span) * columns));
  const kept = new Set(drawn);
  const byColumn = new Map();
  for (const p of long) byColumn.set(column(p), [...(byColumn.get(column(p)) ?? []), p]);
  for (const points of byColumn.values()) {
    const lo = points.reduce((a, b) => (b[1] < a[1] ? b : a));
    const hi = points.reduce((a, b) => (b[1] > a[1] ? b : a));
    assert.ok(kept.has(lo) && kept.has(hi));
  }
});
