/**
 * The work of one training run, inside its worker thread (workers/training-run.worker.ts):
 *   1. load the dataset version and its partition through the worker's own connection;
 *   2. optionally search hyper-parameters: seeded candidates (random draws from the catalogue's
 *      ranges, or a 3-point grid), each cross-validated on the training part, until the time budget
 *      or the candidate count is spent; a rerun replays exactly the recorded number of candidates;
 *   3. fit the pipeline on the whole training part, streaming the learning curve (boosting, MLP);
 *   4. k-fold: cross-validate on the training part (scores recorded; out-of-fold predictions give
 *      the report when the partition has no validation rows);
 *   5. evaluate on the validation part and serialise the fitted pipeline.
 * It returns everything the backend commits in one transaction; it writes nothing itself. Every
 * random step is seeded by the run's seed, so the same input gives a byte-identical artifact.
 */
import { createHash } from 'node:crypto';
import type { PipelineSpec } from '../../../../shared/domain/pipeline-spec.js';
import { METRICS, type MetricId, type TaskType } from '../../../../shared/domain/metrics.js';
import type { ParamSpec } from '../../../../shared/domain/model-catalog.js';
import { CancelledError, throwIfAborted } from '../../../ml/core/errors.js';
import type { FitProgress } from '../../../ml/core/interfaces.js';
import { takeFrameRows } from '../../../ml/core/frame.js';
import { Rng } from '../../../ml/core/rng.js';
import { pipelineFromSpec } from '../../../ml/compose/from-spec.js';
import { isBetterScore } from '../../../ml/metrics/compute.js';
import { crossValidate } from '../../../ml/model-selection/cross-validate.js';
import { expandGrid, gridValues, paramsKey, sampleParams, type ParamValues } from '../../../ml/model-selection/param-space.js';
import { pipelineAsModel } from '../../../ml/model-selection/pipeline-adapter.js';
import { kFold, stratifiedKFold, type Fold } from '../../../ml/model-selection/splits.js';
import { MODEL_CATALOG } from '../../../ml/registry.js';
import type { VersionManifest } from '../../storage/repos/datasets.js';
import { AppError } from '../../../../shared/errors.js';
import { buildReport, cleanProbabilities, type StoredReport, type StoredThresholds } from './evaluate.js';
import type { FittableModel } from '../../../ml/model-selection/data.js';
import type { Frame } from '../../../ml/core/frame.js';
import { checkTargetPresent, frameForSpec, loadVersion, partRows, schemaOfManifest, tableCounts, targetLabels, targetValues, type ProjectRef, type WorkHooks } from './data.js';
import { checkSpecFits, defaultSpec, specForModel } from '../specs.js';

/** A search request as the run records it. */
export interface RunSearch {
  kind: 'random' | 'grid';
  budgetSeconds: number;
  maxCandidates: number;
}

/** Input of a training run. */
export interface RunWork extends ProjectRef {
  runId: string;
  manifest: VersionManifest;
  /** The spec: feature steps, model id and the requested params (seed already applied). */
  spec: PipelineSpec;
  /**
   * How the spec becomes the one fitted, with exact counts from the loaded table: `default` builds
   * the default spec for the spec's target, task and model; `model` adapts the spec's features to
   * the model's family (roles kept); `none` fits the spec as it is.
   */
  adapt: 'default' | 'model' | 'none';
  task: TaskType;
  /** Ranks search candidates. */
  metric: MetricId;
  positiveClass: string | null;
  validation: { scheme: 'holdout' | 'kfold'; k: number | null };
  search: RunSearch | null;
  /** Rerun of a search: evaluate exactly this many candidates, with no time budget. */
  replayCandidates: number | null;
  seed: number;
}

/** A learning-curve point. */
export interface CurvePoint {
  iteration: number;
  trainLoss?: number;
  validationScore?: number;
}

/** A search candidate's outcome. */
export interface CandidateOutcome {
  params: ParamValues;
  status: 'done' | 'failed' | 'skipped';
  meanScore: number | null;
  stdScore: number | null;
  rank: number | null;
  fitMs: number;
  error?: string;
}

