// Serves the built renderer (out/renderer) over HTTP on 127.0.0.1 for the browser
// mode, the e2e tests and the benchmarks, with the same CSP as the desktop app.
// Usage: node scripts/serve.mjs [--port 4173] [--dir out/renderer] [--isolate /page.html]
// --isolate: that page is served cross-origin isolated (COOP + COEP), which gives it a
// 5 µs performance.now() instead of 100 µs: the benchmark page's keystroke timings need it.
// Scripts then carry COEP as well, since the page's workers must be isolated too, and the
// files beside that page are revalidated rather than kept from a run without those headers.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const root = resolve(fileURLToPath(new URL('..', import.meta.url)), option('--dir', process.env.RENDERER_OUT ?? 'out/renderer'));
const port = Number(option('--port', process.env.PORT ?? '4173'));
const isolated = option('--isolate', null);
// Files beside the isolated page are never taken from a cache filled without its headers.
const isolatedDir = isolated ? isolated.replace(/[^/]*$/, '') : null;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'";
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.md': 'text/markdown; charset=utf-8',
};

const server = createServer(async (req, res) => {
  try {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const target = resolve(root, normalize('.' + (path === '/' ? '/index.html' : path)));
    if (target !== root && !target.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    const file = (await stat(target).catch(() => null))?.isFile() ? target : join(root, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'cache-control': file.endsWith('.html') || (isolatedDir && path.startsWith(isolatedDir)) ? 'no-cache' : 'public, max-age=31536000, immutable',
      ...(path === isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {}),
      // An isolated page's workers must be isolated too, or they do not load.
      ...(isolated && file.endsWith('.js') ? { 'cross-origin-embedder-policy': 'require-corp' } : {}),
    });
    res.end(body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`Fourmilière (mode navigateur) : http://127.0.0.1:${port}/`);
});
