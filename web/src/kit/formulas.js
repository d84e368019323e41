// Why this file exists: a widget's formulas typeset as the tutorial's are (the same KaTeX HTML and
// MathML, the same fonts and stylesheet), though the widget learns the surface's formula from the
// core at run time: tools/widget-formulas.mjs asked the core for every formula it can write of the
// catalog's surfaces and the bundled scenarios, typeset each at build time, and generated the
// module imported here (TeX -> HTML). No KaTeX code reaches the page.
// KaTeX positions glyphs with style attributes, which the CSP refuses: the generated HTML has
// classes instead, styled by FORMULA_CSS, one constructed sheet (allowed under style-src 'self',
// like the kit's own, kit/sheet.js) that a widget's shadow root adopts when it first shows a
// formula. A shadow root ignores @font-face, so KaTeX's fonts are declared in the document. Our
// pages (and the offline file, its fonts as data: URLs) declare them in their stylesheets
// (tools/build-web.mjs adds them): rules added to the document once the page is drawn
// make the browser restyle and lay out all of it again, which on the tutorial held its first
// figure back by 100 ms on a slow phone. On any other page (a blog on our origin) the kit adds
// them, from katex/fonts/ beside the kit, when the first formula is shown.
import { FONT_FACES, FORMULAS, FORMULA_CSS } from 'lll-generated/formulas';
import { kitBase } from './scenarios.js';
import { offline } from './offline.js';

let sheet = null;
let fontsDeclared = false; // by the page, or by addFonts

// A page of another origin (a blog post with the element on it) would load KaTeX's fonts from
// the lab's origin, which its CSP may refuse (font-src, or default-src 'self': each refused font
// is a console error and a formula in fallback glyphs). There the same formula is shown as its
// MathML, which KaTeX wrote beside the HTML and the browser typesets with its own math font.
const foreignPage = !offline && kitBase.origin !== location.origin;
const NATIVE_MATH_CSS = `.formula.native-math .katex-html { display: none; }
.formula.native-math .katex .katex-mathml { position: static; clip-path: none; width: auto; height: auto; overflow: visible; }
.formula.native-math math { font-size: 1.1em; }`;

function formulaSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`${FORMULA_CSS}\n${NATIVE_MATH_CSS}`);
  }
  return sheet;
}

// Whether the page declares KaTeX's fonts itself (ours do in their stylesheets; a blog may link
// KaTeX's own stylesheet, whose families are the same).
function pageDeclaresFonts() {
  for (const face of document.fonts) if (face.family.replace(/^["']|["']$/g, '') === 'KaTeX_Main') return true;
  return false;
}

function addFonts() {
  if (fontsDeclared) return;
  fontsDeclared = true;
  if (offline || pageDeclaresFonts()) return;
  const fonts = new CSSStyleSheet();
  fonts.replaceSync(FONT_FACES.replace(/url\(fonts\//g, `url(${new URL('katex/fonts/', kitBase).href}`));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, fonts];
}

// Whether the build typeset `tex`.
export const isTypeset = (tex) => Object.hasOwn(FORMULAS, tex);

// `tex` typeset, as a <span class="formula" data-tex> for the widget whose shadow root is `root`.
// A formula the build did not typeset is an error, unless `text` is given: a surface of a
// scenario the page loaded from elsewhere, with parameters of its own, shows the core's plain
// text formula (never raw TeX), marked data-untypeset.
export function formula(root, tex, text = null) {
  const span = document.createElement('span');
  span.className = 'formula';
  if (!isTypeset(tex)) {
    if (text === null) throw new Error(`formula: "${tex}" was not typeset when the page was built (tools/widget-formulas.mjs)`);
    span.textContent = text;
    span.dataset.untypeset = '';
    return span;
  }
  if (!root.adoptedStyleSheets.includes(formulaSheet())) root.adoptedStyleSheets = [...root.adoptedStyleSheets, formulaSheet()];
  if (foreignPage) span.classList.add('native-math');
  else addFonts();
  span.dataset.tex = tex;
  span.innerHTML = FORMULAS[tex];
  return span;
}
