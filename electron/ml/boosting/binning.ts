/**
 * Feature binning for histogram-based trees: each feature's values are mapped to at most
 * `maxBins` ordered bins (uint8 codes), plus one extra bin for missing values (NaN).
 *
 * Method (as LightGBM, Ke et al. 2017, and scikit-learn's HistGradientBoosting): thresholds are
 * the midpoints between consecutive distinct values when a feature has at most `maxBins` of them
 * (so binning is lossless), otherwise the `maxBins - 1` quantiles at k / maxBins (numpy's
 * "midpoint" percentile rule, reproduced bit for bit so thresholds equal scikit-learn's on the same
 * data). Thresholds are learned on at most `subsample` rows. A value x goes to the first bin b
 * with x <= threshold[b]; so "bin <= b" is exactly "x <= threshold[b]", which lets a tree trained
 * on bins predict on raw values.
 *
 * Mapping values to bins uses a small lookup table over equal-width buckets of the threshold
 * range followed by a short search, instead of a full binary search per value (branchy and slow).
 * Features are independent, so with a parallel executor and X in shared memory each thread bins
 * its own features straight into the shared output.
 */
import type { Matrix } from '../core/matrix.js';
import type { ParallelExecutor, ParallelTask } from '../core/parallel.js';
import type { Rng } from '../core/rng.js';

/** Largest threshold kept (+Infinity is reserved for "all values left, missing right" splits). */
const ALMOST_INF = 1e300;

/** Learned bin edges of every feature. */
export interface BinMapper {
  /** Non-missing bins per feature at most (<= 255); the missing-value bin has index `maxBins`. */
  readonly maxBins: number;
  /** Per feature, the sorted thresholds (length nBinsNonMissing - 1). */
  readonly thresholds: readonly Float64Array[];
  /** Per feature, the number of non-missing bins actually used. */
  readonly nBinsNonMissing: Int32Array;
  /** Per feature, 1 when the rows the mapper was fitted on had a missing value. */
  readonly hasMissing: Uint8Array;
}

/** Rows of a matrix to use: all of them, or a sorted subset. */
export type RowSubset = Uint32Array | null;

/** Bin codes of n rows: row i's feature f at `bins[i * rowStep + f * featureStep]`. */
export interface BinLayout {
  bins: Uint8Array;
  rowStep: number;
  featureStep: number;
}

/** Bin codes stored row by row: row i's feature f at `bins[i * stride + f]`. */
export interface RowMajorBins {
  bins: Uint8Array;
  nRows: number;
  nFeatures: number;
  /** Bytes per row: nFeatures rounded up to a multiple of 4 (so a row is whole 32-bit words). */
  stride: number;
}

/** Thresholds of one feature from its non-missing values (sorted in place). */
export function featureThresholds(values: Float64Array, maxBins: number): Float64Array {
  values.sort();
  const n = values.length;
  if (n === 0) return new Float64Array(0);
  let distinct = 1;
  for (let i = 1; i < n; i++) if (values[i] !== values[i - 1]) distinct++;
  let out: Float64Array;
  if (distinct <= maxBins) {
    out = new Float64Array(distinct - 1);
    let prev = values[0];
    let o = 0;
    for (let i = 1; i < n; i++) {
      const v = values[i];
      if (v !== prev) {
        out[o++] = (prev + v) * 0.5;
        prev = v;
      }
    }
  } else {
    // numpy.percentile(values, linspace(0, 100, maxBins + 1)[1:-1], method='midpoint').
    out = new Float64Array(maxBins - 1);
    const step = 100 / maxBins;
    for (let k = 1; k < maxBins; k++) {
      const q = (k * step) / 100;
      const pos = (n - 1) * q;
      const virtual = 0.5 * (Math.floor(pos) + Math.ceil(pos));
      let prev = Math.floor(virtual);
      let next = prev + 1;
      if (virtual >= n - 1) {
        prev = n - 1;
        next = n - 1;
      }
      const gamma = virtual % 1 === 0 ? 0 : 0.5;
      const a = values[prev];
      const b = values[next];
      const diff = b - a;
      out[k - 1] = gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }
  }
  for (let i = 0; i < out.length; i++) if (out[i] > ALMOST_INF) out[i] = ALMOST_INF;
  return out;
}

const LUT_SIZE = 1024;

/** Fast value -> bin lookup for one feature's thresholds. */
class BinLookup {
  private readonly lut: Int32Array;
  private readonly lo: number;
  private readonly scale: number;

  constructor(private readonly t: Float64Array) {
    const nt = t.length;
    this.lo = nt > 0 ? t[0] : 0;
    const span = nt > 0 ? t[nt - 1] - t[0] : 0;
    this.scale = span > 0 && Number.isFinite(span) ? LUT_SIZE / span : 0;
    this.lut = new Int32Array(LUT_SIZE + 1);
    if (this.scale > 0) {
      // lut[k] = first bin whose threshold is >= the start of bucket k.
      let i = 0;
      for (let k = 0; k <= LUT_SIZE; k++) {
        const start = this.lo + k / this.scale;
        while (i < nt && t[i] < start) i++;
        this.lut[k] = i;
      }
    }
  }

