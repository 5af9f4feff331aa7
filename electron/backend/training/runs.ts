/**
 * Run orchestration on the backend's main thread. It never trains: it checks the request against
 * the version's metadata, records each run as `queued`, starts one `training.run` job per run in
 * the JobManager (worker threads, at most one per core at once) and commits what the worker
 * returns in one transaction (storage/repos/training.ts `commitRunResult`). A run whose job fails,
 * is cancelled or is interrupted keeps only its record, marked so.
 *
 * Runs left `queued`/`running` by a process that is gone are marked `interrupted` the first time
 * this backend touches the project read-write (the write lock guarantees no live process owns
 * them); the JobManager does the same for the jobs table.
 *
 * The learning curve of a running fit reaches the UI through a MessagePort handed to the worker
 * in the job's input and re-emitted here as `training.curve` events.
 */
import { randomUUID } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import type { MethodInput } from '../../../shared/api/contract.js';
import type { JobProgress } from '../../../shared/domain/jobs.js';
import { METRICS, type MetricId } from '../../../shared/domain/metrics.js';
import { PipelineSpecSchema, type PipelineSpec } from '../../../shared/domain/pipeline-spec.js';
import { AppError } from '../../../shared/errors.js';
import { createEstimator } from '../../ml/registry.js';
import { parsePipelineSpec } from '../../ml/compose/from-spec.js';
import { ENGINE_VERSION } from '../../ml/version.js';
import type { BackendContext } from '../api/context.js';
import type { ProjectFile } from '../storage/project-file.js';
import { readManifest, readVersionSchema, type VersionManifest, type VersionRecord } from '../storage/repos/datasets.js';
import {
  commitRunResult,
  getFeatureSet,
  getRunResult,
  insertRun,
  listFeatureSets,
  markRunEnded,
  markRunStarted,
  markStaleRunsInterrupted,
  nextRunSeq,
  setRunJob,
  type FeatureSetRecord,
  type RunRecord,
} from '../storage/repos/training.js';
import { readObjective } from '../storage/repos/objective.js';
import { resolveWorkerEntry } from '../workers/entry.js';
import type { TrainingRunInput } from '../workers/training-run.worker.js';
import { partitionOf, requireDataset, requireVersion } from '../versions/records.js';
import { defaultMetric, profileCounts, requireModel, resolveProblem, storedProfile, type Problem } from './problem.js';
import { checkSpecFits, defaultSpec } from './specs.js';
import type { RunWorkResult } from './tasks/run.js';
import type { CurveMessage } from './tasks/worker-hooks.js';
import { requireRun } from './views.js';

/** A run this process is running. */
interface LiveRun {
  runId: string;
  jobId: string;
  file: ProjectFile;
  /** True once its record says `running` (progress reports arrive many times a second). */
  isMarkedRunning: boolean;
}

interface ContextState {
  byRun: Map<string, LiveRun>;
  byJob: Map<string, LiveRun>;
}

const states = new WeakMap<BackendContext, ContextState>();
const reconciled = new WeakSet<ProjectFile>();

/** This context's live runs; the first call subscribes to job progress (queued -> running). */
function stateOf(ctx: BackendContext): ContextState {
  let s = states.get(ctx);
  if (s) return s;
  const state: ContextState = { byRun: new Map(), byJob: new Map() };
  states.set(ctx, state);
  ctx.events.subscribe((name, payload) => {
    if (name !== 'job.progress') return;
    const p = payload as JobProgress;
    if (p.state !== 'running') return;
    const live = state.byJob.get(p.jobId);
    if (!live || live.isMarkedRunning || !live.file.db.open) return;
    live.isMarkedRunning = true;
    if (markRunStarted(live.file.db, live.runId, ctx.now().toISOString())) ctx.events.emit('training.runUpdated', { runId: live.runId, state: 'running' });
  });
  s = state;
  return s;
}

/** Ids of the runs this process is running. */
export function liveRunIds(ctx: BackendContext): Set<string> {
  return new Set(stateOf(ctx).byRun.keys());
}

/** Marks runs a dead process left queued or running as interrupted (once per open, read-write only). */
export function reconcileRuns(ctx: BackendContext, file: ProjectFile): void {
  if (file.isReadOnly || reconciled.has(file) || !file.db.open) return;
  reconciled.add(file);
  const live = new Set([...stateOf(ctx).byRun.values()].filter((r) => r.file === file).map((r) => r.runId));
  const changed = markStaleRunsInterrupted(file.db, live, ctx.now().toISOString());
  for (const runId of changed) ctx.events.emit('training.runUpdated', { runId, state: 'interrupted' });
}

