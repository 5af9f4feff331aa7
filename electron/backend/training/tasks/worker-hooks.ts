/**
 * Hooks for training work inside a worker thread. A fit is synchronous, so the worker's event
 * loop does not turn while it runs and the `cancel` message from the backend would wait until the
 * fit ends (the backend then terminates the thread after its grace period). Training work calls
 * progress often, so there the parent port is polled with `receiveMessageOnPort` (at most every
 * 50 ms): a cancel stops the fit at its next iteration, cleanly.
 *
 * Training threads run at a lower scheduling priority (Linux: per thread, through the thread's
 * own id), so when every core trains the backend's thread still gets the CPU the moment it has
 * something to do: the window stays responsive, as a desktop app's background work should.
 *
 * The learning curve goes to the backend through a MessagePort handed over in the job's input,
 * throttled to one point every 100 ms (plus the last point).
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { JobContext } from '../../workers/worker-runtime.js';
import type { CurvePoint, RunHooks } from './run.js';

const POLL_MS = 50;
/** Nice value of training threads (0 normal, 19 lowest). */
const BACKGROUND_NICE = 10;
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

/**
 * Lowers this thread's scheduling priority. Linux only: there `setpriority` takes a thread id, read
 * from /proc/thread-self; elsewhere it would renice the whole process (the backend too), so the
 * thread keeps its priority. Failures are ignored: the work runs at normal priority.
 */
export function lowerThreadPriority(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return false;
    setPriority(tid, BACKGROUND_NICE);
    return true;
  } catch {
    // No procfs or not permitted: the thread simply keeps the normal priority.
    return false;
  }
}
