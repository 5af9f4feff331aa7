/** Handlers: job.list / job.cancel. */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { JobProgress } from '../../../shared/domain/jobs.js';
import type { BackendContext } from './context.js';
import { listJobs } from '../storage/repos/jobs.js';

const ACTIVE = new Set<JobProgress['state']>(['queued', 'running']);

/** job.* handlers. */
export const jobHandlers = {
  'job.list': (args, ctx) => {
    // Live jobs come from the manager (they are ahead of the table); history from the project.
    const live = ctx.jobs.list();
    const seen = new Set(live.map((j) => j.jobId));
    const file = ctx.session.current;
    const stored = file ? listJobs(file.db).filter((j) => !seen.has(j.jobId)) : [];
    const all = [...live, ...stored].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
    return args.activeOnly ? all.filter((j) => ACTIVE.has(j.state)) : all;
  },

  'job.cancel': (args, ctx) => ({ cancelled: ctx.jobs.cancel(args.jobId) }),
} satisfies Pick<ApiHandlers<BackendContext>, 'job.list' | 'job.cancel'>;
