/**
 * Histogram building across threads. The rows of a node are cut into fixed chunks; the calling
 * thread and helper threads claim chunks with an atomic counter and add them to their own
 * histograms, which the caller then sums. Gradients lie on an exact grid (histogram.ts), so the
 * sums do not depend on which thread took which chunk: same model for 1 or N threads.
 *
 * Protocol (one Int32Array `ctrl` in shared memory):
 * - the caller writes the job (row range, whether a row list is used, gradient offsets), resets
 *   the chunk counter, then bumps GENERATION and notifies;
 * - a helper waiting on GENERATION marks itself BUSY for that generation, claims chunks until
 *   none are left (zeroing its partial histogram before its first chunk), records whether it took
 *   any (TOOK), marks itself DONE and notifies;
 * - the caller claims chunks too, then waits only for helpers it saw BUSY in this generation, and
 *   adds the partials of those that TOOK chunks. A helper that wakes late finds no chunk left and
 *   touches nothing, so a slow or absent helper never blocks the caller.
 */
import type { ParallelExecutor, ParallelTask } from '../core/parallel.js';
import type { RowMajorBins } from './binning.js';
import { accumulateHistograms, addHistograms } from './histogram.js';
import type { HistogramBuildFn } from './grower.js';

const GENERATION = 0;
const STOP = 1;
const NEXT_CHUNK = 2;
const N_CHUNKS = 3;
const START = 4;
const END = 5;
const USE_ROWS = 6;
const GP_OFFSET = 8;
const PER_HELPER = 16;
// Per helper h: BUSY at PER_HELPER + 3h, DONE at +1, TOOK at +2.

/** Rows per chunk: large enough to amortise the atomics, small enough to balance threads. */
const CHUNK = 2048;
/** Nodes with fewer rows are built on the calling thread alone. */
const MIN_PARALLEL_ROWS = 3 * CHUNK;
/** Polls of the generation word before a helper sleeps in Atomics.wait. */
const SPIN = 2_000;
/**
 * On a machine busier than its cores, a helper can be descheduled in the middle of a chunk and the
 * caller then waits for it. After this many parallel builds, if the caller spent more time waiting
 * than an eighth of its own histogram work (on an idle machine it waits for at most the last chunk),
 * helpers are dropped for the rest of the fit.
 */
const JUDGE_AFTER = 24;

// `performance` exists in Node and browsers; the engine's lib (ES2022, no DOM) does not declare it.
declare const performance: { now(): number };

/** What helpers receive (every array over SharedArrayBuffer). */
export interface HistogramHelperInput {
  ctrl: Int32Array;
  bins: Uint8Array;
  nRows: number;
  nFeatures: number;
  stride: number;
  nBinsTotal: number;
  /** Gradient / packed-hessian pairs of every output (2 * nOutputs * nRows); a job reads 2 * nRows from GP_OFFSET. */
  gp: Float64Array;
  rows: Uint32Array;
  /** One histogram buffer per helper. */
  partials: Float64Array[];
}

function binsOf(input: HistogramHelperInput): RowMajorBins {
  return { bins: input.bins, nRows: input.nRows, nFeatures: input.nFeatures, stride: input.stride };
}

/** Adds chunk c of the current job to `out`. */
function runChunk(input: HistogramHelperInput, bins: RowMajorBins, c: number, out: Float64Array): void {
  const ctrl = input.ctrl;
  const start = ctrl[START] + c * CHUNK;
  const end = Math.min(ctrl[END], start + CHUNK);
  const n = input.nRows;
  const gp = input.gp.subarray(ctrl[GP_OFFSET], ctrl[GP_OFFSET] + 2 * n);
  accumulateHistograms(bins, input.nBinsTotal, ctrl[USE_ROWS] === 1 ? input.rows : null, start, end, gp, out);
}

/** The helper loop run on worker threads. */
export const histogramHelperTask: ParallelTask<HistogramHelperInput, void> = {
  name: 'boosting.histogram-helper',
  run(input, helper) {
    const ctrl = input.ctrl;
    if (helper >= input.partials.length) return;
    const bins = binsOf(input);
    const partial = input.partials[helper];
    const busy = PER_HELPER + 3 * helper;
    let seen = Atomics.load(ctrl, GENERATION);
    for (;;) {
      let gen = Atomics.load(ctrl, GENERATION);
      for (let spin = 0; gen === seen && spin < SPIN; spin++) gen = Atomics.load(ctrl, GENERATION);
      while (gen === seen) {
        Atomics.wait(ctrl, GENERATION, seen, 1000);
        gen = Atomics.load(ctrl, GENERATION);
      }
      if (Atomics.load(ctrl, STOP) === 1) return;
      seen = gen;
      Atomics.store(ctrl, busy, gen);
      const nChunks = Atomics.load(ctrl, N_CHUNKS);
      let took = false;
      for (;;) {
        const c = Atomics.add(ctrl, NEXT_CHUNK, 1);
        if (c >= nChunks) break;
        if (!took) {
          partial.fill(0);
          took = true;
        }
        runChunk(input, bins, c, partial);
      }
      Atomics.store(ctrl, busy + 2, took ? gen : 0);
      Atomics.store(ctrl, busy + 1, gen);
      Atomics.notify(ctrl, busy + 1);
    }
  },
};

