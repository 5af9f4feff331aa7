/**
 * Queries of datasets, their versions (immutable commits), manifests (which chunks make up each
 * column of a version), tags, and the profiles and quality reports cached per version.
 * Writes of a whole version happen in {@link insertVersion}, inside the caller's transaction.
 */
import type { ColumnRole, ColumnType } from '../../../../shared/domain/dataset.js';
import type { Db } from '../db.js';

/** Position of the row-id stream and of the partition stream in `version_chunks`. */
export const ROW_IDS_POSITION = -1;
/** See {@link ROW_IDS_POSITION}. */
export const PARTITION_POSITION = -2;

/** A sequence of chunks: hashes in order and the items (rows or levels) each holds. */
export interface StreamRef {
  hashes: string[];
  counts: number[];
}

/** One column of a version as stored. */
export interface StoredColumn {
  name: string;
  type: ColumnType;
  role: ColumnRole;
  /** Code columns: the level texts' chunks; null for number columns. */
  levels: StreamRef | null;
  /** Boolean columns: how false and true were written. */
  labels: [string, string] | null;
  values: StreamRef;
}

/** Everything that makes up the data of a version. */
export interface VersionManifest {
  rows: number;
  columns: StoredColumn[];
  rowIds: StreamRef;
  /** Part code per row (Uint8: 0 train, 1 validation, 2 test), or null. */
  partition: StreamRef | null;
}

/** A version row. */
export interface VersionRecord {
  id: string;
  datasetId: string;
  seq: number;
  parentId: string | null;
  kind: 'import' | 'remedy' | 'partition' | 'roles';
  message: string;
  author: string;
  createdAt: string;
  rowCount: number;
  columnCount: number;
  target: string | null;
  partitionJson: string | null;
  stepJson: string | null;
  sourceJson: string | null;
  logicalBytes: number;
  storedBytes: number;
}

/** A dataset row. */
export interface DatasetRecord {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  currentVersionId: string;
}

interface VersionRow {
  id: string;
  dataset_id: string;
  seq: number;
  parent_id: string | null;
  kind: VersionRecord['kind'];
  message: string;
  author: string;
  created_at: string;
  row_count: number;
  column_count: number;
  target: string | null;
  partition_json: string | null;
  step_json: string | null;
  source_json: string | null;
  logical_bytes: number;
  stored_bytes: number;
}

function versionFromRow(r: VersionRow): VersionRecord {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    seq: r.seq,
    parentId: r.parent_id,
    kind: r.kind,
    message: r.message,
    author: r.author,
    createdAt: r.created_at,
    rowCount: r.row_count,
    columnCount: r.column_count,
    target: r.target,
    partitionJson: r.partition_json,
    stepJson: r.step_json,
    sourceJson: r.source_json,
    logicalBytes: r.logical_bytes,
    storedBytes: r.stored_bytes,
  };
}

interface DatasetRow {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  current_version_id: string;
}

function datasetFromRow(r: DatasetRow): DatasetRecord {
  return { id: r.id, name: r.name, createdAt: r.created_at, updatedAt: r.updated_at, currentVersionId: r.current_version_id };
}

// ---------------------------------------------------------------------------------------------
// Datasets

/** Every dataset, by name. */
export function listDatasets(db: Db): DatasetRecord[] {
  return (db.prepare('SELECT * FROM datasets ORDER BY name COLLATE NOCASE, id').all() as DatasetRow[]).map(datasetFromRow);
}

/** A dataset by id. */
export function getDataset(db: Db, id: string): DatasetRecord | undefined {
  const r = db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as DatasetRow | undefined;
  return r ? datasetFromRow(r) : undefined;
}

/** A dataset by name (exact). */
export function findDatasetByName(db: Db, name: string): DatasetRecord | undefined {
  const r = db.prepare('SELECT * FROM datasets WHERE name = ?').get(name) as DatasetRow | undefined;
  return r ? datasetFromRow(r) : undefined;
}

