/**
 * The model registry (Deploy step) on the backend's main thread: registering a run's fitted
 * pipeline as a numbered version of a named model, stage moves with at most one production
 * version per model, model descriptions and card edits, each written together with its audit
 * entry (who, when, why) in ONE transaction; and the contract's views of models and versions.
 *
 * Registering reads the run's dataset version in a worker (card-work.ts: an example row for the
 * Serve step and per-group metrics for the card's fairness notes), then commits. What a version
 * is served from is a copy of the run's artifact (model_artifacts), so it outlives the run.
 */
import { createHash, randomUUID } from 'node:crypto';
import type {
  AuditEntry,
  ModelCard,
  ModelCardFacts,
  ModelDetail,
  ModelLineage,
  ModelStage,
  ModelSummary,
  ModelVersionDetail,
  ModelVersionSummary,
} from '../../../shared/api/methods/registry.js';
import { ModelCardFactsSchema, ModelLineageSchema } from '../../../shared/api/methods/registry.js';
import type { MethodInput } from '../../../shared/api/contract.js';
import { METRICS, type MetricId } from '../../../shared/domain/metrics.js';
import { QualityReportSchema, type ColumnType, type Finding } from '../../../shared/domain/dataset.js';
import { AppError, type ApiError } from '../../../shared/errors.js';
import type { BackendContext } from '../api/context.js';
import type { Db } from '../storage/db.js';
import type { ProjectFile } from '../storage/project-file.js';
import { getReportRecord, getVersion as getDatasetVersion, readManifest, readVersionSchema, type VersionRecord } from '../storage/repos/datasets.js';
import { readObjective } from '../storage/repos/objective.js';
import { getRunArtifact, getRunResult } from '../storage/repos/training.js';
import {
  artifactBytes,
  getArtifactJson,
  getModel,
  getVersionByNumber,
  insertEvent,
  insertModel,
  insertVersion,
  listCardSections,
  listEvents,
  listModels,
  listVersions,
  nextVersionNumber,
  putArtifact,
  putCardSection,
  deleteCardSection,
  setModelDescription,
  setVersionStage,
  touchModel,
  versionInStage,
  versionsWithEditedCard,
  type ModelVersionRecord,
  type RegisteredModelRecord,
  type RegistryEventRecord,
  type StageValue,
} from '../storage/repos/registry.js';
import { runDetail, objectiveVerdict } from '../training/views.js';
import { currentAuthor } from '../versions/commit.js';
import { partitionOf } from '../versions/records.js';
import { resolveWorkerEntry } from '../workers/entry.js';
import { runWorker } from '../workers/run-worker.js';
import { renderCard } from './card.js';
import type { CardWork, CardWorkResult } from './card-work.js';
import { parseModelRef, type ModelRef } from './refs.js';

type Num = number | null;

/** The open project for reading. */
export function readProjectFile(ctx: BackendContext): ProjectFile {
  return ctx.session.require();
}

/** The open project for writing. */
export function writeProjectFile(ctx: BackendContext): ProjectFile {
  return ctx.session.requireWritable();
}

/** SHA-256 (hex) of a text's UTF-8 bytes. */
export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Lookups

/** The model, or NOT_FOUND `errors.registry.modelNotFound`. */
export function requireModel(db: Db, name: string, field = 'name'): RegisteredModelRecord {
  const m = getModel(db, name);
  if (!m) throw new AppError('NOT_FOUND', `There is no registered model named "${name}".`, { messageKey: 'errors.registry.modelNotFound', params: { name }, details: { field } });
  return m;
}

/** The version, or NOT_FOUND `errors.registry.versionNotFound`. */
export function requireModelVersion(db: Db, name: string, version: number, field = 'version'): ModelVersionRecord {
  requireModel(db, name, field === 'version' ? 'name' : field);
  const v = getVersionByNumber(db, name, version);
  if (!v) {
    throw new AppError('NOT_FOUND', `Model "${name}" has no version ${version}.`, { messageKey: 'errors.registry.versionNotFound', params: { name, version }, details: { field } });
  }
  return v;
}

