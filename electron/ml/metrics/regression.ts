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
import { CompensatedSum, argsortStable, checkFinite, checkPair, checkWeights, medianSorted, quantileSorted } from './internal.js';
import { FLOAT64_EPS } from './probabilistic.js';

/** Options of the regression metrics. */
export interface RegressionMetricOptions {
  /** Per-row weights. scikit-learn: `sample_weight`. */
  sampleWeight?: ArrayLike<number>;
}

function prepare(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions): { n: number; w?: ArrayLike<number> } {
  const n = checkPair(yTrue, yPred, 'yTrue', 'yPred');
  checkFinite(yTrue, 'yTrue');
  checkFinite(yPred, 'yPred');
  return { n, w: checkWeights(options.sampleWeight, n) };
}

function weightedMean(n: number, w: ArrayLike<number> | undefined, f: (i: number) => number): number {
  const acc = new CompensatedSum();
  const total = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    acc.add(f(i) * wi);
    total.add(wi);
  }
  return acc.value() / total.value();
}

/** Mean absolute error. scikit-learn: `mean_absolute_error`. */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  const { n, w } = prepare(yTrue, yPred, options);
  return weightedMean(n, w, (i) => Math.abs(yPred[i] - yTrue[i]));
}

/** Mean squared error. scikit-learn: `mean_squared_error`. */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  const { n, w } = prepare(yTrue, yPred, options);
  return weightedMean(n, w, (i) => {
    const d = yTrue[i] - yPred[i];
    return d * d;
  });
}

/** Root mean squared error. scikit-learn: `mean_squared_error(squared=False)`. */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred, options));
}

/** Mean absolute percentage error, as a fraction (0.1 = 10 %). scikit-learn: `mean_absolute_percentage_error`. */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  const { n, w } = prepare(yTrue, yPred, options);
  return weightedMean(n, w, (i) => Math.abs(yPred[i] - yTrue[i]) / Math.max(Math.abs(yTrue[i]), FLOAT64_EPS));
}

/** True when every value with non-zero weight is the same. */
function isConstant(y: ArrayLike<number>, w: ArrayLike<number> | undefined): boolean {
  let first: number | undefined;
  for (let i = 0; i < y.length; i++) {
    if (w && w[i] === 0) continue;
    if (first === undefined) first = y[i];
    else if (y[i] !== first) return false;
  }
  return true;
}

function assemble(numerator: number, denominator: number, forceFinite: boolean): number {
  if (!forceFinite) return 1 - numerator / denominator;
  if (numerator === 0) return 1;
  if (denominator === 0) return 0;
  return 1 - numerator / denominator;
}

/**
 * Coefficient of determination R². With `forceFinite` (default true) a constant target gives
 * 1 for perfect predictions and 0 otherwise, instead of NaN / -Infinity. scikit-learn: `r2_score`.
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions & { forceFinite?: boolean } = {}): number {
  const { n, w } = prepare(yTrue, yPred, options);
  if (n < 2) return NaN;
  const mean = weightedMean(n, w, (i) => yTrue[i]);
  const num = new CompensatedSum();
  const den = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    const r = yTrue[i] - yPred[i];
    const d = yTrue[i] - mean;
    num.add(wi * r * r);
    den.add(wi * d * d);
  }
  const denominator = isConstant(yTrue, w) ? 0 : den.value();
  return assemble(num.value(), denominator, options.forceFinite ?? true);
}

/**
 * Explained variance 1 - Var(y - ŷ) / Var(y) (ignores a constant bias, unlike R²), with the same
 * constant-target rule as {@link r2Score}. scikit-learn: `explained_variance_score`.
 */
export function explainedVarianceScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions & { forceFinite?: boolean } = {}): number {
  const { n, w } = prepare(yTrue, yPred, options);
  const diffMean = weightedMean(n, w, (i) => yTrue[i] - yPred[i]);
  const numerator = weightedMean(n, w, (i) => {
    const d = yTrue[i] - yPred[i] - diffMean;
    return d * d;
  });
  const yMean = weightedMean(n, w, (i) => yTrue[i]);
  const denominator = isConstant(yTrue, w)
    ? 0
    : weightedMean(n, w, (i) => {
        const d = yTrue[i] - yMean;
        return d * d;
      });
  // a residual that is exactly constant has zero variance; make that exact too
  const residualIsConstant = isConstantDiff(yTrue, yPred, w);
  return assemble(residualIsConstant ? 0 : numerator, denominator, options.forceFinite ?? true);
}

function isConstantDiff(a: ArrayLike<number>, b: ArrayLike<number>, w: ArrayLike<number> | undefined): boolean {
  let first: number | undefined;
  for (let i = 0; i < a.length; i++) {
    if (w && w[i] === 0) continue;
    const d = a[i] - b[i];
    if (first === undefined) first = d;
    else if (d !== first) return false;
  }
  return true;
}

/** Largest absolute error. scikit-learn: `max_error`. */
export function maxError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { n } = prepare(yTrue, yPred, {});
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(yTrue[i] - yPred[i]));
  return m;
}

/** Median absolute error (unweighted). scikit-learn: `median_absolute_error`. */
export function medianAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { n } = prepare(yTrue, yPred, {});
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) abs[i] = Math.abs(yPred[i] - yTrue[i]);
  return medianSorted(abs.sort());
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
  const { n, w } = prepare(yTrue, yPred, options);
  const res = new Float64Array(n);
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    res[i] = yTrue[i] - yPred[i];
    abs[i] = Math.abs(res[i]);
  }
  const mean = weightedMean(n, w, (i) => res[i]);
  const variance = weightedMean(n, w, (i) => (res[i] - mean) * (res[i] - mean));
  const meanAbsolute = weightedMean(n, w, (i) => abs[i]);
  const sorted = Float64Array.from(res).sort();
  abs.sort();
  const bins = options.bins ?? 30;
  if (!Number.isInteger(bins) || bins < 1) throw new InvalidInputError(`bins must be a positive integer, got ${bins}.`, 'bins');
  const lo = sorted[0];
  const hi = sorted[n - 1];
  const width = hi > lo ? (hi - lo) / bins : 1;
  const edges: number[] = [];
  for (let b = 0; b <= bins; b++) edges.push(b === bins ? (hi > lo ? hi : lo + 1) : lo + b * width);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.floor((res[i] - lo) / width));
    counts[b]++;
  }
  return {
    n,
    mean,
    std: Math.sqrt(variance),
    min: lo,
    max: hi,
    q05: quantileSorted(sorted, 0.05),
    q25: quantileSorted(sorted, 0.25),
    median: medianSorted(sorted),
    q75: quantileSorted(sorted, 0.75),
    q95: quantileSorted(sorted, 0.95),
    meanAbsolute,
    medianAbsolute: medianSorted(abs),
    histogram: { edges, counts },
  };
}

/** Indices of the `k` rows with the largest |y - ŷ|, largest first (ties by lower index). */
export function worstRegressionErrors(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): number[] {
  const { n } = prepare(yTrue, yPred, {});
  const neg = new Float64Array(n);
  for (let i = 0; i < n; i++) neg[i] = -Math.abs(yTrue[i] - yPred[i]);
  const order = argsortStable(neg);
  return Array.from(order.subarray(0, Math.min(k, n)));
}
