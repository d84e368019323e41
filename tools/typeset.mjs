// Why this file exists: the tutorial's formulas, typeset once, at build time (tools/build-web.mjs),
// so the page arrives with them: no KaTeX script in the page, no second-long task typesetting
// several hundred formulas while the reader watches raw TeX.
// The HTML holds TeX as text in <span class="math"> (inline) and <div class="math display">
// (display); each becomes KaTeX's HTML (and MathML, for screen readers) inside the same element,
// with its TeX in data-tex. KaTeX's HTML positions its glyphs with style="..." attributes, which
// the page's Content-Security-Policy (style-src 'self') refuses: each distinct style becomes a
// class (ks0, ks1, ...) whose rule, in a generated stylesheet served from our origin
// (katex/formulas.css), holds the same declarations, !important so that they win over KaTeX's
// own rules as an inline style would.
// A formula may hold a number computed by the core, marked <span class="computed" data-...>
// (see the comment in web/chapters/frame.html): it is typeset as \htmlClass{computed}{...} and its data-
// attributes are copied onto the typeset node, so the page's DOM keeps every mark.
import katex from 'katex';

// Only our own \htmlClass{computed}{...} is trusted; any other HTML command stays refused.
const trust = (context) => context.command === '\\htmlClass' && context.class === 'computed';

// A computed number as TeX: a Unicode minus as "-", and 9.7e-5 as 9.7 \times 10^{-5}.
export const texNumber = (text) => text.trim().replace(/\u2212/g, '-')
  .replace(/^([-+]?[\d.]+)e([-+]?\d+)$/i, (_, mantissa, exponent) => `${mantissa} \\times 10^{${Number(exponent)}}`);

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', thinsp: '\u2009' };
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') return String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    if (!Object.hasOwn(ENTITIES, name)) throw new Error(`typeset: unknown entity ${whole}`);
    return ENTITIES[name];
  });
}
const attributeText = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const OPENING = /<(span class="math"|div class="math display")>/g;
const TAG = /<(\/?)(span|div|sup|sub|em|strong|b|i)\b([^>]*)>/g;

// The element's inner HTML from `start` (just after its opening tag) to its closing tag.
function innerOf(html, start, name) {
  TAG.lastIndex = start;
  let depth = 1;
  for (let match; (match = TAG.exec(html));) {
    if (match[1]) depth -= 1;
    else depth += 1;
    if (depth === 0) {
      if (match[2] !== name) throw new Error(`typeset: <${name}> closed by </${match[2]}> at ${match.index}`);
      return { inner: html.slice(start, match.index), end: TAG.lastIndex };
    }
  }
  throw new Error(`typeset: <${name}> at ${start} is not closed`);
}

// The TeX of a formula's inner HTML, each computed child as \htmlClass{computed}{text} (its
// attributes but the class kept in `marks`); any other element counts by its text.
function texOf(inner, marks) {
  const tex = inner.replace(/<span class="computed"([^>]*)>([\s\S]*?)<\/span>/g, (_, attributes, text) => {
    if (/<span/.test(text)) throw new Error(`typeset: a computed number holds a <span>: ${text}`);
    marks.push(attributes.trim());
    return `\\htmlClass{computed}{${texNumber(decodeEntities(text.replace(/<[^>]*>/g, '')))}}`;
  });
  return decodeEntities(tex.replace(/<[^>]*>/g, '')).trim();
}

// Typesets every formula of `html`. Returns the page's HTML, the stylesheet of its styles, and
// how many formulas there were and how many failed (a failure is left as KaTeX's visible
// .katex-error, red source text, which the tutorial's tests look for).
export function typesetPage(html) {
  const classes = new Map(); // style text -> class name
  let count = 0;
  let failures = 0;
  let out = '';
  let last = 0;
  OPENING.lastIndex = 0;
  for (let open; (open = OPENING.exec(html));) {
    const name = open[1].startsWith('div') ? 'div' : 'span';
    const { inner, end } = innerOf(html, OPENING.lastIndex, name);
    const marks = [];
    const tex = texOf(inner, marks);
    let typeset = katex.renderToString(tex, {
      displayMode: name === 'div',
      throwOnError: false, // a typo shows as red source text (.katex-error), not a broken build
      output: 'htmlAndMathml', // MathML for screen readers
      strict: 'ignore',
      trust,
    });
    count += 1;
    if (typeset.includes('katex-error')) failures += 1;
    // The computed marks, in order, onto the typeset nodes of the HTML part (the MathML part
    // comes first and carries no classes).
    const htmlPart = typeset.indexOf('class="katex-html"');
    let mark = 0;
    typeset = typeset.slice(0, htmlPart) + typeset.slice(htmlPart).replace(/class="enclosing computed"/g, (whole) => {
      const attributes = marks[mark++];
      return attributes ? `${whole} ${attributes}` : whole;
    });
    if (mark !== marks.length) throw new Error(`typeset: ${marks.length} computed numbers in "${tex}", ${mark} typeset`);
    typeset = stylesToClasses(typeset, classes, 'ks', tex);
    out += html.slice(last, open.index) + `<${open[1]} data-tex="${attributeText(tex)}">${typeset}</${name}>`;
    last = end;
  }
  out += html.slice(last);
  const css = `/* Generated by tools/typeset.mjs: the positions of the tutorial's typeset formulas (KaTeX's\n   inline styles, which the page's CSP refuses, as classes). */\n${classRules(classes)}\n`;
  return { html: out, css, count, failures, styles: classes.size };
}

// KaTeX's HTML with each style="..." attribute replaced by a class (`prefix` and a number, one
// per distinct style, collected in `classes`: style text -> class name).
export function stylesToClasses(typeset, classes, prefix, tex) {
  const out = typeset.replace(/<([a-z]+)([^>]*?) style="([^"]*)"([^>]*)>/g, (_, tag, before, style, after) => {
    if (!classes.has(style)) classes.set(style, `${prefix}${classes.size}`);
    const added = classes.get(style);
    const attributes = `${before}${after}`;
    if (/ class="/.test(attributes)) return `<${tag}${attributes.replace(/ class="([^"]*)"/, ` class="$1 ${added}"`)}>`;
    return `<${tag} class="${added}"${attributes}>`;
  });
  if (/ style=/.test(out)) throw new Error(`typeset: a style attribute left in "${tex}"`);
  return out;
}

// The rules of those classes, !important so that they win over KaTeX's own rules as an inline
// style would.
export function classRules(classes) {
  return [...classes].map(([style, name]) => {
    const declarations = style.split(';').map((d) => d.trim()).filter(Boolean).map((d) => `${d}!important`);
    return `.${name}{${declarations.join(';')}}`;
  }).join('\n');
}
