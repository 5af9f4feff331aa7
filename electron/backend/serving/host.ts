/**
 * Starting the inference server in its own worker thread, and the handle its owner keeps: the
 * URL, the live counters (pushed once a second), reload, logging on/off and a graceful stop.
 *
 * The owner is the backend (the Serve step starts and stops the server through it) or the
 * `ciclo serve` command. The thread that calls this function never handles a prediction request;
 * it only answers the worker's model loads and, when the sink lives here, receives log batches
 * (at most one batch in flight, so a slow sink backs up into the worker's bounded queue).
 */
import type { Worker } from 'node:worker_threads';
import { AppError, type ApiError } from '../../../shared/errors.js';
import { resolveWorkerEntry, startWorker } from '../workers/entry.js';
import { checkBindingRule } from './auth.js';
import type { HostToWorker, ServingWorkerData, WorkerToHost } from './protocol.js';
import type { ServingOptions } from './server.js';
import type { ModelSource, PredictionSink, ServingStats, WorkerModuleRef } from './types.js';

/** Options of {@link startInferenceServer}. */
export interface InferenceServerOptions extends Omit<ServingOptions, 'source' | 'sink'> {
  /** A source in this thread (called for listings and loads only), or a module creating one in the worker. */
  source: ModelSource | WorkerModuleRef;
  /** A sink in this thread (receives batches), a module creating one in the worker, or null for no log. */
  sink?: PredictionSink | WorkerModuleRef | null;
  /** How often counters are pushed (default 1000 ms). */
  statsIntervalMs?: number;
  /** Called with every counters push. */
  onStats?: (stats: ServingStats) => void;
}

/** How the server's thread ended. */
export interface ServerExit {
  /** True after `stop()`; false when the thread died (the error says why). */
  isClean: boolean;
  error?: ApiError;
}

/** A running server, seen from its owner. */
export interface InferenceServerHandle {
  readonly host: string;
  readonly port: number;
  /** `http://host:port` */
  readonly url: string;
  /** True until stopped or dead. */
  readonly isRunning: boolean;
  /** The last counters pushed (at most `statsIntervalMs` old). */
  latestStats(): ServingStats;
  /** Fresh counters, asked from the worker. */
  stats(): Promise<ServingStats>;
  /** Subscribes to counter pushes; returns the unsubscribe function. */
  onStats(listener: (stats: ServingStats) => void): () => void;
  /** Called once when the server's thread ends (stopped or crashed). */
  onExit(listener: (exit: ServerExit) => void): () => void;
  /** Re-reads the source's listing (call it after a stage change). */
  reload(): Promise<void>;
  /** Switches the prediction log on or off. */
  setLogging(on: boolean): Promise<void>;
  /** Graceful stop: in-flight requests finish (up to `graceMs`, default 10 s), the log is flushed. */
  stop(graceMs?: number): Promise<void>;
}

function isModuleRef(x: unknown): x is WorkerModuleRef {
  return typeof x === 'object' && x !== null && typeof (x as WorkerModuleRef).module === 'string';
}

function appError(e: ApiError): AppError {
  return new AppError(e.code, e.message, { messageKey: e.messageKey, params: e.params, details: e.details });
}

