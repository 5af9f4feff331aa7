/**
 * Score-based (ranking) metrics for binary problems and their one-vs-rest extension: the
 * cumulative true/false-positive curve, ROC curve and ROC-AUC (optionally the McClish-corrected
 * partial AUC), precision-recall curve and average precision, and the trapezoidal `auc`.
 *
 * Method (scikit-learn 1.2, `sklearn.metrics._ranking`): sort the scores once, descending and
 * stable; walk them accumulating (weighted) true and false positives; keep one point per distinct
 * score. Every curve and area is then derived from those counts without touching the rows again,
 * so a full evaluation costs one O(n) radix sort per class. Points that lie on a straight segment
 * of the ROC curve are dropped like scikit-learn's `drop_intermediate` (second differences of
 * both counts are zero). Average precision is the step-wise sum sum_n (R_n - R_{n-1}) P_n, not
 * the interpolated area (Manning, Raghavan & Schuetze, "Introduction to Information Retrieval",
 * 2008, ch. 8). Fawcett (2006), "An introduction to ROC analysis", Pattern Recognition Letters 27.
 *
 * Where scikit-learn raises because a score is undefined (ROC-AUC with one class only), these
 * functions return NaN so a report can show "not defined" instead of failing; shape and
 * argument errors still throw InvalidInputError.
 */
import { InvalidInputError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { CompensatedSum, argsortStable, checkFinite, checkPair, checkWeights, uniqueLabels, type LabelArray } from './internal.js';

/** Cumulative counts per distinct score, by decreasing score (scikit-learn's `_binary_clf_curve`). */
export interface BinaryCurve {
  /** (Weighted) false positives among rows with score >= thresholds[i]. */
  fps: Float64Array;
  /** (Weighted) true positives among rows with score >= thresholds[i]. */
  tps: Float64Array;
  /** Distinct scores, decreasing. */
  thresholds: Float64Array;
}

/** ROC curve points. */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** thresholds[0] = max score + 1 (the "predict nothing" point), then decreasing scores. */
  thresholds: Float64Array;
}

/** Precision-recall curve points (recall decreasing, last point (recall 0, precision 1)). */
export interface PrCurve {
  precision: Float64Array;
  recall: Float64Array;
  /** Increasing scores; one fewer than the points. */
  thresholds: Float64Array;
}

/** Options of the binary score metrics. */
export interface BinaryScoreOptions {
  /**
   * The positive class. Default 1, allowed only when the labels are within {-1, 0, 1}
   * (scikit-learn's rule); any other labels need it.
   */
  posLabel?: number;
  /** Per-row weights; rows of weight 0 are dropped first, as scikit-learn does. */
  sampleWeight?: ArrayLike<number>;
}

/** Resolves the positive label like scikit-learn's `_check_pos_label_consistency`. */
export function resolvePosLabel(yTrue: LabelArray, posLabel: number | undefined): number {
  if (posLabel !== undefined) return posLabel;
  const labels = uniqueLabels(yTrue);
  if (labels.every((l) => l === -1 || l === 0 || l === 1)) return 1;
  throw new InvalidInputError(`The labels are ${labels.join(', ')}: say which one is the positive class (posLabel).`, 'posLabel');
}

/** `yTrue == posLabel` as 0/1 bytes. */
export function binarize(yTrue: LabelArray, posLabel: number): Uint8Array {
  const out = new Uint8Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) out[i] = yTrue[i] === posLabel ? 1 : 0;
  return out;
}

/**
 * The core walk: rows sorted by decreasing score, one point per distinct score.
 * `isPositive` is 0/1 per row; zero-weight rows must already be absent (or weights undefined).
 */
