// Hostile URLs: script-injection strings, absurd numbers, prototype keys and 100 KB values
// through every URL parameter of every page (the tutorial's fragment entries, the playground's
// query and fragment, the embed page's options and each widget's state), and prototype keys as
// parameter names. Each page must show no dialog, raise no page error, request nothing from
// another origin, insert no element (no <img onerror>, no <script>: nothing runs the payload,
// which would set window.__pwned), and name every parameter it refuses in a visible message.
// A page is one line of PAGES (a page added to web/ is one more line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './browser.mjs';

const browser = useBrowser();

const VALUES = [
  '<img src=x onerror="window.__pwned=1;alert(1)">', '"><script>window.__pwned=1;alert(1)</script>', "');alert(1);//",
  'javascript:alert(1)', '1e308', '-0', 'NaN', '0x10', '__proto__', 'constructor', 'toString', 'A'.repeat(100_000),
];
// Values a parameter may take silently: -0 is 0 where 0 is allowed.
const ZERO_OK = new Set(['noise', 'test', 'dseed', 'seed', 'rate', 'stop', 'step', 'alpha', 't']);
const acceptable = (key, value) => value === '-0' && ZERO_OK.has(key);

const PLAYGROUND = ['data', 'classes', 'noise', 'test', 'dseed', 'features', 'layers', 'activation', 'problem', 'loss', 'optimizer', 'lr',
  'batch', 'reg', 'rate', 'init', 'seed', 'neuron', 'lambda', 'stop', 'showTest', 'discretize', 'custom', 'ckpt'];

// One line a page: where its parameters go (query, fragment, or a fragment entry per widget),
// the element whose message must name a refused one, and its parameters.
const PAGES = [
  { name: 'playground (query)', url: (q) => `playground.html?${q}`, widget: 'lll-playground', params: PLAYGROUND },
  { name: 'playground (fragment)', url: (q) => `playground.html#${q}`, widget: 'lll-playground', params: PLAYGROUND },
  { name: 'embed: widget', url: (q) => `embed.html?${q}`, note: '.embed-error', params: ['widget'], each: true },
  { name: 'embed: theme', url: (q) => `embed.html?widget=saddle-explorer&${q}`, note: '.embed-error', params: ['theme'], each: true },
  { name: 'embed: hide, autoplay', url: (q) => `embed.html?widget=between-minima&${q}`, note: '.embed-note', params: ['hide', 'autoplay'] },
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
  { name: 'exercises: the exercise', url: (q) => `exercises.html#${q}`, note: '.verdict, .exercise-list', params: ['exercise'], each: true },
  // note: the student's own words (shown as text in a text box), so any value is accepted.
  { name: 'exercises: answer and options', url: (q) => `exercises.html#exercise=newton-saddle&${q}`, note: '.link-note, .verdict', params: ['answer', 'theme', 'hide', 'lock', 'note'], free: ['note'], defined: 'lll-saddle-explorer' },
  // The teacher's page reads nothing from its URL: nothing may run, nothing is to refuse.
  { name: 'teacher page (no parameters)', url: (q) => `teacher.html?${q}`, note: '.verdicts', params: ['exercise', 'answer', 'theme'], free: ['exercise', 'answer', 'theme'] },
];

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

// Waits until the widget (scrolled into view) has left 'loading' and shown what it will show.
async function settle(page, spec) {
  if (spec.widget) {
    await page.waitForFunction((w) => document.querySelector(w), spec.widget, { timeout: 20000 });
    await page.evaluate((w) => document.querySelector(w).scrollIntoView({ block: 'center' }), spec.widget);
    await page.waitForFunction((w) => {
      const element = document.querySelector(w);
      const message = element.shadowRoot?.querySelector('[data-role="message"]')?.textContent ?? '';
      const note = element.shadowRoot?.querySelector('[data-role="link-note"]')?.textContent ?? '';
      return (element.dataset.state && element.dataset.state !== 'loading') || /refused|cannot|not a/.test(message + note);
    }, spec.widget, { timeout: 30000 });
  } else {
    await page.waitForFunction((n) => document.querySelector(n), spec.note, { timeout: 20000 }).catch(() => {});
  }
  // A page that names a refused `hide` once it knows the widget's controls (its class loaded).
  if (spec.defined) await page.evaluate((tag) => customElements.whenDefined(tag), spec.defined);
  await page.waitForTimeout(300); // the kit reports the link's refusals once the widget has started
}

for (const spec of PAGES) {
  test(`hostile URLs: ${spec.name}`, async () => {
    const { page, problems } = await browser.openPage(`${browser.base}${spec.url('')}`);
    const dialogs = [];
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); });
    try {
      await settle(page, spec);
      const baseline = await page.evaluate(inventory);
      const queries = [];
      // A 100 KB query never reaches a page: the server answers 431 (the fragment carries state).
      for (const value of spec.url('').includes('#') ? VALUES : VALUES.filter((v) => v.length < 1000)) {
        // All of a page's parameters at once, or a few at a time for 100 KB values (a URL stops at 2 MB).
        const size = spec.each ? 1 : value.length > 1000 ? 8 : spec.params.length;
        for (let i = 0; i < spec.params.length; i += size) {
          const keys = spec.params.slice(i, i + size);
          queries.push({ value, keys, query: keys.map((key) => `${key}=${encodeURIComponent(value)}`).join('&') });
        }
      }
      // Prototype keys as names.
      queries.push({ value: '1', keys: ['__proto__', 'constructor', 'toString'], query: '__proto__=1&constructor=1&toString=1', names: true });
      for (const { value, keys, query, names } of queries) {
        const label = `${spec.name}: ${query.slice(0, 80)}`;
        await page.goto('about:blank');
        await page.goto(`${browser.base}${spec.url(query)}`).catch((error) => { throw new Error(`${label}: ${error.message.slice(0, 200)}`); });
        await settle(page, spec);
        const now = await page.evaluate(inventory);
        assert.equal(now.pwned, false, `${label}: the payload ran`);
        assert.deepEqual(now.suspicious, [], `${label}: an element with an inline handler or javascript: URL`);
        assert.ok(now.scripts <= baseline.scripts && now.images <= baseline.images, `${label}: an element was inserted`);
        if (names && (spec.each || !spec.widget)) continue; // pages whose one parameter decides: no key to name
        const shown = await messages(page, spec);
        for (const key of keys) {
          if (acceptable(key, value) || spec.free?.includes(key)) continue;
          assert.ok(new RegExp(`(^|[ (;|])${key}[):]`).test(shown), `${label}: no visible message naming ${key} (shown: ${shown.slice(0, 300)})`);
        }
      }
      assert.deepEqual(dialogs, []);
      assert.deepEqual(problems.filter((p) => !/Failed to load resource: the server responded with a status of 404/.test(p)), []);
    } finally {
      await page.close();
    }
  });
}
