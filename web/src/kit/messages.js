// Why this file exists: the core refuses bad input as data, {field, code, args} (a Error thrown
// by the wasm module carries them as .field, .code, .args), beside its English message. The
// English templates of the codes are the core's (catalog().messages, core/input/messages.cpp): a page
// writes a refusal from them, word for word the core's message, without a copy of the wording.
// Pure: no DOM, no module; node tests format every refusal the core throws and compare.

// `template` with each {i} replaced by args[i] ({i} left as it is when there is no args[i]), as
// the core's fill_template() does.
export function fillTemplate(template, args = []) {
  return template.replace(/\{(\d{1,2})\}/g, (whole, index) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}

// "field: words" for a refusal {field, code, args} with the templates of `catalog` (the core's
// catalog, or its `messages` alone); null for a code the catalog does not list (a message not
// yet coded: show the Error's message).
export function formatMessage({ field = '', code = '', args = [] } = {}, catalog = {}) {
  const templates = catalog.messages ?? catalog;
  if (!code || !Object.hasOwn(templates, code)) return null;
  const words = fillTemplate(templates[code], args);
  return field ? `${field}: ${words}` : words;
}
