/**
 * `ciclo predict --project P --model NAME[@STAGE|@VERSION] FILE [--out OUT.csv] [--probabilities]
 * [--overwrite] [--json]`: predicts every row of a CSV file with a registered version, as a
 * `prediction.batch` job in a worker (the same handler as the Serve step's batch prediction),
 * with progress on stderr; Ctrl-C cancels (no output file is left). The output holds the input
 * columns plus `prediction` (and `proba_<class>` columns with --probabilities).
 *
 * The project is opened read-only, so this works while a studio has it open; the batch is then
 * not recorded in the project's list of batch predictions.
 */
import type { JobProgress } from '../../../../shared/domain/jobs.js';
import { AppError } from '../../../../shared/errors.js';
import { CliApiError, EXIT, UsageError, type CliCommand, type CliContext } from '../registry.js';

const FINAL = new Set<JobProgress['state']>(['done', 'failed', 'cancelled', 'interrupted']);

function str(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Waits for the job, with progress on stderr and Ctrl-C cancelling it. */
async function waitForBatch(ctx: CliContext, jobId: string): Promise<JobProgress> {
  const backend = ctx.backend();
  let lastShown = -1;
  const onSigint = (): void => {
    ctx.err('predict: cancelling…');
    backend.ctx.jobs.cancel(jobId);
  };
  process.once('SIGINT', onSigint);
  try {
    return await new Promise<JobProgress>((resolve) => {
      const stop = backend.ctx.events.subscribe((name, payload) => {
        if (name !== 'job.progress') return;
        const p = payload as JobProgress;
        if (p.jobId !== jobId) return;
        const pct = Math.floor(p.fraction * 100);
        if (p.state === 'running' && pct >= lastShown + 10) {
          lastShown = pct - (pct % 10);
          ctx.err(`predict: ${pct}%`);
        }
        if (FINAL.has(p.state)) {
          stop();
          resolve(p);
        }
      });
      const now = backend.ctx.jobs.get(jobId);
      if (now && FINAL.has(now.state)) {
        stop();
        resolve(now);
      }
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** Batch prediction commands. */
export const commands: CliCommand[] = [
  {
    path: ['predict'],
    summary: 'Predict every row of a CSV file with a registered model version (output CSV with predictions).',
    usage: 'ciclo predict --project P --model NAME[@STAGE|@VERSION] FILE [--out OUT.csv] [--probabilities] [--overwrite] [--json]',
    options: { project: { type: 'string' }, model: { type: 'string' }, out: { type: 'string' }, probabilities: { type: 'boolean' }, overwrite: { type: 'boolean' } },
    positionals: { min: 1, max: 1 },
    async run(ctx) {
      const project = str(ctx, 'project');
      const model = str(ctx, 'model');
      if (!project) throw new UsageError('--project is required');
      if (!model) throw new UsageError('--model is required (NAME, NAME@STAGE or NAME@VERSION)');
      await ctx.call('project.open', { path: project, readOnly: true, remember: false });
      try {
        const started = await ctx.call('serving.predictBatch', {
          model,
          inputPath: ctx.positionals[0],
          outputPath: str(ctx, 'out'),
          probabilities: ctx.values.probabilities === true,
          overwrite: ctx.values.overwrite === true,
        });
        const end = await waitForBatch(ctx, started.jobId);
        if (end.state !== 'done') throw new CliApiError(end.error ?? new AppError('CANCELLED', 'The batch prediction was cancelled; no output was written.').toApiError());
        const batch = (await ctx.call('serving.batches', { limit: 200 })).find((b) => b.id === started.batchId);
        if (!batch) throw new CliApiError(new AppError('INTERNAL', 'The finished batch prediction was not found.').toApiError());
        if (ctx.json) ctx.out(JSON.stringify({ ok: true, data: batch }));
        else ctx.out(`Predicted ${batch.rows} rows with ${batch.name} version ${batch.version} in ${Math.round(batch.durationMs ?? 0)} ms: ${batch.outputPath}`);
      } finally {
        await ctx.call('project.close', {}).catch(() => undefined);
      }
      return EXIT.ok;
    },
  },
];
