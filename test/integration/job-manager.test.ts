// The job system with real worker threads (test/fixtures/workers/count.worker.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobManager } from '../../electron/backend/workers/job-manager.js';
import { resolveWorkerEntry } from '../../electron/backend/workers/entry.js';
import type { JobProgress } from '../../shared/domain/jobs.js';
import type { CountInput } from '../fixtures/workers/count.worker.js';
import { callOk, tempDir, testBackend, type TempDir } from '../helpers/project.js';
import { listJobs } from '../../electron/backend/storage/repos/jobs.js';

const entry = resolveWorkerEntry(import.meta.url, '../fixtures/workers/count.worker');

let events: JobProgress[];
let manager: JobManager;

function newManager(maxConcurrent = 2, cancelGraceMs = 500): JobManager {
  return new JobManager({ emit: (p) => events.push(p), maxConcurrent, cancelGraceMs });
}

function count(input: CountInput, onResult?: (v: { counted: number }) => void) {
  return manager.start<CountInput, { counted: number }>({ kind: 'data.profile', entry, input, onResult });
}

beforeEach(() => {
  events = [];
  manager = newManager();
});
afterEach(async () => {
  await manager.cancelAll();
});

describe('JobManager with real workers', () => {
  it('runs a job to done, reporting progress with phase keys, and hands the result to onResult', async () => {
    let committed: number | null = null;
    const handle = count({ steps: 6, stepMs: 60 }, (v) => {
      committed = v.counted;
    });
    const final = await handle.finished;
    expect(final).toMatchObject({ state: 'done', fraction: 1, phaseKey: 'jobs.phase.done' });
    expect(committed).toBe(6);
    const mine = events.filter((e) => e.jobId === handle.jobId);
    expect(mine[0].state).toBe('queued');
    expect(mine.some((e) => e.state === 'running' && e.phaseKey === 'jobs.phase.counting' && e.fraction > 0 && e.fraction < 1)).toBe(true);
    const fractions = mine.filter((e) => e.phaseKey === 'jobs.phase.counting').map((e) => e.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(mine.at(-1)?.state).toBe('done');
  });

  it('estimates the time left once a job has run for a while', async () => {
    const handle = count({ steps: 30, stepMs: 60 });
    await handle.finished;
    const withEta = events.filter((e) => e.jobId === handle.jobId && e.etaSeconds !== undefined);
    expect(withEta.length).toBeGreaterThan(0);
    expect(withEta.every((e) => e.etaSeconds! >= 0 && e.etaSeconds! < 10)).toBe(true);
  });

  it('fails with the worker\'s own error code and field (AppError and engine errors)', async () => {
    const app = await count({ steps: 4, stepMs: 10, behaviour: 'throw-app' }).finished;
    expect(app.state).toBe('failed');
    expect(app.error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'age' } });
    const engine = await count({ steps: 4, stepMs: 10, behaviour: 'throw-engine' }).finished;
    expect(engine.error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'y' } });
  });

  it('fails with INTERNAL and no stack for an unexpected error', async () => {
    const final = await count({ steps: 4, stepMs: 10, behaviour: 'throw-plain' }).finished;
    expect(final.error?.code).toBe('INTERNAL');
    expect(JSON.stringify(final.error)).not.toContain('secret stack');
  });

  it('settles a job whose worker exits in the middle', async () => {
    const final = await count({ steps: 4, stepMs: 10, behaviour: 'exit' }).finished;
    expect(final.state).toBe('failed');
    expect(final.error?.code).toBe('INTERNAL');
  });

  it('fails the job when committing its result fails', async () => {
    const final = await count({ steps: 2, stepMs: 5 }, () => {
      throw new Error('disk full');
    }).finished;
    expect(final.state).toBe('failed');
  });

  it('cancels cooperatively', async () => {
    const handle = count({ steps: 200, stepMs: 20 });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (manager.get(handle.jobId)?.phaseKey === 'jobs.phase.counting') {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    const started = Date.now();
    expect(manager.cancel(handle.jobId)).toBe(true);
    const final = await handle.finished;
    expect(final.state).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(450);
  });

  it('terminates a worker that ignores the cancel message after the grace period', async () => {
    const handle = count({ steps: 1, stepMs: 1, behaviour: 'ignore-cancel' });
    await new Promise((r) => setTimeout(r, 1500));
    const started = Date.now();
    manager.cancel(handle.jobId);
    const final = await handle.finished;
    expect(final.state).toBe('cancelled');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('runs at most maxConcurrent jobs at once and queues the rest', async () => {
    manager = newManager(1);
    const a = count({ steps: 5, stepMs: 40 });
    const b = count({ steps: 5, stepMs: 40 });
    expect(manager.get(b.jobId)?.state).toBe('queued');
    expect(manager.runningCount).toBe(1);
    const first = await a.finished;
    const second = await b.finished;
    expect(first.state).toBe('done');
    expect(second.state).toBe('done');
    // b only started once a had ended.
    const bRunning = events.find((e) => e.jobId === b.jobId && e.state === 'running');
    const aDone = events.findIndex((e) => e.jobId === a.jobId && e.state === 'done');
    expect(events.indexOf(bRunning!)).toBeGreaterThan(aDone);
  });

  it('cancels a queued job without starting it', async () => {
    manager = newManager(1);
    const a = count({ steps: 3, stepMs: 30 });
    const b = count({ steps: 3, stepMs: 30 });
    expect(manager.cancel(b.jobId)).toBe(true);
    expect((await b.finished).state).toBe('cancelled');
    expect(events.some((e) => e.jobId === b.jobId && e.state === 'running')).toBe(false);
    await a.finished;
  });
});

describe('jobs of an open project', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('records each job in the jobs table, lists it, cancels through the API and reports job.progress events', async () => {
    const backend = testBackend(tmp.path);
    const seen: string[] = [];
    backend.ctx.events.subscribe((name, payload) => {
      if (name === 'job.progress') seen.push((payload as JobProgress).state);
    });
    await callOk(backend, 'project.create', { name: 'Jobs' });
    const done = backend.ctx.jobs.start({ kind: 'data.profile', entry, input: { steps: 3, stepMs: 10 } satisfies CountInput });
    await done.finished;
    const long = backend.ctx.jobs.start({ kind: 'training.run', entry, input: { steps: 500, stepMs: 20 } satisfies CountInput });
    expect((await callOk(backend, 'job.list', { activeOnly: true })).map((j) => j.jobId)).toEqual([long.jobId]);
    expect(await callOk(backend, 'job.cancel', { jobId: long.jobId })).toEqual({ cancelled: true });
    await long.finished;
    expect(await callOk(backend, 'job.cancel', { jobId: long.jobId })).toEqual({ cancelled: false });

    const db = backend.ctx.session.require().db;
    const stored = listJobs(db);
    expect(stored.map((j) => [j.kind, j.state])).toEqual(
      expect.arrayContaining([
        ['data.profile', 'done'],
        ['training.run', 'cancelled'],
      ]),
    );
    expect(seen).toEqual(expect.arrayContaining(['queued', 'running', 'done', 'cancelled']));
    await backend.dispose();
  });

  it('cancels running jobs when the project closes', async () => {
    const backend = testBackend(tmp.path);
    await callOk(backend, 'project.create', { name: 'Closing' });
    const long = backend.ctx.jobs.start({ kind: 'training.run', entry, input: { steps: 500, stepMs: 20 } satisfies CountInput });
    await callOk(backend, 'project.close', {});
    // project.close returned only after the job had settled.
    expect(backend.ctx.jobs.get(long.jobId)?.state).toBe('cancelled');
    expect((await long.finished).state).toBe('cancelled');
    await backend.dispose();
  });
});
