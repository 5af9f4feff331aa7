/**
 * The job manager: every piece of work proportional to the number of rows runs here, as a job in
 * its own worker thread. It queues jobs (at most `os.availableParallelism()` run at once), turns
 * worker messages into `job.progress` events (fraction, phase key, ETA), cancels cooperatively
 * and then forcefully, and records each state change in the open project's jobs table, so a job
 * that was running when the process died shows as `interrupted` on the next open
 * (storage/repos/jobs.ts `markInterrupted`).
 *
 * A job's result is handed to `onResult` on the main thread: that is where the job's outcome is
 * committed to the project in one transaction (the worker computes, the backend's connection
 * writes), so a crash leaves the last committed state and never half a result.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { TransferListItem } from 'node:worker_threads';
import { AppError, type ApiError } from '../../../shared/errors.js';
import type { JobProgress } from '../../../shared/domain/jobs.js';

/** A job kind (shared/domain/jobs.ts JOB_KINDS). */
export type JobKind = JobProgress['kind'];
import type { WorkerEntry } from './entry.js';
import { runWorker, type WorkerRun } from './run-worker.js';

/** What to run. */
export interface JobSpec<I, O> {
  kind: JobKind;
  /** The worker entry (see `resolveWorkerEntry`). */
  entry: WorkerEntry;
  input: I;
  /** Domain object the job is about (dataset id, run id...). */
  subjectId?: string;
  /** Buffers moved into the worker instead of copied. */
  transferList?: TransferListItem[];
  /** Phase key shown while the job waits in the queue / before its first progress message. */
  initialPhaseKey?: string;
  /** Runs on the main thread with the worker's value before the job counts as done; a throw fails the job. */
  onResult?: (value: O, job: JobProgress) => void | Promise<void>;
}

/** A started job. */
export interface JobHandle {
  jobId: string;
  /** Resolves with the final state (done, failed or cancelled); never rejects. */
  finished: Promise<JobProgress>;
}

/** Where job states are persisted (the open project's jobs table). */
export interface JobStore {
  save(job: JobProgress): void;
}

/** Options of the manager. */
export interface JobManagerOptions {
  /** Called for every state change and progress report (the `job.progress` event). */
  emit: (job: JobProgress) => void;
  maxConcurrent?: number;
  cancelGraceMs?: number;
  now?: () => Date;
}

/** The manager's live record of one job. */
interface JobRecord {
  progress: JobProgress;
  spec: JobSpec<unknown, unknown>;
  store: JobStore | null;
  run: WorkerRun<unknown> | null;
  /** Time and fraction of the worker's first progress report (the ETA's baseline: thread start-up is not work). */
  paceFrom: { at: number; fraction: number } | null;
  resolve: (p: JobProgress) => void;
  finished: Promise<JobProgress>;
}

const FINAL_STATES = new Set<JobProgress['state']>(['done', 'failed', 'cancelled', 'interrupted']);
/** Finished jobs kept in memory for job.list (older ones live in the project's table). */
const KEEP_FINISHED = 50;

/** Queues, runs, tracks and cancels jobs. */
export class JobManager {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly queue: string[] = [];
  private running = 0;
  private store: JobStore | null = null;
  private readonly maxConcurrent: number;
  private readonly grace: number;
  private readonly now: () => Date;

