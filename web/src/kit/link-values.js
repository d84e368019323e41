// Why this file exists: every widget reads the numbers and choices of its link's state the
// same way (kit/widget.js stateNumber and stateChoice), and that reading is plain JavaScript:
// kept apart from the element, node tests feed it thousands of hostile values without a
// browser (tests/wasm/hostile-links.test.mjs). Each reader returns { value, error }: value is
// null when the key is absent or its value refused; error, when refused, is the refusal as data
// (kit/messages.js pageRefusal: its code in the core's table), naming the key and quoting the
// value short (shown(): a link's value can be 100 KB long).
import { decimalNumber, shown } from './format.js';
import { pageRefusal } from './messages.js';

// A refused value of a widget's link: `code` is what it is not (link_not_number_in, ...), `args`
// what the words need after the key and the value (the key is an arg, not the field: a link's
// key may be empty, and is still named).
export function refusal(key, raw, code, args = []) {
  return pageRefusal('', code, [shown(key), shown(raw), ...args]);
}

// A number of `params` (URLSearchParams): accepted when it is a decimal number in [min, max]
// (whole with `integer`); "0x10", "1_000", "Infinity" and "" are not.
export function readNumber(params, key, { min = -Number.MAX_VALUE, max = Number.MAX_VALUE, integer = false } = {}) {
  const raw = params.get(key);
  if (raw === null) return { value: null, error: null };
  const value = decimalNumber(raw);
  if (Number.isFinite(value) && (!integer || Number.isInteger(value)) && value >= min && value <= max) return { value, error: null };
  return { value: null, error: refusal(key, raw, integer ? 'link_not_whole_number_in' : 'link_not_number_in', [min, max]) };
}

// One of `options` (strings), exactly as written.
export function readChoice(params, key, options) {
  const raw = params.get(key);
  if (raw === null) return { value: null, error: null };
  if (options.includes(raw)) return { value: raw, error: null };
  return { value: null, error: refusal(key, raw, 'link_not_choice', [options.join(', ')]) };
}
