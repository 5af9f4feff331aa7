/**
 * Messages between the host (the thread that owns the server: the backend's main thread, or the
 * `ciclo serve` process) and the server's worker thread. Request traffic never crosses this
 * boundary; only model loads (rare), prediction-log batches (when the sink lives in the host),
 * counters (once a second) and control messages do.
 */
import type { ApiError } from '../../../shared/errors.js';
import type { ServingOptions } from './server.js';
import type { PredictionRecord, ServingStats, WorkerModuleRef } from './types.js';

/** What the worker starts with. */
export interface ServingWorkerData {
  options: Omit<ServingOptions, 'source' | 'sink'>;
  /** 'host': calls the host's ModelSource; else a module creating one in the worker. */
  source: 'host' | WorkerModuleRef;
  /** 'host': batches go to the host's PredictionSink; a module ref: a sink created in the worker; null: no log. */
  sink: 'host' | WorkerModuleRef | null;
  statsIntervalMs: number;
}

/** Host -> worker. */
export type HostToWorker =
  | { type: 'source-reply'; id: number; ok: true; value: unknown }
  | { type: 'source-reply'; id: number; ok: false; message: string }
  | { type: 'sink-reply'; id: number; ok: boolean; message?: string }
  | { type: 'control'; id: number; action: 'stats' | 'reload' | 'log-on' | 'log-off' }
  | { type: 'stop'; id: number; graceMs: number };

/** Worker -> host. */
export type WorkerToHost =
  | { type: 'started'; host: string; port: number; url: string; stats: ServingStats }
  | { type: 'start-failed'; error: ApiError }
  | { type: 'source-call'; id: number; method: 'list' } | { type: 'source-call'; id: number; method: 'load'; name: string; version: string }
  | { type: 'sink-call'; id: number; method: 'write'; batch: PredictionRecord[] } | { type: 'sink-call'; id: number; method: 'close' }
  | { type: 'stats'; stats: ServingStats }
  | { type: 'control-reply'; id: number; ok: true; stats?: ServingStats } | { type: 'control-reply'; id: number; ok: false; error: ApiError }
  | { type: 'stopped'; id: number };
