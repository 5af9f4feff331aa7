/**
 * The IPC transport: one `ipcMain.handle('api:call')` that forwards to dispatch, and the backend's
 * events forwarded to the window as `api:event`. It holds no logic. Calls are accepted only from
 * our own window's main frame showing our own page (`ciclo://app/`): a sub-frame, another window
 * or a page that somehow navigated elsewhere gets FORBIDDEN. Nothing is thrown across the
 * boundary (Electron would pass on only the error's message): every call resolves to ApiResult.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { fail } from '../../shared/api/result.js';
import type { Backend } from '../backend/api/backend.js';
import { APP_ORIGIN } from './windows.js';

/** True when the call comes from `win`'s top frame showing Ciclo's page. */
export function isTrustedSender(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (event.sender !== win.webContents || !frame || frame !== win.webContents.mainFrame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Installs the bridge; returns a function that removes it. */
export function installIpcBridge(backend: Backend, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle('api:call', async (event, method: unknown, args: unknown) => {
    if (!isTrustedSender(event, getWindow())) {
      return fail({ code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN', message: 'Calls are accepted only from the Ciclo window.' });
    }
    return backend.dispatch(typeof method === 'string' ? method : '', args);
  });
  const unsubscribe = backend.ctx.events.subscribe((name, payload) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send('api:event', name, payload);
  });
  return () => {
    ipcMain.removeHandler('api:call');
    unsubscribe();
  };
}
