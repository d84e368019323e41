// Why this file exists: the tutorial's formulas, typeset once, at build time (tools/build-web.mjs),
// so the page arrives with them: no KaTeX script in the page, no second-long task typesetting
// several hundred formulas while the reader watches raw TeX.
// The HTML holds TeX as text in <span class="math"> (inline) and <div class="math display">
// (display); each becomes KaTeX's MathML, a <math> element inside the same element, with its TeX
// in data-tex, which the browser lays out itself (MathML Core: Chromium 109 on, Firefox) with
// the math font the tutorial's stylesheet names (STIX Two Math, served from our origin, cut by
// the build to the characters `characters` returns). KaTeX's HTML rendering drew the same 413
// formulas with about 10,500 positioned <span>s and carried this MathML too, for screen readers:
// three times the page's elements, most of its style and layout time on a phone.
// KaTeX writes its MathML for renderers that know all of MathML; the few things MathML Core
// leaves out, or spaces otherwise than TeX, are rewritten here (mathmlOf).
// A formula may hold a number computed by the core, marked <span class="computed" data-...>
// (see the comment in web/chapters/frame.html): its <mrow> in the MathML gets the class and the
// data- attributes, so the page's DOM keeps every mark.
// stylesToClasses and classRules serve the widgets' formulas (tools/widget-formulas.mjs), which
// are KaTeX's HTML in the widgets' shadow roots: KaTeX's HTML positions its glyphs with
// style="..." attributes, which the page's Content-Security-Policy (style-src 'self') refuses,
// so each distinct style becomes a class whose rule holds the same declarations.
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
// `computed` (the number's TeX, its index) gives the TeX put in the number's place.
function texOf(inner, marks, computed = (number) => `\\htmlClass{computed}{${number}}`) {
  const tex = inner.replace(/<span class="computed"([^>]*)>([\s\S]*?)<\/span>/g, (_, attributes, text) => {
    if (/<span/.test(text)) throw new Error(`typeset: a computed number holds a <span>: ${text}`);
    marks.push(attributes.trim());
    return computed(texNumber(decodeEntities(text.replace(/<[^>]*>/g, ''))), marks.length - 1);
  });
  return decodeEntities(tex.replace(/<[^>]*>/g, '')).trim();
}

// The Unicode letter a MathML token's mathvariant names: Chromium's MathML Core draws only
// mathvariant="normal", so \mathbb{R} is written as the letter itself (U+211D), which every
// browser and the math font draw. Only the variants of the Latin letters, the Greek letters and
// digits below; any other makes the build fail rather than show the wrong letter.
const VARIANT_BASES = {
  bold: { upper: 0x1d400, lower: 0x1d41a, digit: 0x1d7ce, greekUpper: 0x1d6a8, greekLower: 0x1d6c2 },
  italic: { upper: 0x1d434, lower: 0x1d44e, greekUpper: 0x1d6e2, greekLower: 0x1d6fc },
  'bold-italic': { upper: 0x1d468, lower: 0x1d482, greekUpper: 0x1d71c, greekLower: 0x1d736 },
  'double-struck': { upper: 0x1d538, lower: 0x1d552, digit: 0x1d7d8 },
};
// Letters of the Letterlike Symbols block, which the Mathematical Alphanumeric Symbols leave out.
const VARIANT_HOLES = {
  italic: { h: '\u210e' },
  'double-struck': { C: '\u2102', H: '\u210d', N: '\u2115', P: '\u2119', Q: '\u211a', R: '\u211d', Z: '\u2124' },
};
export function variantText(text, variant, tex) {
  const bases = VARIANT_BASES[variant];
  if (!bases) throw new Error(`typeset: mathvariant="${variant}" in "${tex}" has no Unicode letters here`);
  return [...text].map((c) => {
    const hole = VARIANT_HOLES[variant]?.[c];
    if (hole) return hole;
    const code = c.codePointAt(0);
    const at = (base, first) => { if (base === undefined) throw new Error(`typeset: no ${variant} "${c}" in "${tex}"`); return String.fromCodePoint(base + code - first); };
    if (c >= 'A' && c <= 'Z') return at(bases.upper, 0x41);
    if (c >= 'a' && c <= 'z') return at(bases.lower, 0x61);
    if (c >= '0' && c <= '9') return at(bases.digit, 0x30);
    if (code >= 0x391 && code <= 0x3a9) return at(bases.greekUpper, 0x391);
    if (code >= 0x3b1 && code <= 0x3c9) return at(bases.greekLower, 0x3b1);
    throw new Error(`typeset: no ${variant} "${c}" in "${tex}"`);
  }).join('');
}

