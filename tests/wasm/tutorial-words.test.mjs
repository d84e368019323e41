// The word budget of the tutorial's main path (its chapters assembled from web/chapters/), counted by tools/words.mjs:
// running prose only (figures, captions, "Try this" boxes, tables, headings, references, the
// exercise links and the navigation left out; a formula is one word). Chapters 1-9 together
// at most 5,000 words, none over 700; the appendix holds the rest and has no budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUDGET, chapterWords, countWords, mainPath, prose } from '../../tools/words.mjs';
import { assemblePage } from '../../tools/tutorial-page.mjs';

const chapters = chapterWords(assemblePage());

test('the page has nine chapters and an appendix', () => {
  assert.equal(mainPath(chapters).length, 9, chapters.map((c) => c.id).join(', '));
  assert.equal(chapters.at(-1).id, 'appendix');
});

test(`no chapter of the main path is over ${BUDGET.chapter} words`, () => {
  const over = mainPath(chapters).filter((c) => c.words > BUDGET.chapter).map((c) => `${c.title}: ${c.words}`);
  assert.deepEqual(over, []);
});

test(`the main path is at most ${BUDGET.mainPath} words`, () => {
  const total = mainPath(chapters).reduce((sum, c) => sum + c.words, 0);
  assert.ok(total <= BUDGET.mainPath, `${total} words: ${chapters.map((c) => `${c.id} ${c.words}`).join(', ')}`);
});

test('the count leaves out what the rule leaves out, and a formula is one word', () => {
  const html = `<section class="chapter" id="x"><h2>Two words</h2><p>One <span class="math">a + b = <span class="computed">3</span></span> and
    <em>four</em>.</p><figure><figcaption>not counted at all</figcaption></figure><aside class="try"><p>Try this out</p></aside>
    <div class="table-wrap"><table><tr><td>1 2 3</td></tr></table></div><div class="math display">\\frac{1}{2}</div>
    <section class="references"><ol><li>A paper</li></ol></section><p class="chapter-exercises">Exercises: one</p>
    <nav class="chapter-nav"><a>next</a></nav></section>`;
  assert.equal(prose(html), 'One FORMULA and four . FORMULA');
  assert.equal(countWords(prose(html)), 5);
  assert.deepEqual(chapterWords(html), [{ id: 'x', title: 'Two words', words: 5 }]);
});
