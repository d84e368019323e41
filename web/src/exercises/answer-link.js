// Why this file exists: a student's answer travels as a link, and the teacher's page reads
// it back. The answer is the core's answer object {exercise, patch, note}; in a link it sits in
// the URL fragment of exercises.html as `#exercise=NAME&answer=<JSON patch>&note=<text>`
// (the fragment never reaches a server, and a plain JSON patch stays readable). Reading a link
// is the core's (core/answer_link.hpp, the worker's readAnswerLink and exerciseCheckLink): the
// student's page, the teacher's page and `landscape check-link` read the same text with the
// same function. Here only what is the page's: writing a link from an answer the core made,
// finding the links in pasted text, and the fields' values of a patch the core read. No DOM,
// so node tests check them without a browser.

// The page options a teacher's link may carry beside the answer (see the link builder).
export const PAGE_OPTIONS = ['theme', 'hide', 'lock'];

// The link that reopens the exercise with this answer (pageUrl: exercises.html's address);
// answer: the core's answer object (its numbers are finite: JSON.stringify writes them back
// exactly); options: {theme, hide, lock} to keep.
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

const LINK_START = /https?:\/\/|file:\/\//i;

// The links in pasted text, in order: one per line, from where the line's address begins to its
// end (a name before it is left out). Never cut elsewhere: the README's own link form,
// `answer={"start":[0.3,0.3]}`, has a comma inside, and a JSON answer may hold spaces.
export function pastedLinks(text) {
  return String(text).split(/\r\n|\r|\n/).map((line) => {
    const at = line.search(LINK_START);
    return at < 0 ? '' : line.slice(at).trim();
  }).filter(Boolean);
}

// The value of each allowed path in a patch the core read (undefined where the patch leaves it).
export function valuesFromPatch(patch, paths) {
  const values = {};
  for (const path of paths) {
    let at = patch;
    for (const key of path.split('.')) at = at != null && typeof at === 'object' ? at[key] : undefined;
    if (at !== undefined) values[path] = at;
  }
  return values;
}