/** What a run returns to the backend. */
export interface RunWorkResult {
  /** The spec actually fitted (recorded with the run). */
  spec: PipelineSpec;
  finalParams: ParamValues;
  evaluatedOn: 'validation' | 'outOfFold';
  trainRows: number;
  evaluatedRows: number;
  metrics: Record<string, number | null>;
  cv: { k: number; mean: Record<string, number | null>; std: Record<string, number | null> } | null;
  report: StoredReport;
  thresholds: StoredThresholds | null;
  curveMetric: string | null;
  curve: CurvePoint[];
  searchResult: { metric: MetricId; candidates: CandidateOutcome[]; bestIndex: number | null; stoppedBy: 'completed' | 'time_budget'; elapsedMs: number } | null;
  classLabels: string[] | null;
  featureNames: string[];
  artifactJson: string;
  artifactSha256: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
}

/** Hooks of a run: progress, cancellation, and the learning curve as it is drawn. */
export interface RunHooks extends WorkHooks {
  curve?(point: CurvePoint, metric: string): void;
}

/** Curve points kept with the run (thinned evenly beyond this, keeping both ends). */
const MAX_CURVE_POINTS = 1000;
/** Parameters the grid varies at most (the first of the model's, in catalogue order). */
const MAX_GRID_PARAMS = 3;

/** Every metric id of the task that applies to the number of classes. */
export function metricsFor(task: TaskType, nClasses: number): MetricId[] {
  return (Object.keys(METRICS) as MetricId[]).filter((id) => METRICS[id].task === task && (!METRICS[id].isBinaryOnly || nClasses === 2));
}

/** The metric that ranks: the requested one when it applies, else a task default. */
export function rankingMetric(requested: MetricId, task: TaskType, nClasses: number): MetricId {
  const m = METRICS[requested];
  if (m.task === task && (!m.isBinaryOnly || nClasses === 2)) return requested;
  return task === 'classification' ? 'balanced_accuracy' : 'rmse';
}

/** The catalogue's parameter specs a search may vary (not the seed, not what the user fixed). */
export function searchableParams(modelId: string, task: TaskType, fixed: Readonly<Record<string, unknown>>): ParamSpec[] {
  const entry = MODEL_CATALOG.find((m) => m.id === modelId);
  const specs = entry?.params[task] ?? [];
  return specs.filter((p) => p.name !== 'randomState' && !(p.name in fixed));
}

/** The seeded candidate list of a search. */
export function searchCandidates(search: RunSearch, specs: readonly ParamSpec[], seed: number, count: number): ParamValues[] {
  if (specs.length === 0) return [{}];
  if (search.kind === 'grid') {
    const grid: Record<string, (number | string | boolean | null)[]> = {};
    for (const s of specs.slice(0, MAX_GRID_PARAMS)) grid[s.name] = gridValues(s, 3);
    return expandGrid(grid, 100_000).slice(0, count);
  }
  const rng = new Rng(seed);
  const seen = new Set<string>();
  const out: ParamValues[] = [];
  let misses = 0;
  while (out.length < count && misses < 100) {
    const p = sampleParams(specs, rng);
    const key = paramsKey(p);
    if (seen.has(key)) {
      misses++;
      continue;
    }
    seen.add(key);
    out.push(p);
    misses = 0;
  }
  return out;
}

/** A model whose probabilities are cleaned of floating-point dust before they are scored (see `cleanProbabilities`). */
export function cleanModel(model: FittableModel<Frame>): FittableModel<Frame> {
  const inner = model.predictProba?.bind(model);
  return inner ? Object.assign(model, { predictProba: (X: Frame) => cleanProbabilities(inner(X)) }) : model;
}

function foldsFor(task: TaskType, y: Float64Array, k: number, seed: number): Fold[] {
  return task === 'classification' ? stratifiedKFold(y, { nSplits: k, shuffle: true, seed }) : kFold(y.length, { nSplits: k, shuffle: true, seed });
}