// A minus, plus or ± sign after an operator or an opening bracket is a sign, not a binary
// operator (TeX's rule, which KaTeX's HTML follows): the browser would space it as one,
// "= − w", unless its form says so.
const CLOSING = new Set([')', ']', '}', '|', '\u2225', '\u27e9', '\u230b', '\u2309', '!']);
export function signsAsPrefix(mathml) {
  return mathml.replace(/(<mo\b[^>]*>([^<]*)<\/mo>)<mo>([\u2212+\u00b1\u2213])<\/mo>/g, (whole, before, operator, sign) => (
    CLOSING.has(operator) ? whole : `${before}<mo form="prefix">${sign}</mo>`));
}

// KaTeX's MathML of `tex` alone: the <math> element without KaTeX's wrapper, its <semantics>
// and its TeX annotation (the formula's element keeps the TeX in data-tex), each token's
// mathvariant (but "normal") as Unicode letters. `display`: a display formula.
function mathmlOf(tex, display) {
  const typeset = katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'mathml', strict: 'ignore', trust });
  if (typeset.includes('katex-error')) return typeset;
  const math = typeset.match(/^<span class="katex">(<math [^>]*>)<semantics>([\s\S]*)<annotation encoding="application\/x-tex">[\s\S]*<\/annotation><\/semantics><\/math><\/span>$/);
  if (!math) throw new Error(`typeset: KaTeX's MathML of "${tex}" is not <span class="katex"><math><semantics>...`);
  const spelled = math[2].replace(/<(m[a-z]+)([^>]*) mathvariant="([a-z-]+)"([^>]*)>([^<]*)<\/\1>/g, (whole, tag, before, variant, after, text) => (
    variant === 'normal' ? whole : `<${tag}${before}${after}>${variantText(text, variant, tex)}</${tag}>`));
  if (/mathvariant="(?!normal")/.test(spelled)) throw new Error(`typeset: a mathvariant left in "${tex}"`);
  // Signs as prefix operators (signsAsPrefix).
  // \lVert and \rVert come as U+2225 PARALLEL TO, a relation to the browser's operator
  // dictionary (spaced as "= "): U+2016 DOUBLE VERTICAL LINE is the same bars as a fence.
  // After a function's name (\sin, \operatorname) TeX puts a thin space before an argument
  // not in brackets; MathML Core puts none after U+2061 FUNCTION APPLICATION.
  // A function's name after a variable or a number takes TeX's thin space before it too
  // ("v_1 \max"), which no operator of MathML's gives it.
  // A prime is a raised glyph already: as a superscript (KaTeX's L'') it would be raised twice.
  // Bars are fences with no space of their own (Firefox spaces a bar inside a row as an operator).
  const body = signsAsPrefix(spelled).replace(/(<mo\b[^>]*>)\u2225<\/mo>/g, '$1\u2016</mo>')
    .replace(/<mo((?:(?! lspace=)[^>])*)>([|\u2016])<\/mo>/g, '<mo$1 lspace="0" rspace="0">$2</mo>')
    .replace(/<mo>\u2061<\/mo>(?!<mo\b[^>]*>[([{|\u2016])/g, '<mo rspace="0.1667em">\u2061</mo>')
    .replace(/(<\/(?:mi|mn|msub|msup|msubsup|mover|mrow)>)(<mi>[a-z]{2,}<\/mi><mo\b[^>]*>\u2061)/g, '$1<mspace width="0.1667em"></mspace>$2')
    .replace(/<msup>(<mi>[^<]*<\/mi>)(?:<mrow>((?:<mo mathvariant="normal">\u2032<\/mo>)+)<\/mrow>|(<mo mathvariant="normal">\u2032<\/mo>))<\/msup>/g,
      (_, base, several, one) => `${base}<mo lspace="0" rspace="0">${'\u2032'.repeat(((several ?? one).match(/\u2032/g)).length)}</mo>`);
  return `${math[1].replace(' xmlns="http://www.w3.org/1998/Math/MathML"', '')}${body}</math>`;
}

// A formula's inner HTML as MathML. KaTeX's MathML keeps no mark of \htmlClass, so each
// computed number stands in the TeX as a placeholder (\text{lllcomputedN}), is typeset alone,
// and takes the placeholder's place as an <mrow class="computed" data-...>. Returns the
// formula's TeX (each computed number as \htmlClass{computed}{...}, as the widgets' formulas
// and katex.render take it) and its MathML.
function typesetMathml(inner, display) {
  const marks = [];
  const numbers = [];
  const placeheld = texOf(inner, marks, (number, index) => {
    numbers.push(number);
    return `\\text{lllcomputed${index}}`;
  });
  const tex = placeheld.replace(/\\text\{lllcomputed(\d+)\}/g, (_, index) => `\\htmlClass{computed}{${numbers[index]}}`);
  let typeset = mathmlOf(placeheld, display);
  if (typeset.includes('katex-error')) return { tex, typeset: mathmlOf(tex, display) };
  let placed = 0;
  typeset = typeset.replace(/<mtext>lllcomputed(\d+)<\/mtext>/g, (_, index) => {
    placed += 1;
    // KaTeX's MathML is one <mrow> (or <mtable>) in <math>: the mark goes onto it.
    const number = mathmlOf(numbers[index], false).replace(/^<math[^>]*>|<\/math>$/g, '');
    if (!number.startsWith('<mrow>')) throw new Error(`typeset: the MathML of ${numbers[index]} is not an <mrow>`);
    return `<mrow class="computed"${marks[index] ? ` ${marks[index]}` : ''}>${number.slice('<mrow>'.length)}`;
  });
  if (placed !== numbers.length) throw new Error(`typeset: ${numbers.length} computed numbers in "${tex}", ${placed} typeset`);
  return { tex, typeset };
}

// Typesets every formula of `html`. Returns the page's HTML, how many formulas there were and
// how many failed (a failure is left as KaTeX's visible .katex-error, red source text, which
// the tutorial's tests look for).
export function typesetPage(html) {
  let count = 0;
  let failures = 0;
  let out = '';
  let last = 0;
  OPENING.lastIndex = 0;
  for (let open; (open = OPENING.exec(html));) {
    const name = open[1].startsWith('div') ? 'div' : 'span';
    const { inner, end } = innerOf(html, OPENING.lastIndex, name);
    const { tex, typeset } = typesetMathml(inner, name === 'div');
    count += 1;
    if (typeset.includes('katex-error')) failures += 1;
    out += html.slice(last, open.index) + `<${open[1]} data-tex="${attributeText(tex)}">${typeset}</${name}>`;
    last = end;
  }
  out += html.slice(last);
  return { html: out, count, failures };
}

// The symbols math-auto sets in italic besides the Latin and Greek alphabets.
const ITALIC_SYMBOLS = {
  '\u0131': '\u{1d6a4}', '\u0237': '\u{1d6a5}', '\u2207': '\u{1d6fb}', '\u2202': '\u{1d715}', '\u03f5': '\u{1d716}',
  '\u03d1': '\u{1d717}', '\u03f0': '\u{1d718}', '\u03d5': '\u{1d719}', '\u03f1': '\u{1d71a}', '\u03d6': '\u{1d71b}',
};

// The characters the math font draws for the formulas of `html` (typeset): the text of every
// token element, and, as the browser draws a single-letter <mi> in italic (text-transform:
// math-auto), the Mathematical Italic form of each Latin and Greek letter. The build cuts the
// font to these.
export function characters(html) {
  const found = new Set();
  for (const [math] of html.matchAll(/<math[\s\S]*?<\/math>/g)) {
    for (const [, text] of math.matchAll(/>([^<]+)</g)) for (const c of decodeEntities(text)) found.add(c);
  }
  for (const c of [...found]) {
    if (/[A-Za-z\u0391-\u03a9\u03b1-\u03c9]/.test(c)) found.add(variantText(c, 'italic', c));
    if (Object.hasOwn(ITALIC_SYMBOLS, c)) found.add(ITALIC_SYMBOLS[c]);
  }
  return [...found].sort().join('');
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
