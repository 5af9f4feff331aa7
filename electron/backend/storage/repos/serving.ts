/**
 * Queries of the Serve step's tables (migration 0004): the prediction log, the inference server's
 * sessions and CSV batch predictions. See the migration for the prediction log's columns (the
 * Monitor step reads that table).
 */
import type { Db } from '../db.js';

/** One prediction log row as written. */
export interface PredictionLogRow {
  requestId: string;
  at: string;
  modelName: string;
  modelVersion: number;
  modelVersionId: string | null;
  protocol: 'mlflow' | 'v2';
  latencyMs: number;
  nRows: number;
  inputsJson: string;
  outputsJson: string;
  sessionId: string | null;
}

/** A prediction log row as read. */
export interface StoredPredictionLogRow extends PredictionLogRow {
  id: number;
}

/** Inserts log rows (call inside a transaction for a batch). */
export function insertPredictionLogRows(db: Db, rows: readonly PredictionLogRow[]): void {
  const insert = db.prepare(
    `INSERT INTO prediction_log (request_id, at, model_name, model_version, model_version_id, protocol, latency_ms, n_rows, inputs_json, outputs_json, session_id)
     VALUES (@requestId, @at, @modelName, @modelVersion, @modelVersionId, @protocol, @latencyMs, @nRows, @inputsJson, @outputsJson, @sessionId)`,
  );
  for (const r of rows) insert.run(r);
}

/** Requests and rows in the log (all, or of one model). */
export function predictionLogCounts(db: Db, name?: string): { requests: number; rows: number } {
  const r = (
    name === undefined
      ? db.prepare('SELECT COUNT(*) AS requests, COALESCE(SUM(n_rows), 0) AS rows FROM prediction_log').get()
      : db.prepare('SELECT COUNT(*) AS requests, COALESCE(SUM(n_rows), 0) AS rows FROM prediction_log WHERE model_name = ?').get(name)
  ) as { requests: number; rows: number };
  return { requests: r.requests, rows: r.rows };
}

/** The newest log rows, newest first. */
export function recentPredictionLogRows(db: Db, filter: { name?: string; limit: number }): StoredPredictionLogRow[] {
  const rows = (
    filter.name === undefined
      ? db.prepare('SELECT * FROM prediction_log ORDER BY id DESC LIMIT ?').all(filter.limit)
      : db.prepare('SELECT * FROM prediction_log WHERE model_name = ? ORDER BY id DESC LIMIT ?').all(filter.name, filter.limit)
  ) as Array<{
    id: number;
    request_id: string;
    at: string;
    model_name: string;
    model_version: number;
    model_version_id: string | null;
    protocol: 'mlflow' | 'v2';
    latency_ms: number;
    n_rows: number;
    inputs_json: string;
    outputs_json: string;
    session_id: string | null;
  }>;
  return rows.map((r) => ({
    id: r.id,
    requestId: r.request_id,
    at: r.at,
    modelName: r.model_name,
    modelVersion: r.model_version,
    modelVersionId: r.model_version_id,
    protocol: r.protocol,
    latencyMs: r.latency_ms,
    nRows: r.n_rows,
    inputsJson: r.inputs_json,
    outputsJson: r.outputs_json,
    sessionId: r.session_id,
  }));
}

// ---------------------------------------------------------------------------------------------
// Server sessions

/** A server session row. */
export interface ServingSessionRecord {
  id: string;
  startedAt: string;
  endedAt: string | null;
  author: string;
  url: string;
  modelsJson: string;
  requests: number;
  predictions: number;
  rows: number;
  errors: number;
  endReason: 'stopped' | 'crashed' | null;
}

/** Records a started server. */
export function insertSession(db: Db, s: ServingSessionRecord): void {
  db.prepare(
    `INSERT INTO serving_sessions (id, started_at, ended_at, author, url, models_json, requests, predictions, rows, errors, end_reason)
     VALUES (@id, @startedAt, @endedAt, @author, @url, @modelsJson, @requests, @predictions, @rows, @errors, @endReason)`,
  ).run(s);
}

/** Updates a session's totals (and, when it ended, the end). */
export function updateSession(db: Db, id: string, totals: { requests: number; predictions: number; rows: number; errors: number }, end?: { at: string; reason: 'stopped' | 'crashed' }): void {
  db.prepare(
    `UPDATE serving_sessions SET requests = @requests, predictions = @predictions, rows = @rows, errors = @errors,
       ended_at = COALESCE(@endedAt, ended_at), end_reason = COALESCE(@endReason, end_reason) WHERE id = @id`,
  ).run({ id, ...totals, endedAt: end?.at ?? null, endReason: end?.reason ?? null });
}

