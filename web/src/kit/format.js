// Why this file exists: every widget writes numbers the same way. formatNumber: '–' for a
// missing value, an exponent below 1e-3 or from 1e5 up, otherwise up to `digits`
// significant digits without trailing zeros.
export function formatNumber(v, digits = 4) {
  if (v == null || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(Math.max(0, digits - 2));
  return Number(v.toPrecision(digits)).toString();
}