export function curveFromBinary(isPositive: ArrayLike<number>, scores: ArrayLike<number>, weights?: ArrayLike<number>): BinaryCurve {
  const n = scores.length;
  const order = argsortStable(scores);
  // gather once in descending order (NumPy reverses an ascending stable sort, so ties are
  // visited from the highest index down), then walk sequentially
  const s = new Float64Array(n);
  const pos = new Uint8Array(n);
  const w = weights ? new Float64Array(n) : undefined;
  for (let k = 0; k < n; k++) {
    const i = order[n - 1 - k];
    s[k] = scores[i];
    pos[k] = isPositive[i] ? 1 : 0;
    if (w && weights) w[k] = weights[i];
  }
  const fps = new Float64Array(n);
  const tps = new Float64Array(n);
  const thr = new Float64Array(n);
  let m = 0;
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < n; k++) {
    if (w) {
      if (pos[k]) tp += w[k];
      else fp += w[k];
    } else tp += pos[k];
    if (k === n - 1 || s[k + 1] !== s[k]) {
      tps[m] = tp;
      // unweighted fps as scikit-learn computes them: (rows so far) - tps, exact in integers
      fps[m] = w ? fp : k + 1 - tp;
      thr[m] = s[k];
      m++;
    }
  }
  return { fps: fps.slice(0, m), tps: tps.slice(0, m), thresholds: thr.slice(0, m) };
}

/** Drops zero-weight rows (scikit-learn does this before building any curve). */
function dropZeroWeights(isPositive: Uint8Array, scores: ArrayLike<number>, weights: ArrayLike<number> | undefined): { pos: Uint8Array; scores: ArrayLike<number>; weights?: ArrayLike<number> } {
  if (!weights) return { pos: isPositive, scores };
  let zeros = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i] === 0) zeros++;
  if (zeros === 0) return { pos: isPositive, scores, weights };
  const m = weights.length - zeros;
  const p = new Uint8Array(m);
  const s = new Float64Array(m);
  const w = new Float64Array(m);
  let j = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] === 0) continue;
    p[j] = isPositive[i];
    s[j] = scores[i];
    w[j] = weights[i];
    j++;
  }
  return { pos: p, scores: s, weights: w };
}

function prepareBinary(yTrue: LabelArray, yScore: ArrayLike<number>, options: BinaryScoreOptions): { pos: Uint8Array; scores: ArrayLike<number>; weights?: ArrayLike<number> } {
  const n = checkPair(yTrue, yScore, 'yTrue', 'yScore');
  checkFinite(yScore, 'yScore');
  const w = checkWeights(options.sampleWeight, n);
  const pos = binarize(yTrue, resolvePosLabel(yTrue, options.posLabel));
  return dropZeroWeights(pos, yScore, w);
}

/**
 * Cumulative (weighted) false and true positives at each distinct score, by decreasing score.
 * scikit-learn: `_binary_clf_curve`.
 */
export function binaryClassificationCurve(yTrue: LabelArray, yScore: ArrayLike<number>, options: BinaryScoreOptions = {}): BinaryCurve {
  const p = prepareBinary(yTrue, yScore, options);
  return curveFromBinary(p.pos, p.scores, p.weights);
}

/** ROC points from a {@link BinaryCurve}. */
export function rocFromCurve(curve: BinaryCurve, dropIntermediate = true): RocCurve {
  const F = curve.fps;
  const T = curve.tps;
  const H = curve.thresholds;
  const m = F.length;
  // indices of the points kept, then one extra leading point (0, 0)
  const keep = new Int32Array(m);
  let kept = 0;
  if (dropIntermediate && m > 2) {
    keep[kept++] = 0;
    for (let i = 1; i < m - 1; i++) {
      // NumPy's np.diff(x, 2) = (x[i+1] - x[i]) - (x[i] - x[i-1]), evaluated in that order
      const d2f = F[i + 1] - F[i] - (F[i] - F[i - 1]);
      const d2t = T[i + 1] - T[i] - (T[i] - T[i - 1]);
      if (d2f !== 0 || d2t !== 0) keep[kept++] = i;
    }
    keep[kept++] = m - 1;
  } else {
    for (let i = 0; i < m; i++) keep[kept++] = i;
  }
  const k = kept + 1;
  const fpr = new Float64Array(k);
  const tpr = new Float64Array(k);
  const thr = new Float64Array(k);
  const lastF = m > 0 ? F[m - 1] : 0;
  const lastT = m > 0 ? T[m - 1] : 0;
  thr[0] = m > 0 ? H[0] + 1 : 1;
  fpr[0] = lastF > 0 ? 0 : NaN;
  tpr[0] = lastT > 0 ? 0 : NaN;
  for (let j = 1; j < k; j++) {
    const i = keep[j - 1];
    fpr[j] = lastF > 0 ? F[i] / lastF : NaN;
    tpr[j] = lastT > 0 ? T[i] / lastT : NaN;
    thr[j] = H[i];
  }
  return { fpr, tpr, thresholds: thr };
}

