/**
 * Moving registered versions between projects and machines as bundles (the folder format of
 * bundle.ts): export writes a version's pipeline, ONNX model (or the list of steps that have no
 * ONNX form), input schema, model card and lineage with checksums; import verifies a bundle and
 * registers it as the next version of a model in the open project.
 *
 * lineage.json of a Ciclo export holds more than the lineage: the card's facts, the hand-edited
 * card sections and the example row, so an imported version keeps its card (fairness notes
 * included) and its curl example although its training data stays behind.
 */
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { BundleExportResult, ModelCardFacts, ModelLineage, ModelVersionDetail } from '../../../shared/api/methods/registry.js';
import { ModelCardFactsSchema, ModelLineageSchema } from '../../../shared/api/methods/registry.js';
import type { MethodInput } from '../../../shared/api/contract.js';
import { AppError } from '../../../shared/errors.js';
import { ModelPipeline } from '../../ml/compose/model-pipeline.js';
import type { BackendContext } from '../api/context.js';
import { listCardSections } from '../storage/repos/registry.js';
import { exportBundle, readBundle, type Bundle } from './bundle.js';
import { renderCard } from './card.js';
import { auditExport, cardFactsOf, commitImportedVersion, exampleOf, lineageOf, readProjectFile, resolveRefText, sha256Text, versionArtifactJson, versionDetail, writeProjectFile } from './registry.js';

/** The `format` of lineage.json written by Ciclo. */
export const LINEAGE_FORMAT = 'ciclo-lineage';

const LineageDocSchema = z.object({
  format: z.literal(LINEAGE_FORMAT),
  lineage: ModelLineageSchema,
  card: z.object({
    facts: ModelCardFactsSchema,
    editedSections: z.array(z.object({ section: z.string(), markdown: z.string(), editedBy: z.string(), editedAt: z.string() })),
  }),
  example: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).nullable(),
});
/** lineage.json as Ciclo writes it. */
export type LineageDoc = z.infer<typeof LineageDocSchema>;

async function isEmptyOrAbsent(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    throw new AppError('INVALID_ARGUMENT', `Cannot write the bundle to ${dir}: ${(err as Error).message}`, { messageKey: 'errors.registry.cannotWrite', params: { path: dir }, details: { field: 'dir' } });
  }
}

