/**
 * The contract's views of stored datasets and versions (DatasetSummary, DatasetVersion), version
 * lookups with clear NOT_FOUND errors, and the walk up a version's ancestry (recipe, import time).
 * Everything here reads metadata only: its cost grows with versions and columns, never rows.
 */
import type { DatasetDetail, DatasetSummary, DatasetVersion } from '../../../shared/api/methods/data.js';
import { ImportSummarySchema, RecipeStepSchema, type RecipeStep } from '../../../shared/domain/dataset.js';
import { AppError } from '../../../shared/errors.js';
import { z } from 'zod';
import type { Db } from '../storage/db.js';
import {
  cachedResults,
  countVersions,
  getDataset,
  getReportRecord,
  getVersion,
  latestVersion,
  listVersions,
  readVersionSchema,
  tagsByVersion,
  type DatasetRecord,
  type VersionRecord,
} from '../storage/repos/datasets.js';
import { PartitionInfoSchema, type PartitionInfo } from './partition-info.js';

const SourceSchema = z.object({ path: z.string(), bytes: z.number().int().nonnegative(), summary: ImportSummarySchema });

/** The dataset, or NOT_FOUND naming the field. */
export function requireDataset(db: Db, datasetId: string): DatasetRecord {
  const d = getDataset(db, datasetId);
  if (!d) {
    throw new AppError('NOT_FOUND', `There is no dataset with id ${datasetId}.`, {
      messageKey: 'errors.data.datasetNotFound',
      params: { datasetId },
      details: { field: 'datasetId' },
    });
  }
  return d;
}

/** A version of the dataset (its working one when `versionId` is absent), or NOT_FOUND. */
export function requireVersion(db: Db, dataset: DatasetRecord, versionId: string | undefined, field = 'versionId'): VersionRecord {
  const id = versionId ?? dataset.currentVersionId;
  const v = getVersion(db, id);
  if (!v || v.datasetId !== dataset.id) {
    throw new AppError('NOT_FOUND', `The dataset "${dataset.name}" has no version ${id}.`, {
      messageKey: 'errors.data.versionNotFound',
      params: { versionId: id, dataset: dataset.name },
      details: { field },
    });
  }
  return v;
}

/** The stored partition facts of a version, or null. */
export function partitionOf(v: VersionRecord): PartitionInfo | null {
  return v.partitionJson ? PartitionInfoSchema.parse(JSON.parse(v.partitionJson)) : null;
}

/** The recorded remedy step of a version, or null. */
export function stepOf(v: VersionRecord): RecipeStep | null {
  return v.stepJson ? RecipeStepSchema.parse(JSON.parse(v.stepJson)) : null;
}

/** Context shared by the versions of one dataset when listing them. */
interface VersionContext {
  currentVersionId: string;
  tags: Map<string, string[]>;
  profiles: Set<string>;
  reports: Map<string, number>;
}

function toVersion(db: Db, v: VersionRecord, c: VersionContext): DatasetVersion {
  return {
    id: v.id,
    datasetId: v.datasetId,
    number: v.seq,
    parentId: v.parentId,
    kind: v.kind,
    message: v.message,
    author: v.author,
    createdAt: v.createdAt,
    rows: v.rowCount,
    schema: readVersionSchema(db, v.id),
    target: v.target,
    partition: partitionOf(v)?.summary ?? null,
    step: stepOf(v),
    source: v.sourceJson ? SourceSchema.parse(JSON.parse(v.sourceJson)) : null,
    tags: c.tags.get(v.id) ?? [],
    isCurrent: v.id === c.currentVersionId,
    logicalBytes: v.logicalBytes,
    storedBytes: v.storedBytes,
    hasProfile: c.profiles.has(v.id),
    hasReport: c.reports.has(v.id),
  };
}

/** One version as the contract shows it. */
export function versionView(db: Db, dataset: DatasetRecord, v: VersionRecord): DatasetVersion {
  const cached = cachedResults(db, [v.id]);
  return toVersion(db, v, { currentVersionId: dataset.currentVersionId, tags: tagsByVersion(db, dataset.id), ...cached });
}

/** Every version of a dataset, newest first. */
export function versionsView(db: Db, dataset: DatasetRecord): DatasetVersion[] {
  const versions = listVersions(db, dataset.id);
  const cached = cachedResults(db, versions.map((v) => v.id));
  const c: VersionContext = { currentVersionId: dataset.currentVersionId, tags: tagsByVersion(db, dataset.id), ...cached };
  return versions.map((v) => toVersion(db, v, c));
}

/** A dataset as lists show it. */
export function summaryView(db: Db, d: DatasetRecord): DatasetSummary {
  const current = getVersion(db, d.currentVersionId) as VersionRecord;
  const latest = latestVersion(db, d.id) as VersionRecord;
  const report = getReportRecord(db, current.id);
  return {
    id: d.id,
    name: d.name,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    currentVersionId: current.id,
    latestVersionId: latest.id,
    versionCount: countVersions(db, d.id),
    rows: current.rowCount,
    columns: current.columnCount,
    target: current.target,
    hasPartition: current.partitionJson !== null,
    criticalFindings: report ? report.criticalCount : null,
  };
}

/** A dataset with its working version. */
export function detailView(db: Db, d: DatasetRecord): DatasetDetail {
  return { ...summaryView(db, d), current: versionView(db, d, getVersion(db, d.currentVersionId) as VersionRecord) };
}

/** The version and its ancestors, newest first (the first commit last). */
export function ancestry(db: Db, v: VersionRecord): VersionRecord[] {
  const out: VersionRecord[] = [];
  let cur: VersionRecord | undefined = v;
  const seen = new Set<string>();
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    out.push(cur);
    cur = cur.parentId ? getVersion(db, cur.parentId) : undefined;
  }
  return out;
}

/** The nearest import at or above a version (where its rows came from). */
export function importBase(db: Db, v: VersionRecord): VersionRecord {
  const line = ancestry(db, v);
  return line.find((x) => x.kind === 'import') ?? line[line.length - 1];
}

/** The remedies from the nearest import down to the version, in the order they were applied. */
export function recipeOf(db: Db, v: VersionRecord): { base: VersionRecord; steps: RecipeStep[]; stepVersionIds: string[] } {
  const line = ancestry(db, v);
  const baseIndex = line.findIndex((x) => x.kind === 'import');
  const upTo = baseIndex < 0 ? line.length : baseIndex;
  const base = line[baseIndex < 0 ? line.length - 1 : baseIndex];
  const steps: RecipeStep[] = [];
  const stepVersionIds: string[] = [];
  for (let k = upTo - 1; k >= 0; k--) {
    const s = stepOf(line[k]);
    if (s) {
      steps.push(s);
      stepVersionIds.push(line[k].id);
    }
  }
  return { base, steps, stepVersionIds };
}
