/** `ciclo project create|info`: project files from scripts and CI, through the same handlers as the UI. */
import { computeVerdict } from '../../../../shared/domain/checklist-verdict.js';
import { CHECKLIST_QUESTIONS } from '../../../../shared/domain/checklist.js';
import type { CliCommand } from '../registry.js';

const VERDICT_TEXT = {
  incomplete: 'incomplete (core questions unanswered)',
  fits: 'ML fits',
  reconsider: 'reconsider using ML',
  strongly_indicated: 'ML strongly indicated',
} as const;

/** Project commands. */
export const commands: CliCommand[] = [
  {
    path: ['project', 'create'],
    summary: 'Create a new project file NAME.ciclo in DIR.',
    usage: 'ciclo project create NAME [--dir DIR] [--json]',
    options: { dir: { type: 'string' } },
    positionals: { min: 1, max: 1 },
    async run(ctx) {
      const dir = ctx.values.dir as string | undefined;
      const info = await ctx.call('project.create', { name: ctx.positionals[0], ...(dir ? { dir } : {}) });
      await ctx.call('project.close', {});
      if (ctx.json) ctx.out(JSON.stringify({ ok: true, data: info }));
      else ctx.out(`Created project "${info.name}" at ${info.path}`);
    },
  },
  {
    path: ['project', 'info'],
    summary: 'Show a project: name, path, schema version, objective and checklist verdict.',
    usage: 'ciclo project info FILE [--json]',
    positionals: { min: 1, max: 1 },
    async run(ctx) {
      // Read-only: works while the studio has the project open, and never changes the file.
      const project = await ctx.call('project.open', { path: ctx.positionals[0], readOnly: true, remember: false });
      const objective = await ctx.call('objective.get', {});
      const checklist = await ctx.call('checklist.get', {});
      const steps = await ctx.call('lifecycle.status', {});
      await ctx.call('project.close', {});
      const verdict = computeVerdict(checklist.answers);
      const answered = CHECKLIST_QUESTIONS.filter((q) => checklist.answers[q].value !== null).length;
      const data = {
        name: project.name,
        path: project.path,
        schemaVersion: project.schemaVersion,
        createdAt: project.createdAt,
        updatedAt: project.updatedAt,
        createdWith: project.createdWith,
        objective,
        checklist: {
          verdict: verdict.kind,
          reasons: verdict.reasons,
          answered,
          questions: CHECKLIST_QUESTIONS.length,
          updatedAt: checklist.updatedAt,
        },
        steps,
      };
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, data }));
        return;
      }
      ctx.out(`Project:   ${data.name}`);
      ctx.out(`File:      ${data.path}`);
      ctx.out(`Schema:    version ${data.schemaVersion} (created with Ciclo ${data.createdWith})`);
      ctx.out(`Created:   ${data.createdAt}`);
      ctx.out(`Updated:   ${data.updatedAt}`);
      if (objective) {
        ctx.out(`Objective: ${objective.taskType} of "${objective.target}", success when ${objective.metric} reaches ${objective.threshold}`);
      } else {
        ctx.out('Objective: not defined yet');
      }
      ctx.out(`Checklist: ${VERDICT_TEXT[verdict.kind]} (${answered} of ${CHECKLIST_QUESTIONS.length} questions answered)`);
      const against = verdict.reasons.filter((r) => r.weight === 'against').map((r) => r.question);
      if (against.length > 0) ctx.out(`           against ML: ${against.join(', ')}`);
    },
  },
];
