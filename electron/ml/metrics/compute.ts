/**
 * One entry point per metric id of the Objective step (`shared/domain/metrics.ts`), so the
 * Train and Evaluate steps, cross-validation, search and permutation importance all score a
 * model the same way. Each id maps to the scikit-learn function of the same name:
 * accuracy, balanced_accuracy, f1_macro (F1, macro average), f1 / precision / recall (binary,
 * positive class), roc_auc (binary, or one-vs-rest macro for more classes), average_precision
 * (binary), log_loss, brier (binary, probability of the positive class), mae, rmse, r2, mape.
 * The values are the metric itself (log loss and errors are positive; smaller is better, see
 * `METRICS[id].direction`), not scikit-learn's negated scorer values.
 */
import { InvalidInputError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { METRICS, type MetricId } from '../../../shared/domain/metrics.js';
import { accuracyScore, balancedAccuracyScore, precisionRecallFscore } from './classification.js';
import { uniqueLabels, type LabelArray } from './internal.js';
import { brierScoreLoss, logLoss } from './probabilistic.js';
import { averagePrecisionScore, rocAucOvr, rocAucScore } from './ranking.js';
import { meanAbsoluteError, meanAbsolutePercentageError, r2Score, rootMeanSquaredError } from './regression.js';

/** What a classifier produced for a set of rows. */
export interface ClassificationMetricInput {
  yTrue: LabelArray;
  /** Predicted labels; derived from `proba` by arg-max when absent. */
  yPred?: LabelArray;
  /** nRows x K probabilities, columns in `classes` order. */
  proba?: Matrix;
  /** The model's classes, sorted (required with `proba`). */
  classes?: readonly number[];
  /** Positive class of the binary metrics; default: the larger of two classes. */
  positiveClass?: number;
  sampleWeight?: ArrayLike<number>;
}

/** What a regressor produced for a set of rows. */
export interface RegressionMetricInput {
  yTrue: ArrayLike<number>;
  yPred: ArrayLike<number>;
  sampleWeight?: ArrayLike<number>;
}

/** Input of {@link computeMetric}. */
export type MetricInput = ClassificationMetricInput | RegressionMetricInput;

/** The model output a metric reads: labels, class probabilities, or regression values. */
export type MetricNeed = 'labels' | 'proba' | 'values';

const NEEDS: Readonly<Record<MetricId, MetricNeed>> = {
  accuracy: 'labels',
  balanced_accuracy: 'labels',
  f1_macro: 'labels',
  f1: 'labels',
  precision: 'labels',
  recall: 'labels',
  roc_auc: 'proba',
  average_precision: 'proba',
  log_loss: 'proba',
  brier: 'proba',
  mae: 'values',
  rmse: 'values',
  r2: 'values',
  mape: 'values',
};

/** What a metric needs from the model. */
export function metricNeed(id: MetricId): MetricNeed {
  return NEEDS[id];
}

/** True when `a` is a better value of `id` than `b` (NaN is never better). */
export function isBetterScore(id: MetricId, a: number, b: number): boolean {
  if (Number.isNaN(a)) return false;
  if (Number.isNaN(b)) return true;
  return METRICS[id].direction === 'higher' ? a > b : a < b;
}

/** Labels by arg-max of each probability row (first maximum on ties, like NumPy). */
export function labelsFromProba(proba: Matrix, classes: readonly number[]): Float64Array {
  const n = proba.nRows;
  const k = proba.nCols;
  if (classes.length !== k) throw new InvalidInputError(`proba has ${k} columns but there are ${classes.length} classes.`, 'classes');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestP = proba.data[i];
    for (let j = 1; j < k; j++) {
      const p = proba.data[j * n + i];
      if (p > bestP) {
        bestP = p;
        best = j;
      }
    }
    out[i] = classes[best];
  }
  return out;
}

/** Column `j` of `proba` (a view). */
function probaColumn(proba: Matrix, j: number): Float64Array {
  return proba.data.subarray(j * proba.nRows, (j + 1) * proba.nRows);
}

/**
 * The positive class of a binary problem: the one given, else the larger of the two classes.
 * Throws when there are more than two classes.
 */
