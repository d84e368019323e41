// Why this file exists: serves build/web on localhost with the right MIME types (wasm
// must be application/wasm) and a strict Content-Security-Policy, the one the page must
// live under when embedded: no inline scripts, no other origins. It serves as a well-set
// static host does (docs/embedding.md, "Hosting"):
// - compressed: FILE.br or FILE.gz (written by tools/compress.mjs) when the request's
//   Accept-Encoding allows, with Content-Encoding and `Vary: Accept-Encoding`;
// - revalidated cheaply: a strong ETag (a hash of the bytes sent) on every file, and
//   If-None-Match answered with 304 and no body; `Cache-Control: no-cache` (keep, but ask),
//   except for esbuild's chunks, whose names carry a hash of their content: cached for a year;
// - usable from other origins: `Access-Control-Allow-Origin: *`, as GitHub Pages and the usual
//   CDNs send, so that a blog on another origin can load the widgets (docs/embedding.md,
//   "Embed in your blog"; the page tests see what such a host sends).
// Usage: node tools/serve.mjs [directory] [port]   (port 0 picks a free one; default $PORT
// or 8000; HOST=0.0.0.0 to listen beyond this machine)
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ENCODINGS } from './compress.mjs';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
};
export const contentSecurityPolicy = [
  "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'",
  "img-src 'self' data:", "connect-src 'self'", "worker-src 'self'", "object-src 'none'",
  "base-uri 'none'", "frame-ancestors *",
].join('; ');

// esbuild's chunks (tools/build-web.mjs): NAME-HASH.js, the hash of their content.
export const HASHED_NAME = /-[A-Z0-9]{8}\.js(\.map)?$/;
export const cacheControl = (file) => (HASHED_NAME.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');

// The encodings a request accepts, best first among ours (br, then gzip): "gzip;q=0" refuses
// one, "*" accepts any not named.
export function acceptedEncodings(header = '') {
  const weights = new Map();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim().match(/^q=([\d.]+)$/)).find(Boolean);
    weights.set(name, q ? Number(q[1]) : 1);
  }
  const weight = (name) => weights.get(name) ?? (name !== 'identity' && weights.has('*') ? weights.get('*') : 0);
  return Object.keys(ENCODINGS).filter((name) => weight(name) > 0).sort((a, b) => weight(b) - weight(a));
}

// Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 says for it).
export function etagMatches(header, etag) {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}

// options: cors (false: no Access-Control-Allow-Origin, a host that allows no other origin),
// csp (the Content-Security-Policy header; null: none, e.g. a test's page of another site).
export function startServer(directory, port = 8000, host = process.env.HOST ?? '127.0.0.1', { cors = true, csp = contentSecurityPolicy } = {}) {
  const rootDir = path.resolve(directory);
  // A file's bytes and ETag, kept while its size and mtime stay the same.
  const cache = new Map();
  const load = async (file) => {
    const { size, mtimeMs } = await stat(file);
    const known = cache.get(file);
    if (known && known.size === size && known.mtimeMs === mtimeMs) return known;
    const body = await readFile(file);
    const entry = { size, mtimeMs, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
    cache.set(file, entry);
    return entry;
  };
  const server = createServer(async (request, response) => {
    try {
      if (!['GET', 'HEAD'].includes(request.method)) {
        response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' });
        response.end('method not allowed');
        return;
      }
      const url = new URL(request.url, 'http://localhost');
      let file = path.normalize(path.join(rootDir, decodeURIComponent(url.pathname)));
      if (file !== rootDir && !file.startsWith(rootDir + path.sep)) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      // The first accepted encoding whose copy exists; else the file as it is.
      let sent = null;
      let encoding = null;
      for (const name of acceptedEncodings(request.headers['accept-encoding'])) {
        sent = await load(file + ENCODINGS[name]).catch(() => null);
        if (sent) {
          encoding = name;
          break;
        }
      }
      sent ??= await load(file);
      const headers = {
        'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': cacheControl(file),
        ETag: sent.etag,
        Vary: 'Accept-Encoding',
      };
      if (csp) headers['Content-Security-Policy'] = csp;
      if (cors) headers['Access-Control-Allow-Origin'] = '*';
      if (encoding) headers['Content-Encoding'] = encoding;
      if (etagMatches(request.headers['if-none-match'], sent.etag)) {
        response.writeHead(304, headers);
        response.end();
        return;
      }
      headers['Content-Length'] = sent.body.length;
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : sent.body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const directory = process.argv[2] ?? 'build/web';
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8000);
  try {
    const server = await startServer(directory, port);
    console.log(`Loss Landscape Lab: http://localhost:${server.address().port}/  (Ctrl-C stops it)`);
  } catch (error) {
    console.error(`serve: cannot listen on port ${port}: ${error.message} (try PORT=8001 make serve)`);
    process.exit(1);
  }
}
