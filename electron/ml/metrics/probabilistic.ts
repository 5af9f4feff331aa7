/**
 * Metrics of predicted probabilities: log loss (cross-entropy), the Brier score, and the
 * reliability (calibration) curve.
 *
 * Definitions follow scikit-learn 1.2 exactly and are checked against it to 1e-9:
 * - log loss clips probabilities to [eps, 1 - eps] (eps defaults to the float64 machine epsilon,
 *   scikit-learn 1.2's `eps="auto"`), renormalises each row to sum to 1, and averages
 *   -log p(true class) (`sklearn.metrics.log_loss`);
 * - Brier score = mean of (1[y = positive] - p)^2 (`brier_score_loss`);
 * - calibration curve = per-bin fraction of positives against mean predicted probability over
 *   uniform-width or quantile bins, empty bins omitted (`sklearn.calibration.calibration_curve`;
 *   bin edges computed as NumPy's linspace/percentile do, so rows on an edge fall in the same bin).
 * Brier (1950), "Verification of forecasts expressed in terms of probability", Monthly Weather
 * Review 78; Niculescu-Mizil & Caruana (2005), "Predicting good probabilities with supervised
 * learning", ICML.
 */
import { InvalidInputError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { CompensatedSum, checkFinite, checkPair, checkWeights, encodeLabels, quantileSorted, uniqueLabels, type LabelArray } from './internal.js';
import { resolvePosLabel } from './ranking.js';

/** Float64 machine epsilon, scikit-learn 1.2's default clipping of log loss. */
export const FLOAT64_EPS = 2.220446049250313e-16;

/** Options of {@link logLoss}. */
export interface LogLossOptions {
  /**
   * Labels of the probability columns, sorted ascending (default: the labels of yTrue). Pass the
   * model's classes when yTrue may lack one of them.
   */
  labels?: readonly number[];
  /** Clipping of probabilities to [eps, 1 - eps]. */
  eps?: number;
  sampleWeight?: ArrayLike<number>;
  /** false: the (weighted) sum instead of the mean. */
  normalize?: boolean;
}

/**
 * Cross-entropy of the true classes under the predicted probabilities. `proba` is an
 * nRows x K matrix whose columns follow `labels` (sorted), or, for two classes, the probability
 * of the larger label as a vector. scikit-learn: `log_loss`.
 */
export function logLoss(yTrue: LabelArray, proba: Matrix | ArrayLike<number>, options: LogLossOptions = {}): number {
  const isMatrix = isMatrixLike(proba);
  const n = yTrue.length;
  const nProba = isMatrix ? proba.nRows : proba.length;
  if (n !== nProba) throw new InvalidInputError(`proba has ${nProba} rows but yTrue has ${n}.`, 'proba');
  if (n === 0) throw new InvalidInputError('yTrue is empty: a metric needs at least one row.', 'yTrue');
  const labels = options.labels ? [...options.labels] : uniqueLabels(yTrue);
  for (let i = 1; i < labels.length; i++) {
    if (!(labels[i] > labels[i - 1])) throw new InvalidInputError('labels must be sorted ascending and distinct.', 'labels');
  }
  if (labels.length < 2) {
    throw new InvalidInputError(`yTrue holds a single label (${labels[0]}); pass the model's classes as labels to compute the log loss.`, 'labels');
  }
  const k = labels.length;
  const cols = isMatrix ? proba.nCols : 2;
  if (cols !== k) throw new InvalidInputError(`proba has ${cols} columns but there are ${k} labels.`, 'proba');
  checkFinite(isMatrix ? proba.data : proba, 'proba');
  const w = checkWeights(options.sampleWeight, n);
  const eps = options.eps ?? FLOAT64_EPS;
  const hi = 1 - eps;
  const code = encodeLabels(yTrue, labels);
  const acc = new CompensatedSum();
  const total = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const c = code[i];
    if (c < 0) throw new InvalidInputError(`yTrue has label ${yTrue[i]} at row ${i}, which is not one of the labels.`, 'yTrue');
    let pTrue: number;
    let rowSum: number;
    if (isMatrix) {
      rowSum = 0;
      pTrue = 0;
      for (let j = 0; j < k; j++) {
        const p = clip(proba.data[j * n + i], eps, hi);
        rowSum += p;
        if (j === c) pTrue = p;
      }
    } else {
      // scikit-learn clips the positive column first, then builds [1 - p, p]
      const p1 = clip(proba[i], eps, hi);
      const p0 = 1 - p1;
      rowSum = p0 + p1;
      pTrue = c === 1 ? p1 : p0;
    }
    const loss = -Math.log(pTrue / rowSum);
    const wi = w ? w[i] : 1;
    acc.add(loss * wi);
    total.add(wi);
  }
  return options.normalize === false ? acc.value() : acc.value() / total.value();
}

