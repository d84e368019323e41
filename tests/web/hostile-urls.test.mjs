// Hostile URLs in the pages: script-injection strings, absurd numbers, prototype keys and 100 KB
// values in every URL parameter of every page (the tutorial's fragment entries, the playground's
// query and fragment, the embed page's options and each widget's state), and prototype keys as
// parameter names. Each page must show no dialog, raise no page error, request nothing from
// another origin, insert no element (no <img onerror>, no <script>: nothing runs the payload,
// which would set window.__pwned), and name every parameter it refuses in a visible message.
// A page is one line of PAGES (a page added to web/ is one more line).
// Each page is loaded only a few times: the reading of thousands of hostile values by every
// reader of a link's values that is plain JavaScript is checked in node, in seconds
// (tests/wasm/hostile-links.test.mjs); a page load takes seconds of its own. Here each load
// gives all of a page's parameters hostile values at once, a different one each, rotated over
// the loads so that a page meets as many of the values as it has room for, and one more load
// gives it prototype keys as names. A page whose one parameter decides the page (`each`) is
// loaded with the most dangerous values only: the two script injections and, where the fragment
// carries it, the 100 KB value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './browser.mjs';

const browser = useBrowser();

const VALUES = [
  '<img src=x onerror="window.__pwned=1;alert(1)">', '"><script>window.__pwned=1;alert(1)</script>', "');alert(1);//",
  'javascript:alert(1)', '1e308', '-0', 'NaN', '0x10', '__proto__', 'constructor', 'toString', 'A'.repeat(100_000),
];
const LONG = VALUES.at(-1);
// What a page whose one parameter decides the page is given, one load each.
const MOST_DANGEROUS = [VALUES[0], VALUES[1], LONG];
// Values a parameter may take silently: -0 is 0 where 0 is allowed.
const ZERO_OK = new Set(['noise', 'test', 'dseed', 'seed', 'rate', 'stop', 'step', 'alpha', 't']);
const acceptable = (key, value) => value === '-0' && ZERO_OK.has(key);
// The loads of a page with hostile values (the prototype keys as names are one more).
const LOADS = 3;

const PLAYGROUND = ['data', 'classes', 'noise', 'test', 'dseed', 'features', 'layers', 'activation', 'problem', 'loss', 'optimizer', 'lr',
  'batch', 'reg', 'rate', 'init', 'seed', 'neuron', 'lambda', 'stop', 'showTest', 'discretize', 'custom', 'ckpt'];

// A widget's view, drawn: it publishes data-state (other than 'loading') only once it has read
// its link's values, refused what it refuses, and drawn (kit/widget.js setState).
const drawn = (widget) => `${widget}[data-state]:not([data-state="loading"])`;
const EMBED_READY = `.embed-error, ${drawn('[url-state]')}`;

