/**
 * Small dense linear algebra for the linear models, over row-major square Float64Arrays:
 * weighted Gram matrices of column-major data, Cholesky factorisation and solves (Golub & Van Loan,
 * "Matrix Computations", 4th ed., §4.2), and the cyclic Jacobi eigenvalue method for symmetric
 * matrices (ibid. §8.5) used for minimum-norm least squares on rank-deficient designs.
 */
import type { Matrix } from '../core/matrix.js';
import { addColumnDots } from './kernels.js';

/** Weighted column means of X (weights may be omitted = 1). */
export function weightedColumnMeans(X: Matrix, w: Float64Array | undefined, sw: number): Float64Array {
  const n = X.nRows;
  const means = new Float64Array(X.nCols);
  for (let j = 0; j < X.nCols; j++) {
    const off = j * n;
    let s = 0;
    if (w) for (let i = 0; i < n; i++) s += w[i] * X.data[off + i];
    else for (let i = 0; i < n; i++) s += X.data[off + i];
    means[j] = s / sw;
  }
  return means;
}

/**
 * G = Xcᵀ W Xc (p x p, row-major) and b = Xcᵀ W (y - yMean), where Xc is X with `means` subtracted.
 * Centring inside the loops avoids copying X.
 */
export function centeredGram(X: Matrix, y: ArrayLike<number>, w: Float64Array | undefined, means: Float64Array, yMean: number): { G: Float64Array; b: Float64Array } {
  const n = X.nRows;
  const p = X.nCols;
  const G = new Float64Array(p * p);
  const b = new Float64Array(p);
  const cj = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const offJ = j * n;
    const mj = means[j];
    // cj = w * (x_j - m_j), reused against every column k <= j:
    // sum_i cj_i (x_k,i - m_k) = (sum_i cj_i x_k,i) - m_k sum_i cj_i, the first term by the 4-column kernel.
    let sumC = 0;
    if (w) {
      for (let i = 0; i < n; i++) {
        const v = w[i] * (X.data[offJ + i] - mj);
        cj[i] = v;
        sumC += v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = X.data[offJ + i] - mj;
        cj[i] = v;
        sumC += v;
      }
    }
    addColumnDots(X.data, n, 0, n, j + 1, cj, 0, G, j * p, 1);
    for (let k = 0; k <= j; k++) {
      const v = G[j * p + k] - means[k] * sumC;
      G[j * p + k] = v;
      G[k * p + j] = v;
    }
    let sb = 0;
    for (let i = 0; i < n; i++) sb += cj[i] * (y[i] - yMean);
    b[j] = sb;
  }
  return { G, b };
}

/** In-place Cholesky A = L Lᵀ (lower triangle of A receives L). Returns false if A is not positive definite. */
export function cholesky(A: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let d = A[j * p + j];
    for (let k = 0; k < j; k++) d -= A[j * p + k] * A[j * p + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    A[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = A[i * p + j];
      for (let k = 0; k < j; k++) s -= A[i * p + k] * A[j * p + k];
      A[i * p + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b with the factor from {@link cholesky}; returns x. */
export function choleskySolve(L: Float64Array, p: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * x[k];
    x[i] = s / L[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
    x[i] = s / L[i * p + i];
  }
  return x;
}

/**
 * Eigen-decomposition of a symmetric p x p matrix by cyclic Jacobi rotations. Returns eigenvalues
 * and the eigenvectors as the columns of V (row-major). Accurate to working precision; O(p³) per sweep.
 */
export function symmetricEigen(S: Float64Array, p: number, maxSweeps = 100): { values: Float64Array; V: Float64Array } {
  const A = Float64Array.from(S);
  const V = new Float64Array(p * p);
  for (let i = 0; i < p; i++) V[i * p + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < p; i++) {
      diag += A[i * p + i] * A[i * p + i];
      for (let j = i + 1; j < p; j++) off += A[i * p + j] * A[i * p + j];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let pI = 0; pI < p - 1; pI++) {
      for (let q = pI + 1; q < p; q++) {
        const apq = A[pI * p + q];
        if (apq === 0) continue;
        const app = A[pI * p + pI];
        const aqq = A[q * p + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const akp = A[k * p + pI];
          const akq = A[k * p + q];
          A[k * p + pI] = c * akp - s * akq;
          A[k * p + q] = s * akp + c * akq;
        }
        for (let k = 0; k < p; k++) {
          const apk = A[pI * p + k];
          const aqk = A[q * p + k];
          A[pI * p + k] = c * apk - s * aqk;
          A[q * p + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < p; k++) {
          const vkp = V[k * p + pI];
          const vkq = V[k * p + q];
          V[k * p + pI] = c * vkp - s * vkq;
          V[k * p + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(p);
  for (let i = 0; i < p; i++) values[i] = A[i * p + i];
  return { values, V };
}

/**
 * Minimum-norm solution of G x = b for symmetric positive semi-definite G (a pseudo-inverse that
 * drops eigenvalues below `rcond` times the largest), as least squares on a rank-deficient design needs.
 */
export function pseudoSolve(G: Float64Array, p: number, b: Float64Array, rcond: number): Float64Array {
  const { values, V } = symmetricEigen(G, p);
  let max = 0;
  for (let i = 0; i < p; i++) if (values[i] > max) max = values[i];
  const cutoff = rcond * max;
  const x = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    if (!(values[k] > cutoff)) continue;
    let proj = 0;
    for (let i = 0; i < p; i++) proj += V[i * p + k] * b[i];
    proj /= values[k];
    for (let i = 0; i < p; i++) x[i] += proj * V[i * p + k];
  }
  return x;
}