/** Starts the server in a worker thread; resolves once it listens (or rejects with why it could not). */
export function startInferenceServer(options: InferenceServerOptions): Promise<InferenceServerHandle> {
  const { source, sink = null, statsIntervalMs = 1000, onStats, ...serverOptions } = options;
  try {
    // Checked here too, so a refused binding never starts a thread.
    checkBindingRule(serverOptions.host ?? '127.0.0.1', serverOptions.apiKey);
  } catch (err) {
    return Promise.reject(err);
  }
  const hostSource = isModuleRef(source) ? null : source;
  const hostSink = sink === null || isModuleRef(sink) ? null : sink;
  const data: ServingWorkerData = {
    options: serverOptions,
    source: isModuleRef(source) ? source : 'host',
    sink: sink === null ? null : isModuleRef(sink) ? sink : 'host',
    statsIntervalMs,
  };
  const worker: Worker = startWorker(resolveWorkerEntry(import.meta.url, './server.worker'), { workerData: data });

  const statsListeners = new Set<(s: ServingStats) => void>();
  if (onStats) statsListeners.add(onStats);
  const exitListeners = new Set<(e: ServerExit) => void>();
  const controlWaiters = new Map<number, { resolve: (s: ServingStats | undefined) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let latest: ServingStats | null = null;
  let running = false;
  let stopping: Promise<void> | null = null;
  let exited: ServerExit | null = null;
  const post = (m: HostToWorker): void => worker.postMessage(m);

  const control = (action: 'stats' | 'reload' | 'log-on' | 'log-off'): Promise<ServingStats | undefined> => {
    if (!running) return Promise.reject(new AppError('CONFLICT', 'The inference server is not running.'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      controlWaiters.set(id, { resolve, reject });
      post({ type: 'control', id, action });
    });
  };

  return new Promise<InferenceServerHandle>((resolveStart, rejectStart) => {
    let started = false;
    let stopWaiter: (() => void) | null = null;

    const finish = (exit: ServerExit): void => {
      if (exited) return;
      exited = exit;
      running = false;
      for (const w of controlWaiters.values()) w.reject(new AppError('CONFLICT', 'The inference server stopped.'));
      controlWaiters.clear();
      if (!started) rejectStart(exit.error ? appError(exit.error) : new AppError('INTERNAL', 'The inference server thread ended before it started.'));
      stopWaiter?.();
      for (const l of exitListeners) l(exit);
    };

    worker.on('message', (m: WorkerToHost) => {
      switch (m.type) {
        case 'started': {
          started = true;
          running = true;
          latest = m.stats;
          const handle: InferenceServerHandle = {
            host: m.host,
            port: m.port,
            url: m.url,
            get isRunning() {
              return running;
            },
            latestStats: () => latest as ServingStats,
            stats: async () => (await control('stats')) as ServingStats,
            onStats(listener) {
              statsListeners.add(listener);
              return () => statsListeners.delete(listener);
            },
            onExit(listener) {
              if (exited) {
                listener(exited);
                return () => undefined;
              }
              exitListeners.add(listener);
              return () => exitListeners.delete(listener);
            },
            reload: async () => {
              await control('reload');
            },
            setLogging: async (on) => {
              await control(on ? 'log-on' : 'log-off');
            },
            stop(graceMs = 10_000) {
              stopping ??= new Promise<void>((resolve) => {
                if (exited) return resolve();
                stopWaiter = resolve;
                post({ type: 'stop', id: nextId++, graceMs });
                // The thread ends by itself after 'stopped'; if it does not, it is terminated.
                const hard = setTimeout(() => void worker.terminate(), graceMs + 5000);
                hard.unref();
              });
              return stopping;
            },
          };
          resolveStart(handle);
          return;
        }
        case 'start-failed':
          finish({ isClean: false, error: m.error });
          return;
        case 'stats':
          latest = m.stats;
          for (const l of statsListeners) l(m.stats);
          return;
        case 'control-reply': {
          const w = controlWaiters.get(m.id);
          controlWaiters.delete(m.id);
          if (!w) return;
          if (m.ok) {
            if (m.stats) latest = m.stats;
            w.resolve(m.stats);
          } else w.reject(appError(m.error));
          return;
        }
        case 'source-call':
          void (async () => {
            try {
              if (!hostSource) throw new Error('No model source in the host.');
              const value = m.method === 'list' ? await hostSource.list() : await hostSource.load(m.name, m.version);
              post({ type: 'source-reply', id: m.id, ok: true, value });
            } catch (err) {
              post({ type: 'source-reply', id: m.id, ok: false, message: (err as Error)?.message ?? String(err) });
            }
          })();
          return;
        case 'sink-call':
          void (async () => {
            try {
              if (!hostSink) throw new Error('No prediction sink in the host.');
              if (m.method === 'write') await hostSink.write(m.batch);
              else await hostSink.close?.();
              post({ type: 'sink-reply', id: m.id, ok: true });
            } catch (err) {
              post({ type: 'sink-reply', id: m.id, ok: false, message: (err as Error)?.message ?? String(err) });
            }
          })();
          return;
        case 'stopped':
          running = false;
          return;
      }
    });
    worker.on('error', (err) => {
      console.error('[serving] the server thread failed:', err);
      finish({ isClean: false, error: { code: 'INTERNAL', messageKey: 'errors.INTERNAL', message: `The inference server thread failed: ${err.message}` } });
    });
    worker.on('exit', (code) => {
      finish(stopping || (started && code === 0 && !running) ? { isClean: true } : { isClean: false, error: { code: 'INTERNAL', messageKey: 'errors.INTERNAL', message: `The inference server thread exited (code ${code}).` } });
    });
  });
}
