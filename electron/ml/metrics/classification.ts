/**
 * Label-based classification metrics: accuracy, balanced accuracy, confusion matrix and
 * precision / recall / F-beta (per class, micro, macro, weighted and binary averages).
 *
 * Definitions follow scikit-learn 1.2 (`sklearn.metrics._classification`) exactly, including
 * its edge cases, and are checked against its outputs in test/fixtures/sklearn-metrics to 1e-9:
 * - labels default to the sorted union of the labels in `yTrue` and `yPred`;
 * - `zeroDivision` is the value a precision or recall takes when its denominator is zero
 *   (scikit-learn's default "warn" behaves as 0, which is our default); an F-score whose
 *   precision and recall are both 0 is 0;
 * - `weighted` averages by support (weighted by sample weights when given); when every
 *   support is zero the result follows scikit-learn's special case;
 * - balanced accuracy is the mean recall over the classes that occur in `yTrue`.
 * Reference: Sokolova & Lapalme (2009), "A systematic analysis of performance measures for
 * classification tasks", Information Processing & Management 45(4).
 */
import { InvalidInputError } from '../core/errors.js';
import { CompensatedSum, checkPair, checkWeights, encodeLabels, uniqueLabels, type LabelArray } from './internal.js';

/** Options shared by the label metrics. */
export interface LabelMetricOptions {
  /** Per-row weights (non-negative). scikit-learn: `sample_weight`. */
  sampleWeight?: ArrayLike<number>;
}

/** How precision/recall/F are averaged over classes. scikit-learn: `average`. */
export type AverageMode = 'binary' | 'micro' | 'macro' | 'weighted';

/** Options of the precision / recall / F-score family. */
export interface PrfOptions extends LabelMetricOptions {
  /** Averaging (default 'binary', as in scikit-learn). */
  average?: AverageMode;
  /** Positive class for `average: 'binary'` (default 1). scikit-learn: `pos_label`. */
  posLabel?: number;
  /** Labels to report, in this order (default: sorted union of yTrue and yPred). */
  labels?: readonly number[];
  /** Value of an undefined precision or recall: 0 (default, scikit-learn's "warn") or 1. */
  zeroDivision?: 0 | 1;
}

/** Averaged precision, recall and F-score. */
export interface PrfScores {
  precision: number;
  recall: number;
  /** F-beta (F1 when beta = 1). */
  fScore: number;
}

/** Per-class precision, recall, F-score and support, in `labels` order. */
export interface PerClassPrf {
  labels: number[];
  precision: number[];
  recall: number[];
  fScore: number[];
  /** Number (or total weight) of rows of each class in yTrue. */
  support: number[];
}

/** Normalisation of a confusion matrix. scikit-learn: `normalize`. */
export type ConfusionNormalize = 'true' | 'pred' | 'all';

/** A confusion matrix: `matrix[i][j]` = rows of true class `labels[i]` predicted as `labels[j]`. */
export interface ConfusionMatrix {
  labels: number[];
  matrix: number[][];
}

/**
 * Fraction (or, with `normalize: false`, weighted count) of rows whose prediction equals the
 * truth. scikit-learn: `accuracy_score`.
 */
export function accuracyScore(yTrue: LabelArray, yPred: LabelArray, options: LabelMetricOptions & { normalize?: boolean } = {}): number {
  const n = checkPair(yTrue, yPred, 'yTrue', 'yPred');
  const w = checkWeights(options.sampleWeight, n);
  const hit = new CompensatedSum();
  const total = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    if (yTrue[i] === yPred[i]) hit.add(wi);
    total.add(wi);
  }
  return options.normalize === false ? hit.value() : hit.value() / total.value();
}

/**
 * Weighted counts of (true, predicted) label pairs over `labels`, row-major K x K.
 * Rows whose true or predicted label is not in `labels` are ignored (as scikit-learn does).
 */
