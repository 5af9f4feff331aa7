/**
 * The work of each data job, as plain functions of (input, hooks): the `workers/data-*.worker.ts`
 * entries call them inside worker threads, and tests can call them directly. Each opens its own
 * connection to the project (only to read chunks and to write content-addressed chunk blobs);
 * what it returns is small (manifests of chunk hashes, JSON results) and is committed by the
 * backend's connection in one transaction (versions/commit.ts).
 */
import { statSync } from 'node:fs';
import type {
  CheckOptions,
  DatasetColumn,
  ImportOptions,
  ImportPreview,
  ImportSummary,
  PartitionSpec,
  QualityReport,
  RecipeStep,
  RemedyParams,
  TableProfile,
} from '../../../shared/domain/dataset.js';
import type { VersionDiff } from '../../../shared/api/methods/data.js';
import { AppError } from '../../../shared/errors.js';
import { throwIfCancelled } from '../data/errors.js';
import { importFile, previewFile } from '../data/import.js';
import { partitionTable, trainMaskOfAssignment } from '../data/partition.js';
import { inferTask, profileTable } from '../data/profile.js';
import { checkQuality, sortFindings } from '../data/quality/index.js';
import { applyRemedy } from '../data/remedies/recipe.js';
import { computeTableStats } from '../data/stats.js';
import { findColumn, type DataTable } from '../data/table.js';
import type { Db } from '../storage/db.js';
import { openChunkConnection } from '../storage/repos/chunks.js';
import type { StreamRef, VersionManifest } from '../storage/repos/datasets.js';
import { chunkTyped, levelsByName, loadAssignment, loadTable, storeTableYielding, writeBlobs } from './chunk-io.js';
import { diffVersions } from './diff.js';
import { writeCsv } from './export-csv.js';
import { crossValidatedLabelCheck, LABEL_FOLDS, LABEL_MODEL } from './label-check.js';
import { carryAssignment, chunkPartCounts, summarizeAssignment, type PartitionInfo } from './partition-info.js';

/** What every data job's work receives besides its input. */
export interface WorkHooks {
  signal: AbortSignal;
  progress(fraction: number, phaseKey: string, phaseParams?: Record<string, string | number>): void;
}

/** Where the project is (a worker opens its own connection). */
export interface ProjectRef {
  projectPath: string;
  nativeBinding?: string;
}

/** A table written as chunks. */
export interface StoredResult {
  manifest: VersionManifest;
  addedBytes: number;
  logicalBytes: number;
}

