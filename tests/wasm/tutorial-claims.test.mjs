// docs/claims.md lists every theorem and published result the tutorial (web/chapters/) states:
// one row per claim, with the paper, its theorem or figure, the chapter file and anchor where
// the tutorial states it, and a quote of the tutorial's words. This test keeps the file and the
// text in step, so that neither can change without the other:
//  - every row's anchor is a chapter of the page, its file that chapter's file, and its quote is
//    in that chapter's text;
//  - every row's paper is in the page's references (first author's surname and year);
//  - every sentence of the text that cites a paper as proved (prove, proof, theorem, corollary,
//    lemma, proposition) has a row for that paper in that chapter (a paper named without its
//    year, "Dinh et al. proved", needs a row for some paper of that first author);
//  - every numbered theorem the text names ("Theorem 2.3") is named by a row of that chapter.
// Text here is what a reader reads: tags dropped, entities decoded, whitespace collapsed; the
// TeX source of formulas stays in it, so quotes avoid formulas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { assemblePage, chapterFiles } from '../../tools/tutorial-page.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const page = assemblePage().replace(/<!--.*?-->/gs, '');
const chapterFile = new Map(chapterFiles().map((c) => [c.id, c.file]));
const claimsFile = readFileSync(path.join(root, 'docs/claims.md'), 'utf8');

const decode = (text) => text.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&thinsp;/g, ' ').replace(/&amp;/g, '&');
export const readable = (html) => decode(html.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();

// Chapters by id: their prose (references left out) and their references.
export function chapters(html) {
  const found = new Map();
  for (const m of html.matchAll(/<section class="chapter" id="([^"]+)"[\s\S]*?(?=<section class="chapter"|<\/main>)/g)) {
    const references = [...m[0].matchAll(/<section class="references"[\s\S]*?<\/section>/g)].map((r) => r[0]).join('\n');
    found.set(m[1], { text: readable(m[0].replace(/<section class="references"[\s\S]*?<\/section>/g, '')), references });
  }
  return found;
}

// A paper as the page's reference lists give it: its first author's surname and its year.
export function referencedPapers(html) {
  const papers = new Set();
  const lists = [...html.matchAll(/<section class="references"[\s\S]*?<\/section>/g)].map((m) => m[0]);
  for (const [, item] of lists.flatMap((list) => [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)])) {
    const authors = readable(item.split('<cite>')[0]).replace(/\.\s*$/, '');
    const first = authors.split(/,| and /)[0].trim().split(/\s+/).at(-1);
    const year = readable(item.split('</cite>')[1] ?? '').match(/\b(?:19|20)\d\d\b/);
    if (first && year) papers.add(`${first} ${year[0]}`);
  }
  return papers;
}

// "Lee et al. (2016)", "Kawaguchi and Kaelbling (2020)", "(Liang, Sun & Srikant, 2022)":
// the first author's surname and the year.
const SURNAME = "[A-Z][A-Za-z\u00C0-\u017F'-]+";
const CITATION = new RegExp(`(${SURNAME})(?:(?:,| and| &) ${SURNAME})*(?: et al\\.)?,? \\(?((?:19|20)\\d\\d)\\)?`, 'g');
export const citationsIn = (text) => [...text.matchAll(CITATION)].map((m) => `${m[1]} ${m[2]}`);