export function confusionCounts(yTrue: LabelArray, yPred: LabelArray, labels: readonly number[], sampleWeight?: ArrayLike<number>): Float64Array {
  const n = checkPair(yTrue, yPred, 'yTrue', 'yPred');
  const w = checkWeights(sampleWeight, n);
  const k = labels.length;
  const t = encodeLabels(yTrue, labels);
  const p = encodeLabels(yPred, labels);
  const cm = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const a = t[i];
    const b = p[i];
    if (a < 0 || b < 0) continue;
    cm[a * k + b] += w ? w[i] : 1;
  }
  return cm;
}

/**
 * Confusion matrix, optionally normalised over true rows, predicted columns or all cells
 * (a zero row/column normalises to zeros, as in scikit-learn). scikit-learn: `confusion_matrix`.
 */
export function confusionMatrix(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: LabelMetricOptions & { labels?: readonly number[]; normalize?: ConfusionNormalize } = {},
): ConfusionMatrix {
  const labels = options.labels ? [...options.labels] : uniqueLabels(yTrue, yPred);
  if (labels.length === 0) throw new InvalidInputError('labels is empty.', 'labels');
  const cm = confusionCounts(yTrue, yPred, labels, options.sampleWeight);
  return { labels, matrix: normalizeConfusion(cm, labels.length, options.normalize) };
}

/** Turns row-major counts into a (normalised) nested array. */
export function normalizeConfusion(cm: Float64Array, k: number, normalize?: ConfusionNormalize): number[][] {
  const rowSum = new Float64Array(k);
  const colSum = new Float64Array(k);
  let all = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      rowSum[i] += cm[i * k + j];
      colSum[j] += cm[i * k + j];
      all += cm[i * k + j];
    }
  }
  const out: number[][] = [];
  for (let i = 0; i < k; i++) {
    const r: number[] = new Array(k);
    for (let j = 0; j < k; j++) {
      const v = cm[i * k + j];
      const d = normalize === 'true' ? rowSum[i] : normalize === 'pred' ? colSum[j] : normalize === 'all' ? all : 1;
      r[j] = d === 0 ? 0 : v / d;
    }
    out.push(r);
  }
  return out;
}

/**
 * Mean of per-class recall over the classes present in `yTrue`; with `adjusted`, rescaled so
 * that chance is 0 and perfect is 1. scikit-learn: `balanced_accuracy_score`.
 */
export function balancedAccuracyScore(yTrue: LabelArray, yPred: LabelArray, options: LabelMetricOptions & { adjusted?: boolean } = {}): number {
  const stats = labelStats(yTrue, yPred, uniqueLabels(yTrue, yPred), options.sampleWeight);
  return balancedAccuracyFromStats(stats, options.adjusted);
}

/**
 * Weighted confusion counts over `labels` plus which labels occur at all (in yTrue or yPred,
 * whatever their weight): everything the label metrics need, from one pass over the rows.
 */
export interface LabelStats {
  labels: number[];
  /** Row-major K x K weighted counts (rows: true label). */
  cm: Float64Array;
  /** 1 where the label occurs in yTrue or yPred. */
  isPresent: Uint8Array;
}

/** Builds {@link LabelStats}; rows whose labels are not in `labels` are ignored. */
export function labelStats(yTrue: LabelArray, yPred: LabelArray, labels: readonly number[], sampleWeight?: ArrayLike<number>): LabelStats {
  const n = checkPair(yTrue, yPred, 'yTrue', 'yPred');
  const w = checkWeights(sampleWeight, n);
  const k = labels.length;
  const t = encodeLabels(yTrue, labels);
  const p = encodeLabels(yPred, labels);
  const cm = new Float64Array(k * k);
  const isPresent = new Uint8Array(k);
  for (let i = 0; i < n; i++) {
    const a = t[i];
    const b = p[i];
    if (a >= 0) isPresent[a] = 1;
    if (b >= 0) isPresent[b] = 1;
    if (a < 0 || b < 0) continue;
    cm[a * k + b] += w ? w[i] : 1;
  }
  return { labels: [...labels], cm, isPresent };
}

function divide(num: number, den: number, zeroDivision: number): number {
  return den === 0 ? zeroDivision : num / den;
}

function fBeta(p: number, r: number, beta: number): number {
  if (beta === Infinity) return r;
  const b2 = beta * beta;
  const den = b2 * p + r;
  return den === 0 ? 0 : ((1 + b2) * p * r) / den;
}

