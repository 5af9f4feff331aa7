/**
 * The preload (sandboxed, context-isolated): exposes `window.bridge` with exactly two functions and
 * nothing else. `call(method, args)` resolves to the backend's ApiResult envelope;
 * `subscribe(event, listener)` receives that event's payloads and returns the unsubscribe
 * function. The raw ipcRenderer never reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiResult } from '../../shared/api/result.js';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on('api:event', (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener(payload);
    } catch (err) {
      console.error(`ciclo: a listener of ${name} failed`, err);
    }
  }
});

const bridge = {
  call(method: string, args: unknown): Promise<ApiResult<unknown>> {
    if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'));
    return ipcRenderer.invoke('api:call', method, args ?? {}) as Promise<ApiResult<unknown>>;
  },
  subscribe(event: string, listener: Listener): () => void {
    if (typeof event !== 'string' || typeof listener !== 'function') throw new TypeError('subscribe(event: string, listener: function)');
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('bridge', bridge);
