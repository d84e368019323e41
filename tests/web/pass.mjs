// One pass of the page tests: every tests/web/*.test.mjs in this one process, in name order,
// so the browser of the pass (LLL_BROWSER) and the static server start once (browser.mjs
// shares them) instead of once a file. A file run on its own (make test-page NAME=...) starts
// its own browser.
//
// LLL_SHARD="i/n" runs only the i-th of n shares of the files. `make test` runs each browser's
// pass as two shares at once, so that a machine with more cores than this project's two runs
// them side by side (on two cores the run took as long as with one pass a browser: 34:39
// against 34:31; the cores are full either way). The files are dealt out by their cost (the seconds each took in a Chromium pass of `make test`,
// heaviest first, each to the share with the least so far), so the shares end at about the
// same time; a file not in the table counts as UNLISTED_SECONDS. The costs only balance the
// shares: a wrong one makes a share longer, never a test weaker.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SECONDS = {
  'accessibility.test.mjs': 339, 'hostile-urls.test.mjs': 179, 'classroom.test.mjs': 160, 'embed-heights.test.mjs': 125,
  'playground.test.mjs': 112, 'tutorial.test.mjs': 73, 'figures.test.mjs': 60, 'heap.test.mjs': 59, 'page.test.mjs': 56,
  'keyboard.test.mjs': 49, 'classroom-journey.test.mjs': 45, 'kit.test.mjs': 40, 'offline.test.mjs': 36,
  'landscape.test.mjs': 30, 'saddle-explorer.test.mjs': 29, 'spectrum-while-training.test.mjs': 28,
  'index-versus-loss.test.mjs': 21, 'curvature-primer.test.mjs': 20, 'embed-first-paint.test.mjs': 17,
  'formulas.test.mjs': 17, 'bit-identical.test.mjs': 17, 'cross-origin.test.mjs': 11, 'embed-shift.test.mjs': 11,
  'deep-linear.test.mjs': 11, 'tutorial-heights.test.mjs': 25,
};
const UNLISTED_SECONDS = 30;

// The files of share `index` (1-based) of `count`.
function shareOf(files, index, count) {
  const shares = Array.from({ length: count }, () => ({ seconds: 0, files: [] }));
  const cost = (file) => SECONDS[file] ?? UNLISTED_SECONDS;
  for (const file of [...files].sort((a, b) => cost(b) - cost(a) || a.localeCompare(b))) {
    const lightest = shares.reduce((best, share) => (share.seconds < best.seconds ? share : best));
    lightest.seconds += cost(file);
    lightest.files.push(file);
  }
  return new Set(shares[index - 1].files);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((name) => name.endsWith('.test.mjs')).sort();
const shard = process.env.LLL_SHARD ?? '1/1';
const [index, count] = shard.split('/').map(Number);
if (!(Number.isInteger(index) && Number.isInteger(count) && index >= 1 && index <= count && count <= 8)) {
  throw new Error(`LLL_SHARD: "${shard}" is not i/n with 1 <= i <= n <= 8`);
}
const mine = shareOf(files, index, count);
// The timed part (LLL_PART=timed, run with node's --test-only) imports only the files that hold
// a timed test (timesTasks()). Every other test is skipped at once there, and with every file
// imported, the runner could find nothing left to run while the next file was still loading:
// it then ended the pass, running the after() hook that closes the pass's browser, and the timed
// tests found it closed (twice in clean-clone runs, after files with slow imports were added).
const timedOnly = process.env.LLL_PART === 'timed';
for (const file of files.filter((name) => mine.has(name))) {
  if (timedOnly && !readFileSync(path.join(here, file), 'utf8').includes('timesTasks(')) continue;
  await import(pathToFileURL(path.join(here, file)).href);
}
