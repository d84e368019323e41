// Why this file exists: what every widget shares, written once, so a widget module holds
// only its own view. A LabWidget
// - draws into its own shadow root with the kit's stylesheet (widgets.css): a blog's global
//   `div`, `canvas` or `button` rules do not reach inside, and ours do not leak out;
// - owns one CoreClient (one worker) and frees it when removed from the page;
// - computes only while on screen and in a visible tab (`active`), and starts its first
//   computation when first scrolled into view;
// - reads the shared options: theme="light|dark", hide="control,control" (the names each
//   widget lists in its `controls`), autoplay, and its state from the page URL (url-state);
// - offers "Copy link", PNG, CSV and scenario exports;
// - has one polite live region (announce()): its messages and the changes of its state
//   (data-state: training started, paused, finished, diverged with the core's message) are
//   read out by screen readers, once, from here.
// A widget class sets `static widgetName`, `static controls`, and implements build(body),
// start(), and optionally onActiveChange(active), state()/restore(params), csv(), scenario().
import { CoreClient } from './core-client.js';
import { kitBase } from './scenarios.js';
import { download, downloadText, picture } from './export.js';

export const WIDGET_PREFIX = 'lll-';

// Registers a widget class as <lll-NAME> and, for pages written before the prefix, as
// the old name (a subclass: one constructor cannot be defined twice).
export function defineWidget(WidgetClass, ...aliases) {
  const name = `${WIDGET_PREFIX}${WidgetClass.widgetName}`;
  if (!customElements.get(name)) customElements.define(name, WidgetClass);
  for (const alias of aliases) if (!customElements.get(alias)) customElements.define(alias, class extends WidgetClass {});
}

// The per-widget URL state: in the page's fragment as key=<urlencoded params>, one key per
// widget (url-state="hash"), or in the query string (url-state="query", the embed page).
function readUrlState(widget) {
  const mode = widget.getAttribute('url-state');
  if (mode === 'query') return new URLSearchParams(location.search);
  if (mode === 'hash') return new URLSearchParams(new URLSearchParams(location.hash.slice(1)).get(widget.stateKey) ?? '');
  return new URLSearchParams(widget.getAttribute('state') ?? '');
}

export class LabWidget extends HTMLElement {
  static widgetName = '';
  static controls = {}; // name -> what it is, for hide="..."
  static observedAttributes = ['hide', 'scenario', 'src'];

  get stateKey() { return this.id || this.constructor.widgetName; }

  connectedCallback() {
    if (!this.shell) this.buildShell();
    this.closed = false;
    this.observeVisibility();
  }

  // Removal frees the worker and everything in it; a move (removed and inserted again in
  // the same task) keeps everything.
  disconnectedCallback() {
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.visibility?.disconnect();
      this.visibility = null;
      document.removeEventListener('visibilitychange', this.onTabVisibility);
      this.setActive(false);
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
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL('widgets.css', kitBase).href;
    const frame = document.createElement('div');
    frame.className = `lll lll-${this.constructor.widgetName}`;
    frame.innerHTML = `<div class="lll-body" data-role="body"></div>
      <div class="lll-tools" data-control="tools">
        <button type="button" data-role="copy-link" title="A link that opens this widget as you see it">Copy link</button>
        <button type="button" data-role="export-png" title="The picture as a PNG file">PNG</button>
        <button type="button" data-role="export-csv" title="The numbers behind the picture, as CSV">CSV</button>
        <button type="button" data-role="export-scenario" title="The scenario as JSON: landscape run reproduces it">Scenario</button>
        <span class="lll-tools-status" data-role="tools-status"></span>
      </div>
      <div class="visually-hidden" data-role="announcer" role="status" aria-live="polite"></div>`;
    root.replaceChildren(style, frame);
    this.shell = frame;
    this.body = frame.querySelector('[data-role="body"]');
    this.build(this.body);
    this.applyHide();
    const tool = (role, action) => frame.querySelector(`[data-role="${role}"]`).addEventListener('click', () =>
      action().catch((error) => this.toolStatus(String(error.message ?? error))));
    tool('copy-link', () => this.copyLink());
    tool('export-png', async () => download(`${this.constructor.widgetName}.png`, await picture(this.body, this.body,
      getComputedStyle(this.shell).backgroundColor || '#fff')));
    tool('export-csv', async () => downloadText(`${this.constructor.widgetName}.csv`, await this.csv(), 'text/csv'));
    tool('export-scenario', async () => downloadText(`${this.constructor.widgetName}.json`, await this.scenario(), 'application/json'));
    this.urlState = readUrlState(this);
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

  applyHide() {
    const hidden = new Set((this.getAttribute('hide') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
    for (const element of this.shadowRoot.querySelectorAll('[data-control]')) element.hidden = hidden.has(element.dataset.control);
  }

  observeVisibility() {
    if (this.visibility) return;
    this.onScreen = false;
    this.visibility = new IntersectionObserver((entries) => {
      this.onScreen = entries.at(-1).isIntersecting;
      this.updateActive();
    }, { rootMargin: '200px 0px' });
    this.visibility.observe(this);
    this.onTabVisibility ??= () => this.updateActive();
    document.addEventListener('visibilitychange', this.onTabVisibility);
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
      Promise.resolve(this.start()).then(() => {
        if (this.hasAttribute('autoplay') && this.getAttribute('autoplay') !== 'false') this.play?.();
      }).catch((error) => this.showError(error));
    }
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

  showError(error) {
    if (error?.name === 'Cancelled') return;
    this.dataset.state = 'error';
    this.showMessage(String(error?.message ?? error), 'error');
  }

  toolStatus(text) {
    this.find('tools-status').textContent = text;
    this.announce(text);
  }

  // Widget state for links: a plain object of strings (overridden by widgets with state).
  linkState() { return {}; }

  // The page URL that reopens this widget as it is: the embed page with the widget, its
  // scenario and options, and its state.
  link() {
    const url = new URL('embed.html', kitBase);
    url.searchParams.set('widget', this.constructor.widgetName);
    for (const name of ['scenario', 'theme', 'hide']) if (this.getAttribute(name)) url.searchParams.set(name, this.getAttribute(name));
    for (const [key, value] of Object.entries(this.linkState())) if (value != null && value !== '') url.searchParams.set(key, value);
    return url.href;
  }

  // Writes the widget's state into the page URL (when url-state says where) without
  // adding a history entry.
  saveState() {
    const mode = this.getAttribute('url-state');
    if (!mode) return;
    const params = new URLSearchParams(Object.entries(this.linkState()).filter(([, v]) => v != null && v !== ''));
    if (mode === 'query') {
      const query = new URLSearchParams(location.search);
      for (const key of [...query.keys()]) if (!['widget', 'scenario', 'theme', 'hide', 'autoplay'].includes(key)) query.delete(key);
      for (const [key, value] of params) query.set(key, value);
      history.replaceState(null, '', `${location.pathname}?${query}${location.hash}`);
    } else {
      const hash = new URLSearchParams(location.hash.slice(1));
      if ([...params].length) hash.set(this.stateKey, params.toString());
      else hash.delete(this.stateKey);
      history.replaceState(null, '', `${location.pathname}${location.search}${hash.toString() ? `#${hash}` : ''}`);
    }
  }

  async copyLink() {
    const link = this.link();
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

  async csv() { throw new Error('this widget has no numbers to export yet'); }
  async scenario() { throw new Error('this widget has no scenario to export yet'); }
}
