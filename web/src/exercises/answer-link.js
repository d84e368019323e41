// Why this file exists: a student's answer travels as a link, and the teacher's page reads
// it back. The answer is the core's answer object {exercise, patch, note}; in a link it sits in
// the URL fragment of exercises.html as `#exercise=NAME&answer=<JSON patch>&note=<text>`
// (the fragment never reaches a server, and a plain JSON patch stays readable). No DOM here,
// so node tests check the round trip and the parsing of pasted text without a browser.

// The page options a teacher's link may carry beside the answer (see the link builder).
export const PAGE_OPTIONS = ['theme', 'hide', 'lock'];

// The link that reopens the exercise with this answer (pageUrl: exercises.html's address);
// options: {theme, hide, lock} to keep.
export function answerLink(pageUrl, answer, options = {}) {
  const url = new URL(pageUrl);
  const hash = new URLSearchParams(url.hash.slice(1)); // what the address has (the offline file's page)
  hash.set('exercise', answer.exercise);
  for (const key of PAGE_OPTIONS) if (options[key]) hash.set(key, options[key]);
  if (answer.patch && Object.keys(answer.patch).length) hash.set('answer', JSON.stringify(answer.patch));
  if (answer.note) hash.set('note', answer.note);
  url.hash = hash.toString();
  return url.href;
}

// The answer a link (or a bare fragment) holds: {answer: {exercise, patch, note}, options} or
// {error}; an answer that is not JSON gives both (the error, and the answer with no patch, so the
// exercise still opens and says what was refused).
export function readAnswerLink(text) {
  let fragment;
  try {
    fragment = new URL(text.trim()).hash.slice(1);
  } catch {
    return { error: `"${text.trim().slice(0, 60)}" is not a link` };
  }
  const hash = new URLSearchParams(fragment);
  const exercise = hash.get('exercise');
  if (!exercise) return { error: 'the link names no exercise (no #exercise=... in it)' };
  let patch = {};
  let error = null;
  if (hash.has('answer')) {
    try {
      patch = JSON.parse(hash.get('answer'));
    } catch {
      error = `answer: the link's answer is not JSON (${hash.get('answer').slice(0, 40)})`;
    }
  }
  const options = Object.fromEntries(PAGE_OPTIONS.filter((key) => hash.get(key)).map((key) => [key, hash.get(key)]));
  const read = { answer: { exercise, patch, note: hash.get('note') ?? '' }, options };
  return error ? { error, ...read } : read;
}

// Every link in pasted text (one or more per line, separated by spaces, commas or new lines),
// each read with readAnswerLink, in order: [{link, answer} | {link, error}].
export function readPastedLinks(text) {
  return text.split(/[\s,]+/).filter((piece) => /^https?:\/\/|^file:\/\//.test(piece))
    .map((link) => ({ link, ...readAnswerLink(link) }));
}

// JSON with every object's keys sorted: two values are equal when their canonical texts are
// (the core writes objects with sorted keys, a widget in its own order).
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value ?? null);
}

// The patch of the allowed fields whose value differs from the base: `values` maps a dotted
// path ("optimizer.learning_rate") to its value, `base` the same paths to the base's.
export function patchFromValues(values, base) {
  const patch = {};
  for (const [path, value] of Object.entries(values)) {
    if (canonical(value) === canonical(base[path])) continue;
    const keys = path.split('.');
    let at = patch;
    for (const key of keys.slice(0, -1)) at = at[key] ??= {};
    at[keys.at(-1)] = value;
  }
  return patch;
}

// The value of each allowed path in an answer's patch (undefined where the patch leaves it).
export function valuesFromPatch(patch, paths) {
  const values = {};
  for (const path of paths) {
    let at = patch;
    for (const key of path.split('.')) at = at != null && typeof at === 'object' ? at[key] : undefined;
    if (at !== undefined) values[path] = at;
  }
  return values;
}
