// Why this file exists: the fixed formulas of the widgets' own text (not a surface's, which the
// core writes), as TeX in the tutorial's notation. tools/widget-formulas.mjs typesets each one at
// build time; a widget shows one with kit/formulas.js: formula(root, WIDGET_TEX.lambdaMin).
export const WIDGET_TEX = {
  lambdaMin: '\\lambda_{\\min}',
  lambdaMax: '\\lambda_{\\max}',
  convexityRatio: '|\\lambda_{\\min} / \\lambda_{\\max}|',
  quadraticForm: 'L(w) = \\tfrac12\\, w^\\top H w',
};
