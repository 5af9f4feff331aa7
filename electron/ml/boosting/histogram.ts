/**
 * Gradient histograms: for each feature and bin, the sum of gradients, the sum of hessians and
 * the row count of a node's rows (LightGBM, Ke et al. 2017). A node's best split is then found by
 * scanning at most 256 bins per feature instead of sorting its rows.
 *
 * The subtraction trick: a parent's histogram is the sum of its children's, so only the smaller
 * child is built from its rows and the larger one is `parent - smaller`, which roughly halves the
 * work of every level.
 *
 * Layout: feature f's bin b at `(f * nBinsTotal + b) * 2` = [sumGradients, count + scaled
 * hessians], for every feature slot of the row-major bins (padding slots included, never read).
 * Bin codes are read four at a time as 32-bit words (one load per four features, one cache line
 * per row).
 *
 * Every row carries `1 + h_i / 2^e` (see `combineScales`): summed, the integer part is the row
 * count and the fraction the hessian sum, so one addition does the work of two (the histogram
 * loop is bound by these read-modify-writes). Gradients and packed hessians lie on power-of-two
 * grids, so every sum here is exact: the result does not depend on the order rows are added in,
 * which lets several threads build parts of one histogram and still give bit-identical models.
 */
import type { RowMajorBins } from './binning.js';

/** Values stored per bin: sum of gradients, then count + scaled hessian sum. */
export const BIN_STRIDE = 2;

/** Length of one node's histograms. */
export function histogramLength(bins: RowMajorBins, nBinsTotal: number): number {
  return bins.stride * nBinsTotal * BIN_STRIDE;
}

/**
 * Adds rows (`rows[start..end)`, or the row range start..end when `rows` is null) to `out`.
 * `gp` interleaves each row's gradient and packed count + hessian ({@link packChunk}):
 * `gp[2i]`, `gp[2i + 1]`, so a row's two values share one cache line when rows are visited out
 * of order.
 */
export function accumulateHistograms(bins: RowMajorBins, nBinsTotal: number, rows: Uint32Array | null, start: number, end: number, gp: Float64Array, out: Float64Array): void {
  const words = new Uint32Array(bins.bins.buffer, bins.bins.byteOffset, bins.bins.length >>> 2);
  const nWords = bins.stride >>> 2;
  const S = nBinsTotal * 2;
  const S4 = 4 * S;
  const end4 = nWords * S4;
  // Two copies of the loop so neither tests `rows` per row.
  if (rows) {
    for (let k = start; k < end; k++) {
      const i = rows[k];
      const g = gp[2 * i];
      const h = gp[2 * i + 1];
      let base = i * nWords;
      for (let f0 = 0; f0 < end4; f0 += S4) {
        const word = words[base++];
        let o = f0 + (word & 255) * 2;
        out[o] += g;
        out[o + 1] += h;
        o = f0 + S + ((word >>> 8) & 255) * 2;
        out[o] += g;
        out[o + 1] += h;
        o = f0 + 2 * S + ((word >>> 16) & 255) * 2;
        out[o] += g;
        out[o + 1] += h;
        o = f0 + 3 * S + (word >>> 24) * 2;
        out[o] += g;
        out[o + 1] += h;
      }
    }
    return;
  }
  for (let i = start; i < end; i++) {
    const g = gp[2 * i];
    const h = gp[2 * i + 1];
    let base = i * nWords;
    for (let f0 = 0; f0 < end4; f0 += S4) {
      const word = words[base++];
      let o = f0 + (word & 255) * 2;
      out[o] += g;
      out[o + 1] += h;
      o = f0 + S + ((word >>> 8) & 255) * 2;
      out[o] += g;
      out[o + 1] += h;
      o = f0 + 2 * S + ((word >>> 16) & 255) * 2;
      out[o] += g;
      out[o + 1] += h;
      o = f0 + 3 * S + (word >>> 24) * 2;
      out[o] += g;
      out[o + 1] += h;
    }
  }
}

/** out = parent - child, element by element (the sibling's histograms; exact, see above). */
export function subtractHistograms(parent: Float64Array, child: Float64Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = parent[i] - child[i];
}

/** out += other (merging the partial histograms of several threads; exact). */
export function addHistograms(out: Float64Array, other: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] += other[i];
}

/**
 * Rows per chunk of the per-row passes (gradients, their statistics, packing). The chunking is
 * fixed and partial results are combined in chunk order, so the result is the same whether one
 * thread runs every chunk or several threads share them.
 */
