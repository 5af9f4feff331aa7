import { describe, expect, it } from 'vitest';
import { resolveWorkerEntry, startWorker } from '../../../../../electron/backend/workers/entry.js';

describe('resolveWorkerEntry', () => {
  it('picks the .ts entry for a TypeScript caller and the .js entry for built code', () => {
    expect(resolveWorkerEntry('file:///repo/electron/backend/data/import.ts', './import.worker')).toEqual({
      url: new URL('file:///repo/electron/backend/data/import.worker.ts'),
      isTypeScript: true,
    });
    expect(resolveWorkerEntry('file:///repo/dist/electron/backend/data/import.js', '../workers/x.worker')).toEqual({
      url: new URL('file:///repo/dist/electron/backend/workers/x.worker.js'),
      isTypeScript: false,
    });
  });

  it('starts a TypeScript worker from source through tsx', async () => {
    const entry = resolveWorkerEntry(import.meta.url, '../../../../fixtures/workers/count.worker');
    const worker = startWorker(entry, { workerData: { input: { steps: 1, stepMs: 1 } } });
    const messages: Array<{ type: string }> = [];
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (m: { type: string }) => {
        messages.push(m);
        if (m.type === 'result') resolve();
      });
      worker.on('error', reject);
    });
    await worker.terminate();
    expect(messages.at(-1)).toEqual({ type: 'result', value: { counted: 1 } });
  });
});
