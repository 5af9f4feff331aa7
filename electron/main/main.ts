/**
 * Electron's main process: starts the backend (the same plain-Node backend as `ciclo studio`),
 * serves the renderer on `ciclo://app/`, opens the window, wires the IPC bridge, the menu and the
 * native dialogs, and closes the project cleanly on quit.
 *
 * better-sqlite3 under Electron: the addon must be compiled for Electron's ABI. Packaged builds
 * carry such a build (electron-builder rebuilds native modules); for `npm start` from a checkout
 * set CICLO_SQLITE_BINDING to an Electron build of `better_sqlite3.node` (e.g. made with
 * `npx @electron/rebuild -o better-sqlite3`). The path is passed to the backend as
 * `nativeBinding` (storage/db.ts).
 */
import { app, BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend, defaultConfig, type Backend } from '../backend/api/backend.js';
import { createNativeDialogs } from './dialogs.js';
import { installIpcBridge } from './ipc-bridge.js';
import { labels, shellLocale } from './labels.js';
import { installMenu } from './menus.js';
import { createMainWindow, denyPermissions, registerAppScheme, serveRenderer } from './windows.js';

/** The better-sqlite3 addon to load under Electron, if one is provided. */
function electronSqliteBinding(): string | undefined {
  const fromEnv = process.env.CICLO_SQLITE_BINDING;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const packaged = join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node');
  return app.isPackaged && existsSync(packaged) ? packaged : undefined;
}

if (!app.requestSingleInstanceLock()) {
  // Another Ciclo window is open: it gets focus (below) and this process ends.
  app.quit();
} else {
  registerAppScheme();
  let win: BrowserWindow | null = null;
  let backend: Backend | null = null;
  let isQuitting = false;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => {
    // Belt and braces for any web contents, not only the main window.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    const locale = shellLocale(app.getLocale());
    const text = labels(locale);
    const defaultProjectDir = join(app.getPath('documents'), 'Ciclo');
    backend = createBackend(
      defaultConfig({
        mode: 'electron',
        appVersion: app.getVersion(),
        configDir: app.getPath('userData'),
        defaultProjectDir,
        systemLocale: locale,
        nativeBinding: electronSqliteBinding(),
      }),
      { dialogs: createNativeDialogs(() => win, text, () => defaultProjectDir) },
    );
    denyPermissions();
    serveRenderer();
    installIpcBridge(backend, () => win);
    installMenu(backend, text, !app.isPackaged);
    win = createMainWindow();
    win.on('closed', () => {
      win = null;
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (backend && BrowserWindow.getAllWindows().length === 0) win = createMainWindow();
  });

  // Close the project (cancel jobs, checkpoint the WAL, release the lock) before exiting.
  app.on('before-quit', (event) => {
    if (isQuitting || !backend) return;
    event.preventDefault();
    isQuitting = true;
    backend
      .dispose()
      .catch((err: unknown) => dialog.showErrorBox('Ciclo', String(err)))
      .finally(() => app.quit());
  });
}
