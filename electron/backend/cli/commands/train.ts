/**
 * `ciclo train`: trains models on a dataset through training.start (the same core as the Train
 * step), waits for every run, prints progress on stderr and the leaderboard on stdout (one JSON
 * envelope with --json). Without --models it trains the recommended preset, baselines included.
 * Ctrl-C cancels the runs (nothing half-written; they are recorded as cancelled) and exits 1.
 */
import type { RunSummary } from '../../../../shared/api/methods/training.js';
import type { JobProgress } from '../../../../shared/domain/jobs.js';
import { METRICS, type MetricId } from '../../../../shared/domain/metrics.js';
import { AppError } from '../../../../shared/errors.js';
import { CliApiError, EXIT, UsageError, type CliCommand, type CliContext } from '../registry.js';

const FINAL = new Set<RunSummary['state']>(['done', 'failed', 'cancelled', 'interrupted']);

function str(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

function int(ctx: CliContext, name: string): number | undefined {
  const v = str(ctx, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number`);
  return n;
}

/** The dataset named by --dataset (name or id), or the only one. */
export async function pickDataset(ctx: CliContext): Promise<{ id: string; name: string }> {
  const all = await ctx.call('data.list', {});
  const wanted = str(ctx, 'dataset');
  if (wanted !== undefined) {
    const d = all.find((x) => x.name === wanted) ?? all.find((x) => x.id === wanted);
    if (!d) {
      throw new CliApiError(
        new AppError('NOT_FOUND', `There is no dataset "${wanted}" in this project${all.length > 0 ? ` (datasets: ${all.map((x) => x.name).join(', ')})` : ''}.`, {
          messageKey: 'errors.data.datasetNotFound',
          details: { field: 'dataset' },
        }).toApiError(),
      );
    }
    return d;
  }
  if (all.length === 1) return all[0];
  if (all.length === 0) {
    throw new CliApiError(new AppError('NOT_FOUND', 'This project has no dataset yet: import one with `ciclo data import`.', { messageKey: 'errors.data.datasetNotFound' }).toApiError());
  }
  throw new UsageError(`the project has several datasets; choose one with --dataset (${all.map((x) => x.name).join(', ')})`);
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(4);
}

/** Runs sorted best first by `metric` (unfinished runs last). */
export function leaderboard(runs: readonly RunSummary[], metric: MetricId): RunSummary[] {
  const higher = METRICS[metric].direction === 'higher';
  const value = (r: RunSummary): number => {
    const v = r.metrics?.[metric];
    return v === null || v === undefined ? (higher ? -Infinity : Infinity) : v;
  };
  return [...runs].sort((a, b) => (higher ? value(b) - value(a) : value(a) - value(b)) || a.number - b.number);
}

/** Train commands. */
export const commands: CliCommand[] = [
  {
    path: ['train'],
    summary: 'Train models (default: the recommended preset, baselines included) and wait for them.',
    usage: 'ciclo train --project P [--dataset NAME] [--models hgb,rf,logreg] [--cv 5] [--seed S] [--search random|grid --budget SECONDS --max-candidates N] [--json]',
    options: {
      project: { type: 'string' },
      dataset: { type: 'string' },
      models: { type: 'string' },
      cv: { type: 'string' },
      seed: { type: 'string' },
      search: { type: 'string' },
      budget: { type: 'string' },
      'max-candidates': { type: 'string' },
    },
    async run(ctx) {
      const project = str(ctx, 'project');
      if (!project) throw new UsageError('--project is required');
      const cv = int(ctx, 'cv');
      if (cv !== undefined && (cv < 2 || cv > 20)) throw new UsageError('--cv must be between 2 and 20');
      const seed = int(ctx, 'seed');
      const searchKind = str(ctx, 'search');
      if (searchKind !== undefined && searchKind !== 'random' && searchKind !== 'grid') throw new UsageError('--search must be random or grid');
      await ctx.call('project.open', { path: project, remember: false });
      const dataset = await pickDataset(ctx);
      const catalog = await ctx.call('training.catalog', { datasetId: dataset.id });
      const modelIds = str(ctx, 'models')
        ?.split(',')
        .map((m) => m.trim())
        .filter((m) => m !== '') ?? catalog.recommended.map((m) => m.id);
      if (modelIds.length === 0) throw new UsageError('no models to train: the dataset has no target (set one with --target on import or `ciclo objective set`)');
      const started = await ctx.call('training.start', {
        datasetId: dataset.id,
        models: modelIds.map((id) => ({ id })),
        validation: cv !== undefined ? { scheme: 'kfold', k: cv } : { scheme: 'holdout' },
        ...(seed !== undefined ? { seed } : {}),
        ...(searchKind ? { search: { kind: searchKind, budgetSeconds: int(ctx, 'budget') ?? 60, maxCandidates: int(ctx, 'max-candidates') ?? 20 } } : {}),
      });
      const backend = ctx.backend();
      const names = new Map(started.runs.map((r) => [r.runId, r.modelId]));
      const shown = new Map<string, number>();
      const stop = backend.ctx.events.subscribe((name, payload) => {
        if (name !== 'job.progress') return;
        const p = payload as JobProgress;
        if (p.subjectId === undefined || !names.has(p.subjectId) || p.state !== 'running') return;
        const pct = Math.floor(p.fraction * 100);
        const last = shown.get(p.subjectId) ?? -10;
        if (pct >= last + 10) {
          shown.set(p.subjectId, pct - (pct % 10));
          const eta = p.etaSeconds !== undefined ? `, about ${p.etaSeconds} s left` : '';
          ctx.err(`${names.get(p.subjectId)}: ${pct}% (${p.phaseKey.replace(/^jobs\.phase\./, '')}${eta})`);
        }
      });
      const onSigint = (): void => {
        ctx.err('cancelling…');
        for (const r of started.runs) void ctx.call('training.cancel', { runId: r.runId });
      };
      process.once('SIGINT', onSigint);
      let runs: RunSummary[];
      try {
        for (;;) {
          const all = await ctx.call('training.runs', { batchId: started.batchId });
          if (all.length === started.runs.length && all.every((r) => FINAL.has(r.state))) {
            runs = all;
            break;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        stop();
        process.removeListener('SIGINT', onSigint);
      }
      await ctx.call('project.close', {});
      const metric = (runs.find((r) => r.objective)?.objective?.metric ?? (catalog.task === 'regression' ? 'rmse' : 'balanced_accuracy')) as MetricId;
      const ranked = leaderboard(runs, metric);
      const best = ranked.find((r) => r.state === 'done') ?? null;
      const failed = runs.filter((r) => r.state !== 'done');
      for (const r of failed) ctx.err(`run #${r.number} ${r.modelId}: ${r.state}${r.error ? ` [${r.error.code}] ${r.error.message}` : ''}`);
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, data: { batchId: started.batchId, metric, bestRunId: best?.id ?? null, runs: ranked } }));
      } else {
        ctx.out(`Dataset "${dataset.name}", ranked by ${metric}${runs[0]?.objective ? ` (objective: ${runs[0].objective.direction === 'higher' ? '>=' : '<='} ${runs[0].objective.threshold})` : ''}:`);
        for (const r of ranked) {
          const verdict = r.objective ? (r.objective.meets ? 'meets' : 'below') : '';
          ctx.out(`  #${String(r.number).padEnd(4)} ${r.modelId.padEnd(9)} ${r.state.padEnd(9)} ${metric}=${fmt(r.metrics?.[metric])}  ${verdict}${r === best ? '  <- best' : ''}`);
        }
      }
      return failed.length > 0 ? EXIT.failure : EXIT.ok;
    },
  },
];