/** The open project for reading, reconciled. */
export function readProject(ctx: BackendContext): ProjectFile {
  const file = ctx.session.require();
  reconcileRuns(ctx, file);
  return file;
}

/** The open project for writing, reconciled. */
export function writeProject(ctx: BackendContext): ProjectFile {
  const file = ctx.session.requireWritable();
  reconcileRuns(ctx, file);
  return file;
}

function entry() {
  return resolveWorkerEntry(import.meta.url, '../workers/training-run.worker');
}

/** The problem a feature set answers (its target and task), with the objective's metric when it applies. */
function problemOfSpec(spec: PipelineSpec, ctx: ProjectFile): Problem {
  const objective = readObjective(ctx.db);
  const applies = objective !== null && objective.taskType === spec.task && (objective.targetColumn === undefined || objective.targetColumn === spec.target);
  return {
    target: spec.target,
    task: spec.task,
    taskSource: applies ? 'objective' : 'inferred',
    metric: applies ? objective.metric : defaultMetric(spec.task),
    positiveClass: applies && spec.task === 'classification' ? (objective.positiveClass ?? null) : null,
    objective,
  };
}

function noTarget(): AppError {
  return new AppError('INVALID_ARGUMENT', 'This dataset version has no target: choose the column to predict in the Data step or the objective.', {
    messageKey: 'errors.training.noTarget',
    details: { field: 'datasetId' },
  });
}

function requirePartition(version: VersionRecord, scheme: 'holdout' | 'kfold'): void {
  const partition = partitionOf(version);
  if (!partition) {
    throw new AppError('INVALID_ARGUMENT', 'This dataset version has no train/validation/test partition; partition it in the Data step first.', {
      messageKey: 'errors.training.needsPartition',
      details: { field: 'versionId' },
    });
  }
  if (scheme === 'holdout' && partition.summary.counts.validation === 0) {
    throw new AppError('INVALID_ARGUMENT', 'The partition has no validation rows: choose k-fold validation or partition again with a validation share.', {
      messageKey: 'errors.training.noValidationRows',
      details: { field: 'validation.scheme' },
    });
  }
}

/** Checks a model's params by creating it (unknown names are refused), naming the field. */
function checkParams(kind: string, params: Record<string, unknown>, field: string): void {
  try {
    createEstimator(kind, params);
  } catch (err) {
    throw new AppError('INVALID_ARGUMENT', err instanceof Error ? err.message : String(err), { messageKey: 'errors.INVALID_ARGUMENT', details: { field } });
  }
}

