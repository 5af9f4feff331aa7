/**
 * Cross-validation: for each fold, a fresh model from the factory is fitted on the training
 * rows and scored on the held-out rows with the requested metric ids; the fold scores, their
 * mean and standard deviation (population, ddof = 0, like scikit-learn's `cross_validate`
 * summaries), the timings and, optionally, the out-of-fold predictions are returned.
 * Folds run one after another (parallelism belongs to the worker pool, one run per worker);
 * cancellation is checked between folds and passed into each fit.
 * Stone (1974), "Cross-validatory choice and assessment of statistical predictions", JRSS B 36.
 */
import { CancelledError, InvalidInputError, throwIfAborted, type AbortSignalLike } from '../core/errors.js';
import type { FitProgress } from '../core/interfaces.js';
import { createMatrix, type Matrix } from '../core/matrix.js';
import { METRICS, type MetricId } from '../../../shared/domain/metrics.js';
import { uniqueLabels } from '../metrics/internal.js';
import { jsonNumber } from '../metrics/internal.js';
import { nRowsOf, takeDataRows, takeValues, type Dataset, type FittableModel } from './data.js';
import { checkMetrics, predictFor, scoreOutputs, type ScoringContext } from './scoring.js';
import { makeFolds, type CvSpec, type Fold } from './splits.js';

/** Progress of a cross-validation. */
export interface CvProgress {
  /** 0..1 of the whole cross-validation. */
  fraction: number;
  /** 0-based fold being worked on. */
  fold: number;
  nFolds: number;
  phase: 'fit' | 'score';
  elapsedMs: number;
  /** The estimator's own progress inside the fit, when it reports one. */
  fit?: FitProgress;
}

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions {
  /** Default: classification when the metrics are classification metrics. */
  task?: 'classification' | 'regression';
  /** All classes of the problem, sorted (default: the labels of y). */
  classes?: readonly number[];
  positiveClass?: number;
  /** Used for fitting (passed to `fit`) and for weighted metrics. */
  sampleWeight?: ArrayLike<number>;
  /** Group ids (group k-fold) and time stamps (time series split). */
  groups?: ArrayLike<number>;
  order?: ArrayLike<number>;
  signal?: AbortSignalLike;
  onProgress?: (p: CvProgress) => void;
  /** Milliseconds clock (default Date.now); injectable for tests. */
  now?: () => number;
  /** Keep each row's prediction from the fold that held it out. */
  returnOutOfFold?: boolean;
  /** Keep the fitted model of each fold. */
  returnModels?: boolean;
}

/** One fold's outcome. */
export interface FoldResult {
  fold: number;
  trainRows: number;
  testRows: number;
  fitMs: number;
  scoreMs: number;
  /** Metric values (null: undefined on this fold, e.g. ROC-AUC with one class). */
  scores: Record<string, number | null>;
}

/** Out-of-fold predictions (rows never held out keep NaN and `isCovered` 0). */
export interface OutOfFold {
  yPred?: Float64Array;
  /** nRows x K, columns in `classes` order. */
  proba?: Matrix;
  isCovered: Uint8Array;
}

/** The outcome of a cross-validation. */
export interface CrossValidateResult<D extends Dataset = Dataset> {
  metrics: MetricId[];
  folds: FoldResult[];
  /** Mean over folds; null when any fold is undefined. */
  mean: Record<string, number | null>;
  /** Population standard deviation over folds. */
  std: Record<string, number | null>;
  totalMs: number;
  classes?: number[];
  outOfFold?: OutOfFold;
  models?: FittableModel<D>[];
}

/** Infers the task from the metrics. */
export function taskOfMetrics(metrics: readonly MetricId[]): 'classification' | 'regression' {
  if (metrics.length === 0) throw new InvalidInputError('At least one metric is needed.', 'metrics');
  return METRICS[metrics[0]]?.task ?? 'classification';
}

/** Resolves the folds of a scheme (or takes ready folds), checking their indices. */
export function resolveFolds(cv: CvSpec | readonly Fold[], nRows: number, y: ArrayLike<number>, options: { groups?: ArrayLike<number>; order?: ArrayLike<number> }): readonly Fold[] {
  const folds = Array.isArray(cv) ? (cv as readonly Fold[]) : makeFolds(cv as CvSpec, { nRows, y, groups: options.groups, order: options.order });
  if (folds.length === 0) throw new InvalidInputError('There are no folds.', 'cv');
  for (const f of folds) {
    if (f.train.length === 0 || f.test.length === 0) throw new InvalidInputError('A fold has no training or no test rows.', 'cv');
    for (const idx of [f.train, f.test]) {
      for (let i = 0; i < idx.length; i++) {
        if (!(idx[i] >= 0 && idx[i] < nRows)) throw new InvalidInputError(`A fold refers to row ${idx[i]}, outside 0..${nRows - 1}.`, 'cv');
      }
    }
  }
  return folds;
}

