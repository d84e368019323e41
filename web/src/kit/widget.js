// Why this file exists: what every widget shares, written once, so a widget module holds
// only its own view. A LabWidget
// - draws into its own shadow root with the kit's stylesheet (widgets.css, bundled: one
//   constructed sheet that every shadow root adopts, kit/sheet.js): a blog's global `div`, `canvas` or
//   `button` rules do not reach inside, and ours do not leak out;
// - owns one CoreClient (one worker) and frees it when removed from the page;
// - computes only while on screen and in a visible tab (`active`, one observer for all the
//   page's widgets), and starts its first computation when first scrolled into view; its
//   run loops (kit/run-loop.js, every computation in steps) stop while it is not active,
//   go on when it is again, and end when it is removed;
// - reads the shared options: theme="light|dark", hide="control,control" (the names each
//   widget lists in its `controls`), autoplay, heading-level (where its headings sit in the
//   page's outline), and its state from the page URL (url-state);
// - offers "Copy link", PNG, CSV and scenario exports;
// - has one polite live region (announce()): its messages and the changes of its state
//   (data-state: training started, paused, finished, diverged with the core's message) are
//   read out by screen readers, once, from here;
// - publishes its state (setState) only once the view it describes is drawn: the data-state
//   attribute and a `state` event (detail: { state, previous }) follow the render of the same
//   frame, so a page, a test or a screen reader that watches them never reads a stale view.
//   The widget's own code reads `currentState`, which changes at once.
// A widget class sets `static widgetName`, `static controls`, and implements build(body),
// start(), and optionally onActiveChange(active), state()/restore(params), csv(), scenario().
import { CoreClient, crossOrigin } from './core-client.js';
import { ON_SCREEN_MARGIN_PX } from './on-screen.js';
import { kitBase } from './scenarios.js';
import { download, downloadText, figureSvg, picture } from './export.js';
import { PAGE_KEY, offline, offlinePage } from './offline.js';
import { packParams, unpackParams } from './link-codec.js';
import { shown } from './format.js';
import { readChoice, readNumber, refusal } from './link-values.js';
import { afterDraw, isSettled } from './frames.js';
import { PAPER } from './palettes.js';
import { widgetSheet } from './sheet.js';
import { ownPage } from './own-page.js';
import { hasMessageCatalog, messageOf, pageRefusal } from './messages.js';
import { coreCatalog } from './catalog.js';

export const WIDGET_PREFIX = 'lll-';

// Registers a widget class as <lll-NAME> and, on the project's own pages only (own-page.js),
// as its name from before the prefix (a subclass: one constructor cannot be defined twice).
export function defineWidget(WidgetClass, ...aliases) {
  const name = `${WIDGET_PREFIX}${WidgetClass.widgetName}`;
  if (!customElements.get(name)) customElements.define(name, WidgetClass);
  if (!ownPage) return;
  for (const alias of aliases) if (!customElements.get(alias)) customElements.define(alias, class extends WidgetClass {});
}

// The page's own options on the embed and playground pages (the query keeps them); the rest
// of a URL is the widget's state.
const PAGE_OPTIONS = ['widget', 'scenario', 'theme', 'hide', 'autoplay', 'surface', 'optimizer', 'scenarios'];

