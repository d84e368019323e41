// Why this file exists: the tutorial is written as one file per chapter, web/chapters/NN-ID.html
// (01-landscape.html ... 09-what-we-know.html, 10-appendix.html), inside a frame,
// web/chapters/frame.html (the <head>, the header, the place of the table of contents, the footer), with its
// references in one bibliography, web/chapters/bibliography.json. assemblePage() puts them
// together into the page's HTML source, formulas still TeX: tools/build-web.mjs typesets it into
// build/web/index.html (which the offline file holds), and every tool and test that reads the
// tutorial's text (words, numbers, claims, exercise links) reads it from here.
//
// The table of contents and each chapter's previous / next links are not written by hand: they
// are generated here from one list, the chapters in their files' order with the titles of their
// own headings (<h2 ...><span class="chapter-number">N</span> Title</h2>), so that a chapter
// renamed, added or moved changes them everywhere (contents, navigation).
//
// A chapter cites by key: <references cite="KEY KEY ..."></references>, where its reference
// list goes, becomes the list of those papers in that order (renderReferences), each rendered
// from its one entry in the bibliography.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHAPTER_DIR = path.join(root, 'web/chapters');
export const FRAME_FILE = path.join(CHAPTER_DIR, 'frame.html');
export const BIBLIOGRAPHY_FILE = path.join(CHAPTER_DIR, 'bibliography.json');
const MARKER = /^ *<!-- chapters: [^\n]*-->\n/m;
const CONTENTS_MARKER = /^( *)<!-- contents: [^\n]*-->\n/m;
const INDENT = '      '; // a chapter's depth inside <main>
const CITE = /^( *)<references cite="([^"]*)"><\/references>/gm;

// The chapter files in their order: [{file: 'web/chapters/01-landscape.html', id, html}].
export function chapterFiles(dir = CHAPTER_DIR) {
  return readdirSync(dir).filter((f) => /^\d\d-[a-z-]+\.html$/.test(f)).sort().map((f) => {
    const html = readFileSync(path.join(dir, f), 'utf8');
    const id = html.match(/^<section class="chapter" id="([^"]+)"/)?.[1];
    if (!id || f !== `${f.slice(0, 3)}${id}.html`) throw new Error(`web/chapters/${f}: must open with <section class="chapter" id="${f.slice(3, -5)}">`);
    return { file: path.relative(root, path.join(dir, f)).split(path.sep).join('/'), id, html };
  });
}

export const readBibliography = (file = BIBLIOGRAPHY_FILE) => JSON.parse(readFileSync(file, 'utf8'));

// The keys each chapter cites, in order: [{id, keys}].
export const citations = (chapters) => chapters.map(({ id, html }) => ({ id, keys: [...html.matchAll(CITE)].flatMap((m) => m[2].split(/\s+/).filter(Boolean)) }));

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const names = (authors) => (authors.length === 1 ? authors[0] : `${authors.slice(0, -1).join(', ')} and ${authors.at(-1)}`);

// A link's text: arXiv:ID, doi:ID, "proceedings" (PMLR), else the host.
export function linkText(href) {
  const url = new URL(href);
  if (url.hostname === 'arxiv.org') return `arXiv:${url.pathname.replace(/^\/abs\//, '')}`;
  if (url.hostname === 'doi.org') return `doi:${decodeURIComponent(url.pathname.slice(1))}`;
  if (url.hostname === 'proceedings.mlr.press') return 'proceedings';
  return url.hostname.replace(/^www\./, '');
}

// One entry as the page shows it: "Authors. <cite>Title</cite>[, part]. Where. links".
// Where: a conference "ICML 2017 (PMLR 70, 2798–2806)"; a journal or a publisher "Neural
// Networks 2(1), 53–58, 1989"; a preprint its year alone.
export function renderEntry(entry) {
  const { kind, venue, year, detail, part, note, links } = entry;
  let where;
  if (kind === 'conference') where = `${venue} ${year}${detail ? ` (${detail})` : ''}`;
  else if (kind === 'journal' || kind === 'book') where = `${venue}${detail ? ` ${detail}` : ''}, ${year}`;
  else if (kind === 'preprint') where = `${year}`;
  else throw new Error(`bibliography: ${entry.key}: unknown kind ${kind}`);
  if (note) where += ` (${note})`;
  const anchors = links.map((href) => `<a href="${escape(href)}">${escape(linkText(href))}</a>`).join(', ');
  return `${escape(names(entry.authors))}. <cite>${escape(entry.title)}</cite>${part ? `, ${escape(part)}` : ''}. ${escape(where)}. ${anchors}`;
}