/** ROC curve. scikit-learn: `roc_curve` (thresholds[0] = max score + 1, as in 1.2). */
export function rocCurve(yTrue: LabelArray, yScore: ArrayLike<number>, options: BinaryScoreOptions & { dropIntermediate?: boolean } = {}): RocCurve {
  return rocFromCurve(binaryClassificationCurve(yTrue, yScore, options), options.dropIntermediate ?? true);
}

/**
 * Area under a curve by the trapezoidal rule; `x` must be monotonic (either direction).
 * scikit-learn: `auc`.
 */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new InvalidInputError(`x has ${x.length} points but y has ${y.length}.`, 'y');
  if (x.length < 2) throw new InvalidInputError(`At least 2 points are needed to compute an area, got ${x.length}.`, 'x');
  let isDecreasing = false;
  let isIncreasingOnly = true;
  for (let i = 1; i < x.length; i++) {
    if (x[i] < x[i - 1]) isIncreasingOnly = false;
  }
  if (!isIncreasingOnly) {
    isDecreasing = true;
    for (let i = 1; i < x.length; i++) if (x[i] > x[i - 1]) isDecreasing = false;
    if (!isDecreasing) throw new InvalidInputError('x is neither increasing nor decreasing.', 'x');
  }
  const acc = new CompensatedSum();
  for (let i = 1; i < x.length; i++) acc.add(((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2);
  const area = acc.value();
  return isDecreasing ? -area : area;
}

/** ROC-AUC of a {@link BinaryCurve}; NaN when only one class is present. */
export function rocAucFromCurve(curve: BinaryCurve, maxFpr?: number): number {
  const m = curve.fps.length;
  if (m === 0 || !(curve.fps[m - 1] > 0) || !(curve.tps[m - 1] > 0)) return NaN;
  const roc = rocFromCurve(curve, true);
  if (maxFpr === undefined || maxFpr === 1) return auc(roc.fpr, roc.tpr);
  if (!(maxFpr > 0 && maxFpr <= 1)) throw new InvalidInputError(`maxFpr must be in (0, 1], got ${maxFpr}.`, 'maxFpr');
  // add the point at maxFpr by linear interpolation, integrate up to it, then McClish-correct
  const { fpr, tpr } = roc;
  let stop = 0;
  while (stop < fpr.length && fpr[stop] <= maxFpr) stop++;
  const x0 = fpr[stop - 1];
  const x1 = fpr[stop];
  const y0 = tpr[stop - 1];
  const y1 = tpr[stop];
  const slope = (y1 - y0) / (x1 - x0);
  let yAt = slope * (maxFpr - x0) + y0;
  if (Number.isNaN(yAt)) yAt = slope * (maxFpr - x1) + y1;
  const xs = Float64Array.from([...fpr.subarray(0, stop), maxFpr]);
  const ys = Float64Array.from([...tpr.subarray(0, stop), yAt]);
  const partial = auc(xs, ys);
  const minArea = 0.5 * maxFpr ** 2;
  const maxArea = maxFpr;
  return 0.5 * (1 + (partial - minArea) / (maxArea - minArea));
}

/**
 * Binary ROC-AUC. The positive class defaults to the larger label of `yTrue` (scikit-learn's
 * `roc_auc_score` binarises with the sorted labels). `maxFpr` gives the standardised partial AUC.
 * Returns NaN when `yTrue` holds a single class.
 */
export function rocAucScore(yTrue: LabelArray, yScore: ArrayLike<number>, options: BinaryScoreOptions & { maxFpr?: number } = {}): number {
  const labels = uniqueLabels(yTrue);
  if (labels.length > 2) throw new InvalidInputError('rocAucScore is binary; use rocAucOvr for more than two classes.', 'yTrue');
  if (labels.length < 2) {
    checkPair(yTrue, yScore, 'yTrue', 'yScore');
    return NaN;
  }
  const curve = binaryClassificationCurve(yTrue, yScore, { ...options, posLabel: options.posLabel ?? labels[1] });
  return rocAucFromCurve(curve, options.maxFpr);
}

/** Precision-recall points from a {@link BinaryCurve}. */
export function prFromCurve(curve: BinaryCurve): PrCurve {
  const { fps, tps, thresholds } = curve;
  const m = fps.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thr = new Float64Array(m);
  const total = m > 0 ? tps[m - 1] : 0;
  for (let i = 0; i < m; i++) {
    const r = m - 1 - i;
    const ps = tps[r] + fps[r];
    precision[i] = ps !== 0 ? tps[r] / ps : 0;
    // with no positive rows scikit-learn sets recall to 1 everywhere
    recall[i] = total === 0 ? 1 : tps[r] / total;
    thr[i] = thresholds[r];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: thr };
}

/** Precision-recall curve. scikit-learn: `precision_recall_curve`. */
export function precisionRecallCurve(yTrue: LabelArray, yScore: ArrayLike<number>, options: BinaryScoreOptions = {}): PrCurve {
  return prFromCurve(binaryClassificationCurve(yTrue, yScore, options));
}

/** Average precision of a {@link BinaryCurve} (step-wise, not interpolated). */
export function averagePrecisionFromCurve(curve: BinaryCurve): number {
  const { precision, recall } = prFromCurve(curve);
  const acc = new CompensatedSum();
  for (let i = 0; i + 1 < recall.length; i++) acc.add((recall[i + 1] - recall[i]) * precision[i]);
  return -acc.value();
}

/** Average precision (area under the PR step curve). scikit-learn: `average_precision_score`. */
export function averagePrecisionScore(yTrue: LabelArray, yScore: ArrayLike<number>, options: BinaryScoreOptions = {}): number {
  const labels = uniqueLabels(yTrue);
  const pos = options.posLabel ?? 1;
  if (labels.length > 2) throw new InvalidInputError('averagePrecisionScore is binary; use averagePrecisionOvr for more classes.', 'yTrue');
  if (labels.length === 2 && !labels.includes(pos)) {
    throw new InvalidInputError(`posLabel ${pos} is not one of the labels ${labels.join(', ')}.`, 'posLabel');
  }
  return averagePrecisionFromCurve(binaryClassificationCurve(yTrue, yScore, { ...options, posLabel: pos }));
}

/** Averaging of one-vs-rest scores: per-class mean, prevalence-weighted mean, or pooled (micro). */
export type OvrAverage = 'macro' | 'weighted' | 'micro';

/** Options of the one-vs-rest scores. */
export interface OvrOptions {
  /** Default 'macro'. */
  average?: OvrAverage;
  sampleWeight?: ArrayLike<number>;
}

function checkProba(yTrue: LabelArray, proba: Matrix, classes: readonly number[]): void {
  if (proba.nRows !== yTrue.length) throw new InvalidInputError(`proba has ${proba.nRows} rows but yTrue has ${yTrue.length}.`, 'proba');
  if (proba.nCols !== classes.length) {
    throw new InvalidInputError(`proba has ${proba.nCols} columns but there are ${classes.length} classes.`, 'classes');
  }
  if (yTrue.length === 0) throw new InvalidInputError('yTrue is empty: a metric needs at least one row.', 'yTrue');
  checkFinite(proba.data, 'proba');
  const known = new Set(classes);
  for (let i = 0; i < yTrue.length; i++) {
    if (!known.has(yTrue[i])) throw new InvalidInputError(`yTrue has label ${yTrue[i]} at row ${i}, which is not one of the classes.`, 'yTrue');
  }
}

type BinaryMetric = (curve: BinaryCurve) => number;

function ovrScores(metric: BinaryMetric, yTrue: LabelArray, proba: Matrix, classes: readonly number[], options: OvrOptions): { perClass: Float64Array; weights: Float64Array } {
  const n = yTrue.length;
  const w = checkWeights(options.sampleWeight, n);
  const k = classes.length;
  const perClass = new Float64Array(k);
  const weights = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const pos = binarize(yTrue, classes[c]);
    for (let i = 0; i < n; i++) if (pos[i]) weights[c] += w ? w[i] : 1;
    const col = proba.data.subarray(c * n, (c + 1) * n);
    const p = dropZeroWeights(pos, col, w);
    perClass[c] = metric(curveFromBinary(p.pos, p.scores, p.weights));
  }
  return { perClass, weights };
}