/** The version a parsed reference names (NAME: production, else the newest). */
export function resolveRef(db: Db, ref: ModelRef, field = 'ref'): ModelVersionRecord {
  requireModel(db, ref.name, field);
  if (ref.kind === 'version') return requireModelVersion(db, ref.name, ref.version, field);
  if (ref.kind === 'stage') {
    const v = versionInStage(db, ref.name, ref.stage);
    if (!v) {
      throw new AppError('NOT_FOUND', `Model "${ref.name}" has no version in ${ref.stage}.`, {
        messageKey: 'errors.registry.stageNotFound',
        params: { name: ref.name, stage: ref.stage },
        details: { field },
      });
    }
    return v;
  }
  const v = versionInStage(db, ref.name, 'production') ?? listVersions(db, ref.name)[0];
  if (!v) throw new AppError('NOT_FOUND', `Model "${ref.name}" has no versions.`, { messageKey: 'errors.registry.versionNotFound', params: { name: ref.name, version: 0 }, details: { field } });
  return v;
}

/** Resolves a reference given as text. */
export function resolveRefText(db: Db, ref: string, field = 'ref'): ModelVersionRecord {
  return resolveRef(db, parseModelRef(ref, field), field);
}

/** The stored artifact JSON of a version. */
export function versionArtifactJson(db: Db, v: ModelVersionRecord): string {
  const json = getArtifactJson(db, v.artifactSha256);
  if (json === undefined) throw new AppError('INTERNAL', `The pipeline of model "${v.modelName}" version ${v.version} is missing from the project.`);
  return json;
}

/** A version's lineage. */
export function lineageOf(v: ModelVersionRecord): ModelLineage {
  return ModelLineageSchema.parse(JSON.parse(v.lineageJson));
}

/** A version's card facts. */
export function cardFactsOf(v: ModelVersionRecord): ModelCardFacts {
  return ModelCardFactsSchema.parse(JSON.parse(v.cardFactsJson));
}

/** A version's example input row, or null. */
export function exampleOf(v: ModelVersionRecord): Record<string, number | string | null> | null {
  return v.exampleJson === null ? null : (JSON.parse(v.exampleJson) as Record<string, number | string | null>);
}

// ---------------------------------------------------------------------------------------------
// Views

function headlineMetric(l: ModelLineage): { metric: string | null; value: Num; meets: boolean | null } {
  if (l.objective) return { metric: l.objective.metric, value: l.objective.value, meets: l.objective.meets };
  const metric = l.metric;
  return { metric, value: metric === null ? null : (l.metrics[metric] ?? null), meets: null };
}

/** A version as lists show it. */
export function versionSummary(v: ModelVersionRecord, edited: ReadonlySet<string>): ModelVersionSummary {
  const l = lineageOf(v);
  const h = headlineMetric(l);
  return {
    id: v.id,
    name: v.modelName,
    version: v.version,
    stage: v.stage,
    source: v.source,
    runId: v.source === 'run' ? v.runId : null,
    runNumber: v.source === 'run' ? l.runNumber : null,
    modelKind: l.modelKind,
    task: l.task,
    target: l.target,
    metric: h.metric,
    metricValue: h.value,
    meetsObjective: h.meets,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    comment: v.comment,
    stageChangedAt: v.stageChangedAt,
    stageChangedBy: v.stageChangedBy,
    hasEditedCard: edited.has(v.id),
  };
}

/** A version with its lineage. */
export function versionDetail(db: Db, v: ModelVersionRecord): ModelVersionDetail {
  const l = lineageOf(v);
  return { ...versionSummary(v, versionsWithEditedCard(db)), lineage: l, inputSchema: l.inputSchema, classLabels: l.classLabels };
}

