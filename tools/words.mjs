// Words of running prose per chapter of the tutorial (its chapters assembled from web/chapters/
// by tools/tutorial-page.mjs, or an HTML file given), by the rule of the
// word budget: figures, captions, "Try this" boxes, tables, headings, reference lists, the
// exercise links and the chapter navigation are not counted; a formula (a .math element,
// whatever is inside it) counts as one word. The main path is every chapter but the appendix:
// at most 5,000 words together, none over 700 (tests/wasm/tutorial-words.test.mjs asserts it).
//
//   node tools/words.mjs [file.html]   a table: chapter, words; then the main path's total
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemblePage } from './tutorial-page.mjs';

export const BUDGET = { chapter: 700, mainPath: 5000 };

// The element that opens at `start` (an index of "<tag"), up to its matching close tag.
function elementEnd(html, start, tag) {
  const pattern = new RegExp(`<${tag}\\b|</${tag}>`, 'g');
  pattern.lastIndex = start;
  let depth = 0;
  for (let m; (m = pattern.exec(html));) {
    depth += m[0].startsWith('</') ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  throw new Error(`<${tag}> at ${start} is not closed`);
}

// `html` with every element that `open` matches replaced by `replacement`.
function replaceElements(html, open, tag, replacement) {
  let out = '';
  let from = 0;
  for (const m of html.matchAll(open)) {
    if (m.index < from) continue; // inside one already replaced
    out += html.slice(from, m.index) + replacement;
    from = elementEnd(html, m.index, tag);
  }
  return out + html.slice(from);
}

const decode = (text) => text.replace(/&nbsp;|&thinsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&[a-z]+;/g, ' ');

// The running prose of one chapter's markup, as a reader reads it, formulas as "FORMULA".
export function prose(html) {
  let text = html;
  for (const [open, tag] of [
    [/<figure\b/g, 'figure'],
    [/<aside\b/g, 'aside'],
    [/<div class="table-wrap"/g, 'div'],
    [/<table\b/g, 'table'],
    [/<section class="references"/g, 'section'],
    [/<nav\b/g, 'nav'],
    [/<p class="chapter-exercises"/g, 'p'],
    [/<h[1-6]\b/g, null],
  ]) {
    text = tag ? replaceElements(text, open, tag, ' ') : text.replace(/<(h[1-6])\b[\s\S]*?<\/\1>/g, ' ');
  }
  // A formula is one word, whatever it holds (numbers computed inside it included).
  text = replaceElements(text, /<span class="math\b[^"]*"/g, 'span', ' FORMULA ');
  text = replaceElements(text, /<div class="math\b[^"]*"/g, 'div', ' FORMULA ');
  return decode(text.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

export const countWords = (text) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

// [{id, title, words}] for every chapter of the page, in order.
export function chapterWords(page) {
  const html = page.replace(/<!--[\s\S]*?-->/g, '');
  const out = [];
  for (const m of html.matchAll(/<section class="chapter" id="([^"]+)"/g)) {
    const end = elementEnd(html, m.index, 'section');
    const body = html.slice(m.index, end);
    const title = decode((body.match(/<h2\b[^>]*>([\s\S]*?)<\/h2>/)?.[1] ?? m[1]).replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
    out.push({ id: m[1], title, words: countWords(prose(body)) });
  }
  return out;
}

export const mainPath = (chapters) => chapters.filter((c) => c.id !== 'appendix');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const chapters = chapterWords(process.argv[2] ? readFileSync(path.resolve(process.argv[2]), 'utf8') : assemblePage());
  for (const c of chapters) {
    const over = c.id !== 'appendix' && c.words > BUDGET.chapter ? `  (over ${BUDGET.chapter})` : '';
    console.log(`${String(c.words).padStart(5)}  ${c.title}${over}`);
  }
  const total = mainPath(chapters).reduce((sum, c) => sum + c.words, 0);
  console.log(`${String(total).padStart(5)}  main path (chapters 1-9; budget ${BUDGET.mainPath})`);
}