/** Mean and population standard deviation; null when any value is NaN. */
export function meanStd(values: readonly number[]): { mean: number | null; std: number | null } {
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) return { mean: null, std: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) * (b - mean), 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

/**
 * Cross-validates the models made by `factory` on (X, y) with the folds of `cv`, scoring each
 * held-out fold with `metrics` (ids of `shared/domain/metrics.ts`).
 */
export function crossValidate<D extends Dataset>(
  factory: () => FittableModel<D>,
  X: D,
  y: ArrayLike<number>,
  cv: CvSpec | readonly Fold[],
  metrics: readonly MetricId[],
  options: CrossValidateOptions = {},
): CrossValidateResult<D> {
  const now = options.now ?? Date.now;
  const start = now();
  const n = nRowsOf(X);
  if (y.length !== n) throw new InvalidInputError(`X has ${n} rows but y has ${y.length} values.`, 'y');
  const task = options.task ?? taskOfMetrics(metrics);
  checkMetrics(metrics, task);
  if (options.sampleWeight && options.sampleWeight.length !== n) {
    throw new InvalidInputError(`sampleWeight has ${options.sampleWeight.length} values, expected ${n}.`, 'sampleWeight');
  }
  const classes = task === 'classification' ? [...(options.classes ?? uniqueLabels(y))] : undefined;
  const ctx: ScoringContext = { task, classes, positiveClass: options.positiveClass };
  const folds = resolveFolds(cv, n, y, options);
  const nFolds = folds.length;
  const results: FoldResult[] = [];
  const models: FittableModel<D>[] = [];
  let oof: OutOfFold | undefined;
  if (options.returnOutOfFold) {
    oof = { isCovered: new Uint8Array(n) };
    const needsProba = metrics.some((m) => m === 'roc_auc' || m === 'average_precision' || m === 'log_loss' || m === 'brier');
    oof.yPred = new Float64Array(n).fill(NaN);
    if (needsProba && classes) oof.proba = createMatrix(n, classes.length, new Float64Array(n * classes.length).fill(NaN));
  }
  const report = (fold: number, phase: 'fit' | 'score', within: number, fit?: FitProgress): void => {
    options.onProgress?.({ fraction: Math.min(1, (fold + within) / nFolds), fold, nFolds, phase, elapsedMs: now() - start, fit });
  };
  for (let f = 0; f < nFolds; f++) {
    throwIfAborted(options.signal);
    const { train, test } = folds[f];
    report(f, 'fit', 0);
    const model = factory();
    const t0 = now();
    const fitProgress = options.onProgress ? (p: FitProgress) => report(f, 'fit', 0.9 * p.fraction, p) : undefined;
    model.fit(takeDataRows(X, train), takeValues(y, train), {
      sampleWeight: options.sampleWeight ? takeValues(options.sampleWeight, train) : undefined,
      signal: options.signal,
      onProgress: fitProgress,
    });
    if (options.signal?.aborted) throw new CancelledError();
    const t1 = now();
    report(f, 'score', 0.9);
    const Xte = takeDataRows(X, test);
    const yte = takeValues(y, test);
    const outputs = predictFor(model, Xte, metrics, ctx);
    const scores = scoreOutputs(outputs, yte, metrics, ctx, options.sampleWeight ? takeValues(options.sampleWeight, test) : undefined);
    const t2 = now();
    if (oof) {
      const preds = outputs.yPred ?? model.predict(Xte);
      for (let k = 0; k < test.length; k++) {
        oof.yPred![test[k]] = preds[k];
        oof.isCovered[test[k]] = 1;
      }
      if (oof.proba && outputs.proba) {
        const K = outputs.proba.nCols;
        for (let j = 0; j < K; j++) for (let k = 0; k < test.length; k++) oof.proba.data[j * n + test[k]] = outputs.proba.data[j * test.length + k];
      }
    }
    if (options.returnModels) models.push(model);
    const json: Record<string, number | null> = {};
    for (const m of metrics) json[m] = jsonNumber(scores[m]);
    results.push({ fold: f, trainRows: train.length, testRows: test.length, fitMs: t1 - t0, scoreMs: t2 - t1, scores: json });
    report(f, 'score', 1);
  }
  const mean: Record<string, number | null> = {};
  const std: Record<string, number | null> = {};
  for (const m of metrics) {
    const s = meanStd(results.map((r) => r.scores[m] ?? NaN));
    mean[m] = s.mean;
    std[m] = s.std;
  }
  return {
    metrics: [...metrics],
    folds: results,
    mean,
    std,
    totalMs: now() - start,
    classes,
    outOfFold: oof,
    models: options.returnModels ? models : undefined,
  };
}
