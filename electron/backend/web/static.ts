/**
 * Serves the built renderer (dist/renderer) to the headless studio. Paths are resolved inside the
 * renderer folder only; anything without a file extension falls back to index.html (the app's
 * own navigation), a missing asset is a 404.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * Where the built renderer is: `CICLO_RENDERER_DIR`, else `dist/renderer` of this checkout
 * (this module runs either from electron/backend/web in the sources or dist/electron/backend/web).
 */
export function defaultRendererDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CICLO_RENDERER_DIR) return resolve(env.CICLO_RENDERER_DIR);
  const here = fileURLToPath(new URL('.', import.meta.url));
  const isSource = import.meta.url.endsWith('.ts');
  return isSource ? resolve(here, '..', '..', '..', 'dist', 'renderer') : resolve(here, '..', '..', '..', 'renderer');
}

/** Page shown when the renderer was never built (a source checkout before `npm run build`). */
const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ciclo</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Ciclo</h1>
<p>The user interface has not been built yet. Run <code>npm run build</code>, then start <code>ciclo studio</code> again.</p>
<p lang="es">La interfaz todavía no está construida. Ejecuta <code>npm run build</code> y vuelve a iniciar <code>ciclo studio</code>.</p>
</body></html>`;

/** Serves one GET/HEAD request from `root`; headers common to every response are set by the caller. */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, pathname: string): void {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : NOT_BUILT_PAGE);
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400, { 'content-type': TYPES['.txt'] }).end('Bad path.');
    return;
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  let file = resolve(root, rel);
  const rootWithSep = root.endsWith(sep) ? root : root + sep;
  if (file !== root && !file.startsWith(rootWithSep)) {
    res.writeHead(404, { 'content-type': TYPES['.txt'] }).end('Not found.');
    return;
  }
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) {
    if (extname(rel) !== '') {
      res.writeHead(404, { 'content-type': TYPES['.txt'] }).end('Not found.');
      return;
    }
    file = indexFile;
  }
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  // index.html must be re-read (it names the hashed assets); hashed assets may be cached.
  const cache = file === indexFile ? 'no-store' : 'public, max-age=31536000, immutable';
  res.writeHead(200, { 'content-type': type, 'cache-control': cache, 'content-length': statSync(file).size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
