/**
 * Queries of the registry tables (migration 0004): registered models, their numbered versions,
 * the artifacts they hold (by content hash), hand-edited card sections and the audit log.
 *
 * Every change is written together with its audit entry by the caller, inside one transaction
 * (registry/registry.ts); the functions here do single statements.
 */
import type { Db } from '../db.js';

/** A stage of a model version. */
export type StageValue = 'none' | 'staging' | 'production' | 'archived';

/** A registered model row. */
export interface RegisteredModelRecord {
  name: string;
  description: string;
  task: 'classification' | 'regression';
  target: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** A model version row. */
export interface ModelVersionRecord {
  id: string;
  modelName: string;
  version: number;
  stage: StageValue;
  source: 'run' | 'bundle';
  runId: string | null;
  artifactSha256: string;
  lineageJson: string;
  cardFactsJson: string;
  exampleJson: string | null;
  comment: string;
  createdAt: string;
  createdBy: string;
  stageChangedAt: string;
  stageChangedBy: string;
}

/** An audit log entry. */
export interface RegistryEventRecord {
  id: number;
  at: string;
  author: string;
  action: 'register' | 'import' | 'stage' | 'card' | 'export' | 'describe';
  modelName: string;
  version: number | null;
  fromStage: StageValue | null;
  toStage: StageValue | null;
  comment: string;
  detailsJson: string;
}

/** A hand-edited card section. */
export interface CardSectionRecord {
  versionId: string;
  section: string;
  markdown: string;
  editedBy: string;
  editedAt: string;
}

interface ModelRow {
  name: string;
  description: string;
  task: RegisteredModelRecord['task'];
  target: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

interface VersionRow {
  id: string;
  model_name: string;
  version: number;
  stage: StageValue;
  source: 'run' | 'bundle';
  run_id: string | null;
  artifact_sha256: string;
  lineage_json: string;
  card_facts_json: string;
  example_json: string | null;
  comment: string;
  created_at: string;
  created_by: string;
  stage_changed_at: string;
  stage_changed_by: string;
}

interface EventRow {
  id: number;
  at: string;
  author: string;
  action: RegistryEventRecord['action'];
  model_name: string;
  version: number | null;
  from_stage: StageValue | null;
  to_stage: StageValue | null;
  comment: string;
  details_json: string;
}

function modelFromRow(r: ModelRow): RegisteredModelRecord {
  return { name: r.name, description: r.description, task: r.task, target: r.target, createdAt: r.created_at, createdBy: r.created_by, updatedAt: r.updated_at };
}

function versionFromRow(r: VersionRow): ModelVersionRecord {
  return {
    id: r.id,
    modelName: r.model_name,
    version: r.version,
    stage: r.stage,
    source: r.source,
    runId: r.run_id,
    artifactSha256: r.artifact_sha256,
    lineageJson: r.lineage_json,
    cardFactsJson: r.card_facts_json,
    exampleJson: r.example_json,
    comment: r.comment,
    createdAt: r.created_at,
    createdBy: r.created_by,
    stageChangedAt: r.stage_changed_at,
    stageChangedBy: r.stage_changed_by,
  };
}

function eventFromRow(r: EventRow): RegistryEventRecord {
  return {
    id: r.id,
    at: r.at,
    author: r.author,
    action: r.action,
    modelName: r.model_name,
    version: r.version,
    fromStage: r.from_stage,
    toStage: r.to_stage,
    comment: r.comment,
    detailsJson: r.details_json,
  };
}

// ---------------------------------------------------------------------------------------------
// Models

/** Every registered model, by name. */
export function listModels(db: Db): RegisteredModelRecord[] {
  return (db.prepare('SELECT * FROM registered_models ORDER BY name').all() as ModelRow[]).map(modelFromRow);
}

/** A model by name. */
export function getModel(db: Db, name: string): RegisteredModelRecord | undefined {
  const r = db.prepare('SELECT * FROM registered_models WHERE name = ?').get(name) as ModelRow | undefined;
  return r ? modelFromRow(r) : undefined;
}

/** Inserts a model. */
export function insertModel(db: Db, m: RegisteredModelRecord): void {
  db.prepare(
    'INSERT INTO registered_models (name, description, task, target, created_at, created_by, updated_at) VALUES (@name, @description, @task, @target, @createdAt, @createdBy, @updatedAt)',
  ).run(m);
}

/** Marks a model as changed now. */
export function touchModel(db: Db, name: string, at: string): void {
  db.prepare('UPDATE registered_models SET updated_at = ? WHERE name = ?').run(at, name);
}

/** Sets a model's description. */
export function setModelDescription(db: Db, name: string, description: string, at: string): void {
  db.prepare('UPDATE registered_models SET description = ?, updated_at = ? WHERE name = ?').run(description, at, name);
}

// ---------------------------------------------------------------------------------------------
// Artifacts

/** Stores an artifact unless the same bytes are stored already. */
export function putArtifact(db: Db, sha256: string, artifactJson: string): void {
  db.prepare('INSERT INTO model_artifacts (sha256, artifact_json, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING').run(sha256, artifactJson, Buffer.byteLength(artifactJson, 'utf8'));
}

/** An artifact's JSON text. */
export function getArtifactJson(db: Db, sha256: string): string | undefined {
  return db.prepare('SELECT artifact_json FROM model_artifacts WHERE sha256 = ?').pluck().get(sha256) as string | undefined;
}

/** Size of an artifact in bytes. */
export function artifactBytes(db: Db, sha256: string): number | undefined {
  return db.prepare('SELECT bytes FROM model_artifacts WHERE sha256 = ?').pluck().get(sha256) as number | undefined;
}

// ---------------------------------------------------------------------------------------------
// Versions

/** Versions of a model, newest first. */
export function listVersions(db: Db, name: string): ModelVersionRecord[] {
  return (db.prepare('SELECT * FROM model_versions WHERE model_name = ? ORDER BY version DESC').all(name) as VersionRow[]).map(versionFromRow);
}

/** Every version of every model (name, then newest first). */
export function listAllVersions(db: Db): ModelVersionRecord[] {
  return (db.prepare('SELECT * FROM model_versions ORDER BY model_name, version DESC').all() as VersionRow[]).map(versionFromRow);
}

/** A version by model name and number. */
export function getVersionByNumber(db: Db, name: string, version: number): ModelVersionRecord | undefined {
  const r = db.prepare('SELECT * FROM model_versions WHERE model_name = ? AND version = ?').get(name, version) as VersionRow | undefined;
  return r ? versionFromRow(r) : undefined;
}

/** A version by id. */
export function getVersionById(db: Db, id: string): ModelVersionRecord | undefined {
  const r = db.prepare('SELECT * FROM model_versions WHERE id = ?').get(id) as VersionRow | undefined;
  return r ? versionFromRow(r) : undefined;
}

/** The newest version of a model in a stage. */
export function versionInStage(db: Db, name: string, stage: StageValue): ModelVersionRecord | undefined {
  const r = db.prepare('SELECT * FROM model_versions WHERE model_name = ? AND stage = ? ORDER BY version DESC LIMIT 1').get(name, stage) as VersionRow | undefined;
  return r ? versionFromRow(r) : undefined;
}

/** The next version number of a model. */
export function nextVersionNumber(db: Db, name: string): number {
  return db.prepare('SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE model_name = ?').pluck().get(name) as number;
}

/** Inserts a version. */
export function insertVersion(db: Db, v: ModelVersionRecord): void {
  db.prepare(
    `INSERT INTO model_versions (id, model_name, version, stage, source, run_id, artifact_sha256, lineage_json, card_facts_json, example_json, comment,
       created_at, created_by, stage_changed_at, stage_changed_by)
     VALUES (@id, @modelName, @version, @stage, @source, @runId, @artifactSha256, @lineageJson, @cardFactsJson, @exampleJson, @comment,
       @createdAt, @createdBy, @stageChangedAt, @stageChangedBy)`,
  ).run(v);
}

/** Moves a version to a stage. */
export function setVersionStage(db: Db, id: string, stage: StageValue, by: string, at: string): void {
  db.prepare('UPDATE model_versions SET stage = ?, stage_changed_by = ?, stage_changed_at = ? WHERE id = ?').run(stage, by, at, id);
}

/** Number of versions in production over all models (the Deploy step's state). */
export function countProductionVersions(db: Db): number {
  return db.prepare("SELECT COUNT(*) FROM model_versions WHERE stage = 'production'").pluck().get() as number;
}

/** Number of versions over all models. */
export function countVersions(db: Db): number {
  return db.prepare('SELECT COUNT(*) FROM model_versions').pluck().get() as number;
}

// ---------------------------------------------------------------------------------------------
// Card sections

/** Edited sections of a version. */
export function listCardSections(db: Db, versionId: string): CardSectionRecord[] {
  const rows = db.prepare('SELECT * FROM model_card_sections WHERE version_id = ?').all(versionId) as Array<{ version_id: string; section: string; markdown: string; edited_by: string; edited_at: string }>;
  return rows.map((r) => ({ versionId: r.version_id, section: r.section, markdown: r.markdown, editedBy: r.edited_by, editedAt: r.edited_at }));
}

/** Versions that have at least one edited section, among `ids`. */
export function versionsWithEditedCard(db: Db): Set<string> {
  return new Set(db.prepare('SELECT DISTINCT version_id FROM model_card_sections').pluck().all() as string[]);
}

/** Saves an edited section. */
export function putCardSection(db: Db, s: CardSectionRecord): void {
  db.prepare(
    `INSERT INTO model_card_sections (version_id, section, markdown, edited_by, edited_at) VALUES (@versionId, @section, @markdown, @editedBy, @editedAt)
     ON CONFLICT (version_id, section) DO UPDATE SET markdown = excluded.markdown, edited_by = excluded.edited_by, edited_at = excluded.edited_at`,
  ).run(s);
}

/** Reverts a section to the generated text. */
export function deleteCardSection(db: Db, versionId: string, section: string): void {
  db.prepare('DELETE FROM model_card_sections WHERE version_id = ? AND section = ?').run(versionId, section);
}

// ---------------------------------------------------------------------------------------------
// Audit log

/** Appends an audit entry; returns its id. */
export function insertEvent(db: Db, e: Omit<RegistryEventRecord, 'id'>): number {
  const info = db
    .prepare(
      `INSERT INTO registry_events (at, author, action, model_name, version, from_stage, to_stage, comment, details_json)
       VALUES (@at, @author, @action, @modelName, @version, @fromStage, @toStage, @comment, @detailsJson)`,
    )
    .run(e);
  return Number(info.lastInsertRowid);
}

/** Audit entries, newest first. */
export function listEvents(db: Db, filter: { name?: string; limit: number }): RegistryEventRecord[] {
  const rows = (
    filter.name === undefined
      ? db.prepare('SELECT * FROM registry_events ORDER BY id DESC LIMIT ?').all(filter.limit)
      : db.prepare('SELECT * FROM registry_events WHERE model_name = ? ORDER BY id DESC LIMIT ?').all(filter.name, filter.limit)
  ) as EventRow[];
  return rows.map(eventFromRow);
}

/**
 * The id of the newest audit entry (0 when none). Every registry change writes one, so a running
 * server polls this to notice stage moves made by any connection, in this process or another.
 */
export function registryGeneration(db: Db): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) FROM registry_events').pluck().get() as number) ?? 0;
}
