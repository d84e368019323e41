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
// yet coded: show the Error's message). A message composed of parts (a run's outcome: a head, a
// clause, a reason, a tail; core/input/messages.hpp composed()) carries them as `parts`, [{code,
// args}, ...]: its words are each part's template filled, one after the other (each template
// carries its own separators), as the core's english(parts) writes them; null when the catalog
// lacks any of them.
export function formatMessage({ field = '', code = '', args = [], parts = null } = {}, catalog = {}) {
  const templates = catalog.messages ?? catalog;
  const known = (part) => Boolean(part?.code) && Object.hasOwn(templates, part.code);
  let words;
  if (Array.isArray(parts) && parts.length > 0) {
    if (!parts.every(known)) return null;
    words = parts.map((part) => fillTemplate(templates[part.code], part.args ?? [])).join('');
  } else {
    if (!known({ code })) return null;
    words = fillTemplate(templates[code], args);
  }
  return field ? `${field}: ${words}` : words;
}

// The templates the page's words come from: the core's catalog().messages, registered by the
// kit's core connection (kit/core-client.js) the first time a coded refusal reaches the page, or
// a translation of them registered by the page before that (the first registered is kept).
let pageMessages = null;
export function useMessageCatalog(catalog) {
  if (catalog) pageMessages ??= catalog.messages ?? catalog;
}
export const hasMessageCatalog = () => pageMessages !== null;

// A refusal the page makes itself, of input only the page reads (a link's packed values, the
// embed page's options), as an Error carrying it as data like the core's ({field, code, args}; its
// template is in the core's one table of codes, catalog().messages): its message is the
// catalog's words when the page has them, else the code and args (messageOf() words it again
// once the catalog is there; kit/catalog.js loads it).
export function pageRefusal(field, code, args = []) {
  const words = pageMessages ? formatMessage({ field, code, args }, pageMessages) : null;
  const fallback = `${field ? `${field}: ` : ''}${code}${args.length ? ` (${args.join(', ')})` : ''}`;
  return Object.assign(new Error(words ?? fallback), { field, code, args: args.map(String) });
}

// The words a page shows for `error`: a refusal the core coded ({field, code, args}, an Error of
// the wasm module or of the kit's worker, or a plain object), formatted from the catalog's
// templates; otherwise (a message not yet coded, a code the catalog lacks, no catalog yet) the
// English it carries. A training run's status ({state, message, message_data}, the core's
// status()) is worded from its message_data (a diverged run's message, composed of parts). Every
// error display of the pages says it through here, so a translated catalog translates every
// refusal and every run's outcome at once.
export function messageOf(error, catalog = pageMessages) {
  if (error === null || error === undefined) return '';
  if (typeof error !== 'object') return String(error);
  const data = error.message_data && typeof error.message_data === 'object' ? error.message_data : error;
  const formatted = catalog && data.code ? formatMessage(data, catalog) : null;
  return formatted ?? String(error.message ?? '');
}

// The words of an exercise's verdict (the core's checkExercise result): "" when it passed, else
// every missing thing, "; " between them. Each is data ({field, code, args}, with its English):
// a condition of the exercise is worded from the exercise's own templates (exerciseInfo()'s
// `messages`, passed here), the core's verdicts (another student's instance, too many changes)
// from the catalog's, so a translated exercise and catalog translate the verdict whole.
export function verdictMessage(result, exerciseMessages = {}, catalog = pageMessages) {
  if (result.passed) return '';
  const templates = { ...(catalog?.messages ?? catalog ?? {}), ...exerciseMessages };
  return (result.verdict ?? []).map((item) => messageOf(item, templates)).join('; ');
}
