// Why this file exists: what the node tests of the wasm module share: the repository's root, the
// module `make web` builds (build/wasm), and the Error a call of it throws.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const { default: createLandscapeModule } = await import(path.join(root, 'build/wasm/landscape.mjs'));
export const wasmBinary = await readFile(path.join(root, 'build/wasm/landscape.wasm'));
// A fresh instance of the module (its own heap), as each page's worker has.
export const loadModule = () => createLandscapeModule({ wasmBinary });

// The Error that `call` throws (a refusal), failing the test when it throws none.
export function thrown(call) {
  try {
    call();
  } catch (error) {
    return error;
  }
  assert.fail('no refusal');
}