function clip(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function isMatrixLike(v: Matrix | ArrayLike<number>): v is Matrix {
  return typeof (v as Matrix).nCols === 'number' && (v as Matrix).data instanceof Float64Array;
}

/**
 * The positive label of a binary Brier score: given, or 1 when the labels are within {-1, 0, 1},
 * or else the larger label (scikit-learn's backward-compatible rule for numeric labels).
 */
function brierPosLabel(yTrue: LabelArray, posLabel: number | undefined): number {
  if (posLabel !== undefined) return posLabel;
  const labels = uniqueLabels(yTrue);
  if (labels.every((l) => l === -1 || l === 0 || l === 1)) return 1;
  return labels[labels.length - 1];
}

/**
 * Mean squared difference between the positive-class probability and the 0/1 outcome.
 * scikit-learn: `brier_score_loss`.
 */
export function brierScoreLoss(yTrue: LabelArray, yProb: ArrayLike<number>, options: { posLabel?: number; sampleWeight?: ArrayLike<number> } = {}): number {
  const n = checkPair(yTrue, yProb, 'yTrue', 'yProb');
  checkFinite(yProb, 'yProb');
  const labels = uniqueLabels(yTrue);
  if (labels.length > 2) throw new InvalidInputError('The Brier score here is binary; the target has more than two classes.', 'yTrue');
  checkUnitInterval(yProb, 'yProb');
  const w = checkWeights(options.sampleWeight, n);
  const pos = brierPosLabel(yTrue, options.posLabel);
  const acc = new CompensatedSum();
  const total = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const d = (yTrue[i] === pos ? 1 : 0) - yProb[i];
    const wi = w ? w[i] : 1;
    acc.add(d * d * wi);
    total.add(wi);
  }
  return acc.value() / total.value();
}

function checkUnitInterval(p: ArrayLike<number>, name: string): void {
  for (let i = 0; i < p.length; i++) {
    if (p[i] < 0 || p[i] > 1) throw new InvalidInputError(`${name} must be probabilities in [0, 1]; row ${i} has ${p[i]}.`, name);
  }
}

/** Binning of the calibration curve. */
export type CalibrationStrategy = 'uniform' | 'quantile';

/** Reliability diagram points (empty bins are left out). */
export interface CalibrationCurve {
  /** Fraction of positives per non-empty bin. */
  probTrue: Float64Array;
  /** Mean predicted probability per non-empty bin. */
  probPred: Float64Array;
  /** Rows per non-empty bin. */
  counts: Float64Array;
  /** All nBins + 1 bin edges. */
  edges: Float64Array;
}

/**
 * Calibration (reliability) curve of positive-class probabilities. scikit-learn:
 * `calibration_curve(n_bins=5, strategy="uniform")` by default; `counts` and `edges` are extra.
 */
export function calibrationCurve(
  yTrue: LabelArray,
  yProb: ArrayLike<number>,
  options: { posLabel?: number; nBins?: number; strategy?: CalibrationStrategy } = {},
): CalibrationCurve {
  const n = checkPair(yTrue, yProb, 'yTrue', 'yProb');
  checkFinite(yProb, 'yProb');
  checkUnitInterval(yProb, 'yProb');
  const labels = uniqueLabels(yTrue);
  if (labels.length > 2) throw new InvalidInputError('The calibration curve is binary; the target has more than two classes.', 'yTrue');
  const pos = resolvePosLabel(yTrue, options.posLabel);
  const isPos = new Uint8Array(n);
  for (let i = 0; i < n; i++) isPos[i] = yTrue[i] === pos ? 1 : 0;
  return calibrationFromBinary(isPos, yProb, options.nBins ?? 5, options.strategy ?? 'uniform');
}

/** {@link calibrationCurve} on validated 0/1 outcomes and probabilities in [0, 1]. */
export function calibrationFromBinary(isPositive: ArrayLike<number>, yProb: ArrayLike<number>, nBins: number, strategy: CalibrationStrategy): CalibrationCurve {
  const n = yProb.length;
  if (!Number.isInteger(nBins) || nBins < 1) throw new InvalidInputError(`nBins must be a positive integer, got ${nBins}.`, 'nBins');
  const step = 1 / nBins;
  const edges = new Float64Array(nBins + 1);
  if (strategy === 'quantile') {
    const sorted = Float64Array.from(yProb).sort();
    for (let b = 0; b <= nBins; b++) {
      const q = b === nBins ? 1 : (b * step * 100) / 100;
      edges[b] = quantileSorted(sorted, q);
    }
  } else {
    for (let b = 0; b < nBins; b++) edges[b] = b * step;
    edges[nBins] = 1;
  }
  const sums = new Float64Array(nBins + 1);
  const trues = new Float64Array(nBins + 1);
  const totals = new Float64Array(nBins + 1);
  for (let i = 0; i < n; i++) {
    // bin = number of inner edges strictly below the value (NumPy searchsorted, side "left");
    // start from the uniform guess and correct it against the actual edges
    const v = yProb[i];
    let bin = Math.min(nBins - 1, Math.max(0, Math.floor(v * nBins)));
    while (bin > 0 && !(edges[bin] < v)) bin--;
    while (bin < nBins - 1 && edges[bin + 1] < v) bin++;
    sums[bin] += v;
    trues[bin] += isPositive[i] ? 1 : 0;
    totals[bin] += 1;
  }
  const probTrue: number[] = [];
  const probPred: number[] = [];
  const counts: number[] = [];
  for (let b = 0; b <= nBins; b++) {
    if (totals[b] === 0) continue;
    probTrue.push(trues[b] / totals[b]);
    probPred.push(sums[b] / totals[b]);
    counts.push(totals[b]);
  }
  return { probTrue: Float64Array.from(probTrue), probPred: Float64Array.from(probPred), counts: Float64Array.from(counts), edges };
}
