// Runs as records: everything a run needs to be reproduced is written (data version, spec,
// params, seed, engine version, timings, metrics, report, fitted pipeline), a rerun reproduces the
// fitted pipeline byte for byte (with and without a search), runs survive a restart, and a run that
// is cancelled, whose worker dies, or whose whole process dies keeps only its record, marked so,
// and can be run again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import type { Backend } from '../../../electron/backend/api/backend.js';
import { getRunArtifact, getRunResult } from '../../../electron/backend/storage/repos/training.js';
import { listJobs } from '../../../electron/backend/storage/repos/jobs.js';
import { ENGINE_VERSION } from '../../../electron/ml/version.js';
import { ModelPipeline } from '../../../electron/ml/compose/model-pipeline.js';
import type { JobProgress } from '../../../shared/domain/jobs.js';
import { callOk, tempDir, testBackend, type TempDir } from '../../helpers/project.js';
import { projectWithData, waitRuns } from './helpers.js';

// Every worker thread the backend starts, so a test can kill one mid-run as a crash would.
const workers = vi.hoisted(() => [] as Worker[]);
vi.mock('node:worker_threads', async (importOriginal) => {
  const mod = await importOriginal<typeof WorkerThreads>();
  class TrackedWorker extends mod.Worker {
    constructor(...args: ConstructorParameters<typeof mod.Worker>) {
      super(...args);
      workers.push(this);
    }
  }
  return { ...mod, Worker: TrackedWorker };
});

let tmp: TempDir;
let backend: Backend;
let child: ChildProcess | null = null;

beforeEach(() => {
  tmp = tempDir();
  backend = testBackend(tmp.path);
});
afterEach(async () => {
  child?.kill('SIGKILL');
  child = null;
  await backend.dispose();
  tmp.cleanup();
});

function db() {
  return backend.ctx.session.require().db;
}

function resultRows(runId: string): { results: number; artifacts: number } {
  return {
    results: db().prepare('SELECT COUNT(*) FROM run_results WHERE run_id = ?').pluck().get(runId) as number,
    artifacts: db().prepare('SELECT COUNT(*) FROM run_artifacts WHERE run_id = ?').pluck().get(runId) as number,
  };
}

/** Resolves with the first progress report of `jobId` that satisfies `test`. */
function progressWhere(jobId: string, test: (p: JobProgress) => boolean): Promise<JobProgress> {
  return new Promise((resolve) => {
    const stop = backend.ctx.events.subscribe((name, payload) => {
      const p = payload as JobProgress;
      if (name === 'job.progress' && p.jobId === jobId && test(p)) {
        stop();
        resolve(p);
      }
    });
  });
}

