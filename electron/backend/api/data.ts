/**
 * Handlers of the data domain (shared/api/methods/data.ts): datasets and their versions.
 *
 * Work proportional to rows runs in worker threads (workers/data-*.worker.ts, bodies in
 * versions/work.ts): the import, profile, quality check, remedies, partitions, export and diff.
 * Workers read chunks and write content-addressed chunk blobs through their own connection;
 * each job's outcome is committed here, on the backend's connection, in one transaction
 * (versions/commit.ts), so a crash or a kill never leaves half a version. Chunks a failed or
 * cancelled job wrote are swept once no data job is writing.
 *
 * The step status provider of 'data' is registered at the bottom.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { DataCheckOptions, StoredReport } from '../../../shared/api/methods/data.js';
import { StoredReportSchema } from '../../../shared/api/methods/data.js';
import type { CheckOptions, ImportPreview, RemedyKind, TableProfile } from '../../../shared/domain/dataset.js';
import { TableProfileSchema } from '../../../shared/domain/dataset.js';
import type { JobProgress } from '../../../shared/domain/jobs.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from './context.js';
import { registerStepStatusProvider } from './lifecycle.js';
import type { ProjectFile } from '../storage/project-file.js';
import type { Db } from '../storage/db.js';
import { sweepOrphanChunks } from '../storage/repos/chunks.js';
import {
  deleteDataset,
  findDatasetByName,
  getDataset,
  getProfileRecord,
  getReportRecord,
  listDatasets,
  putProfile,
  putReport,
  readManifest,
  removeTag,
  renameDataset,
  setCurrentVersion,
  setTag,
  versionOfTag,
  workingVersionFacts,
  type VersionManifest,
  type VersionRecord,
} from '../storage/repos/datasets.js';
import { resolveWorkerEntry } from '../workers/entry.js';
import type { JobSpec } from '../workers/job-manager.js';
import { runWorker } from '../workers/run-worker.js';
import { formatOf, previewFile } from '../data/import.js';
import { commitVersion, currentAuthor } from '../versions/commit.js';
import { detailView, importBase, partitionOf, recipeOf, requireDataset, requireVersion, summaryView, versionView, versionsView } from '../versions/records.js';
import { readRowsPage } from '../versions/rows-page.js';
import type {
  CheckWork,
  CheckWorkResult,
  DiffWork,
  ExportWork,
  ImportWork,
  ImportWorkResult,
  PartitionWork,
  PartitionWorkResult,
  PreviewWork,
  ProfileWork,
  ProjectRef,
  RemedyWork,
  RemedyWorkResult,
} from '../versions/work.js';
import type { VersionDiff } from '../../../shared/api/methods/data.js';

/** Remedies that add or remove rows to balance classes (or augment): refused without a partition. */
const ROW_BALANCING: ReadonlySet<RemedyKind> = new Set(['random_undersample', 'cluster_centroids', 'random_oversample', 'smote', 'smote_nc', 'gaussian_jitter']);
/** Suspect labels kept with a stored report. */
const MAX_STORED_SUSPECTS = 200;
/** Seed of remedies when the caller gives none. */
const DEFAULT_SEED = 42;

// ---------------------------------------------------------------------------------------------
// Job bookkeeping: which jobs may be writing chunks (the sweep waits for them) and which
// datasets have jobs running (deleting one then is refused).

interface ProjectActivity {
  writers: number;
  byDataset: Map<string, number>;
  swept: boolean;
}

const activity = new WeakMap<ProjectFile, ProjectActivity>();

function activityOf(file: ProjectFile): ProjectActivity {
  let a = activity.get(file);
  if (!a) {
    a = { writers: 0, byDataset: new Map(), swept: false };
    activity.set(file, a);
  }
  return a;
}

/** Removes unreferenced chunks when no job of this project may be writing them. */
function sweepIfIdle(ctx: BackendContext, file: ProjectFile): void {
  const a = activityOf(file);
  if (a.writers > 0 || ctx.session.current !== file || file.isReadOnly || !file.db.open) return;
  try {
    sweepOrphanChunks(file.db);
    a.swept = true;
  } catch (err) {
    // Leftover chunks only cost space; the next sweep tries again.
    console.error('[data] sweeping unreferenced chunks failed:', err);
  }
}