function modelSummaryOf(m: RegisteredModelRecord, versions: readonly ModelVersionRecord[]): ModelSummary {
  return {
    name: m.name,
    description: m.description,
    task: m.task,
    target: m.target,
    versionCount: versions.length,
    latestVersion: versions.reduce((a, v) => Math.max(a, v.version), 1),
    productionVersion: versions.find((v) => v.stage === 'production')?.version ?? null,
    stagingVersion: versions.filter((v) => v.stage === 'staging').reduce<number | null>((a, v) => (a === null || v.version > a ? v.version : a), null),
    createdAt: m.createdAt,
    createdBy: m.createdBy,
    updatedAt: m.updatedAt,
  };
}

/** Every model. */
export function modelSummaries(db: Db): ModelSummary[] {
  return listModels(db).map((m) => modelSummaryOf(m, listVersions(db, m.name)));
}

/** A model with its versions. */
export function modelDetail(db: Db, name: string): ModelDetail {
  const m = requireModel(db, name);
  const versions = listVersions(db, name);
  const edited = versionsWithEditedCard(db);
  return { ...modelSummaryOf(m, versions), versions: versions.map((v) => versionSummary(v, edited)) };
}

/** An audit entry as the contract shows it. */
export function auditEntry(e: RegistryEventRecord): AuditEntry {
  return {
    id: e.id,
    at: e.at,
    author: e.author,
    action: e.action,
    name: e.modelName,
    version: e.version,
    fromStage: e.fromStage,
    toStage: e.toStage,
    comment: e.comment,
    details: JSON.parse(e.detailsJson) as AuditEntry['details'],
  };
}

/** The audit log. */
export function auditLog(db: Db, args: MethodInput<'registry.audit'>): AuditEntry[] {
  if (args.name !== undefined) requireModel(db, args.name);
  return listEvents(db, { name: args.name, limit: args.limit }).map(auditEntry);
}

/** A version's card. */
export function versionCard(db: Db, name: string, version: number, locale: 'en' | 'es'): ModelCard {
  const v = requireModelVersion(db, name, version);
  return renderCard(cardFactsOf(v), lineageOf(v), listCardSections(db, v.id), locale);
}

// ---------------------------------------------------------------------------------------------
// Changes

/** Emits the events every registry change ends with. */
export function announceRegistryChange(ctx: BackendContext): void {
  ctx.events.emit('project.changed', { area: 'registry' });
  ctx.events.emit('project.changed', { area: 'lifecycle' });
}

/**
 * Moves `v` to `stage` inside the caller's transaction, demoting the previous production version
 * to archived first (audited, with the promoted version in its details).
 */
function applyStage(db: Db, v: ModelVersionRecord, stage: StageValue, who: string, at: string, comment: string): void {
  if (stage === 'production') {
    const current = versionInStage(db, v.modelName, 'production');
    if (current && current.id !== v.id) {
      setVersionStage(db, current.id, 'archived', who, at);
      insertEvent(db, {
        at,
        author: who,
        action: 'stage',
        modelName: v.modelName,
        version: current.version,
        fromStage: 'production',
        toStage: 'archived',
        comment,
        detailsJson: JSON.stringify({ promotedVersion: v.version }),
      });
    }
  }
  setVersionStage(db, v.id, stage, who, at);
}

/** What a new version is made of. */
interface NewVersionInput {
  name: string;
  stage: ModelStage;
  comment: string;
  source: 'run' | 'bundle';
  runId: string | null;
  artifactJson: string;
  lineage: ModelLineage;
  facts: Omit<ModelCardFacts, 'name' | 'version' | 'registeredAt' | 'registeredBy'>;
  example: Record<string, number | string | null> | null;
  /** Card sections edited elsewhere (imports). */
  editedSections?: { section: string; markdown: string; editedBy: string; editedAt: string }[];
  action: 'register' | 'import';
  details: Record<string, string | number | boolean | null>;
}

