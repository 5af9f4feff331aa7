/**
 * Regression metrics: MAE, MSE, RMSE, R² (coefficient of determination), MAPE, explained
 * variance, max error, median absolute error, and a residual summary for the Evaluate step.
 *
 * Definitions follow scikit-learn 1.2 (`sklearn.metrics._regression`), checked against it to
 * 1e-9 (relative) in test/fixtures/sklearn-metrics:
 * - R² = 1 - SS_res / SS_tot with scikit-learn's `force_finite` rule for a constant target:
 *   perfect predictions score 1, imperfect ones 0 (with `forceFinite: false`, NaN and -Infinity).
 *   A target is treated as constant when all its (non-zero-weight) values are equal, tested
 *   directly rather than through a floating-point SS_tot that may come out as 1e-30;
 * - MAPE = mean(|y - ŷ| / max(|y|, eps)) with eps = float64 epsilon, so a zero target gives a
 *   huge but finite value, as in scikit-learn;
 * - R² needs two rows (NaN otherwise, as scikit-learn; explained variance has no such rule).
 * Means use compensated sums (see internal.ts). Reference: Hyndman & Koehler (2006), "Another
 * look at measures of forecast accuracy", International Journal of Forecasting 22(4).
 */
import { InvalidInputError } from '../core/errors.js';
import { CompensatedSum, argsortStable, checkFinite, checkPair, checkWeights, medianInPlace, medianSorted, quantileSorted } from './internal.js';
import { FLOAT64_EPS } from './probabilistic.js';

/** Options of the regression metrics. */
export interface RegressionMetricOptions {
  /** Per-row weights. scikit-learn: `sample_weight`. */
  sampleWeight?: ArrayLike<number>;
}

/** Validated regression input. */
interface Checked {
  yTrue: ArrayLike<number>;
  yPred: ArrayLike<number>;
  w?: ArrayLike<number>;
  n: number;
}

function prepare(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions): Checked {
  const n = checkPair(yTrue, yPred, 'yTrue', 'yPred');
  checkFinite(yTrue, 'yTrue');
  checkFinite(yPred, 'yPred');
  return { yTrue, yPred, n, w: checkWeights(options.sampleWeight, n) };
}

/** The kinds of per-row terms the weighted means below average. */
const enum Term {
  Abs,
  Squared,
  Percentage,
  True,
  Residual,
}

function mean(c: Checked, term: Term, shift = 0): number {
  const { yTrue, yPred, w, n } = c;
  const acc = new CompensatedSum();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    let v: number;
    switch (term) {
      case Term.Abs:
        v = Math.abs(p - t);
        break;
      case Term.Squared:
        v = (t - p) * (t - p);
        break;
      case Term.Percentage:
        v = Math.abs(p - t) / Math.max(Math.abs(t), FLOAT64_EPS);
        break;
      case Term.True:
        v = (t - shift) * (t - shift);
        break;
      default:
        v = (t - p - shift) * (t - p - shift);
    }
    const wi = w ? w[i] : 1;
    acc.add(v * wi);
    total += wi;
  }
  return acc.value() / total;
}

function weightedMeanOf(values: ArrayLike<number>, w: ArrayLike<number> | undefined, n: number, sign = 1, other?: ArrayLike<number>): number {
  const acc = new CompensatedSum();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    acc.add((other ? values[i] - other[i] : sign * values[i]) * wi);
    total += wi;
  }
  return acc.value() / total;
}

/** Mean absolute error. scikit-learn: `mean_absolute_error`. */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  return mean(prepare(yTrue, yPred, options), Term.Abs);
}

/** Mean squared error. scikit-learn: `mean_squared_error`. */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  return mean(prepare(yTrue, yPred, options), Term.Squared);
}

/** Root mean squared error. scikit-learn: `mean_squared_error(squared=False)`. */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred, options));
}

/** Mean absolute percentage error, as a fraction (0.1 = 10 %). scikit-learn: `mean_absolute_percentage_error`. */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  return mean(prepare(yTrue, yPred, options), Term.Percentage);
}