function projectRef(ctx: BackendContext, file: ProjectFile): ProjectRef {
  return { projectPath: file.path, nativeBinding: ctx.config.nativeBinding };
}

function entry(name: string) {
  return resolveWorkerEntry(import.meta.url, `../workers/${name}.worker`);
}

/** Starts a data job with bookkeeping; `writes` jobs may leave chunks behind when they fail. */
function startDataJob<I, O>(ctx: BackendContext, file: ProjectFile, datasetId: string, writes: boolean, spec: Omit<JobSpec<I, O>, 'subjectId'>): string {
  const a = activityOf(file);
  // The first write of a session clears what an earlier crashed or killed process left behind.
  if (writes && !a.swept) sweepIfIdle(ctx, file);
  if (writes) a.writers++;
  a.byDataset.set(datasetId, (a.byDataset.get(datasetId) ?? 0) + 1);
  const handle = ctx.jobs.start<I, O>({ ...spec, subjectId: datasetId });
  void handle.finished.then((end: JobProgress) => {
    if (writes) a.writers--;
    const left = (a.byDataset.get(datasetId) ?? 1) - 1;
    if (left > 0) a.byDataset.set(datasetId, left);
    else a.byDataset.delete(datasetId);
    if (writes && end.state !== 'done') sweepIfIdle(ctx, file);
  });
  return handle.jobId;
}

function announce(ctx: BackendContext, created?: { datasetId: string; versionId: string; jobId?: string }): void {
  if (created) ctx.events.emit('data.versionCreated', created);
  ctx.events.emit('project.changed', { area: 'data' });
  ctx.events.emit('project.changed', { area: 'lifecycle' });
}

/** Runs `fn` only if the job's project is still the open one (a closed project has no connection). */
function stillOpen(ctx: BackendContext, file: ProjectFile): Db {
  if (ctx.session.current !== file || !file.db.open) {
    throw new AppError('CANCELLED', 'The project was closed before the job finished.', { messageKey: 'errors.CANCELLED' });
  }
  return file.db;
}

function manifestOf(db: Db, v: VersionRecord): VersionManifest {
  const m = readManifest(db, v.id);
  if (!m) throw new AppError('INTERNAL', `Version ${v.id} has no manifest.`);
  return m;
}

/** Runs a worker whose value is the method's answer (no job record: short, awaited work). */
async function awaitWorker<I, O>(name: string, input: I): Promise<O> {
  const outcome = await runWorker<I, O>(entry(name), input).outcome;
  if (outcome.state === 'done') return outcome.value;
  if (outcome.state === 'cancelled') throw new AppError('CANCELLED', 'The operation was cancelled.');
  const e = outcome.error;
  throw new AppError(e.code, e.message, { messageKey: e.messageKey, params: e.params, details: e.details });
}

function columnError(name: string, field: string): AppError {
  return new AppError('INVALID_ARGUMENT', `Column "${name}" does not exist in this version.`, {
    messageKey: 'errors.data.columnNotFound',
    params: { column: name },
    details: { field },
  });
}

function assertColumns(m: VersionManifest, names: readonly string[], field: string): void {
  const have = new Set(m.columns.map((c) => c.name));
  for (const n of names) if (!have.has(n)) throw columnError(n, field);
}

function defaultName(path: string): string {
  const base = basename(path);
  const ext = extname(base);
  const name = (ext ? base.slice(0, -ext.length) : base).trim();
  return name.length > 0 ? name.slice(0, 120) : 'dataset';
}

function newId(): string {
  return randomUUID();
}

// ---------------------------------------------------------------------------------------------
// Handlers