/** Commits a new version (and the model on first use) with its audit entries, in one transaction. */
function commitNewVersion(ctx: BackendContext, db: Db, input: NewVersionInput): ModelVersionRecord {
  const who = currentAuthor();
  const at = ctx.now().toISOString();
  const sha = sha256Text(input.artifactJson);
  return db.transaction(() => {
    const existing = getModel(db, input.name);
    if (existing && (existing.task !== input.lineage.task || existing.target !== input.lineage.target)) {
      throw new AppError(
        'CONFLICT',
        `Model "${input.name}" is a ${existing.task} model of "${existing.target}"; this one is a ${input.lineage.task} model of "${input.lineage.target}". Register it under another name.`,
        { messageKey: 'errors.registry.taskMismatch', params: { name: input.name, task: existing.task, target: existing.target }, details: { field: 'name' } },
      );
    }
    if (!existing) insertModel(db, { name: input.name, description: '', task: input.lineage.task, target: input.lineage.target, createdAt: at, createdBy: who, updatedAt: at });
    putArtifact(db, sha, input.artifactJson);
    const version = nextVersionNumber(db, input.name);
    const lineage: ModelLineage = { ...input.lineage, artifactSha256: sha, artifactBytes: artifactBytes(db, sha) ?? Buffer.byteLength(input.artifactJson, 'utf8') };
    const facts: ModelCardFacts = { ...input.facts, name: input.name, version, registeredAt: at, registeredBy: who };
    const record: ModelVersionRecord = {
      id: randomUUID(),
      modelName: input.name,
      version,
      stage: 'none',
      source: input.source,
      runId: input.runId,
      artifactSha256: sha,
      lineageJson: JSON.stringify(ModelLineageSchema.parse(lineage)),
      cardFactsJson: JSON.stringify(ModelCardFactsSchema.parse(facts)),
      exampleJson: input.example === null ? null : JSON.stringify(input.example),
      comment: input.comment,
      createdAt: at,
      createdBy: who,
      stageChangedAt: at,
      stageChangedBy: who,
    };
    insertVersion(db, record);
    insertEvent(db, {
      at,
      author: who,
      action: input.action,
      modelName: input.name,
      version,
      fromStage: null,
      toStage: input.stage,
      comment: input.comment,
      detailsJson: JSON.stringify(input.details),
    });
    if (input.stage !== 'none') applyStage(db, record, input.stage, who, at, input.comment);
    for (const s of input.editedSections ?? []) putCardSection(db, { versionId: record.id, ...s });
    touchModel(db, input.name, at);
    return getVersionByNumber(db, input.name, version) as ModelVersionRecord;
  })();
}

/** The stored quality report of `version` or of its nearest ancestor that has one. */
function nearestReport(db: Db, version: VersionRecord): { findings: Finding[]; groupColumns: string[] } | null {
  let v: VersionRecord | undefined = version;
  for (let hops = 0; v && hops < 1000; hops++) {
    const r = getReportRecord(db, v.id);
    if (r) {
      const parsed = QualityReportSchema.safeParse(JSON.parse(r.reportJson));
      const options = JSON.parse(r.optionsJson) as { groupColumns?: unknown };
      const groupColumns = Array.isArray(options?.groupColumns) ? options.groupColumns.filter((c): c is string => typeof c === 'string') : [];
      return { findings: parsed.success ? parsed.data.findings : [], groupColumns };
    }
    v = v.parentId ? getDatasetVersion(db, v.parentId) : undefined;
  }
  return null;
}

async function runCardWork(ctx: BackendContext, input: CardWork): Promise<CardWorkResult> {
  const run = runWorker<CardWork, CardWorkResult>(resolveWorkerEntry(import.meta.url, './card.worker'), input);
  const outcome = await run.outcome;
  if (outcome.state === 'done') return outcome.value;
  if (outcome.state === 'cancelled') throw new AppError('CANCELLED', 'Registering was cancelled.');
  const e: ApiError = outcome.error;
  throw new AppError(e.code, e.message, { messageKey: e.messageKey, params: e.params, details: e.details });
}

