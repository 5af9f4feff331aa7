/**
 * Shared building blocks of the metric code: input checks, label encoding, compensated sums and
 * a stable argsort of doubles. Exported for the sibling modules of `electron/ml` (model
 * selection, feature selection, inspection); not part of the user-facing metric API.
 *
 * Sums use Neumaier's compensated summation (Neumaier 1974, "Rundungsfehleranalyse einiger
 * Verfahren zur Summation endlicher Summen"), whose error does not grow with n, so our means
 * agree with NumPy's pairwise sums to well under 1e-12 relative on any realistic input.
 *
 * The argsort is a least-significant-digit radix sort on the IEEE-754 bits (16-bit digits,
 * passes whose digit is constant are skipped). It is stable, so rows with equal scores keep
 * their index order, which is what NumPy's `argsort(kind="mergesort")` gives and what
 * scikit-learn's curve code relies on.
 */
import { InvalidInputError } from '../core/errors.js';

/** Label vectors: class labels as numbers (the pipeline maps strings to codes). */
export type LabelArray = ArrayLike<number>;

/** Neumaier-compensated running sum. */
export class CompensatedSum {
  private s = 0;
  private c = 0;

  /** Adds `v`. */
  add(v: number): void {
    const t = this.s + v;
    if (Math.abs(this.s) >= Math.abs(v)) this.c += this.s - t + v;
    else this.c += v - t + this.s;
    this.s = t;
  }

  /** The current total. */
  value(): number {
    return this.s + this.c;
  }
}

/** Compensated sum of an array. */
export function sumOf(values: ArrayLike<number>): number {
  const acc = new CompensatedSum();
  for (let i = 0; i < values.length; i++) acc.add(values[i]);
  return acc.value();
}

/** Throws unless `a` and `b` have the same length and are not empty. */
export function checkPair(a: ArrayLike<number>, b: ArrayLike<number>, nameA: string, nameB: string): number {
  if (a.length !== b.length) {
    throw new InvalidInputError(`${nameA} has ${a.length} values but ${nameB} has ${b.length}.`, nameB);
  }
  if (a.length === 0) throw new InvalidInputError(`${nameA} is empty: a metric needs at least one row.`, nameA);
  return a.length;
}

/** Throws unless every value is finite (labels and scores may not be NaN or infinite). */
export function checkFinite(values: ArrayLike<number>, name: string): void {
  if (values instanceof Float64Array) {
    // fast path: one multiply-and-compare per value; the detailed loop below only on failure
    let acc = 0;
    for (let i = 0; i < values.length; i++) acc += values[i] * 0;
    if (acc === 0) return;
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new InvalidInputError(`${name} has a ${Number.isNaN(values[i]) ? 'missing (NaN)' : 'infinite'} value at row ${i}.`, name);
    }
  }
}

/**
 * Validates optional sample weights: length n, finite, non-negative, positive total.
 * Returns them unchanged (or undefined).
 */
export function checkWeights(weights: ArrayLike<number> | undefined, n: number): ArrayLike<number> | undefined {
  if (weights === undefined) return undefined;
  if (weights.length !== n) {
    throw new InvalidInputError(`sampleWeight has ${weights.length} values, expected ${n}.`, 'sampleWeight');
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0) {
      throw new InvalidInputError(`sampleWeight must be finite and non-negative; row ${i} has ${w}.`, 'sampleWeight');
    }
    total += w;
  }
  if (!(total > 0)) throw new InvalidInputError('sampleWeight sums to zero.', 'sampleWeight');
  return weights;
}

/** Sorted distinct values of the given label arrays (like `np.unique` of their union). */
export function uniqueLabels(...arrays: LabelArray[]): number[] {
  // Fast path for the usual class codes (small non-negative integers): a presence table.
  const TABLE = 4096;
  const present = new Uint8Array(TABLE);
  let isSmall = true;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v >= 0 && v < TABLE && (v | 0) === v) present[v] = 1;
      else {
        isSmall = false;
        break;
      }
    }
    if (!isSmall) break;
  }
  if (isSmall) {
    const out: number[] = [];
    for (let v = 0; v < TABLE; v++) if (present[v]) out.push(v);
    return out;
  }
  const seen = new Set<number>();
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v)) throw new InvalidInputError(`Labels must be finite numbers; found ${v} at row ${i}.`, 'y');
      // -0 and 0 are the same label
      seen.add(v === 0 ? 0 : v);
    }
  }
  return [...seen].sort((x, y) => x - y);
}

/**
 * Maps each label of `y` to its index in `labels`; labels not in the list map to -1.
 * Small non-negative integer labels (the usual class codes) take a table lookup instead of a Map.
 */
