/**
 * The Evaluate step on the backend's thread: reports of finished runs (stored by the run, with the
 * objective's verdict and the lift over the baseline and one-rule runs added when read), the
 * threshold table and the saved choice, the permutation-importance and test jobs (evaluation
 * workers; their results committed here in one transaction each), and the comparison of two runs.
 *
 * The test part of a dataset version is for the final model: the first request scores it and
 * records who and when; any later request for that version (by any run) is refused unless it is
 * explicitly confirmed, and a confirmed reuse is recorded as such.
 */
import { randomUUID } from 'node:crypto';
import type { MethodInput } from '../../../shared/api/contract.js';
import type { EvaluationReport, RunComparison, RunSummary, Thresholds } from '../../../shared/api/methods/training.js';
import { METRICS, type MetricId } from '../../../shared/domain/metrics.js';
import { PipelineSpecSchema, type PipelineSpec, type StepSpec } from '../../../shared/domain/pipeline-spec.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../api/context.js';
import type { Db } from '../storage/db.js';
import { getVersion, readManifest } from '../storage/repos/datasets.js';
import { readObjective } from '../storage/repos/objective.js';
import {
  firstTestUse,
  getPermutationImportance,
  getRunResult,
  insertTestEvaluation,
  latestTestOfRun,
  listRuns,
  putPermutationImportance,
  setChosenThreshold,
  type RunRecord,
} from '../storage/repos/training.js';
import { resolveWorkerEntry } from '../workers/entry.js';
import { currentAuthor } from '../versions/commit.js';
import { partitionOf } from '../versions/records.js';
import { readProject, writeProject } from './runs.js';
import { objectiveVerdict, requireRun, runSummaries } from './views.js';
import type { StoredReport, StoredThresholds, ThresholdPoint } from './tasks/evaluate.js';
import type { EvaluationWork, EvaluationWorkResult, StoredPermutation } from './tasks/evaluation.js';

type Num = number | null;

/** Metrics where smaller is better, beyond the objective's catalogue. */
const LOWER_IS_BETTER = new Set(['log_loss', 'brier', 'mae', 'rmse', 'mape', 'mse', 'max_error', 'median_absolute_error']);

/** Whether bigger or smaller values of a report metric are better. */
export function metricDirection(id: string): 'higher' | 'lower' {
  const known = METRICS[id as MetricId];
  if (known) return known.direction;
  return LOWER_IS_BETTER.has(id) ? 'lower' : 'higher';
}

function notFinished(): AppError {
  return new AppError('CONFLICT', 'This run has no result yet: it did not finish.', { messageKey: 'errors.training.runNotFinished', details: { field: 'runId' } });
}

function storedReportOf(db: Db, run: RunRecord): StoredReport {
  const result = getRunResult(db, run.id);
  if (!result) throw notFinished();
  return JSON.parse(result.reportJson) as StoredReport;
}

/** The metric a run is judged by: the objective's when it applies to the run, else the run's own. */
function judgedMetric(db: Db, run: RunRecord): MetricId {
  const verdict = objectiveVerdict(readObjective(db), run, null);
  return verdict?.metric ?? (run.metric as MetricId);
}

function lift(value: Num, ref: Num, metric: string): Num {
  if (value === null || ref === null) return null;
  return metricDirection(metric) === 'higher' ? value - ref : ref - value;
}

/** The newest finished reference run (baseline or one-rule) evaluated on the same rows as `run`. */
function referenceRun(db: Db, run: RunRecord, modelId: 'baseline' | 'onerule', evaluatedOn: string): { run: RunRecord; metrics: Record<string, Num> } | null {
  for (const r of listRuns(db, { versionId: run.versionId })) {
    if (r.modelId !== modelId || r.state !== 'done') continue;
    if (evaluatedOn === 'test') {
      const t = latestTestOfRun(db, r.id);
      if (t) return { run: r, metrics: JSON.parse(t.metricsJson) };
      continue;
    }
    const result = getRunResult(db, r.id);
    if (!result || result.evaluatedOn !== evaluatedOn) continue;
    // Out-of-fold predictions are comparable only with the same folds.
    if (evaluatedOn === 'outOfFold' && (r.seed !== run.seed || r.validationK !== run.validationK)) continue;
    return { run: r, metrics: JSON.parse(result.metricsJson) };
  }
  return null;
}

