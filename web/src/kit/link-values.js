// Why this file exists: every widget reads the numbers and choices of its link's state the
// same way (kit/widget.js stateNumber and stateChoice), and that reading is plain JavaScript:
// kept apart from the element, node tests feed it thousands of hostile values without a
// browser (tests/wasm/hostile-links.test.mjs). Each reader returns { value, error }: value is
// null when the key is absent or its value refused; error, when refused, names the key and
// quotes the value short (shown(): a link's value can be 100 KB long).
import { decimalNumber, shown } from './format.js';

// The line a widget shows for a refused value of its link.
export function refusal(key, raw, expected) {
  return `${shown(key)}: "${shown(raw)}" is not ${expected}; ignored`;
}

// A number of `params` (URLSearchParams): accepted when it is a decimal number in [min, max]
// (whole with `integer`); "0x10", "1_000", "Infinity" and "" are not.
export function readNumber(params, key, { min = -Number.MAX_VALUE, max = Number.MAX_VALUE, integer = false } = {}) {
  const raw = params.get(key);
  if (raw === null) return { value: null, error: null };
  const value = decimalNumber(raw);
  if (Number.isFinite(value) && (!integer || Number.isInteger(value)) && value >= min && value <= max) return { value, error: null };
  return { value: null, error: refusal(key, raw, `${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`) };
}

// One of `options` (strings), exactly as written.
export function readChoice(params, key, options) {
  const raw = params.get(key);
  if (raw === null) return { value: null, error: null };
  if (options.includes(raw)) return { value: raw, error: null };
  return { value: null, error: refusal(key, raw, `one of ${options.join(', ')}`) };
}