export function encodeLabels(y: LabelArray, labels: readonly number[]): Int32Array {
  const n = y.length;
  const out = new Int32Array(n);
  let maxLabel = -1;
  let isSmallInts = true;
  for (const l of labels) {
    if (!Number.isInteger(l) || l < 0 || l > 65535) {
      isSmallInts = false;
      break;
    }
    if (l > maxLabel) maxLabel = l;
  }
  if (isSmallInts) {
    const table = new Int32Array(maxLabel + 1).fill(-1);
    for (let k = 0; k < labels.length; k++) table[labels[k]] = k;
    for (let i = 0; i < n; i++) {
      const v = y[i];
      out[i] = v >= 0 && v <= maxLabel && Number.isInteger(v) ? table[v] : -1;
    }
    return out;
  }
  const index = new Map<number, number>();
  labels.forEach((l, k) => index.set(l, k));
  for (let i = 0; i < n; i++) {
    const v = y[i];
    out[i] = index.get(v === 0 ? 0 : v) ?? -1;
  }
  return out;
}

const SMALL_SORT = 256;

/**
 * Indices that sort `values` ascending, stable (ties keep index order). `values` must not hold
 * NaN. -0 and +0 are treated as equal. Large inputs take an LSD radix sort in 16-bit digits
 * (four passes at most; a pass whose digit is the same for every key is skipped).
 */
export function argsortStable(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n < 2) return idx;
  if (n <= SMALL_SORT) {
    // insertion sort: stable, and cheaper than the radix passes for short inputs
    for (let i = 1; i < n; i++) {
      const cur = idx[i];
      const v = values[cur];
      let j = i - 1;
      while (j >= 0 && values[idx[j]] > v) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = cur;
    }
    return idx;
  }
  // Order-preserving 64-bit keys as two u32 halves: flip all bits of negatives, the sign bit of the rest.
  const f = new Float64Array(n);
  if (values instanceof Float64Array) f.set(values);
  else for (let i = 0; i < n; i++) f[i] = values[i];
  const u = new Uint32Array(f.buffer);
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let l = u[2 * i];
    let h = u[2 * i + 1];
    if (h === 0x80000000 && l === 0) h = 0; // -0 sorts with +0
    if (h & 0x80000000) {
      l = ~l;
      h = ~h;
    } else {
      h |= 0x80000000;
    }
    lo[i] = l;
    hi[i] = h;
  }
  let src = idx;
  let dst = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i] >>> shift) & 0xffff]++;
    if (count[(key[0] >>> shift) & 0xffff] === n) continue; // every key has this digit
    let total = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d];
      count[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const r = src[i];
      dst[count[(key[r] >>> shift) & 0xffff]++] = r;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/**
 * The k-th smallest value (0-based) of `a`, reordering `a` in place (Hoare's quickselect with
 * median-of-three pivots; expected O(n)).
 */
export function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // median of three as pivot
    let x = a[lo];
    let y = a[mid];
    let z = a[hi];
    if (x > y) [x, y] = [y, x];
    if (y > z) [y, z] = [z, y];
    if (x > y) [x, y] = [y, x];
    const pivot = y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Median of `a` (mean of the two middle values for even n, like `np.median`); reorders `a`. */
export function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  const upper = selectKth(a, h);
  if (n % 2 === 1) return upper;
  // the largest value below position h sits in a[0..h)
  let lower = -Infinity;
  for (let i = 0; i < h; i++) if (a[i] > lower) lower = a[i];
  return (lower + upper) / 2;
}

/** Converts NaN and ±Infinity to null so a value survives JSON. */
export function jsonNumber(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** A typed array as a plain JSON-safe array (non-finite values become null). */
export function jsonArray(a: ArrayLike<number>): (number | null)[] {
  const out: (number | null)[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Number.isFinite(a[i]) ? a[i] : null;
  return out;
}

/**
 * Linear-interpolation quantile of an ascending-sorted array, exactly as NumPy's default
 * `np.quantile(method="linear")` computes it: virtual index (n - 1) q, and the two-sided lerp
 * that NumPy uses to stay monotone (a + (b - a) t below t = 0.5, b - (b - a)(1 - t) above).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const vi = (n - 1) * q;
  if (vi >= n - 1) return sorted[n - 1];
  if (vi < 0) return sorted[0];
  const prev = Math.floor(vi);
  const t = vi - prev;
  const a = sorted[prev];
  const b = sorted[prev + 1];
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** Median of an ascending-sorted array (mean of the two middle values for even n, like `np.median`). */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
}
