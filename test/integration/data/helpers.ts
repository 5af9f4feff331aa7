/** Helpers of the data integration tests: CSV files, a backend with an open project, job waits. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../../electron/backend/api/backend.js';
import type { JobProgress } from '../../../shared/domain/jobs.js';
import { callOk, testBackend } from '../../helpers/project.js';

const FINAL = new Set(['done', 'failed', 'cancelled', 'interrupted']);

/** Waits until a job reaches a final state and returns it. */
export async function waitJob(backend: Backend, jobId: string, timeoutMs = 110_000): Promise<JobProgress> {
  const start = Date.now();
  for (;;) {
    const j = backend.ctx.jobs.get(jobId);
    if (j && FINAL.has(j.state)) return j;
    if (Date.now() - start > timeoutMs) throw new Error(`job ${jobId} did not finish (state ${j?.state})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits for a job and fails the test with its error unless it is done. */
export async function jobOk(backend: Backend, jobId: string): Promise<JobProgress> {
  const j = await waitJob(backend, jobId);
  if (j.state !== 'done') throw new Error(`job ${j.kind} ended ${j.state}: ${j.error?.code} ${j.error?.message}`);
  return j;
}

/** Writes a CSV file (header + rows) and returns its path. */
export function writeCsv(dir: string, name: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const path = join(dir, name);
  writeFileSync(path, [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
  return path;
}

/** A small classification table: id, two numbers, a category and a label (20% "yes"). */
export function smallRows(n: number): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (let i = 0; i < n; i++) out.push([`R${i}`, (i * 37) % 101, ((i * 13) % 17) / 4, ['red', 'green', 'blue'][i % 3], i % 5 === 0 ? 'yes' : 'no']);
  return out;
}

/** Header of {@link smallRows}. */
export const SMALL_HEADER = ['code', 'x', 'y', 'color', 'label'] as const;

/** A backend with a fresh project `name` in `dir`. */
export async function backendWithProject(dir: string, name = 'Data'): Promise<Backend> {
  const backend = testBackend(dir);
  await callOk(backend, 'project.create', { name, dir });
  return backend;
}

/** Imports a file and waits for the version. */
export async function importOk(backend: Backend, path: string, args: { name?: string; target?: string } = {}) {
  const started = await callOk(backend, 'data.import', { path, ...(args.name ? { name: args.name } : {}), options: args.target ? { target: args.target } : {} });
  await jobOk(backend, started.jobId);
  return started;
}
