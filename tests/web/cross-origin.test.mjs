// Widgets embedded as elements in a post on another origin than the lab (a blog on one host,
// the lab's files on another), in Chromium and Firefox: two servers on two ports. The lab's
// server sends `Access-Control-Allow-Origin: *` as GitHub Pages does; the post names the lab's
// origin in its CSP (script-src, connect-src, and worker-src with blob:: a module worker's
// imports are checked against worker-src). A widget's worker starts from a same-origin Blob that imports the lab's
// worker (kit/core-client.js), so the widget computes and draws. Where the page refuses a blob:
// worker (its CSP), the element shows in its place a message that says to use the iframe; where
// the lab's host allows no other origin, widgets.js itself cannot load (a module script needs
// CORS), and the fallback text the post wrote inside the element is what shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { artifacts, root, useBrowser } from './browser.mjs';
import { startServer } from '../../tools/serve.mjs';

const browser = useBrowser(); // its server is the lab's (with Access-Control-Allow-Origin)
let site, postServer, strictLab;
const origin = (server) => `http://127.0.0.1:${server.address().port}`;

// A post of another site that loads the widgets from `lab` (an origin) under a CSP that allows
// `workers` as worker-src.
const post = (lab, workers) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${lab} 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${lab}; worker-src ${workers}; object-src 'none'; base-uri 'none'">
  <title>A post on another origin</title>
  <link rel="icon" href="data:,">
  <script type="module" src="${lab}/widgets.js"></script>
</head>
<body>
  <h1>A post on another origin</h1>
  <lll-saddle-explorer><p class="fallback">This figure needs JavaScript from the lab: <a href="${lab}/embed.html?widget=saddle-explorer">open it</a>.</p></lll-saddle-explorer>
</body>
</html>
`;

before(async () => {
  site = await mkdtemp(path.join(tmpdir(), 'lll-post-'));
  postServer = await startServer(site, 0, '127.0.0.1', { csp: null });
  // The lab on a host that sends no Access-Control-Allow-Origin.
  strictLab = await startServer(path.join(root, process.env.LLL_WEB ?? 'build/web'), 0, '127.0.0.1', { cors: false });
});
after(async () => {
  postServer?.close();
  strictLab?.close();
  await rm(site, { recursive: true, force: true });
});

// Opens the post `name` of the site, watching its console; a request to the lab's origin or
// the post's own is expected, any other is a problem.
async function openPost(name, text, origins) {
  await writeFile(path.join(site, name), text);
  const { page, problems } = await browser.openPage('about:blank', { width: 1000, height: 1000 });
  await page.goto(`${origin(postServer)}/${name}`);
  const allowed = (problem) => origins.some((o) => problem.startsWith(`request to ${o}/`));
  return { page, problems: () => problems.filter((p) => !allowed(p)) };
}

const widgetState = (page) => page.evaluate(() => document.querySelector('lll-saddle-explorer')?.dataset.state);

test('a post on another origin: the element computes and draws from a lab that allows it', async () => {
  const lab = browser.base.replace(/\/$/, '');
  assert.notEqual(lab, origin(postServer), 'two origins');
  const { page, problems } = await openPost('post.html', post(lab, `'self' blob: ${lab}`), [lab, origin(postServer)]);
  try {
    await page.waitForFunction(() => document.querySelector('lll-saddle-explorer')?.dataset.state === 'ready', null, { timeout: 60000 });
    // The surface was computed by the core, which runs only in the worker; a click runs five
    // optimizers there.
    await page.locator('lll-saddle-explorer svg[data-role="overlay"]').click({ position: { x: 200, y: 200 } });
    await page.waitForFunction(() => document.querySelector('lll-saddle-explorer').dataset.state === 'done', null, { timeout: 60000 });
    assert.equal(await page.locator('lll-saddle-explorer path.optimizer-path').count(), 5);
    const { height, fallback } = await page.evaluate(() => {
      const element = document.querySelector('lll-saddle-explorer');
      return {
        height: element.getBoundingClientRect().height,
        fallback: element.querySelector('.fallback').getBoundingClientRect().height,
      };
    });
    assert.ok(height > 400, `the widget is ${height} px high`);
    assert.equal(fallback, 0, 'the post\'s fallback text is not shown once the widget is defined');
    // The surface's formula: its MathML, typeset by the browser (the post's CSP refuses fonts
    // from the lab), and shown, not only read to a screen reader.
    const math = await page.evaluate(() => {
      const shown = document.querySelector('lll-saddle-explorer').shadowRoot.querySelector('.formula[data-tex]');
      const box = shown?.querySelector('math')?.getBoundingClientRect();
      return { native: shown?.classList.contains('native-math'), width: box?.width ?? 0, height: box?.height ?? 0, text: shown?.querySelector('math')?.textContent };
    });
    assert.ok(math.native && math.width > 40 && math.height > 8, `the formula is shown as MathML: ${JSON.stringify(math)}`);
    assert.match(math.text, /w.*1.*w.*2/, 'the formula is the surface\'s, in w1 and w2');
    await page.screenshot({ path: path.join(artifacts, 'cross-origin-post.png'), fullPage: true });
    assert.deepEqual(problems(), []);
  } finally {
    await page.close();
  }
});

test('a post whose CSP refuses blob: workers: the element says to use the iframe, in its place', async () => {
  const lab = browser.base.replace(/\/$/, '');
  const { page, problems } = await openPost('strict-post.html', post(lab, "'self'"), [lab, origin(postServer)]);
  try {
    await page.waitForFunction(() => document.querySelector('lll-saddle-explorer')?.dataset.state === 'unavailable', null, { timeout: 60000 });
    const notice = await page.evaluate(() => {
      const element = document.querySelector('lll-saddle-explorer');
      const box = element.shadowRoot.querySelector('[data-role="unavailable"]');
      return { text: box.textContent, height: box.getBoundingClientRect().height, link: box.querySelector('a').href,
        role: box.getAttribute('role'), element: element.getBoundingClientRect().height };
    });
    assert.match(notice.text, /iframe/);
    assert.match(notice.text, new RegExp(lab.replace(/[.]/g, '\\.')), 'it names the lab\'s origin');
    assert.ok(notice.height > 40 && notice.element >= notice.height, `the message is ${notice.height} px high in a ${notice.element} px element`);
    assert.equal(notice.role, 'alert');
    assert.ok(notice.link.startsWith(`${lab}/embed.html?widget=saddle-explorer`), notice.link);
    await page.screenshot({ path: path.join(artifacts, 'cross-origin-refused.png') });
    // The browser logs the CSP's refusal of the worker; nothing else.
    assert.deepEqual(problems().filter((p) => !/Content.Security.Policy|worker-src|blob:/i.test(p)), []);
  } finally {
    await page.close();
  }
});

test('a lab whose host allows no other origin: the post\'s fallback text shows where the element is', async () => {
  const lab = origin(strictLab);
  const { page } = await openPost('no-cors-post.html', post(lab, "'self' blob:"), [lab, origin(postServer)]);
  try {
    // widgets.js fails to load (CORS): nothing from the lab runs, and the element stays undefined.
    await page.waitForFunction(() => document.readyState === 'complete', null, { timeout: 30000 });
    const { defined, fallback } = await page.evaluate(() => ({
      defined: Boolean(customElements.get('lll-saddle-explorer')),
      fallback: document.querySelector('.fallback').getBoundingClientRect().height,
    }));
    assert.equal(defined, false, 'widgets.js did not load');
    assert.ok(fallback > 10, `the fallback text is ${fallback} px high`);
  } finally {
    await page.close();
  }
});
