// Why this file exists: the one seam between the kit and the offline file (one HTML file that
// holds every page, built by tools/build-offline.mjs and opened from disk). Served, the kit
// loads its files from beside itself: worker.js, landscape.wasm, scenarios/.
// From a file:// URL nothing can be fetched (and module workers do not start), so the offline
// file carries those files in its own <head>, and this module hands them to the kit:
// - <script type="text/plain" id="lll-offline-worker">: worker.js bundled as a classic
//   script (the emscripten module inside it), started from a Blob URL;
// - <script type="text/plain" id="lll-offline-wasm">: landscape.wasm in base64, compiled
//   once per page like the served file;
// - <script type="application/json" id="lll-offline-files">: the other files by their path
//   in build/web (the pages' stylesheets, scenarios/NAME.json, scenarios/index.json).
// Every page of the file sits under the same URL; `#page=NAME` in the fragment says which one
// (the other entries of the fragment, and the query, are the page's own, as when served).
// `offline` is null when served: every user of this module keeps its served path as it was.

const holder = typeof document === 'undefined' ? null : document.getElementById('lll-offline-files');

export const PAGE_KEY = 'page';

// The page of the offline file a fragment names ('index' when it names none).
export function offlinePage(hash = location.hash) {
  const text = hash.replace(/^#/, '');
  return (text.includes('=') && new URLSearchParams(text).get(PAGE_KEY)) || 'index';
}

// The address of page `name` with `query`, for a link a page builds to itself or to another
// page (an answer link, "back to the tutorial"): served, NAME.html beside the current page;
// in the offline file, the file itself with #page=NAME. A page that writes more entries into
// the fragment adds them to this URL's hash (keeping `page`).
export function pageAddress(name, query = '') {
  if (offline) return offline.pageUrl(name, query);
  const url = new URL(`${name}.html`, location.href);
  url.search = String(query);
  return url;
}

export const offline = holder ? makeOffline(JSON.parse(holder.textContent)) : null;

function makeOffline(files) {
  let workerUrl = null;
  return {
    // The file's text at `path` (relative to build/web), or null when the file does not hold it.
    text(path) {
      return Object.hasOwn(files, path) ? files[path] : null;
    },
    // A Blob URL of the worker's code: a classic worker (a module worker cannot start from
    // a file:// page). One URL for every widget's worker.
    workerUrl() {
      workerUrl ??= URL.createObjectURL(new Blob([document.getElementById('lll-offline-worker').textContent], { type: 'text/javascript' }));
      return workerUrl;
    },
    wasmBytes() {
      const text = document.getElementById('lll-offline-wasm').textContent.trim();
      return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    },
    // The URL of page `name` of this file with `query` (a string or URLSearchParams): the
    // served page `name`.html?query, as the offline file spells it.
    pageUrl(name, query = '') {
      const url = new URL(location.href);
      url.search = String(query);
      url.hash = `${PAGE_KEY}=${encodeURIComponent(name)}`;
      return url;
    },
  };
}
