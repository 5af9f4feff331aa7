/**
 * Hyper-parameter search: grid search (every combination) and random search (seeded draws) over
 * the catalogue's parameter specs, each candidate cross-validated with the same folds, ranked by
 * one metric id. A time budget stops the search from starting new candidates once it is spent
 * (the running candidate finishes; at least one candidate always runs); the clock is injectable.
 * Progress is reported per fold, cancellation (AbortSignalLike) is checked between folds and
 * inside fits, and a candidate whose fit fails is recorded as failed without stopping the search.
 * Bergstra & Bengio (2012), "Random search for hyper-parameter optimization", JMLR 13.
 */
import { CancelledError, InvalidInputError, type AbortSignalLike } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import type { ParamSpec } from '../../../shared/domain/model-catalog.js';
import { METRICS, type MetricId } from '../../../shared/domain/metrics.js';
import { isBetterScore } from '../metrics/compute.js';
import { uniqueLabels } from '../metrics/internal.js';
import { nRowsOf, type Dataset, type FittableModel } from './data.js';
import { crossValidate, resolveFolds, taskOfMetrics, type CvProgress } from './cross-validate.js';
import { expandGrid, gridValues, paramsKey, sampleParams, type ParamGrid, type ParamValues } from './param-space.js';
import type { CvSpec, Fold } from './splits.js';

/** Progress of a search. */
export interface SearchProgress {
  /** 0..1, by candidates planned (a time budget may end the search earlier). */
  fraction: number;
  /** 0-based candidate being evaluated. */
  candidate: number;
  nCandidates: number;
  fold: number;
  nFolds: number;
  elapsedMs: number;
  /** Best mean score so far (null before the first finished candidate). */
  bestScore: number | null;
}

/** Options shared by both searches. */
export interface SearchOptions<D extends Dataset> {
  /** Makes an unfitted model from a candidate's parameters (merged over `fixedParams`). */
  factory: (params: Record<string, unknown>) => FittableModel<D>;
  X: D;
  y: ArrayLike<number>;
  /** Cross-validation scheme or ready folds (the same folds for every candidate). */
  cv: CvSpec | readonly Fold[];
  /** The metric that ranks candidates. */
  scoring: MetricId;
  /** Further metrics to record (not used for ranking). */
  metrics?: readonly MetricId[];
  /** Parameters held constant. */
  fixedParams?: Record<string, unknown>;
  /** Stop starting candidates after this many milliseconds. */
  timeBudgetMs?: number;
  /** Milliseconds clock (default Date.now). */
  now?: () => number;
  signal?: AbortSignalLike;
  onProgress?: (p: SearchProgress) => void;
  /** Refit the best candidate on all rows (default false). */
  refit?: boolean;
  sampleWeight?: ArrayLike<number>;
  groups?: ArrayLike<number>;
  order?: ArrayLike<number>;
  classes?: readonly number[];
  positiveClass?: number;
}

/** One candidate's outcome. */
export interface CandidateResult {
  index: number;
  params: ParamValues;
  status: 'done' | 'failed' | 'skipped';
  /** Mean and std of the ranking metric over folds (null if undefined, failed or skipped). */
  meanScore: number | null;
  stdScore: number | null;
  foldScores: (number | null)[];
  /** Mean of every recorded metric. */
  metrics: Record<string, number | null>;
  /** Total fitting time over folds. */
  fitMs: number;
  /** 1 = best; equal scores share a rank; null when not ranked. */
  rank: number | null;
  /** Why it failed. */
  error?: string;
}

/** The outcome of a search. */
export interface SearchResult<D extends Dataset> {
  scoring: MetricId;
  direction: 'higher' | 'lower';
  candidates: CandidateResult[];
  bestIndex: number | null;
  bestParams: ParamValues | null;
  bestScore: number | null;
  stoppedBy: 'completed' | 'time_budget';
  elapsedMs: number;
  /** The best candidate refitted on all rows (with `refit`). */
  bestModel?: FittableModel<D>;
}

