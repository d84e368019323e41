// Why this file exists: embed.html shows exactly one widget, chosen by its URL:
//   embed.html?widget=saddle-explorer&scenario=saddle-explorer&theme=dark&hide=tools&autoplay=1
// plus the widget's own state (the same parameters its "Copy link" writes). It tells the
// page that frames it its height whenever that changes (postMessage {type: 'lll-height',
// height, settled}), so embed.js on the host can size the iframe to fit. `settled`: the widget
// has drawn what it computed (a published state past loading), or the page shows an error;
// until then the page is shorter than it will be, and embed.js keeps the height it reserved
// for the widget rather than shrink the iframe and grow it again under the reader.
//
// The page's first paint is its own: before any module of the kit is fetched, the widget's
// frame and description (the build writes every widget's into embed.html, a <template>) are
// put inside the widget's element, where they show until its code defines it (a defined
// widget draws in its shadow root instead); the kit, the widget's code and the wasm core
// arrive after, so the largest paint of the page does not wait for them. This module
// therefore imports the kit only dynamically: a static import would be fetched, with its
// chunks, before a line of it ran.

const params = new URLSearchParams(location.search);
const slot = document.getElementById('widget');

let failed = false;
function fail(text) {
  failed = true;
  const message = document.createElement('p');
  message.className = 'embed-error';
  message.setAttribute('role', 'alert');
  message.textContent = text;
  slot.replaceChildren(message);
}

const settled = () => failed || !['loading', 'waiting', undefined].includes(slot.querySelector('[data-state]')?.dataset.state);

// The page's height as the last layout left it, from the ResizeObserver below: reading it with
// getBoundingClientRect in a state listener would force a layout inside the widget's draw
// task (a state is published in the frame that drew it), which cost a filling slice up to
// 12 ms of its 50 ms budget a frame.
let laidOutHeight = null;
function reportHeight() {
  if (laidOutHeight === null) return; // before the first layout: the observer reports it
  const height = laidOutHeight;
  const key = `${height} ${settled()}`;
  if (key !== reportHeight.last && window.parent !== window) {
    reportHeight.last = key;
    window.parent.postMessage({ type: 'lll-height', height, settled: settled() }, '*');
  }
}

const name = params.get('widget') ?? '';
const theme = params.get('theme') ?? 'light';

// The widget's frame and description as the build wrote them, shown at once (null for a name
// that is no widget's, or a theme that is none: those are refused below, once the kit is here).
function preview() {
  if (!['light', 'dark'].includes(theme)) return null;
  const template = document.getElementById('widget-previews');
  const frame = [...(template?.content.children ?? [])].find((element) => element.dataset.widget === name);
  if (!frame) return null;
  const element = document.createElement(`lll-${name}`);
  element.append(frame.cloneNode(true));
  return element;
}

const shownFirst = preview();
if (shownFirst) {
  document.body.dataset.theme = theme;
  slot.replaceChildren(shownFirst);
}

// The observer reports the first layout and every change of height after it.
new ResizeObserver((entries) => {
  laidOutHeight = Math.ceil(entries.at(-1).borderBoxSize[0].blockSize);
  reportHeight();
}).observe(document.documentElement);
// A published state may leave the height as it was and still settle the page: said too (a
// state that changes the height is reported by the observer after the next layout).
document.addEventListener('state', reportHeight);

// (Not a top-level await: the offline file bundles this page's modules into a classic script.)
Promise.all([import('./widgets.js'), import('./kit/format.js'), import('./kit/messages.js'), import('./kit/catalog.js')]).then(([
  { loadWidget, WIDGETS }, { shown }, { messageOf, pageRefusal }, { coreCatalog }]) => {
  // The page's refusals of its options are data (codes of the core's table); their words are the
  // core's catalog's, fetched only for them (in the English of their code if it cannot be had).
  const refusal = (field, code, ...args) => pageRefusal(field, code, args);
  const words = (refusals) => coreCatalog().catch(() => null).then(() => refusals.map((r) => messageOf(r)).join('; '));
  if (!Object.hasOwn(WIDGETS, name)) {
    failed = true; // settled now: the page shows no widget
    words([refusal('widget', 'unknown_widget', shown(name), Object.keys(WIDGETS).join(', '))]).then(fail);
  } else if (!['light', 'dark'].includes(theme)) {
    failed = true;
    words([refusal('theme', 'embed_unknown_theme', shown(theme), 'light, dark')]).then(fail);
  } else {
    document.body.dataset.theme = theme;
    const title = `Loss Landscape Lab: ${name.replace(/-/g, ' ')}`;
    document.getElementById('embed-title').textContent = title;
    document.title = title;
    // Its options are set before it is defined (loadWidget), as on an element written in HTML.
    const element = shownFirst ?? document.createElement(`lll-${name}`);
    for (const attribute of ['scenario', 'hide', 'surface', 'optimizer', 'scenarios']) {
      if (params.has(attribute)) element.setAttribute(attribute, params.get(attribute));
    }
    element.setAttribute('theme', theme);
    // The page's outline: its h1 (the widget's name), then the widget's own headings.
    element.setAttribute('heading-level', '2');
    const autoplay = params.get('autoplay');
    const notes = [];
    if (autoplay === '1' || autoplay === 'true') element.setAttribute('autoplay', '');
    else if (autoplay !== null && autoplay !== '0' && autoplay !== 'false') notes.push(refusal('autoplay', 'embed_not_autoplay', shown(autoplay)));
    // The widget's state: this page's fragment (and, in links of before, its query).
    element.setAttribute('url-state', 'query');
    if (element !== shownFirst) slot.replaceChildren(element);
    loadWidget(name).then(() => {
      // Defined, the widget draws in its shadow root: its preview is no longer shown, and leaves
      // the element's text too.
      element.querySelector(':scope > .embed-preview')?.remove();
      // Controls to hide must be the widget's own: a misspelt one would silently stay shown.
      const controls = Object.keys(customElements.get(`lll-${name}`).controls);
      for (const control of (params.get('hide') ?? '').split(',').map((c) => c.trim()).filter(Boolean)) {
        if (!controls.includes(control)) notes.push(refusal('hide', 'embed_unknown_control', shown(control), controls.join(', ')));
      }
      if (!notes.length) return;
      words(notes).then((text) => {
        const note = document.createElement('p');
        note.className = 'embed-note';
        note.setAttribute('role', 'status');
        note.textContent = text;
        slot.prepend(note);
      });
    }, (error) => fail(String(error.message ?? error)));
  }
}, (error) => fail(`the page's code did not load: ${String(error?.message ?? error)}`));