// Sentences: not split after "et al." or "e.g." or an initial.
export const sentences = (text) => text.split(/(?<!\bal\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\b[A-Z]\.)(?<=[.;!?])\s+(?=[A-Z(])/);
const PROVED = /\b(prove[sdn]?|proof|theorems?|corollary|lemma|proposition)\b/i;
const NUMBERED = /\b(Theorem|Corollary|Lemma|Proposition) (\d+(?:\.\d+)*)/g;

// The rows of the table in docs/claims.md.
export function claimRows(markdown) {
  const lines = markdown.split('\n').filter((line) => /^\|\s*\d+\s*\|/.test(line));
  return lines.map((line) => {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const [number, claim, paper, theorem, where, anchor, quote] = cells;
    return { number: Number(number), claim, paper, theorem, where, anchor: anchor.replace(/^`?#?|`$/g, ''), quote: quote.replace(/^"|"$/g, ''), cells };
  });
}

const rows = claimRows(claimsFile);
const byChapter = chapters(page);
const references = referencedPapers(page);
const surnames = new Set([...references].map((p) => p.split(' ')[0]));

test('docs/claims.md has numbered rows of seven cells', () => {
  assert.ok(rows.length >= 30, `${rows.length} rows`);
  rows.forEach((row, i) => {
    assert.equal(row.cells.length, 7, `row ${i + 1}: seven cells (#, claim, paper, theorem or figure, page, anchor, quote)`);
    assert.equal(row.number, i + 1, `row ${i + 1} is numbered ${i + 1}`);
    assert.ok(row.claim && row.theorem && row.quote, `row ${row.number}: a claim, a theorem or figure, a quote`);
  });
});

test('every row quotes the chapter it names', () => {
  for (const row of rows) {
    const chapter = byChapter.get(row.anchor);
    assert.ok(chapter, `row ${row.number}: #${row.anchor} is not a chapter of the tutorial (${[...byChapter.keys()].join(', ')})`);
    assert.equal(row.where, chapterFile.get(row.anchor), `row ${row.number}: the file of chapter #${row.anchor}`);
    assert.ok(chapter.text.includes(row.quote), `row ${row.number}: "${row.quote}" is not in chapter #${row.anchor}`);
  }
});

test('every row names a paper of the page\'s references', () => {
  for (const row of rows) {
    const cited = citationsIn(row.paper);
    assert.equal(cited.length, 1, `row ${row.number}: one paper, written "Surname et al. (YEAR)" (got "${row.paper}")`);
    assert.ok(references.has(cited[0]), `row ${row.number}: ${cited[0]} is not in the page's references`);
  }
});

test('every sentence that cites a result as proved has a row for it in its chapter', () => {
  const missing = [];
  for (const [id, { text }] of byChapter) {
    const papers = new Set(rows.filter((r) => r.anchor === id).flatMap((r) => citationsIn(r.paper)));
    for (const sentence of sentences(text)) {
      if (!PROVED.test(sentence)) continue;
      for (const paper of citationsIn(sentence)) {
        if (references.has(paper) && !papers.has(paper)) missing.push(`#${id}: ${paper} in "${sentence.slice(0, 120)}…"`);
      }
      // Named without a year ("Dinh et al. proved"): a row for a paper of that first author.
      const rest = sentence.replace(CITATION, '');
      for (const surname of surnames) {
        if (new RegExp(`(^|[^A-Za-z-])${surname}([^A-Za-z-]|$)`).test(rest) && ![...papers].some((p) => p.startsWith(`${surname} `))) {
          missing.push(`#${id}: ${surname} in "${sentence.slice(0, 120)}…"`);
        }
      }
    }
  }
  assert.deepEqual(missing, [], 'add a row to docs/claims.md for each');
});

test('every numbered theorem the text names is named by a row of its chapter', () => {
  const missing = [];
  for (const [id, { text }] of byChapter) {
    const named = rows.filter((r) => r.anchor === id).map((r) => r.theorem).join(' ');
    for (const [, kind, number] of text.matchAll(NUMBERED)) {
      if (!new RegExp(`\\b${kind} ${number.replace(/\./g, '\\.')}\\b`).test(named)) missing.push(`#${id}: ${kind} ${number}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the checks can fail: a sentence that cites a proof without a row, a quote the text lost', () => {
  assert.deepEqual(citationsIn('Lee et al. (2016) proved it; so did (Liang, Sun & Srikant, 2022) and Du, Hu and Lee (2018).'),
    ['Lee 2016', 'Liang 2022', 'Du 2018']);
  assert.equal(sentences('Lee et al. (2016) proved this. It holds.').length, 2);
  assert.ok(PROVED.test('Smith (2001) proved that') && !PROVED.test('Smith (2001) found that'));
  assert.ok(!byChapter.get('stalls').text.includes('almost surely converges to a minimiser'));
});