/** registry.export */
export async function exportVersion(ctx: BackendContext, args: MethodInput<'registry.export'>): Promise<BundleExportResult> {
  const db = readProjectFile(ctx).db;
  const v = resolveRefText(db, args.ref);
  const dir = resolve(args.dir);
  if (!(await isEmptyOrAbsent(dir))) {
    throw new AppError('CONFLICT', `${dir} is not empty; export the bundle into a new or empty folder.`, { messageKey: 'errors.registry.exportFolderNotEmpty', params: { path: dir }, details: { field: 'dir' } });
  }
  const lineage = lineageOf(v);
  const facts = cardFactsOf(v);
  const edits = listCardSections(db, v.id);
  const card = renderCard(facts, lineage, edits, args.locale);
  const pipeline = ModelPipeline.fromArtifact(JSON.parse(versionArtifactJson(db, v)));
  const doc: LineageDoc = {
    format: LINEAGE_FORMAT,
    lineage,
    card: { facts, editedSections: edits.map((e) => ({ section: e.section, markdown: e.markdown, editedBy: e.editedBy, editedAt: e.editedAt })) },
    example: exampleOf(v),
  };
  const model = db.prepare('SELECT description FROM registered_models WHERE name = ?').pluck().get(v.modelName) as string | undefined;
  let manifest;
  try {
    manifest = await exportBundle(dir, {
      pipeline,
      name: v.modelName,
      version: String(v.version),
      stages: v.stage === 'none' ? [] : [v.stage],
      metadata: {
        description: model ?? '',
        createdAt: v.createdAt,
        task: lineage.task,
        target: lineage.target,
        modelKind: lineage.modelKind,
        metric: lineage.objective?.metric ?? lineage.metric,
        metrics: lineage.metrics,
      },
      modelCard: card.markdown,
      lineage: doc,
      now: ctx.now(),
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') {
      throw new AppError('CONFLICT', err.message, { messageKey: 'errors.registry.exportFolderNotEmpty', params: { path: dir }, details: { field: 'dir' } });
    }
    if (err instanceof AppError && err.details?.field === 'dir') {
      throw new AppError('INVALID_ARGUMENT', err.message, { messageKey: 'errors.registry.cannotWrite', params: { path: dir }, details: { field: 'dir' } });
    }
    throw err;
  }
  const onnx: BundleExportResult['onnx'] = 'file' in manifest.onnx ? { status: 'exported', file: manifest.onnx.file } : { status: 'unsupported', steps: manifest.onnx.unsupported };
  auditExport(ctx, v, dir, onnx.status);
  return { dir, name: v.modelName, version: v.version, files: manifest.files, onnx };
}

/** Reads and verifies a bundle, turning bundle.ts refusals into the registry's message keys. */
export async function readVerifiedBundle(dir: string): Promise<Bundle> {
  try {
    return await readBundle(dir);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const file = typeof err.details?.file === 'string' ? err.details.file : dir;
    if (/checksum/.test(err.message)) {
      throw new AppError('INVALID_ARGUMENT', err.message, { messageKey: 'errors.registry.bundleTampered', params: { file }, details: { field: 'dir', file }, cause: err });
    }
    throw new AppError(err.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'INVALID_ARGUMENT', err.message, {
      messageKey: 'errors.registry.bundleInvalid',
      params: { file, reason: err.message },
      details: { field: 'dir', file },
      cause: err,
    });
  }
}

/** The lineage a bundle carries: Ciclo's document when valid, else what the pipeline itself records. */
function lineageFromBundle(b: Bundle, path: string): { lineage: ModelLineage; facts: Omit<ModelCardFacts, 'name' | 'version' | 'registeredAt' | 'registeredBy'>; doc: LineageDoc | null } {
  const parsed = LineageDocSchema.safeParse(b.lineage);
  const bundleInfo = { path, name: b.manifest.name, version: b.manifest.version, exportedAt: b.manifest.createdAt };
  if (parsed.success) {
    const doc = parsed.data;
    const { name: _n, version: _v, registeredAt: _a, registeredBy: _b, ...facts } = doc.card.facts;
    return { lineage: { ...doc.lineage, source: 'bundle', bundle: bundleInfo }, facts, doc };
  }
  const p = b.pipeline;
  const spec = p.getParams().spec;
  const estimator = p.estimator;
  const metrics = (b.manifest.metadata.metrics ?? {}) as Record<string, unknown>;
  const numericMetrics = Object.fromEntries(Object.entries(metrics).filter(([, x]) => x === null || typeof x === 'number')) as Record<string, number | null>;
  const inputSchema = p.inputSchema.map((c) => ({ name: c.name, kind: c.kind }));
  const lineage: ModelLineage = {
    source: 'bundle',
    runId: null,
    runNumber: null,
    datasetId: null,
    datasetName: null,
    datasetVersionId: null,
    datasetVersionNumber: null,
    featureSetId: null,
    spec,
    modelId: spec?.model.id ?? null,
    modelKind: estimator.kind,
    params: Object.fromEntries(Object.entries(estimator.getParams() as Record<string, unknown>).filter(([, x]) => x === null || ['number', 'string', 'boolean'].includes(typeof x))) as ModelLineage['params'],
    seed: null,
    task: p.task,
    target: p.target,
    classLabels: p.classLabels ?? null,
    inputSchema,
    metric: typeof b.manifest.metadata.metric === 'string' ? b.manifest.metadata.metric : null,
    metrics: numericMetrics,
    evaluatedOn: null,
    trainRows: p.lineage.nTrainRows,
    evaluatedRows: null,
    chosenThreshold: null,
    engineVersion: p.lineage.engineVersion,
    artifactSha256: '',
    artifactBytes: 0,
    objective: null,
    bundle: bundleInfo,
  };
  const facts = {
    task: p.task,
    target: p.target,
    modelKind: estimator.kind,
    objective: null,
    data: null,
    inputSchema,
    classLabels: p.classLabels ?? null,
    metrics: Object.entries(numericMetrics).map(([id, value]) => ({ id, value, threshold: null, direction: null, meets: null })),
    limits: null,
    fairness: { status: 'notAvailable' as const, columns: [] },
  };
  return { lineage, facts, doc: null };
}

/** registry.import */
export async function importBundle(ctx: BackendContext, args: MethodInput<'registry.import'>): Promise<ModelVersionDetail> {
  const file = writeProjectFile(ctx);
  const dir = resolve(args.dir);
  const bundle = await readVerifiedBundle(dir);
  if (ctx.session.current !== file) throw new AppError('NO_PROJECT_OPEN', 'The project was closed while the bundle was being read.');
  const artifactJson = JSON.stringify(bundle.artifact);
  const { lineage, facts, doc } = lineageFromBundle(bundle, dir);
  // The card section edits made where it was exported come along, with who made them.
  const edited = (doc?.card.editedSections ?? []).filter((s) => ['overview', 'intendedUse', 'trainingData', 'metrics', 'limitations', 'fairness', 'lineage'].includes(s.section));
  const record = commitImportedVersion(ctx, file.db, {
    name: args.name,
    stage: args.stage,
    comment: args.comment,
    artifactJson,
    lineage: { ...lineage, artifactSha256: sha256Text(artifactJson) },
    facts,
    example: doc?.example ?? null,
    editedSections: edited,
    details: { path: dir, bundleName: bundle.manifest.name, bundleVersion: bundle.manifest.version },
  });
  return versionDetail(file.db, record);
}
