// Why this file exists: one animation-frame callback for every widget on the page, with a
// budget. All requestAnimationFrame callbacks of a frame run in one task; eight widgets
// drawing 8 ms each would make a 64 ms long task. Here a frame draws widgets until the
// budget is spent and leaves the rest (oldest first) to the next frame.
const BUDGET_MS = 12;
const queue = new Map(); // owner -> draw function (the latest wins)
let scheduled = false;

function run() {
  scheduled = false;
  const start = performance.now();
  for (const [owner, draw] of queue) {
    queue.delete(owner);
    try {
      draw();
    } catch (error) {
      console.error(error);
    }
    if (performance.now() - start > BUDGET_MS) break;
  }
  if (queue.size) schedule();
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(run);
}

// Draws `draw` in an upcoming frame; a later request of the same owner replaces it.
export function requestDraw(owner, draw) {
  queue.delete(owner); // re-queued at the end: the longest-waiting draws go first
  queue.set(owner, draw);
  schedule();
}

// Resolves at the next animation frame (paced loops wait on it between requests).
export function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