/** Starts one run per model. */
export function startRuns(ctx: BackendContext, args: MethodInput<'training.start'>): { batchId: string; runs: Array<{ runId: string; jobId: string; modelId: string }> } {
  const file = writeProject(ctx);
  const db = file.db;
  const dataset = requireDataset(db, args.datasetId);
  const version = requireVersion(db, dataset, args.versionId);
  const schema = readVersionSchema(db, version.id);
  const profile = storedProfile(db, version.id);
  let featureSet: FeatureSetRecord | null = null;
  if (args.featureSetId !== undefined) {
    featureSet = getFeatureSet(db, args.featureSetId) ?? null;
    if (!featureSet) {
      throw new AppError('NOT_FOUND', `There is no feature set with id ${args.featureSetId}.`, { messageKey: 'errors.training.featureSetNotFound', details: { field: 'featureSetId' } });
    }
  } else {
    featureSet = listFeatureSets(db, dataset.id)[0] ?? null;
  }
  let problem: Problem;
  let featureSpec: PipelineSpec;
  if (featureSet) {
    featureSpec = PipelineSpecSchema.parse(JSON.parse(featureSet.specJson));
    problem = problemOfSpec(featureSpec, file);
  } else {
    problem = resolveProblem(db, version, schema) ?? (() => { throw noTarget(); })();
    featureSpec = defaultSpec(schema, profileCounts(profile), problem);
  }
  checkSpecFits(featureSpec, schema, featureSet ? 'featureSetId' : 'datasetId');
  requirePartition(version, args.validation.scheme);
  // The worker makes the spec it fits from exact counts: the default one, or the set adapted to each model.
  const adapt: TrainingRunInput['adapt'] = featureSet ? (featureSet.adaptToModel ? 'model' : 'none') : 'default';
  const manifest = readManifest(db, version.id);
  if (!manifest) throw new AppError('NOT_FOUND', `The data of version ${version.id} is missing.`, { messageKey: 'errors.data.versionNotFound', details: { field: 'versionId' } });

  const now = ctx.now().toISOString();
  const batchId = randomUUID();
  const records: RunRecord[] = args.models.map((m, i) => {
    const { kind, hasSeed } = requireModel(m.id, problem.task, `models.${i}.id`);
    const params: Record<string, number | string | boolean | null> = { ...(m.params ?? {}) };
    // The run's seed drives every random step the model has, unless the user fixed it.
    if (hasSeed && !('randomState' in params)) params.randomState = args.seed;
    checkParams(kind, params, `models.${i}.params`);
    const spec: PipelineSpec = { ...featureSpec, model: { id: m.id, params } };
    parsePipelineSpec(spec);
    return {
      id: randomUUID(),
      seq: 0,
      batchId,
      datasetId: dataset.id,
      datasetName: dataset.name,
      versionId: version.id,
      versionSeq: version.seq,
      featureSetId: featureSet?.id ?? null,
      modelId: m.id,
      modelKind: kind,
      paramsJson: JSON.stringify(params),
      seed: args.seed,
      task: problem.task,
      target: problem.target,
      metric: problem.metric,
      positiveClass: problem.positiveClass,
      validationScheme: args.validation.scheme,
      validationK: args.validation.scheme === 'kfold' ? (args.validation.k ?? 5) : null,
      searchJson: args.search ? JSON.stringify(args.search) : null,
      replayCandidates: null,
      specJson: JSON.stringify(spec),
      engineVersion: ENGINE_VERSION,
      state: 'queued',
      jobId: null,
      errorJson: null,
      rerunOf: null,
      createdAt: now,
      startedAt: null,
      endedAt: null,
      durationMs: null,
      chosenThreshold: null,
      thresholdAuthor: null,
      thresholdAt: null,
    };
  });
  db.transaction(() => {
    let seq = nextRunSeq(db);
    for (const r of records) {
      r.seq = seq++;
      insertRun(db, r);
    }
  })();
  const runs = records.map((r) => ({ runId: r.id, jobId: launch(ctx, file, r, adapt, manifest), modelId: r.modelId }));
  ctx.events.emit('project.changed', { area: 'training' });
  return { batchId, runs };
}

/** Starts the job of a recorded (queued) run; returns its job id. */
function launch(ctx: BackendContext, file: ProjectFile, run: RunRecord, adapt: TrainingRunInput['adapt'], manifest: VersionManifest): string {
  const state = stateOf(ctx);
  const channel = new MessageChannel();
  channel.port1.on('message', (m: CurveMessage) => {
    ctx.events.emit('training.curve', { runId: run.id, ...m });
  });
  channel.port1.unref();
  const input: TrainingRunInput = {
    projectPath: file.path,
    nativeBinding: ctx.config.nativeBinding,
    runId: run.id,
    manifest,
    spec: PipelineSpecSchema.parse(JSON.parse(run.specJson)),
    adapt,
    task: run.task,
    metric: (METRICS[run.metric as MetricId] ? run.metric : defaultMetric(run.task)) as MetricId,
    positiveClass: run.positiveClass,
    validation: { scheme: run.validationScheme, k: run.validationK },
    search: run.searchJson ? JSON.parse(run.searchJson) : null,
    replayCandidates: run.replayCandidates,
    seed: run.seed,
    curvePort: channel.port2,
  };
  const handle = ctx.jobs.start<TrainingRunInput, RunWorkResult>({
    kind: 'training.run',
    entry: entry(),
    input,
    subjectId: run.id,
    transferList: [channel.port2],
    onResult: (value) => {
      if (!file.db.open) throw new AppError('CANCELLED', 'The project was closed before the run could be saved.');
      commitRunResult(
        file.db,
        run.id,
        {
          specJson: JSON.stringify(value.spec),
          finalParamsJson: JSON.stringify(value.finalParams),
          evaluatedOn: value.evaluatedOn,
          trainRows: value.trainRows,
          evaluatedRows: value.evaluatedRows,
          metricsJson: JSON.stringify(value.metrics),
          cvJson: value.cv ? JSON.stringify(value.cv) : null,
          reportJson: JSON.stringify(value.report),
          thresholdsJson: value.thresholds ? JSON.stringify(value.thresholds) : null,
          curveMetric: value.curveMetric,
          curveJson: JSON.stringify(value.curve),
          searchResultJson: value.searchResult ? JSON.stringify(value.searchResult) : null,
          classLabelsJson: value.classLabels ? JSON.stringify(value.classLabels) : null,
          featureNamesJson: JSON.stringify(value.featureNames),
          artifactJson: value.artifactJson,
          artifactSha256: value.artifactSha256,
        },
        { startedAt: value.startedAt, endedAt: value.endedAt, durationMs: value.durationMs },
      );
    },
  });
  const live: LiveRun = { runId: run.id, jobId: handle.jobId, file, isMarkedRunning: false };
  state.byRun.set(run.id, live);
  state.byJob.set(handle.jobId, live);
  setRunJob(file.db, run.id, handle.jobId);
  ctx.events.emit('training.runUpdated', { runId: run.id, state: 'queued' });
  void handle.finished.then((p) => {
    state.byRun.delete(run.id);
    state.byJob.delete(handle.jobId);
    channel.port1.close();
    let endState: RunRecord['state'] = 'done';
    if (p.state !== 'done' && file.db.open) {
      endState = p.state === 'cancelled' ? 'cancelled' : p.state === 'interrupted' ? 'interrupted' : 'failed';
      try {
        markRunEnded(file.db, run.id, { state: endState, errorJson: p.error ? JSON.stringify(p.error) : null, at: ctx.now().toISOString() });
      } catch (err) {
        // The project is closing under us: the next open marks the run interrupted.
        console.error('[training] could not record the end of a run:', err);
      }
    }
    ctx.events.emit('training.runUpdated', { runId: run.id, state: endState });
    ctx.events.emit('project.changed', { area: 'training' });
    ctx.events.emit('project.changed', { area: 'lifecycle' });
  });
  return handle.jobId;
}

