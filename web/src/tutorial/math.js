// Why this file exists: the tutorial's formulas. The HTML holds TeX as text in
// <span class="math"> (inline) and <div class="math display"> (display); this module
// typesets each one with katex.render, which builds the DOM and sets its styles through the
// CSSOM. Never innerHTML = renderToString: its style= attributes are blocked by the page's
// Content-Security-Policy (style-src 'self'). The TeX stays in data-tex, so a second call
// (or a copy of the page) typesets from the source, not from the rendered text.
import katex from 'katex';

export const MATH_SELECTOR = 'span.math, div.math.display';

// Typesets every formula under `root`; returns how many failed (each failure is left as a
// visible .katex-error node, which the tutorial's tests look for).
export function renderMath(root = document) {
  let failures = 0;
  for (const element of root.querySelectorAll(MATH_SELECTOR)) {
    const tex = element.dataset.tex ?? element.textContent.trim();
    element.dataset.tex = tex;
    katex.render(tex, element, {
      displayMode: element.classList.contains('display'),
      throwOnError: false, // a typo shows as red source text (.katex-error), not a broken page
      output: 'htmlAndMathml', // MathML for screen readers
      strict: 'ignore',
    });
    if (element.querySelector('.katex-error')) failures += 1;
  }
  return failures;
}
