// The tutorial's references come from one bibliography, web/chapters/bibliography.json: each
// paper once (authors, year, title, venue, links), each chapter citing by key
// (<references cite="KEY ...">), each chapter's "References" list rendered from it by
// tools/tutorial-page.mjs. This test: every key a chapter cites exists, every entry is cited by
// some chapter, no paper is in it twice (by key, by title or by link), every link is https, and
// the assembled page holds every chapter's list, rendered, with nothing left unrendered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemblePage, chapterFiles, citations, readBibliography, renderEntry, renderReferences } from '../../tools/tutorial-page.mjs';

const bibliography = readBibliography();
const chapters = chapterFiles();
const cited = citations(chapters);
const keys = new Set(bibliography.map((e) => e.key));
const normalise = (title) => title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

test('every entry has authors, a year, a title, a kind with its venue, and links', () => {
  for (const e of bibliography) {
    assert.match(e.key, /^[a-z-]+\d{4}[a-z]?$/, `${e.key}: a key is the first author's surname and the year`);
    assert.ok(Array.isArray(e.authors) && e.authors.length > 0 && e.authors.every((a) => typeof a === 'string' && a.trim()), `${e.key}: authors`);
    assert.ok(Number.isInteger(e.year) && e.year > 1900 && e.year <= new Date().getUTCFullYear(), `${e.key}: year`);
    assert.ok(e.key.includes(String(e.year)), `${e.key}: the key holds the year ${e.year}`);
    assert.ok(typeof e.title === 'string' && e.title.trim(), `${e.key}: title`);
    assert.ok(['conference', 'journal', 'book', 'preprint'].includes(e.kind), `${e.key}: kind ${e.kind}`);
    if (e.kind !== 'preprint') assert.ok(e.venue, `${e.key}: a ${e.kind} names its venue`);
    assert.ok(Array.isArray(e.links) && e.links.length > 0, `${e.key}: at least one link`);
  }
});

test('every link is https', () => {
  const bad = bibliography.flatMap((e) => e.links.filter((href) => new URL(href).protocol !== 'https:').map((href) => `${e.key}: ${href}`));
  assert.deepEqual(bad, []);
});

test('no paper twice: keys, titles and links are each unique', () => {
  const twice = (values) => values.filter((v, i) => values.indexOf(v) !== i);
  assert.deepEqual(twice(bibliography.map((e) => e.key)), [], 'keys');
  assert.deepEqual(twice(bibliography.map((e) => normalise(e.title))), [], 'titles');
  assert.deepEqual(twice(bibliography.flatMap((e) => e.links.map((href) => href.replace(/\/$/, '')))), [], 'links');
});

test('every key a chapter cites exists, and no chapter cites a paper twice', () => {
  const unknown = cited.flatMap(({ id, keys: list }) => list.filter((k) => !keys.has(k)).map((k) => `#${id}: ${k}`));
  assert.deepEqual(unknown, []);
  for (const { id, keys: list } of cited) assert.equal(new Set(list).size, list.length, `#${id} cites a key twice: ${list.join(' ')}`);
});

test('every entry is cited by some chapter', () => {
  const used = new Set(cited.flatMap((c) => c.keys));
  assert.deepEqual(bibliography.map((e) => e.key).filter((k) => !used.has(k)), []);
});

test('every chapter but the appendix has references, and the page holds them rendered', () => {
  const page = assemblePage();
  assert.doesNotMatch(page, /<references\b/, 'no citation left unrendered');
  for (const { id, keys: list } of cited) {
    if (id !== 'appendix') assert.ok(list.length > 0, `#${id} cites something`);
    const chapter = page.match(new RegExp(`<section class="chapter" id="${id}"[\\s\\S]*?(?=<section class="chapter"|</main>)`))[0];
    const items = [...chapter.matchAll(/<section class="references"[\s\S]*?<\/section>/g)].flatMap((s) => [...s[0].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]));
    assert.deepEqual(items, list.map((k) => renderEntry(bibliography.find((e) => e.key === k))), `#${id}: its list, in the order cited`);
  }
});

test('the checks can fail: an unknown key, and how an entry renders', () => {
  const chapter = { id: 'x', file: 'web/chapters/99-x.html', html: '<span class="chapter-number">9</span>' };
  assert.throws(() => renderReferences(chapter, ['nobody1999'], bibliography), /cites "nobody1999", which is not in/);
  assert.equal(renderEntry({ key: 'a2001', authors: ['A. One', 'B. Two', 'C. Three'], year: 2001, title: 'T & U', kind: 'journal', venue: 'J', detail: '1(2), 3–4', links: ['https://doi.org/10.1/x', 'https://arxiv.org/abs/0101.0001'] }),
    'A. One, B. Two and C. Three. <cite>T &amp; U</cite>. J 1(2), 3–4, 2001. <a href="https://doi.org/10.1/x">doi:10.1/x</a>, <a href="https://arxiv.org/abs/0101.0001">arXiv:0101.0001</a>');
  assert.equal(renderEntry({ key: 'b2002', authors: ['D. Four'], year: 2002, title: 'V', kind: 'preprint', links: ['https://example.org/v'] }),
    'D. Four. <cite>V</cite>. 2002. <a href="https://example.org/v">example.org</a>');
});
