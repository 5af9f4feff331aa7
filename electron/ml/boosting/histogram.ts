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
 * Every row carries `1 + h_i / 2^e` (see `packGradientPairs`): summed, the integer part is the row
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
 * `gp` interleaves each row's gradient and packed count + hessian ({@link packGradientPairs}):
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
 * Writes the interleaved pairs `gp[2i]`, `gp[2i + 1]` for n rows and returns the hessian scale 2^e
 * (0 for constant hessians, `hess` null).
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
 */
export function packGradientPairs(grad: Float64Array, hess: Float64Array | null, n: number, gp: Float64Array): number {
  let max = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(grad[i]);
    if (a > max) max = a;
    if (hess) total += hess[i];
  }
  // Exponents are clamped so the powers of two stay finite for any input.
  const s = max > 0 ? Math.max(-1000, Math.min(1000, Math.floor(52 - Math.log2(max * n)) - 1)) : 0;
  const gUp = 2 ** s;
  const gDown = 2 ** -s;
  if (!hess || !(total > 0)) {
    for (let i = 0; i < n; i++) {
      gp[2 * i] = Math.round(grad[i] * gUp) * gDown;
      gp[2 * i + 1] = 1;
    }
    return hess ? 1 : 0;
  }
  const e = Math.ceil(Math.log2(total)) + 1;
  const q = 52 - Math.ceil(Math.log2(n + 1));
  const hUp = 2 ** (q - e);
  const hDown = 2 ** -q;
  for (let i = 0; i < n; i++) {
    gp[2 * i] = Math.round(grad[i] * gUp) * gDown;
    gp[2 * i + 1] = 1 + Math.round(hess[i] * hUp) * hDown;
  }
  return 2 ** e;
}
