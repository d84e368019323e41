// Why this file exists: one animation-frame callback for every widget on the page, with a
// budget. All requestAnimationFrame callbacks of a frame run in one task; eight widgets
// drawing 8 ms each would make a 64 ms long task. Here a frame draws widgets until the
// budget is spent and leaves the rest (oldest first) to the next frame.
const BUDGET_MS = 8;
// A widget redraws at most every MIN_INTERVAL_MS, and less often when many draw at once (the
// browser's style, layout and paint of their SVG charts come on top of the budget): charts
// need no more, and eight widgets redrawing every frame would fill the main thread.
const MIN_INTERVAL_MS = 50;
// Who drew lately, to count them: {owner (held weakly), time of its last request}. Weakly,
// because nothing may keep a removed widget alive: with no draw requested after the last
// removals, this list is not pruned, and it once held a removed slice with its shadow tree.
const recentRequests = new Set();
const recentOf = new WeakMap(); // owner -> its entry in recentRequests
const queue = new Map(); // owner -> draw function (the latest wins)
const lastDrawn = new WeakMap(); // owner -> time of its last draw
// owner -> (what is published -> how) once its view is drawn (afterDraw): the latest of each
// wins; the state goes last, so that whoever waits on it finds the rest published too.
const publications = new Map();
let scheduled = false;

// A draw that threw is logged with its stack as text: every browser and test driver shows it
// (an Error object reaches some drivers only as "JSHandle@error").
function logError(what, error) {
  console.error(`${what} failed: ${error?.message ?? error}\n${error?.stack ?? ""}`);
}

function publish(owner) {
  const actions = publications.get(owner);
  if (!actions) return;
  publications.delete(owner);
  const state = actions.get('state');
  actions.delete('state');
  for (const action of [...actions.values(), state]) {
    if (!action) continue;
    try {
      action();
    } catch (error) {
      logError('a publication after a draw', error);
    }
  }
}

function run(now) {
  scheduled = false;
  const start = performance.now();
  for (const entry of recentRequests) if (now - entry.at > 1000 || !entry.owner.deref()) recentRequests.delete(entry);
  const interval = Math.max(MIN_INTERVAL_MS, 20 * recentRequests.size);
  // With several widgets drawing, one draw a frame: the browser's style, layout and paint of
  // that widget's charts come after this callback in the same task.
  const most = recentRequests.size > 2 ? 1 : Infinity;
  let drawn = 0;
  for (const [owner, draw] of queue) {
    if (drawn >= most) break;
    if (now - (lastDrawn.get(owner) ?? -Infinity) < interval) continue; // a later frame
    drawn++;
    queue.delete(owner);
    lastDrawn.set(owner, now);
    try {
      draw();
    } catch (error) {
      logError('a draw', error);
    }
    if (!queue.has(owner)) publish(owner); // a draw that asked for another (contours) is not done
    if (performance.now() - start > BUDGET_MS) break;
  }
  // An owner with nothing left to draw has its view up to date: what it waits to say is said.
  for (const owner of [...publications.keys()]) if (!queue.has(owner)) publish(owner);
  if (queue.size || publications.size) schedule();
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(run);
}

// Draws `draw` in an upcoming frame; a later request of the same owner replaces it.
export function requestDraw(owner, draw) {
  let entry = recentOf.get(owner);
  if (!entry || !recentRequests.has(entry)) {
    entry = { owner: new WeakRef(owner), at: 0 };
    recentOf.set(owner, entry);
    recentRequests.add(entry);
  }
  entry.at = performance.now();
  queue.delete(owner); // re-queued at the end: the longest-waiting draws go first
  queue.set(owner, draw);
  schedule();
}

// Runs `action` (a widget publishing its state, or a number its view shows, named `what`) in
// the frame that draws `owner`'s queued view, right after that draw; with no draw queued by
// then, in the next frame. So whatever watches what is published (a test, an exercise reading
// an answer, an embedding page, a screen reader) never sees it before the view it describes.
// A later call for the same `what` replaces it; the state is published after the rest.
export function afterDraw(owner, action, what = 'state') {
  if (!publications.has(owner)) publications.set(owner, new Map());
  publications.get(owner).set(what, action);
  schedule();
}

// Whether `owner`'s view shows everything it was asked to draw, and all it waits to publish is
// published: nothing of it is queued for a coming frame.
export function isSettled(owner) {
  return !queue.has(owner) && !publications.has(owner);
}

// Resolves at the next animation frame (paced loops wait on it between requests).
export function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