// The page's address (path, query and fragment) replaced without a history entry, when it
// changes: a widget saves its state on every load and step, mostly unchanged, and each
// replaceState cost 3-13 ms of a slow phone's main thread.
function replaceAddress(address) {
  if (address !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', address);
}

// The per-widget URL state: in the page's fragment as key=<urlencoded params>, one key per
// widget (url-state="hash", the tutorial), or the whole fragment (url-state="query": the embed
// and playground pages; links written before the fragment carried it in the query, which is
// still read, the fragment winning). Long values are packed (link-codec.js): the state is
// ready once unpacked (urlStateReady).
function readUrlState(widget) {
  const mode = widget.getAttribute('url-state');
  if (mode === 'query') {
    const params = new URLSearchParams(location.search);
    for (const [key, value] of new URLSearchParams(location.hash.slice(1))) params.set(key, value);
    for (const key of ['widget', 'theme', 'hide', 'autoplay', PAGE_KEY]) params.delete(key); // the page's, not the widget's
    return params;
  }
  if (mode === 'hash') return new URLSearchParams(new URLSearchParams(location.hash.slice(1)).get(widget.stateKey) ?? '');
  return new URLSearchParams(widget.getAttribute('state') ?? '');
}

// The embed page's address for widget `name` (in the offline file, its page there).
export function embedAddress(name) {
  const url = offline ? offline.pageUrl('embed') : new URL('embed.html', kitBase);
  url.searchParams.set('widget', name);
  return url;
}

// `url` with `state` (URLSearchParams) added to its fragment, after what is there already
// (the offline file's page).
export function withFragment(url, state) {
  const hash = new URLSearchParams(url.hash.slice(1));
  for (const [key, value] of state) hash.set(key, value);
  url.hash = hash.toString();
  return url;
}


// Whether each widget is on screen (with a margin: it starts computing just before it
// shows) and the tab visible: one observer and one listener for every widget of the page.
const watched = new Set(); // the widgets on the page
let sharedVisibility = null;
function visibilityObserver() {
  if (sharedVisibility) return sharedVisibility;
  sharedVisibility = new IntersectionObserver((entries) => {
    // A widget's last entry of the batch is where it is now.
    const latest = new Map(entries.map((entry) => [entry.target, entry.isIntersecting]));
    for (const [widget, onScreen] of latest) {
      if (!watched.has(widget)) continue;
      widget.onScreen = onScreen;
      widget.updateActive();
    }
  }, { rootMargin: `${ON_SCREEN_MARGIN_PX}px 0px` });
  document.addEventListener('visibilitychange', () => { for (const widget of watched) widget.updateActive(); });
  return sharedVisibility;
}

export class LabWidget extends HTMLElement {
  static widgetName = '';
  static controls = {}; // name -> what it is, for hide="..."
  // The keys of the widget's state in a link (what linkState() writes): any other key a link
  // carries is reported by name and ignored.
  static stateKeys = [];
  static observedAttributes = ['hide', 'scenario', 'src'];

  get stateKey() { return this.id || this.constructor.widgetName; }

  // The widget's state (loading, ready, running, done, error...), known at once to its own code
  // and published after the next draw of its view (frames.js afterDraw).
  setState(state) {
    // A widget that has given way to the notice that the core cannot run here (showUnavailable)
    // stays so: what its start() goes on to do (its worker starts with it, and may be refused
    // while the scenario is still being fetched) is not drawn, and no other state is published.
    if (this.unavailable && state !== 'unavailable') return;
    this.currentState = state;
    afterDraw(this, () => {
      const previous = this.dataset.state;
      if (previous === state) return;
      this.dataset.state = state;
      this.dispatchEvent(new CustomEvent('state', { detail: { state, previous }, bubbles: true, composed: true }));
    });
  }

  // A figure of the view that a page or a test reads (data-step, data-alpha...): published, like
  // the state, after the next draw of the view, so that it never runs ahead of what is shown.
  publishData(name, value) {
    afterDraw(this, () => (this.dataset[name] = value), name);
  }

  // No draw of this widget and nothing it publishes waits for a coming frame: what its data-
  // attributes say is what its view shows, and stays so until it computes again.
  get viewSettled() { return isSettled(this); }

  connectedCallback() {
    if (!this.shell) this.buildShell();
    this.closed = false;
    this.client.reopen();
    this.observeVisibility();
  }

  // Removal frees the worker and everything in it; a move (removed and inserted again in
  // the same task) keeps everything.
  disconnectedCallback() {
    queueMicrotask(() => {
      if (this.isConnected) return;
      watched.delete(this);
      sharedVisibility?.unobserve(this);
      this.setActive(false);
      for (const loop of this.runLoops ?? []) loop.replace(); // its runs end with it
      this.closed = true;
      this.close?.();
      this.client.close();
      this.started = false;
    });
  }

  attributeChangedCallback(name, previous, value) {
    if (name === 'hide' && this.shell) this.applyHide();
    // A new scenario replaces the run (widgets that take one implement onScenarioChange).
    if ((name === 'scenario' || name === 'src') && previous !== value && this.started) this.onScenarioChange?.();
  }

  buildShell() {
    this.client = new CoreClient(this.constructor.widgetName);
    this.client.onUnavailable = (error) => this.showUnavailable(error);
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [widgetSheet()];
    const frame = document.createElement('div');
    frame.className = `lll lll-${this.constructor.widgetName}`;
    // The link's refused settings have a line of their own: a widget's messages do not hide it.
    frame.innerHTML = `<p class="message error" data-role="link-note"></p>
      <div class="lll-body" data-role="body"></div>
      <div class="lll-tools" data-control="tools">
        <button type="button" data-role="copy-link" title="A link that opens this widget as you see it">Copy link</button>
        <button type="button" data-role="export-png" title="The picture as a PNG file, at twice the screen's size">PNG</button>
        <button type="button" data-role="export-svg" title="The picture as an SVG file: vectors, for a paper or a slide">SVG</button>
        <button type="button" data-role="export-csv" title="The numbers behind the picture, as CSV">CSV</button>
        <button type="button" data-role="export-scenario" title="The scenario as JSON: landscape run reproduces it">Scenario</button>
        <span class="lll-tools-status" data-role="tools-status"></span>
      </div>
      <div class="visually-hidden" data-role="announcer" role="status" aria-live="polite"></div>`;
    root.replaceChildren(frame);
    this.shell = frame;
    this.body = frame.querySelector('[data-role="body"]');
    this.build(this.body);
    this.applyHide();
    this.applyHeadingLevel();
    const tool = (role, action) => frame.querySelector(`[data-role="${role}"]`).addEventListener('click', () =>
      action().catch((error) => this.toolStatus(messageOf(error))));
    tool('copy-link', () => this.copyLink());
    tool('export-png', async () => download(`${this.constructor.widgetName}.png`, await picture(this.body, this.body, this.figureOptions())));
    tool('export-svg', async () => downloadText(`${this.constructor.widgetName}.svg`, figureSvg(this.body, this.body, this.figureOptions()).text, 'image/svg+xml'));
    tool('export-csv', async () => downloadText(`${this.constructor.widgetName}.csv`, await this.csv(), 'text/csv'));
    // scenario(): the JSON text, or [{name, text}] for a widget that shows several scenarios
    // (each is its own file, so `landscape run` reproduces each).
    tool('export-scenario', async () => {
      const exported = await this.scenario();
      const files = typeof exported === 'string' ? [{ name: this.constructor.widgetName, text: exported }] : exported;
      for (const { name, text } of files) downloadText(`${name}.json`, text, 'application/json');
    });
    // Until unpacked, the state as written; start() runs once it is unpacked.
    this.urlState = readUrlState(this);
    this.urlStateErrors = [];
    this.urlStateReady = unpackParams(this.urlState).then(async ({ params, errors }) => {
      this.urlState = params;
      this.urlStateErrors = errors;
      // A link with a state of the widget's own may hold refused values: their words are the
      // catalog's (kit/catalog.js), in hand before start() reads the state, so the link's note is
      // written with the widget's first drawing, before it publishes a state.
      if ([...params.keys()].some((key) => !PAGE_OPTIONS.includes(key)) && !hasMessageCatalog()) await coreCatalog().catch(() => {});
      const keys = this.knownStateKeys();
      if (keys) this.dropUnknownKeys(keys);
      else this.showLinkNote();
    });
    // State changes are announced as they happen, whichever code path set them.
    this.stateObserver = new MutationObserver((records) => {
      // Each record has the value before it; the value after is the next record's before.
      records.forEach(({ oldValue }, i) => {
        const state = i + 1 < records.length ? records[i + 1].oldValue : this.dataset.state;
        if (state !== oldValue) this.announce(this.stateAnnouncement(state, oldValue));
      });
    });
    this.stateObserver.observe(this, { attributes: true, attributeFilter: ['data-state'], attributeOldValue: true });
  }

  // The keys of the widget's state in a link: its stateKeys; null for a widget whose keys are
  // the core's (the playground), which calls dropUnknownKeys() once it has asked the core.
  knownStateKeys() { return this.constructor.stateKeys; }

  // The link's keys that are not the widget's (`keys`) nor, in a page's query, the page's
  // options: each reported by name and dropped.
  dropUnknownKeys(keys) {
    const known = new Set([...keys, ...(this.getAttribute('url-state') === 'query' ? PAGE_OPTIONS : [])]);
    for (const key of [...this.urlState.keys()]) {
      if (known.has(key)) continue;
      this.urlStateErrors.push(pageRefusal('', 'link_unknown_key', [shown(key)]));
      this.urlState.delete(key);
    }
    this.showLinkNote();
  }

  // The link's refused settings, each naming its parameter (shown as soon as they are known): each
  // a refusal as data (or words already written from it), in the catalog's words, for which the
  // first refusal on a page waits.
  showLinkNote() {
    if (this.urlStateErrors.some((e) => typeof e === 'object') && !hasMessageCatalog()) {
      coreCatalog().catch(() => {}).then(() => { if (hasMessageCatalog()) this.showLinkNote(); else this.writeLinkNote(); });
      return;
    }
    this.writeLinkNote();
  }

  writeLinkNote() {
    const note = this.find('link-note');
    const refused = this.urlStateErrors.map((e) => messageOf(e));
    const text = refused.length ? `The link had settings that were refused: ${refused.join('; ')}.` : '';
    if (note && note.textContent !== text) {
      note.textContent = text;
      this.announce(text);
    }
  }

  // A number of the link's state: null when absent, and when it is not a decimal number in
  // [min, max] (whole with `integer`), which is reported naming the key (link-values.js).
  stateNumber(key, limits) {
    const { value, error } = readNumber(this.urlState, key, limits);
    if (error) {
      this.urlStateErrors.push(error);
      this.showLinkNote();
    }
    return value;
  }

  // One of `options` (strings), else null (reported when present; link-values.js).
  stateChoice(key, options) {
    const { value, error } = readChoice(this.urlState, key, options);
    if (error) {
      this.urlStateErrors.push(error);
      this.showLinkNote();
    }
    return value;
  }

  // A value of the link's state the widget reads itself, refused: `code` is what it is not
  // (link-values.js refusal).
  refuseState(key, raw, code, args = []) {
    this.urlStateErrors.push(refusal(key, raw, code, args));
    this.showLinkNote();
  }

  // What a change of data-state says aloud (null: nothing). A widget whose states mean
  // something else overrides this. Diverged and error states are announced by their message
  // (showMessage), which carries the core's words.
  stateAnnouncement(state, previous) {
    const said = {
      playing: 'Training started.', running: 'Training started.', training: 'Training started.',
      paused: 'Training paused.', stopped: 'Stopped.',
      finished: 'Training finished.', done: 'Done.',
    }[state];
    if (['diverged', 'error'].includes(state) && !this.find('message')?.textContent) return `Stopped: ${state}.`;
    if (state === 'paused' && previous === 'loading') return null; // a link's step, reached
    return said ?? null;
  }

  // Says `text` in the widget's polite live region: each announcement a new line (a screen
  // reader reads additions), the last few kept.
  announce(text) {
    if (!text) return;
    const region = this.find('announcer');
    if (!region) return;
    const line = document.createElement('p');
    line.textContent = text;
    region.append(line);
    while (region.childElementCount > 4) region.firstElementChild.remove();
    this.dataset.announced = text;
  }

  // Finds an element of this widget by its data-role.
  find(role) { return this.shadowRoot.querySelector(`[data-role="${role}"]`); }

  // heading-level="2": the widget's own headings (h3, h4 in its view, written for a page that
  // puts widgets under its h2 sections) are announced from that level on, for a page whose
  // outline puts the widget right under its h1 (the embed page).
  applyHeadingLevel() {
    const level = Number(this.getAttribute('heading-level'));
    if (!Number.isInteger(level) || level < 1 || level > 4) return;
    for (const heading of this.shadowRoot.querySelectorAll('h3, h4, h5')) {
      heading.setAttribute('aria-level', String(Math.min(6, level + Number(heading.localName[1]) - 3)));
    }
  }

  applyHide() {
    const hidden = new Set((this.getAttribute('hide') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
    for (const element of this.shadowRoot.querySelectorAll('[data-control]')) element.hidden = hidden.has(element.dataset.control);
  }

  // One observer for every widget of the page, and one listener of the tab's visibility.
  observeVisibility() {
    if (watched.has(this)) return;
    this.onScreen = false;
    watched.add(this);
    visibilityObserver().observe(this);
  }

  updateActive() {
    this.setActive(this.isConnected && this.onScreen && document.visibilityState !== 'hidden');
  }

  setActive(active) {
    if (active === this.active) return;
    this.active = active;
    this.dataset.active = String(active);
    if (active && !this.started) {
      this.started = true;
      this.client.warm(); // its worker starts while start() fetches what it needs
      this.urlStateReady.then(() => this.start()).then(() => {
        if (this.hasAttribute('autoplay') && this.getAttribute('autoplay') !== 'false') this.play?.();
      }).catch((error) => this.showError(error));
    }
    // Back on screen, its run loops (kit/run-loop.js) go on where they stopped.
    if (active) for (const loop of this.runLoops ?? []) loop.resume();
    this.onActiveChange?.(active);
  }

  // The message line of a widget (an element with data-role="message"), said aloud unless
  // announce is false (a running description that changes every frame).
  showMessage(text, kind = 'info', { announce = true } = {}) {
    const message = this.find('message');
    if (!message) return;
    message.textContent = text;
    message.className = `message ${kind}`;
    if (announce) this.announce(text);
  }

  // Runs an action the reader started (a click, a typed value) whose promise nobody awaits: a
  // failure is shown in the widget's place, and a request cancelled by the reader's next action
  // is nothing (showError). The promise it returns never rejects: undefined where it failed.
  act(action) {
    return new Promise((resolve) => resolve(action())).catch((error) => this.showError(error));
  }

  showError(error, { worded = false } = {}) {
    if (error?.name === 'Cancelled' || this.unavailable) return;
    if (error?.name === 'CoreUnavailable') return this.showUnavailable(error);
    // A coded refusal is said in the catalog's words: the first on a page waits for them (a
    // refusal the page made itself, kit/messages.js pageRefusal, has no other English).
    if (error?.code && !worded && !hasMessageCatalog()) {
      coreCatalog().catch(() => {}).then(() => this.showError(error, { worded: true }));
      return;
    }
    this.setState('error');
    this.showMessage(messageOf(error), 'error');
  }

  // The core cannot start on this page (core-client.js: a host that sends no
  // Access-Control-Allow-Origin, a page's CSP): the widget's view gives way to a message that
  // says why and links to the embed page, which an iframe shows from any origin. The element
  // keeps a height of its own: a reader sees what is missing, not a gap.
  showUnavailable(error) {
    if (this.unavailable) return;
    this.unavailable = true;
    const notice = document.createElement('div');
    notice.className = 'lll-unavailable';
    notice.setAttribute('role', 'alert');
    notice.dataset.role = 'unavailable';
    const text = document.createElement('p');
    text.textContent = messageOf(error);
    notice.append(text);
    if (crossOrigin) { // the embed page, on the lab's origin, runs where this page cannot
      const link = document.createElement('a');
      link.textContent = 'Open this figure on its own page';
      link.target = '_blank';
      link.rel = 'noopener';
      link.href = embedAddress(this.constructor.widgetName).href;
      this.link().then((href) => (link.href = href), () => {});
      notice.append(link);
    }
    this.body.replaceChildren(notice);
    this.shell.querySelector('[data-control="tools"]').hidden = true;
    this.setState('unavailable');
  }

  toolStatus(text) {
    this.find('tools-status').textContent = text;
    this.announce(text);
  }

  // Widget state for links: a plain object of strings (overridden by widgets with state).
  linkState() { return {}; }

  // The widget's state for a URL: its linkState() without empty values, long ones packed.
  packedState(state = this.linkState()) {
    return packParams(Object.entries(state).filter(([, v]) => v != null && v !== ''));
  }

  // The page URL that reopens this widget as it is: the embed page with the widget, its
  // scenario and options in the query, its state in the fragment (never sent to the server,
  // so a long state cannot make the request too large to open).
  async link() {
    const url = embedAddress(this.constructor.widgetName);
    for (const name of ['scenario', 'theme', 'hide']) if (this.getAttribute(name)) url.searchParams.set(name, this.getAttribute(name));
    return withFragment(url, await this.packedState()).href;
  }

  // Writes the widget's state into the page URL (when url-state says where) without
  // adding a history entry. Packing is asynchronous: the last call wins.
  async saveState() {
    const mode = this.getAttribute('url-state');
    if (!mode) return;
    const ticket = (this.saveTicket = (this.saveTicket ?? 0) + 1);
    const params = await this.packedState();
    if (ticket !== this.saveTicket || !this.isConnected) return;
    if (mode === 'query') {
      // The page's options stay in the query; the state moves to the fragment.
      const query = new URLSearchParams(location.search);
      const own = new Set(this.constructor.stateKeys); // the playground's optimizer is its state
      for (const key of [...query.keys()]) if (!PAGE_OPTIONS.includes(key) || own.has(key)) query.delete(key);
      const search = query.toString() ? `?${query}` : '';
      // In the offline file the fragment also says which page this is: kept first.
      const hash = new URLSearchParams(offline ? [[PAGE_KEY, offlinePage()]] : []);
      for (const [key, value] of params) hash.set(key, value);
      replaceAddress(`${location.pathname}${search}${hash.toString() ? `#${hash}` : ''}`);
    } else {
      const hash = new URLSearchParams(location.hash.slice(1));
      if ([...params].length) hash.set(this.stateKey, params.toString());
      else hash.delete(this.stateKey);
      replaceAddress(`${location.pathname}${location.search}${hash.toString() ? `#${hash}` : ''}`);
    }
  }

  async copyLink() {
    const link = await this.link();
    this.dataset.link = link;
    try {
      await navigator.clipboard.writeText(link);
      this.toolStatus('Link copied.');
    } catch {
      // No clipboard in this frame: show the link to copy by hand.
      const field = document.createElement('input');
      field.readOnly = true;
      field.value = link;
      field.setAttribute('aria-label', 'link to this widget');
      this.find('tools-status').replaceChildren(field);
      field.select();
    }
  }

  // What an exported picture is drawn on and the line naming its source: the scenario the
  // widget loaded (kit/scenarios.js records it) and the step it shows, where it publishes one.
  figureOptions() {
    const style = getComputedStyle(this.shell);
    const parts = ['Loss Landscape Lab', this.constructor.widgetName];
    if (this.loadedScenario) parts.push(`${this.loadedScenario.includes(' and ') ? 'scenarios' : 'scenario'} ${this.loadedScenario}`);
    if (this.dataset.step) parts.push(`step ${this.dataset.step}`);
    return { background: style.backgroundColor || PAPER, ink: style.color, source: parts.join(', ') };
  }

  async csv() { throw new Error('this widget has no numbers to export yet'); }
  async scenario() { throw new Error('this widget has no scenario to export yet'); }
}