export const ROW_CHUNK = 8192;

/** Values per output in the scales array: gradient up/down, hessian up/down, hessian scale. */
export const SCALE_STRIDE = 5;

/**
 * Statistics of chunk c (rows [start, end)) of every output: `stats[(c * K + k) * 2]` = max |g|,
 * `+ 1` = sum of hessians (0 without hessians). Layout of grad/hess: `k * n + i`.
 */
export function gradientStatsChunk(grad: Float64Array, hess: Float64Array | null, n: number, K: number, start: number, end: number, stats: Float64Array, c: number): void {
  for (let k = 0; k < K; k++) {
    let max = 0;
    let total = 0;
    const off = k * n;
    for (let i = start; i < end; i++) {
      const a = Math.abs(grad[off + i]);
      if (a > max) max = a;
    }
    if (hess) for (let i = start; i < end; i++) total += hess[off + i];
    stats[(c * K + k) * 2] = max;
    stats[(c * K + k) * 2 + 1] = total;
  }
}

/**
 * Combines chunk statistics (in chunk order) into each output's packing scales.
 *
 * Gradients are rounded to a multiple of 2^-s, with s as large as possible while `n * max|g|`
 * stays below 2^52: any sum of up to n of them is then exact in float64 (the change is below 2^-52
 * of the largest possible sum, far under float32 rounding).
 *
 * Hessians are packed with the row count: `1 + round(h_i * 2^(q - e)) * 2^-q` (1 for constant
 * hessians). 2^e is at least twice the hessian total, so a sum of packed values over any set of
 * rows is `count + hessianSum / 2^e` with a fraction below 1/2, and q leaves room for the count:
 * the sums are exact, `floor(sum)` is the count and `(sum - count) * 2^e` the hessian sum (to a
 * relative 2^-q of the total per row, below float32 rounding at the sizes the engine trains on).
 * The last value of each output is that hessian scale (0 = constant hessians, use counts).
 */
export function combineScales(stats: Float64Array, nChunks: number, K: number, n: number, hasHess: boolean, scales: Float64Array): void {
  for (let k = 0; k < K; k++) {
    let max = 0;
    let total = 0;
    for (let c = 0; c < nChunks; c++) {
      max = Math.max(max, stats[(c * K + k) * 2]);
      total += stats[(c * K + k) * 2 + 1];
    }
    // Exponents are clamped so the powers of two stay finite for any input.
    const s = max > 0 ? Math.max(-1000, Math.min(1000, Math.floor(52 - Math.log2(max * n)) - 1)) : 0;
    const o = k * SCALE_STRIDE;
    scales[o] = 2 ** s;
    scales[o + 1] = 2 ** -s;
    if (hasHess && total > 0) {
      const e = Math.ceil(Math.log2(total)) + 1;
      const q = 52 - Math.ceil(Math.log2(n + 1));
      scales[o + 2] = 2 ** (q - e);
      scales[o + 3] = 2 ** -q;
      scales[o + 4] = 2 ** e;
    } else {
      scales[o + 2] = 0;
      scales[o + 3] = 0;
      scales[o + 4] = hasHess ? 1 : 0;
    }
  }
}

/**
 * Writes rows [start, end) of every output's interleaved pairs: `gp[k * 2n + 2i]` = the rounded
 * gradient, `+ 1` = the packed count + hessian (see {@link combineScales}).
 */
export function packChunk(grad: Float64Array, hess: Float64Array | null, n: number, K: number, start: number, end: number, scales: Float64Array, gp: Float64Array): void {
  for (let k = 0; k < K; k++) {
    const o = k * SCALE_STRIDE;
    const gUp = scales[o];
    const gDown = scales[o + 1];
    const hUp = scales[o + 2];
    const hDown = scales[o + 3];
    const off = k * n;
    const go = 2 * k * n;
    if (hess && hUp > 0) {
      for (let i = start; i < end; i++) {
        gp[go + 2 * i] = Math.round(grad[off + i] * gUp) * gDown;
        gp[go + 2 * i + 1] = 1 + Math.round(hess[off + i] * hUp) * hDown;
      }
    } else {
      for (let i = start; i < end; i++) {
        gp[go + 2 * i] = Math.round(grad[off + i] * gUp) * gDown;
        gp[go + 2 * i + 1] = 1;
      }
    }
  }
}
