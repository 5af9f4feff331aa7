/**
 * Permutation importance: how much a fitted model's score drops when one feature's values are
 * shuffled across rows, breaking its link with the target while keeping its distribution.
 * Model-agnostic: it only calls the model's predictions, so it works for any estimator and for a
 * fitted pipeline on raw Frame columns (permuting a raw column moves everything derived from it,
 * e.g. all its one-hot columns, together).
 *
 * Method (Breiman 2001, "Random forests", Machine Learning 45; Fisher, Rudin & Dominici 2019,
 * "All models are wrong, but many are useful", JMLR 20; scikit-learn's
 * `permutation_importance`): score the unpermuted rows once; for each feature (or group of
 * features permuted jointly) and each of `nRepeats` repeats, shuffle that column with a seeded
 * permutation, predict, and score. Importance = baseline - permuted score for metrics where
 * higher is better, permuted - baseline where lower is better, so a positive value always means
 * "the model relies on it". Mean and population standard deviation (ddof = 0) over repeats.
 * Every feature uses the same seed, so a feature's result does not depend on which other features
 * are evaluated. Best computed on held-out rows: on training rows it measures what the model
 * memorised.
 */
import { InvalidInputError, throwIfAborted, type AbortSignalLike } from '../core/errors.js';
import type { FrameColumn } from '../core/frame.js';
import type { Matrix } from '../core/matrix.js';
import { Rng } from '../core/rng.js';
import { METRICS, type MetricId } from '../../../shared/domain/metrics.js';
import { labelsFromProba, metricNeed } from '../metrics/compute.js';
import { jsonNumber, uniqueLabels } from '../metrics/internal.js';
import { isFrame, type Dataset } from '../model-selection/data.js';
import { alignProba, scoreOutputs, type ModelOutputs, type ScoringContext } from '../model-selection/scoring.js';

/** A fitted model (estimator or pipeline) whose predictions are scored. */
export interface PredictorLike<D extends Dataset> {
  predict(X: D): Float64Array;
  predictProba?(X: D): Matrix;
  readonly classes?: readonly number[];
}

/**
 * A prediction function: labels or values (Float64Array), or class probabilities (a Matrix whose
 * columns follow `classes`).
 */
export type PredictFunction<D extends Dataset> = (X: D) => Float64Array | Matrix;

/** Progress of a permutation-importance run. */
export interface PermutationProgress {
  fraction: number;
  /** Index of the feature being permuted. */
  feature: number;
  repeat: number;
}

/** Options of {@link permutationImportance}. */
export interface PermutationImportanceOptions<D extends Dataset> {
  model: PredictorLike<D> | PredictFunction<D>;
  X: D;
  y: ArrayLike<number>;
  metric: MetricId;
  /** Problem classes, sorted (classification; default: the model's classes, else y's labels). */
  classes?: readonly number[];
  positiveClass?: number;
  sampleWeight?: ArrayLike<number>;
  /** Shuffles per feature (default 5, as scikit-learn). */
  nRepeats?: number;
  /** Seed of the shuffles (default 0). */
  seed?: number;
  /**
   * Features to permute: column indices (Matrix) or names (Frame); an inner array is a group
   * permuted with one shared shuffle. Default: every column on its own.
   */
  features?: readonly (number | string | readonly (number | string)[])[];
  /** Names of a Matrix's columns, for the report. */
  featureNames?: readonly string[];
  signal?: AbortSignalLike;
  onProgress?: (p: PermutationProgress) => void;
}

/** The importance of one feature (or group), JSON-safe. */
export interface FeatureImportance {
  /** Column name(s), joined with " + " for a group. */
  feature: string;
  /** Column indices in X. */
  columns: number[];
  /** Mean drop in score (null when a permuted score was undefined). */
  importanceMean: number | null;
  importanceStd: number | null;
  /** One value per repeat. */
  importances: (number | null)[];
}

/** The outcome of {@link permutationImportance}. */
export interface PermutationImportanceResult {
  metric: MetricId;
  direction: 'higher' | 'lower';
  baselineScore: number | null;
  nRepeats: number;
  seed: number;
  features: FeatureImportance[];
}

function outputsOf<D extends Dataset>(model: PredictorLike<D> | PredictFunction<D>, X: D, metric: MetricId, ctx: ScoringContext): ModelOutputs {
  const need = metricNeed(metric);
  if (typeof model === 'function') {
    const out = model(X);
    if (out instanceof Float64Array) {
      if (need === 'proba') throw new InvalidInputError(`The metric ${metric} needs probabilities; the prediction function returns labels.`, 'metric');
      return { yPred: out };
    }
    if (!ctx.classes) throw new InvalidInputError('classes is required when the prediction function returns probabilities.', 'classes');
    return need === 'labels' ? { yPred: labelsFromProba(out, ctx.classes), proba: out } : { proba: out };
  }
  if (need === 'proba') {
    if (!model.predictProba || !model.classes) throw new InvalidInputError(`The metric ${metric} needs probabilities, which this model does not give.`, 'metric');
    return { proba: alignProba(model.predictProba(X), model.classes, ctx.classes ?? model.classes) };
  }
  return { yPred: model.predict(X) };
}

