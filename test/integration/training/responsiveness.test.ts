// The main thread stays responsive under a full training load: every core runs a training worker
// while the backend's event loop is sampled with perf_hooks.monitorEventLoopDelay. Training never
// runs on the main thread, so its delay stays far below what a single fit would cause there (the
// last test shows the monitor does see a main-thread block of that size). This is a property of
// the architecture; speed itself is measured by scripts in bench/, not here.
//
// On a shared machine every thread also waits for the CPU behind other programs. An idle probe
// thread samples that ambient scheduling delay over the same window, and the main thread's p99
// may exceed the bound by no more than the probe's own p99: on a quiet machine the bound is the
// issue's 50 ms; under others' load it is relaxed by exactly what an idle thread suffers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Backend } from '../../../electron/backend/api/backend.js';
import type { EventName } from '../../../shared/api/contract.js';
import { callOk, tempDir, testBackend, type TempDir } from '../../helpers/project.js';
import { projectWithData } from './helpers.js';

/** The p99 bound of issue 5 ("under 50 ms p99"). */
const P99_BOUND_MS = 50;

/** An idle thread that samples its own event-loop delay until asked for the result. */
function startProbe(): { stop(): Promise<{ p99: number; max: number }> } {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const { monitorEventLoopDelay } = require('node:perf_hooks');
     const h = monitorEventLoopDelay({ resolution: 10 });
     h.enable();
     parentPort.on('message', () => {
       h.disable();
       parentPort.postMessage({ p99: h.percentile(99) / 1e6, max: h.max / 1e6 });
     });`,
    { eval: true },
  );
  return {
    async stop() {
      const result = new Promise<{ p99: number; max: number }>((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      const r = await result;
      await worker.terminate();
      return r;
    },
  };
}

let tmp: TempDir;
let backend: Backend;

beforeEach(() => {
  tmp = tempDir();
  backend = testBackend(tmp.path);
});
afterEach(async () => {
  await backend.dispose();
  tmp.cleanup();
});

describe('the main thread under a full training load', () => {
  it(`keeps its event-loop delay p99 under ${P99_BOUND_MS} ms (plus the ambient delay of an idle thread) while every core trains`, async () => {
    const { datasetId } = await projectWithData(backend, tmp.path, 'churn.csv', 'leaves');
    const cores = availableParallelism();
    // More runs than cores, so the pool stays full, with 3-fold CV.
    const models = ['baseline', 'onerule', 'logreg', 'rf', 'hgb', 'knn', 'tree', 'nb', 'mlp'].map((id) => ({ id }));
    const events = new Map<EventName, number>();
    const stopCounting = backend.ctx.events.subscribe((name) => events.set(name, (events.get(name) ?? 0) + 1));
    const started = await callOk(backend, 'training.start', { datasetId, models, validation: { scheme: 'kfold', k: 3 } });

    const probe = startProbe();
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, backend.ctx.jobs.runningCount);
    }, 50);
    const pending = new Set(started.runs.map((r) => r.runId));
    await new Promise<void>((resolve) => {
      const stop = backend.ctx.events.subscribe((name, payload) => {
        if (name !== 'training.runUpdated') return;
        const p = payload as { runId: string; state: string };
        if (['done', 'failed', 'cancelled', 'interrupted'].includes(p.state)) pending.delete(p.runId);
        if (pending.size === 0) {
          stop();
          resolve();
        }
      });
    });
    clearInterval(sampler);
    histogram.disable();
    const ambient = await probe.stop();
    stopCounting();

    const runs = await callOk(backend, 'training.runs', {});
    expect(runs.filter((r) => r.state === 'done')).toHaveLength(models.length);
    expect(peak).toBe(cores);
    expect(events.get('training.curve') ?? 0).toBeGreaterThan(0);
    const p99 = histogram.percentile(99) / 1e6;
    console.log(
      `event-loop delay under load (${cores} training workers): main p50 ${(histogram.percentile(50) / 1e6).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(histogram.max / 1e6).toFixed(1)} ms over ${histogram.count} samples; idle probe p99 ${ambient.p99.toFixed(1)} ms, max ${ambient.max.toFixed(1)} ms`,
    );
    expect(histogram.count).toBeGreaterThan(100);
    expect(p99).toBeLessThan(P99_BOUND_MS + ambient.p99);
  });

  it('the monitor does see a main-thread block the size of a small fit', async () => {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    await new Promise((r) => setTimeout(r, 50));
    const until = Date.now() + 200;
    while (Date.now() < until) {
      // Busy, as a fit on the main thread would be.
    }
    await new Promise((r) => setTimeout(r, 50));
    histogram.disable();
    expect(histogram.max / 1e6).toBeGreaterThan(150);
  });
});
