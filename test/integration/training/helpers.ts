/**
 * Helpers of the training integration tests: a project with an imported, partitioned fixture
 * dataset (through the same dispatch the UI uses), and waiting for jobs and runs.
 */
import { fileURLToPath } from 'node:url';
import type { Backend } from '../../../electron/backend/api/backend.js';
import type { JobProgress } from '../../../shared/domain/jobs.js';
import type { RunSummary } from '../../../shared/api/methods/training.js';
import { callOk } from '../../helpers/project.js';

/** Path of a training fixture. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/training/${name}`, import.meta.url));
}

const FINAL = new Set<JobProgress['state']>(['done', 'failed', 'cancelled', 'interrupted']);

/** Waits until a job has finished; returns its final state. */
export async function waitJob(backend: Backend, jobId: string, timeoutMs = 120_000): Promise<JobProgress> {
  const start = Date.now();
  for (;;) {
    const p = backend.ctx.jobs.get(jobId);
    if (p && FINAL.has(p.state)) return p;
    if (Date.now() - start > timeoutMs) throw new Error(`job ${jobId} did not finish in ${timeoutMs} ms (state ${p?.state})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits for every run of a start and returns their summaries. */
export async function waitRuns(backend: Backend, runIds: readonly string[], timeoutMs = 300_000): Promise<RunSummary[]> {
  const start = Date.now();
  for (;;) {
    const all = await callOk(backend, 'training.runs', {});
    const mine = runIds.map((id) => all.find((r) => r.id === id)).filter((r): r is RunSummary => r !== undefined);
    if (mine.length === runIds.length && mine.every((r) => FINAL.has(r.state))) return mine;
    if (Date.now() - start > timeoutMs) throw new Error(`runs did not finish in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Creates a project, imports `file` with `target`, partitions it (stratified for classification). */
export async function projectWithData(
  backend: Backend,
  dir: string,
  file: string,
  target: string,
  options: { stratify?: boolean; fractions?: { train: number; validation: number; test: number }; name?: string } = {},
): Promise<{ datasetId: string; versionId: string }> {
  await callOk(backend, 'project.create', { name: options.name ?? 'Training', dir });
  const imported = await callOk(backend, 'data.import', { path: fixture(file), options: { target } });
  const done = await waitJob(backend, imported.jobId);
  if (done.state !== 'done') throw new Error(`import ${done.state}: ${done.error?.message}`);
  const spec = {
    method: options.stratify === false ? ('random' as const) : ('stratified' as const),
    fractions: options.fractions ?? { train: 0.6, validation: 0.2, test: 0.2 },
    seed: 1,
    ...(options.stratify === false ? {} : { column: target }),
    target,
  };
  const parted = await callOk(backend, 'data.partition', { datasetId: imported.datasetId, spec });
  const p = await waitJob(backend, parted.jobId);
  if (p.state !== 'done') throw new Error(`partition ${p.state}: ${p.error?.message}`);
  return { datasetId: imported.datasetId, versionId: parted.versionId };
}
