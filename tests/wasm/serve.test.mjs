// The served site as a browser gets it (tools/serve.mjs, tools/compress.mjs), over real HTTP
// requests with raw bytes (node's fetch would decode them itself):
// - build/web holds a brotli and a gzip copy of every text file and of the wasm, each decoding
//   to its file's bytes;
// - the server sends the copy the request's Accept-Encoding allows (br first, q=0 refuses),
//   with Content-Encoding, Vary: Accept-Encoding and the copy's own ETag; the plain bytes
//   otherwise;
// - If-None-Match with the ETag sent gets 304 and no body (per encoding: another encoding's
//   ETag does not match); a changed file gets a new ETag;
// - Cache-Control: no-cache, or a year for esbuild's hashed chunks;
// - compressTree rewrites a stale copy and removes the copy of a removed file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acceptedEncodings, etagMatches, startServer } from '../../tools/serve.mjs';
import { COMPRESSIBLE, compressTree } from '../../tools/compress.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const web = path.join(root, 'build/web');
const decode = { br: brotliDecompressSync, gzip: gunzipSync };

let server, port;
before(async () => {
  server = await startServer(web, 0);
  port = server.address().port;
});
after(() => server.close());

// One GET (or HEAD) with `headers`: status, headers, the raw body.
const get = (urlPath, headers = {}, method = 'GET', at = port) => new Promise((resolve, reject) => {
  const req = request({ host: '127.0.0.1', port: at, path: urlPath, method, headers }, (response) => {
    const chunks = [];
    response.on('data', (c) => chunks.push(c));
    response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
  });
  req.on('error', reject);
  req.end();
});

test('build/web: every text file and the wasm have a brotli and a gzip copy that decode to its bytes', async () => {
  const files = (await readdir(web, { recursive: true })).filter((f) => COMPRESSIBLE.has(path.extname(f)));
  for (const kind of ['.html', '.js', '.css', '.json', '.wasm']) assert.ok(files.some((f) => f.endsWith(kind)), `no ${kind} file in build/web`);
  for (const file of files) {
    const bytes = await readFile(path.join(web, file));
    for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
      const copy = path.join(web, file + suffix);
      assert.ok(existsSync(copy), `${file}${suffix} is missing`);
      assert.ok(decode[encoding](await readFile(copy)).equals(bytes), `${file}${suffix} does not decode to ${file}`);
    }
  }
});

test('the copy the request accepts, with Content-Encoding, Vary and its own ETag; plain bytes otherwise', async () => {
  const wasm = await readFile(path.join(web, 'landscape.wasm'));
  const cases = [
    ['gzip, deflate, br', 'br'], ['br;q=0.5, gzip', 'gzip'], ['gzip', 'gzip'], ['br', 'br'],
    ['gzip;q=0, br;q=0', undefined], ['identity', undefined], ['', undefined], ['*', 'br'], ['*, br;q=0', 'gzip'],
  ];
  const etags = new Map();
  for (const [accept, expected] of cases) {
    const { status, headers, body } = await get('/landscape.wasm', accept ? { 'accept-encoding': accept } : {});
    assert.equal(status, 200, accept);
    assert.equal(headers['content-encoding'], expected, `Accept-Encoding: ${accept}`);
    assert.equal(headers.vary, 'Accept-Encoding', accept);
    // As GitHub Pages sends it: a blog on another origin may load the widgets and the core.
    assert.equal(headers['access-control-allow-origin'], '*', accept);
    assert.equal(headers['content-type'], 'application/wasm');
    assert.equal(Number(headers['content-length']), body.length);
    assert.ok((expected ? decode[expected](body) : body).equals(wasm), `Accept-Encoding: ${accept}: the bytes decode to the wasm`);
    if (expected) assert.ok(body.length < wasm.length / 2, `${expected}: ${body.length} bytes of ${wasm.length}`);
    assert.match(headers.etag, /^"[\w-]{16,}"$/);
    if (etags.has(expected)) assert.equal(headers.etag, etags.get(expected), 'one ETag per encoding');
    etags.set(expected, headers.etag);
  }
  assert.equal(new Set(etags.values()).size, 3, 'each encoding its own ETag');
  const page = await get('/', { 'accept-encoding': 'br' });
  assert.equal(page.headers['content-encoding'], 'br');
  assert.match(page.headers['content-type'], /^text\/html/);
  assert.ok(brotliDecompressSync(page.body).equals(await readFile(path.join(web, 'index.html'))));
  assert.ok(page.headers['content-security-policy'].includes("style-src 'self'"));
});

