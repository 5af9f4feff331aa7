// Pure rules for background jobs as the UI shows them: folding `job.progress` events into a
// table of tracked jobs (late or out-of-order events never move a bar backwards or revive a
// finished job), the "cancelling…" state between the click and the backend's answer, and the
// time left (the backend's estimate when it sends one, else one from the elapsed time).
// Generic: every step that runs jobs (data, training, evaluation) uses it.
import type { JobProgress, JobState } from '../../shared/domain/jobs.js';

/** A job the UI follows. */
export interface TrackedJob {
  progress: JobProgress;
  /** The user asked to cancel; the backend has not confirmed yet. */
  isCancelling: boolean;
}

/** Tracked jobs by id. */
export type JobTable = Readonly<Record<string, TrackedJob>>;

const TERMINAL: ReadonlySet<JobState> = new Set(['done', 'failed', 'cancelled', 'interrupted']);

/** True once a job can no longer change. */
export function isTerminalState(state: JobState): boolean {
  return TERMINAL.has(state);
}

/** True while a job is queued or running. */
export function isJobActive(job: TrackedJob | null | undefined): boolean {
  return job !== null && job !== undefined && !isTerminalState(job.progress.state);
}

/** The first report of a job the UI started (before any event arrived). */
export function queuedJob(jobId: string, kind: JobProgress['kind'], nowIso: string, subjectId?: string): TrackedJob {
  const progress: JobProgress = { jobId, kind, state: 'queued', fraction: 0, phaseKey: 'jobs.phase.queued', startedAt: nowIso };
  if (subjectId !== undefined) progress.subjectId = subjectId;
  return { progress, isCancelling: false };
}

/**
 * Folds one progress report into the table. A report about a finished job is ignored unless it
 * is itself final (the first final report wins); while running, the fraction only grows.
 */
export function applyJobProgress(table: JobTable, report: JobProgress): JobTable {
  const known = table[report.jobId];
  if (!known) return { ...table, [report.jobId]: { progress: report, isCancelling: false } };
  if (isTerminalState(known.progress.state)) return table;
  const isFinal = isTerminalState(report.state);
  const fraction = isFinal ? report.fraction : Math.max(known.progress.fraction, report.fraction);
  return {
    ...table,
    [report.jobId]: { progress: { ...report, fraction }, isCancelling: isFinal ? false : known.isCancelling },
  };
}

/** Marks a job as being cancelled (the button shows it; the final report clears it). */
export function markCancelling(table: JobTable, jobId: string): JobTable {
  const known = table[jobId];
  if (!known || isTerminalState(known.progress.state)) return table;
  return { ...table, [jobId]: { ...known, isCancelling: true } };
}

/** Forgets a job (its result was read). */
export function forgetJob(table: JobTable, jobId: string): JobTable {
  if (!(jobId in table)) return table;
  const { [jobId]: _gone, ...rest } = table;
  return rest;
}

// Below this share of the work or this much time, a projection from the elapsed time is noise.
const MIN_FRACTION_FOR_ESTIMATE = 0.03;
const MIN_ELAPSED_MS_FOR_ESTIMATE = 1500;

/**
 * Seconds left: the backend's estimate when it gave one, otherwise a straight projection of the
 * elapsed time; null when it cannot be told yet (just started, queued, or finished).
 */
export function estimateSecondsLeft(progress: JobProgress, nowMs: number): number | null {
  if (progress.state !== 'running') return null;
  if (progress.etaSeconds !== undefined) return progress.etaSeconds;
  const started = Date.parse(progress.startedAt);
  if (!Number.isFinite(started)) return null;
  const elapsed = nowMs - started;
  if (progress.fraction < MIN_FRACTION_FOR_ESTIMATE || elapsed < MIN_ELAPSED_MS_FOR_ESTIMATE) return null;
  return Math.max(0, (elapsed * (1 - progress.fraction)) / progress.fraction / 1000);
}

/** A duration in the unit a person would say: under a minute in seconds (rounded up to 5), then minutes, then hours. */
export function durationParts(seconds: number): { unit: 'seconds' | 'minutes' | 'hours'; value: number } {
  if (seconds < 60) return { unit: 'seconds', value: Math.max(5, Math.ceil(seconds / 5) * 5) };
  if (seconds < 3600) return { unit: 'minutes', value: Math.round(seconds / 60) };
  return { unit: 'hours', value: Math.round((seconds / 3600) * 10) / 10 };
}

/** Percentage shown next to the bar (whole numbers; never 100 before the job is done). */
export function percentDone(progress: JobProgress): number {
  if (progress.state === 'done') return 100;
  return Math.min(99, Math.floor(progress.fraction * 100));
}
