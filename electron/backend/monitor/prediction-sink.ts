/**
 * The project-backed prediction log: a PredictionSink (serving/types.ts) that writes each served
 * request as one row of `prediction_log` (storage/migrations/0004_registry_serving.sql, which
 * documents the columns for the Monitor step).
 *
 * Where it runs: on the backend's thread, at the host end of the inference server's message
 * channel. The server's worker answers a request first and only then queues its record; batches
 * reach this sink later, at most one in flight (serving/prediction-log.ts), so the response path
 * never waits for SQLite. Here a batch is written in transactions of at most `SLICE_RECORDS`
 * records with a yield to the event loop between them, so even a large batch never holds the
 * backend's thread (the window's API calls) for long.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Db } from '../storage/db.js';
import { insertPredictionLogRows, type PredictionLogRow } from '../storage/repos/serving.js';
import type { PredictionRecord, PredictionSink } from '../serving/types.js';

/** Records per transaction. */
const SLICE_RECORDS = 100;

/** Options of {@link createProjectPredictionSink}. */
export interface ProjectSinkOptions {
  /** The connection to write through (the backend's own). */
  db: () => Db;
  /** serving_sessions.id of the server whose predictions these are. */
  sessionId: string | null;
  /** model_versions.id of (name, version), when known. */
  versionId(name: string, version: number): string | null;
  /** Called after each committed slice with its request and row counts. */
  onWritten?(requests: number, rows: number): void;
}

/** The row of one record. */
export function logRowOf(r: PredictionRecord, sessionId: string | null, versionId: string | null): PredictionLogRow {
  return {
    requestId: r.requestId,
    at: r.time,
    modelName: r.model,
    modelVersion: Number(r.version),
    modelVersionId: versionId,
    protocol: r.protocol,
    latencyMs: r.latencyMs,
    nRows: r.nRows,
    inputsJson: JSON.stringify(r.inputs),
    outputsJson: JSON.stringify({ predictions: r.predictions, probabilities: r.probabilities ?? null, classes: r.classes ?? null }),
    sessionId,
  };
}

/** A sink writing to the project's prediction_log. */
export function createProjectPredictionSink(options: ProjectSinkOptions): PredictionSink {
  const ids = new Map<string, string | null>();
  const versionId = (name: string, version: number): string | null => {
    const key = `${name}\u0000${version}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = options.versionId(name, version);
      ids.set(key, id);
    }
    return id;
  };
  let closed = false;
  return {
    async write(batch: PredictionRecord[]): Promise<void> {
      if (closed) throw new Error('The prediction log is closed.');
      for (let start = 0; start < batch.length; start += SLICE_RECORDS) {
        if (start > 0) await yieldToLoop();
        const db = options.db();
        // The project was closed under a running server: the batch is counted as not written.
        if (!db.open) throw new Error('The project is closed; predictions are no longer logged.');
        const slice = batch.slice(start, start + SLICE_RECORDS);
        const rows = slice.map((r) => logRowOf(r, options.sessionId, versionId(r.model, Number(r.version))));
        db.transaction(() => insertPredictionLogRows(db, rows))();
        let nRows = 0;
        for (const r of slice) nRows += r.nRows;
        options.onWritten?.(slice.length, nRows);
      }
    },
    close(): void {
      closed = true;
    },
  };
}
