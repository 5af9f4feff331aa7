/**
 * `ciclo model ...`: the model registry from the command line, through the same handlers as the
 * Deploy step.
 *
 *   ciclo model register --project P --run R --name NAME [--stage S] [--comment C] [--json]
 *   ciclo model list --project P [--json]
 *   ciclo model stage NAME VERSION STAGE --project P [--comment C] [--json]
 *   ciclo model card NAME VERSION --project P [--locale en|es] [--json]
 *   ciclo model import --project P --bundle DIR --name NAME [--stage S] [--comment C] [--json]
 *
 * Commands that change the registry open the project for writing (refused while a studio has it
 * open: the message names the process); `list` and `card` open it read-only.
 */
import { MODEL_STAGES, type ModelDetail, type ModelStage, type ModelVersionDetail } from '../../../../shared/api/methods/registry.js';
import { AppError } from '../../../../shared/errors.js';
import { CliApiError, EXIT, UsageError, type CliCommand, type CliContext } from '../registry.js';
import { findRun } from './evaluate.js';

function str(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

function need(ctx: CliContext, name: string, what: string): string {
  const v = str(ctx, name);
  if (v === undefined || v === '') throw new UsageError(`--${name} is required (${what})`);
  return v;
}

function stageOf(raw: string | undefined, option: string): ModelStage | undefined {
  if (raw === undefined) return undefined;
  const s = raw.toLowerCase();
  if (!(MODEL_STAGES as readonly string[]).includes(s)) throw new UsageError(`${option} must be one of ${MODEL_STAGES.join(', ')} (got "${raw}")`);
  return s as ModelStage;
}

function localeOf(ctx: CliContext): 'en' | 'es' {
  const l = str(ctx, 'locale') ?? 'en';
  if (l !== 'en' && l !== 'es') throw new UsageError('--locale must be en or es');
  return l;
}

/** Opens the project named by --project. */
export async function openProject(ctx: CliContext, readOnly: boolean): Promise<void> {
  const project = need(ctx, 'project', 'the project file');
  await ctx.call('project.open', { path: project, readOnly, remember: false });
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(4);
}

function printVersion(ctx: CliContext, v: ModelVersionDetail, verb: string): void {
  ctx.out(`${verb} ${v.name} version ${v.version} (${v.stage})${v.runNumber !== null ? ` from run #${v.runNumber}` : ''}: ${v.modelKind}, ${v.task} of "${v.target}"`);
  if (v.metric) ctx.out(`  ${v.metric} = ${fmt(v.metricValue)}${v.meetsObjective === null ? '' : v.meetsObjective ? ' (meets the objective)' : ' (does NOT meet the objective)'}`);
  ctx.out(`  lineage: dataset ${v.lineage.datasetName ?? '—'} v${v.lineage.datasetVersionNumber ?? '—'}, seed ${v.lineage.seed ?? '—'}, engine ${v.lineage.engineVersion}, artifact ${v.lineage.artifactSha256.slice(0, 12)}`);
}

function printModel(ctx: CliContext, m: ModelDetail): void {
  ctx.out(`${m.name}: ${m.task} of "${m.target}", ${m.versionCount} version${m.versionCount === 1 ? '' : 's'}${m.productionVersion !== null ? `, production = ${m.productionVersion}` : ''}${m.description ? ` — ${m.description}` : ''}`);
  for (const v of m.versions) {
    ctx.out(`  ${String(v.version).padStart(3)}  ${v.stage.padEnd(10)} ${v.modelKind.padEnd(34)} ${(v.metric ?? '').padEnd(10)} ${fmt(v.metricValue).padEnd(8)} ${v.createdAt.slice(0, 19)} ${v.createdBy}${v.comment ? `  "${v.comment}"` : ''}`);
  }
}

/** Runs `fn` and closes the project afterwards (also when it fails). */
async function withProject<T>(ctx: CliContext, readOnly: boolean, fn: () => Promise<T>): Promise<T> {
  await openProject(ctx, readOnly);
  try {
    return await fn();
  } finally {
    await ctx.call('project.close', {}).catch(() => undefined);
  }
}

/** Registry commands. */
export const commands: CliCommand[] = [
  {
    path: ['model', 'register'],
    summary: 'Register a finished run\'s fitted pipeline as the next version of a named model.',
    usage: 'ciclo model register --project P --run R --name NAME [--stage none|staging|production|archived] [--comment C] [--json]',
    options: { project: { type: 'string' }, run: { type: 'string' }, name: { type: 'string' }, stage: { type: 'string' }, comment: { type: 'string' } },
    async run(ctx) {
      const ref = need(ctx, 'run', 'a run number or id');
      const name = need(ctx, 'name', 'the model name');
      const stage = stageOf(str(ctx, 'stage'), '--stage') ?? 'none';
      const version = await withProject(ctx, false, async () => {
        const runs = await ctx.call('training.runs', {});
        const run = findRun(runs, ref);
        if (!run) throw new CliApiError(new AppError('NOT_FOUND', `There is no run "${ref}" in this project.`, { messageKey: 'errors.training.runNotFound', details: { field: 'run' } }).toApiError());
        return ctx.call('registry.register', { runId: run.id, name, stage, comment: str(ctx, 'comment') ?? '' });
      });
      if (ctx.json) ctx.out(JSON.stringify({ ok: true, data: version }));
      else printVersion(ctx, version, 'Registered');
      return EXIT.ok;
    },
  },
  {
    path: ['model', 'list'],
    summary: 'List registered models and their versions, stages and metrics.',
    usage: 'ciclo model list --project P [--json]',
    options: { project: { type: 'string' } },
    async run(ctx) {
      const models = await withProject(ctx, true, async () => {
        const list = await ctx.call('registry.models', {});
        return Promise.all(list.map((m) => ctx.call('registry.model', { name: m.name })));
      });
      if (ctx.json) ctx.out(JSON.stringify({ ok: true, data: { models } }));
      else if (models.length === 0) ctx.out('No registered models yet: register a run with `ciclo model register`.');
      else for (const m of models) printModel(ctx, m);
      return EXIT.ok;
    },
  },
  {
    path: ['model', 'stage'],
    summary: 'Move a model version to a stage (production archives the previous production version).',
    usage: 'ciclo model stage NAME VERSION STAGE --project P [--comment C] [--json]',
    options: { project: { type: 'string' }, comment: { type: 'string' } },
    positionals: { min: 3, max: 3 },
    async run(ctx) {
      const [name, rawVersion, rawStage] = ctx.positionals;
      const version = Number(rawVersion);
      if (!Number.isInteger(version) || version < 1) throw new UsageError(`VERSION must be a version number (got "${rawVersion}")`);
      const stage = stageOf(rawStage, 'STAGE') as ModelStage;
      const model = await withProject(ctx, false, () => ctx.call('registry.setStage', { name, version, stage, comment: str(ctx, 'comment') ?? '' }));
      if (ctx.json) ctx.out(JSON.stringify({ ok: true, data: model }));
      else printModel(ctx, model);
      return EXIT.ok;
    },
  },
  {
    path: ['model', 'card'],
    summary: 'Print a model version\'s card (Markdown).',
    usage: 'ciclo model card NAME VERSION --project P [--locale en|es] [--json]',
    options: { project: { type: 'string' }, locale: { type: 'string' } },
    positionals: { min: 2, max: 2 },
    async run(ctx) {
      const [name, rawVersion] = ctx.positionals;
      const version = Number(rawVersion);
      if (!Number.isInteger(version) || version < 1) throw new UsageError(`VERSION must be a version number (got "${rawVersion}")`);
      const locale = localeOf(ctx);
      const card = await withProject(ctx, true, () => ctx.call('registry.card', { name, version, locale }));
      if (ctx.json) ctx.out(JSON.stringify({ ok: true, data: card }));
      else ctx.out(card.markdown.trimEnd());
      return EXIT.ok;
    },
  },
  {
    path: ['model', 'import'],
    summary: 'Import a model bundle folder as the next version of a named model (checksums verified).',
    usage: 'ciclo model import --project P --bundle DIR --name NAME [--stage S] [--comment C] [--json]',
    options: { project: { type: 'string' }, bundle: { type: 'string' }, name: { type: 'string' }, stage: { type: 'string' }, comment: { type: 'string' } },
    async run(ctx) {
      const dir = need(ctx, 'bundle', 'the bundle folder');
      const name = need(ctx, 'name', 'the model name');
      const stage = stageOf(str(ctx, 'stage'), '--stage') ?? 'none';
      const version = await withProject(ctx, false, () => ctx.call('registry.import', { dir, name, stage, comment: str(ctx, 'comment') ?? '' }));
      if (ctx.json) ctx.out(JSON.stringify({ ok: true, data: version }));
      else printVersion(ctx, version, 'Imported');
      return EXIT.ok;
    },
  },
];