describe('recorded runs', () => {
  it('record the data version, spec, params, seed, engine version, timings, metrics, report and pipeline; a rerun is byte-identical', async () => {
    const { datasetId, versionId } = await projectWithData(backend, tmp.path, 'churn.csv', 'leaves');
    const started = await callOk(backend, 'training.start', { datasetId, models: [{ id: 'hgb', params: { maxIter: 40 } }, { id: 'baseline' }], seed: 7 });
    const [hgb, baseline] = await waitRuns(backend, started.runs.map((r) => r.runId));
    expect(hgb).toMatchObject({
      state: 'done',
      datasetId,
      versionId,
      versionNumber: 2,
      modelId: 'hgb',
      modelKind: 'HistGradientBoostingClassifier',
      seed: 7,
      task: 'classification',
      target: 'leaves',
      engineVersion: ENGINE_VERSION,
      evaluatedOn: 'validation',
      trainRows: 900,
      evaluatedRows: 300,
      error: null,
    });
    expect(hgb.params).toMatchObject({ maxIter: 40, randomState: 7 });
    expect(Date.parse(hgb.endedAt as string)).toBeGreaterThanOrEqual(Date.parse(hgb.startedAt as string));
    expect(hgb.durationMs).toBeGreaterThan(0);
    expect(hgb.metrics?.accuracy).toBeGreaterThan(0.8);
    expect(baseline.state).toBe('done');
    const detail = await callOk(backend, 'training.run', { runId: hgb.id });
    expect(detail.spec.target).toBe('leaves');
    expect(detail.spec.model).toEqual({ id: 'hgb', params: { maxIter: 40, randomState: 7 } });
    // The identifier column is never a feature.
    expect(detail.spec.columns.find((c) => c.name === 'customer_id')?.role).toBe('id');
    expect(detail.curve.length).toBeGreaterThan(10);
    expect(detail.classLabels).toEqual(['no', 'yes']);

    const artifact = getRunArtifact(db(), hgb.id);
    expect(artifact?.sha256).toBe(hgb.artifactSha256);
    const pipeline = ModelPipeline.fromArtifact(JSON.parse(artifact!.artifactJson));
    expect(pipeline.lineage.engineVersion).toBe(ENGINE_VERSION);
    expect(pipeline.lineage.nTrainRows).toBe(900);

    const again = await callOk(backend, 'training.rerun', { runId: hgb.id });
    const [rerun] = await waitRuns(backend, [again.runId]);
    expect(rerun).toMatchObject({ state: 'done', rerunOf: hgb.id, seed: 7, versionId, metrics: hgb.metrics });
    expect(getRunArtifact(db(), rerun.id)!.artifactJson).toBe(artifact!.artifactJson);

    // Runs survive a restart of the backend.
    const path = backend.ctx.session.require().path;
    await backend.dispose();
    backend = testBackend(tmp.path);
    await callOk(backend, 'project.open', { path });
    const after = await callOk(backend, 'training.runs', {});
    expect(after.map((r) => [r.number, r.state])).toEqual([
      [3, 'done'],
      [2, 'done'],
      [1, 'done'],
    ]);
    expect((await callOk(backend, 'training.run', { runId: hgb.id })).metrics).toEqual(hgb.metrics);
  });

  it('reruns a run with a time-budgeted search by replaying the candidates it evaluated', async () => {
    const { datasetId } = await projectWithData(backend, tmp.path, 'churn.csv', 'leaves');
    const started = await callOk(backend, 'training.start', {
      datasetId,
      models: [{ id: 'tree' }],
      validation: { scheme: 'kfold', k: 3 },
      search: { kind: 'random', budgetSeconds: 600, maxCandidates: 4 },
      seed: 3,
    });
    const [first] = await waitRuns(backend, [started.runs[0].runId]);
    expect(first.state).toBe('done');
    const detail = await callOk(backend, 'training.run', { runId: first.id });
    expect(detail.searchResult?.candidates.filter((c) => c.status === 'done')).toHaveLength(4);
    const best = detail.searchResult!.candidates[detail.searchResult!.bestIndex!];
    expect(first.params).toMatchObject(best.params);
    expect(first.cv?.k).toBe(3);
    const again = await callOk(backend, 'training.rerun', { runId: first.id });
    const [second] = await waitRuns(backend, [again.runId]);
    const replayed = await callOk(backend, 'training.run', { runId: second.id });
    expect(replayed.searchResult?.candidates.map((c) => [c.params, c.meanScore])).toEqual(detail.searchResult?.candidates.map((c) => [c.params, c.meanScore]));
    expect(getRunArtifact(db(), second.id)!.artifactJson).toBe(getRunArtifact(db(), first.id)!.artifactJson);

    // A spent budget starts no new candidate (the first always runs); the rerun replays just that one.
    const hurried = await callOk(backend, 'training.start', {
      datasetId,
      models: [{ id: 'tree' }],
      validation: { scheme: 'kfold', k: 3 },
      search: { kind: 'random', budgetSeconds: 0.001, maxCandidates: 50 },
      seed: 3,
    });
    const [short] = await waitRuns(backend, [hurried.runs[0].runId]);
    const shortDetail = await callOk(backend, 'training.run', { runId: short.id });
    expect(shortDetail.searchResult?.stoppedBy).toBe('time_budget');
    expect(shortDetail.searchResult?.candidates.filter((c) => c.status === 'done')).toHaveLength(1);
    expect(shortDetail.searchResult?.candidates[0].params).toEqual(detail.searchResult?.candidates[0].params);
    const replay = await callOk(backend, 'training.rerun', { runId: short.id });
    const [replayed2] = await waitRuns(backend, [replay.runId]);
    expect((await callOk(backend, 'training.run', { runId: replayed2.id })).searchResult?.candidates).toHaveLength(1);
    expect(getRunArtifact(db(), replayed2.id)!.artifactJson).toBe(getRunArtifact(db(), short.id)!.artifactJson);
  });
});

