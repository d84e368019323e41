// Why this file exists: the one script a page (a blog post, the tutorial) loads to use the
// widgets: <script type="module" src=".../widgets.js"></script>, then <lll-saddle-explorer>
// and the others anywhere in the page. Each widget's code is fetched only when an element of
// it is on the page (a page with one widget loads that widget, the kit and the core), and only
// once that element comes near the viewport (within one and a half screens of it): the
// tutorial's thirteen figures are mostly below its first screen, and a reader who never scrolls to
// the last chapters never loads their code. A page that needs a widget defined at once calls
// loadWidget(name) (the embed page does).
export const WIDGETS = {
  'added-neuron': () => import('./widgets/added-neuron.js'),
  'saddle-explorer': () => import('./widgets/saddle-explorer.js'),
  'curvature-primer': () => import('./widgets/curvature-primer.js'),
  'spectrum-while-training': () => import('./widgets/spectrum-while-training.js'),
  'deep-linear-networks': () => import('./widgets/deep-linear-networks.js'),
  'index-versus-loss': () => import('./widgets/index-versus-loss.js'),
  playground: () => import('./widgets/playground.js'),
  'landscape-slice': () => import('./widgets/landscape-slice.js'),
  'between-minima': () => import('./widgets/between-minima.js'),
  'sharp-flat': () => import('./widgets/sharp-flat.js'),
  'skip-width': () => import('./widgets/skip-width.js'),
  interpolation: () => import('./widgets/interpolation.js'),
};
// Names the widgets had before the lll- prefix; they still work.
const ALIASES = {
  'added-neuron-experiment': 'added-neuron', 'saddle-explorer': 'saddle-explorer',
  'spectrum-while-training': 'spectrum-while-training', 'deep-linear-networks': 'deep-linear-networks',
  'index-versus-loss': 'index-versus-loss', 'network-playground': 'playground',
};

// The widget an element's tag stands for, or null.
export function widgetOf(tag) {
  const name = tag.toLowerCase();
  if (name.startsWith('lll-') && Object.hasOwn(WIDGETS, name.slice(4))) return name.slice(4);
  return ownPage ? ALIASES[name] ?? null : null;
}

const loading = new Map();
export function loadWidget(name) {
  if (!Object.hasOwn(WIDGETS, name)) return Promise.reject(pageRefusal('widget', 'unknown_widget', [shown(name), Object.keys(WIDGETS).join(', ')]));
  if (!loading.has(name)) {
    prestartWorker(); // its worker starts while its code loads (kit/core-client.js)
    // So does the fetch of the catalog its start reads (once a page; a failure is asked again
    // by the widget, which then says why).
    coreCatalog().catch(() => {});
    const load = WIDGETS[name]();
    // A load that failed is not kept: a later call (the page shown again) tries again.
    load.catch(() => { if (loading.get(name) === load) loading.delete(name); });
    loading.set(name, load);
  }
  return loading.get(name);
}

// Set when the reader leaves the page: the browser then stops the downloads still running,
// and a widget's code stopped that way is no error; the widget loads when the page is shown
// again (from the back/forward cache).
let leaving = false;
if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', () => { leaving = true; });
  window.addEventListener('pageshow', () => { leaving = false; });
}

// Loads the widget's code when `element` comes near the viewport: at once when it is on screen
// (kit/on-screen.js); else once the widgets loaded at once have started (or after 10 s) and the
// page is next idle, or as soon as it comes on screen itself. On a slow phone, the code and the
// first drawing of the next figure down took a tenth of a second of the main thread while the
// figure on screen was starting; the reader, a screen or more away from it, waits for it either way.
let loadedOnScreen = []; // those still on the page
const requested = new WeakSet();
let nearby = null;
let arriving = null;

function load(element) {
  nearby.unobserve(element);
  arriving.unobserve(element);
  if (requested.has(element)) return;
  requested.add(element);
  const name = widgetOf(element.localName);
  loadWidget(name).catch((error) => {
    requested.delete(element);
    if (leaving) window.addEventListener('pageshow', () => loadWhenNear(element), { once: true });
    else console.error(`widget ${name}: its code did not load: ${error?.message ?? error}`);
  });
}

function loadWhenNear(element) {
  arriving ??= new IntersectionObserver((entries) => {
    for (const { target, isIntersecting } of entries) if (isIntersecting) load(target);
  }, { rootMargin: `${ON_SCREEN_MARGIN_PX}px 0px` });
  nearby ??= new IntersectionObserver((entries) => {
    for (const { target, isIntersecting, boundingClientRect } of entries) {
      if (!isIntersecting) continue;
      nearby.unobserve(target);
      loadedOnScreen = loadedOnScreen.filter((element) => element.isConnected);
      if (onScreen(boundingClientRect)) {
        loadedOnScreen.push(target);
        load(target);
      } else {
        arriving.observe(target);
        widgetsStarted([...loadedOnScreen], 10000).then(() => whenIdle(() => load(target), 2000, 50));
      }
    }
  }, { rootMargin: '150% 0px' });
  nearby.observe(element);
}

function upgrade(root) {
  for (const element of root.querySelectorAll(':not(:defined)')) if (widgetOf(element.localName)) loadWhenNear(element);
}

if (typeof document !== 'undefined') {
  upgrade(document);
  new MutationObserver((changes) => {
    for (const change of changes) for (const node of change.addedNodes) if (node.nodeType === 1) {
      if (widgetOf(node.localName) && !customElements.get(node.localName)) loadWhenNear(node);
      upgrade(node);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

// For the page's tests and the curious: what the widgets' workers hold now. The kit sets no
// global of its own: a test imports this module by its script's URL (the same instance).
export { kitStats } from './kit/core-client.js';
// A page in another language registers its catalog of messages (the core's catalog().messages,
// translated; the same codes and {0}, {1}, ...) before its widgets refuse anything: every
// refusal the core has coded is then shown in its words (kit/messages.js).
export { useMessageCatalog } from './kit/messages.js';
import { prestartWorker } from './kit/core-client.js';
import { coreCatalog } from './kit/catalog.js';
import { ON_SCREEN_MARGIN_PX, onScreen, whenIdle, widgetsStarted } from './kit/on-screen.js';
import { shown } from './kit/format.js';
import { ownPage } from './kit/own-page.js';
import { pageRefusal } from './kit/messages.js';