/** Resolves the requested features to groups of column indices and display names. */
function resolveFeatures<D extends Dataset>(options: PermutationImportanceOptions<D>): { columns: number[]; name: string }[] {
  const X = options.X;
  const names = isFrame(X) ? X.columns.map((c) => c.name) : Array.from({ length: X.nCols }, (_, j) => options.featureNames?.[j] ?? `feature ${j}`);
  const toIndex = (f: number | string): number => {
    const j = typeof f === 'number' ? f : names.indexOf(f);
    if (!Number.isInteger(j) || j < 0 || j >= names.length) throw new InvalidInputError(`Unknown feature ${JSON.stringify(f)}.`, 'features');
    return j;
  };
  const requested = options.features ?? names.map((_, j) => j);
  return requested.map((f) => {
    const cols = (Array.isArray(f) ? f : [f]).map(toIndex);
    if (cols.length === 0) throw new InvalidInputError('A feature group is empty.', 'features');
    return { columns: cols, name: cols.map((j) => names[j]).join(' + ') };
  });
}

/** `values[perm]` for a Frame column. */
function permuteColumn(c: FrameColumn, perm: Int32Array): FrameColumn {
  switch (c.kind) {
    case 'numeric':
    case 'datetime':
      return { ...c, values: Float64Array.from(perm, (i) => c.values[i]) };
    case 'categorical':
      return { ...c, codes: Int32Array.from(perm, (i) => c.codes[i]) };
    case 'text':
      return { ...c, values: Array.from(perm, (i) => c.values[i]) };
  }
}

/**
 * Permutation importance of each feature for `metric` (an id of `shared/domain/metrics.ts`).
 * Costs (number of features) × nRepeats predictions over X.
 */
export function permutationImportance<D extends Dataset>(options: PermutationImportanceOptions<D>): PermutationImportanceResult {
  const { X, y, metric } = options;
  const info = METRICS[metric];
  if (!info) throw new InvalidInputError(`Unknown metric "${String(metric)}".`, 'metric');
  const n = X.nRows;
  if (y.length !== n) throw new InvalidInputError(`X has ${n} rows but y has ${y.length} values.`, 'y');
  if (n < 2) throw new InvalidInputError('Permutation importance needs at least two rows.', 'X');
  const nRepeats = options.nRepeats ?? 5;
  if (!Number.isInteger(nRepeats) || nRepeats < 1) throw new InvalidInputError(`nRepeats must be a positive integer, got ${nRepeats}.`, 'nRepeats');
  const seed = options.seed ?? 0;
  const modelClasses = typeof options.model === 'function' ? undefined : options.model.classes;
  const classes = info.task === 'classification' ? [...(options.classes ?? modelClasses ?? uniqueLabels(y))] : undefined;
  const ctx: ScoringContext = { task: info.task, classes, positiveClass: options.positiveClass };
  const score = (data: D): number => scoreOutputs(outputsOf(options.model, data, metric, ctx), y, [metric], ctx, options.sampleWeight)[metric];
  const baseline = score(X);
  const sign = info.direction === 'higher' ? 1 : -1;
  const groups = resolveFeatures(options);
  const total = groups.length * nRepeats;
  // a working copy for matrices; frames are rebuilt per permutation with shared untouched columns
  const work = isFrame(X) ? undefined : { nRows: n, nCols: X.nCols, data: Float64Array.from(X.data) };
  const features: FeatureImportance[] = [];
  let done = 0;
  groups.forEach((g, gi) => {
    const rng = new Rng(seed);
    const perm = Int32Array.from({ length: n }, (_, i) => i);
    const drops: number[] = [];
    for (let r = 0; r < nRepeats; r++) {
      throwIfAborted(options.signal);
      for (let i = 0; i < n; i++) perm[i] = i;
      rng.shuffle(perm);
      let data: D;
      if (work) {
        const src = X as Matrix;
        for (const j of g.columns) {
          const off = j * n;
          for (let i = 0; i < n; i++) work.data[off + i] = src.data[off + perm[i]];
        }
        data = work as D;
      } else {
        const frame = X as Extract<Dataset, { columns: unknown }>;
        const columns = frame.columns.map((c, j) => (g.columns.includes(j) ? permuteColumn(c, perm) : c));
        data = { nRows: n, columns } as unknown as D;
      }
      drops.push(sign * (baseline - score(data)));
      done++;
      options.onProgress?.({ fraction: done / total, feature: gi, repeat: r });
    }
    if (work) {
      const src = X as Matrix;
      for (const j of g.columns) work.data.set(src.data.subarray(j * n, (j + 1) * n), j * n);
    }
    const finite = drops.every(Number.isFinite);
    const mean = finite ? drops.reduce((a, b) => a + b, 0) / nRepeats : NaN;
    const std = finite ? Math.sqrt(drops.reduce((a, b) => a + (b - mean) * (b - mean), 0) / nRepeats) : NaN;
    features.push({ feature: g.name, columns: g.columns, importanceMean: jsonNumber(mean), importanceStd: jsonNumber(std), importances: drops.map(jsonNumber) });
  });
  return { metric, direction: info.direction, baselineScore: jsonNumber(baseline), nRepeats, seed, features };
}
