/**
 * k-nearest-neighbour search by squared Euclidean distance, the primitive under KNN models,
 * the nearest-neighbour imputer and SMOTE. This first version is an exact brute-force search;
 * it may be replaced by a faster exact method behind the same signature.
 */
import type { Matrix } from '../core/matrix.js';
import { InvalidInputError } from '../core/errors.js';

/** Result of {@link kNearest}: row-major nQueries x k, nearest first. */
export interface NeighborResult {
  k: number;
  /** indices[q * k + r] = row of `reference` that is the r-th nearest to query q. */
  indices: Int32Array;
  /** Squared Euclidean distances, same layout. */
  distances: Float64Array;
}

/** Options of {@link kNearest}. */
export interface NearestOptions {
  /**
   * When queries are the reference rows themselves (same matrix), skip each row's own index.
   * Query q is then reference row q.
   */
  excludeSelf?: boolean;
}

/**
 * The `k` nearest rows of `reference` to each row of `queries` (both column-major, same columns,
 * no NaN). Ties are broken by the lower row index, so results are deterministic.
 */
export function kNearest(reference: Matrix, queries: Matrix, k: number, options: NearestOptions = {}): NeighborResult {
  if (reference.nCols !== queries.nCols) {
    throw new InvalidInputError(`Queries have ${queries.nCols} columns, the reference has ${reference.nCols}.`);
  }
  const available = reference.nRows - (options.excludeSelf ? 1 : 0);
  if (!Number.isInteger(k) || k < 1 || k > available) {
    throw new InvalidInputError(`k must be between 1 and ${available}, got ${k}.`, 'k');
  }
  const nR = reference.nRows;
  const nQ = queries.nRows;
  const d = reference.nCols;
  const indices = new Int32Array(nQ * k);
  const distances = new Float64Array(nQ * k);
  const dist = new Float64Array(nR);
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  for (let q = 0; q < nQ; q++) {
    dist.fill(0);
    for (let j = 0; j < d; j++) {
      const qv = queries.data[j * nQ + q];
      const off = j * nR;
      for (let r = 0; r < nR; r++) {
        const diff = reference.data[off + r] - qv;
        dist[r] += diff * diff;
      }
    }
    // Keep a sorted list of the k best (insertion; k is small).
    let filled = 0;
    for (let r = 0; r < nR; r++) {
      if (options.excludeSelf && r === q) continue;
      const v = dist[r];
      if (filled === k && v >= bestD[k - 1]) continue;
      let pos = filled < k ? filled++ : k - 1;
      while (pos > 0 && bestD[pos - 1] > v) {
        bestD[pos] = bestD[pos - 1];
        bestI[pos] = bestI[pos - 1];
        pos--;
      }
      bestD[pos] = v;
      bestI[pos] = r;
    }
    indices.set(bestI, q * k);
    distances.set(bestD, q * k);
  }
  return { k, indices, distances };
}
