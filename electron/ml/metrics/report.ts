/**
 * Full evaluation reports for the Evaluate step: every scalar metric of the task, per-class
 * scores, the confusion matrix (counts and normalised), ROC / PR / calibration curves, threshold
 * tuning for binary problems, residuals for regression, and the worst errors as row indices.
 *
 * The reports are plain JSON (numbers, strings, arrays, null for undefined values), ready for
 * the contract and for Plotly. Scalars are computed on all rows (one sort per class); curve
 * arrays are thinned to at most `maxCurvePoints` points for drawing, always keeping both ends.
 */
import { InvalidInputError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { accuracyScore, balancedAccuracyFromStats, binaryLabel, labelStats, normalizeConfusion, prfFromStats, presentLabels } from './classification.js';
import { labelsFromProba, resolvePositiveClass } from './compute.js';
import { checkWeights, encodeLabels, jsonArray, jsonNumber, uniqueLabels, type LabelArray } from './internal.js';
import { brierScoreLoss, calibrationFromBinary, logLoss } from './probabilistic.js';
import {
  averagePrecisionFromCurve,
  binarize,
  curveFromBinary,
  prFromCurve,
  rocAucFromCurve,
  rocFromCurve,
  rowsSumToOne,
  type BinaryCurve,
} from './ranking.js';
import {
  regressionMetrics,
  residualSummary,
  worstRegressionErrors,
  type ResidualSummary,
} from './regression.js';
import { bestThreshold, thresholdTableFromCurve, type OutcomeCosts, type ThresholdChoice, type ThresholdMetric } from './threshold.js';

/** A JSON-safe number: null where the value is undefined (NaN) or infinite. */
export type JsonNumber = number | null;

/** Options of {@link evaluateClassification}. */
export interface ClassificationReportInput {
  yTrue: LabelArray;
  /** nRows x K probabilities in `classes` order (needed for curves, AUC, log loss). */
  proba?: Matrix;
  /** Predicted labels; default: arg-max of `proba`, or `threshold` on the positive class. */
  yPred?: LabelArray;
  /** The model's classes, sorted. Default: labels seen in yTrue / yPred. */
  classes?: readonly number[];
  /** Display names of `classes` (e.g. the original strings), same order. */
  classNames?: readonly string[];
  /** Binary problems: the positive class (default the larger class). */
  positiveClass?: number;
  /** Binary problems: predict positive when p(positive) >= threshold (default: arg-max). */
  threshold?: number;
  sampleWeight?: ArrayLike<number>;
  /** Outcome costs for cost-based threshold tuning. */
  costs?: OutcomeCosts;
  /** Bins of the calibration curves (default 10). */
  calibrationBins?: number;
  /** Maximum points per drawn curve (default 400). */
  maxCurvePoints?: number;
  /** How many worst errors to list (default 20). */
  worstErrors?: number;
}

/** Scores of one class. */
export interface PerClassReport {
  label: number;
  name: string;
  precision: JsonNumber;
  recall: JsonNumber;
  f1: JsonNumber;
  /** Rows (or total weight) of this class. */
  support: number;
  /** One-vs-rest ROC-AUC and average precision (null without probabilities). */
  rocAuc: JsonNumber;
  averagePrecision: JsonNumber;
}

/** A curve of one class against the rest (binary: the positive class). */
export interface RocCurveReport {
  label: number;
  name: string;
  fpr: JsonNumber[];
  tpr: JsonNumber[];
  thresholds: JsonNumber[];
  auc: JsonNumber;
}

/** Precision-recall curve of one class against the rest. */
export interface PrCurveReport {
  label: number;
  name: string;
  precision: JsonNumber[];
  recall: JsonNumber[];
  thresholds: JsonNumber[];
  averagePrecision: JsonNumber;
  /** Share of positive rows: the precision of a random classifier (the PR baseline). */
  prevalence: JsonNumber;
}

/** Reliability diagram of the positive class. */
export interface CalibrationReport {
  strategy: 'uniform' | 'quantile';
  probTrue: JsonNumber[];
  probPred: JsonNumber[];
  counts: number[];
  edges: JsonNumber[];
}

/** A chosen operating point, JSON-safe. */
export interface ThresholdChoiceReport {
  metric: ThresholdMetric;
  threshold: JsonNumber;
  value: JsonNumber;
  precision: JsonNumber;
  recall: JsonNumber;
  f1: JsonNumber;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Threshold tuning of a binary classifier. */
export interface ThresholdReport {
  /** Thinned table for the precision/recall-vs-threshold chart (decreasing thresholds). */
  thresholds: JsonNumber[];
  precision: JsonNumber[];
  recall: JsonNumber[];
  f1: JsonNumber[];
  specificity: JsonNumber[];
  cost: JsonNumber[] | null;
  /** Best operating points, by metric (computed on every distinct score, not the thinned table). */
  best: Partial<Record<ThresholdMetric, ThresholdChoiceReport>>;
  /** The threshold the report's labels used (null when labels came from arg-max or yPred). */
  current: JsonNumber;
}

/** A misclassified (or least confident) row. */
export interface ClassificationErrorRow {
  row: number;
  trueLabel: number;
  predictedLabel: number;
  /** Probability the model gave the true class (null without probabilities). */
  probTrue: JsonNumber;
}

/** The full classification report. */
export interface ClassificationReport {
  task: 'classification';
  nRows: number;
  classes: number[];
  classNames: string[];
  /** Binary problems only. */
  positiveClass: number | null;
  /**
   * Scalar metrics by id: every classification id of `shared/domain/metrics.ts` that applies
   * (binary-only ones only for two classes), plus `precision_macro`, `recall_macro`,
   * `f1_weighted`, `f1_micro`, `average_precision_macro` and `roc_auc_weighted` (multiclass).
   */
  metrics: Record<string, JsonNumber>;
  perClass: PerClassReport[];
  confusionMatrix: {
    labels: number[];
    names: string[];
    counts: number[][];
    normalizedTrue: number[][];
    normalizedPred: number[][];
    normalizedAll: number[][];
  };
  /** One curve (binary) or one per class (multiclass); empty without probabilities. */
  roc: RocCurveReport[];
  pr: PrCurveReport[];
  /** Binary problems with probabilities only. */
  calibration: CalibrationReport[];
  threshold: ThresholdReport | null;
  worstErrors: ClassificationErrorRow[];
}

/** Evenly spaced indices 0..m-1, at most `max` of them, always including both ends. */
export function thinIndices(m: number, max: number): number[] {
  if (m <= max) return Array.from({ length: m }, (_, i) => i);
  const out: number[] = [];
  const step = (m - 1) / (max - 1);
  let last = -1;
  for (let k = 0; k < max; k++) {
    const i = k === max - 1 ? m - 1 : Math.round(k * step);
    if (i !== last) out.push(i);
    last = i;
  }
  return out;
}

function pick(a: ArrayLike<number>, idx: number[]): JsonNumber[] {
  return idx.map((i) => jsonNumber(a[i]));
}

function choiceReport(c: ThresholdChoice | null): ThresholdChoiceReport | undefined {
  if (!c) return undefined;
  return {
    metric: c.metric,
    threshold: jsonNumber(c.threshold),
    value: jsonNumber(c.value),
    precision: jsonNumber(c.precision),
    recall: jsonNumber(c.recall),
    f1: jsonNumber(c.f1),
    tp: c.tp,
    fp: c.fp,
    fn: c.fn,
    tn: c.tn,
  };
}

/** The per-class curve of class `label` (one sort of its probability column). */
function classCurve(yTrue: LabelArray, proba: Matrix, column: number, label: number, weights: ArrayLike<number> | undefined): BinaryCurve {
  const n = proba.nRows;
  let pos = binarize(yTrue, label);
  let scores: ArrayLike<number> = proba.data.subarray(column * n, (column + 1) * n);
  let w = weights;
  if (weights) {
    // zero-weight rows leave the curve, as in scikit-learn
    const keep: number[] = [];
    for (let i = 0; i < n; i++) if (weights[i] !== 0) keep.push(i);
    if (keep.length < n) {
      pos = Uint8Array.from(keep, (i) => pos[i]);
      scores = Float64Array.from(keep, (i) => (scores as Float64Array)[i]);
      w = Float64Array.from(keep, (i) => weights[i]);
    }
  }
  return curveFromBinary(pos, scores, w);
}

/**
 * Evaluates a classifier's output on a set of rows: all the metrics, curves and tables the
 * Evaluate step shows, as JSON-safe data.
 */
export function evaluateClassification(input: ClassificationReportInput): ClassificationReport {
  const { yTrue, proba } = input;
  const n = yTrue.length;
  if (n === 0) throw new InvalidInputError('There are no rows to evaluate.', 'yTrue');
  if (proba && !input.classes) throw new InvalidInputError('classes is required with proba.', 'classes');
  if (proba && proba.nRows !== n) throw new InvalidInputError(`proba has ${proba.nRows} rows but yTrue has ${n}.`, 'proba');
  const weights = checkWeights(input.sampleWeight, n);
  const classes = input.classes ? [...input.classes] : uniqueLabels(yTrue, ...(input.yPred ? [input.yPred] : []));
  const names = classes.map((c, i) => input.classNames?.[i] ?? String(c));
  const nameOf = (label: number): string => {
    const i = classes.indexOf(label);
    return i >= 0 ? names[i] : String(label);
  };
  const isBinary = classes.length === 2;
  const positiveClass = isBinary ? resolvePositiveClass({ yTrue, classes, positiveClass: input.positiveClass }, 'binary report') : null;
  const posColumn = positiveClass === null ? -1 : classes.indexOf(positiveClass);
  const maxPoints = Math.max(2, input.maxCurvePoints ?? 400);

  // labels: given, or from probabilities (threshold on the positive class, or arg-max)
  let yPred: LabelArray;
  let current: number | null = null;
  if (input.yPred) {
    yPred = input.yPred;
  } else if (proba && isBinary && input.threshold !== undefined && positiveClass !== null) {
    current = input.threshold;
    const negative = classes[1 - posColumn];
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = proba.data[posColumn * n + i] >= current ? positiveClass : negative;
    yPred = out;
  } else if (proba) {
    yPred = labelsFromProba(proba, classes);
  } else {
    throw new InvalidInputError('Predicted labels (yPred) or probabilities (proba) are needed.', 'yPred');
  }

  // one pass for every label metric: confusion counts over the model's classes plus any stray label
  const cmLabels = uniqueLabels(classes, yTrue, yPred);
  const stats = labelStats(yTrue, yPred, cmLabels, weights);
  const cm = stats.cm;
  const k = cmLabels.length;
  const present = presentLabels(stats);

  const metrics: Record<string, JsonNumber> = {};
  metrics.accuracy = jsonNumber(accuracyScore(yTrue, yPred, { sampleWeight: weights }));
  metrics.balanced_accuracy = jsonNumber(balancedAccuracyFromStats(stats));
  const macro = prfFromStats(stats, present, { average: 'macro' });
  metrics.f1_macro = jsonNumber(macro.fScore);
  metrics.precision_macro = jsonNumber(macro.precision);
  metrics.recall_macro = jsonNumber(macro.recall);
  metrics.f1_weighted = jsonNumber(prfFromStats(stats, present, { average: 'weighted' }).fScore);
  metrics.f1_micro = jsonNumber(prfFromStats(stats, present, { average: 'micro' }).fScore);
  if (isBinary && positiveClass !== null) {
    const b = prfFromStats(stats, [binaryLabel(present, positiveClass)], { average: 'binary' });
    metrics.f1 = jsonNumber(b.fScore);
    metrics.precision = jsonNumber(b.precision);
    metrics.recall = jsonNumber(b.recall);
  }

  const per = prfFromStats(stats, classes, { average: null }).perLabel;
  const perClass: PerClassReport[] = classes.map((label, i) => ({
    label,
    name: names[i],
    precision: jsonNumber(per.precision[i]),
    recall: jsonNumber(per.recall[i]),
    f1: jsonNumber(per.fScore[i]),
    support: per.support[i],
    rocAuc: null,
    averagePrecision: null,
  }));

  const roc: RocCurveReport[] = [];
  const pr: PrCurveReport[] = [];
  const calibration: CalibrationReport[] = [];
  let threshold: ThresholdReport | null = null;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += weights ? weights[i] : 1;

  if (proba) {
    metrics.log_loss = safe(() => logLoss(yTrue, proba, { labels: classes, sampleWeight: weights }));
    // one curve per class (one sort each); a binary problem's scalars come from its positive curve
    for (let c = 0; c < classes.length; c++) {
      const label = classes[c];
      const curve = classCurve(yTrue, proba, c, label, weights);
      const m = curve.fps.length;
      const aucValue = rocAucFromCurve(curve);
      const ap = averagePrecisionFromCurve(curve);
      perClass[c].rocAuc = jsonNumber(aucValue);
      perClass[c].averagePrecision = jsonNumber(ap);
      if (isBinary && c !== posColumn) continue;
      if (isBinary) {
        metrics.roc_auc = jsonNumber(aucValue);
        metrics.average_precision = jsonNumber(ap);
        metrics.brier = safe(() => brierScoreLoss(yTrue, proba.data.subarray(c * n, (c + 1) * n), { posLabel: label, sampleWeight: weights }));
      }
      const r = rocFromCurve(curve, true);
      const ri = thinIndices(r.fpr.length, maxPoints);
      roc.push({ label, name: nameOf(label), fpr: pick(r.fpr, ri), tpr: pick(r.tpr, ri), thresholds: pick(r.thresholds, ri), auc: jsonNumber(aucValue) });
      const p = prFromCurve(curve);
      const pi = thinIndices(p.precision.length, maxPoints);
      const ti = pi.filter((i) => i < p.thresholds.length);
      pr.push({
        label,
        name: nameOf(label),
        precision: pick(p.precision, pi),
        recall: pick(p.recall, pi),
        thresholds: pick(p.thresholds, ti),
        averagePrecision: jsonNumber(ap),
        prevalence: jsonNumber(m > 0 ? curve.tps[m - 1] / totalWeight : NaN),
      });
      if (isBinary) {
        const table = thresholdTableFromCurve(curve, input.costs);
        const idx = thinIndices(table.thresholds.length, maxPoints);
        const best: Partial<Record<ThresholdMetric, ThresholdChoiceReport>> = {};
        const targets: ThresholdMetric[] = ['f1', 'balanced_accuracy', 'accuracy'];
        if (input.costs) targets.push('cost');
        for (const t of targets) {
          const choice = choiceReport(bestThreshold(table, t));
          if (choice) best[t] = choice;
        }
        threshold = {
          thresholds: pick(table.thresholds, idx),
          precision: pick(table.precision, idx),
          recall: pick(table.recall, idx),
          f1: pick(table.f1, idx),
          specificity: pick(table.specificity, idx),
          cost: table.cost ? pick(table.cost, idx) : null,
          best,
          current,
        };
        const probPos = proba.data.subarray(c * n, (c + 1) * n);
        const isPos = binarize(yTrue, label);
        for (const strategy of ['uniform', 'quantile'] as const) {
          const cal = calibrationFromBinary(isPos, probPos, input.calibrationBins ?? 10, strategy);
          calibration.push({ strategy, probTrue: jsonArray(cal.probTrue), probPred: jsonArray(cal.probPred), counts: Array.from(cal.counts), edges: jsonArray(cal.edges) });
        }
      }
    }
  }

  if (proba && !isBinary) {
    // one-vs-rest averages from the per-class curves already computed (scikit-learn's
    // roc_auc_score(multi_class="ovr") and average_precision_score on the binarised target)
    const k2 = classes.length;
    const aucs = perClass.map((c) => c.rocAuc ?? NaN);
    const aps = perClass.map((c) => c.averagePrecision ?? NaN);
    const support = perClass.map((c) => c.support);
    const sumsToOne = rowsSumToOne(proba);
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / k2;
    metrics.roc_auc = sumsToOne ? jsonNumber(mean(aucs)) : null;
    const totalSupport = support.reduce((x, y) => x + y, 0);
    metrics.roc_auc_weighted = sumsToOne
      ? jsonNumber(Math.abs(totalSupport) <= 1e-8 ? 0 : aucs.reduce((acc, a, i) => acc + (support[i] === 0 ? 0 : a * support[i]), 0) / totalSupport)
      : null;
    metrics.average_precision_macro = jsonNumber(mean(aps));
  }

  // worst errors: misclassified rows, least probability on the true class first (a bounded
  // sorted buffer: O(n) for the usual short list)
  const worstErrors: ClassificationErrorRow[] = [];
  const limit = Math.max(0, Math.min(input.worstErrors ?? 20, n));
  const trueCol = proba ? encodeLabels(yTrue, classes) : undefined;
  const pTrueOf = (i: number): number => (proba && trueCol && trueCol[i] >= 0 ? proba.data[trueCol[i] * n + i] : 0);
  const keys = new Float64Array(limit);
  const rowsOf = new Int32Array(limit);
  let filled = 0;
  for (let i = 0; i < n && limit > 0; i++) {
    if (yPred[i] === yTrue[i]) continue;
    const key = pTrueOf(i);
    if (filled === limit && key >= keys[limit - 1]) continue;
    let pos = filled < limit ? filled++ : limit - 1;
    while (pos > 0 && keys[pos - 1] > key) {
      keys[pos] = keys[pos - 1];
      rowsOf[pos] = rowsOf[pos - 1];
      pos--;
    }
    keys[pos] = key;
    rowsOf[pos] = i;
  }
  for (let r = 0; r < filled; r++) {
    const i = rowsOf[r];
    worstErrors.push({ row: i, trueLabel: yTrue[i], predictedLabel: yPred[i], probTrue: proba ? jsonNumber(pTrueOf(i)) : null });
  }

  return {
    task: 'classification',
    nRows: n,
    classes,
    classNames: names,
    positiveClass,
    metrics,
    perClass,
    confusionMatrix: {
      labels: cmLabels,
      names: cmLabels.map(nameOf),
      counts: normalizeConfusion(cm, k),
      normalizedTrue: normalizeConfusion(cm, k, 'true'),
      normalizedPred: normalizeConfusion(cm, k, 'pred'),
      normalizedAll: normalizeConfusion(cm, k, 'all'),
    },
    roc,
    pr,
    calibration,
    threshold,
    worstErrors,
  };
}

/** Runs a metric, mapping "undefined on these rows" errors to null (shape errors still throw). */
function safe(f: () => number): JsonNumber {
  try {
    return jsonNumber(f());
  } catch (e) {
    if (e instanceof InvalidInputError && e.field !== 'proba' && e.field !== 'classes') return null;
    throw e;
  }
}

/** Options of {@link evaluateRegression}. */
export interface RegressionReportInput {
  yTrue: ArrayLike<number>;
  yPred: ArrayLike<number>;
  sampleWeight?: ArrayLike<number>;
  /** Maximum points of the predicted-vs-actual and residual scatter (default 2000). */
  maxPoints?: number;
  /** Bins of the residual histogram (default 30). */
  residualBins?: number;
  /** How many worst errors to list (default 20). */
  worstErrors?: number;
}

/** A row with a large error. */
export interface RegressionErrorRow {
  row: number;
  yTrue: number;
  yPred: number;
  residual: number;
}

/** The full regression report. */
export interface RegressionReport {
  task: 'regression';
  nRows: number;
  /**
   * mae, rmse, r2, mape (the ids of `shared/domain/metrics.ts`) plus mse, explained_variance,
   * max_error and median_absolute_error.
   */
  metrics: Record<string, JsonNumber>;
  residuals: ResidualSummary;
  /** Sample of rows for the scatter plots (every row when there are few). */
  scatter: { rows: number[]; yTrue: number[]; yPred: number[] };
  worstErrors: RegressionErrorRow[];
}

/** Evaluates a regressor's output: metrics, residual summary, scatter sample and worst errors. */
export function evaluateRegression(input: RegressionReportInput): RegressionReport {
  const { yTrue, yPred } = input;
  const sw = { sampleWeight: input.sampleWeight };
  const all = regressionMetrics(yTrue, yPred, sw);
  const metrics: Record<string, JsonNumber> = {};
  for (const [id, v] of Object.entries(all)) metrics[id] = jsonNumber(v);
  const n = yTrue.length;
  const rows = thinIndices(n, Math.max(2, input.maxPoints ?? 2000));
  const worst: RegressionErrorRow[] = worstRegressionErrors(yTrue, yPred, input.worstErrors ?? 20).map((i) => ({
    row: i,
    yTrue: yTrue[i],
    yPred: yPred[i],
    residual: yTrue[i] - yPred[i],
  }));
  return {
    task: 'regression',
    nRows: n,
    metrics,
    residuals: residualSummary(yTrue, yPred, { ...sw, bins: input.residualBins }),
    scatter: { rows, yTrue: rows.map((i) => yTrue[i]), yPred: rows.map((i) => yPred[i]) },
    worstErrors: worst,
  };
}
