/**
 * The Features step on the backend's thread: the suggestion and the preview run in a worker
 * (awaited here: the main thread only reads metadata and assembles the answer), feature sets are
 * saved and read here.
 *
 * Leakage warnings come from two places: the stored quality report's `leakage_*` findings (the
 * Data step's check), and the relevance computed here when a column's association with the target
 * is nearly perfect (`isLeakSuspect`).
 */
import { randomUUID } from 'node:crypto';
import type { MethodInput } from '../../../shared/api/contract.js';
import type { FeaturePreview, FeatureSet, FeatureSuggestion, LeakageWarning } from '../../../shared/api/methods/training.js';
import { QualityReportSchema } from '../../../shared/domain/dataset.js';
import { PipelineSpecSchema } from '../../../shared/domain/pipeline-spec.js';
import { AppError, type ApiError } from '../../../shared/errors.js';
import { parsePipelineSpec } from '../../ml/compose/from-spec.js';
import type { BackendContext } from '../api/context.js';
import type { Db } from '../storage/db.js';
import { getReportRecord, readManifest, readVersionSchema, type VersionManifest, type VersionRecord } from '../storage/repos/datasets.js';
import { getFeatureSet, insertFeatureSet, listFeatureSets, type FeatureSetRecord } from '../storage/repos/training.js';
import { resolveWorkerEntry } from '../workers/entry.js';
import { runWorker } from '../workers/run-worker.js';
import type { FeaturesInput } from '../workers/training-features.worker.js';
import { currentAuthor } from '../versions/commit.js';
import { requireDataset, requireVersion } from '../versions/records.js';
import { resolveProblem } from './problem.js';
import { readProject, writeProject } from './runs.js';
import { checkSpecFits, columnKind } from './specs.js';
import type { PreviewWorkResult, SuggestWorkResult } from './tasks/features.js';

function entry() {
  return resolveWorkerEntry(import.meta.url, '../workers/training-features.worker');
}

/** Runs the features worker and waits for it (the backend's thread stays free meanwhile). */
async function runFeaturesWorker<O>(input: FeaturesInput): Promise<O> {
  const outcome = await runWorker<FeaturesInput, O>(entry(), input).outcome;
  if (outcome.state === 'done') return outcome.value;
  if (outcome.state === 'cancelled') throw new AppError('CANCELLED', 'The computation was cancelled.');
  const e: ApiError = outcome.error;
  throw new AppError(e.code, e.message, { messageKey: e.messageKey, params: e.params, details: e.details });
}

function manifestOf(db: Db, version: VersionRecord): VersionManifest {
  const m = readManifest(db, version.id);
  if (!m) throw new AppError('NOT_FOUND', `The data of version ${version.id} is missing.`, { messageKey: 'errors.data.versionNotFound', details: { field: 'versionId' } });
  return m;
}

/** Leakage findings of the version's stored quality report, by column. */
function reportLeakage(db: Db, versionId: string): { hasReport: boolean; byColumn: Map<string, LeakageWarning[]> } {
  const byColumn = new Map<string, LeakageWarning[]>();
  const record = getReportRecord(db, versionId);
  if (!record) return { hasReport: false, byColumn };
  const parsed = QualityReportSchema.safeParse(JSON.parse(record.reportJson));
  if (!parsed.success) return { hasReport: false, byColumn };
  for (const f of parsed.data.findings) {
    if (!f.kind.startsWith('leakage_')) continue;
    for (const column of f.evidence.columns) {
      const list = byColumn.get(column) ?? [];
      list.push({ column, source: 'qualityReport', kind: f.kind, severity: f.severity, messageKey: f.messageKey, params: f.params });
      byColumn.set(column, list);
    }
  }
  return { hasReport: true, byColumn };
}