/** Totals over every session (including the running one). */
export function sessionTotals(db: Db): { sessions: number; predictions: number; rows: number } {
  const r = db.prepare('SELECT COUNT(*) AS sessions, COALESCE(SUM(predictions), 0) AS predictions, COALESCE(SUM(rows), 0) AS rows FROM serving_sessions').get() as {
    sessions: number;
    predictions: number;
    rows: number;
  };
  return r;
}

/** Totals over sessions other than `exceptId`. */
export function sessionTotalsExcept(db: Db, exceptId: string | null): { sessions: number; predictions: number; rows: number } {
  if (exceptId === null) return sessionTotals(db);
  return db
    .prepare('SELECT COUNT(*) AS sessions, COALESCE(SUM(predictions), 0) AS predictions, COALESCE(SUM(rows), 0) AS rows FROM serving_sessions WHERE id <> ?')
    .get(exceptId) as { sessions: number; predictions: number; rows: number };
}

/** True when any server of this project has answered a prediction request (or the log holds one). */
export function hasServedPredictions(db: Db): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM serving_sessions WHERE predictions > 0) OR EXISTS (SELECT 1 FROM prediction_log)').pluck().get() === 1;
}

// ---------------------------------------------------------------------------------------------
// Batch predictions

/** A batch prediction row. */
export interface BatchPredictionRecord {
  id: string;
  jobId: string;
  modelName: string;
  modelVersion: number;
  modelVersionId: string;
  inputPath: string;
  outputPath: string;
  withProbabilities: boolean;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';
  rows: number | null;
  columnsJson: string | null;
  durationMs: number | null;
  errorJson: string | null;
  author: string;
  createdAt: string;
  endedAt: string | null;
}

/** Records a queued batch prediction. */
export function insertBatch(db: Db, b: BatchPredictionRecord): void {
  db.prepare(
    `INSERT INTO batch_predictions (id, job_id, model_name, model_version, model_version_id, input_path, output_path, with_probabilities, state, rows,
       columns_json, duration_ms, error_json, author, created_at, ended_at)
     VALUES (@id, @jobId, @modelName, @modelVersion, @modelVersionId, @inputPath, @outputPath, @withProbabilities, @state, @rows,
       @columnsJson, @durationMs, @errorJson, @author, @createdAt, @endedAt)`,
  ).run({ ...b, withProbabilities: b.withProbabilities ? 1 : 0 });
}

/** Updates a batch prediction's state (and its outcome when it ended). */
export function updateBatch(db: Db, id: string, change: Partial<Pick<BatchPredictionRecord, 'state' | 'rows' | 'columnsJson' | 'durationMs' | 'errorJson' | 'endedAt'>>): void {
  const sets: string[] = [];
  const args: Record<string, unknown> = { id };
  const columns: Record<string, string> = { state: 'state', rows: 'rows', columnsJson: 'columns_json', durationMs: 'duration_ms', errorJson: 'error_json', endedAt: 'ended_at' };
  for (const [key, column] of Object.entries(columns)) {
    if (key in change) {
      sets.push(`${column} = @${key}`);
      args[key] = (change as Record<string, unknown>)[key];
    }
  }
  if (sets.length === 0) return;
  db.prepare(`UPDATE batch_predictions SET ${sets.join(', ')} WHERE id = @id`).run(args);
}

/** Batch predictions, newest first. */
export function listBatches(db: Db, limit: number): BatchPredictionRecord[] {
  const rows = db.prepare('SELECT * FROM batch_predictions ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: r.id as string,
    jobId: r.job_id as string,
    modelName: r.model_name as string,
    modelVersion: r.model_version as number,
    modelVersionId: r.model_version_id as string,
    inputPath: r.input_path as string,
    outputPath: r.output_path as string,
    withProbabilities: r.with_probabilities === 1,
    state: r.state as BatchPredictionRecord['state'],
    rows: r.rows as number | null,
    columnsJson: r.columns_json as string | null,
    durationMs: r.duration_ms as number | null,
    errorJson: r.error_json as string | null,
    author: r.author as string,
    createdAt: r.created_at as string,
    endedAt: r.ended_at as string | null,
  }));
}

/** Marks batch predictions a dead process left queued or running as interrupted; returns how many. */
export function markStaleBatchesInterrupted(db: Db, live: ReadonlySet<string>, at: string): number {
  const stale = (db.prepare("SELECT id FROM batch_predictions WHERE state IN ('queued', 'running')").pluck().all() as string[]).filter((id) => !live.has(id));
  const update = db.prepare("UPDATE batch_predictions SET state = 'interrupted', ended_at = ? WHERE id = ? AND state IN ('queued', 'running')");
  db.transaction(() => {
    for (const id of stale) update.run(at, id);
  })();
  return stale.length;
}
