// The offline file's builder (tools/build-offline.mjs) without a browser: links between pages
// become links into the one file (the page in the fragment, the query kept), a link to a file
// the offline file does not hold fails the build naming the page and the link, and so does a
// page whose <head> holds something the builder would silently drop. And the offline file that
// `make offline` wrote holds the tutorial as the build assembles it from its chapter files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { OFFLINE_FILE, parsePage, rewriteLinks } from '../../tools/build-offline.mjs';
import { assemblePage } from '../../tools/tutorial-page.mjs';
import { typesetPage } from '../../tools/typeset.mjs';

const PAGES = ['index', 'playground', 'embed', 'exercises', 'teacher'];
const page = (head, body, bodyAttributes = '') => `<!doctype html><html lang="en"><head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'self'">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>A page</title>
  <link rel="icon" href="data:,">
  ${head}
</head>
<body${bodyAttributes}>${body}</body></html>`;

test('a page: its title, description, stylesheets in order, module scripts and body class (a font preloaded left to its stylesheet)', () => {
  const parsed = parsePage('index', page('<meta name="description" content="What the page is about.">\n<link rel="preload" href="fonts/stix-two-math.woff2" as="font" type="font/woff2" crossorigin>\n<link rel="stylesheet" href="katex/katex.min.css">\n<link rel="stylesheet" href="style.css">\n<script type="module" src="tutorial.js"></script>\n<script type="module" src="widgets.js"></script>', '<main>x</main>', ' class="tutorial"'));
  assert.equal(parsed.title, 'A page');
  assert.equal(parsed.description, 'What the page is about.');
  assert.deepEqual(parsed.styles, ['katex/katex.min.css', 'style.css']);
  assert.deepEqual(parsed.scripts, ['tutorial.js', 'widgets.js']);
  assert.equal(parsed.bodyClass, 'tutorial');
  assert.equal(parsed.body, '<main>x</main>');
});

test('links between pages point into the file: the page in the fragment, the query and the place kept', () => {
  const body = [
    '<a href="playground.html?activation=relu&amp;init=zeros">a</a>',
    '<a href="playground.html">b</a>',
    '<a href="index.html#stalls">c</a>',
    '<a href="exercises.html#exercise=newton-saddle">d</a>',
    '<a href="#landscape">e</a>',
    '<a href="https://arxiv.org/abs/1406.2572">f</a>',
  ].join('');
  const rewritten = rewriteLinks(parsePage('teacher', page('', body)), PAGES);
  assert.deepEqual(rewritten.match(/href="[^"]*"/g), [
    'href="?activation=relu&amp;init=zeros#page=playground"',
    'href="?#page=playground"',
    'href="?#page=index&amp;at=stalls"',
    'href="?#page=exercises&exercise=newton-saddle"',
    'href="#landscape"',
    'href="https://arxiv.org/abs/1406.2572"',
  ]);
});

test('what would break offline fails the build, naming the page and what', () => {
  assert.throws(() => rewriteLinks(parsePage('index', page('', '<a href="scenarios/rescue.json">x</a>')), PAGES),
    /^Error: index\.html links to scenarios\/rescue\.json, which the offline file does not hold/);
  assert.throws(() => rewriteLinks(parsePage('index', page('', '<a href="teacher.html">x</a>')), ['index']),
    /index\.html links to teacher\.html/);
  assert.throws(() => rewriteLinks(parsePage('index', page('', '<img src="figure.png" alt="">')), PAGES), /links to figure\.png/);
  assert.throws(() => parsePage('embed', page('<script src="embed.js" defer></script>', '')), /^Error: embed\.html: the offline file does not know what to do with <script src="embed\.js" defer>/);
  assert.throws(() => parsePage('index', page('<link rel="preload" href="landscape.wasm">', '')), /does not know what to do with <link rel="preload"/);
  assert.throws(() => parsePage('index', page('', '', ' class="x" data-theme="dark"')), /only a class is carried over/);
  assert.throws(() => parsePage('index', page('', '<script>alert(1)</script>')), /a <script> in <body>/);
});

test('the offline file holds the tutorial assembled from web/chapters/, typeset, links rewritten', () => {
  assert.ok(existsSync(OFFLINE_FILE), 'run `make offline` (tools/build-offline.mjs) first');
  const file = readFileSync(OFFLINE_FILE, 'utf8');
  const names = [...file.matchAll(/<template data-page="([a-z-]+)"/g)].map((m) => m[1]);
  assert.equal(names[0], 'index');
  const tutorial = rewriteLinks(parsePage('index', typesetPage(assemblePage()).html), names);
  assert.ok(tutorial.includes('<section class="chapter" id="appendix"'), 'the assembled page has its chapters');
  assert.ok(file.includes(`>${tutorial}</template>`), 'the index page of the offline file is the assembled tutorial (run `make offline` after changing a chapter)');
});
