/** Queries of the `jobs` table: every background job's state, kept with the project. */
import type { JobProgress } from '../../../../shared/domain/jobs.js';
import type { Db } from '../db.js';

interface JobRow {
  id: string;
  kind: JobProgress['kind'];
  state: JobProgress['state'];
  fraction: number;
  phase_key: string;
  phase_params: string | null;
  subject_id: string | null;
  error_json: string | null;
  started_at: string;
  ended_at: string | null;
}

function fromRow(r: JobRow): JobProgress {
  const out: JobProgress = { jobId: r.id, kind: r.kind, state: r.state, fraction: r.fraction, phaseKey: r.phase_key, startedAt: r.started_at };
  if (r.phase_params) out.phaseParams = JSON.parse(r.phase_params) as JobProgress['phaseParams'];
  if (r.subject_id !== null) out.subjectId = r.subject_id;
  if (r.error_json) out.error = JSON.parse(r.error_json) as JobProgress['error'];
  if (r.ended_at !== null) out.endedAt = r.ended_at;
  return out;
}

/** Inserts or updates a job's row. */
export function upsertJob(db: Db, j: JobProgress): void {
  db.prepare(
    `INSERT INTO jobs (id, kind, state, fraction, phase_key, phase_params, subject_id, error_json, started_at, ended_at)
     VALUES (@id, @kind, @state, @fraction, @phaseKey, @phaseParams, @subjectId, @error, @startedAt, @endedAt)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, fraction = excluded.fraction, phase_key = excluded.phase_key,
       phase_params = excluded.phase_params, subject_id = excluded.subject_id, error_json = excluded.error_json, ended_at = excluded.ended_at`,
  ).run({
    id: j.jobId,
    kind: j.kind,
    state: j.state,
    fraction: j.fraction,
    phaseKey: j.phaseKey,
    phaseParams: j.phaseParams ? JSON.stringify(j.phaseParams) : null,
    subjectId: j.subjectId ?? null,
    error: j.error ? JSON.stringify(j.error) : null,
    startedAt: j.startedAt,
    endedAt: j.endedAt ?? null,
  });
}

/** The most recent jobs, newest first. */
export function listJobs(db: Db, limit = 100): JobProgress[] {
  return (db.prepare('SELECT * FROM jobs ORDER BY started_at DESC, id DESC LIMIT ?').all(limit) as JobRow[]).map(fromRow);
}

/**
 * Marks jobs a previous process left `queued`/`running` as `interrupted` (it died while they ran).
 * Called on every read-write open; the lock guarantees no live process owns them.
 */
export function markInterrupted(db: Db, now: string): number {
  return db.prepare("UPDATE jobs SET state = 'interrupted', ended_at = ? WHERE state IN ('queued', 'running')").run(now).changes;
}