export function resolvePositiveClass(input: ClassificationMetricInput, metric: string): number {
  const classes = input.classes ?? uniqueLabels(input.yTrue, ...(input.yPred ? [input.yPred] : []));
  if (classes.length > 2) {
    throw new InvalidInputError(`The metric ${metric} is for two classes; this target has ${classes.length}.`, 'metric');
  }
  if (input.positiveClass !== undefined) {
    if (input.classes && !input.classes.includes(input.positiveClass)) {
      throw new InvalidInputError(`The positive class ${input.positiveClass} is not one of the classes ${input.classes.join(', ')}.`, 'positiveClass');
    }
    return input.positiveClass;
  }
  return classes[classes.length - 1];
}

function needProba(input: ClassificationMetricInput, metric: string): { proba: Matrix; classes: readonly number[] } {
  if (!input.proba || !input.classes) {
    throw new InvalidInputError(`The metric ${metric} needs class probabilities (proba and classes).`, 'proba');
  }
  if (input.proba.nCols !== input.classes.length) {
    throw new InvalidInputError(`proba has ${input.proba.nCols} columns but there are ${input.classes.length} classes.`, 'classes');
  }
  return { proba: input.proba, classes: input.classes };
}

function predictedLabels(input: ClassificationMetricInput): LabelArray {
  if (input.yPred) return input.yPred;
  if (input.proba && input.classes) return labelsFromProba(input.proba, input.classes);
  throw new InvalidInputError('Predicted labels (yPred) or probabilities (proba and classes) are needed.', 'yPred');
}

/**
 * Computes the metric `id` (an id of `shared/domain/metrics.ts`) on a model's output.
 * NaN means "not defined on these rows" (for example ROC-AUC when only one class occurs).
 */
export function computeMetric(id: MetricId, input: MetricInput): number {
  const info = METRICS[id];
  if (!info) throw new InvalidInputError(`Unknown metric "${String(id)}".`, 'metric');
  if (info.task === 'regression') {
    const r = input as RegressionMetricInput;
    if (!r.yPred) throw new InvalidInputError(`The metric ${id} needs predictions (yPred).`, 'yPred');
    const options = { sampleWeight: r.sampleWeight };
    switch (id) {
      case 'mae':
        return meanAbsoluteError(r.yTrue, r.yPred, options);
      case 'rmse':
        return rootMeanSquaredError(r.yTrue, r.yPred, options);
      case 'r2':
        return r2Score(r.yTrue, r.yPred, options);
      case 'mape':
        return meanAbsolutePercentageError(r.yTrue, r.yPred, options);
    }
  }
  const c = input as ClassificationMetricInput;
  const sampleWeight = c.sampleWeight;
  switch (id) {
    case 'accuracy':
      return accuracyScore(c.yTrue, predictedLabels(c), { sampleWeight });
    case 'balanced_accuracy':
      return balancedAccuracyScore(c.yTrue, predictedLabels(c), { sampleWeight });
    case 'f1_macro':
      return precisionRecallFscore(c.yTrue, predictedLabels(c), { average: 'macro', sampleWeight }).fScore;
    case 'f1':
    case 'precision':
    case 'recall': {
      const pos = resolvePositiveClass(c, id);
      const s = precisionRecallFscore(c.yTrue, predictedLabels(c), { average: 'binary', posLabel: pos, sampleWeight });
      return id === 'f1' ? s.fScore : id === 'precision' ? s.precision : s.recall;
    }
    case 'roc_auc': {
      const { proba, classes } = needProba(c, id);
      if (classes.length > 2) return rocAucOvr(c.yTrue, proba, classes, { average: 'macro', sampleWeight });
      const pos = resolvePositiveClass(c, id);
      return rocAucScore(c.yTrue, probaColumn(proba, classes.indexOf(pos)), { posLabel: pos, sampleWeight });
    }
    case 'average_precision': {
      const { proba, classes } = needProba(c, id);
      const pos = resolvePositiveClass(c, id);
      return averagePrecisionScore(c.yTrue, probaColumn(proba, classes.indexOf(pos)), { posLabel: pos, sampleWeight });
    }
    case 'log_loss': {
      const { proba, classes } = needProba(c, id);
      return logLoss(c.yTrue, proba, { labels: classes, sampleWeight });
    }
    case 'brier': {
      const { proba, classes } = needProba(c, id);
      const pos = resolvePositiveClass(c, id);
      return brierScoreLoss(c.yTrue, probaColumn(proba, classes.indexOf(pos)), { posLabel: pos, sampleWeight });
    }
  }
  throw new InvalidInputError(`Unknown metric "${String(id)}".`, 'metric');
}
