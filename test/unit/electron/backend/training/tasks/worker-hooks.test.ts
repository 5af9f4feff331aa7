import { describe, expect, it } from 'vitest';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

const hooks = fileURLToPath(new URL('../../../../../../electron/backend/training/tasks/worker-hooks.ts', import.meta.url));

describe('lowerThreadPriority', () => {
  it.runIf(process.platform === 'linux' && getPriority(process.pid) < 10)('lowers the priority of the calling worker thread only, not the process', async () => {
    // A worker that loads the module through tsx, lowers its own priority and reports its thread id.
    const source = `
      const { parentPort } = require('node:worker_threads');
      const { readlinkSync } = require('node:fs');
      import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(`file://${hooks}`)}); }).then((m) => {
        const changed = m.lowerThreadPriority();
        parentPort.postMessage({ changed, tid: Number(readlinkSync('/proc/thread-self').split('/').pop()) });
        setTimeout(() => undefined, 500);
      });`;
    const processPriority = getPriority(process.pid);
    const worker = new Worker(source, { eval: true });
    const message = await new Promise<{ changed: boolean; tid: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    try {
      expect(message.changed).toBe(true);
      expect(getPriority(message.tid)).toBe(10);
      expect(getPriority(process.pid)).toBe(processPriority);
    } finally {
      await worker.terminate();
    }
  });
});
