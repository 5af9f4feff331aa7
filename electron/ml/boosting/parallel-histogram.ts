/**
 * Gradient boosting across threads: histogram building, and the per-row passes of each iteration
 * (gradients and their statistics, packing). Work is cut into fixed chunks; the calling thread and
 * helper threads claim chunks with an atomic counter. Histogram chunks go to each thread's own
 * histogram, which the caller then sums; gradients lie on an exact grid (histogram.ts), so the
 * sums do not depend on which thread took which chunk. Per-row chunks write disjoint rows, and
 * their statistics are combined in chunk order. Same model for 1 or N threads.
 *
 * Protocol (one Int32Array `ctrl` in shared memory):
 * - the caller first resets the chunk counter NEXT_CHUNK, tagged with the coming generation (low
 *   bits of the generation above the chunk index), then writes the job (row range, whether a row
 *   list is used, gradient offsets, ...), then bumps GENERATION and notifies;
 * - a helper waiting on GENERATION marks itself BUSY for that generation, checks that the
 *   generation is still current, and claims chunks by compare-and-swap only while the counter
 *   carries its generation's tag (zeroing its partial histogram before its first chunk); it
 *   records whether it took any (TOOK), marks itself DONE and notifies;
 * - the caller claims chunks too, then waits only for helpers it saw BUSY in this generation, and
 *   adds the partials of those that TOOK chunks. A helper that wakes late finds no chunk left, or
 *   a counter tagged for a newer job, and touches nothing, so a slow or absent helper never blocks
 *   the caller and never works on a job the caller is not waiting for.
 */
import type { ParallelExecutor, ParallelTask } from '../core/parallel.js';
import type { RowMajorBins } from './binning.js';
import { ROW_CHUNK, accumulateHistograms, addHistograms, gradientStatsChunk, packChunk } from './histogram.js';
import { partitionChunk, partitionRows, type HistogramBuildFn, type PartitionFn } from './grower.js';
import { objectiveFromSpec, type Objective, type ObjectiveSpec } from './losses.js';

const GENERATION = 0;
const STOP = 1;
const NEXT_CHUNK = 2;
/** NEXT_CHUNK = (generation & TAG_MASK) << CHUNK_BITS | next chunk index. */
const CHUNK_BITS = 19;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;
const TAG_MASK = 0xfff;
/** Most chunks of one job (every thread may add one past the end). */
const MAX_CHUNKS = CHUNK_MASK - 1024;
const N_CHUNKS = 3;
const START = 4;
const END = 5;
const USE_ROWS = 6;
const JOB_KIND = 7;
const GP_OFFSET = 8;
// Partition jobs: the split's feature, bin and missing-value direction.
const SPLIT_FEATURE = 9;
const SPLIT_BIN = 10;
const SPLIT_MISSING_LEFT = 11;
/** Job kinds: a node's histograms, the gradients + statistics pass, the packing pass, a partition. */
const JOB_HISTOGRAM = 0;
const JOB_GRADIENTS = 1;
const JOB_PACK = 2;
const JOB_PARTITION = 3;
const JOB_LEAVES = 4;
// Leaf jobs: the number of leaves and the offset of the output in the raw predictions.
const LEAF_COUNT = 12;
const LEAF_RAW_OFFSET = 13;
const PER_HELPER = 16;
// Per helper h: BUSY at PER_HELPER + 3h, DONE at +1, TOOK at +2.

/** Rows per chunk: large enough to amortise the atomics, small enough to balance threads. */
const CHUNK = 1024;
/** Nodes with fewer rows are built on the calling thread alone. */
const MIN_PARALLEL_ROWS = 2 * CHUNK;
/** Polls of the generation word before a helper sleeps in Atomics.wait. */
const SPIN = 20_000;
/**
 * On a machine busier than its cores, a helper can be descheduled in the middle of a chunk and the
 * caller then waits for it. Over parallel builds WARM_UP..JUDGE_AFTER (after the JIT has warmed
 * up both threads), if the caller spent more time waiting than a quarter of its own histogram work
 * (on an idle machine it waits for at most one chunk), helpers are dropped for the rest of the fit.
 */
const WARM_UP = 40;
const JUDGE_AFTER = 240;

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
  /** Arrays of the per-row passes (all in shared memory). */
  perRow: PerRowInput;
  /** Partitions: column-major codes (filled by the grower's workspace), scratch rows, left count per chunk. */
  columns: Uint8Array;
  scratch: Uint32Array;
  leftCounts: Int32Array;
  /** A grown tree's leaves sorted by position: rows[leafStart[l]..leafEnd[l]) get leafValue[l]. */
  leafStart: Int32Array;
  leafEnd: Int32Array;
  leafValue: Float64Array;
}

