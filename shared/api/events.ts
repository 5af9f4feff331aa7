/** Events the backend pushes to the renderer (IPC `api:event` / HTTP server-sent events). */
import { z } from 'zod';
import { defineEvents } from './define.js';
import { JobProgressSchema, JobStateSchema } from '../domain/jobs.js';
import { ServingStatsEventSchema } from './methods/serving.js';

/** Every event: name -> payload schema. Domains add their own events here. */
export const apiEvents = defineEvents({
  /** Progress (and the end) of a background job. */
  'job.progress': JobProgressSchema,
  /** Something in the open project changed; stores refresh the named area. */
  'project.changed': z.object({
    area: z.enum(['project', 'objective', 'checklist', 'lifecycle', 'data', 'features', 'training', 'registry', 'serving', 'monitor']),
  }),
  /** A job (import, remedy, partition) or a call (roles) committed a new dataset version. */
  'data.versionCreated': z.object({
    datasetId: z.string(),
    versionId: z.string(),
    /** The job that made it, when one did. */
    jobId: z.string().optional(),
  }),
  /**
   * A learning-curve point of a run's final fit (boosting per iteration, the MLP per epoch),
   * throttled to a few per second; the whole curve is kept with the run (`training.run`).
   */
  'training.curve': z.object({
    runId: z.string(),
    iteration: z.number().int().nonnegative(),
    trainLoss: z.number().optional(),
    validationScore: z.number().optional(),
    /** Name of `validationScore` (e.g. `loss`, `log_loss`). */
    metric: z.string(),
  }),
  /** A run was created or changed state (queued, running, done, failed, cancelled, interrupted). */
  'training.runUpdated': z.object({
    runId: z.string(),
    state: JobStateSchema,
  }),
  /**
   * The inference server's live counters (requests, errors, latency p50/p95/p99, rows, log), about
   * once a second while it runs, and once with `state: 'stopped'` when it ends.
   */
  'serving.stats': ServingStatsEventSchema,
});

/** Event names. */
export type EventName = keyof typeof apiEvents & string;

/** Payload of an event. */
export type EventPayload<E extends EventName> = z.output<(typeof apiEvents)[E]>;
