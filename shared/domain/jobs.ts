/**
 * Background jobs: everything proportional to the number of rows (import, profiling, quality
 * checks, balancing, training, evaluation, batch prediction) runs as a job in a worker thread,
 * reports progress through the `job.progress` event and can be cancelled.
 */
import { z } from 'zod';
import { ApiErrorSchema } from '../errors.js';

/** Job kinds. Each domain adds its own kinds here. */
export const JOB_KINDS = [
  'data.import',
  'data.profile',
  'data.check',
  'data.remedy',
  'data.export',
  'data.partition',
  'training.run',
  'evaluation.run',
  'prediction.batch',
  'monitor.drift',
] as const;

/** Schema of a job kind. */
export const JobKindSchema = z.enum(JOB_KINDS);

/** A job's lifecycle. `interrupted`: the process died while it ran (found on the next start). */
export const JobStateSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted']);

/** A job's lifecycle state. */
export type JobState = z.infer<typeof JobStateSchema>;

/** A progress report (also the payload of the `job.progress` event). */
export const JobProgressSchema = z.object({
  jobId: z.string(),
  kind: JobKindSchema,
  state: JobStateSchema,
  /** 0..1; for `done` it is 1. */
  fraction: z.number().min(0).max(1),
  /** i18n key of what the job is doing now (e.g. `jobs.phase.parsing`). */
  phaseKey: z.string(),
  /** Values for the phase message. */
  phaseParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Seconds left, when it can be estimated. */
  etaSeconds: z.number().nonnegative().optional(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  /** Set when `state` is `failed`. */
  error: ApiErrorSchema.optional(),
  /** Domain object the job is about (dataset id, run id...), so stores can refresh it. */
  subjectId: z.string().optional(),
});

/** A progress report. */
export type JobProgress = z.infer<typeof JobProgressSchema>;