function runSearch<D extends Dataset>(candidates: ParamValues[], options: SearchOptions<D>): SearchResult<D> {
  const now = options.now ?? Date.now;
  const start = now();
  const scoring = options.scoring;
  if (!METRICS[scoring]) throw new InvalidInputError(`Unknown metric "${String(scoring)}".`, 'scoring');
  const metrics = [scoring, ...(options.metrics ?? []).filter((m) => m !== scoring)];
  const task = taskOfMetrics(metrics);
  const n = nRowsOf(options.X);
  if (options.y.length !== n) throw new InvalidInputError(`X has ${n} rows but y has ${options.y.length} values.`, 'y');
  const folds = resolveFolds(options.cv, n, options.y, options);
  const classes = task === 'classification' ? (options.classes ?? uniqueLabels(options.y)) : undefined;
  const results: CandidateResult[] = candidates.map((params, index) => ({
    index,
    params,
    status: 'skipped',
    meanScore: null,
    stdScore: null,
    foldScores: [],
    metrics: {},
    fitMs: 0,
    rank: null,
  }));
  let best: number | null = null;
  let stoppedBy: SearchResult<D>['stoppedBy'] = 'completed';
  for (let c = 0; c < candidates.length; c++) {
    if (c > 0 && options.timeBudgetMs !== undefined && now() - start >= options.timeBudgetMs) {
      stoppedBy = 'time_budget';
      break;
    }
    if (options.signal?.aborted) throw new CancelledError();
    const r = results[c];
    const params = { ...options.fixedParams, ...candidates[c] };
    const onProgress = options.onProgress
      ? (p: CvProgress) =>
          options.onProgress?.({
            fraction: Math.min(1, (c + p.fraction) / candidates.length),
            candidate: c,
            nCandidates: candidates.length,
            fold: p.fold,
            nFolds: p.nFolds,
            elapsedMs: now() - start,
            bestScore: best === null ? null : results[best].meanScore,
          })
      : undefined;
    try {
      const cv = crossValidate(() => options.factory(params), options.X, options.y, folds, metrics, {
        task,
        classes,
        positiveClass: options.positiveClass,
        sampleWeight: options.sampleWeight,
        signal: options.signal,
        onProgress,
        now,
      });
      r.status = 'done';
      r.meanScore = cv.mean[scoring];
      r.stdScore = cv.std[scoring];
      r.foldScores = cv.folds.map((f) => f.scores[scoring]);
      r.metrics = cv.mean;
      r.fitMs = cv.folds.reduce((a, f) => a + f.fitMs, 0);
    } catch (e) {
      if (e instanceof CancelledError) throw e;
      r.status = 'failed';
      r.error = e instanceof Error ? e.message : String(e);
      continue;
    }
    if (r.meanScore !== null && (best === null || isBetterScore(scoring, r.meanScore, results[best].meanScore ?? NaN))) best = c;
  }
  // ranks: 1 for the best, equal scores share the lower rank (scikit-learn's rank_test_score)
  const ranked = results.filter((r) => r.meanScore !== null).sort((a, b) => (isBetterScore(scoring, a.meanScore!, b.meanScore!) ? -1 : isBetterScore(scoring, b.meanScore!, a.meanScore!) ? 1 : a.index - b.index));
  ranked.forEach((r, i) => {
    r.rank = i > 0 && ranked[i - 1].meanScore === r.meanScore ? ranked[i - 1].rank : i + 1;
  });
  const result: SearchResult<D> = {
    scoring,
    direction: METRICS[scoring].direction,
    candidates: results,
    bestIndex: best,
    bestParams: best === null ? null : results[best].params,
    bestScore: best === null ? null : results[best].meanScore,
    stoppedBy,
    elapsedMs: now() - start,
  };
  if (options.refit && best !== null) {
    const model = options.factory({ ...options.fixedParams, ...results[best].params });
    model.fit(options.X, options.y, { sampleWeight: options.sampleWeight ? Float64Array.from(options.sampleWeight) : undefined, signal: options.signal });
    result.bestModel = model;
  }
  return result;
}

/** Options of {@link gridSearch}. */
export interface GridSearchOptions<D extends Dataset> extends SearchOptions<D> {
  /** Specs of the parameters to vary (their grid is generated), and/or explicit value lists. */
  specs?: readonly ParamSpec[];
  grid?: ParamGrid;
  /** Points per numeric range (default 3). */
  pointsPerParam?: number;
  /** Refuse grids larger than this (default 10,000). */
  maxCandidates?: number;
}

/** Evaluates every combination of the grid. Explicit `grid` lists override generated ones. */
export function gridSearch<D extends Dataset>(options: GridSearchOptions<D>): SearchResult<D> {
  const grid: ParamGrid = {};
  for (const spec of options.specs ?? []) grid[spec.name] = gridValues(spec, options.pointsPerParam ?? 3);
  Object.assign(grid, options.grid ?? {});
  if (Object.keys(grid).length === 0) throw new InvalidInputError('The grid is empty: give specs or explicit values.', 'grid');
  return runSearch(expandGrid(grid, options.maxCandidates), options);
}

/** Options of {@link randomSearch}. */
export interface RandomSearchOptions<D extends Dataset> extends SearchOptions<D> {
  specs: readonly ParamSpec[];
  /** Number of candidates to draw. */
  nIter: number;
  /** Seed of the draws (default 0). */
  seed?: number;
  /** Probability of null for nullable parameters (default 0.2). */
  nullProbability?: number;
}

/**
 * Evaluates `nIter` seeded random candidates (distinct; fewer if the space has fewer). Numeric
 * parameters with `isLogScale` are drawn log-uniformly.
 */
export function randomSearch<D extends Dataset>(options: RandomSearchOptions<D>): SearchResult<D> {
  if (!Number.isInteger(options.nIter) || options.nIter < 1) throw new InvalidInputError(`nIter must be a positive integer, got ${options.nIter}.`, 'nIter');
  if (options.specs.length === 0) throw new InvalidInputError('Random search needs at least one parameter spec.', 'specs');
  const rng = new Rng(options.seed ?? 0);
  const seen = new Set<string>();
  const candidates: ParamValues[] = [];
  let misses = 0;
  while (candidates.length < options.nIter && misses < 100) {
    const p = sampleParams(options.specs, rng, { nullProbability: options.nullProbability });
    const key = paramsKey(p);
    if (seen.has(key)) {
      misses++;
      continue;
    }
    seen.add(key);
    candidates.push(p);
    misses = 0;
  }
  return runSearch(candidates, options);
}
