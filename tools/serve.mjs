// Why this file exists: serves build/web on localhost with the right MIME types (wasm
// must be application/wasm) and a strict Content-Security-Policy, the one the page must
// live under when embedded: no inline scripts, no other origins.
// Usage: node tools/serve.mjs [directory] [port]   (port 0 picks a free one; default $PORT
// or 8000; HOST=0.0.0.0 to listen beyond this machine)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

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

export function startServer(directory, port = 8000, host = process.env.HOST ?? '127.0.0.1') {
  const rootDir = path.resolve(directory);
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url, 'http://localhost');
      let file = path.normalize(path.join(rootDir, decodeURIComponent(url.pathname)));
      if (file !== rootDir && !file.startsWith(rootDir + path.sep)) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      });
      response.end(body);
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
