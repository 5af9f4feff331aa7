/**
 * Messages between the backend and a job's worker thread. The input travels in `workerData`
 * (`{ input }`); afterwards the parent only ever sends `cancel`, and the worker answers with any
 * number of `progress` messages and exactly one `result` or `error`.
 */
import type { ApiError } from '../../../shared/errors.js';

/** What a worker receives as `workerData`. */
export interface WorkerData<I = unknown> {
  input: I;
}

/** Parent -> worker. */
export type ToWorker = { type: 'cancel' };

/** Worker -> parent: how far along it is. */
export interface ProgressMessage {
  type: 'progress';
  /** 0..1 */
  fraction: number;
  /** i18n key of the current phase (`jobs.phase.<...>`). */
  phaseKey: string;
  phaseParams?: Record<string, string | number>;
}

/** Worker -> parent. */
export type FromWorker = ProgressMessage | { type: 'result'; value: unknown } | { type: 'error'; error: ApiError };

/** True when `m` is a well-formed worker message (anything else is a protocol error). */
export function isFromWorker(m: unknown): m is FromWorker {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'progress') return typeof (m as ProgressMessage).fraction === 'number' && typeof (m as ProgressMessage).phaseKey === 'string';
  if (t === 'result') return 'value' in m;
  if (t === 'error') return typeof (m as { error?: unknown }).error === 'object';
  return false;
}
