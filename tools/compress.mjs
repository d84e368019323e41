// Why this file exists: the served site's compressed copies. Beside every text file and the
// wasm module of a directory it writes FILE.br (brotli, best quality) and FILE.gz (gzip, level
// 9), which tools/serve.mjs sends to a browser that accepts them (as a static host with
// precompressed files does). A copy is written again only when its file is newer; copies whose
// file is gone are removed. Fonts (woff2 is compressed already) and images are left alone.
//   node tools/compress.mjs [directory]   (default build/web; tools/build-web.mjs calls it)
import { brotliCompress, constants, gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.wasm', '.txt', '.md']);
// Content-Encoding name -> the copy's suffix.
export const ENCODINGS = { br: '.br', gzip: '.gz' };

const compressors = {
  br: (bytes) => promisify(brotliCompress)(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }),
  gzip: (bytes) => promisify(gzip)(bytes, { level: 9 }),
};

const isCopy = (file) => Object.values(ENCODINGS).some((suffix) => file.endsWith(suffix));

// Writes the missing or stale copies under `directory`; returns {files, written, removed, bytes, compressed}
// (bytes: the originals' total; compressed: their brotli copies' total).
export async function compressTree(directory) {
  const entries = (await readdir(directory, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const files = new Set(entries.map((e) => path.join(e.parentPath ?? e.path, e.name)));
  const summary = { files: 0, written: 0, removed: 0, bytes: 0, compressed: 0 };
  for (const file of files) {
    if (isCopy(file)) {
      const original = file.replace(/\.(br|gz)$/, '');
      if (!files.has(original) || !COMPRESSIBLE.has(path.extname(original))) {
        await rm(file);
        summary.removed += 1;
      }
      continue;
    }
    if (!COMPRESSIBLE.has(path.extname(file))) continue;
    summary.files += 1;
    const { mtimeMs, size } = await stat(file);
    summary.bytes += size;
    let bytes = null;
    // A file rewritten with the same bytes (every build rewrites the bundles) keeps its copies:
    // the gzip copy, quick to decode, tells.
    const copies = Object.values(ENCODINGS).map((suffix) => file + suffix);
    if (copies.every((copy) => files.has(copy))) {
      bytes = await readFile(file);
      const same = await promisify(gunzip)(await readFile(file + ENCODINGS.gzip)).then((decoded) => decoded.equals(bytes), () => false);
      if (same) {
        const now = new Date();
        for (const copy of copies) await utimes(copy, now, now);
      }
    }
    for (const [encoding, suffix] of Object.entries(ENCODINGS)) {
      const copy = file + suffix;
      const fresh = files.has(copy) && (await stat(copy)).mtimeMs >= mtimeMs;
      if (!fresh) {
        bytes ??= await readFile(file);
        await writeFile(copy, await compressors[encoding](bytes));
        summary.written += 1;
      }
      if (encoding === 'br') summary.compressed += (await stat(copy)).size;
    }
  }
  return summary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const directory = process.argv[2] ?? 'build/web';
  const { files, written, removed, bytes, compressed } = await compressTree(directory);
  console.log(`compress: ${directory}: ${files} files, ${(bytes / 1024).toFixed(0)} KB -> ${(compressed / 1024).toFixed(0)} KB with brotli (${written} copies written, ${removed} stale removed)`);
}
