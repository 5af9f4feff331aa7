// Picks the transport at run time: IPC inside the Electron window, HTTP in a browser.
import type { ApiClient } from './client.js';
import { createHttpClient } from './http-client.js';
import type { PreloadBridge } from './ipc-client.js';
import { createIpcClient } from './ipc-client.js';
import { readSessionToken } from './token.js';

declare global {
  interface Window {
    /** Present only in the Electron window (set by the preload through contextBridge). */
    bridge?: PreloadBridge;
  }
}

/** The client for this page. */
export function createDefaultClient(): ApiClient {
  if (window.bridge) return createIpcClient(window.bridge);
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    // Storage can be disabled by the browser's privacy settings; the token from the URL still works for this page.
    storage = null;
  }
  const token = readSessionToken({ location: window.location, history: window.history, storage });
  return createHttpClient({ token });
}

/** True when the page runs in a browser (headless studio) rather than the Electron window. */
export function isBrowserMode(): boolean {
  return !window.bridge;
}
