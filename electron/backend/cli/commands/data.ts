/**
 * `ciclo data ...`: the Data step from scripts and CI, through the same handlers as the UI.
 * Jobs run to completion; their progress goes to stderr, results to stdout (one JSON envelope
 * with --json). Ctrl-C cancels the running job (nothing is committed) and exits 1.
 *
 * Datasets are named with --dataset (name or id; optional when the project has one dataset).
 * Versions are named by number (`3` or `v3`), tag, or id.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatasetSummary, DatasetVersion } from '../../../../shared/api/methods/data.js';
import type { Finding, RemedyParams } from '../../../../shared/domain/dataset.js';
import type { JobProgress } from '../../../../shared/domain/jobs.js';
import { AppError } from '../../../../shared/errors.js';
import { CliApiError, EXIT, UsageError, type CliCommand, type CliContext } from '../registry.js';

const FINAL = new Set<JobProgress['state']>(['done', 'failed', 'cancelled', 'interrupted']);

async function openProject(ctx: CliContext, readOnly = false): Promise<void> {
  const path = ctx.values.project;
  if (typeof path !== 'string' || path === '') throw new UsageError('--project is required');
  await ctx.call('project.open', { path, readOnly, remember: false });
}

function str(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

function num(ctx: CliContext, name: string): number | undefined {
  const v = str(ctx, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number`);
  return n;
}

/** Waits for a job, printing its progress on stderr; throws the job's error when it fails. */
async function waitForJob(ctx: CliContext, jobId: string, label: string): Promise<JobProgress> {
  const backend = ctx.backend();
  let lastShown = -1;
  const show = (p: JobProgress): void => {
    const pct = Math.floor(p.fraction * 100);
    if (p.state === 'running' && pct >= lastShown + 10) {
      lastShown = pct - (pct % 10);
      ctx.err(`${label}: ${pct}%`);
    }
  };
  const onSigint = (): void => {
    ctx.err(`${label}: cancelling…`);
    backend.ctx.jobs.cancel(jobId);
  };
  process.once('SIGINT', onSigint);
  try {
    const end = await new Promise<JobProgress>((resolve) => {
      const stop = backend.ctx.events.subscribe((name, payload) => {
        if (name !== 'job.progress') return;
        const p = payload as JobProgress;
        if (p.jobId !== jobId) return;
        show(p);
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
    if (end.state === 'done') {
      ctx.err(`${label}: done`);
      return end;
    }
    throw new CliApiError(end.error ?? new AppError('CANCELLED', `${label} was cancelled.`).toApiError());
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** The dataset named by --dataset (name or id), or the only one. */
async function pickDataset(ctx: CliContext, option = 'dataset'): Promise<DatasetSummary> {
  const all = await ctx.call('data.list', {});
  const wanted = str(ctx, option);
  if (wanted !== undefined) {
    const d = all.find((x) => x.name === wanted) ?? all.find((x) => x.id === wanted);
    if (!d) {
      throw new CliApiError(
        new AppError('NOT_FOUND', `There is no dataset "${wanted}" in this project${all.length > 0 ? ` (datasets: ${all.map((x) => x.name).join(', ')})` : ''}.`, {
          messageKey: 'errors.data.datasetNotFound',
          details: { field: option },
        }).toApiError(),
      );
    }
    return d;
  }
  if (all.length === 1) return all[0];
  if (all.length === 0) {
    throw new CliApiError(new AppError('NOT_FOUND', 'This project has no dataset yet: import one with `ciclo data import`.', { messageKey: 'errors.data.datasetNotFound' }).toApiError());
  }
  throw new UsageError(`the project has several datasets; choose one with --${option} (${all.map((x) => x.name).join(', ')})`);
}

/** A version of the dataset by number (`3`, `v3`), tag or id. */
export function findVersion(versions: readonly DatasetVersion[], ref: string): DatasetVersion | undefined {
  const m = /^v?(\d+)$/i.exec(ref);
  if (m) return versions.find((v) => v.number === Number(m[1]));
  return versions.find((v) => v.tags.includes(ref)) ?? versions.find((v) => v.id === ref);
}

async function resolveVersion(ctx: CliContext, dataset: DatasetSummary, ref: string, field: string): Promise<DatasetVersion> {
  const versions = await ctx.call('data.versions', { datasetId: dataset.id });
  const v = findVersion(versions, ref);
  if (!v) {
    throw new CliApiError(
      new AppError('NOT_FOUND', `The dataset "${dataset.name}" has no version "${ref}" (it has v1..v${versions.length}).`, {
        messageKey: 'errors.data.versionNotFound',
        details: { field },
      }).toApiError(),
    );
  }
  return v;
}

function versionLine(v: DatasetVersion): string {
  const what = v.kind === 'remedy' && v.step ? `remedy ${v.step.params.kind}` : v.kind === 'partition' && v.partition ? `partition ${v.partition.spec.method}` : v.kind;
  const flags = [v.isCurrent ? 'current' : '', ...v.tags.map((t) => `tag ${t}`)].filter(Boolean).join(', ');
  const parts = v.partition ? ` parts ${v.partition.counts.train}/${v.partition.counts.validation}/${v.partition.counts.test}` : '';
  return `v${v.number}  ${v.createdAt}  ${v.author}  ${what}  ${v.rows} rows x ${v.schema.length} columns${parts}  stored ${v.storedBytes} B${flags ? `  (${flags})` : ''}${v.message ? `  "${v.message}"` : ''}`;
}

function printJson(ctx: CliContext, data: unknown): void {
  ctx.out(JSON.stringify({ ok: true, data }));
}

const project = { project: { type: 'string' as const } };
const dataset = { dataset: { type: 'string' as const } };
const version = { version: { type: 'string' as const } };

const BALANCE_METHODS: Record<string, RemedyParams['kind']> = {
  smote: 'smote',
  'random-over': 'random_oversample',
  'random-under': 'random_undersample',
  'cluster-under': 'cluster_centroids',
  'smote-nc': 'smote_nc',
};

const PARTITION_METHODS = { random: 'random', stratified: 'stratified', group: 'grouped', time: 'time' } as const;

function findingLine(f: Finding): string {
  const cols = f.evidence.columns.length > 0 ? ` [${f.evidence.columns.join(', ')}]` : '';
  const rows = f.evidence.rowCount > 0 ? ` ${f.evidence.rowCount} rows (${(f.evidence.rowShare * 100).toFixed(1)}%)` : '';
  const remedies = f.remedies.length > 0 ? `  remedies: ${f.remedies.join(', ')}` : '';
  return `${f.severity.padEnd(8)} ${f.kind}${cols}${rows}${remedies}`;
}

/** Data commands. */
export const commands: CliCommand[] = [
  {
    path: ['data', 'import'],
    summary: 'Import a CSV/TSV or xlsx file as a dataset (an existing name gets a new version).',
    usage: 'ciclo data import FILE --project P [--name N] [--target COL] [--message M] [--json]',
    options: { ...project, name: { type: 'string' }, target: { type: 'string' }, message: { type: 'string' } },
    positionals: { min: 1, max: 1 },
    async run(ctx) {
      await openProject(ctx);
      const target = str(ctx, 'target');
      const name = str(ctx, 'name');
      const message = str(ctx, 'message');
      const started = await ctx.call('data.import', {
        path: ctx.positionals[0],
        ...(name ? { name } : {}),
        ...(message ? { message } : {}),
        options: target ? { target } : {},
      });
      await waitForJob(ctx, started.jobId, 'import');
      const detail = await ctx.call('data.get', { datasetId: started.datasetId });
      await ctx.call('project.close', {});
      if (ctx.json) return printJson(ctx, detail);
      ctx.out(`Dataset "${detail.name}" ${versionLine(detail.current)}`);
      for (const c of detail.current.schema) ctx.out(`  ${c.name.padEnd(24)} ${c.type.padEnd(12)} ${c.role}`);
      for (const w of detail.current.source?.summary.warnings ?? []) ctx.err(`warning: ${w.code}${w.column ? ` (${w.column})` : ''}`);
    },
  },
  {
    path: ['data', 'list'],
    summary: 'List the datasets of a project.',
    usage: 'ciclo data list --project P [--json]',
    options: { ...project },
    async run(ctx) {
      await openProject(ctx, true);
      const all = await ctx.call('data.list', {});
      await ctx.call('project.close', {});
      if (ctx.json) return printJson(ctx, all);
      if (all.length === 0) ctx.out('No datasets yet.');
      for (const d of all) ctx.out(`${d.name}  ${d.rows} rows x ${d.columns} columns  ${d.versionCount} versions${d.target ? `  target ${d.target}` : ''}`);
    },
  },
  {
    path: ['data', 'profile'],
    summary: 'Profile a dataset version: types, missing values, statistics, target balance.',
    usage: 'ciclo data profile --project P [--dataset N] [--version V] [--json]',
    options: { ...project, ...dataset, ...version },
    async run(ctx) {
      await openProject(ctx);
      const d = await pickDataset(ctx);
      const ref = str(ctx, 'version');
      const v = ref ? await resolveVersion(ctx, d, ref, 'version') : null;
      const started = await ctx.call('data.profile', { datasetId: d.id, ...(v ? { versionId: v.id } : {}) });
      await waitForJob(ctx, started.jobId, 'profile');
      const stored = await ctx.call('data.getProfile', { datasetId: d.id, ...(v ? { versionId: v.id } : {}) });
      await ctx.call('project.close', {});
      if (!stored) throw new CliApiError(new AppError('INTERNAL', 'The profile was not saved.').toApiError());
      if (ctx.json) return printJson(ctx, stored);
      const p = stored.profile;
      ctx.out(`${p.rows} rows, ${p.columns.length} columns, ${p.duplicateRows} duplicate rows, ${p.missingCells} missing cells`);
      for (const c of p.columns) {
        const stats = c.stats ? `  min ${c.stats.min}  median ${c.stats.median}  max ${c.stats.max}` : '';
        ctx.out(`  ${c.name.padEnd(24)} ${c.type.padEnd(12)} missing ${c.missing}  distinct ${c.distinct}${stats}`);
      }
      if (p.target?.classes) ctx.out(`Target ${p.target.column}: ${p.target.classes.map((k) => `${k.label} ${k.count}`).join(', ')}`);
    },
  },
  {
    path: ['data', 'check'],
    summary: 'Run the quality report (stable finding kinds); --fail-on makes CI fail on findings.',
    usage:
      'ciclo data check --project P [--dataset N] [--version V] [--label-check] [--group COL]... [--event-time COL] [--reference NAME] [--fail-on critical|warning] [--json]',
    options: {
      ...project,
      ...dataset,
      ...version,
      'label-check': { type: 'boolean' },
      group: { type: 'string', multiple: true },
      'event-time': { type: 'string' },
      reference: { type: 'string' },
      'fail-on': { type: 'string' },
    },
    async run(ctx) {
      const failOn = str(ctx, 'fail-on');
      if (failOn !== undefined && failOn !== 'critical' && failOn !== 'warning') throw new UsageError('--fail-on takes critical or warning');
      await openProject(ctx);
      const d = await pickDataset(ctx);
      const ref = str(ctx, 'version');
      const v = ref ? await resolveVersion(ctx, d, ref, 'version') : null;
      const groups = ctx.values.group as string[] | undefined;
      const eventTime = str(ctx, 'event-time');
      const reference = str(ctx, 'reference') !== undefined ? await pickDataset(ctx, 'reference') : null;
      const started = await ctx.call('data.check', {
        datasetId: d.id,
        ...(v ? { versionId: v.id } : {}),
        options: {
          ...(ctx.values['label-check'] === true ? { labelCheck: true } : {}),
          ...(groups && groups.length > 0 ? { groupColumns: groups } : {}),
          ...(eventTime ? { eventTimeColumn: eventTime } : {}),
          ...(reference ? { referenceDatasetId: reference.id } : {}),
        },
      });
      await waitForJob(ctx, started.jobId, 'check');
      const stored = await ctx.call('data.getReport', { datasetId: d.id, ...(v ? { versionId: v.id } : {}) });
      await ctx.call('project.close', {});
      if (!stored) throw new CliApiError(new AppError('INTERNAL', 'The quality report was not saved.').toApiError());
      if (ctx.json) printJson(ctx, stored);
      else {
        const c = stored.report.counts;
        ctx.out(`${stored.report.rows} rows, ${stored.report.columns} columns: ${c.critical} critical, ${c.warning} warnings, ${c.info} notes`);
        for (const f of stored.report.findings) ctx.out(`  ${findingLine(f)}`);
      }
      const c = stored.report.counts;
      if (failOn === 'critical' && c.critical > 0) return EXIT.failure;
      if (failOn === 'warning' && c.critical + c.warning > 0) return EXIT.failure;
    },
  },
  {
    path: ['data', 'balance'],
    summary: 'Balance the target classes of the training rows (needs a partition); makes a new version.',
    usage: 'ciclo data balance --project P --method smote|smote-nc|random-over|random-under|cluster-under [--dataset N] [--k K] [--seed S] [--message M] [--json]',
    options: { ...project, ...dataset, method: { type: 'string' }, k: { type: 'string' }, seed: { type: 'string' }, message: { type: 'string' } },
    async run(ctx) {
      const method = str(ctx, 'method');
      const kind = method ? BALANCE_METHODS[method] : undefined;
      if (!kind) throw new UsageError(`--method takes ${Object.keys(BALANCE_METHODS).join(', ')}`);
      const k = num(ctx, 'k');
      const seed = num(ctx, 'seed');
      const message = str(ctx, 'message');
      await openProject(ctx);
      const d = await pickDataset(ctx);
      if (!d.target) {
        throw new CliApiError(
          new AppError('INVALID_ARGUMENT', `The dataset "${d.name}" has no target column; import it with --target.`, { messageKey: 'errors.data.noTarget', details: { field: 'target' } }).toApiError(),
        );
      }
      const params = (kind === 'smote' && k !== undefined ? { kind, target: d.target, kNeighbors: k } : { kind, target: d.target }) as RemedyParams;
      const started = await ctx.call('data.applyRemedy', { datasetId: d.id, params, ...(seed !== undefined ? { seed } : {}), ...(message ? { message } : {}) });
      await waitForJob(ctx, started.jobId, 'balance');
      const versions = await ctx.call('data.versions', { datasetId: d.id });
      await ctx.call('project.close', {});
      const created = versions.find((x) => x.id === started.versionId) as DatasetVersion;
      if (ctx.json) return printJson(ctx, created);
      ctx.out(versionLine(created));
      const notes = created.step?.notes as { before?: Record<string, number>; after?: Record<string, number> } | undefined;
      if (notes?.before && notes.after) ctx.out(`  training classes before ${JSON.stringify(notes.before)} after ${JSON.stringify(notes.after)}`);
    },
  },
  {
    path: ['data', 'partition'],
    summary: 'Split rows into train/validation/test (saved with a new version).',
    usage:
      'ciclo data partition --project P --method random|stratified|group|time [--column C] [--train F] [--validation F] [--test F] [--seed S] [--dataset N] [--json]',
    options: {
      ...project,
      ...dataset,
      method: { type: 'string' },
      column: { type: 'string' },
      train: { type: 'string' },
      validation: { type: 'string' },
      test: { type: 'string' },
      seed: { type: 'string' },
      message: { type: 'string' },
    },
    async run(ctx) {
      const method = str(ctx, 'method') as keyof typeof PARTITION_METHODS | undefined;
      if (!method || !(method in PARTITION_METHODS)) throw new UsageError(`--method takes ${Object.keys(PARTITION_METHODS).join(', ')}`);
      const validation = num(ctx, 'validation') ?? 0.15;
      const test = num(ctx, 'test') ?? 0.15;
      const train = num(ctx, 'train') ?? 1 - validation - test;
      const seed = num(ctx, 'seed') ?? 42;
      const message = str(ctx, 'message');
      await openProject(ctx);
      const d = await pickDataset(ctx);
      const column = str(ctx, 'column') ?? (method === 'stratified' ? (d.target ?? undefined) : undefined);
      if (method !== 'random' && !column) throw new UsageError(`a ${method} partition needs --column`);
      const started = await ctx.call('data.partition', {
        datasetId: d.id,
        spec: { method: PARTITION_METHODS[method], fractions: { train, validation, test }, seed, ...(column ? { column } : {}) },
        ...(message ? { message } : {}),
      });
      await waitForJob(ctx, started.jobId, 'partition');
      const versions = await ctx.call('data.versions', { datasetId: d.id });
      await ctx.call('project.close', {});
      const created = versions.find((x) => x.id === started.versionId) as DatasetVersion;
      if (ctx.json) return printJson(ctx, created);
      ctx.out(versionLine(created));
      const balance = created.partition?.classBalance;
      if (balance) {
        for (const part of ['train', 'validation', 'test'] as const) ctx.out(`  ${part.padEnd(10)} ${balance[part].map((c) => `${c.label} ${c.count}`).join(', ')}`);
      }
    },
  },
  {
    path: ['data', 'versions'],
    summary: 'Show the version history of a dataset (newest first).',
    usage: 'ciclo data versions --project P [--dataset N] [--json]',
    options: { ...project, ...dataset },
    async run(ctx) {
      await openProject(ctx, true);
      const d = await pickDataset(ctx);
      const versions = await ctx.call('data.versions', { datasetId: d.id });
      await ctx.call('project.close', {});
      if (ctx.json) return printJson(ctx, versions);
      ctx.out(`Dataset "${d.name}"`);
      for (const v of versions) ctx.out(`  ${versionLine(v)}`);
    },
  },
  {
    path: ['data', 'diff'],
    summary: 'Compare two versions: rows added, removed and changed; schema changes.',
    usage: 'ciclo data diff A B --project P [--dataset N] [--examples K] [--json]',
    options: { ...project, ...dataset, examples: { type: 'string' } },
    positionals: { min: 2, max: 2 },
    async run(ctx) {
      const examples = num(ctx, 'examples') ?? 5;
      await openProject(ctx, true);
      const d = await pickDataset(ctx);
      const a = await resolveVersion(ctx, d, ctx.positionals[0], 'a');
      const b = await resolveVersion(ctx, d, ctx.positionals[1], 'b');
      const diff = await ctx.call('data.diff', { datasetId: d.id, a: a.id, b: b.id, maxExamples: Math.max(0, Math.min(100, Math.round(examples))) });
      await ctx.call('project.close', {});
      if (ctx.json) return printJson(ctx, diff);
      ctx.out(`v${a.number} -> v${b.number}: ${diff.rowsA} -> ${diff.rowsB} rows`);
      ctx.out(`  rows: ${diff.rows.added} added, ${diff.rows.removed} removed, ${diff.rows.changed} changed, ${diff.rows.unchanged} unchanged`);
      const s = diff.schema;
      if (s.added.length) ctx.out(`  columns added: ${s.added.map((c) => c.name).join(', ')}`);
      if (s.removed.length) ctx.out(`  columns removed: ${s.removed.map((c) => c.name).join(', ')}`);
      for (const r of s.retyped) ctx.out(`  column ${r.name}: ${r.from} -> ${r.to}`);
      for (const r of s.roles) ctx.out(`  column ${r.name}: role ${r.from} -> ${r.to}`);
      for (const c of diff.changedByColumn) ctx.out(`  ${c.column}: ${c.rows} rows changed`);
      for (const e of diff.examples.changed) ctx.out(`  row ${e.rowId}: ${e.changes.map((c) => `${c.column} ${c.before ?? '∅'} -> ${c.after ?? '∅'}`).join('; ')}`);
      if (diff.partitionChanged) ctx.out('  the partition differs');
    },
  },
  {
    path: ['data', 'checkout'],
    summary: 'Make an earlier (or later) version the working one; nothing is copied.',
    usage: 'ciclo data checkout V --project P [--dataset N] [--json]',
    options: { ...project, ...dataset },
    positionals: { min: 1, max: 1 },
    async run(ctx) {
      await openProject(ctx);
      const d = await pickDataset(ctx);
      const v = await resolveVersion(ctx, d, ctx.positionals[0], 'version');
      const summary = await ctx.call('data.checkout', { datasetId: d.id, versionId: v.id });
      await ctx.call('project.close', {});
      if (ctx.json) return printJson(ctx, summary);
      ctx.out(`Dataset "${d.name}" now works on v${v.number} (${summary.rows} rows).`);
    },
  },
  {
    path: ['data', 'tag'],
    summary: 'Name a version with a tag (tagging again moves the tag).',
    usage: 'ciclo data tag V TAG --project P [--dataset N] [--json]',
    options: { ...project, ...dataset },
    positionals: { min: 2, max: 2 },
    async run(ctx) {
      await openProject(ctx);
      const d = await pickDataset(ctx);
      const v = await resolveVersion(ctx, d, ctx.positionals[0], 'version');
      const tagged = await ctx.call('data.tag', { datasetId: d.id, versionId: v.id, tag: ctx.positionals[1] });
      await ctx.call('project.close', {});
      if (ctx.json) return printJson(ctx, tagged);
      ctx.out(versionLine(tagged));
    },
  },
  {
    path: ['data', 'export'],
    summary: 'Write a version to CSV (with a partition column when the version has one).',
    usage: 'ciclo data export --out FILE.csv --project P [--dataset N] [--version V] [--no-partition] [--force] [--json]',
    options: { ...project, ...dataset, ...version, out: { type: 'string' }, 'no-partition': { type: 'boolean' }, force: { type: 'boolean' } },
    async run(ctx) {
      const out = str(ctx, 'out');
      if (!out) throw new UsageError('--out is required');
      await openProject(ctx, true);
      const d = await pickDataset(ctx);
      const ref = str(ctx, 'version');
      const v = ref ? await resolveVersion(ctx, d, ref, 'version') : null;
      const started = await ctx.call('data.export', {
        datasetId: d.id,
        ...(v ? { versionId: v.id } : {}),
        path: out,
        includePartition: ctx.values['no-partition'] !== true,
        overwrite: ctx.values.force === true,
      });
      await waitForJob(ctx, started.jobId, 'export');
      await ctx.call('project.close', {});
      const path = resolve(out);
      const result = { path, datasetId: d.id, versionId: v?.id ?? d.currentVersionId, rows: v?.rows ?? d.rows, bytes: statSync(path).size };
      if (ctx.json) return printJson(ctx, result);
      ctx.out(`Wrote ${result.rows} rows (${result.bytes} bytes) to ${path}`);
    },
  },
];
