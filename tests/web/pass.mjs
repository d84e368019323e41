// One pass of the page tests: every tests/web/*.test.mjs in this one process, in name order,
// so the browser of the pass (LLL_BROWSER) and the static server start once (browser.mjs
// shares them) instead of once a file. `make test` runs it once in Chromium and once in
// Firefox; a file run on its own (make test-page NAME=...) starts its own browser.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
for (const file of readdirSync(here).filter((name) => name.endsWith('.test.mjs')).sort()) {
  await import(pathToFileURL(path.join(here, file)).href);
}
