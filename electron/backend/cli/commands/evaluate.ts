/**
 * `ciclo evaluate`: a run's evaluation report through evaluation.report (the same core as the
 * Evaluate step): metrics, confusion matrix, curve points, and whether the run meets the
 * objective's threshold, with the lift over the baseline and the one-rule model. The project is
 * opened read-only (it works while the studio has it open). `--html FILE` also writes the
 * self-contained HTML report.
 */
import type { EvaluationReport, RunSummary } from '../../../../shared/api/methods/training.js';
import { AppError } from '../../../../shared/errors.js';
import { CliApiError, EXIT, UsageError, type CliCommand, type CliContext } from '../registry.js';

function str(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(4);
}

/** A run by number (`7`, `#7`) or id. */
export function findRun(runs: readonly RunSummary[], ref: string): RunSummary | undefined {
  const m = /^#?(\d+)$/.exec(ref);
  if (m) return runs.find((r) => r.number === Number(m[1]));
  return runs.find((r) => r.id === ref);
}

function printReport(ctx: CliContext, run: RunSummary, report: EvaluationReport): void {
  ctx.out(`Run #${run.number} ${run.modelId} on ${run.datasetName} v${run.versionNumber}: ${report.evaluatedOn}, ${report.nRows} rows`);
  if (report.objective) {
    const o = report.objective;
    ctx.out(`Objective: ${o.metric} = ${fmt(o.value)} ${o.meets ? 'MEETS' : 'does NOT meet'} the threshold ${o.direction === 'higher' ? '>=' : '<='} ${o.threshold}`);
  } else {
    ctx.out('Objective: none applies to this run');
  }
  for (const [label, l] of [['baseline', report.lift.baseline], ['one-rule', report.lift.oneRule]] as const) {
    if (l) ctx.out(`Lift over ${label} (#${l.runNumber}, ${report.metric} ${fmt(l.value)}): ${fmt(l.lift)}`);
  }
  ctx.out('Metrics:');
  for (const [id, v] of Object.entries(report.metrics)) ctx.out(`  ${id.padEnd(24)} ${fmt(v)}`);
  const c = report.classification;
  if (c) {
    ctx.out('Confusion matrix (rows: actual, columns: predicted):');
    const width = Math.max(8, ...c.confusionMatrix.labels.map((l) => l.length + 1));
    ctx.out(`  ${''.padEnd(width)}${c.confusionMatrix.labels.map((l) => l.padStart(width)).join('')}`);
    c.confusionMatrix.labels.forEach((l, i) => ctx.out(`  ${l.padEnd(width)}${c.confusionMatrix.counts[i].map((n) => String(n).padStart(width)).join('')}`));
    for (const roc of c.roc) ctx.out(`ROC ${roc.name}: AUC ${fmt(roc.auc)}, ${roc.fpr.length} points`);
    for (const pr of c.pr) ctx.out(`PR ${pr.name}: AP ${fmt(pr.averagePrecision)}, ${pr.precision.length} points`);
  }
  const r = report.regression;
  if (r) ctx.out(`Residuals: mean ${fmt(r.residuals.mean)}, std ${fmt(r.residuals.std)}, median |r| ${fmt(r.residuals.medianAbsolute)}`);
}

/** Evaluate commands. */
export const commands: CliCommand[] = [
  {
    path: ['evaluate'],
    summary: 'Show a run\'s evaluation: metrics, confusion matrix, curves and the objective\'s verdict.',
    usage: 'ciclo evaluate --project P --run R [--part validation|test] [--html FILE] [--json]',
    options: { project: { type: 'string' }, run: { type: 'string' }, part: { type: 'string' }, html: { type: 'string' } },
    async run(ctx) {
      const project = str(ctx, 'project');
      const ref = str(ctx, 'run');
      const part = str(ctx, 'part') ?? 'validation';
      if (!project) throw new UsageError('--project is required');
      if (!ref) throw new UsageError('--run is required (a run number or id)');
      if (part !== 'validation' && part !== 'test') throw new UsageError('--part must be validation or test');
      await ctx.call('project.open', { path: project, readOnly: true, remember: false });
      const runs = await ctx.call('training.runs', {});
      const run = findRun(runs, ref);
      if (!run) {
        throw new CliApiError(new AppError('NOT_FOUND', `There is no run "${ref}" in this project.`, { messageKey: 'errors.training.runNotFound', details: { field: 'run' } }).toApiError());
      }
      const report = await ctx.call('evaluation.report', { runId: run.id, part });
      const html = str(ctx, 'html');
      const written = html ? await ctx.call('evaluation.exportHtml', { runId: run.id, path: html, overwrite: true }) : null;
      await ctx.call('project.close', {});
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, data: { run, report, ...(written ? { html: written } : {}) } }));
        return EXIT.ok;
      }
      printReport(ctx, run, report);
      if (written) ctx.out(`HTML report: ${written.path} (${written.bytes} bytes)`);
      return EXIT.ok;
    },
  },
];
