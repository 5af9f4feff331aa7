/**
 * Queries of the training tables (migration 0003): feature sets, runs, their results and fitted
 * pipelines, permutation importance and uses of the test part. A run's row is inserted when it is
 * queued; its outcome is written by {@link commitRunResult} in one transaction.
 */
import type { Db } from '../db.js';

/** A feature set row. */
export interface FeatureSetRecord {
  id: string;
  datasetId: string;
  versionId: string;
  name: string;
  specJson: string;
  adaptToModel: boolean;
  author: string;
  createdAt: string;
}

interface FeatureSetRow {
  id: string;
  dataset_id: string;
  version_id: string;
  name: string;
  spec_json: string;
  adapt_to_model: number;
  author: string;
  created_at: string;
}

function featureSetFromRow(r: FeatureSetRow): FeatureSetRecord {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    versionId: r.version_id,
    name: r.name,
    specJson: r.spec_json,
    adaptToModel: r.adapt_to_model === 1,
    author: r.author,
    createdAt: r.created_at,
  };
}

/** Inserts a feature set. */
export function insertFeatureSet(db: Db, f: FeatureSetRecord): void {
  db.prepare(
    `INSERT INTO feature_sets (id, dataset_id, version_id, name, spec_json, adapt_to_model, author, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(f.id, f.datasetId, f.versionId, f.name, f.specJson, f.adaptToModel ? 1 : 0, f.author, f.createdAt);
}

/** A feature set by id. */
export function getFeatureSet(db: Db, id: string): FeatureSetRecord | undefined {
  const r = db.prepare('SELECT * FROM feature_sets WHERE id = ?').get(id) as FeatureSetRow | undefined;
  return r ? featureSetFromRow(r) : undefined;
}

/** Feature sets, newest first (of one dataset when given). */
export function listFeatureSets(db: Db, datasetId?: string): FeatureSetRecord[] {
  const rows = (
    datasetId === undefined
      ? db.prepare('SELECT * FROM feature_sets ORDER BY created_at DESC, rowid DESC').all()
      : db.prepare('SELECT * FROM feature_sets WHERE dataset_id = ? ORDER BY created_at DESC, rowid DESC').all(datasetId)
  ) as FeatureSetRow[];
  return rows.map(featureSetFromRow);
}

/** Number of feature sets (the step status). */
export function countFeatureSets(db: Db): number {
  return db.prepare('SELECT COUNT(*) FROM feature_sets').pluck().get() as number;
}

// ---------------------------------------------------------------------------------------------
// Runs

/** A run's state. */
export type RunStateValue = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

/** A run row. */
export interface RunRecord {
  id: string;
  seq: number;
  batchId: string;
  datasetId: string;
  datasetName: string;
  versionId: string;
  versionSeq: number;
  featureSetId: string | null;
  modelId: string;
  modelKind: string;
  paramsJson: string;
  seed: number;
  task: 'classification' | 'regression';
  target: string;
  metric: string;
  positiveClass: string | null;
  validationScheme: 'holdout' | 'kfold';
  validationK: number | null;
  searchJson: string | null;
  replayCandidates: number | null;
  specJson: string;
  engineVersion: string;
  state: RunStateValue;
  jobId: string | null;
  errorJson: string | null;
  rerunOf: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  chosenThreshold: number | null;
  thresholdAuthor: string | null;
  thresholdAt: string | null;
}

interface RunRow {
  id: string;
  seq: number;
  batch_id: string;
  dataset_id: string;
  dataset_name: string;
  version_id: string;
  version_seq: number;
  feature_set_id: string | null;
  model_id: string;
  model_kind: string;
  params_json: string;
  seed: number;
  task: RunRecord['task'];
  target: string;
  metric: string;
  positive_class: string | null;
  validation_scheme: RunRecord['validationScheme'];
  validation_k: number | null;
  search_json: string | null;
  replay_candidates: number | null;
  spec_json: string;
  engine_version: string;
  state: RunStateValue;
  job_id: string | null;
  error_json: string | null;
  rerun_of: string | null;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
  chosen_threshold: number | null;
  threshold_author: string | null;
  threshold_at: string | null;
}

function runFromRow(r: RunRow): RunRecord {
  return {
    id: r.id,
    seq: r.seq,
    batchId: r.batch_id,
    datasetId: r.dataset_id,
    datasetName: r.dataset_name,
    versionId: r.version_id,
    versionSeq: r.version_seq,
    featureSetId: r.feature_set_id,
    modelId: r.model_id,
    modelKind: r.model_kind,
    paramsJson: r.params_json,
    seed: r.seed,
    task: r.task,
    target: r.target,
    metric: r.metric,
    positiveClass: r.positive_class,
    validationScheme: r.validation_scheme,
    validationK: r.validation_k,
    searchJson: r.search_json,
    replayCandidates: r.replay_candidates,
    specJson: r.spec_json,
    engineVersion: r.engine_version,
    state: r.state,
    jobId: r.job_id,
    errorJson: r.error_json,
    rerunOf: r.rerun_of,
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    durationMs: r.duration_ms,
    chosenThreshold: r.chosen_threshold,
    thresholdAuthor: r.threshold_author,
    thresholdAt: r.threshold_at,
  };
}

/** The next run number of the project. */
export function nextRunSeq(db: Db): number {
  return (db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM runs').pluck().get() as number) ?? 1;
}

/** Inserts a queued run (call inside a transaction when inserting several). */
export function insertRun(db: Db, r: RunRecord): void {
  db.prepare(
    `INSERT INTO runs (id, seq, batch_id, dataset_id, dataset_name, version_id, version_seq, feature_set_id, model_id, model_kind, params_json,
       seed, task, target, metric, positive_class, validation_scheme, validation_k, search_json, replay_candidates, spec_json, engine_version,
       state, job_id, error_json, rerun_of, created_at, started_at, ended_at, duration_ms, chosen_threshold, threshold_author, threshold_at)
     VALUES (@id, @seq, @batchId, @datasetId, @datasetName, @versionId, @versionSeq, @featureSetId, @modelId, @modelKind, @paramsJson,
       @seed, @task, @target, @metric, @positiveClass, @validationScheme, @validationK, @searchJson, @replayCandidates, @specJson, @engineVersion,
       @state, @jobId, @errorJson, @rerunOf, @createdAt, @startedAt, @endedAt, @durationMs, @chosenThreshold, @thresholdAuthor, @thresholdAt)`,
  ).run(r);
}

/** A run by id. */
export function getRun(db: Db, id: string): RunRecord | undefined {
  const r = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  return r ? runFromRow(r) : undefined;
}

/** A run by its number. */
export function getRunBySeq(db: Db, seq: number): RunRecord | undefined {
  const r = db.prepare('SELECT * FROM runs WHERE seq = ?').get(seq) as RunRow | undefined;
  return r ? runFromRow(r) : undefined;
}

/** Runs, newest first, filtered by dataset and/or batch. */
export function listRuns(db: Db, filter: { datasetId?: string; batchId?: string; versionId?: string } = {}): RunRecord[] {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.datasetId !== undefined) {
    where.push('dataset_id = ?');
    args.push(filter.datasetId);
  }
  if (filter.batchId !== undefined) {
    where.push('batch_id = ?');
    args.push(filter.batchId);
  }
  if (filter.versionId !== undefined) {
    where.push('version_id = ?');
    args.push(filter.versionId);
  }
  const sql = `SELECT * FROM runs${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC`;
  return (db.prepare(sql).all(...args) as RunRow[]).map(runFromRow);
}

/** Sets the job of a run's current attempt. */
export function setRunJob(db: Db, runId: string, jobId: string): void {
  db.prepare('UPDATE runs SET job_id = ? WHERE id = ?').run(jobId, runId);
}

/** Marks a queued run as running. Returns false when it was not queued. */
export function markRunStarted(db: Db, runId: string, at: string): boolean {
  return db.prepare("UPDATE runs SET state = 'running', started_at = ? WHERE id = ? AND state = 'queued'").run(at, runId).changes > 0;
}

/**
 * Ends a run that produced no result (failed, cancelled, interrupted). Only a run still queued or
 * running changes; returns false otherwise.
 */
export function markRunEnded(db: Db, runId: string, end: { state: 'failed' | 'cancelled' | 'interrupted'; errorJson: string | null; at: string }): boolean {
  return (
    db
      .prepare(
        `UPDATE runs SET state = @state, error_json = @errorJson, ended_at = @at,
           duration_ms = CASE WHEN started_at IS NULL THEN NULL ELSE (julianday(@at) - julianday(started_at)) * 86400000.0 END
         WHERE id = @runId AND state IN ('queued', 'running')`,
      )
      .run({ ...end, runId }).changes > 0
  );
}

/**
 * Marks as interrupted every queued or running run not in `live` (the process that ran them is
 * gone: the caller holds the project's write lock). Returns the ids changed.
 */
export function markStaleRunsInterrupted(db: Db, live: ReadonlySet<string>, at: string): string[] {
  const stale = (db.prepare("SELECT id FROM runs WHERE state IN ('queued', 'running')").pluck().all() as string[]).filter((id) => !live.has(id));
  const update = db.prepare("UPDATE runs SET state = 'interrupted', ended_at = ? WHERE id = ? AND state IN ('queued', 'running')");
  db.transaction(() => {
    for (const id of stale) update.run(at, id);
  })();
  return stale;
}

/** What a finished run adds. */
export interface RunResultRecord {
  /** The spec actually fitted (replaces the queued one). */
  specJson: string;
  finalParamsJson: string;
  evaluatedOn: 'validation' | 'outOfFold';
  trainRows: number;
  evaluatedRows: number;
  metricsJson: string;
  cvJson: string | null;
  reportJson: string;
  thresholdsJson: string | null;
  curveMetric: string | null;
  curveJson: string;
  searchResultJson: string | null;
  classLabelsJson: string | null;
  featureNamesJson: string;
  artifactJson: string;
  artifactSha256: string;
}

/**
 * Writes a finished run in one transaction: its result, its fitted pipeline and its `done` state.
 * Returns false (writing nothing) when the run is no longer running (it was cancelled meanwhile).
 */
export function commitRunResult(db: Db, runId: string, result: RunResultRecord, timing: { startedAt: string; endedAt: string; durationMs: number }): boolean {
  return db.transaction(() => {
    const changed = db
      .prepare("UPDATE runs SET state = 'done', error_json = NULL, spec_json = ?, started_at = ?, ended_at = ?, duration_ms = ? WHERE id = ? AND state IN ('queued', 'running')")
      .run(result.specJson, timing.startedAt, timing.endedAt, timing.durationMs, runId).changes;
    if (changed === 0) return false;
    db.prepare(
      `INSERT INTO run_results (run_id, final_params_json, evaluated_on, train_rows, evaluated_rows, metrics_json, cv_json, report_json, thresholds_json,
         curve_metric, curve_json, search_result_json, class_labels_json, feature_names_json)
       VALUES (@runId, @finalParamsJson, @evaluatedOn, @trainRows, @evaluatedRows, @metricsJson, @cvJson, @reportJson, @thresholdsJson,
         @curveMetric, @curveJson, @searchResultJson, @classLabelsJson, @featureNamesJson)`,
    ).run({
      runId,
      finalParamsJson: result.finalParamsJson,
      evaluatedOn: result.evaluatedOn,
      trainRows: result.trainRows,
      evaluatedRows: result.evaluatedRows,
      metricsJson: result.metricsJson,
      cvJson: result.cvJson,
      reportJson: result.reportJson,
      thresholdsJson: result.thresholdsJson,
      curveMetric: result.curveMetric,
      curveJson: result.curveJson,
      searchResultJson: result.searchResultJson,
      classLabelsJson: result.classLabelsJson,
      featureNamesJson: result.featureNamesJson,
    });
    db.prepare('INSERT INTO run_artifacts (run_id, artifact_json, sha256, bytes) VALUES (?, ?, ?, ?)').run(
      runId,
      result.artifactJson,
      result.artifactSha256,
      Buffer.byteLength(result.artifactJson, 'utf8'),
    );
    return true;
  })();
}

/** A run's result without its artifact. */
export type StoredRunResult = Omit<RunResultRecord, 'artifactJson' | 'artifactSha256' | 'specJson'>;

interface ResultRow {
  final_params_json: string;
  evaluated_on: RunResultRecord['evaluatedOn'];
  train_rows: number;
  evaluated_rows: number;
  metrics_json: string;
  cv_json: string | null;
  report_json: string;
  thresholds_json: string | null;
  curve_metric: string | null;
  curve_json: string;
  search_result_json: string | null;
  class_labels_json: string | null;
  feature_names_json: string;
}

/** A finished run's result (no artifact), or undefined. */
export function getRunResult(db: Db, runId: string): StoredRunResult | undefined {
  const r = db.prepare('SELECT * FROM run_results WHERE run_id = ?').get(runId) as ResultRow | undefined;
  if (!r) return undefined;
  return {
    finalParamsJson: r.final_params_json,
    evaluatedOn: r.evaluated_on,
    trainRows: r.train_rows,
    evaluatedRows: r.evaluated_rows,
    metricsJson: r.metrics_json,
    cvJson: r.cv_json,
    reportJson: r.report_json,
    thresholdsJson: r.thresholds_json,
    curveMetric: r.curve_metric,
    curveJson: r.curve_json,
    searchResultJson: r.search_result_json,
    classLabelsJson: r.class_labels_json,
    featureNamesJson: r.feature_names_json,
  };
}

/** The summary facts of many runs' results at once (leaderboard): metrics, cv, rows. */
export function runResultFacts(db: Db, runIds: readonly string[]): Map<string, Pick<StoredRunResult, 'finalParamsJson' | 'evaluatedOn' | 'trainRows' | 'evaluatedRows' | 'metricsJson' | 'cvJson'> & { artifactBytes: number; artifactSha256: string }> {
  const out = new Map<string, Pick<StoredRunResult, 'finalParamsJson' | 'evaluatedOn' | 'trainRows' | 'evaluatedRows' | 'metricsJson' | 'cvJson'> & { artifactBytes: number; artifactSha256: string }>();
  const q = db.prepare(
    `SELECT r.final_params_json, r.evaluated_on, r.train_rows, r.evaluated_rows, r.metrics_json, r.cv_json, a.bytes, a.sha256
     FROM run_results r JOIN run_artifacts a ON a.run_id = r.run_id WHERE r.run_id = ?`,
  );
  for (const id of runIds) {
    const r = q.get(id) as
      | { final_params_json: string; evaluated_on: RunResultRecord['evaluatedOn']; train_rows: number; evaluated_rows: number; metrics_json: string; cv_json: string | null; bytes: number; sha256: string }
      | undefined;
    if (r) {
      out.set(id, {
        finalParamsJson: r.final_params_json,
        evaluatedOn: r.evaluated_on,
        trainRows: r.train_rows,
        evaluatedRows: r.evaluated_rows,
        metricsJson: r.metrics_json,
        cvJson: r.cv_json,
        artifactBytes: r.bytes,
        artifactSha256: r.sha256,
      });
    }
  }
  return out;
}

/** The fitted pipeline's JSON of a finished run. */
export function getRunArtifact(db: Db, runId: string): { artifactJson: string; sha256: string; bytes: number } | undefined {
  const r = db.prepare('SELECT artifact_json, sha256, bytes FROM run_artifacts WHERE run_id = ?').get(runId) as
    | { artifact_json: string; sha256: string; bytes: number }
    | undefined;
  return r ? { artifactJson: r.artifact_json, sha256: r.sha256, bytes: r.bytes } : undefined;
}

/** Saves (or clears, with null) a run's chosen decision threshold. */
export function setChosenThreshold(db: Db, runId: string, threshold: number | null, author: string | null, at: string | null): void {
  db.prepare('UPDATE runs SET chosen_threshold = ?, threshold_author = ?, threshold_at = ? WHERE id = ?').run(threshold, author, at, runId);
}

// ---------------------------------------------------------------------------------------------
// Permutation importance and the test part

/** Stores (or replaces) a run's permutation importance. */
export function putPermutationImportance(db: Db, runId: string, resultJson: string, computedAt: string): void {
  db.prepare(
    `INSERT INTO run_permutation_importance (run_id, result_json, computed_at) VALUES (?, ?, ?)
     ON CONFLICT (run_id) DO UPDATE SET result_json = excluded.result_json, computed_at = excluded.computed_at`,
  ).run(runId, resultJson, computedAt);
}

/** A run's permutation importance JSON. */
export function getPermutationImportance(db: Db, runId: string): { resultJson: string; computedAt: string } | undefined {
  const r = db.prepare('SELECT result_json, computed_at FROM run_permutation_importance WHERE run_id = ?').get(runId) as
    | { result_json: string; computed_at: string }
    | undefined;
  return r ? { resultJson: r.result_json, computedAt: r.computed_at } : undefined;
}

/** A use of the test part. */
export interface TestEvaluationRecord {
  id: string;
  runId: string;
  versionId: string;
  author: string;
  createdAt: string;
  isConfirmedReuse: boolean;
  metricsJson: string;
  reportJson: string;
}

interface TestRow {
  id: string;
  run_id: string;
  version_id: string;
  author: string;
  created_at: string;
  is_confirmed_reuse: number;
  metrics_json: string;
  report_json: string;
}

function testFromRow(r: TestRow): TestEvaluationRecord {
  return {
    id: r.id,
    runId: r.run_id,
    versionId: r.version_id,
    author: r.author,
    createdAt: r.created_at,
    isConfirmedReuse: r.is_confirmed_reuse === 1,
    metricsJson: r.metrics_json,
    reportJson: r.report_json,
  };
}

/** Records a use of the test part. */
export function insertTestEvaluation(db: Db, t: TestEvaluationRecord): void {
  db.prepare(
    `INSERT INTO test_evaluations (id, run_id, version_id, author, created_at, is_confirmed_reuse, metrics_json, report_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(t.id, t.runId, t.versionId, t.author, t.createdAt, t.isConfirmedReuse ? 1 : 0, t.metricsJson, t.reportJson);
}

/** The first use of a version's test part, if any. */
export function firstTestUse(db: Db, versionId: string): TestEvaluationRecord | undefined {
  const r = db.prepare('SELECT * FROM test_evaluations WHERE version_id = ? ORDER BY created_at, rowid LIMIT 1').get(versionId) as TestRow | undefined;
  return r ? testFromRow(r) : undefined;
}

/** The newest test evaluation of a run. */
export function latestTestOfRun(db: Db, runId: string): TestEvaluationRecord | undefined {
  const r = db.prepare('SELECT * FROM test_evaluations WHERE run_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(runId) as TestRow | undefined;
  return r ? testFromRow(r) : undefined;
}

/** Runs that have a test evaluation, among `runIds`. */
export function runsWithTest(db: Db, runIds: readonly string[]): Set<string> {
  const q = db.prepare('SELECT 1 FROM test_evaluations WHERE run_id = ? LIMIT 1').pluck();
  return new Set(runIds.filter((id) => q.get(id) !== undefined));
}