/** What the per-row passes read and write. */
export interface PerRowInput {
  objective: ObjectiveSpec;
  nOutputs: number;
  raw: Float64Array;
  y: Float64Array;
  weight: Float64Array | null;
  grad: Float64Array;
  /** Empty when hessians are constant. */
  hess: Float64Array;
  /** Per chunk and output: max |g|, sum of hessians. */
  stats: Float64Array;
  /** Per output: the packing scales (histogram.ts SCALE_STRIDE values). */
  scales: Float64Array;
}

/** Runs one per-row chunk (gradients + statistics, or packing) of rows [start, end). */
export function runPerRowChunk(kind: 'gradients' | 'pack', r: PerRowInput, objective: Objective, gp: Float64Array, c: number): void {
  const n = r.y.length;
  const start = c * ROW_CHUNK;
  const end = Math.min(n, start + ROW_CHUNK);
  const hess = r.hess.length > 0 ? r.hess : null;
  if (kind === 'gradients') {
    objective.gradients(r.raw, r.y, r.grad, r.hess, r.weight, start, end);
    gradientStatsChunk(r.grad, hess, n, r.nOutputs, start, end, r.stats, c);
  } else packChunk(r.grad, hess, n, r.nOutputs, start, end, r.scales, gp);
}

/**
 * Partitions chunk c of the current partition job: its left rows compacted at the chunk's start
 * in `rows`, its right rows at the same offsets in `scratch`, its left count in `leftCounts[c]`.
 */
function runPartitionChunk(input: HistogramHelperInput, c: number): void {
  const ctrl = input.ctrl;
  const start = ctrl[START] + c * CHUNK;
  const end = Math.min(ctrl[END], start + CHUNK);
  const n = input.nRows;
  const f = ctrl[SPLIT_FEATURE];
  input.leftCounts[c] = partitionChunk(input.rows, input.scratch, start, start, end, input.columns.subarray(f * n, (f + 1) * n), ctrl[SPLIT_BIN], input.nBinsTotal - 1, ctrl[SPLIT_MISSING_LEFT] === 1);
}

/**
 * Adds the current tree's leaf values to the raw predictions of the rows at positions of chunk c
 * (ROW_CHUNK positions of `rows`). Every row is in exactly one leaf, so chunks touch disjoint rows.
 */
function runLeafChunk(input: HistogramHelperInput, c: number): void {
  const { ctrl, rows, leafStart, leafEnd, leafValue } = input;
  const raw = input.perRow.raw;
  const n = input.nRows;
  const first = c * ROW_CHUNK;
  const last = Math.min(n, first + ROW_CHUNK);
  const off = ctrl[LEAF_RAW_OFFSET];
  let lo = 0;
  let hi = ctrl[LEAF_COUNT] - 1;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (leafEnd[m] <= first) lo = m + 1;
    else hi = m;
  }
  for (let l = lo; leafStart[l] < last; l++) {
    const v = leafValue[l];
    const e = Math.min(last, leafEnd[l]);
    for (let q = Math.max(first, leafStart[l]); q < e; q++) raw[off + rows[q]] += v;
    if (leafEnd[l] >= last) break;
  }
}

function binsOf(input: HistogramHelperInput): RowMajorBins {
  return { bins: input.bins, nRows: input.nRows, nFeatures: input.nFeatures, stride: input.stride };
}