/** Cancels a queued or running run. */
export function cancelRun(ctx: BackendContext, runId: string): boolean {
  const file = readProject(ctx);
  requireRun(file.db, runId);
  const live = stateOf(ctx).byRun.get(runId);
  return live ? ctx.jobs.cancel(live.jobId) : false;
}

/** Runs a recorded run again: same version, spec, params, seed, validation and (replayed) search. */
export function rerun(ctx: BackendContext, runId: string): { runId: string; jobId: string; modelId: string } {
  const file = writeProject(ctx);
  const db = file.db;
  const run = requireRun(db, runId);
  if (run.state === 'queued' || run.state === 'running') {
    throw new AppError('CONFLICT', 'This run is still going; wait for it or cancel it first.', { messageKey: 'errors.training.runNotFinished', details: { field: 'runId' } });
  }
  const manifest = readManifest(db, run.versionId);
  if (!manifest) {
    throw new AppError('NOT_FOUND', `The data this run was trained on (version ${run.versionId}) is no longer in the project.`, {
      messageKey: 'errors.data.versionNotFound',
      details: { field: 'runId' },
    });
  }
  let replay = run.replayCandidates;
  if (run.searchJson && replay === null) {
    const result = getRunResult(db, run.id);
    const search = result?.searchResultJson ? (JSON.parse(result.searchResultJson) as { candidates: Array<{ status: string }> }) : null;
    if (search) replay = search.candidates.filter((c) => c.status !== 'skipped').length;
  }
  // The spec keeps the adapted columns; its model params go back to the requested ones, so a
  // replayed search varies the same parameters again.
  const spec = PipelineSpecSchema.parse(JSON.parse(run.specJson));
  const copy: RunRecord = {
    ...run,
    specJson: JSON.stringify({ ...spec, model: { id: run.modelId, params: JSON.parse(run.paramsJson) } }),
    id: randomUUID(),
    seq: 0,
    batchId: randomUUID(),
    replayCandidates: replay,
    engineVersion: ENGINE_VERSION,
    state: 'queued',
    jobId: null,
    errorJson: null,
    rerunOf: run.id,
    createdAt: ctx.now().toISOString(),
    startedAt: null,
    endedAt: null,
    durationMs: null,
    chosenThreshold: null,
    thresholdAuthor: null,
    thresholdAt: null,
  };
  db.transaction(() => {
    copy.seq = nextRunSeq(db);
    insertRun(db, copy);
  })();
  // A finished run recorded the spec it fitted; an unfinished one still holds the spec it was given.
  const featureSet = run.featureSetId ? getFeatureSet(db, run.featureSetId) : undefined;
  const adapt: TrainingRunInput['adapt'] = run.state === 'done' ? 'none' : run.featureSetId === null ? 'default' : featureSet?.adaptToModel === false ? 'none' : 'model';
  const jobId = launch(ctx, file, copy, adapt, manifest);
  ctx.events.emit('project.changed', { area: 'training' });
  return { runId: copy.id, jobId, modelId: copy.modelId };
}
