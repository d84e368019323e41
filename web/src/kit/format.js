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

// The code points a message writes escaped, as the core writes them in its own messages
// (core/input/text.hpp escaped_characters(); its catalog lists them and tests/wasm/trust-round-2
// asserts this list is the same): the controls, and the characters that draw nothing or reorder
// the text around them (U+FEFF, U+200B, U+202E, ...), so that "u\u{FEFF}nits" cannot look like
// the valid field "units" and U+202E cannot turn the rest of a message around.
export const ESCAPED = [
  [0x0000, 0x001F], [0x007F, 0x009F], [0x00AD, 0x00AD], [0x034F, 0x034F], [0x061C, 0x061C],
  [0x115F, 0x1160], [0x17B4, 0x17B5], [0x180B, 0x180F], [0x200B, 0x200F], [0x2028, 0x202E],
  [0x2060, 0x206F], [0x3164, 0x3164], [0xFEFF, 0xFEFF], [0xFFA0, 0xFFA0], [0xFFF9, 0xFFFB],
  [0x1D173, 0x1D17A], [0xE0000, 0xE007F],
];

const hex = (c, digits) => c.toString(16).toUpperCase().padStart(digits, '0');

// Text from input as a message shows it: the controls as \u00XX and the invisible and
// bidirectional characters as \u{XXXX} (the core's forms), a lone surrogate as \u{D8XX}.
export function printable(raw) {
  let out = '';
  for (const ch of String(raw)) {
    const c = ch.codePointAt(0);
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) out += `\\u${hex(c, 4)}`;
    else if ((c >= 0xD800 && c <= 0xDFFF) || ESCAPED.some(([first, last]) => c >= first && c <= last)) out += `\\u{${hex(c, 4)}}`;
    else out += ch;
  }
  return out;
}

// A value or a key as a message quotes it: printable, and short (a link's value can be 100 KB
// long), cut at a character, never inside one or inside an escape.
export function shown(raw) {
  const characters = [...String(raw)];
  return characters.length > 40 ? `${printable(characters.slice(0, 40).join(''))}…` : printable(characters.join(''));
}