function ovrAverage(metric: BinaryMetric, yTrue: LabelArray, proba: Matrix, classes: readonly number[], options: OvrOptions): number {
  const average = options.average ?? 'macro';
  const n = yTrue.length;
  const k = classes.length;
  if (average === 'micro') {
    // pool every (row, class) pair, row-major like NumPy's ravel of the indicator matrix
    const w = checkWeights(options.sampleWeight, n);
    const pos = new Uint8Array(n * k);
    const scores = new Float64Array(n * k);
    const ww = w ? new Float64Array(n * k) : undefined;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        pos[i * k + c] = yTrue[i] === classes[c] ? 1 : 0;
        scores[i * k + c] = proba.data[c * n + i];
        if (ww && w) ww[i * k + c] = w[i];
      }
    }
    const p = dropZeroWeights(pos, scores, ww);
    return metric(curveFromBinary(p.pos, p.scores, p.weights));
  }
  const { perClass, weights } = ovrScores(metric, yTrue, proba, classes, options);
  if (average === 'macro') {
    let s = 0;
    for (let c = 0; c < k; c++) s += perClass[c];
    return s / k;
  }
  let total = 0;
  for (let c = 0; c < k; c++) total += weights[c];
  if (Math.abs(total) <= 1e-8) return 0;
  let s = 0;
  // classes of zero weight count as 0, so a NaN score there cannot poison the mean
  for (let c = 0; c < k; c++) s += weights[c] === 0 ? 0 : perClass[c] * weights[c];
  return s / total;
}

