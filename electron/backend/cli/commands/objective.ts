/**
 * `ciclo objective set`: the objective (step 0) from scripts and CI, through objective.save (the
 * same rules as the UI: the metric must fit the task, the threshold its range, binary metrics
 * need the positive class). Fields not given keep their saved values.
 */
import { METRIC_IDS, METRICS, TASK_TYPES, type MetricId, type TaskType } from '../../../../shared/domain/metrics.js';
import { UsageError, type CliCommand, type CliContext } from '../registry.js';

function str(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Objective commands. */
export const commands: CliCommand[] = [
  {
    path: ['objective', 'set'],
    summary: 'Set the objective: target column, task, success metric and threshold.',
    usage:
      'ciclo objective set --project P --target COL --task classification|regression --metric M --threshold T [--positive-class C] [--inputs TEXT] [--notes TEXT] [--json]',
    options: {
      project: { type: 'string' },
      target: { type: 'string' },
      task: { type: 'string' },
      metric: { type: 'string' },
      threshold: { type: 'string' },
      'positive-class': { type: 'string' },
      inputs: { type: 'string' },
      notes: { type: 'string' },
    },
    async run(ctx) {
      const project = str(ctx, 'project');
      const target = str(ctx, 'target');
      const task = str(ctx, 'task');
      const metric = str(ctx, 'metric');
      const thresholdText = str(ctx, 'threshold');
      if (!project) throw new UsageError('--project is required');
      if (!target) throw new UsageError('--target is required');
      if (!task || !(TASK_TYPES as readonly string[]).includes(task)) throw new UsageError(`--task must be one of ${TASK_TYPES.join(', ')}`);
      if (!metric || !(METRIC_IDS as readonly string[]).includes(metric)) throw new UsageError(`--metric must be one of ${METRIC_IDS.join(', ')}`);
      const threshold = Number(thresholdText);
      if (thresholdText === undefined || thresholdText.trim() === '' || !Number.isFinite(threshold)) throw new UsageError('--threshold must be a number');
      await ctx.call('project.open', { path: project, remember: false });
      const saved = await ctx.call('objective.get', {});
      const positive = str(ctx, 'positive-class');
      const objective = await ctx.call('objective.save', {
        objective: {
          // What goes in: as given, else as saved, else a plain statement of the default.
          inputs: str(ctx, 'inputs') ?? saved?.inputs ?? `The columns of the dataset other than ${target}`,
          target: saved?.targetColumn === target && saved.target.trim() !== '' ? saved.target : target,
          targetColumn: target,
          taskType: task as TaskType,
          metric: metric as MetricId,
          threshold,
          ...(positive !== undefined ? { positiveClass: positive } : saved?.positiveClass && saved.targetColumn === target ? { positiveClass: saved.positiveClass } : {}),
          costNotes: str(ctx, 'notes') ?? saved?.costNotes ?? '',
        },
      });
      await ctx.call('project.close', {});
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, data: objective }));
        return;
      }
      ctx.out(`Objective: predict ${objective.targetColumn} (${objective.taskType}); success when ${objective.metric} ${METRICS[objective.metric].direction === 'higher' ? '>=' : '<='} ${objective.threshold}${objective.positiveClass ? `, positive class "${objective.positiveClass}"` : ''}`);
    },
  },
];
