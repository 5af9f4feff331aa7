/**
 * Batch prediction (Serve step, `ciclo predict`) on the backend's main thread: checks the request,
 * records the batch (when the project is writable), starts a `prediction.batch` job whose worker
 * does the work (batch-work.ts) and records the outcome. The job's `subjectId` is the batch id.
 *
 * On a project opened read-only (the CLI opens it so, to work beside a running studio) the batch
 * runs the same way and is simply not recorded; its outcome is kept in memory for `serving.batches`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { MethodInput } from '../../../shared/api/contract.js';
import type { BatchPrediction } from '../../../shared/api/methods/serving.js';
import type { JobProgress } from '../../../shared/domain/jobs.js';
import { AppError, ApiErrorSchema } from '../../../shared/errors.js';
import type { BackendContext } from '../api/context.js';
import type { ProjectFile } from '../storage/project-file.js';
import { insertBatch, listBatches, markStaleBatchesInterrupted, updateBatch, type BatchPredictionRecord } from '../storage/repos/serving.js';
import { currentAuthor } from '../versions/commit.js';
import { resolveWorkerEntry } from '../workers/entry.js';
import type { BatchWork, BatchWorkResult } from './batch-work.js';
import { lineageOf, resolveRefText, versionArtifactJson } from './registry.js';

interface BatchState {
  /** Batches this process runs or ran (newest last), by id. */
  records: Map<string, { file: ProjectFile; record: BatchPredictionRecord }>;
  reconciled: WeakSet<ProjectFile>;
}

const states = new WeakMap<BackendContext, BatchState>();

function stateOf(ctx: BackendContext): BatchState {
  let s = states.get(ctx);
  if (!s) {
    s = { records: new Map(), reconciled: new WeakSet() };
    states.set(ctx, s);
  }
  return s;
}

/** Marks batches a dead process left running as interrupted (once per open project). */
function reconcile(ctx: BackendContext, file: ProjectFile): void {
  const s = stateOf(ctx);
  if (file.isReadOnly || s.reconciled.has(file)) return;
  s.reconciled.add(file);
  const live = new Set([...s.records.entries()].filter(([, r]) => r.file === file && (r.record.state === 'queued' || r.record.state === 'running')).map(([id]) => id));
  markStaleBatchesInterrupted(file.db, live, ctx.now().toISOString());
}

/** The default output path: `<input name>.predictions.csv` beside the input. */
export function defaultOutputPath(inputPath: string): string {
  const ext = extname(inputPath);
  const stem = basename(inputPath, ext);
  return join(dirname(inputPath), `${stem}.predictions.csv`);
}

function view(r: BatchPredictionRecord): BatchPrediction {
  const error = r.errorJson ? ApiErrorSchema.safeParse(JSON.parse(r.errorJson)) : null;
  return {
    id: r.id,
    jobId: r.jobId,
    name: r.modelName,
    version: r.modelVersion,
    inputPath: r.inputPath,
    outputPath: r.outputPath,
    withProbabilities: r.withProbabilities,
    state: r.state,
    rows: r.rows,
    columns: r.columnsJson ? (JSON.parse(r.columnsJson) as string[]) : null,
    durationMs: r.durationMs,
    author: r.author,
    createdAt: r.createdAt,
    endedAt: r.endedAt,
    error: error?.success ? { code: error.data.code, messageKey: error.data.messageKey, message: error.data.message } : null,
  };
}

