/**
 * Committing a version: everything about it (the dataset row for a first import, the version,
 * its columns and chunk manifest, the working-version pointer, inherited cached results) is
 * written by the backend's connection in ONE transaction, after the job's worker has stored the
 * chunk blobs. A crash before the commit leaves the previous state (plus unreferenced chunks that
 * the next sweep removes); a crash after it leaves the whole version.
 */
import { userInfo } from 'node:os';
import { AppError } from '../../../shared/errors.js';
import type { Db } from '../storage/db.js';
import { chunkSizes } from '../storage/repos/chunks.js';
import {
  findDatasetByName,
  getDataset,
  getProfileRecord,
  getReportRecord,
  insertDataset,
  insertVersion,
  isChunkReferenced,
  nextVersionSeq,
  putProfile,
  putReport,
  setCurrentVersion,
  type VersionManifest,
  type VersionRecord,
} from '../storage/repos/datasets.js';
import type { PartitionInfo } from './partition-info.js';

/** The operating-system user name recorded as a version's author. */
export function currentAuthor(): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // No passwd entry (some containers): fall back to the environment.
  }
  return process.env.USER || process.env.USERNAME || 'unknown';
}

/** Every chunk hash a manifest references, with repeats (one per reference). */
export function manifestHashes(m: VersionManifest): string[] {
  const out: string[] = [];
  for (const c of m.columns) {
    out.push(...c.values.hashes);
    if (c.levels) out.push(...c.levels.hashes);
  }
  out.push(...m.rowIds.hashes);
  if (m.partition) out.push(...m.partition.hashes);
  return out;
}

/** A version to commit. */
export interface NewVersion {
  datasetId: string;
  /** Set when the dataset does not exist yet: it is created in the same transaction. */
  newDatasetName?: string;
  versionId: string;
  parentId: string | null;
  kind: VersionRecord['kind'];
  message: string;
  author: string;
  now: string;
  manifest: VersionManifest;
  partition: PartitionInfo | null;
  stepJson: string | null;
  sourceJson: string | null;
  /** Copy the cached profile and report of this version (the data did not change). */
  inheritResultsFrom?: string;
}

/** Commits a version in one transaction and makes it the dataset's working version. */
export function commitVersion(db: Db, v: NewVersion): VersionRecord {
  return db.transaction((): VersionRecord => {
    if (v.newDatasetName !== undefined) {
      if (getDataset(db, v.datasetId)) throw new AppError('INTERNAL', 'The dataset of a first import already exists.');
      if (findDatasetByName(db, v.newDatasetName)) {
        throw new AppError('CONFLICT', `A dataset named "${v.newDatasetName}" was created while this import ran; import again to add a version to it.`, {
          messageKey: 'errors.data.nameTaken',
          params: { name: v.newDatasetName },
          details: { field: 'name' },
        });
      }
      insertDataset(db, { id: v.datasetId, name: v.newDatasetName, createdAt: v.now, updatedAt: v.now, currentVersionId: v.versionId });
    } else if (!getDataset(db, v.datasetId)) {
      throw new AppError('NOT_FOUND', 'The dataset was deleted while the job ran.', { messageKey: 'errors.data.datasetNotFound', details: { field: 'datasetId' } });
    }
    const hashes = manifestHashes(v.manifest);
    const sizes = chunkSizes(db, hashes);
    let logicalBytes = 0;
    for (const h of hashes) {
      const size = sizes.get(h);
      if (size === undefined) {
        throw new AppError('INTERNAL', `Chunk ${h.slice(0, 12)} of the new version is not stored.`);
      }
      logicalBytes += size;
    }
    // What this commit costs: chunks no earlier version referenced (counted before inserting).
    let storedBytes = 0;
    for (const h of new Set(hashes)) if (!isChunkReferenced(db, h)) storedBytes += sizes.get(h) as number;
    const target = v.manifest.columns.find((c) => c.role === 'target')?.name ?? null;
    const record: VersionRecord = {
      id: v.versionId,
      datasetId: v.datasetId,
      seq: nextVersionSeq(db, v.datasetId),
      parentId: v.parentId,
      kind: v.kind,
      message: v.message,
      author: v.author,
      createdAt: v.now,
      rowCount: v.manifest.rows,
      columnCount: v.manifest.columns.length,
      target,
      partitionJson: v.partition ? JSON.stringify(v.partition) : null,
      stepJson: v.stepJson,
      sourceJson: v.sourceJson,
      logicalBytes,
      storedBytes,
    };
    insertVersion(db, record, v.manifest);
    setCurrentVersion(db, v.datasetId, v.versionId, v.now);
    if (v.inheritResultsFrom) {
      const p = getProfileRecord(db, v.inheritResultsFrom);
      if (p) putProfile(db, { ...p, versionId: v.versionId });
      const r = getReportRecord(db, v.inheritResultsFrom);
      if (r) putReport(db, { ...r, versionId: v.versionId });
    }
    return record;
  })();
}