/** registry.register */
export async function registerRun(ctx: BackendContext, args: MethodInput<'registry.register'>): Promise<ModelVersionDetail> {
  const file = writeProjectFile(ctx);
  const db = file.db;
  const run = runDetail(db, args.runId);
  const result = getRunResult(db, args.runId);
  const artifact = getRunArtifact(db, args.runId);
  if (run.state !== 'done' || !result || !artifact) {
    throw new AppError('CONFLICT', `Run #${run.number} has no fitted pipeline (it is ${run.state}); register a finished run.`, {
      messageKey: 'errors.registry.runNotFinished',
      params: { run: run.number, state: run.state },
      details: { field: 'runId' },
    });
  }
  const existing = getModel(db, args.name);
  if (existing && (existing.task !== run.task || existing.target !== run.target)) {
    throw new AppError('CONFLICT', `Model "${args.name}" is a ${existing.task} model of "${existing.target}"; run #${run.number} is a ${run.task} model of "${run.target}". Register it under another name.`, {
      messageKey: 'errors.registry.taskMismatch',
      params: { name: args.name, task: existing.task, target: existing.target },
      details: { field: 'name' },
    });
  }
  const metrics: Record<string, Num> = run.metrics ?? {};
  const objective = readObjective(db);
  const verdict = objectiveVerdict(objective, run, metrics);
  const objectiveSnapshot =
    verdict && objective
      ? { inputs: objective.inputs, target: objective.target, taskType: objective.taskType, metric: verdict.metric, threshold: verdict.threshold, direction: verdict.direction, positiveClass: objective.positiveClass ?? null, value: verdict.value, meets: verdict.meets }
      : null;
  const pipelineState = (JSON.parse(artifact.artifactJson) as { state?: { inputSchema?: ModelLineage['inputSchema'] } }).state;
  const inputSchema = (pipelineState?.inputSchema ?? []).map((c) => ({ name: c.name, kind: c.kind }));
  const datasetTypes = new Map(readVersionSchema(db, run.versionId).map((c) => [c.name, c.type]));
  const inputTypes = Object.fromEntries(inputSchema.filter((c) => datasetTypes.has(c.name)).map((c) => [c.name, datasetTypes.get(c.name) as ColumnType]));
  const lineage: ModelLineage = {
    source: 'run',
    runId: run.id,
    runNumber: run.number,
    datasetId: run.datasetId,
    datasetName: run.datasetName,
    datasetVersionId: run.versionId,
    datasetVersionNumber: run.versionNumber,
    featureSetId: run.featureSetId,
    spec: run.spec,
    modelId: run.modelId,
    modelKind: run.modelKind,
    params: run.params,
    seed: run.seed,
    task: run.task,
    target: run.target,
    classLabels: run.classLabels,
    inputSchema,
    inputTypes,
    metric: runMetricOf(db, run.id),
    metrics,
    evaluatedOn: run.evaluatedOn,
    trainRows: run.trainRows,
    evaluatedRows: run.evaluatedRows,
    chosenThreshold: run.chosenThreshold,
    engineVersion: run.engineVersion,
    artifactSha256: artifact.sha256,
    artifactBytes: artifact.bytes,
    objective: objectiveSnapshot,
    bundle: null,
  };

  // The card's facts: the data, the metrics against the threshold, the quality report's findings.
  const datasetVersion = getDatasetVersion(db, run.versionId);
  const manifest = datasetVersion ? readManifest(db, datasetVersion.id) : undefined;
  const partition = datasetVersion ? partitionOf(datasetVersion) : null;
  const report = datasetVersion ? nearestReport(db, datasetVersion) : null;
  const columnNames = new Set(manifest?.columns.map((c) => c.name) ?? []);
  const sensitive = (report?.groupColumns ?? []).filter((c) => columnNames.has(c));
  const metricOrder = orderedMetrics(metrics, objectiveSnapshot?.metric ?? null);
  const facts: NewVersionInput['facts'] = {
    task: run.task,
    target: run.target,
    modelKind: run.modelKind,
    objective: objectiveSnapshot,
    data: datasetVersion
      ? {
          datasetName: run.datasetName,
          versionNumber: run.versionNumber,
          rows: datasetVersion.rowCount,
          columns: datasetVersion.columnCount,
          partition: partition ? { ...partition.summary.counts } : null,
          trainRows: run.trainRows,
          evaluatedRows: run.evaluatedRows,
          evaluatedOn: run.evaluatedOn,
        }
      : null,
    inputSchema,
    classLabels: run.classLabels,
    metrics: metricOrder.map((id) => {
      const isObjective = objectiveSnapshot !== null && id === objectiveSnapshot.metric;
      return {
        id,
        value: metrics[id] ?? null,
        threshold: isObjective ? objectiveSnapshot.threshold : null,
        direction: id in METRICS ? METRICS[id as MetricId].direction : null,
        meets: isObjective ? objectiveSnapshot.meets : null,
      };
    }),
    limits: report ? report.findings.map((f) => ({ kind: f.kind, severity: f.severity, messageKey: f.messageKey, params: f.params, columns: f.evidence.columns })) : null,
    fairness: { status: 'noSensitiveColumns', columns: [] },
  };

  let example: Record<string, number | string | null> | null = null;
  if (manifest) {
    const work = await runCardWork(ctx, {
      projectPath: file.path,
      nativeBinding: ctx.config.nativeBinding,
      manifest,
      spec: run.spec,
      artifactJson: artifact.artifactJson,
      sensitiveColumns: run.evaluatedOn === 'validation' ? sensitive : [],
      positiveClass: objectiveSnapshot?.positiveClass ?? runPositiveClass(db, run.id),
      objectiveMetric: objectiveSnapshot?.metric ?? null,
    });
    example = work.example;
    if (sensitive.length === 0) facts.fairness = { status: 'noSensitiveColumns', columns: [] };
    else if (run.evaluatedOn !== 'validation' || work.validationRows === 0) facts.fairness = { status: 'noValidationRows', columns: [] };
    else {
      const inputs = new Set(inputSchema.map((c) => c.name));
      facts.fairness = { status: 'computed', columns: work.fairness.map((f) => ({ column: f.column, isModelInput: inputs.has(f.column), groups: f.groups, maxGap: f.maxGap })) };
    }
  } else {
    facts.fairness = { status: 'notAvailable', columns: [] };
  }

  // The project may have been closed or switched while the worker ran.
  if (ctx.session.current !== file) throw new AppError('NO_PROJECT_OPEN', 'The project was closed while the model was being registered.');
  const record = commitNewVersion(ctx, db, {
    name: args.name,
    stage: args.stage,
    comment: args.comment,
    source: 'run',
    runId: run.id,
    artifactJson: artifact.artifactJson,
    lineage,
    facts,
    example,
    action: 'register',
    details: { runId: run.id, runNumber: run.number },
  });
  announceRegistryChange(ctx);
  return versionDetail(db, record);
}

