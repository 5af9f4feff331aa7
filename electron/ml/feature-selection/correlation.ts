/**
 * Correlation of a feature with the target: Pearson's r and Spearman's ρ (Pearson's r of the
 * ranks, ties given their average rank), with two-sided p-values as SciPy 1.10 computes them
 * (`pearsonr`: the exact distribution of r under independence, a Beta(n/2 - 1, n/2 - 1) on
 * [-1, 1]; `spearmanr`: Student's t with n - 2 degrees of freedom). Constant inputs give NaN
 * (the correlation is undefined), as in SciPy.
 * Pearson (1895), Proc. R. Soc. Lond. 58; Spearman (1904), Am. J. Psychol. 15.
 */
import { InvalidInputError } from '../core/errors.js';
import { argsortStable, checkFinite } from '../metrics/internal.js';
import { incompleteBeta, studentTTwoSided } from './special.js';

/** A correlation and its two-sided p-value. */
export interface Correlation {
  r: number;
  pValue: number;
  n: number;
}

function checkPairs(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new InvalidInputError(`x has ${x.length} values but y has ${y.length}.`, 'y');
  if (x.length < 2) throw new InvalidInputError('A correlation needs at least two rows.', 'x');
  checkFinite(x, 'x');
  checkFinite(y, 'y');
  return x.length;
}

function pearsonR(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  const r = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
  return Math.max(-1, Math.min(1, r));
}

/** Pearson's r with SciPy's exact p-value. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  const n = checkPairs(x, y);
  const r = pearsonR(x, y);
  if (n === 2) return { r, pValue: Number.isNaN(r) ? NaN : 1, n };
  if (Number.isNaN(r)) return { r, pValue: NaN, n };
  const ab = n / 2 - 1;
  const a = Math.abs(r);
  const pValue = Math.min(1, 2 * incompleteBeta(ab, ab, (1 - a) / 2, (1 + a) / 2).p);
  return { r, pValue, n };
}

/** Ranks 1..n with ties given their average rank (SciPy: `rankdata(method="average")`). */
export function rankData(values: ArrayLike<number>): Float64Array {
  checkFinite(values, 'values');
  const n = values.length;
  const order = argsortStable(values);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = avg;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's ρ with SciPy's t-distribution p-value. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  const n = checkPairs(x, y);
  const r = pearsonR(rankData(x), rankData(y));
  if (Number.isNaN(r)) return { r, pValue: NaN, n };
  const df = n - 2;
  if (df <= 0) return { r, pValue: NaN, n };
  const t = r * Math.sqrt(Math.max(0, df / ((r + 1) * (1 - r))));
  return { r, pValue: studentTTwoSided(t, df), n };
}