/** A running set of histogram helpers; `build` is a drop-in {@link HistogramBuildFn}. */
export class ParallelHistograms {
  readonly build: HistogramBuildFn;
  private stopped = false;
  private builds = 0;
  private workMs = 0;
  private waitMs = 0;

  private constructor(
    private readonly input: HistogramHelperInput,
    private nHelpers: number,
  ) {
    const bins = binsOf(input);
    this.build = (rows, start, end, gp, out) => {
      out.fill(0);
      const m = end - start;
      if (m < MIN_PARALLEL_ROWS || this.nHelpers === 0) {
        accumulateHistograms(bins, input.nBinsTotal, rows, start, end, gp, out);
        return;
      }
      this.parallelBuild(rows !== null, start, end, gp, out);
    };
  }

  /**
   * Starts helpers for a fit whose gradient arrays, row index and bins are already in shared
   * memory; returns null when the executor is serial (then build on the calling thread).
   */
  static start(executor: ParallelExecutor, bins: RowMajorBins, nBinsTotal: number, gp: Float64Array, rows: Uint32Array): ParallelHistograms | null {
    const want = executor.threads - 1;
    if (want < 1) return null;
    const histLength = bins.stride * nBinsTotal * 2;
    const partials = Array.from({ length: want }, () => new Float64Array(new SharedArrayBuffer(histLength * 8)));
    const ctrl = new Int32Array(new SharedArrayBuffer((PER_HELPER + 3 * want) * 4));
    const input: HistogramHelperInput = { ctrl, bins: bins.bins, nRows: bins.nRows, nFeatures: bins.nFeatures, stride: bins.stride, nBinsTotal, gp, rows, partials };
    const started = executor.startHelpers(histogramHelperTask, input);
    if (started < 1) return null;
    return new ParallelHistograms(input, Math.min(started, want));
  }

  private parallelBuild(useRows: boolean, start: number, end: number, gp: Float64Array, out: Float64Array): void {
    const { ctrl, partials } = this.input;
    const bins = binsOf(this.input);
    const nChunks = Math.ceil((end - start) / CHUNK);
    Atomics.store(ctrl, START, start);
    Atomics.store(ctrl, END, end);
    Atomics.store(ctrl, USE_ROWS, useRows ? 1 : 0);
    Atomics.store(ctrl, GP_OFFSET, (gp.byteOffset - this.input.gp.byteOffset) / 8);
    Atomics.store(ctrl, N_CHUNKS, nChunks);
    Atomics.store(ctrl, NEXT_CHUNK, 0);
    const gen = (Atomics.add(ctrl, GENERATION, 1) + 1) | 0;
    Atomics.notify(ctrl, GENERATION);
    const t0 = performance.now();
    for (;;) {
      const c = Atomics.add(ctrl, NEXT_CHUNK, 1);
      if (c >= nChunks) break;
      runChunk(this.input, bins, c, out);
    }
    const t1 = performance.now();
    for (let h = 0; h < this.nHelpers; h++) {
      const busy = PER_HELPER + 3 * h;
      if (Atomics.load(ctrl, busy) !== gen) continue;
      let done = Atomics.load(ctrl, busy + 1);
      while (done !== gen) {
        Atomics.wait(ctrl, busy + 1, done, 1000);
        done = Atomics.load(ctrl, busy + 1);
      }
      if (Atomics.load(ctrl, busy + 2) === gen) addHistograms(out, partials[h]);
    }
    this.workMs += t1 - t0;
    this.waitMs += performance.now() - t1;
    if (++this.builds === JUDGE_AFTER && this.waitMs > this.workMs / 8) {
      // Oversubscribed machine: the calling thread alone is faster than waiting for helpers.
      this.stop();
      this.nHelpers = 0;
    }
  }

  /** Tells the helpers to return (idempotent). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    Atomics.store(this.input.ctrl, STOP, 1);
    Atomics.add(this.input.ctrl, GENERATION, 1);
    Atomics.notify(this.input.ctrl, GENERATION);
  }
}
