/**
 * Scores a fitted model on rows with the metric ids of the Objective step, calling `predict`
 * and/or `predictProba` only when a requested metric needs them. Probabilities are aligned to
 * the problem's full class list, so a model that never saw a rare class in its training fold
 * still gets a correct log loss (its column is zero).
 */
import { InvalidInputError } from '../core/errors.js';
import { createMatrix, type Matrix } from '../core/matrix.js';
import { METRICS, type MetricId } from '../../../shared/domain/metrics.js';
import { computeMetric, metricNeed } from '../metrics/compute.js';
import type { Dataset, FittableModel } from './data.js';

/** Problem-level facts scoring needs. */
export interface ScoringContext {
  task: 'classification' | 'regression';
  /** Every class of the problem, sorted (classification). */
  classes?: readonly number[];
  /** Positive class of binary metrics. */
  positiveClass?: number;
}

/** A model's outputs on some rows. */
export interface ModelOutputs {
  yPred?: Float64Array;
  /** Aligned to `ScoringContext.classes`. */
  proba?: Matrix;
}

/** Probabilities with columns in `target` order (zeros for classes the model does not know). */
export function alignProba(proba: Matrix, modelClasses: readonly number[], target: readonly number[]): Matrix {
  if (modelClasses.length === target.length && modelClasses.every((c, i) => c === target[i])) return proba;
  const n = proba.nRows;
  const out = createMatrix(n, target.length);
  modelClasses.forEach((c, j) => {
    const t = target.indexOf(c);
    if (t < 0) throw new InvalidInputError(`The model predicts class ${c}, which is not one of the problem's classes.`, 'classes');
    out.data.set(proba.data.subarray(j * n, (j + 1) * n), t * n);
  });
  return out;
}

/** Checks that every metric fits the task. */
export function checkMetrics(metrics: readonly MetricId[], task: ScoringContext['task']): void {
  if (metrics.length === 0) throw new InvalidInputError('At least one metric is needed.', 'metrics');
  for (const m of metrics) {
    const info = METRICS[m];
    if (!info) throw new InvalidInputError(`Unknown metric "${String(m)}".`, 'metrics');
    if (info.task !== task) throw new InvalidInputError(`The metric ${m} is for ${info.task}, not ${task}.`, 'metrics');
  }
}

/** Runs the model's predictions that `metrics` need. */
export function predictFor<D extends Dataset>(model: FittableModel<D>, X: D, metrics: readonly MetricId[], ctx: ScoringContext): ModelOutputs {
  const needs = new Set(metrics.map(metricNeed));
  const out: ModelOutputs = {};
  if (needs.has('labels') || needs.has('values')) out.yPred = model.predict(X);
  if (needs.has('proba')) {
    if (!model.predictProba) throw new InvalidInputError('This model gives no probabilities, which the chosen metric needs.', 'metrics');
    const classes = ctx.classes ?? model.classes;
    if (!classes || !model.classes) throw new InvalidInputError('The classes of the problem are unknown.', 'classes');
    out.proba = alignProba(model.predictProba(X), model.classes, classes);
  }
  return out;
}

/** Scores outputs; NaN where a metric is undefined on these rows. */
export function scoreOutputs(
  outputs: ModelOutputs,
  yTrue: ArrayLike<number>,
  metrics: readonly MetricId[],
  ctx: ScoringContext,
  sampleWeight?: ArrayLike<number>,
): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const m of metrics) {
    if (ctx.task === 'regression') {
      scores[m] = computeMetric(m, { yTrue, yPred: outputs.yPred as Float64Array, sampleWeight });
    } else {
      scores[m] = computeMetric(m, { yTrue, yPred: outputs.yPred, proba: outputs.proba, classes: ctx.classes, positiveClass: ctx.positiveClass, sampleWeight });
    }
  }
  return scores;
}

/** Predicts and scores in one call. */
export function scoreModel<D extends Dataset>(
  model: FittableModel<D>,
  X: D,
  yTrue: ArrayLike<number>,
  metrics: readonly MetricId[],
  ctx: ScoringContext,
  sampleWeight?: ArrayLike<number>,
): Record<string, number> {
  return scoreOutputs(predictFor(model, X, metrics, ctx), yTrue, metrics, ctx, sampleWeight);
}
