/**
 * Association between two categorical variables: the contingency table, Pearson's chi-square
 * test of independence (no continuity correction), Cramér's V = sqrt(χ² / (n (min(r, c) - 1)))
 * (SciPy 1.10: `scipy.stats.contingency.association(method="cramer")`), optionally with
 * Bergsma's bias correction, and their mutual information in nats (scikit-learn's
 * `mutual_info_score`). Codes are non-negative integers (dictionary codes); -1 marks a missing
 * value and drops the row.
 * Cramér (1946), "Mathematical Methods of Statistics"; Bergsma (2013), "A bias-correction for
 * Cramér's V and Tschuprow's T", J. Korean Stat. Soc. 42.
 */
import { InvalidInputError } from '../core/errors.js';
import { chiSquareSurvival } from './special.js';

/** A contingency table of two code vectors (rows: levels of `a`, columns: levels of `b`). */
export interface Contingency {
  /** Row-major counts, nA x nB, with empty rows/columns removed. */
  counts: Float64Array;
  nA: number;
  nB: number;
  /** Rows used (pairs without a missing code). */
  n: number;
}

/** Counts of (a, b) code pairs; levels that never occur are dropped. */
export function contingencyTable(a: ArrayLike<number>, b: ArrayLike<number>): Contingency {
  if (a.length !== b.length) throw new InvalidInputError(`a has ${a.length} values but b has ${b.length}.`, 'b');
  let maxA = -1;
  let maxB = -1;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isInteger(a[i]) || !Number.isInteger(b[i])) throw new InvalidInputError(`Category codes must be integers (row ${i}).`, 'a');
    if (a[i] > maxA) maxA = a[i];
    if (b[i] > maxB) maxB = b[i];
  }
  const mapA = new Int32Array(maxA + 1).fill(-1);
  const mapB = new Int32Array(maxB + 1).fill(-1);
  for (let i = 0; i < a.length; i++) {
    if (a[i] < 0 || b[i] < 0) continue;
    mapA[a[i]] = 0;
    mapB[b[i]] = 0;
  }
  let nA = 0;
  let nB = 0;
  for (let v = 0; v <= maxA; v++) if (mapA[v] === 0) mapA[v] = nA++;
  for (let v = 0; v <= maxB; v++) if (mapB[v] === 0) mapB[v] = nB++;
  const counts = new Float64Array(nA * nB);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < 0 || b[i] < 0) continue;
    counts[mapA[a[i]] * nB + mapB[b[i]]]++;
    n++;
  }
  return { counts, nA, nB, n };
}

/** Chi-square test of independence (no continuity correction). */
export interface ChiSquare {
  statistic: number;
  pValue: number;
  dof: number;
}

/** Pearson's chi-square test on a contingency table (SciPy: `chi2_contingency(correction=False)`). */
export function chiSquareTest(t: Contingency): ChiSquare {
  const { counts, nA, nB, n } = t;
  const rowSum = new Float64Array(nA);
  const colSum = new Float64Array(nB);
  for (let i = 0; i < nA; i++) for (let j = 0; j < nB; j++) {
    rowSum[i] += counts[i * nB + j];
    colSum[j] += counts[i * nB + j];
  }
  let stat = 0;
  for (let i = 0; i < nA; i++) for (let j = 0; j < nB; j++) {
    const e = (rowSum[i] * colSum[j]) / n;
    const d = counts[i * nB + j] - e;
    stat += (d * d) / e;
  }
  const dof = (nA - 1) * (nB - 1);
  return { statistic: stat, pValue: dof > 0 ? chiSquareSurvival(stat, dof) : 1, dof };
}

/**
 * Cramér's V in [0, 1] (0: independent, 1: one determines the other). NaN when either variable
 * has a single level. `biasCorrected` applies Bergsma's correction, better for small samples.
 */
export function cramersV(a: ArrayLike<number>, b: ArrayLike<number>, options: { biasCorrected?: boolean } = {}): number {
  const t = contingencyTable(a, b);
  if (t.nA < 2 || t.nB < 2) return NaN;
  const chi2 = chiSquareTest(t).statistic;
  const phi2 = chi2 / t.n;
  if (!options.biasCorrected) return Math.sqrt(phi2 / Math.min(t.nA - 1, t.nB - 1));
  const n = t.n;
  const phi2c = Math.max(0, phi2 - ((t.nA - 1) * (t.nB - 1)) / (n - 1));
  const r = t.nA - ((t.nA - 1) * (t.nA - 1)) / (n - 1);
  const c = t.nB - ((t.nB - 1) * (t.nB - 1)) / (n - 1);
  const d = Math.min(r - 1, c - 1);
  return d > 0 ? Math.sqrt(phi2c / d) : NaN;
}

/** Mutual information (nats) of two discrete variables. scikit-learn: `mutual_info_score`. */
export function mutualInfoDiscrete(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const t = contingencyTable(a, b);
  if (t.nA === 1 || t.nB === 1 || t.n === 0) return 0;
  const { counts, nA, nB, n } = t;
  const pi = new Float64Array(nA);
  const pj = new Float64Array(nB);
  for (let i = 0; i < nA; i++) for (let j = 0; j < nB; j++) {
    pi[i] += counts[i * nB + j];
    pj[j] += counts[i * nB + j];
  }
  const logN = Math.log(n);
  let mi = 0;
  for (let i = 0; i < nA; i++) for (let j = 0; j < nB; j++) {
    const c = counts[i * nB + j];
    if (c === 0) continue;
    // scikit-learn's arrangement: c/n (log c - log n) + c/n (log n + log n - log(pi pj))
    const cn = c / n;
    let term = cn * (Math.log(c) - logN) + cn * (-Math.log(pi[i] * pj[j]) + logN + logN);
    if (Math.abs(term) < 2.220446049250313e-16) term = 0;
    mi += term;
  }
  return Math.max(0, mi);
}