describe('runs that do not finish', () => {
  it('a cancelled run is recorded as cancelled with nothing half-written, and can be run again', async () => {
    const { datasetId } = await projectWithData(backend, tmp.path, 'churn.csv', 'leaves');
    const started = await callOk(backend, 'training.start', { datasetId, models: [{ id: 'hgb', params: { maxIter: 20000, earlyStopping: false, learningRate: 0.001 } }] });
    const { runId, jobId } = started.runs[0];
    await progressWhere(jobId, (p) => p.phaseKey === 'jobs.phase.training.fitting' && p.fraction > 0.12);
    expect(await callOk(backend, 'training.cancel', { runId })).toEqual({ cancelled: true });
    const [run] = await waitRuns(backend, [runId]);
    expect(run).toMatchObject({ state: 'cancelled', metrics: null, artifactSha256: null });
    expect(resultRows(runId)).toEqual({ results: 0, artifacts: 0 });
    expect(backend.ctx.jobs.get(jobId)?.state).toBe('cancelled');
    const report = await backend.dispatch('evaluation.report', { runId });
    expect(report).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.training.runNotFinished' } });
    expect(await callOk(backend, 'training.cancel', { runId })).toEqual({ cancelled: false });
  });

  it('a worker killed mid-run leaves the run failed with nothing written; running it again succeeds', async () => {
    const { datasetId } = await projectWithData(backend, tmp.path, 'churn.csv', 'leaves');
    const before = workers.length;
    const started = await callOk(backend, 'training.start', { datasetId, models: [{ id: 'hgb', params: { maxIter: 20000, earlyStopping: false, learningRate: 0.001 } }] });
    const { runId, jobId } = started.runs[0];
    await progressWhere(jobId, (p) => p.phaseKey === 'jobs.phase.training.fitting' && p.fraction > 0.12);
    const mine = workers.slice(before);
    expect(mine).toHaveLength(1);
    // As a crash would: the thread dies without reporting anything.
    await mine[0].terminate();
    const [run] = await waitRuns(backend, [runId]);
    expect(run.state).toBe('failed');
    expect(run.error?.code).toBe('INTERNAL');
    expect(resultRows(runId)).toEqual({ results: 0, artifacts: 0 });
    expect(getRunResult(db(), runId)).toBeUndefined();

    const again = await callOk(backend, 'training.start', { datasetId, models: [{ id: 'hgb', params: { maxIter: 30 } }] });
    const [ok] = await waitRuns(backend, [again.runs[0].runId]);
    expect(ok.state).toBe('done');
  });

  it('a process killed mid-run: the next open shows the run interrupted, and it can be run again', async () => {
    const { datasetId } = await projectWithData(backend, tmp.path, 'churn.csv', 'leaves');
    const path = backend.ctx.session.require().path;
    await callOk(backend, 'project.close', {});
    const script = fileURLToPath(new URL('./train-child.ts', import.meta.url));
    child = spawn(process.execPath, ['--import', 'tsx', script, join(tmp.path, 'child-home'), path, datasetId], { stdio: 'pipe' });
    const proc = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const fractions = [...out.matchAll(/PROGRESS jobs\.phase\.training\.fitting ([\d.]+)/g)].map((m) => Number(m[1]));
        if (fractions.some((f) => f > 0.12)) {
          proc.kill('SIGKILL');
          resolve();
        }
        if (/DONE|FAILED/.test(out)) reject(new Error(`the run ended before it could be killed: ${out}`));
      });
      proc.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child exited by itself (${code}): ${out}`));
      });
    });
    await new Promise((r) => proc.once('exit', r));
    child = null;

    await callOk(backend, 'project.open', { path });
    const [run] = await callOk(backend, 'training.runs', {});
    expect(run).toMatchObject({ modelId: 'hgb', state: 'interrupted', metrics: null });
    expect(resultRows(run.id)).toEqual({ results: 0, artifacts: 0 });
    expect(listJobs(db()).find((j) => j.subjectId === run.id)?.state).toBe('interrupted');
    const status = await callOk(backend, 'lifecycle.status', {});
    expect(status.find((s) => s.step === 'train')).toMatchObject({ state: 'in_progress', reasonKey: 'lifecycle.reason.train.noFinishedRun' });
    // "Run again" starts the same run anew (same spec and seed).
    const again = await callOk(backend, 'training.rerun', { runId: run.id });
    expect(again.modelId).toBe('hgb');
    expect(await callOk(backend, 'training.cancel', { runId: again.runId })).toEqual({ cancelled: true });
    const [cancelled] = await waitRuns(backend, [again.runId]);
    expect(cancelled).toMatchObject({ state: 'cancelled', rerunOf: run.id });
  });
});