function withDb<T>(ref: ProjectRef, fn: (db: Db) => T): T {
  const db = openChunkConnection(ref.projectPath, ref.nativeBinding);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

async function withDbAsync<T>(ref: ProjectRef, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openChunkConnection(ref.projectPath, ref.nativeBinding);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

function rolesOf(schema: readonly DatasetColumn[]): Map<string, DatasetColumn['role']> {
  return new Map(schema.map((c) => [c.name, c.role]));
}

// ---------------------------------------------------------------------------------------------
// Preview and import

/** Input of the preview worker (used for workbooks, which are read whole). */
export interface PreviewWork {
  path: string;
  options: ImportOptions;
}

/** Reads what the import dialog shows; writes nothing. */
export async function previewWork(input: PreviewWork, hooks: WorkHooks): Promise<ImportPreview> {
  hooks.progress(0, 'jobs.phase.parsing');
  return previewFile(input.path, input.options);
}

/** Input of the import job. */
export interface ImportWork extends ProjectRef {
  path: string;
  options: ImportOptions;
  /** The version a re-import descends from: its code columns' levels keep their codes. */
  parent: VersionManifest | null;
}

/** Output of the import job. */
export interface ImportWorkResult extends StoredResult {
  schema: DatasetColumn[];
  summary: ImportSummary;
  fileBytes: number;
}

/** Reads the whole file, then writes its chunks (nothing is written if reading fails). */
export async function importWork(input: ImportWork, hooks: WorkHooks): Promise<ImportWorkResult> {
  hooks.progress(0, 'jobs.phase.parsing');
  const result = await importFile(input.path, input.options, {
    signal: hooks.signal,
    onProgress: (p) => hooks.progress(0.8 * p.fraction, 'jobs.phase.parsing', { rows: p.rows }),
  });
  throwIfCancelled(hooks.signal);
  const fileBytes = statSync(input.path).size;
  return withDbAsync(input, async (db) => {
    const stored = await storeTableYielding(db, result.table, {
      roles: rolesOf(result.schema),
      baseLevels: levelsByName(db, input.parent),
      signal: hooks.signal,
      onProgress: (f) => hooks.progress(0.8 + 0.2 * f, 'jobs.phase.storing'),
    });
    return { ...stored, schema: result.schema, summary: result.summary, fileBytes };
  });
}

// ---------------------------------------------------------------------------------------------
// Profile and check

/** Input of the profile job. */
export interface ProfileWork extends ProjectRef {
  manifest: VersionManifest;
}

/** Target and ignored columns of a manifest. */
export function rolesOfManifest(manifest: VersionManifest): { target?: string; ignored: string[] } {
  const target = manifest.columns.find((c) => c.role === 'target')?.name;
  return { ...(target ? { target } : {}), ignored: manifest.columns.filter((c) => c.role === 'ignored').map((c) => c.name) };
}

function loadWithProgress(db: Db, manifest: VersionManifest, hooks: WorkHooks, upTo: number): DataTable {
  return loadTable(db, manifest, { signal: hooks.signal, onProgress: (f) => hooks.progress(upTo * f, 'jobs.phase.loading') });
}

/** Profiles a version. */
export function profileWork(input: ProfileWork, hooks: WorkHooks): { profile: TableProfile; elapsedMs: number } {
  const started = Date.now();
  return withDb(input, (db) => {
    const table = loadWithProgress(db, input.manifest, hooks, 0.2);
    const roles = rolesOfManifest(input.manifest);
    const profile = profileTable(table, roles, { signal: hooks.signal, onProgress: (f) => hooks.progress(0.2 + 0.8 * f, 'jobs.phase.profiling') });
    return { profile, elapsedMs: Date.now() - started };
  });
}

/** Input of the check job. */
export interface CheckWork extends ProjectRef {
  manifest: VersionManifest;
  options: CheckOptions;
  reference: VersionManifest | null;
  labelCheck: boolean;
  /** Suspect rows kept in the stored result. */
  maxSuspects: number;
}

/** Output of the check job. */
export interface CheckWorkResult {
  report: QualityReport;
  labelCheck: {
    model: string;
    folds: number;
    suspects: Array<{ row: number; rowId: number; given: string; suggested: string; givenProbability: number; suggestedProbability: number }>;
    totalSuspects: number;
  } | null;
  elapsedMs: number;
}

/** Runs the quality report (and, when asked, the cross-validated label check) on a version. */
export function checkWork(input: CheckWork, hooks: WorkHooks): CheckWorkResult {
  const started = Date.now();
  return withDb(input, (db) => {
    const table = loadWithProgress(db, input.manifest, hooks, 0.15);
    const reference = input.reference ? loadTable(db, input.reference, { signal: hooks.signal }) : undefined;
    const options = input.options;
    const target = options.target ? findColumn(table, options.target) : undefined;
    const stats = computeTableStats(table, (done, total) => {
      throwIfCancelled(hooks.signal);
      hooks.progress(0.15 + 0.25 * (done / total), 'jobs.phase.checking');
    });
    const task = target ? (options.task ?? inferTask(target, stats.get(target.name) as never)) : null;
    if (input.labelCheck && (!target || task !== 'classification')) {
      throw new AppError('INVALID_ARGUMENT', 'The label check needs a classification target.', {
        messageKey: 'errors.data.labelCheckNeedsClassification',
        details: { field: 'labelCheck' },
      });
    }
    const span = input.labelCheck ? 0.25 : 0.6;
    const report = checkQuality(table, options, {
      stats,
      reference,
      hooks: { signal: hooks.signal, onProgress: (f) => hooks.progress(0.4 + span * f, 'jobs.phase.checking') },
    });
    let labelCheck: CheckWorkResult['labelCheck'] = null;
    if (input.labelCheck && target) {
      const r = crossValidatedLabelCheck(table, target.name, new Set(options.ignored ?? []), {
        signal: hooks.signal,
        onProgress: (f) => hooks.progress(0.65 + 0.35 * f, 'jobs.phase.labelCheck'),
      });
      if (r.suspects.finding) {
        report.findings.push(r.suspects.finding);
        sortFindings(report.findings);
        report.counts[r.suspects.finding.severity]++;
      }
      labelCheck = {
        model: r.model,
        folds: r.folds,
        suspects: r.suspects.rows.slice(0, input.maxSuspects),
        totalSuspects: r.suspects.rows.length,
      };
    }
    return { report, labelCheck, elapsedMs: Date.now() - started };
  });
}

/** The label check's model and folds (for texts that describe it before it runs). */
export const LABEL_CHECK_FACTS = { model: LABEL_MODEL, folds: LABEL_FOLDS };

// ---------------------------------------------------------------------------------------------
// Remedy and partition

/** Input of the remedy job. */
export interface RemedyWork extends ProjectRef {
  manifest: VersionManifest;
  params: RemedyParams;
  seed: number;
  /** The version's partition spec (balancing and learned steps fit on its training rows). */
  partitionSpec: PartitionSpec | null;
}

/** Output of the remedy job. */
export interface RemedyWorkResult extends StoredResult {
  step: RecipeStep;
  partition: PartitionInfo | null;
}

/** Applies a remedy and writes the new table's chunks. */
export function remedyWork(input: RemedyWork, hooks: WorkHooks): Promise<RemedyWorkResult> {
  return withDbAsync(input, async (db) => {
    const table = loadWithProgress(db, input.manifest, hooks, 0.3);
    const assignment = loadAssignment(db, input.manifest, hooks.signal);
    throwIfCancelled(hooks.signal);
    hooks.progress(0.35, 'jobs.phase.applyingRemedy');
    const r = applyRemedy(table, input.params, { seed: input.seed, ...(assignment ? { trainRowMask: trainMaskOfAssignment(assignment) } : {}) });
    throwIfCancelled(hooks.signal);
    let partition: PartitionInfo | null = null;
    let childParts: Uint8Array | null = null;
    if (assignment && input.partitionSpec) {
      childParts = carryAssignment(table.rowIds, assignment, r.table.rowIds);
      partition = { summary: summarizeAssignment(r.table, childParts, input.partitionSpec), chunkCounts: chunkPartCounts(childParts) };
    }
    const roles = new Map(input.manifest.columns.map((c) => [c.name, c.role]));
    const stored = await storeTableYielding(db, r.table, {
      roles,
      baseLevels: levelsByName(db, input.manifest),
      assignment: childParts,
      signal: hooks.signal,
      onProgress: (f) => hooks.progress(0.7 + 0.3 * f, 'jobs.phase.storing'),
    });
    return { ...stored, step: r.step, partition };
  });
}

/** Input of the partition job. */
export interface PartitionWork extends ProjectRef {
  manifest: VersionManifest;
  spec: PartitionSpec;
}

/** Output of the partition job: the part-code stream and its facts. */
export interface PartitionWorkResult {
  partition: StreamRef;
  info: PartitionInfo;
  addedBytes: number;
  bytes: number;
}

/** Splits a version's rows (only the columns the spec names are read). */
export function partitionWork(input: PartitionWork, hooks: WorkHooks): PartitionWorkResult {
  return withDb(input, (db) => {
    const spec = { ...input.spec };
    const names = [spec.column, spec.target].filter((n): n is string => n !== undefined);
    const table = loadTable(db, input.manifest, { columns: [...new Set(names)], signal: hooks.signal });
    hooks.progress(0.4, 'jobs.phase.partitioning');
    // Class balance per part makes sense only for a classification target.
    if (spec.target) {
      const t = findColumn(table, spec.target);
      if (t && inferTask(t) !== 'classification') delete spec.target;
    }
    const p = partitionTable(table, spec);
    throwIfCancelled(hooks.signal);
    const chunked = chunkTyped(p.assignment);
    const addedBytes = writeBlobs(db, chunked.blobs, hooks.signal);
    hooks.progress(1, 'jobs.phase.partitioning');
    return { partition: chunked.ref, info: { summary: p.summary, chunkCounts: chunkPartCounts(p.assignment) }, addedBytes, bytes: p.assignment.byteLength };
  });
}

// ---------------------------------------------------------------------------------------------
// Export and diff

/** Input of the export job. */
export interface ExportWork extends ProjectRef {
  manifest: VersionManifest;
  path: string;
  includePartition: boolean;
  overwrite: boolean;
}

/** Writes a version to CSV. */
export function exportWork(input: ExportWork, hooks: WorkHooks): { path: string; rows: number; bytes: number } {
  return withDb(input, (db) => {
    const table = loadWithProgress(db, input.manifest, hooks, 0.3);
    const assignment = input.includePartition ? loadAssignment(db, input.manifest, hooks.signal) : null;
    const r = writeCsv(table, input.path, {
      assignment,
      overwrite: input.overwrite,
      signal: hooks.signal,
      onProgress: (f) => hooks.progress(0.3 + 0.7 * f, 'jobs.phase.exporting'),
    });
    return { path: input.path, ...r };
  });
}

/** Input of the diff worker. */
export interface DiffWork extends ProjectRef {
  datasetId: string;
  a: { id: string; manifest: VersionManifest };
  b: { id: string; manifest: VersionManifest };
  maxExamples: number;
}

/** Diffs two versions. */
export function diffWork(input: DiffWork, hooks: WorkHooks): VersionDiff {
  return withDb(input, (db) =>
    diffVersions(db, input, { signal: hooks.signal, onProgress: (f) => hooks.progress(f, 'jobs.phase.comparing') }),
  );
}
