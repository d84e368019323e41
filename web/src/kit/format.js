// Why this file exists: every widget prints losses, eigenvalues and rates the same way, so a
// number reads alike wherever it appears ("0.0123", "4.56e-7", "–" when there is none).

// '–' for null/undefined/NaN; Infinity as itself; exponent form below 1e-3 and from 1e5 up
// (where fixed notation would be all zeros or all digits); else at most `digits`
// significant digits without trailing zeros.
export function formatNumber(v, digits = 3) {
  if (v == null || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return String(v);
  const size = Math.abs(v);
  if (size !== 0 && (size < 1e-3 || size >= 1e5)) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toString();
}

// A number a link or a field spells in decimal notation, NaN for anything else: Number()
// would also read "0x10" as 16, "0b1" as 1 and "" as 0.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
export function decimalNumber(text) {
  return typeof text === 'number' ? text : DECIMAL.test(String(text).trim()) ? Number(text) : NaN;
}

// A value or a key as a message quotes it: short (a link's value can be 100 KB long).
export function shown(raw) {
  const text = String(raw);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
