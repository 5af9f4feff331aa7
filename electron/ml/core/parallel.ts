/**
 * Parallelism for the engine without threads of its own: the engine is pure (no node:*), so it
 * describes work as named tasks and an injected {@link ParallelExecutor} runs them. The backend
 * installs one backed by worker threads over SharedArrayBuffer memory
 * (electron/backend/workers/ml-parallel.ts); without it everything runs on the calling thread.
 *
 * Rule for every task: its result depends only on its input and index, never on which thread ran
 * it or in what order, so a model is bit-identical whatever the thread count (random streams are
 * forked per task before dispatch; parallel sums are exact, see boosting/histogram.ts).
 *
 * The executor is synchronous (fit() is synchronous): the caller blocks with Atomics.wait while
 * helpers work, and takes part in the work itself, so a busy or missing helper only costs speed.
 */
import type { FitOptions } from './interfaces.js';

/** Fit options of estimators that can use threads: an explicit executor overrides the default. */
export interface ParallelFitOptions extends FitOptions {
  executor?: ParallelExecutor;
}

/** A unit of work that can run on any thread. */
export interface ParallelTask<I, R> {
  /** Unique name: worker threads look the task up by it. */
  readonly name: string;
  /** Runs item `index` of the job described by `input`. */
  run(input: I, index: number): R;
}

/** Runs tasks on several threads. */
export interface ParallelExecutor {
  /** Threads doing work, the caller included (1 = serial). */
  readonly threads: number;
  /**
   * Runs `task.run(input, i)` for i = 0..count-1 and returns the results in index order. `input`
   * is structured-cloned to helper threads (typed arrays over SharedArrayBuffer are shared, not
   * copied); results come back the same way.
   */
  map<I, R>(task: ParallelTask<I, R>, input: I, count: number): R[];
  /**
   * Starts `task.run(input, helperIndex)` as a long-running helper loop on up to `threads - 1`
   * other threads and returns how many were asked to start (0 when serial). Helpers may start
   * late; the task's own protocol (shared memory + Atomics) must let the caller proceed without
   * them and must tell them when to return.
   */
  startHelpers<I>(task: ParallelTask<I, void>, input: I): number;
}

/** Runs everything on the calling thread. */
export const serialExecutor: ParallelExecutor = {
  threads: 1,
  map<I, R>(task: ParallelTask<I, R>, input: I, count: number): R[] {
    const out: R[] = [];
    for (let i = 0; i < count; i++) out.push(task.run(input, i));
    return out;
  },
  startHelpers(): number {
    return 0;
  },
};

let current: ParallelExecutor = serialExecutor;

/** Installs the executor estimators use by default (the backend calls this once per thread). */
export function setParallelExecutor(executor: ParallelExecutor | null): void {
  current = executor ?? serialExecutor;
}

/** The executor estimators use unless a fit is given one explicitly. */
export function getParallelExecutor(): ParallelExecutor {
  return current;
}

/**
 * A zero-filled buffer of `bytes` bytes in shared memory when `shared` (so helper threads see
 * it), else an ordinary ArrayBuffer.
 */
export function allocBuffer(bytes: number, shared: boolean): ArrayBuffer | SharedArrayBuffer {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}