/** data.* handlers. */
export const dataHandlers = {
  'data.preview': async (args) => {
    const path = resolve(args.path);
    const options = args.options ?? {};
    // A CSV preview reads at most the first megabyte; a workbook is unzipped and parsed whole, so
    // its preview runs in a worker to keep the main thread free.
    if (formatOf(path, options) !== 'xlsx') return previewFile(path, options);
    return awaitWorker<PreviewWork, ImportPreview>('data-preview', { path, options });
  },

  'data.import': (args, ctx) => {
    const file = ctx.session.requireWritable();
    const db = file.db;
    const path = resolve(args.path);
    if (!existsSync(path)) {
      throw new AppError('NOT_FOUND', `The file "${path}" does not exist or cannot be read.`, {
        messageKey: 'errors.data.fileNotFound',
        params: { path },
        details: { field: 'path' },
      });
    }
    const name = args.name ?? defaultName(path);
    const existing = findDatasetByName(db, name);
    const parent = existing ? requireVersion(db, existing, undefined) : null;
    const datasetId = existing?.id ?? newId();
    const versionId = newId();
    const options = args.options ?? {};
    const input: ImportWork = { ...projectRef(ctx, file), path, options, parent: parent ? manifestOf(db, parent) : null };
    const author = currentAuthor();
    let jobId = '';
    jobId = startDataJob<ImportWork, ImportWorkResult>(ctx, file, datasetId, true, {
      kind: 'data.import',
      entry: entry('data-import'),
      input,
      initialPhaseKey: 'jobs.phase.queued',
      onResult: (out) => {
        const live = stillOpen(ctx, file);
        // A dataset deleted while its re-import ran is created afresh: the file is what the user wants.
        const stillThere = existing !== undefined && getDataset(live, datasetId) !== undefined;
        commitVersion(live, {
          datasetId,
          ...(stillThere ? {} : { newDatasetName: name }),
          versionId,
          parentId: stillThere && parent ? parent.id : null,
          kind: 'import',
          message: args.message ?? '',
          author,
          now: ctx.now().toISOString(),
          manifest: out.manifest,
          partition: null,
          stepJson: null,
          sourceJson: JSON.stringify({ path, bytes: out.fileBytes, summary: out.summary }),
        });
        announce(ctx, { datasetId, versionId, jobId });
      },
    });
    return { jobId, datasetId, versionId };
  },

  'data.list': (_args, ctx) => {
    const file = ctx.session.current;
    if (!file) return [];
    return listDatasets(file.db).map((d) => summaryView(file.db, d));
  },

  'data.get': (args, ctx) => {
    const db = ctx.session.require().db;
    return detailView(db, requireDataset(db, args.datasetId));
  },

  'data.rename': (args, ctx) => {
    const db = ctx.session.requireWritable().db;
    const d = requireDataset(db, args.datasetId);
    const other = findDatasetByName(db, args.name);
    if (other && other.id !== d.id) {
      throw new AppError('CONFLICT', `A dataset named "${args.name}" already exists.`, {
        messageKey: 'errors.data.nameTaken',
        params: { name: args.name },
        details: { field: 'name' },
      });
    }
    renameDataset(db, d.id, args.name, ctx.now().toISOString());
    announce(ctx);
    return summaryView(db, requireDataset(db, d.id));
  },

  'data.delete': (args, ctx) => {
    const file = ctx.session.requireWritable();
    const a = activityOf(file);
    if ((a.byDataset.get(args.datasetId) ?? 0) > 0) {
      throw new AppError('CONFLICT', 'A job is working on this dataset; wait for it or cancel it first.', {
        messageKey: 'errors.data.datasetBusy',
        details: { field: 'datasetId' },
      });
    }
    const deleted = file.db.transaction(() => deleteDataset(file.db, args.datasetId))();
    if (deleted) {
      sweepIfIdle(ctx, file);
      announce(ctx);
    }
    return { deleted };
  },

  'data.rows': (args, ctx) => {
    const db = ctx.session.require().db;
    const d = requireDataset(db, args.datasetId);
    const v = requireVersion(db, d, args.versionId);
    const m = manifestOf(db, v);
    const page = readRowsPage(db, m, partitionOf(v), { offset: args.offset, limit: args.limit, part: args.part });
    return {
      datasetId: d.id,
      versionId: v.id,
      total: page.total,
      offset: args.offset,
      columns: m.columns.map((c) => ({ name: c.name, type: c.type, role: c.role })),
      rowIds: page.rowIds,
      parts: page.parts,
      rows: page.rows,
    };
  },

  'data.profile': (args, ctx) => {
    const file = ctx.session.requireWritable();
    const d = requireDataset(file.db, args.datasetId);
    const v = requireVersion(file.db, d, args.versionId);
    const input: ProfileWork = { ...projectRef(ctx, file), manifest: manifestOf(file.db, v) };
    const jobId = startDataJob<ProfileWork, { profile: TableProfile; elapsedMs: number }>(ctx, file, d.id, false, {
      kind: 'data.profile',
      entry: entry('data-profile'),
      input,
      onResult: (out) => {
        putProfile(stillOpen(ctx, file), { versionId: v.id, profileJson: JSON.stringify(out.profile), computedAt: ctx.now().toISOString(), elapsedMs: out.elapsedMs });
        announce(ctx);
      },
    });
    return { jobId };
  },

  'data.getProfile': (args, ctx) => {
    const db = ctx.session.require().db;
    const v = requireVersion(db, requireDataset(db, args.datasetId), args.versionId);
    const p = getProfileRecord(db, v.id);
    if (!p) return null;
    return { versionId: v.id, profile: TableProfileSchema.parse(JSON.parse(p.profileJson)), computedAt: p.computedAt, elapsedMs: p.elapsedMs };
  },

  'data.check': (args, ctx) => {
    const file = ctx.session.requireWritable();
    const db = file.db;
    const d = requireDataset(db, args.datasetId);
    const v = requireVersion(db, d, args.versionId);
    const m = manifestOf(db, v);
    const given: DataCheckOptions = args.options ?? {};
    if (given.eventTimeColumn) assertColumns(m, [given.eventTimeColumn], 'options.eventTimeColumn');
    if (given.groupColumns) assertColumns(m, given.groupColumns, 'options.groupColumns');
    let reference: VersionRecord | null = null;
    if (given.referenceDatasetId) {
      const rd = requireDataset(db, given.referenceDatasetId);
      reference = requireVersion(db, rd, given.referenceVersionId, 'options.referenceVersionId');
    }
    const target = m.columns.find((c) => c.role === 'target')?.name;
    const options: CheckOptions = {
      ...(target ? { target } : {}),
      ...(given.task ? { task: given.task } : {}),
      ignored: m.columns.filter((c) => c.role === 'ignored').map((c) => c.name),
      ...(given.eventTimeColumn ? { eventTimeColumn: given.eventTimeColumn } : {}),
      ...(given.groupColumns ? { groupColumns: given.groupColumns } : {}),
      importedAt: importBase(db, v).createdAt,
      ...(given.staleAfterDays ? { staleAfterDays: given.staleAfterDays } : {}),
    };
    const labelCheck = given.labelCheck === true;
    const input: CheckWork = {
      ...projectRef(ctx, file),
      manifest: m,
      options,
      reference: reference ? manifestOf(db, reference) : null,
      labelCheck,
      maxSuspects: MAX_STORED_SUSPECTS,
    };
    const stored: StoredReport['options'] = { ...options, labelCheck, referenceVersionId: reference?.id ?? null };
    const jobId = startDataJob<CheckWork, CheckWorkResult>(ctx, file, d.id, false, {
      kind: 'data.check',
      entry: entry('data-check'),
      input,
      onResult: (out) => {
        putReport(stillOpen(ctx, file), {
          versionId: v.id,
          reportJson: JSON.stringify(out.report),
          optionsJson: JSON.stringify(stored),
          labelJson: out.labelCheck ? JSON.stringify(out.labelCheck) : null,
          criticalCount: out.report.counts.critical,
          computedAt: ctx.now().toISOString(),
          elapsedMs: out.elapsedMs,
        });
        announce(ctx);
      },
    });
    return { jobId };
  },

  'data.getReport': (args, ctx) => {
    const db = ctx.session.require().db;
    const v = requireVersion(db, requireDataset(db, args.datasetId), args.versionId);
    const r = getReportRecord(db, v.id);
    if (!r) return null;
    return StoredReportSchema.parse({
      versionId: v.id,
      report: JSON.parse(r.reportJson),
      options: JSON.parse(r.optionsJson),
      labelCheck: r.labelJson ? JSON.parse(r.labelJson) : null,
      computedAt: r.computedAt,
      elapsedMs: r.elapsedMs,
    });
  },

  'data.applyRemedy': (args, ctx) => {
    const file = ctx.session.requireWritable();
    const db = file.db;
    const d = requireDataset(db, args.datasetId);
    const v = requireVersion(db, d, args.versionId);
    const info = partitionOf(v);
    if (ROW_BALANCING.has(args.params.kind) && !info) {
      throw new AppError(
        'INVALID_ARGUMENT',
        'Balancing and augmentation need a train/validation/test partition first: they must change training rows only, or the evaluation would be measured on data shaped by them.',
        { messageKey: 'errors.data.balanceNeedsPartition', params: { remedy: args.params.kind }, details: { field: 'params.kind' } },
      );
    }
    const versionId = newId();
    const author = currentAuthor();
    const input: RemedyWork = {
      ...projectRef(ctx, file),
      manifest: manifestOf(db, v),
      params: args.params,
      seed: args.seed ?? DEFAULT_SEED,
      partitionSpec: info?.summary.spec ?? null,
    };
    let jobId = '';
    jobId = startDataJob<RemedyWork, RemedyWorkResult>(ctx, file, d.id, true, {
      kind: 'data.remedy',
      entry: entry('data-remedy'),
      input,
      onResult: (out) => {
        commitVersion(stillOpen(ctx, file), {
          datasetId: d.id,
          versionId,
          parentId: v.id,
          kind: 'remedy',
          message: args.message ?? '',
          author,
          now: ctx.now().toISOString(),
          manifest: out.manifest,
          partition: out.partition,
          stepJson: JSON.stringify(out.step),
          sourceJson: null,
        });
        announce(ctx, { datasetId: d.id, versionId, jobId });
      },
    });
    return { jobId, datasetId: d.id, versionId };
  },

  'data.partition': (args, ctx) => {
    const file = ctx.session.requireWritable();
    const db = file.db;
    const d = requireDataset(db, args.datasetId);
    const v = requireVersion(db, d, args.versionId);
    const m = manifestOf(db, v);
    const spec = { ...args.spec };
    if (spec.target === undefined && v.target) spec.target = v.target;
    assertColumns(m, [spec.column, spec.target].filter((n): n is string => n !== undefined), 'spec.column');
    const versionId = newId();
    const author = currentAuthor();
    const input: PartitionWork = { ...projectRef(ctx, file), manifest: m, spec };
    let jobId = '';
    jobId = startDataJob<PartitionWork, PartitionWorkResult>(ctx, file, d.id, true, {
      kind: 'data.partition',
      entry: entry('data-partition'),
      input,
      onResult: (out) => {
        commitVersion(stillOpen(ctx, file), {
          datasetId: d.id,
          versionId,
          parentId: v.id,
          kind: 'partition',
          message: args.message ?? '',
          author,
          now: ctx.now().toISOString(),
          // The data chunks are the parent's: only the part codes are new.
          manifest: { ...m, partition: out.partition },
          partition: out.info,
          stepJson: null,
          sourceJson: null,
          inheritResultsFrom: v.id,
        });
        announce(ctx, { datasetId: d.id, versionId, jobId });
      },
    });
    return { jobId, datasetId: d.id, versionId };
  },

  'data.setRoles': (args, ctx) => {
    const db = ctx.session.requireWritable().db;
    const d = requireDataset(db, args.datasetId);
    const v = requireVersion(db, d, args.versionId);
    const m = manifestOf(db, v);
    if (args.target !== null) assertColumns(m, [args.target], 'target');
    assertColumns(m, args.ignored, 'ignored');
    if (args.target !== null && args.ignored.includes(args.target)) {
      throw new AppError('INVALID_ARGUMENT', 'The target column cannot also be ignored.', {
        messageKey: 'errors.data.targetIgnored',
        params: { column: args.target },
        details: { field: 'ignored' },
      });
    }
    const ignored = new Set(args.ignored);
    const manifest: VersionManifest = {
      ...m,
      columns: m.columns.map((c) => ({ ...c, role: c.name === args.target ? 'target' : ignored.has(c.name) ? 'ignored' : 'feature' })),
    };
    const versionId = newId();
    const rec = commitVersion(db, {
      datasetId: d.id,
      versionId,
      parentId: v.id,
      kind: 'roles',
      message: args.message ?? '',
      author: currentAuthor(),
      now: ctx.now().toISOString(),
      manifest,
      partition: partitionOf(v),
      stepJson: null,
      sourceJson: null,
    });
    announce(ctx, { datasetId: d.id, versionId });
    return versionView(db, requireDataset(db, d.id), rec);
  },

  'data.versions': (args, ctx) => {
    const db = ctx.session.require().db;
    return versionsView(db, requireDataset(db, args.datasetId));
  },

  'data.diff': async (args, ctx) => {
    const file = ctx.session.require();
    const db = file.db;
    const d = requireDataset(db, args.datasetId);
    const a = requireVersion(db, d, args.a, 'a');
    const b = requireVersion(db, d, args.b, 'b');
    const input: DiffWork = {
      ...projectRef(ctx, file),
      datasetId: d.id,
      a: { id: a.id, manifest: manifestOf(db, a) },
      b: { id: b.id, manifest: manifestOf(db, b) },
      maxExamples: args.maxExamples,
    };
    // Awaited rather than a job: the answer is the diff itself, and unchanged chunks are skipped.
    return awaitWorker<DiffWork, VersionDiff>('data-diff', input);
  },

  'data.checkout': (args, ctx) => {
    const db = ctx.session.requireWritable().db;
    const d = requireDataset(db, args.datasetId);
    const v = requireVersion(db, d, args.versionId);
    setCurrentVersion(db, d.id, v.id, ctx.now().toISOString());
    announce(ctx);
    return summaryView(db, requireDataset(db, d.id));
  },

  'data.tag': (args, ctx) => {
    const db = ctx.session.requireWritable().db;
    const d = requireDataset(db, args.datasetId);
    const v = requireVersion(db, d, args.versionId);
    setTag(db, d.id, args.tag, v.id, ctx.now().toISOString());
    announce(ctx);
    return versionView(db, d, v);
  },

  'data.untag': (args, ctx) => {
    const db = ctx.session.requireWritable().db;
    const d = requireDataset(db, args.datasetId);
    const removed = versionOfTag(db, d.id, args.tag) !== undefined && removeTag(db, d.id, args.tag);
    if (removed) announce(ctx);
    return { removed };
  },

  'data.recipe': (args, ctx) => {
    const db = ctx.session.require().db;
    const v = requireVersion(db, requireDataset(db, args.datasetId), args.versionId);
    const r = recipeOf(db, v);
    return { versionId: v.id, baseVersionId: r.base.id, recipe: { formatVersion: 1 as const, steps: r.steps }, stepVersionIds: r.stepVersionIds };
  },

  'data.export': (args, ctx) => {
    const file = ctx.session.require();
    const db = file.db;
    const d = requireDataset(db, args.datasetId);
    const v = requireVersion(db, d, args.versionId);
    const path = resolve(args.path);
    if (existsSync(path) && args.overwrite !== true) {
      throw new AppError('CONFLICT', `The file ${path} already exists; choose another name or allow replacing it.`, {
        messageKey: 'errors.data.exportExists',
        params: { path },
        details: { field: 'path' },
      });
    }
    const m = manifestOf(db, v);
    const input: ExportWork = {
      ...projectRef(ctx, file),
      manifest: m,
      path,
      includePartition: (args.includePartition ?? true) && m.partition !== null,
      overwrite: args.overwrite === true,
    };
    const jobId = startDataJob<ExportWork, { path: string; rows: number; bytes: number }>(ctx, file, d.id, false, {
      kind: 'data.export',
      entry: entry('data-export'),
      input,
    });
    return { jobId };
  },
} satisfies Pick<ApiHandlers<BackendContext>, keyof ApiHandlers<BackendContext> & `data.${string}`>;

// The Data step: nothing imported -> not started; critical findings open in a working version's
// last check -> needs attention; a working version with a partition -> done; otherwise the data
// is in, but not yet split for training and evaluation -> in progress.
registerStepStatusProvider('data', (db) => {
  const facts = workingVersionFacts(db);
  if (facts.length === 0) return { state: 'not_started' };
  if (facts.some((f) => (f.criticalCount ?? 0) > 0)) return { state: 'needs_attention', reasonKey: 'lifecycle.reason.data.criticalFindings' };
  if (facts.some((f) => f.hasPartition)) return { state: 'done' };
  return { state: 'in_progress', reasonKey: 'lifecycle.reason.data.noPartition' };
});
