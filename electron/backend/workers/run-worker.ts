/**
 * Runs one worker to completion and settles exactly once, whatever happens: a result, an error
 * message, an uncaught exception in the thread, a crash or `process.exit` inside it, an
 * unreadable message, or a cancellation (a cooperative `cancel` message first, then
 * `terminate()` after a grace period if the worker does not stop by itself).
 */
import type { TransferListItem } from 'node:worker_threads';
import { AppError, type ApiError } from '../../../shared/errors.js';
import { startWorker, type WorkerEntry } from './entry.js';
import { isFromWorker, type ProgressMessage, type ToWorker, type WorkerData } from './protocol.js';

/** How a worker run ended. */
export type WorkerOutcome<O> = { state: 'done'; value: O } | { state: 'failed'; error: ApiError } | { state: 'cancelled' };

/** A running worker. */
export interface WorkerRun<O> {
  /** Settles once; never rejects. */
  readonly outcome: Promise<WorkerOutcome<O>>;
  /** Asks the worker to stop; terminates it after the grace period. */
  cancel(): void;
  /** Thread id (diagnostics). */
  readonly threadId: number;
}

/** Options of {@link runWorker}. */
export interface RunWorkerOptions {
  onProgress?: (p: ProgressMessage) => void;
  /** Milliseconds between the cancel message and terminate(). */
  cancelGraceMs?: number;
  transferList?: TransferListItem[];
}

const cancelledError: ApiError = { code: 'CANCELLED', messageKey: 'errors.CANCELLED', message: 'Cancelled.' };

/** Starts `entry` with `input` and reports its outcome. */
export function runWorker<I, O>(entry: WorkerEntry, input: I, options: RunWorkerOptions = {}): WorkerRun<O> {
  const data: WorkerData<I> = { input };
  const worker = startWorker(entry, { workerData: data, transferList: options.transferList });
  const grace = options.cancelGraceMs ?? 3000;
  let settled = false;
  let cancelRequested = false;
  let killTimer: NodeJS.Timeout | null = null;
  let resolveOutcome!: (o: WorkerOutcome<O>) => void;
  const outcome = new Promise<WorkerOutcome<O>>((resolve) => {
    resolveOutcome = resolve;
  });

  const settle = (o: WorkerOutcome<O>): void => {
    if (settled) return;
    settled = true;
    if (killTimer) clearTimeout(killTimer);
    resolveOutcome(cancelRequested && o.state !== 'failed' ? { state: 'cancelled' } : o);
    // A worker that reported its outcome but keeps running (a stray timer) is stopped here.
    void worker.terminate();
  };

  worker.on('message', (m: unknown) => {
    if (settled) return;
    if (!isFromWorker(m)) {
      settle({ state: 'failed', error: new AppError('INTERNAL', 'A background worker sent a malformed message.').toApiError() });
      return;
    }
    if (m.type === 'progress') options.onProgress?.(m);
    else if (m.type === 'result') settle({ state: 'done', value: m.value as O });
    else if (m.error.code === 'CANCELLED') settle({ state: 'cancelled' });
    else settle({ state: 'failed', error: m.error });
  });
  worker.on('messageerror', () => {
    settle({ state: 'failed', error: new AppError('INTERNAL', 'A background worker sent a message that could not be read.').toApiError() });
  });
  worker.on('error', (err) => {
    console.error('[jobs] worker error:', err);
    settle(cancelRequested ? { state: 'cancelled' } : { state: 'failed', error: new AppError('INTERNAL', 'The background job failed unexpectedly.').toApiError() });
  });
  worker.on('exit', (code) => {
    if (cancelRequested) settle({ state: 'cancelled' });
    else settle({ state: 'failed', error: new AppError('INTERNAL', `The background job stopped unexpectedly (exit code ${code}).`, { params: { exitCode: code } }).toApiError() });
  });

  return {
    outcome,
    threadId: worker.threadId,
    cancel() {
      if (settled || cancelRequested) return;
      cancelRequested = true;
      const msg: ToWorker = { type: 'cancel' };
      worker.postMessage(msg);
      killTimer = setTimeout(() => {
        if (!settled) {
          settle({ state: 'cancelled' });
        }
      }, grace);
      killTimer.unref();
    },
  };
}

/** The error a cancelled run reports where an error is needed. */
export function cancelledApiError(): ApiError {
  return { ...cancelledError };
}