// A chapter's reference list, as <section class="references">, for the keys it cites.
export function renderReferences(chapter, keys, bibliography) {
  const byKey = new Map(bibliography.map((entry) => [entry.key, entry]));
  const number = chapter.html.match(/<span class="chapter-number">([^<]+)<\/span>/)?.[1];
  const label = chapter.id === 'appendix' ? 'the appendix' : `chapter ${number}`;
  const items = keys.map((key) => {
    const entry = byKey.get(key);
    if (!entry) throw new Error(`${chapter.file}: cites "${key}", which is not in web/chapters/bibliography.json`);
    return `    <li>${renderEntry(entry)}</li>`;
  });
  return [`<section class="references" aria-label="References of ${label}">`, '  <h3>References</h3>', '  <ol>', ...items, '  </ol>', '</section>'].join('\n');
}

// A chapter's HTML with its references rendered.
export function renderChapter(chapter, bibliography = readBibliography()) {
  return chapter.html.replace(CITE, (whole, space, list) => renderReferences(chapter, list.split(/\s+/).filter(Boolean), bibliography)
    .split('\n').map((line) => space + line).join('\n'));
}

// The tutorial's one list of chapters, in order, from their files' headings:
// [{id, number, title, appendix}], number "1" ... "9" or "A" (the appendix: a number that is not
// a digit), title the heading's HTML after the number.
export function contents(chapters = chapterFiles()) {
  return chapters.map((chapter) => {
    const heading = chapter.html.match(/<h2\b[^>]*>\s*<span class="chapter-number">([^<]+)<\/span>\s*([\s\S]*?)\s*<\/h2>/);
    if (!heading) throw new Error(`${chapter.file}: its <h2> must hold <span class="chapter-number">N</span> and the title`);
    const [, number, title] = heading;
    return { id: chapter.id, number, title, appendix: !/^\d+$/.test(number) };
  });
}

// How a link names a chapter: "3. High-loss critical points are saddles"; the appendix by the
// part of its title before a colon ("Appendix").
const linkLabel = (entry) => (entry.appendix ? entry.title.split(':')[0] : `${entry.number}. ${entry.title}`);

// The table of contents: an ordered list of the chapters, the appendix unnumbered after them.
export function renderContents(entries) {
  const items = entries.map((e) => `  <li${e.appendix ? ' class="toc-appendix"' : ''}><a href="#${e.id}">${e.title}</a></li>`);
  return ['<ol>', ...items, '</ol>'].join('\n');
}

// Chapter i's previous / next links; the last chapter's "next" leads back to the first.
export function renderChapterNav(entries, i) {
  const here = entries[i];
  const from = here.appendix ? `the ${here.title.split(':')[0].toLowerCase()}` : `chapter ${here.number}`;
  const links = [];
  if (i > 0) links.push(`<a class="prev" rel="prev" href="#${entries[i - 1].id}">← ${linkLabel(entries[i - 1])}</a>`);
  if (i + 1 < entries.length) links.push(`<a class="next" rel="next" href="#${entries[i + 1].id}">${linkLabel(entries[i + 1])} →</a>`);
  else if (entries.length > 1) links.push(`<a class="next" rel="next" href="#${entries[0].id}">Back to chapter ${entries[0].number} →</a>`);
  return `<nav class="chapter-nav" aria-label="Previous and next chapter, from ${from}">${links.join('')}</nav>`;
}

// A chapter with its navigation as the last element of its section.
function withNav(html, nav, file) {
  if (/<nav class="chapter-nav"/.test(html)) throw new Error(`${file}: its previous / next links are generated (tools/tutorial-page.mjs); remove the hand-written <nav class="chapter-nav">`);
  const end = html.lastIndexOf('</section>');
  if (end < 0) throw new Error(`${file}: does not end with </section>`);
  return `${html.slice(0, end)}  ${nav}\n${html.slice(end)}`;
}

const indent = (html) => html.split('\n').map((line) => (line ? INDENT + line : line)).join('\n');

// The tutorial's page: the frame with its table of contents and every chapter, references
// rendered and previous / next links added, in order.
export function assemblePage({ frame = readFileSync(FRAME_FILE, 'utf8'), chapters = chapterFiles(), bibliography = readBibliography() } = {}) {
  if (!MARKER.test(frame)) throw new Error('web/chapters/frame.html: no "<!-- chapters: ... -->" line');
  if (!CONTENTS_MARKER.test(frame)) throw new Error('web/chapters/frame.html: no "<!-- contents: ... -->" line in the table of contents');
  const entries = contents(chapters);
  const body = chapters.map((chapter, i) => indent(withNav(renderChapter(chapter, bibliography), renderChapterNav(entries, i), chapter.file))).join('\n');
  return frame
    .replace(CONTENTS_MARKER, (whole, space) => `${renderContents(entries).split('\n').map((line) => space + line).join('\n')}\n`)
    .replace(MARKER, () => body);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(assemblePage());
