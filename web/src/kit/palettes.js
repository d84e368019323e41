// Why this file exists: every colour a widget draws data with, in one place, so
// tests/wasm/palettes.test.mjs can check them all: that every set that tells things apart (the
// saddle explorer's optimizers, the kinds of critical point, the signs of eigenvalues, the
// training and test loss, ...) stays apart for colour-blind readers (simulated protanopia,
// deuteranopia, tritanopia), that lines and dots stand out against a white background, that
// the sequential map's lightness rises for every reader, and that no widget writes a colour of
// its own (the test reads web/src for colour literals outside this file).
import { interpolateViridis } from 'd3-scale-chromatic';

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

// The training and the test loss, the same pair in every widget (the test loss also dashed).
export const LOSS_COLORS = Object.freeze({ training: '#0072b2', test: '#d55e00' });

// Line charts' other curves: the one quantity a chart is about (near-black), a second quantity
// beside it (dashed), a reference to compare with (grey, dashed: a straight line, α = 1), and
// two variants of one measurement (sharp-flat's raw and filter-normalised directions).
// The line joining a series drawn as dots is a pale thread behind them.
export const LINE_COLORS = Object.freeze({ quantity: '#111827', companion: '#b45309', reference: '#6b7280', dotted: '#c4c9d4' });
export const VARIANT_COLORS = Object.freeze({ raw: '#d55e00', filter: '#0072b2' });

// Marks drawn over a heatmap: points and paths in near-black ringed with white (they stay
// visible over the dark and the light end of the colour map), a live run in magenta (no colour
// of the sequential map), the grid's contour lines half-transparent.
// A plot with no colour map (the playground's curve for 1-D data) lies on a near-white background.
export const MARK_COLORS = Object.freeze({ ink: '#111827', halo: '#ffffff', live: '#c026d3', contour: 'rgba(15, 23, 42, 0.3)', background: '#f8fafc' });

// The page behind an exported picture when the widget has no colour of its own.
export const PAPER = '#ffffff';

// The added-neuron experiment: the original network's curve and the trained one's, the parts
// of the output, signed bars, and one colour per parameter (Tableau-like, dark enough on white).
export const ADDED_NEURON_COLORS = Object.freeze({
  original: '#6b7280', trained: '#2563eb', originalPart: '#ea580c', negative: '#dc2626', positive: '#2563eb',
  residual: '#6b21a8', neuronBar: '#60a5fa',
});
export const PARAMETER_COLORS = Object.freeze(['#2563eb', '#16a34a', '#9333ea', '#db2777', '#0891b2', '#ca8a04', '#4338ca', '#65a30d', '#c026d3', '#0d9488', '#b45309', '#1e40af']);

// Okabe & Ito's categorical palette ("Color Universal Design", 2002): its colours stay apart
// for the common colour-vision deficiencies. Orange and blue first, as the two-class colours
// (the playground's classes, kit/heatmap.js OKABE_ITO).
export const CATEGORY_COLORS = Object.freeze(['#e69f00', '#0072b2', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#f0e442']);

// Colour maps. One-sided quantities (a loss, a distance, |λmin / λmax|) take viridis, a
// perceptually uniform sequential map (van der Walt & Smith), dark for low values: its
// lightness rises evenly for every reader, colour-blind ones too, and it prints in grey.
// t in [0, 1] -> '#rrggbb'.
export const SEQUENTIAL_MAP = interpolateViridis;
// Signed quantities (an eigenvalue, the network's output, a surface taking both signs) take a
// diverging map centred at zero: TensorFlow Playground's orange (negative) - light grey (0) -
// blue (positive), the same way round as the eigenvalues' signs (red negative, blue positive).
export const DIVERGING_COLORS = Object.freeze({ negative: '#f59322', zero: '#e8eaeb', positive: '#0877bd' });