function thinCurve(points: CurvePoint[]): CurvePoint[] {
  if (points.length <= MAX_CURVE_POINTS) return points;
  const step = (points.length - 1) / (MAX_CURVE_POINTS - 1);
  const out: CurvePoint[] = [];
  for (let k = 0; k < MAX_CURVE_POINTS; k++) out.push(points[k === MAX_CURVE_POINTS - 1 ? points.length - 1 : Math.round(k * step)]);
  return out;
}

/** Runs one training run. */
export function trainRun(input: RunWork, hooks: RunHooks): RunWorkResult {
  const started = new Date();
  const t0 = Date.now();
  hooks.progress(0, 'jobs.phase.training.loading');
  const { table, assignment } = loadVersion(input, input.manifest, hooks, 0.08);
  if (!assignment) {
    throw new AppError('INVALID_ARGUMENT', 'This dataset version has no train/validation/test partition; partition it in the Data step first.', {
      messageKey: 'errors.training.needsPartition',
      details: { field: 'versionId' },
    });
  }
  const counts = tableCounts(table);
  const schema = schemaOfManifest(input.manifest);
  const given = input.spec;
  const spec =
    input.adapt === 'default'
      ? defaultSpec(schema, counts, { target: given.target, task: given.task }, given.model)
      : input.adapt === 'model'
        ? specForModel(given, given.model, true, schema, counts)
        : given;
  checkSpecFits(spec, schema, 'spec');
  const frame = frameForSpec(table, spec);
  const train = partRows(assignment, frame.nRows, 0);
  const valid = partRows(assignment, frame.nRows, 1);
  const isKfold = input.validation.scheme === 'kfold';
  if (!isKfold && valid.length === 0) {
    throw new AppError('INVALID_ARGUMENT', 'The partition has no validation rows: choose k-fold validation or partition again with a validation share.', {
      messageKey: 'errors.training.noValidationRows',
      details: { field: 'validation.scheme' },
    });
  }
  checkTargetPresent(frame, spec.target, train, input.task);
  checkTargetPresent(frame, spec.target, valid, input.task);
  const trainFrame = takeFrameRows(frame, train);
  throwIfAborted(hooks.signal);

  // The problem's labels come from the training rows, sorted as the pipeline sorts them.
  const target = spec.target;
  let labels: string[] = [];
  let y: Float64Array;
  if (input.task === 'classification') {
    const l = targetLabels(trainFrame, target) as string[];
    const isNumeric = trainFrame.columns.find((c) => c.name === target)?.kind === 'numeric';
    labels = [...new Set(l)].sort(isNumeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const index = new Map(labels.map((s, k) => [s, k]));
    y = Float64Array.from(l, (s) => index.get(s) as number);
  } else {
    y = Float64Array.from(targetValues(trainFrame, target));
  }
  const nClasses = labels.length;
  const metric = rankingMetric(input.metric, input.task, nClasses);
  const positiveIndex = nClasses === 2 ? Math.max(0, input.positiveClass !== null ? labels.indexOf(input.positiveClass) : 1) : undefined;
  const requestedParams = { ...spec.model.params };
  const makeSpec = (params: Record<string, unknown>): PipelineSpec => ({ ...spec, model: { id: spec.model.id, params: params as PipelineSpec['model']['params'] } });
  const factory = (params: Record<string, unknown>) => cleanModel(pipelineAsModel(pipelineFromSpec(makeSpec(params)), target, labels));
  const k = input.validation.k ?? 5;

  // Phase budget (fractions of the job): loading 0-0.08, search 0.08-0.5, fit, cv, evaluate.
  const hasSearch = input.search !== null;
  const fitFrom = hasSearch ? 0.5 : 0.1;
  const fitTo = isKfold ? fitFrom + (0.9 - fitFrom) * 0.4 : 0.9;

  // 2. Search
  let finalParams: ParamValues = { ...requestedParams };
  let searchResult: RunWorkResult['searchResult'] = null;
  if (input.search) {
    const searchStart = Date.now();
    const specs = searchableParams(spec.model.id, input.task, requestedParams);
    const count = input.replayCandidates ?? input.search.maxCandidates;
    const candidates = searchCandidates(input.search, specs, input.seed, count);
    const folds = foldsFor(input.task, y, isKfold ? k : 3, input.seed);
    const outcomes: CandidateOutcome[] = candidates.map((params) => ({ params, status: 'skipped', meanScore: null, stdScore: null, rank: null, fitMs: 0 }));
    const budgetMs = input.search.budgetSeconds * 1000;
    let stoppedBy: 'completed' | 'time_budget' = 'completed';
    let best: number | null = null;
    for (let c = 0; c < candidates.length; c++) {
      if (input.replayCandidates === null && c > 0 && Date.now() - searchStart >= budgetMs) {
        stoppedBy = 'time_budget';
        break;
      }
      throwIfAborted(hooks.signal);
      const o = outcomes[c];
      try {
        const cv = crossValidate(() => factory({ ...requestedParams, ...candidates[c] }), trainFrame, y, folds, [metric], {
          task: input.task,
          classes: input.task === 'classification' ? labels.map((_, i) => i) : undefined,
          positiveClass: positiveIndex,
          signal: hooks.signal,
          onProgress: (p) =>
            hooks.progress(0.08 + 0.42 * Math.min(1, (c + p.fraction) / candidates.length), 'jobs.phase.training.searching', { candidate: c + 1, candidates: candidates.length }),
        });
        o.status = 'done';
        o.meanScore = cv.mean[metric];
        o.stdScore = cv.std[metric];
        o.fitMs = cv.folds.reduce((a, f) => a + f.fitMs, 0);
      } catch (e) {
        if (e instanceof CancelledError || hooks.signal.aborted) throw new CancelledError();
        o.status = 'failed';
        o.error = e instanceof Error ? e.message : String(e);
        continue;
      }
      if (o.meanScore !== null && (best === null || isBetterScore(metric, o.meanScore, outcomes[best].meanScore ?? NaN))) best = c;
    }
    const ranked = outcomes.filter((o) => o.meanScore !== null).sort((a, b) => (isBetterScore(metric, a.meanScore as number, b.meanScore as number) ? -1 : isBetterScore(metric, b.meanScore as number, a.meanScore as number) ? 1 : 0));
    ranked.forEach((o, i) => {
      o.rank = i > 0 && ranked[i - 1].meanScore === o.meanScore ? ranked[i - 1].rank : i + 1;
    });
    if (best !== null) finalParams = { ...requestedParams, ...candidates[best] };
    searchResult = { metric, candidates: outcomes, bestIndex: best, stoppedBy, elapsedMs: Date.now() - searchStart };
  }

  // 3. The final fit on the whole training part, streaming the learning curve.
  const finalSpec = makeSpec(finalParams);
  const pipeline = pipelineFromSpec(finalSpec);
  const curve: CurvePoint[] = [];
  let curveMetric: string | null = null;
  hooks.progress(fitFrom, 'jobs.phase.training.fitting');
  pipeline.fit(trainFrame, target, {
    signal: hooks.signal,
    onProgress: (p: FitProgress) => {
      if (p.iteration !== undefined && (p.trainLoss !== undefined || p.validationScore !== undefined)) {
        const point: CurvePoint = { iteration: p.iteration };
        if (p.trainLoss !== undefined && Number.isFinite(p.trainLoss)) point.trainLoss = p.trainLoss;
        if (p.validationScore !== undefined && Number.isFinite(p.validationScore)) point.validationScore = p.validationScore;
        curveMetric ??= p.validationMetric ?? 'loss';
        curve.push(point);
        hooks.curve?.(point, curveMetric);
      }
      const params = p.iteration !== undefined && p.totalIterations !== undefined ? { iteration: p.iteration, iterations: p.totalIterations } : undefined;
      hooks.progress(fitFrom + (fitTo - fitFrom) * p.fraction, 'jobs.phase.training.fitting', params);
    },
  });
  throwIfAborted(hooks.signal);

  // 4. k-fold cross-validation on the training part.
  let cv: RunWorkResult['cv'] = null;
  let oofResult: ReturnType<typeof crossValidate> | null = null;
  if (isKfold) {
    const metrics = metricsFor(input.task, nClasses);
    const folds = foldsFor(input.task, y, k, input.seed);
    oofResult = crossValidate(() => factory(finalParams), trainFrame, y, folds, metrics, {
      task: input.task,
      classes: input.task === 'classification' ? labels.map((_, i) => i) : undefined,
      positiveClass: positiveIndex,
      signal: hooks.signal,
      returnOutOfFold: valid.length === 0,
      onProgress: (p) => hooks.progress(fitTo + (0.9 - fitTo) * p.fraction, 'jobs.phase.training.crossValidating', { fold: p.fold + 1, folds: p.nFolds }),
    });
    cv = { k: folds.length, mean: oofResult.mean, std: oofResult.std };
  }
  throwIfAborted(hooks.signal);

  // 5. Evaluate: the validation part, or out-of-fold predictions when there is none.
  hooks.progress(0.9, 'jobs.phase.training.evaluating');
  const importances = pipeline.featureImportances() ?? null;
  let built: ReturnType<typeof buildReport>;
  let evaluatedOn: 'validation' | 'outOfFold';
  let evaluatedRows: number;
  if (valid.length > 0) {
    evaluatedOn = 'validation';
    evaluatedRows = valid.length;
    const validFrame = takeFrameRows(frame, valid);
    const pred = pipeline.predictFrame(validFrame, { probabilities: input.task === 'classification' });
    built =
      pred.task === 'classification'
        ? buildReport({
            evaluatedOn,
            table,
            rows: valid,
            prediction: { task: 'classification', classIndex: pred.classIndex, proba: pred.probabilities ?? null },
            classLabels: pred.classLabels,
            trueLabels: targetLabels(validFrame, target) as string[],
            positiveClass: input.positiveClass,
            importances,
          })
        : buildReport({ evaluatedOn, table, rows: valid, prediction: { task: 'regression', values: pred.values }, trueValues: targetValues(validFrame, target), importances });
  } else {
    evaluatedOn = 'outOfFold';
    evaluatedRows = train.length;
    const o = oofResult?.outOfFold;
    if (!o?.yPred) throw new AppError('INTERNAL', 'Out-of-fold predictions are missing.');
    built =
      input.task === 'classification'
        ? buildReport({
            evaluatedOn,
            table,
            rows: train,
            prediction: { task: 'classification', classIndex: o.yPred, proba: o.proba ?? null },
            classLabels: labels,
            trueLabels: Array.from(y, (k2) => labels[k2]),
            positiveClass: input.positiveClass,
            importances,
          })
        : buildReport({ evaluatedOn, table, rows: train, prediction: { task: 'regression', values: o.yPred }, trueValues: y, importances });
  }
  throwIfAborted(hooks.signal);

  hooks.progress(0.97, 'jobs.phase.training.saving');
  const artifactJson = JSON.stringify(pipeline.toArtifact());
  const artifactSha256 = createHash('sha256').update(artifactJson, 'utf8').digest('hex');
  const ended = new Date();
  return {
    spec: finalSpec,
    finalParams: scalarParams(pipeline.getParams().estimator.params),
    evaluatedOn,
    trainRows: train.length,
    evaluatedRows,
    metrics: built.report.metrics,
    cv,
    report: built.report,
    thresholds: built.thresholds,
    curveMetric,
    curve: thinCurve(curve),
    searchResult,
    classLabels: pipeline.classLabels ?? null,
    featureNames: pipeline.featureNames,
    artifactJson,
    artifactSha256,
    startedAt: started.toISOString(),
    endedAt: ended.toISOString(),
    durationMs: Date.now() - t0,
  };
}

/** The estimator's hyper-parameters that are plain values (what the contract records). */
function scalarParams(params: Record<string, unknown>): ParamValues {
  const out: ParamValues = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}