/** Creates a dataset row (its first version must be inserted in the same transaction). */
export function insertDataset(db: Db, d: DatasetRecord): void {
  db.prepare('INSERT INTO datasets (id, name, created_at, updated_at, current_version_id) VALUES (?, ?, ?, ?, ?)').run(
    d.id,
    d.name,
    d.createdAt,
    d.updatedAt,
    d.currentVersionId,
  );
}

/** Moves the working version pointer. */
export function setCurrentVersion(db: Db, datasetId: string, versionId: string, now: string): void {
  db.prepare('UPDATE datasets SET current_version_id = ?, updated_at = ? WHERE id = ?').run(versionId, now, datasetId);
}

/** Renames a dataset. */
export function renameDataset(db: Db, datasetId: string, name: string, now: string): void {
  db.prepare('UPDATE datasets SET name = ?, updated_at = ? WHERE id = ?').run(name, now, datasetId);
}

/** Deletes a dataset and (by cascade) its versions, manifests, tags and cached results. */
export function deleteDataset(db: Db, datasetId: string): boolean {
  return db.prepare('DELETE FROM datasets WHERE id = ?').run(datasetId).changes > 0;
}

// ---------------------------------------------------------------------------------------------
// Versions

/** A version by id. */
export function getVersion(db: Db, id: string): VersionRecord | undefined {
  const r = db.prepare('SELECT * FROM dataset_versions WHERE id = ?').get(id) as VersionRow | undefined;
  return r ? versionFromRow(r) : undefined;
}

/** Every version of a dataset, newest first. */
export function listVersions(db: Db, datasetId: string): VersionRecord[] {
  return (db.prepare('SELECT * FROM dataset_versions WHERE dataset_id = ? ORDER BY seq DESC').all(datasetId) as VersionRow[]).map(versionFromRow);
}

/** The newest version of a dataset. */
export function latestVersion(db: Db, datasetId: string): VersionRecord | undefined {
  const r = db.prepare('SELECT * FROM dataset_versions WHERE dataset_id = ? ORDER BY seq DESC LIMIT 1').get(datasetId) as VersionRow | undefined;
  return r ? versionFromRow(r) : undefined;
}

/** Number of versions of a dataset. */
export function countVersions(db: Db, datasetId: string): number {
  return db.prepare('SELECT count(*) FROM dataset_versions WHERE dataset_id = ?').pluck().get(datasetId) as number;
}

/** The next version number of a dataset. */
export function nextVersionSeq(db: Db, datasetId: string): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM dataset_versions WHERE dataset_id = ?').pluck().get(datasetId) as number);
}

/** True when some version already references the chunk. */
export function isChunkReferenced(db: Db, hash: string): boolean {
  return db.prepare('SELECT 1 FROM version_chunks WHERE chunk_hash = ? LIMIT 1').pluck().get(hash) !== undefined;
}

/** Inserts a version with its columns and manifest. Call inside a transaction. */
export function insertVersion(db: Db, v: VersionRecord, manifest: VersionManifest): void {
  db.prepare(
    `INSERT INTO dataset_versions (id, dataset_id, seq, parent_id, kind, message, author, created_at, row_count, column_count,
       target, partition_json, step_json, source_json, logical_bytes, stored_bytes)
     VALUES (@id, @datasetId, @seq, @parentId, @kind, @message, @author, @createdAt, @rowCount, @columnCount,
       @target, @partitionJson, @stepJson, @sourceJson, @logicalBytes, @storedBytes)`,
  ).run(v);
  const col = db.prepare(
    'INSERT INTO version_columns (version_id, position, name, type, role, level_count, labels_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const chunk = db.prepare(
    'INSERT INTO version_chunks (version_id, column_position, stream, seq, chunk_hash, item_count) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const putStream = (position: number, stream: 'v' | 'l', ref: StreamRef): void => {
    ref.hashes.forEach((h, k) => chunk.run(v.id, position, stream, k, h, ref.counts[k]));
  };
  manifest.columns.forEach((c, j) => {
    const levelCount = c.levels ? c.levels.counts.reduce((a, b) => a + b, 0) : null;
    col.run(v.id, j, c.name, c.type, c.role, levelCount, c.labels ? JSON.stringify(c.labels) : null);
    putStream(j, 'v', c.values);
    if (c.levels) putStream(j, 'l', c.levels);
  });
  putStream(ROW_IDS_POSITION, 'v', manifest.rowIds);
  if (manifest.partition) putStream(PARTITION_POSITION, 'v', manifest.partition);
}