function runMetricOf(db: Db, runId: string): string | null {
  const r = db.prepare('SELECT metric FROM runs WHERE id = ?').pluck().get(runId) as string | undefined;
  return r ?? null;
}

function runPositiveClass(db: Db, runId: string): string | null {
  return (db.prepare('SELECT positive_class FROM runs WHERE id = ?').pluck().get(runId) as string | null | undefined) ?? null;
}

/** Metric ids with the objective's first, then the catalogue's order, then any others. */
function orderedMetrics(metrics: Record<string, Num>, first: string | null): string[] {
  const ids = Object.keys(metrics);
  const rank = (id: string): number => (id === first ? -1 : (METRICS as Record<string, unknown>)[id] ? Object.keys(METRICS).indexOf(id) : 1000);
  return ids.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Commits an imported version (see bundle-import.ts). */
export function commitImportedVersion(ctx: BackendContext, db: Db, input: Omit<NewVersionInput, 'action' | 'source' | 'runId'>): ModelVersionRecord {
  const record = commitNewVersion(ctx, db, { ...input, action: 'import', source: 'bundle', runId: null });
  announceRegistryChange(ctx);
  return record;
}

/** registry.setStage */
export function setStage(ctx: BackendContext, args: MethodInput<'registry.setStage'>): ModelDetail {
  const db = writeProjectFile(ctx).db;
  const v = requireModelVersion(db, args.name, args.version);
  if (v.stage === args.stage) {
    throw new AppError('CONFLICT', `Model "${args.name}" version ${args.version} is already in ${args.stage}.`, {
      messageKey: 'errors.registry.sameStage',
      params: { stage: args.stage },
      details: { field: 'stage' },
    });
  }
  const who = currentAuthor();
  const at = ctx.now().toISOString();
  db.transaction(() => {
    applyStage(db, v, args.stage, who, at, args.comment);
    insertEvent(db, { at, author: who, action: 'stage', modelName: v.modelName, version: v.version, fromStage: v.stage, toStage: args.stage, comment: args.comment, detailsJson: '{}' });
    touchModel(db, v.modelName, at);
  })();
  announceRegistryChange(ctx);
  return modelDetail(db, args.name);
}

/** registry.describe */
export function describeModel(ctx: BackendContext, args: MethodInput<'registry.describe'>): ModelSummary {
  const db = writeProjectFile(ctx).db;
  requireModel(db, args.name);
  const who = currentAuthor();
  const at = ctx.now().toISOString();
  db.transaction(() => {
    setModelDescription(db, args.name, args.description, at);
    insertEvent(db, { at, author: who, action: 'describe', modelName: args.name, version: null, fromStage: null, toStage: null, comment: args.comment, detailsJson: '{}' });
  })();
  announceRegistryChange(ctx);
  return modelSummaryOf(requireModel(db, args.name), listVersions(db, args.name));
}

/** registry.saveCard */
export function saveCard(ctx: BackendContext, args: MethodInput<'registry.saveCard'>): ModelCard {
  const db = writeProjectFile(ctx).db;
  const v = requireModelVersion(db, args.name, args.version);
  const who = currentAuthor();
  const at = ctx.now().toISOString();
  const ids = args.sections.map((s) => s.id);
  db.transaction(() => {
    for (const s of args.sections) {
      if (s.markdown === null) deleteCardSection(db, v.id, s.id);
      else putCardSection(db, { versionId: v.id, section: s.id, markdown: s.markdown, editedBy: who, editedAt: at });
    }
    insertEvent(db, { at, author: who, action: 'card', modelName: v.modelName, version: v.version, fromStage: null, toStage: null, comment: args.comment, detailsJson: JSON.stringify({ sections: ids }) });
    touchModel(db, v.modelName, at);
  })();
  announceRegistryChange(ctx);
  return versionCard(db, args.name, args.version, args.locale);
}

/** Records an export in the audit log (when the project is writable; exports change nothing). */
export function auditExport(ctx: BackendContext, v: ModelVersionRecord, path: string, onnx: string): void {
  const file = ctx.session.current;
  if (!file || file.isReadOnly) return;
  insertEvent(file.db, {
    at: ctx.now().toISOString(),
    author: currentAuthor(),
    action: 'export',
    modelName: v.modelName,
    version: v.version,
    fromStage: null,
    toStage: null,
    comment: '',
    detailsJson: JSON.stringify({ path, onnx }),
  });
  ctx.events.emit('project.changed', { area: 'registry' });
}