/** serving.predictBatch */
export function startBatchPrediction(ctx: BackendContext, args: MethodInput<'serving.predictBatch'>): { batchId: string; jobId: string; outputPath: string } {
  const file = ctx.session.require();
  reconcile(ctx, file);
  const db = file.db;
  const v = resolveRefText(db, args.model, 'model');
  const inputPath = resolve(args.inputPath);
  if (!existsSync(inputPath) || !statSync(inputPath).isFile()) {
    throw new AppError('NOT_FOUND', `There is no file at ${inputPath}.`, { messageKey: 'errors.serving.inputNotFound', params: { path: inputPath }, details: { field: 'inputPath' } });
  }
  const outputPath = resolve(args.outputPath ?? defaultOutputPath(inputPath));
  if (outputPath === inputPath) {
    throw new AppError('INVALID_ARGUMENT', 'The output file must not be the input file.', { messageKey: 'errors.serving.outputExists', params: { path: outputPath }, details: { field: 'outputPath' } });
  }
  if (!args.overwrite && existsSync(outputPath)) {
    throw new AppError('CONFLICT', `The file ${outputPath} already exists; choose another name or allow replacing it.`, {
      messageKey: 'errors.serving.outputExists',
      params: { path: outputPath },
      details: { field: 'outputPath' },
    });
  }
  if (!existsSync(dirname(outputPath))) {
    throw new AppError('INVALID_ARGUMENT', `Cannot write ${outputPath}: the folder does not exist.`, { messageKey: 'errors.serving.cannotWrite', params: { path: outputPath }, details: { field: 'outputPath' } });
  }
  const lineage = lineageOf(v);
  const work: BatchWork = {
    artifactJson: versionArtifactJson(db, v),
    inputPath,
    outputPath,
    probabilities: args.probabilities,
    inputTypes: lineage.inputTypes ?? {},
  };
  const id = randomUUID();
  const record: BatchPredictionRecord = {
    id,
    jobId: '',
    modelName: v.modelName,
    modelVersion: v.version,
    modelVersionId: v.id,
    inputPath,
    outputPath,
    withProbabilities: args.probabilities && lineage.task === 'classification',
    state: 'queued',
    rows: null,
    columnsJson: null,
    durationMs: null,
    errorJson: null,
    author: currentAuthor(),
    createdAt: ctx.now().toISOString(),
    endedAt: null,
  };
  const state = stateOf(ctx);
  const writable = !file.isReadOnly;
  const save = (change: Parameters<typeof updateBatch>[2]): void => {
    Object.assign(record, change);
    if (writable && file.db.open) {
      try {
        updateBatch(file.db, id, change);
      } catch (err) {
        console.error('[batch] could not record the batch prediction:', err);
      }
    }
  };
  const handle = ctx.jobs.start<BatchWork, BatchWorkResult>({
    kind: 'prediction.batch',
    entry: resolveWorkerEntry(import.meta.url, './batch.worker'),
    input: work,
    subjectId: id,
    initialPhaseKey: 'jobs.phase.queued',
    onResult: (result) => {
      save({ state: 'done', rows: result.rows, columnsJson: JSON.stringify(result.columns), durationMs: result.durationMs, endedAt: ctx.now().toISOString() });
    },
  });
  record.jobId = handle.jobId;
  if (writable) insertBatch(db, record);
  state.records.set(id, { file, record });
  const unsubscribe = ctx.events.subscribe((name, payload) => {
    if (name !== 'job.progress') return;
    const p = payload as JobProgress;
    if (p.jobId !== handle.jobId || p.state !== 'running' || record.state !== 'queued') return;
    save({ state: 'running' });
  });
  void handle.finished.then((p) => {
    unsubscribe();
    if (p.state === 'failed') save({ state: 'failed', errorJson: JSON.stringify(p.error ?? null), endedAt: p.endedAt ?? ctx.now().toISOString() });
    else if (p.state === 'cancelled' || p.state === 'interrupted') save({ state: p.state, endedAt: p.endedAt ?? ctx.now().toISOString() });
    ctx.events.emit('project.changed', { area: 'serving' });
  });
  return { batchId: id, jobId: handle.jobId, outputPath };
}

/** serving.batches */
export function listBatchPredictions(ctx: BackendContext, args: MethodInput<'serving.batches'>): BatchPrediction[] {
  const file = ctx.session.require();
  reconcile(ctx, file);
  const state = stateOf(ctx);
  const stored = file.isReadOnly ? [] : listBatches(file.db, args.limit);
  const ids = new Set(stored.map((r) => r.id));
  // Batches of a read-only project live only in memory; recorded ones are read back fresh.
  const inMemory = [...state.records.values()].filter((r) => r.file === file && !ids.has(r.record.id)).map((r) => r.record);
  return [...stored, ...inMemory]
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .slice(0, args.limit)
    .map(view);
}