/** evaluation.report */
export function evaluationReport(ctx: BackendContext, args: MethodInput<'evaluation.report'>): EvaluationReport {
  const db = readProject(ctx).db;
  const run = requireRun(db, args.runId);
  let stored: StoredReport;
  let test: EvaluationReport['test'] = null;
  let createdAt: string;
  if (args.part === 'test') {
    const t = latestTestOfRun(db, run.id);
    if (!t) {
      throw new AppError('NOT_FOUND', 'This run was not scored on the test part yet.', { messageKey: 'errors.evaluation.noTestReport', details: { field: 'part' } });
    }
    stored = JSON.parse(t.reportJson) as StoredReport;
    test = { author: t.author, at: t.createdAt, isConfirmedReuse: t.isConfirmedReuse };
    createdAt = t.createdAt;
  } else {
    stored = storedReportOf(db, run);
    createdAt = run.endedAt ?? run.createdAt;
  }
  const metric = judgedMetric(db, run);
  const value = stored.metrics[metric] ?? null;
  const refOf = (modelId: 'baseline' | 'onerule') => {
    if (run.modelId === modelId) return null;
    const ref = referenceRun(db, run, modelId, stored.evaluatedOn);
    if (!ref) return null;
    const refValue = ref.metrics[metric] ?? null;
    return { runId: ref.run.id, runNumber: ref.run.seq, value: refValue, lift: lift(value, refValue, metric) };
  };
  const perm = args.part === 'validation' ? getPermutationImportance(db, run.id) : undefined;
  const permutation = perm ? { ...(JSON.parse(perm.resultJson) as StoredPermutation), computedAt: perm.computedAt } : null;
  return {
    runId: run.id,
    task: run.task,
    evaluatedOn: stored.evaluatedOn,
    nRows: stored.nRows,
    target: run.target,
    metric,
    metrics: stored.metrics,
    objective: objectiveVerdict(readObjective(db), run, stored.metrics),
    lift: { baseline: refOf('baseline'), oneRule: refOf('onerule') },
    classification: stored.classification,
    regression: stored.regression,
    featureImportances: stored.featureImportances,
    permutationImportance: permutation,
    worstErrors: stored.worstErrors,
    test,
    createdAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Thresholds

function storedThresholds(db: Db, run: RunRecord): StoredThresholds {
  const result = getRunResult(db, run.id);
  if (!result) throw notFinished();
  if (!result.thresholdsJson) {
    throw new AppError('INVALID_ARGUMENT', 'Threshold tuning is for problems with two classes.', { messageKey: 'errors.evaluation.thresholdsNeedBinary', details: { field: 'runId' } });
  }
  return JSON.parse(result.thresholdsJson) as StoredThresholds;
}

/**
 * The candidate that makes the same decisions as `t` on the evaluated rows: the smallest candidate
 * threshold at or above it (candidates are the distinct scores; thinned tables make it the nearest).
 */
export function snapThreshold(candidates: readonly ThresholdPoint[], t: number): ThresholdPoint | null {
  let best: ThresholdPoint | null = null;
  for (const c of candidates) if (c.threshold >= t && (best === null || c.threshold < best.threshold)) best = c;
  if (best) return best;
  for (const c of candidates) if (best === null || c.threshold > best.threshold) best = c;
  return best;
}

function thresholdsView(run: RunRecord, s: StoredThresholds): Thresholds {
  const chosenPoint = run.chosenThreshold === null ? null : snapThreshold(s.candidates, run.chosenThreshold);
  return {
    runId: run.id,
    positiveClass: s.positiveClass,
    candidates: s.candidates,
    best: s.best,
    current: s.current,
    chosen: chosenPoint ? { ...chosenPoint, author: run.thresholdAuthor ?? '', at: run.thresholdAt ?? '' } : null,
  };
}

/** evaluation.thresholds */
export function thresholds(ctx: BackendContext, args: MethodInput<'evaluation.thresholds'>): Thresholds {
  const db = readProject(ctx).db;
  const run = requireRun(db, args.runId);
  return thresholdsView(run, storedThresholds(db, run));
}

/** evaluation.setThreshold */
export function setThreshold(ctx: BackendContext, args: MethodInput<'evaluation.setThreshold'>): Thresholds {
  const db = writeProject(ctx).db;
  const run = requireRun(db, args.runId);
  const s = storedThresholds(db, run);
  if (args.threshold === null) {
    setChosenThreshold(db, run.id, null, null, null);
  } else {
    const point = snapThreshold(s.candidates, args.threshold);
    setChosenThreshold(db, run.id, point ? point.threshold : args.threshold, currentAuthor(), ctx.now().toISOString());
  }
  ctx.events.emit('project.changed', { area: 'training' });
  return thresholdsView(requireRun(db, run.id), s);
}

// ---------------------------------------------------------------------------------------------
// Jobs: permutation importance and the test part

/** Test jobs running per version (a second request while one runs counts as a reuse). */
const pendingTests = new WeakMap<BackendContext, Map<string, number>>();

function evaluationInput(ctx: BackendContext, db: Db, projectPath: string, run: RunRecord, kind: EvaluationWork['kind'], nRepeats: number): EvaluationWork {
  const manifest = readManifest(db, run.versionId);
  if (!manifest) throw new AppError('NOT_FOUND', `The data of version ${run.versionId} is missing.`, { messageKey: 'errors.data.versionNotFound', details: { field: 'runId' } });
  return {
    kind,
    projectPath,
    nativeBinding: ctx.config.nativeBinding,
    runId: run.id,
    manifest,
    spec: PipelineSpecSchema.parse(JSON.parse(run.specJson)),
    task: run.task,
    metric: run.metric as MetricId,
    positiveClass: run.positiveClass,
    seed: run.seed,
    nRepeats,
  };
}

function entry() {
  return resolveWorkerEntry(import.meta.url, '../workers/evaluation.worker');
}

/** evaluation.permutationImportance */
export function startPermutationImportance(ctx: BackendContext, args: MethodInput<'evaluation.permutationImportance'>): { jobId: string } {
  const file = writeProject(ctx);
  const run = requireRun(file.db, args.runId);
  if (!getRunResult(file.db, run.id)) throw notFinished();
  const input = evaluationInput(ctx, file.db, file.path, run, 'permutation', args.nRepeats);
  const handle = ctx.jobs.start<EvaluationWork, EvaluationWorkResult>({
    kind: 'evaluation.run',
    entry: entry(),
    input,
    subjectId: run.id,
    onResult: (value) => {
      if (value.kind !== 'permutation' || !file.db.open) return;
      putPermutationImportance(file.db, run.id, JSON.stringify(value.result), ctx.now().toISOString());
      ctx.events.emit('project.changed', { area: 'training' });
    },
  });
  return { jobId: handle.jobId };
}

/** evaluation.test */
export function startTest(ctx: BackendContext, args: MethodInput<'evaluation.test'>): { jobId: string } {
  const file = writeProject(ctx);
  const db = file.db;
  const run = requireRun(db, args.runId);
  if (!getRunResult(db, run.id)) throw notFinished();
  const version = getVersion(db, run.versionId);
  const partition = version ? partitionOf(version) : null;
  if (!partition || partition.summary.counts.test === 0) {
    throw new AppError('INVALID_ARGUMENT', 'The partition of this run\'s data has no test rows.', { messageKey: 'errors.evaluation.noTestRows', details: { field: 'runId' } });
  }
  const pending = pendingTests.get(ctx) ?? new Map<string, number>();
  pendingTests.set(ctx, pending);
  const first = firstTestUse(db, run.versionId);
  const running = pending.get(run.versionId) ?? 0;
  if ((first || running > 0) && !args.confirm) {
    const firstRun = first ? requireRun(db, first.runId) : null;
    throw new AppError(
      'CONFLICT',
      first
        ? `The test part of this data was already used (run ${firstRun?.seq}, by ${first.author} on ${first.createdAt}). Using it again to choose between models makes it a second validation set; confirm to use it anyway.`
        : 'The test part of this data is being scored right now; confirm to use it again.',
      {
        messageKey: 'errors.evaluation.testAlreadyUsed',
        params: first ? { usedAt: first.createdAt, author: first.author, runId: first.runId, runNumber: firstRun?.seq ?? 0 } : { usedAt: '', author: '', runId: '', runNumber: 0 },
        details: { field: 'confirm' },
      },
    );
  }
  const input = evaluationInput(ctx, db, file.path, run, 'test', 1);
  pending.set(run.versionId, running + 1);
  const author = currentAuthor();
  const handle = ctx.jobs.start<EvaluationWork, EvaluationWorkResult>({
    kind: 'evaluation.run',
    entry: entry(),
    input,
    subjectId: run.id,
    initialPhaseKey: 'jobs.phase.evaluation.test',
    onResult: (value) => {
      if (value.kind !== 'test' || !file.db.open) return;
      const at = ctx.now().toISOString();
      db.transaction(() => {
        const reuse = firstTestUse(db, run.versionId) !== undefined;
        insertTestEvaluation(db, {
          id: randomUUID(),
          runId: run.id,
          versionId: run.versionId,
          author,
          createdAt: at,
          isConfirmedReuse: reuse,
          metricsJson: JSON.stringify(value.report.metrics),
          reportJson: JSON.stringify(value.report),
        });
      })();
      ctx.events.emit('project.changed', { area: 'training' });
    },
  });
  void handle.finished.then(() => {
    const n = (pending.get(run.versionId) ?? 1) - 1;
    if (n <= 0) pending.delete(run.versionId);
    else pending.set(run.versionId, n);
  });
  return { jobId: handle.jobId };
}

// ---------------------------------------------------------------------------------------------
// Comparison

/** A compact text of a column's role and steps (e.g. `impute(median) > standardScale`). */
export function stepsText(c: PipelineSpec['columns'][number] | undefined): string | null {
  if (!c) return null;
  if (c.role !== 'feature') return c.role;
  if (c.steps.length === 0) return 'as is';
  return c.steps.map(stepText).join(' > ');
}

function stepText(s: StepSpec): string {
  const { op, ...rest } = s;
  const args = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (k === 'strategy' ? String(v) : `${k}=${Array.isArray(v) ? v.join('-') : String(v)}`));
  return args.length > 0 ? `${op}(${args.join(', ')})` : op;
}

/** evaluation.compare */
export function compareRuns(ctx: BackendContext, args: MethodInput<'evaluation.compare'>): RunComparison {
  const db = readProject(ctx).db;
  const ra = requireRun(db, args.a, 'a');
  const rb = requireRun(db, args.b, 'b');
  const [a, b] = runSummaries(db, [ra, rb]) as [RunSummary, RunSummary];
  const ids = [...new Set([...Object.keys(a.metrics ?? {}), ...Object.keys(b.metrics ?? {})])];
  const metrics = ids.map((id) => {
    const va = a.metrics?.[id] ?? null;
    const vb = b.metrics?.[id] ?? null;
    const direction = metricDirection(id);
    let better: 'a' | 'b' | 'tie' | null = null;
    if (va !== null && vb !== null) better = va === vb ? 'tie' : (direction === 'higher') === va > vb ? 'a' : 'b';
    return { id, a: va, b: vb, direction, better };
  });
  const names = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])].sort();
  const sameModel = a.modelId === b.modelId;
  const params = names
    .filter((n) => !sameModel || JSON.stringify(a.params[n]) !== JSON.stringify(b.params[n]))
    .map((name) => ({ name, ...(name in a.params ? { a: a.params[name] } : {}), ...(name in b.params ? { b: b.params[name] } : {}) }));
  const sa = PipelineSpecSchema.parse(JSON.parse(ra.specJson));
  const sb = PipelineSpecSchema.parse(JSON.parse(rb.specJson));
  const columns = [...new Set([...sa.columns.map((c) => c.name), ...sb.columns.map((c) => c.name)])];
  const features = columns
    .map((column) => ({ column, a: stepsText(sa.columns.find((c) => c.name === column)), b: stepsText(sb.columns.find((c) => c.name === column)) }))
    .filter((f) => f.a !== f.b);
  return {
    a,
    b,
    metrics,
    params,
    features,
    isSameData: a.versionId === b.versionId,
    isSameValidation: a.validation.scheme === b.validation.scheme && a.validation.k === b.validation.k && (a.validation.scheme === 'holdout' || a.seed === b.seed),
  };
}