interface ColumnRow {
  position: number;
  name: string;
  type: ColumnType;
  role: ColumnRole;
  level_count: number | null;
  labels_json: string | null;
}

interface ChunkRow {
  column_position: number;
  stream: 'v' | 'l';
  chunk_hash: string;
  item_count: number;
}

/** The manifest of a version (column entries and chunk lists). */
export function readManifest(db: Db, versionId: string): VersionManifest | undefined {
  const v = db.prepare('SELECT row_count FROM dataset_versions WHERE id = ?').pluck().get(versionId) as number | undefined;
  if (v === undefined) return undefined;
  const cols = db.prepare('SELECT * FROM version_columns WHERE version_id = ? ORDER BY position').all(versionId) as ColumnRow[];
  const chunks = db
    .prepare('SELECT column_position, stream, chunk_hash, item_count FROM version_chunks WHERE version_id = ? ORDER BY column_position, stream, seq')
    .all(versionId) as ChunkRow[];
  const streams = new Map<string, StreamRef>();
  for (const c of chunks) {
    const key = `${c.column_position}:${c.stream}`;
    let s = streams.get(key);
    if (!s) {
      s = { hashes: [], counts: [] };
      streams.set(key, s);
    }
    s.hashes.push(c.chunk_hash);
    s.counts.push(c.item_count);
  }
  const empty = (): StreamRef => ({ hashes: [], counts: [] });
  return {
    rows: v,
    columns: cols.map((c) => ({
      name: c.name,
      type: c.type,
      role: c.role,
      levels: c.level_count === null ? null : (streams.get(`${c.position}:l`) ?? empty()),
      labels: c.labels_json ? (JSON.parse(c.labels_json) as [string, string]) : null,
      values: streams.get(`${c.position}:v`) ?? empty(),
    })),
    rowIds: streams.get(`${ROW_IDS_POSITION}:v`) ?? empty(),
    partition: streams.get(`${PARTITION_POSITION}:v`) ?? null,
  };
}

/** Column names, types and roles of a version, in order. */
export function readVersionSchema(db: Db, versionId: string): Array<{ name: string; type: ColumnType; role: ColumnRole }> {
  return db.prepare('SELECT name, type, role FROM version_columns WHERE version_id = ? ORDER BY position').all(versionId) as Array<{
    name: string;
    type: ColumnType;
    role: ColumnRole;
  }>;
}

// ---------------------------------------------------------------------------------------------
// Tags

/** Tags of every version of a dataset: version id -> tags (sorted). */
export function tagsByVersion(db: Db, datasetId: string): Map<string, string[]> {
  const rows = db.prepare('SELECT tag, version_id FROM dataset_tags WHERE dataset_id = ? ORDER BY tag').all(datasetId) as Array<{ tag: string; version_id: string }>;
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.version_id) ?? [];
    list.push(r.tag);
    out.set(r.version_id, list);
  }
  return out;
}

/** The version a tag names, or undefined. */
export function versionOfTag(db: Db, datasetId: string, tag: string): string | undefined {
  return db.prepare('SELECT version_id FROM dataset_tags WHERE dataset_id = ? AND tag = ?').pluck().get(datasetId, tag) as string | undefined;
}

/** Sets (or moves) a tag. */
export function setTag(db: Db, datasetId: string, tag: string, versionId: string, now: string): void {
  db.prepare(
    `INSERT INTO dataset_tags (dataset_id, tag, version_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (dataset_id, tag) DO UPDATE SET version_id = excluded.version_id, created_at = excluded.created_at`,
  ).run(datasetId, tag, versionId, now);
}

/** Removes a tag; false when there was none. */
export function removeTag(db: Db, datasetId: string, tag: string): boolean {
  return db.prepare('DELETE FROM dataset_tags WHERE dataset_id = ? AND tag = ?').run(datasetId, tag).changes > 0;
}

// ---------------------------------------------------------------------------------------------
// Cached results