function checkBeta(beta: number | undefined): number {
  const b = beta ?? 1;
  if (!(b >= 0)) throw new InvalidInputError(`beta must be >= 0, got ${b}.`, 'beta');
  return b;
}

/** Per-label true positives, predicted and true totals of the labels at `which` (indices into stats.labels). */
function sumsOf(stats: LabelStats, which: readonly number[]): { tp: Float64Array; pred: Float64Array; truth: Float64Array } {
  const k = stats.labels.length;
  const tp = new Float64Array(which.length);
  const pred = new Float64Array(which.length);
  const truth = new Float64Array(which.length);
  which.forEach((c, q) => {
    if (c < 0) return; // a requested label that never occurs
    tp[q] = stats.cm[c * k + c];
    for (let j = 0; j < k; j++) {
      truth[q] += stats.cm[c * k + j];
      pred[q] += stats.cm[j * k + c];
    }
  });
  return { tp, pred, truth };
}

/** Options of {@link prfFromStats}. */
export interface PrfFromStatsOptions {
  average: AverageMode | null;
  beta?: number;
  zeroDivision?: 0 | 1;
}

/**
 * Precision/recall/F of the labels `selected` (values; labels absent from `stats` count as
 * zeros) from precomputed stats. With `average: null`, per-label arrays.
 */
export function prfFromStats(stats: LabelStats, selected: readonly number[], options: PrfFromStatsOptions): PrfScores & { perLabel: PerClassPrf } {
  const beta = checkBeta(options.beta);
  const zd = options.zeroDivision ?? 0;
  const which = selected.map((l) => stats.labels.indexOf(l));
  const s = sumsOf(stats, which);
  const k = selected.length;
  const per: PerClassPrf = { labels: [...selected], precision: [], recall: [], fScore: [], support: [] };
  for (let c = 0; c < k; c++) {
    const p = divide(s.tp[c], s.pred[c], zd);
    const r = divide(s.tp[c], s.truth[c], zd);
    per.precision.push(p);
    per.recall.push(r);
    per.fScore.push(fBeta(p, r, beta));
    per.support.push(s.truth[c]);
  }
  const average = options.average;
  if (average === 'micro') {
    let tp = 0;
    let pred = 0;
    let truth = 0;
    for (let c = 0; c < k; c++) {
      tp += s.tp[c];
      pred += s.pred[c];
      truth += s.truth[c];
    }
    const p = divide(tp, pred, zd);
    const r = divide(tp, truth, zd);
    return { precision: p, recall: r, fScore: fBeta(p, r, beta), perLabel: per };
  }
  if (average === 'weighted') {
    let wsum = 0;
    let predSum = 0;
    for (let c = 0; c < k; c++) {
      wsum += s.truth[c];
      predSum += s.pred[c];
    }
    if (wsum === 0) {
      // scikit-learn's special case: no true rows of any requested label
      const r = predSum === 0 ? { precision: zd, recall: zd, fScore: zd } : { precision: 0, recall: zd, fScore: 0 };
      return { ...r, perLabel: per };
    }
    let p = 0;
    let r = 0;
    let f = 0;
    for (let c = 0; c < k; c++) {
      p += per.precision[c] * s.truth[c];
      r += per.recall[c] * s.truth[c];
      f += per.fScore[c] * s.truth[c];
    }
    return { precision: p / wsum, recall: r / wsum, fScore: f / wsum, perLabel: per };
  }
  // macro (and binary, which has a single label)
  let p = 0;
  let r = 0;
  let f = 0;
  for (let c = 0; c < k; c++) {
    p += per.precision[c];
    r += per.recall[c];
    f += per.fScore[c];
  }
  return { precision: p / k, recall: r / k, fScore: f / k, perLabel: per };
}

/** The labels scikit-learn uses by default: those occurring in yTrue or yPred. */
export function presentLabels(stats: LabelStats): number[] {
  return stats.labels.filter((_, i) => stats.isPresent[i] === 1);
}