/** Adds chunk c of the current histogram job to `out`. */
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
    const objective = objectiveFromSpec(input.perRow.objective);
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
      // Once BUSY is set while the generation is current, the caller waits for this helper
      // before it publishes another job; if the generation moved on already, take nothing.
      const current = Atomics.load(ctrl, GENERATION) === gen;
      const nChunks = Atomics.load(ctrl, N_CHUNKS);
      const kind = Atomics.load(ctrl, JOB_KIND);
      const tag = gen & TAG_MASK;
      let took = false;
      while (current) {
        const v = Atomics.load(ctrl, NEXT_CHUNK);
        if (v >>> CHUNK_BITS !== tag) break;
        const c = v & CHUNK_MASK;
        if (c >= nChunks) break;
        if (Atomics.compareExchange(ctrl, NEXT_CHUNK, v, v + 1) !== v) continue;
        if (kind === JOB_PARTITION) {
          runPartitionChunk(input, c);
          continue;
        }
        if (kind === JOB_LEAVES) {
          runLeafChunk(input, c);
          continue;
        }
        if (kind !== JOB_HISTOGRAM) {
          runPerRowChunk(kind === JOB_GRADIENTS ? 'gradients' : 'pack', input.perRow, objective, input.gp, c);
          continue;
        }
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
  readonly partition: PartitionFn;
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
    this.partition = (start, end, feature, bin, missingLeft) => {
      const { rows, scratch, columns, nRows } = input;
      if (end - start < MIN_PARALLEL_ROWS || this.nHelpers === 0) {
        return partitionRows(rows, scratch, start, end, columns.subarray(feature * nRows, (feature + 1) * nRows), bin, input.nBinsTotal - 1, missingLeft);
      }
      return this.parallelPartition(start, end, feature, bin, missingLeft);
    };
  }

  /**
   * Starts helpers for a fit whose gradient arrays, row index and bins are already in shared
   * memory; returns null when the executor is serial (then build on the calling thread).
   */
  static start(executor: ParallelExecutor, bins: RowMajorBins, nBinsTotal: number, gp: Float64Array, rows: Uint32Array, perRow: PerRowInput, columns: Uint8Array, scratch: Uint32Array, maxLeaves: number): ParallelHistograms | null {
    const want = executor.threads - 1;
    if (want < 1) return null;
    const histLength = bins.stride * nBinsTotal * 2;
    const partials = Array.from({ length: want }, () => new Float64Array(new SharedArrayBuffer(histLength * 8)));
    const ctrl = new Int32Array(new SharedArrayBuffer((PER_HELPER + 3 * want) * 4));
    const leftCounts = new Int32Array(new SharedArrayBuffer(4 * (Math.ceil(bins.nRows / CHUNK) + 1)));
    const leafStart = new Int32Array(new SharedArrayBuffer(4 * maxLeaves));
    const leafEnd = new Int32Array(new SharedArrayBuffer(4 * maxLeaves));
    const leafValue = new Float64Array(new SharedArrayBuffer(8 * maxLeaves));
    const input: HistogramHelperInput = { ctrl, bins: bins.bins, nRows: bins.nRows, nFeatures: bins.nFeatures, stride: bins.stride, nBinsTotal, gp, rows, partials, perRow, columns, scratch, leftCounts, leafStart, leafEnd, leafValue };
    const started = executor.startHelpers(histogramHelperTask, input);
    if (started < 1) return null;
    return new ParallelHistograms(input, Math.min(started, want));
  }

  private parallelBuild(useRows: boolean, start: number, end: number, gp: Float64Array, out: Float64Array): void {
    const { ctrl, partials } = this.input;
    const bins = binsOf(this.input);
    this.begin();
    Atomics.store(ctrl, START, start);
    Atomics.store(ctrl, END, end);
    Atomics.store(ctrl, USE_ROWS, useRows ? 1 : 0);
    Atomics.store(ctrl, GP_OFFSET, (gp.byteOffset - this.input.gp.byteOffset) / 8);
    const gen = this.publish(JOB_HISTOGRAM, Math.ceil((end - start) / CHUNK));
    const t0 = performance.now();
    for (let c = this.claim(); c < Atomics.load(ctrl, N_CHUNKS); c = this.claim()) runChunk(this.input, bins, c, out);
    const t1 = performance.now();
    for (let h = 0; h < this.nHelpers; h++) {
      if (this.waitFor(h, gen) && Atomics.load(ctrl, PER_HELPER + 3 * h + 2) === gen) addHistograms(out, partials[h]);
    }
    this.builds++;
    if (this.builds > WARM_UP) {
      this.workMs += t1 - t0;
      this.waitMs += performance.now() - t1;
    }
    if (this.builds === JUDGE_AFTER && this.waitMs > this.workMs / 4) {
      // Oversubscribed machine: the calling thread alone is faster than waiting for helpers.
      this.stop();
      this.nHelpers = 0;
    }
  }

  /**
   * Partitions rows[start..end) in chunks shared with the helpers, then assembles the chunks'
   * left parts followed by their right parts, in chunk order: the same stable partition as one
   * thread's, whichever thread took which chunk.
   */
  private parallelPartition(start: number, end: number, feature: number, bin: number, missingLeft: boolean): number {
    const { ctrl, rows, scratch, leftCounts } = this.input;
    this.begin();
    Atomics.store(ctrl, START, start);
    Atomics.store(ctrl, END, end);
    Atomics.store(ctrl, SPLIT_FEATURE, feature);
    Atomics.store(ctrl, SPLIT_BIN, bin);
    Atomics.store(ctrl, SPLIT_MISSING_LEFT, missingLeft ? 1 : 0);
    const nChunks = Math.ceil((end - start) / CHUNK);
    const gen = this.publish(JOB_PARTITION, nChunks);
    for (let c = this.claim(); c < nChunks; c = this.claim()) runPartitionChunk(this.input, c);
    for (let h = 0; h < this.nHelpers; h++) this.waitFor(h, gen);
    let pos = start;
    for (let c = 0; c < nChunks; c++) {
      const s = start + c * CHUNK;
      const nLeft = leftCounts[c];
      if (pos !== s && nLeft > 0) rows.copyWithin(pos, s, s + nLeft);
      pos += nLeft;
    }
    const mid = pos;
    for (let c = 0; c < nChunks; c++) {
      const s = start + c * CHUNK;
      const e = Math.min(end, s + CHUNK);
      const nRight = e - s - leftCounts[c];
      if (nRight > 0) rows.set(scratch.subarray(s, s + nRight), pos);
      pos += nRight;
    }
    return mid;
  }

  /**
   * Adds a grown tree's leaf values to the raw predictions of the training rows (output offset
   * `rawOffset`), in row chunks shared with the helpers; false when it cannot (more leaves than
   * planned for, or no helpers): the caller then does it alone.
   */
  addLeafValues(leafNode: Int32Array, leafStart: Int32Array, leafEnd: Int32Array, value: Float64Array, rawOffset: number): boolean {
    const nLeaves = leafNode.length;
    const input = this.input;
    if (this.nHelpers === 0 || nLeaves > input.leafStart.length) return false;
    const order = Array.from({ length: nLeaves }, (_, l) => l).sort((a, b) => leafStart[a] - leafStart[b]);
    this.begin();
    for (let k = 0; k < nLeaves; k++) {
      const l = order[k];
      input.leafStart[k] = leafStart[l];
      input.leafEnd[k] = leafEnd[l];
      input.leafValue[k] = value[leafNode[l]];
    }
    const ctrl = input.ctrl;
    Atomics.store(ctrl, LEAF_COUNT, nLeaves);
    Atomics.store(ctrl, LEAF_RAW_OFFSET, rawOffset);
    const nChunks = Math.ceil(input.nRows / ROW_CHUNK);
    const gen = this.publish(JOB_LEAVES, nChunks);
    for (let c = this.claim(); c < nChunks; c = this.claim()) runLeafChunk(input, c);
    for (let h = 0; h < this.nHelpers; h++) this.waitFor(h, gen);
    return true;
  }

  /**
   * Runs a per-row pass over every training row, helpers included (or on the calling thread alone
   * once helpers are stopped): 'gradients' computes gradients, hessians and chunk statistics,
   * 'pack' writes the interleaved pairs from the scales.
   */
  perRowPass(kind: 'gradients' | 'pack', objective: Objective): void {
    const nChunks = Math.ceil(this.input.perRow.y.length / ROW_CHUNK);
    if (this.nHelpers === 0) {
      for (let c = 0; c < nChunks; c++) runPerRowChunk(kind, this.input.perRow, objective, this.input.gp, c);
      return;
    }
    this.begin();
    const gen = this.publish(kind === 'gradients' ? JOB_GRADIENTS : JOB_PACK, nChunks);
    for (let c = this.claim(); c < nChunks; c = this.claim()) runPerRowChunk(kind, this.input.perRow, objective, this.input.gp, c);
    for (let h = 0; h < this.nHelpers; h++) this.waitFor(h, gen);
  }

  /**
   * Starts a job: retags the chunk counter for the coming generation, so a helper still holding
   * an older generation can claim nothing from here on. Called before the job's parameters are
   * written.
   */
  private begin(): void {
    const ctrl = this.input.ctrl;
    const next = (Atomics.load(ctrl, GENERATION) + 1) | 0;
    Atomics.store(ctrl, NEXT_CHUNK, (next & TAG_MASK) << CHUNK_BITS);
  }

  /** The caller's claim of the next chunk of the current job. */
  private claim(): number {
    return Atomics.add(this.input.ctrl, NEXT_CHUNK, 1) & CHUNK_MASK;
  }

  /** Publishes a job of `nChunks` chunks (begun, its parameters written) and wakes the helpers. */
  private publish(kind: number, nChunks: number): number {
    const ctrl = this.input.ctrl;
    if (nChunks > MAX_CHUNKS) throw new Error(`A job of ${nChunks} chunks is more than the ${MAX_CHUNKS} the thread protocol counts.`);
    Atomics.store(ctrl, JOB_KIND, kind);
    Atomics.store(ctrl, N_CHUNKS, nChunks);
    const gen = (Atomics.add(ctrl, GENERATION, 1) + 1) | 0;
    Atomics.notify(ctrl, GENERATION);
    return gen;
  }

  /** Waits for helper h if it joined generation `gen`; true when it did. */
  private waitFor(h: number, gen: number): boolean {
    const ctrl = this.input.ctrl;
    const busy = PER_HELPER + 3 * h;
    if (Atomics.load(ctrl, busy) !== gen) return false;
    let done = Atomics.load(ctrl, busy + 1);
    while (done !== gen) {
      Atomics.wait(ctrl, busy + 1, done, 1000);
      done = Atomics.load(ctrl, busy + 1);
    }
    return true;
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