/** True when every row of `proba` sums to 1 within NumPy's `allclose` tolerance (rtol 1e-5, atol 1e-8). */
export function rowsSumToOne(proba: Matrix): boolean {
  return firstRowNotSummingToOne(proba) < 0;
}

function firstRowNotSummingToOne(proba: Matrix): number {
  const n = proba.nRows;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < proba.nCols; c++) s += proba.data[c * n + i];
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) return i;
  }
  return -1;
}

function checkRowsSumToOne(proba: Matrix): void {
  const i = firstRowNotSummingToOne(proba);
  if (i < 0) return;
  let s = 0;
  for (let c = 0; c < proba.nCols; c++) s += proba.data[c * proba.nRows + i];
  throw new InvalidInputError(`Row ${i} of proba sums to ${s}; one-vs-rest ROC-AUC needs probabilities that sum to 1.`, 'proba');
}

/**
 * One-vs-rest ROC-AUC for a multiclass problem; `proba` columns follow `classes`. Every class
 * must occur in `yTrue` (otherwise NaN: its AUC is undefined). scikit-learn:
 * `roc_auc_score(multi_class="ovr", labels=classes)`.
 */
export function rocAucOvr(yTrue: LabelArray, proba: Matrix, classes: readonly number[], options: OvrOptions = {}): number {
  checkProba(yTrue, proba, classes);
  checkRowsSumToOne(proba);
  const present = new Set(uniqueLabels(yTrue));
  if (classes.some((c) => !present.has(c))) return NaN;
  return ovrAverage((c) => rocAucFromCurve(c), yTrue, proba, classes, options);
}

/** ROC-AUC of each class against the rest, in `classes` order (NaN for a class that is absent or alone). */
export function rocAucPerClass(yTrue: LabelArray, proba: Matrix, classes: readonly number[], options: Omit<OvrOptions, 'average'> = {}): number[] {
  checkProba(yTrue, proba, classes);
  return [...ovrScores((c) => rocAucFromCurve(c), yTrue, proba, classes, options).perClass];
}

/**
 * One-vs-rest average precision (scikit-learn 1.2 computes it on the label-binarised target:
 * `average_precision_score(label_binarize(y, classes), proba, average=...)`).
 */
export function averagePrecisionOvr(yTrue: LabelArray, proba: Matrix, classes: readonly number[], options: OvrOptions = {}): number {
  checkProba(yTrue, proba, classes);
  return ovrAverage(averagePrecisionFromCurve, yTrue, proba, classes, options);
}

/** Average precision of each class against the rest, in `classes` order. */
export function averagePrecisionPerClass(yTrue: LabelArray, proba: Matrix, classes: readonly number[], options: Omit<OvrOptions, 'average'> = {}): number[] {
  checkProba(yTrue, proba, classes);
  return [...ovrScores(averagePrecisionFromCurve, yTrue, proba, classes, options).perClass];
}