/** Balanced accuracy from stats over (at least) the present labels. */
export function balancedAccuracyFromStats(stats: LabelStats, adjusted = false): number {
  const k = stats.labels.length;
  let sum = 0;
  let m = 0;
  for (let i = 0; i < k; i++) {
    let row = 0;
    for (let j = 0; j < k; j++) row += stats.cm[i * k + j];
    // a class that only occurs among the predictions has no recall: scikit-learn drops it
    if (row === 0) continue;
    sum += stats.cm[i * k + i] / row;
    m++;
  }
  let score = sum / m;
  if (adjusted) {
    const chance = 1 / m;
    score = (score - chance) / (1 - chance);
  }
  return score;
}

function resolveLabels(present: readonly number[], options: PrfOptions, average: AverageMode | null): number[] {
  if (average === 'binary') {
    const pos = options.posLabel ?? 1;
    if (present.length > 2) {
      throw new InvalidInputError(
        `The target has ${present.length} classes but average is 'binary'; choose 'macro', 'micro' or 'weighted'.`,
        'average',
      );
    }
    if (!present.includes(pos) && present.length >= 2) {
      throw new InvalidInputError(`posLabel ${pos} is not one of the labels ${present.join(', ')}.`, 'posLabel');
    }
    return [pos];
  }
  return options.labels ? [...options.labels] : [...present];
}

/**
 * Precision, recall, F-beta and support for each class. scikit-learn:
 * `precision_recall_fscore_support(average=None)`.
 */
export function perClassPrecisionRecallFscore(yTrue: LabelArray, yPred: LabelArray, options: Omit<PrfOptions, 'average' | 'posLabel'> & { beta?: number } = {}): PerClassPrf {
  const present = uniqueLabels(yTrue, yPred);
  const labels = resolveLabels(present, options, null);
  const stats = labelStats(yTrue, yPred, uniqueLabels(present, labels), options.sampleWeight);
  return prfFromStats(stats, labels, { average: null, beta: options.beta, zeroDivision: options.zeroDivision }).perLabel;
}

/**
 * Averaged precision, recall and F-beta. scikit-learn: `precision_recall_fscore_support`
 * with `average` in binary / micro / macro / weighted.
 */
export function precisionRecallFscore(yTrue: LabelArray, yPred: LabelArray, options: PrfOptions & { beta?: number } = {}): PrfScores {
  const average = options.average ?? 'binary';
  const present = uniqueLabels(yTrue, yPred);
  const labels = resolveLabels(present, options, average);
  // counts over every label that occurs, so totals include rows of labels not reported
  const stats = labelStats(yTrue, yPred, uniqueLabels(present, labels), options.sampleWeight);
  const r = prfFromStats(stats, labels, { average, beta: options.beta, zeroDivision: options.zeroDivision });
  return { precision: r.precision, recall: r.recall, fScore: r.fScore };
}

/** Validates a binary average over present labels and returns the single label to score. */
export function binaryLabel(present: readonly number[], posLabel: number | undefined): number {
  return resolveLabels(present, { posLabel }, 'binary')[0];
}

/** Precision (default binary average, positive label 1). scikit-learn: `precision_score`. */
export function precisionScore(yTrue: LabelArray, yPred: LabelArray, options: PrfOptions = {}): number {
  return precisionRecallFscore(yTrue, yPred, options).precision;
}

/** Recall (default binary average, positive label 1). scikit-learn: `recall_score`. */
export function recallScore(yTrue: LabelArray, yPred: LabelArray, options: PrfOptions = {}): number {
  return precisionRecallFscore(yTrue, yPred, options).recall;
}

/** F1 (default binary average, positive label 1). scikit-learn: `f1_score`. */
export function f1Score(yTrue: LabelArray, yPred: LabelArray, options: PrfOptions = {}): number {
  return precisionRecallFscore(yTrue, yPred, { ...options, beta: 1 }).fScore;
}

/** F-beta: beta < 1 favours precision, beta > 1 recall. scikit-learn: `fbeta_score`. */
export function fbetaScore(yTrue: LabelArray, yPred: LabelArray, beta: number, options: PrfOptions = {}): number {
  return precisionRecallFscore(yTrue, yPred, { ...options, beta }).fScore;
}
