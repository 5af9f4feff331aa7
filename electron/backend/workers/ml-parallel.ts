/**
 * A worker-thread pool that gives the pure ML engine its threads (the engine's
 * `ParallelExecutor`, electron/ml/core/parallel.ts). The same file is the worker entry: loaded in
 * a worker with `workerData.cicloMlParallel`, it serves tasks by name.
 *
 * The executor is synchronous because `fit()` is: the calling thread posts the job to every
 * worker, takes part in the work itself, and blocks with Atomics.wait for the rest, reading the
 * workers' results with `receiveMessageOnPort` (no event loop turn needed). Work is claimed
 * through an atomic counter in shared memory, so an idle pool helps and a busy or slow one simply
 * leaves more to the caller. Results are placed by index, and tasks are written so a result does
 * not depend on the thread that computed it: models are identical for any thread count.
 *
 * Typical use (training worker or CLI): `setParallelExecutor(createMlThreadPool())` once.
 */
import { MessageChannel, Worker, isMainThread, parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ParallelExecutor, ParallelTask } from '../../ml/core/parallel.js';
import { histogramHelperTask } from '../../ml/boosting/parallel-histogram.js';
import { binFeatureTask } from '../../ml/boosting/binning.js';
import { forestTreeTask } from '../../ml/tree/forest-task.js';
import { logisticChunkTask } from '../../ml/linear/logistic-regression.js';

/** Every task a pool worker can run, by name. */
const TASKS = new Map<string, ParallelTask<unknown, unknown>>(
  ([histogramHelperTask, binFeatureTask, forestTreeTask, logisticChunkTask] as ParallelTask<never, unknown>[]).map((t) => [t.name, t as ParallelTask<unknown, unknown>]),
);

/** If no result arrives for this long, the caller computes the missing items itself (a worker may have died). */
const STALL_MS = 60_000;

interface MapMessage {
  type: 'map';
  callId: number;
  task: string;
  input: unknown;
  count: number;
  /** [next index to claim, results posted] */
  ctrl: Int32Array;
}

interface HelperMessage {
  type: 'helper';
  task: string;
  input: unknown;
  index: number;
}

type Reply = { callId: number; index: number; result: unknown } | { callId: number; index: number; error: string };

/** A ParallelExecutor over worker threads; `close()` ends them. */
export interface MlThreadPool extends ParallelExecutor {
  /** Resolves once every worker has loaded the engine (or failed to); work before that runs on the caller. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link createMlThreadPool}. */
export interface MlThreadPoolOptions {
  /** Threads doing work, the caller included (default: the machine's available parallelism). */
  threads?: number;
}

/** Starts `threads - 1` worker threads (none when threads <= 1). */
export function createMlThreadPool(options: MlThreadPoolOptions = {}): MlThreadPool {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const workers: { worker: Worker; port: MessagePort }[] = [];
  const started: Promise<void>[] = [];
  for (let k = 0; k < threads - 1; k++) {
    const { port1, port2 } = new MessageChannel();
    const worker = spawnWorker({ cicloMlParallel: true, port: port2 }, [port2]);
    started.push(
      new Promise<void>((resolve) => {
        // Keep the process alive until the worker has started, then let it exit freely.
        const done = (): void => {
          worker.unref();
          resolve();
        };
        worker.once('message', done);
        // A worker that fails to start or crashes only costs speed: the caller does the work.
        worker.once('error', done);
        worker.once('exit', done);
      }),
    );
    port1.unref();
    workers.push({ worker, port: port1 });
  }
  const allStarted = Promise.all(started).then(() => undefined);
  let callId = 0;

  function map<I, R>(task: ParallelTask<I, R>, input: I, count: number): R[] {
    const results: R[] = new Array(count);
    const have = new Uint8Array(count);
    if (workers.length === 0 || count <= 1) {
      for (let i = 0; i < count; i++) results[i] = task.run(input, i);
      return results;
    }
    callId++;
    const ctrl = new Int32Array(new SharedArrayBuffer(8));
    const message: MapMessage = { type: 'map', callId, task: task.name, input, count, ctrl };
    for (const w of workers) w.port.postMessage(message);
    let remaining = count;
    const drain = (): void => {
      for (const w of workers) {
        for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
          const reply = m.message as Reply;
          if (reply.callId !== callId || have[reply.index]) continue;
          if ('error' in reply) throw new Error(reply.error);
          results[reply.index] = reply.result as R;
          have[reply.index] = 1;
          remaining--;
        }
      }
    };
    for (;;) {
      const i = Atomics.add(ctrl, 0, 1);
      if (i >= count) break;
      results[i] = task.run(input, i);
      have[i] = 1;
      remaining--;
      drain();
    }
    let lastProgress = Date.now();
    while (remaining > 0) {
      const posted = Atomics.load(ctrl, 1);
      const before = remaining;
      drain();
      if (remaining === 0) break;
      if (remaining < before) lastProgress = Date.now();
      if (Date.now() - lastProgress > STALL_MS) {
        // A worker stopped answering: compute what is missing here (results are deterministic).
        for (let i = 0; i < count; i++) {
          if (!have[i]) {
            results[i] = task.run(input, i);
            have[i] = 1;
            remaining--;
          }
        }
        break;
      }
      Atomics.wait(ctrl, 1, posted, 50);
    }
    return results;
  }

  function startHelpers<I>(task: ParallelTask<I, void>, input: I): number {
    workers.forEach((w, index) => {
      const message: HelperMessage = { type: 'helper', task: task.name, input, index };
      w.port.postMessage(message);
    });
    return workers.length;
  }

  return {
    threads,
    map,
    startHelpers,
    ready: () => allStarted,
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
      workers.length = 0;
    },
  };
}

/**
 * Starts this file as a worker. When running from TypeScript sources (tests, benchmarks under
 * tsx), a small bootstrap registers tsx in the worker first, since a .ts entry cannot load
 * without it.
 */
function spawnWorker(data: Record<string, unknown>, transferList: MessagePort[]): Worker {
  const self = new URL(import.meta.url);
  if (!self.pathname.endsWith('.ts')) return new Worker(self, { workerData: data, transferList });
  // The ESM build of tsx's API (its CommonJS build cannot register ESM hooks from a worker).
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(self.href)}); });`;
  return new Worker(boot, { eval: true, workerData: data, transferList });
}

/** Worker side: serve map items and helper loops until the pool terminates the thread. */
function serve(port: MessagePort): void {
  port.on('message', (msg: MapMessage | HelperMessage) => {
    const task = TASKS.get(msg.task);
    if (msg.type === 'helper') {
      // A helper loop returns when its job says stop; unknown tasks are ignored (the caller works alone).
      task?.run(msg.input, msg.index);
      return;
    }
    const { ctrl, callId, count } = msg;
    for (;;) {
      const i = Atomics.add(ctrl, 0, 1);
      if (i >= count) break;
      let reply: Reply;
      try {
        if (!task) throw new Error(`Unknown parallel task "${msg.task}".`);
        reply = { callId, index: i, result: task.run(msg.input, i) };
      } catch (e) {
        reply = { callId, index: i, error: e instanceof Error ? e.message : String(e) };
      }
      port.postMessage(reply);
      Atomics.add(ctrl, 1, 1);
      Atomics.notify(ctrl, 1);
    }
  });
}

if (!isMainThread && (workerData as { cicloMlParallel?: boolean } | null)?.cicloMlParallel) {
  serve((workerData as { port: MessagePort }).port);
  parentPort?.postMessage('ready');
}
