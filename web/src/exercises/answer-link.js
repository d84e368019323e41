// Why this file exists: a student's answer travels as a link, and the teacher's page reads
// it back. The answer is the core's answer object {exercise, patch, note}; in a link it sits in
// the URL fragment of exercises.html as `#exercise=NAME&answer=<JSON patch>&note=<text>`
// (the fragment never reaches a server, and a plain JSON patch stays readable). Reading a link
// is the core's (core/apps/answer_link.hpp, the worker's readAnswerLink and exerciseCheckLink): the
// student's page, the teacher's page and `landscape check-link` read the same text with the
// same function; so are writing a link (writeAnswerLink) and splitting a teacher's pasted lines
// into names and links (readHandedIn). Here only what is the page's: the fields' values of a
// patch the core read. No DOM, so node tests check them without a browser.

// The page options a teacher's link may carry beside the answer (see the link builder).
export const PAGE_OPTIONS = ['theme', 'hide', 'lock'];

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
