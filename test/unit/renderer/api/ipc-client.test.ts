import { describe, expect, it } from 'vitest';
import type { PreloadBridge } from '../../../../renderer/api/ipc-client.js';
import { createIpcClient } from '../../../../renderer/api/ipc-client.js';

describe('IPC client', () => {
  it('passes method and args to the bridge and unwraps the envelope', async () => {
    const seen: Array<[string, unknown]> = [];
    const bridge: PreloadBridge = {
      call: async (method, args) => {
        seen.push([method, args]);
        return { ok: true, data: [] };
      },
      subscribe: () => () => undefined,
    };
    const result = await createIpcClient(bridge).call('project.recent', {});
    expect(result).toEqual([]);
    expect(seen).toEqual([['project.recent', {}]]);
  });

  it('throws the typed error of a failed envelope', async () => {
    const bridge: PreloadBridge = {
      call: async () => ({ ok: false, error: { code: 'PROJECT_LOCKED', messageKey: 'errors.PROJECT_LOCKED', message: 'locked', details: { field: 'path' } } }),
      subscribe: () => () => undefined,
    };
    await expect(createIpcClient(bridge).call('project.open', { path: '/x.ciclo' })).rejects.toMatchObject({ code: 'PROJECT_LOCKED', details: { field: 'path' } });
  });

  it('reports a bridge that throws as errors.network', async () => {
    const bridge: PreloadBridge = { call: async () => Promise.reject(new Error('gone')), subscribe: () => () => undefined };
    await expect(createIpcClient(bridge).call('app.info', {})).rejects.toMatchObject({ messageKey: 'errors.network' });
  });

  it('forwards subscriptions and their unsubscribe', () => {
    const listeners = new Set<(p: unknown) => void>();
    const bridge: PreloadBridge = {
      call: async () => ({ ok: true, data: null }),
      subscribe: (_event, listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const received: unknown[] = [];
    const stop = createIpcClient(bridge).on('project.changed', (p) => received.push(p));
    for (const l of listeners) l({ area: 'objective' });
    stop();
    for (const l of listeners) l({ area: 'checklist' });
    expect(received).toEqual([{ area: 'objective' }]);
  });
});
