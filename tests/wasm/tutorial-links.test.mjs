// Every link inside the tutorial (build/web/index.html, as served) goes somewhere: an anchor
// of the page, a file staged in build/web, or an https page of a paper (or book) on a host
// listed below. Also the page's own resources (stylesheets, scripts), and nothing that the
// project does not contain. Needs build/web (make web).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const web = path.join(root, 'build/web');
const file = path.join(web, 'index.html');

// Where the papers' public pages live.
const PAPER_HOSTS = ['arxiv.org', 'doi.org', 'proceedings.mlr.press', 'proceedings.neurips.cc', 'papers.nips.cc',
  'openreview.net', 'www.deeplearningbook.org'];

const html = () => readFileSync(file, 'utf8').replace(/<!--.*?-->/gs, '');
const decode = (text) => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
const ids = (page) => new Set([...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
const attributes = (page, name) => [...page.matchAll(new RegExp(`<(a|link|script|img|iframe)\\b[^>]*\\s${name}="([^"]*)"`, 'g'))]
  .map((m) => ({ tag: m[1], value: decode(m[2]) }));

test('build/web/index.html is staged', () => {
  assert.ok(existsSync(file), 'build/web/index.html (run node tools/build-web.mjs)');
});

test('every in-page link names an element of the page', () => {
  const page = html();
  const known = ids(page);
  const anchors = attributes(page, 'href').filter(({ value }) => value.startsWith('#'));
  assert.ok(anchors.length > 40, `${anchors.length} in-page links`);
  for (const { value } of anchors) assert.ok(known.has(decodeURIComponent(value.slice(1))), `${value}: no element with this id`);
});

test('every relative link and resource is a file in build/web', () => {
  const page = html();
  const local = [...attributes(page, 'href'), ...attributes(page, 'src')]
    .filter(({ value }) => !value.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(value));
  assert.ok(local.some(({ value }) => value.startsWith('playground.html')), 'the playground is linked');
  for (const { tag, value } of local) {
    const target = new URL(value, 'http://page.invalid/').pathname.slice(1) || 'index.html';
    assert.ok(existsSync(path.join(web, target)), `<${tag}> ${value}: build/web/${target} does not exist`);
  }
});

test('every other link is an https page of a paper, on a known host', () => {
  const page = html();
  // The empty favicon (data:,) stops the browser from asking for /favicon.ico.
  const remote = attributes(page, 'href').filter(({ tag, value }) => /^[a-z][a-z0-9+.-]*:/i.test(value) && !(tag === 'link' && value === 'data:,'));
  assert.ok(remote.length > 20, `${remote.length} links to papers`);
  for (const { tag, value } of remote) {
    assert.equal(tag, 'a', `${value}: only links may point elsewhere, never a resource the page loads`);
    const url = new URL(value);
    assert.equal(url.protocol, 'https:', value);
    assert.ok(PAPER_HOSTS.includes(url.hostname), `${value}: not a known host of papers (${PAPER_HOSTS.join(', ')})`);
  }
  for (const { value } of attributes(page, 'src')) assert.doesNotMatch(value, /^[a-z][a-z0-9+.-]*:/i, `${value}: loaded from another origin`);
});

test('the page keeps to its CSP: no inline script, no style attribute, no inline handler', () => {
  const page = html();
  for (const [, attributesText] of page.matchAll(/<script\b([^>]*)>/g)) assert.match(attributesText, /\ssrc="/, 'every script is a file');
  assert.doesNotMatch(page, /\sstyle=/, 'no style= attribute');
  assert.doesNotMatch(page, /<style\b/, 'no <style> element');
  assert.doesNotMatch(page, /\son[a-z]+=/, 'no inline event handler');
});

test('the page cites no file the project does not contain', () => {
  assert.doesNotMatch(html(), /MATH\.md|DESIGN\.md|TOOLCHAIN\.md|\/work\//);
});

test('each chapter has previous / next links that point at chapters', () => {
  const page = html();
  const chapters = [...page.matchAll(/<section class="chapter" id="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(chapters.length >= 7, `${chapters.length} chapters`);
  for (const [i, id] of chapters.entries()) {
    const body = page.slice(page.indexOf(`<section class="chapter" id="${id}"`), i + 1 < chapters.length ? page.indexOf(`<section class="chapter" id="${chapters[i + 1]}"`) : undefined);
    const nav = body.match(/<nav class="chapter-nav"[^>]*>(.*?)<\/nav>/s);
    assert.ok(nav, `${id}: a previous / next navigation`);
    if (i > 0) assert.match(nav[1], new RegExp(`rel="prev" href="#${chapters[i - 1]}"`), `${id}: previous is ${chapters[i - 1]}`);
    if (i + 1 < chapters.length) assert.match(nav[1], new RegExp(`rel="next" href="#${chapters[i + 1]}"`), `${id}: next is ${chapters[i + 1]}`);
  }
});
