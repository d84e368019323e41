// The reproducers of tests/fixtures/reproducers/answers as the links a teacher pastes: the lists
// of links (.txt, one per line) and each answer file (.json) as a link whose answer is the file's
// patch exactly as the file spells it (JSON.parse would already have read its numbers). Shared by
// the node test of the verdicts (hostile-answers.test.mjs) and the page test (classroom.test.mjs).
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const reproducersDir = path.join(root, 'tests/fixtures/reproducers/answers');

// [{file, link}] in the order of the files' names; origin: where the links point.
export async function reproducerLinks(origin = 'https://school.example/lab/') {
  const links = [];
  for (const file of (await readdir(reproducersDir)).sort()) {
    const text = await readFile(path.join(reproducersDir, file), 'utf8');
    if (file.endsWith('.txt')) {
      // One link a line (the fixtures hold nothing else).
      const lines = text.replaceAll('https://school.example/lab/', origin).split(/\r\n|\r|\n/).map((line) => line.trim()).filter(Boolean);
      links.push(...lines.map((link) => ({ file, link })));
    } else if (file.endsWith('.json')) {
      const name = text.match(/"exercise"\s*:\s*"([a-z0-9-]+)"/)[1];
      const patch = text.slice(text.indexOf('"patch"')).replace(/^"patch"\s*:\s*/, '').replace(/,\s*"note"\s*:\s*"[^"]*"\s*}\s*$/, '');
      links.push({ file, link: `${origin}exercises.html#exercise=${name}&answer=${encodeURIComponent(patch)}` });
    }
  }
  return links;
}