  /** Bin of a non-NaN value. */
  bin(v: number): number {
    const t = this.t;
    const nt = t.length;
    if (nt === 0 || v <= t[0]) return 0;
    if (v > t[nt - 1]) return nt;
    let lo: number;
    let hi: number;
    if (this.scale > 0) {
      let k = Math.floor((v - this.lo) * this.scale);
      if (k >= LUT_SIZE) k = LUT_SIZE - 1;
      // One bucket of slack on each side absorbs rounding in the bucket computation.
      lo = k > 0 ? this.lut[k - 1] : 0;
      hi = k + 2 <= LUT_SIZE ? this.lut[k + 2] : nt;
      if (hi > nt - 1) hi = nt - 1;
    } else {
      lo = 0;
      hi = nt - 1;
    }
    // First index in [lo, hi] with v <= t[index] (t[nt - 1] >= v holds).
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v <= t[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Thresholds and codes of feature j: thresholds from `sample` rows, codes for `rows` (or all). */
function binFeature(X: Matrix, j: number, maxBins: number, sample: RowSubset, rows: RowSubset, out: BinLayout): { thresholds: Float64Array; hasMissing: boolean } {
  const off = j * X.nRows;
  const data = X.data;
  const m = sample ? sample.length : X.nRows;
  const buf = new Float64Array(m);
  let count = 0;
  for (let k = 0; k < m; k++) {
    const v = data[off + (sample ? sample[k] : k)];
    if (v === v) buf[count++] = v;
  }
  const thresholds = featureThresholds(buf.subarray(0, count), maxBins);
  const look = new BinLookup(thresholds);
  const n = rows ? rows.length : X.nRows;
  const bins = out.bins;
  const rs = out.rowStep;
  const base = j * out.featureStep;
  let hasMissing = false;
  for (let k = 0; k < n; k++) {
    const v = data[off + (rows ? rows[k] : k)];
    if (v !== v) {
      hasMissing = true;
      bins[base + k * rs] = maxBins;
    } else bins[base + k * rs] = look.bin(v);
  }
  return { thresholds, hasMissing };
}

/** Input of the parallel binning task (arrays in shared memory). */
export interface BinTaskInput {
  X: Matrix;
  maxBins: number;
  sample: RowSubset;
  rows: RowSubset;
  out: BinLayout;
}

/** Bins one feature (index = feature) into the shared output. */
export const binFeatureTask: ParallelTask<BinTaskInput, { thresholds: Float64Array; hasMissing: boolean }> = {
  name: 'boosting.bin-feature',
  run(input, j) {
    return binFeature(input.X, j, input.maxBins, input.sample, input.rows, input.out);
  },
};

function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
}

/**
 * Learns bins on X's `rows` (all rows when null; thresholds from at most `subsample` of them,
 * drawn with `rng`) and writes the codes of those rows into `out` (row i = i-th of `rows`).
 * Runs features in parallel when `executor` has threads and X and `out` are in shared memory.
 */
export function fitAndBin(X: Matrix, maxBins: number, rows: RowSubset, subsample: number, rng: Rng, out: BinLayout, executor: ParallelExecutor | null): BinMapper {
  const n = rows ? rows.length : X.nRows;
  let sample: RowSubset = rows;
  if (n > subsample) {
    // Partial Fisher-Yates over the candidate rows, then sorted for sequential reads.
    const pool = new Uint32Array(n);
    for (let k = 0; k < n; k++) pool[k] = rows ? rows[k] : k;
    for (let k = 0; k < subsample; k++) {
      const j = k + rng.int(n - k);
      const t = pool[k];
      pool[k] = pool[j];
      pool[j] = t;
    }
    sample = pool.slice(0, subsample).sort();
  }
  const d = X.nCols;
  let results: { thresholds: Float64Array; hasMissing: boolean }[];
  if (executor && executor.threads > 1 && d > 1 && isShared(X.data) && isShared(out.bins)) {
    const share = (a: RowSubset): RowSubset => {
      if (!a) return null;
      const s = new Uint32Array(new SharedArrayBuffer(a.length * 4));
      s.set(a);
      return s;
    };
    const sharedRows = share(rows);
    results = executor.map(binFeatureTask, { X, maxBins, sample: sample === rows ? sharedRows : share(sample), rows: sharedRows, out }, d);
  } else {
    results = [];
    for (let j = 0; j < d; j++) results.push(binFeature(X, j, maxBins, sample, rows, out));
  }
  const thresholds = results.map((r) => r.thresholds);
  const nBinsNonMissing = Int32Array.from(thresholds, (t) => t.length + 1);
  const hasMissing = Uint8Array.from(results, (r) => (r.hasMissing ? 1 : 0));
  return { maxBins, thresholds, nBinsNonMissing, hasMissing };
}

/** Applies a fitted mapper to `X` (or its `rows`), writing codes into `out`. */
export function applyBins(X: Matrix, mapper: BinMapper, rows: RowSubset, out: BinLayout): void {
  const n = rows ? rows.length : X.nRows;
  for (let j = 0; j < X.nCols; j++) {
    const look = new BinLookup(mapper.thresholds[j]);
    const off = j * X.nRows;
    const base = j * out.featureStep;
    for (let k = 0; k < n; k++) {
      const v = X.data[off + (rows ? rows[k] : k)];
      out.bins[base + k * out.rowStep] = v !== v ? mapper.maxBins : look.bin(v);
    }
  }
}

/** Row-major output for n rows of d features (padded to whole 32-bit words). */
export function rowMajorLayout(n: number, d: number, alloc: (bytes: number) => ArrayBuffer | SharedArrayBuffer): RowMajorBins & BinLayout {
  const stride = (d + 3) & ~3;
  return { bins: new Uint8Array(alloc(n * stride)), nRows: n, nFeatures: d, stride, rowStep: stride, featureStep: 1 };
}

/** Column-major output for n rows of d features. */
export function columnMajorLayout(n: number, d: number, alloc: (bytes: number) => ArrayBuffer | SharedArrayBuffer): BinLayout {
  return { bins: new Uint8Array(alloc(n * d)), rowStep: 1, featureStep: n };
}