/** A cached profile row. */
export interface ProfileRecord {
  versionId: string;
  profileJson: string;
  computedAt: string;
  elapsedMs: number;
}

/** Stores (or replaces) the profile of a version. */
export function putProfile(db: Db, p: ProfileRecord): void {
  db.prepare(
    `INSERT INTO version_profiles (version_id, profile_json, computed_at, elapsed_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (version_id) DO UPDATE SET profile_json = excluded.profile_json, computed_at = excluded.computed_at, elapsed_ms = excluded.elapsed_ms`,
  ).run(p.versionId, p.profileJson, p.computedAt, p.elapsedMs);
}

/** The cached profile of a version. */
export function getProfileRecord(db: Db, versionId: string): ProfileRecord | undefined {
  const r = db.prepare('SELECT * FROM version_profiles WHERE version_id = ?').get(versionId) as
    | { version_id: string; profile_json: string; computed_at: string; elapsed_ms: number }
    | undefined;
  return r ? { versionId: r.version_id, profileJson: r.profile_json, computedAt: r.computed_at, elapsedMs: r.elapsed_ms } : undefined;
}

/** A cached quality report row. */
export interface ReportRecord {
  versionId: string;
  reportJson: string;
  optionsJson: string;
  labelJson: string | null;
  criticalCount: number;
  computedAt: string;
  elapsedMs: number;
}

/** Stores (or replaces) the quality report of a version. */
export function putReport(db: Db, r: ReportRecord): void {
  db.prepare(
    `INSERT INTO version_reports (version_id, report_json, options_json, label_json, critical_count, computed_at, elapsed_ms)
     VALUES (@versionId, @reportJson, @optionsJson, @labelJson, @criticalCount, @computedAt, @elapsedMs)
     ON CONFLICT (version_id) DO UPDATE SET report_json = excluded.report_json, options_json = excluded.options_json,
       label_json = excluded.label_json, critical_count = excluded.critical_count, computed_at = excluded.computed_at,
       elapsed_ms = excluded.elapsed_ms`,
  ).run(r);
}

/** The cached quality report of a version. */
export function getReportRecord(db: Db, versionId: string): ReportRecord | undefined {
  const r = db.prepare('SELECT * FROM version_reports WHERE version_id = ?').get(versionId) as
    | {
        version_id: string;
        report_json: string;
        options_json: string;
        label_json: string | null;
        critical_count: number;
        computed_at: string;
        elapsed_ms: number;
      }
    | undefined;
  return r
    ? {
        versionId: r.version_id,
        reportJson: r.report_json,
        optionsJson: r.options_json,
        labelJson: r.label_json,
        criticalCount: r.critical_count,
        computedAt: r.computed_at,
        elapsedMs: r.elapsed_ms,
      }
    : undefined;
}

/** Which of the given versions have a cached profile and report. */
export function cachedResults(db: Db, versionIds: readonly string[]): { profiles: Set<string>; reports: Map<string, number> } {
  const profiles = new Set<string>();
  const reports = new Map<string, number>();
  const p = db.prepare('SELECT 1 FROM version_profiles WHERE version_id = ?').pluck();
  const r = db.prepare('SELECT critical_count FROM version_reports WHERE version_id = ?').pluck();
  for (const id of versionIds) {
    if (p.get(id) !== undefined) profiles.add(id);
    const c = r.get(id) as number | undefined;
    if (c !== undefined) reports.set(id, c);
  }
  return { profiles, reports };
}

/** Summary facts the step status needs about every dataset's working version. */
export function workingVersionFacts(db: Db): Array<{ hasPartition: boolean; criticalCount: number | null }> {
  const rows = db
    .prepare(
      `SELECT v.partition_json IS NOT NULL AS has_partition, r.critical_count AS critical
       FROM datasets d JOIN dataset_versions v ON v.id = d.current_version_id
       LEFT JOIN version_reports r ON r.version_id = v.id`,
    )
    .all() as Array<{ has_partition: number; critical: number | null }>;
  return rows.map((r) => ({ hasPartition: r.has_partition === 1, criticalCount: r.critical }));
}