  constructor(private readonly options: JobManagerOptions) {
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? availableParallelism());
    this.grace = options.cancelGraceMs ?? 3000;
    this.now = options.now ?? (() => new Date());
  }

  /** Sets where new jobs are recorded (null when no project is open). */
  setStore(store: JobStore | null): void {
    this.store = store;
  }

  /** Queues a job; it starts as soon as a slot is free. */
  start<I, O>(spec: JobSpec<I, O>): JobHandle {
    const jobId = randomUUID();
    let resolve!: (p: JobProgress) => void;
    const finished = new Promise<JobProgress>((r) => {
      resolve = r;
    });
    const progress: JobProgress = {
      jobId,
      kind: spec.kind,
      state: 'queued',
      fraction: 0,
      phaseKey: spec.initialPhaseKey ?? 'jobs.phase.queued',
      startedAt: this.now().toISOString(),
    };
    if (spec.subjectId !== undefined) progress.subjectId = spec.subjectId;
    const record: JobRecord = { progress, spec: spec as JobSpec<unknown, unknown>, store: this.store, run: null, paceFrom: null, resolve, finished };
    this.jobs.set(jobId, record);
    this.queue.push(jobId);
    this.publish(record, true);
    this.pump();
    return { jobId, finished };
  }

  /** Cancels a queued or running job; false when it is unknown or already finished. */
  cancel(jobId: string): boolean {
    const record = this.jobs.get(jobId);
    if (!record || FINAL_STATES.has(record.progress.state)) return false;
    if (record.progress.state === 'queued') {
      this.queue.splice(this.queue.indexOf(jobId), 1);
      this.finish(record, { state: 'cancelled' });
      return true;
    }
    record.run?.cancel();
    return true;
  }

  /** Cancels everything and waits until every job has settled (before closing a project). */
  async cancelAll(): Promise<void> {
    const pending = [...this.jobs.values()].filter((r) => !FINAL_STATES.has(r.progress.state));
    for (const r of pending) this.cancel(r.progress.jobId);
    await Promise.all(pending.map((r) => r.finished));
  }

  /** Jobs known in this process, newest first. */
  list(activeOnly = false): JobProgress[] {
    const all = [...this.jobs.values()].map((r) => ({ ...r.progress }));
    all.reverse();
    return activeOnly ? all.filter((j) => !FINAL_STATES.has(j.state)) : all;
  }

  /** One job's current state. */
  get(jobId: string): JobProgress | undefined {
    const r = this.jobs.get(jobId);
    return r ? { ...r.progress } : undefined;
  }

  /** Number of jobs running right now. */
  get runningCount(): number {
    return this.running;
  }

  private pump(): void {
    while (this.running < this.maxConcurrent && this.queue.length > 0) {
      const jobId = this.queue.shift() as string;
      const record = this.jobs.get(jobId);
      if (record) this.launch(record);
    }
  }

  private launch(record: JobRecord): void {
    this.running += 1;
    record.progress.state = 'running';
    let run: WorkerRun<unknown>;
    try {
      run = runWorker(record.spec.entry, record.spec.input, {
        cancelGraceMs: this.grace,
        transferList: record.spec.transferList,
        onProgress: (m) => {
          record.paceFrom ??= { at: Date.now(), fraction: m.fraction };
          const p = record.progress;
          p.fraction = m.fraction;
          p.phaseKey = m.phaseKey;
          if (m.phaseParams) p.phaseParams = m.phaseParams;
          else delete p.phaseParams;
          const eta = this.eta(record);
          if (eta === undefined) delete p.etaSeconds;
          else p.etaSeconds = eta;
          this.publish(record, false);
        },
      });
    } catch (err) {
      console.error('[jobs] could not start a worker:', err);
      this.running -= 1;
      this.finish(record, { state: 'failed', error: new AppError('INTERNAL', 'The background job could not start.').toApiError() });
      this.pump();
      return;
    }
    record.run = run;
    this.publish(record, true);
    void run.outcome.then(async (outcome) => {
      this.running -= 1;
      try {
        if (outcome.state === 'done' && record.spec.onResult) {
          try {
            await record.spec.onResult(outcome.value, { ...record.progress });
          } catch (err) {
            this.finish(record, { state: 'failed', error: toApiError(err) });
            return;
          }
        }
        this.finish(record, outcome.state === 'failed' ? { state: 'failed', error: outcome.error } : { state: outcome.state });
      } finally {
        this.pump();
      }
    });
  }

  /** Seconds left, from the average pace since the first report; undefined while it cannot be estimated honestly. */
  private eta(record: JobRecord): number | undefined {
    const from = record.paceFrom;
    const f = record.progress.fraction;
    if (!from || f >= 1) return undefined;
    const elapsed = (Date.now() - from.at) / 1000;
    const done = f - from.fraction;
    if (done <= 0.01 || elapsed < 0.5) return undefined;
    return Math.round((elapsed * (1 - f)) / done);
  }

  private finish(record: JobRecord, end: { state: 'done' | 'cancelled' } | { state: 'failed'; error: ApiError }): void {
    const p = record.progress;
    p.state = end.state;
    if (end.state === 'failed') {
      p.phaseKey = 'jobs.phase.failed';
      p.error = end.error;
    } else if (end.state === 'done') {
      p.fraction = 1;
      p.phaseKey = 'jobs.phase.done';
    } else {
      p.phaseKey = 'jobs.phase.cancelled';
    }
    delete p.etaSeconds;
    delete p.phaseParams;
    p.endedAt = this.now().toISOString();
    record.run = null;
    this.publish(record, true);
    record.resolve({ ...p });
    this.prune();
  }

  private publish(record: JobRecord, persist: boolean): void {
    const snapshot = { ...record.progress };
    if (persist && record.store) {
      try {
        record.store.save(snapshot);
      } catch (err) {
        // The project may have been closed under a finishing job; the event still goes out.
        console.error('[jobs] could not record job state:', err);
      }
    }
    this.options.emit(snapshot);
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((r) => FINAL_STATES.has(r.progress.state));
    for (const r of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(r.progress.jobId);
  }
}

function toApiError(err: unknown): ApiError {
  if (err instanceof AppError) return err.toApiError();
  console.error('[jobs] committing a job result failed:', err);
  return new AppError('INTERNAL', 'Saving the job result failed.').toApiError();
}
