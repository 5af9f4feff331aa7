/**
 * The worker side of a job: `runAsWorker(fn)` at the bottom of a `*.worker.ts` entry wires the
 * protocol. `fn` gets the input, an AbortSignal that fires on cancellation (check it between
 * chunks of work; the engine's `throwIfAborted` does) and a `progress` reporter that is
 * throttled here, so a loop may call it on every row without flooding the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type ApiError } from '../../../shared/errors.js';
import type { FromWorker, ToWorker, WorkerData } from './protocol.js';

/** What a job function receives besides its input. */
export interface JobContext {
  /** Fires when the job is cancelled; stop soon after (the thread is terminated after a grace period). */
  signal: AbortSignal;
  /** Reports progress; cheap to call often (sent at most every 50 ms, and always for 0 and 1). */
  progress(fraction: number, phaseKey: string, phaseParams?: Record<string, string | number>): void;
}

const PROGRESS_INTERVAL_MS = 50;
const PASSTHROUGH_CODES = new Set(['INVALID_ARGUMENT', 'NOT_FITTED', 'CANCELLED']);

/** Turns anything thrown in a worker into the wire error shape. */
export function toWireError(err: unknown, isAborted: boolean): ApiError {
  if (err instanceof AppError) return err.toApiError();
  const e = err as { code?: unknown; message?: unknown; field?: unknown; stack?: unknown };
  if (typeof e?.code === 'string' && PASSTHROUGH_CODES.has(e.code)) {
    const out: ApiError = { code: e.code as ApiError['code'], messageKey: `errors.${e.code}`, message: String(e.message ?? e.code) };
    if (typeof e.field === 'string') out.details = { field: e.field };
    return out;
  }
  if (isAborted) return { code: 'CANCELLED', messageKey: 'errors.CANCELLED', message: 'Cancelled.' };
  // The stack stays in this process's log; only a generic message crosses to clients.
  console.error('[worker] unexpected error:', typeof e?.stack === 'string' ? e.stack : err);
  return { code: 'INTERNAL', messageKey: 'errors.INTERNAL', message: 'The background job failed unexpectedly.' };
}

/** Runs `fn` as this worker's job. Call once, at the top level of a `*.worker.ts` entry. */
export function runAsWorker<I, O>(fn: (input: I, ctx: JobContext) => O | Promise<O>): void {
  const port = parentPort;
  if (!port) throw new Error('runAsWorker must run inside a worker thread.');
  const controller = new AbortController();
  port.on('message', (m: ToWorker) => {
    if (m?.type === 'cancel') controller.abort();
  });
  const send = (m: FromWorker): void => port.postMessage(m);
  let lastSent = 0;
  let lastPhase = '';
  const ctx: JobContext = {
    signal: controller.signal,
    progress(fraction, phaseKey, phaseParams) {
      const now = Date.now();
      const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
      // A new phase always goes out (the UI names what the job is doing); reports within a phase are throttled.
      if (f !== 0 && f !== 1 && phaseKey === lastPhase && now - lastSent < PROGRESS_INTERVAL_MS) return;
      lastSent = now;
      lastPhase = phaseKey;
      send(phaseParams ? { type: 'progress', fraction: f, phaseKey, phaseParams } : { type: 'progress', fraction: f, phaseKey });
    },
  };
  const input = (workerData as WorkerData<I>).input;
  Promise.resolve()
    .then(() => fn(input, ctx))
    .then(
      (value) => send({ type: 'result', value }),
      (err: unknown) => send({ type: 'error', error: toWireError(err, controller.signal.aborted) }),
    )
    .finally(() => {
      // Let the thread end once the message is flushed (the cancel listener would keep it alive).
      port.unref();
    });
}
