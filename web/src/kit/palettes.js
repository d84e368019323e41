// Why this file exists: the colours that tell things apart (the saddle explorer's optimizers,
// the kinds of critical point, the signs of eigenvalues, the ends of the surfaces' diverging
// map), in one place, so tests/wasm/palettes.test.mjs can check that every set stays apart for
// colour-blind readers (simulated protanopia, deuteranopia, tritanopia) and that lines and dots
// stand out against a white background. The playground's colours are in playground/colors.js
// (checked by the same test).

// Okabe & Ito's blue, bluish green and vermillion, Tol's purple and near-black.
export const OPTIMIZER_COLORS = Object.freeze({
  gd: '#111827', momentum: '#aa3377', newton: '#0072b2', saddle_free_newton: '#009e73', perturbed_gd: '#d55e00',
});
// Colours for any further variant of a scenario's compare list, in turn.
export const EXTRA_OPTIMIZER_COLORS = Object.freeze(['#db2777', '#65a30d', '#0d9488', '#b45309']);

// Blue and red for the two common kinds, grey for "cannot decide", amber for the rare maxima.
export const CRITICAL_KIND_COLORS = Object.freeze({ minimum: '#1d4ed8', saddle: '#dc2626', degenerate: '#6b7280', maximum: '#d97706' });

// Eigenvalues by sign: red negative, grey zero, blue positive.
export const SIGN_COLORS = Object.freeze({ negative: '#dc2626', zero: '#8b929e', positive: '#1d4ed8' });

// The surfaces' and slices' heatmaps: blue (low) - near-white - orange (high).
export const SURFACE_COLORS = Object.freeze(['#1d4ed8', '#f8fafc', '#c2410c']);