/** features.suggest */
export async function suggestFeatures(ctx: BackendContext, args: MethodInput<'features.suggest'>): Promise<FeatureSuggestion> {
  const file = readProject(ctx);
  const db = file.db;
  const dataset = requireDataset(db, args.datasetId);
  const version = requireVersion(db, dataset, args.versionId);
  const schema = readVersionSchema(db, version.id);
  const problem = resolveProblem(db, version, schema);
  const manifest = manifestOf(db, version);
  const leakage = reportLeakage(db, version.id);
  const result = await runFeaturesWorker<SuggestWorkResult>({
    kind: 'suggest',
    work: { projectPath: file.path, nativeBinding: ctx.config.nativeBinding, manifest, problem: problem ? { target: problem.target, task: problem.task } : null },
  });
  const relevance = new Map(result.relevance.map((r) => [r.column, r]));
  const spec = result.spec;
  return {
    datasetId: dataset.id,
    versionId: version.id,
    target: problem?.target ?? null,
    task: problem?.task ?? null,
    taskSource: problem?.taskSource ?? null,
    spec,
    reasonKey: spec ? null : 'features.reason.noTarget',
    columns: schema.map((c) => {
      const s = spec?.columns.find((x) => x.name === c.name);
      const rel = relevance.get(c.name) ?? null;
      const warnings = [...(leakage.byColumn.get(c.name) ?? [])];
      if (rel?.isLeakSuspect) {
        warnings.push({ column: c.name, source: 'relevance', kind: 'leak_suspect', severity: 'warning', messageKey: 'features.leakSuspect', params: { column: c.name } });
      }
      const counts = result.counts[c.name];
      return {
        name: c.name,
        type: c.type,
        kind: s?.kind ?? columnKind(c.type),
        role: s?.role ?? (c.type === 'identifier' ? 'id' : c.role === 'ignored' ? 'ignore' : c.role === 'target' ? 'target' : 'feature'),
        rationaleKey: s?.rationale ?? 'features.rationale.noTarget',
        missing: counts?.missing ?? 0,
        distinct: counts?.distinct ?? 0,
        relevance: rel,
        leakage: warnings,
      };
    }),
    relevanceRows: result.relevanceRows,
    isRelevanceSampled: result.isRelevanceSampled,
    hasQualityReport: leakage.hasReport,
  };
}

/** features.preview */
export async function previewFeatures(ctx: BackendContext, args: MethodInput<'features.preview'>): Promise<FeaturePreview> {
  const file = readProject(ctx);
  const db = file.db;
  const dataset = requireDataset(db, args.datasetId);
  const version = requireVersion(db, dataset, args.versionId);
  const spec = parsePipelineSpec(args.spec);
  checkSpecFits(spec, readVersionSchema(db, version.id), 'spec');
  const manifest = manifestOf(db, version);
  return runFeaturesWorker<PreviewWorkResult>({
    kind: 'preview',
    work: { projectPath: file.path, nativeBinding: ctx.config.nativeBinding, manifest, spec, offset: args.offset, limit: args.limit },
  });
}

/** The contract's view of a feature set. */
export function featureSetView(r: FeatureSetRecord): FeatureSet {
  return {
    id: r.id,
    datasetId: r.datasetId,
    versionId: r.versionId,
    name: r.name,
    spec: PipelineSpecSchema.parse(JSON.parse(r.specJson)),
    adaptToModel: r.adaptToModel,
    author: r.author,
    createdAt: r.createdAt,
  };
}

/** features.save */
export function saveFeatureSet(ctx: BackendContext, args: MethodInput<'features.save'>): FeatureSet {
  const file = writeProject(ctx);
  const db = file.db;
  const dataset = requireDataset(db, args.datasetId);
  const version = requireVersion(db, dataset, args.versionId);
  const spec = parsePipelineSpec(args.spec);
  checkSpecFits(spec, readVersionSchema(db, version.id), 'spec');
  const now = ctx.now().toISOString();
  const count = listFeatureSets(db, dataset.id).length;
  const record: FeatureSetRecord = {
    id: randomUUID(),
    datasetId: dataset.id,
    versionId: version.id,
    name: args.name ?? `${dataset.name} v${version.seq} #${count + 1}`,
    specJson: JSON.stringify(spec),
    adaptToModel: args.adaptToModel,
    author: currentAuthor(),
    createdAt: now,
  };
  insertFeatureSet(db, record);
  ctx.events.emit('project.changed', { area: 'features' });
  ctx.events.emit('project.changed', { area: 'lifecycle' });
  return featureSetView(record);
}

/** features.get */
export function getFeatureSetView(ctx: BackendContext, args: MethodInput<'features.get'>): FeatureSet | null {
  const db = readProject(ctx).db;
  if (args.featureSetId !== undefined) {
    const r = getFeatureSet(db, args.featureSetId);
    if (!r) throw new AppError('NOT_FOUND', `There is no feature set with id ${args.featureSetId}.`, { messageKey: 'errors.training.featureSetNotFound', details: { field: 'featureSetId' } });
    return featureSetView(r);
  }
  const newest = listFeatureSets(db, args.datasetId)[0];
  return newest ? featureSetView(newest) : null;
}

/** features.list */
export function listFeatureSetViews(ctx: BackendContext, args: MethodInput<'features.list'>): FeatureSet[] {
  return listFeatureSets(readProject(ctx).db, args.datasetId).map(featureSetView);
}
