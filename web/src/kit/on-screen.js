// Why this file exists: the figures on screen come first. How near the window a widget counts as
// on screen, one margin for the two that ask: a widget computes only within it (kit/widget.js),
// and its code loads at once within it (widgets.js); and the waits of what comes after them (the
// next figures' code, the tutorial's later chapters): until the widgets on screen have started,
// then until the page is idle.
export const ON_SCREEN_MARGIN_PX = 200;

// Whether a box (a getBoundingClientRect or an IntersectionObserver entry's) is within the margin.
export const onScreen = (box) => box.bottom > -ON_SCREEN_MARGIN_PX && box.top < innerHeight + ON_SCREEN_MARGIN_PX;

// Runs `callback` when the page is next idle (at the latest after `timeoutMs`); where the browser
// has no idle callbacks, after `fallbackMs`.
export const whenIdle = (callback, timeoutMs, fallbackMs = 16) => (typeof requestIdleCallback === 'function'
  ? requestIdleCallback(callback, { timeout: timeoutMs })
  : setTimeout(callback, fallbackMs));

// Resolves when none of `widgets` is still loading (its code not yet run, or computing its first
// view), or after `limitMs`: what comes after the figures the reader sees (the next figures'
// code, the tutorial's later chapters) waits for them rather than slowing them down. Their
// states are read as they change, not polled.
export function widgetsStarted(widgets, limitMs) {
  const loading = () => widgets.some((widget) => widget.isConnected && (!widget.dataset.state || widget.dataset.state === 'loading'));
  return new Promise((resolve) => {
    if (!loading()) return resolve();
    const observer = new MutationObserver(() => { if (!loading()) done(); });
    const timer = setTimeout(done, limitMs);
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    }
    for (const widget of widgets) observer.observe(widget, { attributes: true, attributeFilter: ['data-state'] });
  });
}
