/**
 * The contract's views of recorded runs (RunSummary, RunDetail) and of the objective's verdict on
 * them. The verdict is computed when read, against the objective as it is now, so changing the
 * success threshold re-marks every run without retraining.
 */
import type { RunDetail, RunSummary } from '../../../shared/api/methods/training.js';
import { ApiErrorSchema } from '../../../shared/errors.js';
import { METRICS, meetsThreshold, type MetricId } from '../../../shared/domain/metrics.js';
import type { SavedObjective } from '../../../shared/domain/objective.js';
import { PipelineSpecSchema } from '../../../shared/domain/pipeline-spec.js';
import { AppError } from '../../../shared/errors.js';
import type { Db } from '../storage/db.js';
import { readObjective } from '../storage/repos/objective.js';
import { getRun, getRunResult, runResultFacts, runsWithTest, type RunRecord } from '../storage/repos/training.js';

type Num = number | null;

/** The objective's verdict on a value of its metric, when the objective is about this run's task and target. */
export function objectiveVerdict(objective: SavedObjective | null, run: Pick<RunRecord, 'task' | 'target'>, metrics: Record<string, Num> | null): RunSummary['objective'] {
  if (!objective || objective.taskType !== run.task) return null;
  if (objective.targetColumn !== undefined && objective.targetColumn !== run.target) return null;
  const metric = objective.metric;
  const value = metrics?.[metric] ?? null;
  return {
    metric,
    threshold: objective.threshold,
    direction: METRICS[metric].direction,
    value,
    meets: value !== null && meetsThreshold(metric, value, objective.threshold),
  };
}

/** The run, or NOT_FOUND `errors.training.runNotFound`. */
export function requireRun(db: Db, runId: string, field = 'runId'): RunRecord {
  const run = getRun(db, runId);
  if (!run) {
    throw new AppError('NOT_FOUND', `There is no run with id ${runId}.`, { messageKey: 'errors.training.runNotFound', params: { runId }, details: { field } });
  }
  return run;
}

function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** Leaderboard rows of `runs` (one query per run for its result facts). */
export function runSummaries(db: Db, runs: readonly RunRecord[]): RunSummary[] {
  const ids = runs.map((r) => r.id);
  const facts = runResultFacts(db, ids);
  const tested = runsWithTest(db, ids);
  const objective = readObjective(db);
  return runs.map((r): RunSummary => {
    const f = facts.get(r.id);
    const metrics = f ? parseJson<Record<string, Num>>(f.metricsJson) : null;
    const error = r.errorJson ? ApiErrorSchema.safeParse(JSON.parse(r.errorJson)) : null;
    return {
      id: r.id,
      number: r.seq,
      batchId: r.batchId,
      datasetId: r.datasetId,
      datasetName: r.datasetName,
      versionId: r.versionId,
      versionNumber: r.versionSeq,
      featureSetId: r.featureSetId,
      modelId: r.modelId,
      modelKind: r.modelKind,
      params: f ? JSON.parse(f.finalParamsJson) : JSON.parse(r.paramsJson),
      seed: r.seed,
      task: r.task,
      target: r.target,
      validation: { scheme: r.validationScheme, k: r.validationK },
      search: parseJson(r.searchJson),
      engineVersion: r.engineVersion,
      state: r.state,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      durationMs: r.durationMs,
      jobId: r.jobId,
      error: error?.success ? error.data : null,
      evaluatedOn: f?.evaluatedOn ?? null,
      trainRows: f?.trainRows ?? null,
      evaluatedRows: f?.evaluatedRows ?? null,
      metrics,
      cv: f ? parseJson(f.cvJson) : null,
      objective: objectiveVerdict(objective, r, metrics),
      rerunOf: r.rerunOf,
      artifactBytes: f?.artifactBytes ?? null,
      artifactSha256: f?.artifactSha256 ?? null,
      chosenThreshold: r.chosenThreshold,
      hasTestReport: tested.has(r.id),
    };
  });
}

/** One run with everything recorded about it. */
export function runDetail(db: Db, runId: string): RunDetail {
  const run = requireRun(db, runId);
  const [summary] = runSummaries(db, [run]);
  const result = getRunResult(db, runId);
  return {
    ...summary,
    spec: PipelineSpecSchema.parse(JSON.parse(run.specJson)),
    curveMetric: result?.curveMetric ?? null,
    curve: result ? JSON.parse(result.curveJson) : [],
    searchResult: result ? parseJson(result.searchResultJson) : null,
    classLabels: result ? parseJson(result.classLabelsJson) : null,
    featureNames: result ? JSON.parse(result.featureNamesJson) : [],
  };
}

/** The metric a run ranks by, as recorded. */
export function runMetric(run: RunRecord): MetricId {
  return run.metric as MetricId;
}