/** True when every value (or difference a - b) with non-zero weight is the same. */
function isConstant(a: ArrayLike<number>, w: ArrayLike<number> | undefined, b?: ArrayLike<number>): boolean {
  let first: number | undefined;
  for (let i = 0; i < a.length; i++) {
    if (w && w[i] === 0) continue;
    const v = b ? a[i] - b[i] : a[i];
    if (first === undefined) first = v;
    else if (v !== first) return false;
  }
  return true;
}

function assemble(numerator: number, denominator: number, forceFinite: boolean): number {
  if (!forceFinite) return 1 - numerator / denominator;
  if (numerator === 0) return 1;
  if (denominator === 0) return 0;
  return 1 - numerator / denominator;
}

function r2Of(c: Checked, forceFinite: boolean): number {
  if (c.n < 2) return NaN;
  const { yTrue, yPred, w, n } = c;
  const m = weightedMeanOf(yTrue, w, n);
  const num = new CompensatedSum();
  const den = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    const r = yTrue[i] - yPred[i];
    const d = yTrue[i] - m;
    num.add(wi * r * r);
    den.add(wi * d * d);
  }
  const denominator = isConstant(yTrue, w) ? 0 : den.value();
  return assemble(num.value(), denominator, forceFinite);
}

/**
 * Coefficient of determination R². With `forceFinite` (default true) a constant target gives
 * 1 for perfect predictions and 0 otherwise, instead of NaN / -Infinity. scikit-learn: `r2_score`.
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions & { forceFinite?: boolean } = {}): number {
  return r2Of(prepare(yTrue, yPred, options), options.forceFinite ?? true);
}

function explainedVarianceOf(c: Checked, forceFinite: boolean): number {
  const { yTrue, yPred, w, n } = c;
  const diffMean = weightedMeanOf(yTrue, w, n, 1, yPred);
  // a residual that is exactly constant has zero variance; a constant target too
  const numerator = isConstant(yTrue, w, yPred) ? 0 : mean(c, Term.Residual, diffMean);
  const denominator = isConstant(yTrue, w) ? 0 : mean(c, Term.True, weightedMeanOf(yTrue, w, n));
  return assemble(numerator, denominator, forceFinite);
}

/**
 * Explained variance 1 - Var(y - ŷ) / Var(y) (ignores a constant bias, unlike R²), with the same
 * constant-target rule as {@link r2Score}. scikit-learn: `explained_variance_score`.
 */
export function explainedVarianceScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions & { forceFinite?: boolean } = {}): number {
  return explainedVarianceOf(prepare(yTrue, yPred, options), options.forceFinite ?? true);
}

function maxErrorOf(c: Checked): number {
  let m = 0;
  for (let i = 0; i < c.n; i++) m = Math.max(m, Math.abs(c.yTrue[i] - c.yPred[i]));
  return m;
}

/** Largest absolute error. scikit-learn: `max_error`. */
export function maxError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return maxErrorOf(prepare(yTrue, yPred, {}));
}

function absErrors(c: Checked): Float64Array {
  const abs = new Float64Array(c.n);
  for (let i = 0; i < c.n; i++) abs[i] = Math.abs(c.yPred[i] - c.yTrue[i]);
  return abs;
}

/**
 * Weighted median as scikit-learn's `_weighted_percentile(·, 50)`: the smallest value whose
 * cumulative weight (values ascending) reaches half the total.
 */
function weightedMedian(values: Float64Array, w: ArrayLike<number>): number {
  const order = argsortStable(values);
  const n = values.length;
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += w[order[k]];
    cdf[k] = acc;
  }
  let half = 0.5 * acc;
  if (half === 0) half = Number.MIN_VALUE;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] < half) lo = mid + 1;
    else hi = mid;
  }
  return values[order[Math.min(lo, n - 1)]];
}

function medianAbsoluteErrorOf(c: Checked): number {
  const abs = absErrors(c);
  return c.w ? weightedMedian(abs, c.w) : medianInPlace(abs);
}

/**
 * Median absolute error; with weights, the weighted (lower) median as scikit-learn computes it.
 * scikit-learn: `median_absolute_error`.
 */
export function medianAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  return medianAbsoluteErrorOf(prepare(yTrue, yPred, options));
}

