/**
 * k-means (Lloyd, "Least squares quantization in PCM", 1982) for cluster-centroid
 * undersampling: k-means++ seeding (Arthur & Vassilvitskii, SODA 2007) when n*k is moderate,
 * otherwise k distinct random rows; then Lloyd iterations, assigning each row to its nearest
 * centroid with the exact k-d tree search, until no assignment changes or `maxIter`. An empty
 * cluster keeps its previous centroid. Seeded, so results repeat.
 */
import type { Rng } from '../../../ml/core/rng.js';
import { createMatrix, type Matrix } from '../../../ml/core/matrix.js';
import { kNearest } from '../../../ml/neighbors/nearest.js';

/** Centroids (k x d, column-major) and the cluster of each row. */
export interface KMeansResult {
  centroids: Matrix;
  labels: Int32Array;
  iterations: number;
}

function sqDist(X: Matrix, i: number, C: Matrix, c: number): number {
  let s = 0;
  for (let j = 0; j < X.nCols; j++) {
    const d = X.data[j * X.nRows + i] - C.data[j * C.nRows + c];
    s += d * d;
  }
  return s;
}

function seed(X: Matrix, k: number, rng: Rng): Matrix {
  const n = X.nRows;
  const d = X.nCols;
  const C = createMatrix(k, d);
  const setRow = (c: number, i: number): void => {
    for (let j = 0; j < d; j++) C.data[j * k + c] = X.data[j * n + i];
  };
  if (n * k > 2e7) {
    // Too costly for k-means++: k distinct random rows (partial Fisher-Yates).
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    for (let c = 0; c < k; c++) {
      const r = c + rng.int(n - c);
      const t = idx[c];
      idx[c] = idx[r];
      idx[r] = t;
      setRow(c, idx[c]);
    }
    return C;
  }
  const best = new Float64Array(n).fill(Infinity);
  setRow(0, rng.int(n));
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dd = sqDist(X, i, C, c - 1);
      if (dd < best[i]) best[i] = dd;
      total += best[i];
    }
    let pick = n - 1;
    if (total > 0) {
      let u = rng.next() * total;
      for (let i = 0; i < n; i++) {
        u -= best[i];
        if (u < 0) {
          pick = i;
          break;
        }
      }
    } else {
      pick = rng.int(n);
    }
    setRow(c, pick);
  }
  return C;
}

/** Clusters the rows of X into k groups. */
export function kMeans(X: Matrix, k: number, rng: Rng, maxIter = 30): KMeansResult {
  const n = X.nRows;
  const d = X.nCols;
  const C = seed(X, k, rng);
  const labels = new Int32Array(n).fill(-1);
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    const nn = kNearest(C, X, 1);
    let moved = 0;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== nn.indices[i]) {
        labels[i] = nn.indices[i];
        moved++;
      }
    }
    if (moved === 0) break;
    const sums = new Float64Array(k * d);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      for (let j = 0; j < d; j++) sums[j * k + c] += X.data[j * n + i];
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let j = 0; j < d; j++) C.data[j * k + c] = sums[j * k + c] / counts[c];
    }
  }
  return { centroids: C, labels, iterations };
}
