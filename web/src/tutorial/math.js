// Why this file exists: the tutorial's formulas. The HTML holds TeX as text in
// <span class="math"> (inline) and <div class="math display"> (display); this module
// typesets each one with katex.render, which builds the DOM and sets its styles through the
// CSSOM. Never innerHTML = renderToString: its style= attributes are blocked by the page's
// Content-Security-Policy (style-src 'self').
// A formula may hold a number computed by the core, marked <span class="computed" data-...>
// (see the comment in index.html); it is typeset as \htmlClass{computed}{...} and its data-
// attributes are copied onto the typeset node, so the page's DOM keeps every mark.
import katex from 'katex';

export const MATH_SELECTOR = 'span.math, div.math.display';

// Only our own \htmlClass{computed}{...} is trusted; any other HTML command stays refused.
const trust = (context) => context.command === '\\htmlClass' && context.class === 'computed';

// A computed number as TeX: a Unicode minus as "-", and 9.7e-5 as 9.7 \times 10^{-5}.
export const texNumber = (text) => text.trim().replace(/\u2212/g, '-')
  .replace(/^([-+]?[\d.]+)e([-+]?\d+)$/i, (_, mantissa, exponent) => `${mantissa} \\times 10^{${Number(exponent)}}`);

// The TeX of a formula element, with each computed child as \htmlClass{computed}{text}.
function texOf(element, marks) {
  let tex = '';
  for (const node of element.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) tex += node.textContent;
    else if (node.nodeType === Node.ELEMENT_NODE && node.classList.contains('computed')) {
      marks.push({ ...node.dataset });
      tex += `\\htmlClass{computed}{${texNumber(node.textContent)}}`;
    } else tex += node.textContent;
  }
  return tex.trim();
}

// Typesets every formula under `root`; returns how many failed (each failure is left as a
// visible .katex-error node, which the tutorial's tests look for).
export function renderMath(root = document) {
  let failures = 0;
  for (const element of root.querySelectorAll(MATH_SELECTOR)) {
    if (element.dataset.tex !== undefined) continue; // typeset already
    const marks = [];
    const tex = texOf(element, marks);
    element.dataset.tex = tex;
    katex.render(tex, element, {
      displayMode: element.classList.contains('display'),
      throwOnError: false, // a typo shows as red source text (.katex-error), not a broken page
      output: 'htmlAndMathml', // MathML for screen readers
      strict: 'ignore',
      trust,
    });
    if (element.querySelector('.katex-error')) failures += 1;
    const typeset = element.querySelectorAll('.katex-html .computed');
    typeset.forEach((node, i) => Object.assign(node.dataset, marks[i] ?? {}));
  }
  return failures;
}
