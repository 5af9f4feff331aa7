/**
 * Hooks for training work inside a worker thread. A fit is synchronous, so the worker's event
 * loop does not turn while it runs and the `cancel` message from the backend would wait until the
 * fit ends (the backend then terminates the thread after its grace period). Training work calls
 * progress often, so there the parent port is polled with `receiveMessageOnPort` (at most every
 * 50 ms): a cancel stops the fit at its next iteration, cleanly.
 *
 * The learning curve goes to the backend through a MessagePort handed over in the job's input,
 * throttled to one point every 100 ms (plus the last point).
 */
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { JobContext } from '../../workers/worker-runtime.js';
import type { CurvePoint, RunHooks } from './run.js';

const POLL_MS = 50;
const CURVE_MS = 100;

/** A curve message (worker -> backend). */
export interface CurveMessage {
  iteration: number;
  trainLoss?: number;
  validationScore?: number;
  metric: string;
}

/** Hooks whose signal also fires on a cancel that arrives while the thread is busy. */
export function pollingHooks(ctx: JobContext): { signal: AbortSignal; progress: JobContext['progress'] } {
  const controller = new AbortController();
  ctx.signal.addEventListener('abort', () => controller.abort(), { once: true });
  let lastPoll = 0;
  const poll = (): void => {
    const now = Date.now();
    if (now - lastPoll < POLL_MS || controller.signal.aborted || !parentPort) return;
    lastPoll = now;
    for (let m = receiveMessageOnPort(parentPort); m; m = receiveMessageOnPort(parentPort)) {
      if ((m.message as { type?: unknown })?.type === 'cancel') controller.abort();
    }
  };
  return {
    signal: controller.signal,
    progress(fraction, phaseKey, phaseParams) {
      poll();
      ctx.progress(fraction, phaseKey, phaseParams);
    },
  };
}

/** Run hooks that also stream the learning curve to `port` (throttled). */
export function runHooks(ctx: JobContext, port: MessagePort | undefined): RunHooks & { flush(): void } {
  const base = pollingHooks(ctx);
  let last = 0;
  let pending: CurveMessage | null = null;
  const send = (): void => {
    if (pending && port) port.postMessage(pending);
    pending = null;
    last = Date.now();
  };
  return {
    ...base,
    curve(point: CurvePoint, metric: string) {
      pending = { ...point, metric };
      if (Date.now() - last >= CURVE_MS) send();
    },
    flush() {
      send();
      port?.close();
    },
  };
}
