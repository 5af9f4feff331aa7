/**
 * The main window and the `ciclo://app/` protocol that serves the built renderer into it.
 * A custom, privileged scheme instead of file://, as Electron's security guide recommends: the
 * page gets a real origin (so the IPC sender check can test it), the CSP travels as a response
 * header, and only files inside dist/renderer can be read.
 *
 * Window security: contextIsolation, sandbox, no nodeIntegration, webSecurity on; navigation
 * away from the app, new windows, <webview> and permission requests are all refused (a link to the
 * local inference server's own pages opens in the system browser).
 */
import { BrowserWindow, net, protocol, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RENDERER_CSP } from '../backend/web/csp.js';

/** The scheme of the app's own pages. */
export const APP_SCHEME = 'ciclo';
/** The origin of the app's own pages. */
export const APP_ORIGIN = `${APP_SCHEME}://app`;

const here = fileURLToPath(new URL('.', import.meta.url));
/** dist/renderer, next to dist/electron (main.js runs from dist/electron/main). */
const rendererDir = join(here, '..', '..', 'renderer');
/** The sandboxed preload, bundled to CommonJS by build.mjs. */
const preloadPath = join(here, '..', 'preload', 'preload.cjs');

/** True for http(s) URLs on this computer's loopback addresses (the inference server's pages). */
export function isLoopbackHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** Must run before `app.whenReady()`: declares the scheme secure and standard. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves dist/renderer on `ciclo://app/`, with the CSP header. */
export function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = join(rendererDir, rel);
    if (!file.startsWith(rendererDir + sep) && file !== rendererDir) return new Response('Not found', { status: 404 });
    if (rel === '' || !existsSync(file)) file = join(rendererDir, 'index.html');
    const res = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(res.headers);
    headers.set('content-security-policy', RENDERER_CSP);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

/** Refuses every permission request (camera, notifications, ...): Ciclo needs none. */
export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Creates the main window showing the app. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Ciclo',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const contents = win.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    // No new windows. A link to this computer's own inference server (its API page, metrics,
    // health; the Serve step shows them) opens in the system browser instead.
    if (isLoopbackHttpUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
