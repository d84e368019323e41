// Why this file exists: the script of the offline file (tools/build-offline.mjs), one HTML
// file that holds every page and opens from disk. Each page is a <template data-page="NAME">
// in the file's <head> with its title, body class and stylesheets (texts the file carries,
// kit/offline.js). The fragment's `page=NAME` entry says which page to show (the tutorial
// when it names none); this script puts that page's body in place, adds its stylesheets and
// runs its scripts (`scripts[NAME]`, bundled into this file by the builder). One page per
// load, as when served: a link to another page (rewritten by the builder to
// `?QUERY#page=NAME`) or Back to one loads the file again, so no page's listeners, workers
// or element ids meet another's. The query and the other fragment entries are the page's
// own (the playground's settings, the embed page's widget, the tutorial's place and
// widget states), exactly as on the served pages.
import { offline, offlinePage } from './kit/offline.js';
import { shown } from './kit/format.js';

// The fragment as text ('' for a malformed escape, which names no element).
function fragmentText(hash) {
  try {
    return decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return '';
  }
}

// The page a fragment names. An old-style fragment naming an element (`#figure-rescue`)
// names the page that holds that element.
function pageOf(hash, templates) {
  const text = fragmentText(hash);
  if (text && !text.includes('=')) {
    for (const [name, template] of templates) if (template.content.getElementById(text)) return name;
  }
  return offlinePage(hash);
}

export async function openOfflinePage(scripts) {
  const templates = new Map([...document.querySelectorAll('template[data-page]')].map((t) => [t.dataset.page, t]));
  const asked = pageOf(location.hash, templates);
  const name = templates.has(asked) ? asked : 'index';
  const template = templates.get(name);
  document.title = template.dataset.title;
  document.body.className = template.dataset.bodyClass ?? '';
  // The CSP allows exactly these stylesheet texts (their hashes).
  for (const sheet of (template.dataset.styles ?? '').split(',').filter(Boolean)) {
    const style = document.createElement('style');
    style.textContent = offline.text(sheet);
    document.head.append(style);
  }
  document.body.replaceChildren(template.content.cloneNode(true));
  if (name !== asked) {
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = `page: "${shown(asked)}" is not a page of this file (${[...templates.keys()].join(', ')}); here is the tutorial.`;
    document.body.prepend(message);
  }
  document.documentElement.dataset.offlinePage = name;

  // Another page named in the fragment (Back, a typed address, an old-style link) loads the
  // file again; a fragment naming an element of this page is this page's own business.
  window.addEventListener('hashchange', () => {
    const text = fragmentText(location.hash);
    if (text && !text.includes('=') && document.getElementById(text)) return;
    if (pageOf(location.hash, templates) !== name) location.reload();
  });
  await scripts[name]?.();
  // A link into a page at an element (`#page=NAME&at=ID`): the tutorial keeps its place
  // itself (tutorial/place.js); other pages scroll there once.
  const at = new URLSearchParams(location.hash.slice(1)).get('at');
  if (at && name !== 'index') document.getElementById(at)?.scrollIntoView({ block: 'start' });
  document.documentElement.dataset.offline = 'ready';
}