test('If-None-Match with the ETag sent: 304, no body; another encoding\'s ETag: 200', async () => {
  const first = await get('/style.css', { 'accept-encoding': 'br' });
  const again = await get('/style.css', { 'accept-encoding': 'br', 'if-none-match': first.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal(again.headers.etag, first.headers.etag);
  assert.equal(again.headers.vary, 'Accept-Encoding');
  assert.equal(again.headers['cache-control'], 'no-cache');
  const listed = await get('/style.css', { 'accept-encoding': 'br', 'if-none-match': `"other", W/${first.headers.etag}` });
  assert.equal(listed.status, 304, 'a list, and a weak form of the tag, match');
  const plain = await get('/style.css', { 'if-none-match': first.headers.etag });
  assert.equal(plain.status, 200, 'the brotli copy\'s ETag does not stand for the plain file');
  assert.ok(plain.body.length > 0);
  const head = await get('/style.css', {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal(head.headers.etag, plain.headers.etag);
});

test('Cache-Control: revalidate the pages and entry points, keep hashed chunks a year', async () => {
  const chunk = (await readdir(web)).find((f) => /^chunk-[A-Z0-9]{8}\.js$/.test(f));
  assert.ok(chunk, 'build/web has esbuild chunks');
  assert.equal((await get(`/${chunk}`)).headers['cache-control'], 'public, max-age=31536000, immutable');
  for (const file of ['/index.html', '/widgets.js', '/landscape.wasm', '/style.css']) {
    assert.equal((await get(file)).headers['cache-control'], 'no-cache', file);
  }
  assert.equal((await get('/no-such-file.js')).status, 404);
  assert.equal((await get('/../package.json')).status, 404);
});

test('the header parsers: Accept-Encoding weights and If-None-Match lists', () => {
  assert.deepEqual(acceptedEncodings('gzip, br'), ['br', 'gzip']);
  assert.deepEqual(acceptedEncodings('br;q=0.2, gzip;q=0.8'), ['gzip', 'br']);
  assert.deepEqual(acceptedEncodings('deflate'), []);
  assert.deepEqual(acceptedEncodings(undefined), []);
  assert.ok(etagMatches('*', '"a"'));
  assert.ok(etagMatches('"b", "a"', '"a"'));
  assert.ok(!etagMatches('"ab"', '"a"'));
  assert.ok(!etagMatches('', '"a"'));
});

test('a changed file: new copies, a new ETag, the old one no longer matches; a removed file loses its copies', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'lll-serve-'));
  try {
    await writeFile(path.join(dir, 'a.js'), 'export const a = 1;\n'.repeat(50));
    await writeFile(path.join(dir, 'font.woff2'), Buffer.from([1, 2, 3]));
    await compressTree(dir);
    assert.ok(!existsSync(path.join(dir, 'font.woff2.br')), 'fonts are compressed already');
    const local = await startServer(dir, 0);
    try {
      const at = local.address().port;
      const first = await get('/a.js', { 'accept-encoding': 'gzip' }, 'GET', at);
      const changed = 'export const a = 2;\n'.repeat(50);
      await writeFile(path.join(dir, 'a.js'), changed);
      const later = new Date(Date.now() + 2000); // newer than the copies, whatever the clock's grain
      await utimes(path.join(dir, 'a.js'), later, later);
      await compressTree(dir);
      assert.equal(gunzipSync(await readFile(path.join(dir, 'a.js.gz'))).toString(), changed);
      assert.equal(brotliDecompressSync(await readFile(path.join(dir, 'a.js.br'))).toString(), changed);
      const second = await get('/a.js', { 'accept-encoding': 'gzip', 'if-none-match': first.headers.etag }, 'GET', at);
      assert.equal(second.status, 200);
      assert.notEqual(second.headers.etag, first.headers.etag);
      assert.equal(gunzipSync(second.body).toString(), changed);
    } finally {
      local.close();
    }
    await rm(path.join(dir, 'a.js'));
    const { removed } = await compressTree(dir);
    assert.equal(removed, 2);
    assert.deepEqual((await readdir(dir)).sort(), ['font.woff2']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
