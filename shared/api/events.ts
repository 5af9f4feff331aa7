/** Events the backend pushes to the renderer (IPC `api:event` / HTTP server-sent events). */
import { z } from 'zod';
import { defineEvents } from './define.js';
import { JobProgressSchema } from '../domain/jobs.js';

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
});

/** Event names. */
export type EventName = keyof typeof apiEvents & string;

/** Payload of an event. */
export type EventPayload<E extends EventName> = z.output<(typeof apiEvents)[E]>;