// One line a page: where its parameters go (query, fragment, or a fragment entry per widget),
// the element whose message must name a refused one, what shows that the page has read its link
// (`ready`, a selector; a widget's drawn view by default), and its parameters.
const PAGES = [
  { name: 'playground (query)', url: (q) => `playground.html?${q}`, widget: 'lll-playground', params: PLAYGROUND },
  { name: 'playground (fragment)', url: (q) => `playground.html#${q}`, widget: 'lll-playground', params: PLAYGROUND },
  // The embed page's error is written as its script runs; its note, once the widget's class is
  // loaded, which is before the widget draws.
  { name: 'embed: widget', url: (q) => `embed.html?${q}`, note: '.embed-error', ready: EMBED_READY, params: ['widget'], each: true },
  { name: 'embed: theme', url: (q) => `embed.html?widget=saddle-explorer&${q}`, note: '.embed-error', ready: EMBED_READY, params: ['theme'], each: true },
  { name: 'embed: hide, autoplay', url: (q) => `embed.html?widget=between-minima&${q}`, note: '.embed-note', ready: EMBED_READY, params: ['hide', 'autoplay'] },
  { name: 'embed: scenario', url: (q) => `embed.html?widget=sharp-flat&${q}`, widget: 'lll-sharp-flat', params: ['scenario'], each: true },
  { name: 'embed: saddle explorer', url: (q) => `embed.html?widget=saddle-explorer#${q}`, widget: 'lll-saddle-explorer', params: ['surface', 'start'] },
  { name: 'embed: added neuron', url: (q) => `embed.html?widget=added-neuron#${q}`, widget: 'lll-added-neuron', params: ['step'] },
  { name: 'embed: added neuron scenario', url: (q) => `embed.html?widget=added-neuron#${q}`, widget: 'lll-added-neuron', params: ['scenario'], each: true },
  { name: 'embed: spectrum', url: (q) => `embed.html?widget=spectrum-while-training#${q}`, widget: 'lll-spectrum-while-training', params: ['step', 'optimizer'] },
  { name: 'embed: sharp/flat', url: (q) => `embed.html?widget=sharp-flat#${q}`, widget: 'lll-sharp-flat', params: ['alpha'] },
  { name: 'embed: between minima', url: (q) => `embed.html?widget=between-minima#${q}`, widget: 'lll-between-minima', params: ['t'] },
  { name: 'embed: landscape slice', url: (q) => `embed.html?widget=landscape-slice#${q}`, widget: 'lll-landscape-slice', params: ['directions', 'resolution', 'range', 'convexity', 'view3d'] },
  { name: 'embed: deep linear (no state)', url: (q) => `embed.html?widget=deep-linear-networks#${q}`, widget: 'lll-deep-linear-networks', params: ['bogus'] },
  { name: 'tutorial: the saddle explorer entry', url: (q) => `index.html#product=${encodeURIComponent(q)}`, widget: '#product', params: ['surface', 'start'] },
  { name: 'tutorial: the rescue entry', url: (q) => `index.html#rescue=${encodeURIComponent(q)}`, widget: '#rescue', params: ['step'] },
  // The exercises page says it is ready on its body, or why it cannot show the exercise in an alert.
  { name: 'exercises: the exercise', url: (q) => `exercises.html#${q}`, note: '.verdict, .exercise-list', ready: 'body[data-state="ready"], #exercises [role="alert"]', params: ['exercise'], each: true },
  // note: the student's own words (shown as text in a text box), so any value is accepted.
  { name: 'exercises: answer and options', url: (q) => `exercises.html#exercise=newton-saddle&${q}`, note: '.link-note, .verdict', ready: 'body[data-state="ready"], #exercises [role="alert"]', params: ['answer', 'theme', 'hide', 'lock', 'note'], free: ['note'], defined: 'lll-saddle-explorer' },
  // The teacher's page reads nothing from its URL: nothing may run, nothing is to refuse.
  { name: 'teacher page (no parameters)', url: (q) => `teacher.html?${q}`, note: '.verdicts', ready: '#teacher[data-ready], #teacher [role="alert"]', params: ['exercise', 'answer', 'theme'], free: ['exercise', 'answer', 'theme'] },
];

// A page's loads: [{ entries: [[key, value]], names }]. Load j gives parameter i value
// (offset + i + j * stride) of the list: each load takes the values after the previous load's
// (the stride is at least the parameter count, and spreads a page of few parameters over the
// list), never a stride that would give a parameter the same value twice; the offset (the
// page's line) gives pages of one parameter different values. A 100 KB query never reaches a
// page (the server answers 431: the fragment carries state), so a query page goes without it.
function loadsOf(spec, offset) {
  const inFragment = spec.url('').includes('#');
  const values = inFragment ? VALUES : VALUES.filter((value) => value !== LONG);
  const hostile = [];
  if (spec.each) {
    for (const value of MOST_DANGEROUS.filter((v) => values.includes(v))) hostile.push(spec.params.map((key) => [key, value]));
  } else {
    let stride = Math.max(spec.params.length, Math.floor(values.length / LOADS));
    while (Array.from({ length: LOADS - 1 }, (_, j) => ((j + 1) * stride) % values.length).includes(0)) stride++;
    for (let j = 0; j < LOADS; j++) hostile.push(spec.params.map((key, i) => [key, values[(offset + i + j * stride) % values.length]]));
  }
  return [
    ...hostile.map((entries) => ({ entries, names: false })),
    { entries: ['__proto__', 'constructor', 'toString'].map((key) => [key, '1']), names: true },
  ];
}