/** Every regression metric at once, validating the input once (used by the evaluation report). */
export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): Record<'mae' | 'mse' | 'rmse' | 'r2' | 'mape' | 'explained_variance' | 'max_error' | 'median_absolute_error', number> {
  const c = prepare(yTrue, yPred, options);
  const mse = mean(c, Term.Squared);
  return {
    mae: mean(c, Term.Abs),
    mse,
    rmse: Math.sqrt(mse),
    r2: r2Of(c, true),
    mape: mean(c, Term.Percentage),
    explained_variance: explainedVarianceOf(c, true),
    max_error: maxErrorOf(c),
    median_absolute_error: medianAbsoluteErrorOf(c),
  };
}

/** Distribution of the residuals y - ŷ, for the Evaluate step's residual panel. */
export interface ResidualSummary {
  n: number;
  /** Weighted mean residual (the bias: positive = under-prediction). */
  mean: number;
  /** Weighted standard deviation (population, ddof = 0). */
  std: number;
  min: number;
  max: number;
  /** Unweighted quantiles of the residuals (linear interpolation, as NumPy). */
  q05: number;
  q25: number;
  median: number;
  q75: number;
  q95: number;
  /** Mean |residual| and its median. */
  meanAbsolute: number;
  medianAbsolute: number;
  /** Histogram of the residuals: `edges` has bins + 1 values, `counts` bins. */
  histogram: { edges: number[]; counts: number[] };
}

/** Summary statistics and a histogram of the residuals y - ŷ. */
export function residualSummary(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions & { bins?: number } = {}): ResidualSummary {
  const c = prepare(yTrue, yPred, options);
  const { n, w } = c;
  const bins = options.bins ?? 30;
  if (!Number.isInteger(bins) || bins < 1) throw new InvalidInputError(`bins must be a positive integer, got ${bins}.`, 'bins');
  const res = new Float64Array(n);
  for (let i = 0; i < n; i++) res[i] = yTrue[i] - yPred[i];
  const mean = weightedMeanOf(res, w, n);
  const varAcc = new CompensatedSum();
  const absAcc = new CompensatedSum();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    varAcc.add((res[i] - mean) * (res[i] - mean) * wi);
    absAcc.add(Math.abs(res[i]) * wi);
    total += wi;
  }
  const sorted = Float64Array.from(res).sort();
  const lo = sorted[0];
  const hi = sorted[n - 1];
  const width = hi > lo ? (hi - lo) / bins : 1;
  const edges: number[] = [];
  for (let b = 0; b <= bins; b++) edges.push(b === bins ? (hi > lo ? hi : lo + 1) : lo + b * width);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) counts[Math.min(bins - 1, Math.floor((sorted[i] - lo) / width))]++;
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) abs[i] = Math.abs(res[i]);
  return {
    n,
    mean,
    std: Math.sqrt(varAcc.value() / total),
    min: lo,
    max: hi,
    q05: quantileSorted(sorted, 0.05),
    q25: quantileSorted(sorted, 0.25),
    median: medianSorted(sorted),
    q75: quantileSorted(sorted, 0.75),
    q95: quantileSorted(sorted, 0.95),
    meanAbsolute: absAcc.value() / total,
    medianAbsolute: medianInPlace(abs),
    histogram: { edges, counts },
  };
}

/** Indices of the `k` rows with the largest |y - ŷ|, largest first (ties by lower index). */
export function worstRegressionErrors(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): number[] {
  const c = prepare(yTrue, yPred, {});
  const m = Math.max(0, Math.min(k, c.n));
  // a sorted buffer of the m worst so far: O(n) for the usual small m
  const err = new Float64Array(m);
  const row = new Int32Array(m);
  let filled = 0;
  for (let i = 0; i < c.n; i++) {
    const e = Math.abs(yTrue[i] - yPred[i]);
    if (filled === m && (m === 0 || e <= err[m - 1])) continue;
    let pos = filled < m ? filled++ : m - 1;
    while (pos > 0 && err[pos - 1] < e) {
      err[pos] = err[pos - 1];
      row[pos] = row[pos - 1];
      pos--;
    }
    err[pos] = e;
    row[pos] = i;
  }
  return Array.from(row.subarray(0, filled));
}