// Every element of the document and of every shadow root, as tag names, and any that carries
// an inline event handler or a javascript: URL where a URL is followed.
function inventory() {
  const tags = [];
  const suspicious = [];
  const walk = (root) => {
    for (const element of root.querySelectorAll('*')) {
      tags.push(element.tagName);
      for (const attribute of element.attributes) {
        const url = /^(href|src|action|formaction|xlink:href|data|srcdoc|poster)$/i.test(attribute.name);
        if (/^on/i.test(attribute.name) || (url && /^\s*javascript:/i.test(attribute.value))) suspicious.push(`${element.tagName} ${attribute.name}`);
      }
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(document);
  return { scripts: tags.filter((t) => t === 'SCRIPT').length, images: tags.filter((t) => t === 'IMG').length, suspicious, pwned: Boolean(window.__pwned) };
}

// The visible message text of the page's element: the widget's line for the link's refusals and
// its message line (or the page's note).
async function messages(page, spec) {
  return page.evaluate(({ widget, note }) => {
    const texts = [];
    const visible = (element) => element && element.checkVisibility?.() !== false && element.getClientRects().length > 0;
    if (widget) {
      const element = document.querySelector(widget);
      for (const role of ['link-note', 'message']) {
        const message = element?.shadowRoot?.querySelector(`[data-role="${role}"]`);
        if (visible(message)) texts.push(message.textContent);
      }
    }
    for (const element of note ? document.querySelectorAll(note) : []) if (visible(element)) texts.push(element.textContent);
    return texts.join(' | ');
  }, { widget: spec.widget, note: spec.note });
}

// Waits until the page has read its link and shown what it refuses: the widget (scrolled into
// view: it computes only on screen) has drawn, or the page's `ready` selector matches; a page
// that names a refused `hide` once it knows the widget's controls has its widget's class.
async function settle(page, spec) {
  if (spec.widget) {
    await page.waitForFunction((w) => document.querySelector(w), spec.widget, { timeout: 20000 });
    await page.evaluate((w) => document.querySelector(w).scrollIntoView({ block: 'center' }), spec.widget);
  }
  await page.waitForFunction((ready) => document.querySelector(ready), spec.ready ?? drawn(spec.widget), { timeout: 30000 });
  if (spec.defined) await page.evaluate((tag) => customElements.whenDefined(tag), spec.defined);
}

// A URL without its fragment. Going to a URL that differs from the page's own only there is a
// navigation within the document (nothing is loaded again, the page reads no new link): such a
// load leaves the page for about:blank first; every other load is a new document anyway.
const withoutFragment = (url) => url.split('#')[0];

PAGES.forEach((spec, line) => {
  test(`hostile URLs: ${spec.name}`, async () => {
    const { page, problems } = await browser.openPage(`${browser.base}${spec.url('')}`);
    const dialogs = [];
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); });
    try {
      await settle(page, spec);
      const baseline = await page.evaluate(inventory);
      for (const { entries, names } of loadsOf(spec, line)) {
        const query = entries.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
        const url = `${browser.base}${spec.url(query)}`;
        const label = `${spec.name}: ${query.slice(0, 200)}`;
        if (withoutFragment(url) === withoutFragment(page.url())) await page.goto('about:blank');
        await page.goto(url).catch((error) => { throw new Error(`${label}: ${error.message.slice(0, 200)}`); });
        await settle(page, spec);
        const now = await page.evaluate(inventory);
        assert.equal(now.pwned, false, `${label}: the payload ran`);
        assert.deepEqual(now.suspicious, [], `${label}: an element with an inline handler or javascript: URL`);
        assert.ok(now.scripts <= baseline.scripts && now.images <= baseline.images, `${label}: an element was inserted`);
        if (names && (spec.each || !spec.widget)) continue; // pages whose one parameter decides: no key to name
        const shown = await messages(page, spec);
        for (const [key, value] of entries) {
          if (acceptable(key, value) || spec.free?.includes(key)) continue;
          assert.ok(new RegExp(`(^|[ (;|])${key}[):]`).test(shown), `${label}: no visible message naming ${key} (its value ${value.slice(0, 60)}; shown: ${shown.slice(0, 600)})`);
        }
      }
      assert.deepEqual(dialogs, []);
      assert.deepEqual(problems.filter((p) => !/Failed to load resource: the server responded with a status of 404/.test(p)), []);
    } finally {
      await page.close();
    }
  });
});
