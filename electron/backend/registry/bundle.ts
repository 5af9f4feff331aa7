/**
 * Model bundles: a fitted ModelPipeline exported to a folder that another machine can serve
 * (`ciclo serve --bundle DIR`) or another project can import, without the project file.
 *
 *   manifest.json         format, name, version, stages, task, target, classes, engine version,
 *                         metadata, ONNX status, and every other file with its size and SHA-256
 *   pipeline.json         the pipeline artifact (preprocessing + model), what is served
 *   input-schema.json     the columns a prediction needs, with their kinds
 *   model.onnx            the same pipeline as ONNX, when every step has an ONNX form, or
 *   onnx-unsupported.md   a note naming the steps that have none
 *   model-card.md         the model card (optional)
 *   lineage.json          where the model came from: run, dataset version, metrics... (optional)
 *
 * `readBundle` verifies every listed file's size and checksum, that the required files are there,
 * and that the manifest agrees with the pipeline it describes, and refuses the bundle with an
 * error naming the file otherwise. The checksums detect corruption and edits; they are not a
 * signature (whoever can edit the files can rewrite the manifest too).
 *
 * Loading never executes anything from the bundle: the artifact is data, validated on load.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { ModelPipeline } from '../../ml/compose/model-pipeline.js';
import { exportPipelineToOnnx, isUnsupported } from '../../ml/compose/onnx-export.js';
import type { FrameSchemaEntry } from '../../ml/core/frame.js';
import { MODEL_NAME_PATTERN } from '../serving/models.js';
import type { ModelMetadata } from '../serving/types.js';
import { encodeOnnxModel } from './onnx-encode.js';

/** The manifest's `format` value. */
export const BUNDLE_FORMAT = 'ciclo-model-bundle';
/** The manifest layout this Ciclo writes and reads. */
export const BUNDLE_FORMAT_VERSION = 1;
/** File names inside a bundle. */
export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  pipeline: 'pipeline.json',
  inputSchema: 'input-schema.json',
  onnx: 'model.onnx',
  onnxNote: 'onnx-unsupported.md',
  modelCard: 'model-card.md',
  lineage: 'lineage.json',
} as const;

const ROLES = ['pipeline', 'input-schema', 'onnx', 'onnx-note', 'model-card', 'lineage'] as const;
/** What a file in the bundle is. */
export type BundleFileRole = (typeof ROLES)[number];

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const ManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int(),
  name: z.string().regex(MODEL_NAME_PATTERN),
  version: z.string().regex(MODEL_NAME_PATTERN),
  stages: z.array(z.string().regex(MODEL_NAME_PATTERN)),
  createdAt: z.string(),
  engineVersion: z.string(),
  task: z.enum(['classification', 'regression']),
  target: z.string(),
  classLabels: z.array(z.string()).nullable(),
  onnx: z.union([z.object({ file: z.string() }), z.object({ unsupported: z.array(z.string()), note: z.string() })]),
  metadata: z.record(z.string(), z.unknown()),
  files: z.array(z.object({ path: z.string().regex(FILE_NAME), role: z.enum(ROLES), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

/** The bundle's manifest. */
export type BundleManifest = z.infer<typeof ManifestSchema>;

/** What {@link exportBundle} writes. */
export interface BundleExportInput {
  pipeline: ModelPipeline;
  /** Model name (letters, digits, `.`, `_`, `-`; used in URLs). */
  name: string;
  /** Version id (same alphabet). */
  version: string;
  /** Stages this version holds at export (e.g. ["production"]); a bare name serves production first. */
  stages?: string[];
  /** Free JSON metadata (description, metrics...). */
  metadata?: ModelMetadata;
  /** The model card, Markdown. */
  modelCard?: string;
  /** Lineage (run, dataset version, params, metrics), any JSON. */
  lineage?: unknown;
  /** Export time (default now). */
  now?: Date;
}

/** A verified bundle, loaded. */
export interface Bundle {
  dir: string;
  manifest: BundleManifest;
  /** The pipeline artifact as stored (what a ModelSource hands to the server). */
  artifact: unknown;
  pipeline: ModelPipeline;
  inputSchema: FrameSchemaEntry[];
  modelCard: string | null;
  lineage: unknown;
  /** Path of model.onnx, or null when the pipeline was not exportable. */
  onnxPath: string | null;
}

function bundleError(message: string, file?: string): AppError {
  return new AppError('INVALID_ARGUMENT', message, { details: file ? { field: file, file } : undefined });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function checkName(value: string, what: 'name' | 'version'): void {
  if (typeof value !== 'string' || !MODEL_NAME_PATTERN.test(value)) {
    throw new AppError('INVALID_ARGUMENT', `The model ${what} ${JSON.stringify(value)} must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit.`, { details: { field: what } });
  }
}

/** The input schema document. */
function inputSchemaDoc(p: ModelPipeline): Record<string, unknown> {
  return { columns: p.inputSchema, target: p.target, task: p.task, classLabels: p.classLabels ?? null };
}

function onnxNote(unsupported: string[]): string {
  return [
    '# No ONNX model in this bundle',
    '',
    'These steps of the pipeline have no ONNX form, so only `pipeline.json` (served by Ciclo) is included:',
    '',
    ...unsupported.map((u) => `- ${u}`),
    '',
  ].join('\n');
}

/**
 * Writes the bundle of `input` into `dir`, which must not exist or be empty. The files are
 * written to a sibling temporary folder and moved into place at the end, so a failed export never
 * leaves a half-written bundle under `dir`.
 */
export async function exportBundle(dir: string, input: BundleExportInput): Promise<BundleManifest> {
  const { pipeline } = input;
  if (!(pipeline instanceof ModelPipeline) || !pipeline.isFitted) throw new AppError('NOT_FITTED', 'Only a fitted pipeline can be exported.', { details: { field: 'pipeline' } });
  checkName(input.name, 'name');
  checkName(input.version, 'version');
  const stages = input.stages ?? [];
  for (const s of stages) if (!MODEL_NAME_PATTERN.test(s)) throw new AppError('INVALID_ARGUMENT', `Stage ${JSON.stringify(s)} is not a valid stage name.`, { details: { field: 'stages' } });
  const existing = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new AppError('INVALID_ARGUMENT', `Cannot use ${dir} for the bundle: ${err.message}`, { details: { field: 'dir' } });
  });
  if (existing && existing.length > 0) throw new AppError('CONFLICT', `${dir} is not empty; export the bundle into a new or empty folder.`, { details: { field: 'dir' } });

  const files: { path: string; role: BundleFileRole; bytes: Uint8Array }[] = [];
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  const artifact = pipeline.toArtifact();
  files.push({ path: BUNDLE_FILES.pipeline, role: 'pipeline', bytes: text(JSON.stringify(artifact)) });
  files.push({ path: BUNDLE_FILES.inputSchema, role: 'input-schema', bytes: text(`${JSON.stringify(inputSchemaDoc(pipeline), null, 2)}\n`) });
  let onnx: BundleManifest['onnx'];
  const graph = exportPipelineToOnnx(pipeline);
  let unsupported: string[] | null = isUnsupported(graph) ? graph.unsupported : null;
  if (!isUnsupported(graph)) {
    try {
      const bytes = encodeOnnxModel(graph, { docString: `${input.name} version ${input.version}`, metadata: { name: input.name, version: input.version, target: pipeline.target } });
      files.push({ path: BUNDLE_FILES.onnx, role: 'onnx', bytes });
    } catch (err) {
      unsupported = [`ONNX encoding failed: ${(err as Error).message}`];
    }
  }
  if (unsupported) {
    files.push({ path: BUNDLE_FILES.onnxNote, role: 'onnx-note', bytes: text(onnxNote(unsupported)) });
    onnx = { unsupported, note: BUNDLE_FILES.onnxNote };
  } else onnx = { file: BUNDLE_FILES.onnx };
  if (input.modelCard !== undefined) files.push({ path: BUNDLE_FILES.modelCard, role: 'model-card', bytes: text(input.modelCard) });
  if (input.lineage !== undefined) files.push({ path: BUNDLE_FILES.lineage, role: 'lineage', bytes: text(`${JSON.stringify(input.lineage, null, 2)}\n`) });

  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    name: input.name,
    version: input.version,
    stages,
    createdAt: (input.now ?? new Date()).toISOString(),
    engineVersion: pipeline.lineage.engineVersion,
    task: pipeline.task,
    target: pipeline.target,
    classLabels: pipeline.classLabels ?? null,
    onnx,
    metadata: JSON.parse(JSON.stringify(input.metadata ?? {})) as Record<string, unknown>,
    files: files.map((f) => ({ path: f.path, role: f.role, bytes: f.bytes.length, sha256: sha256(f.bytes) })),
  };

  const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${randomBytes(6).toString('hex')}`);
  await mkdir(tmp, { recursive: true });
  try {
    for (const f of files) await writeFile(join(tmp, f.path), f.bytes);
    await writeFile(join(tmp, BUNDLE_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    if (existing) await rmdir(dir);
    await rename(tmp, dir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw new AppError('INVALID_ARGUMENT', `Could not write the bundle to ${dir}: ${(err as Error).message}`, { cause: err, details: { field: 'dir' } });
  }
  return manifest;
}

async function readBundleFile(dir: string, name: string): Promise<Buffer> {
  try {
    return await readFile(join(dir, name));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw bundleError(`The bundle is incomplete: ${name} is missing.`, name);
    throw bundleError(`Cannot read ${name} in the bundle: ${(err as Error).message}`, name);
  }
}

function parseJson(bytes: Buffer, name: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw bundleError(`${name} in the bundle is not valid JSON: ${(err as Error).message}`, name);
  }
}

/**
 * Reads and verifies the bundle in `dir`: every listed file present with its size and checksum,
 * the required files listed, the manifest consistent with the pipeline. Refuses (AppError naming
 * the file in `details.file`) a tampered, incomplete or foreign bundle.
 */
export async function readBundle(dir: string): Promise<Bundle> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new AppError('NOT_FOUND', `No bundle folder at ${dir}.`, { details: { field: 'dir' } });
  const manifestBytes = await readBundleFile(dir, BUNDLE_FILES.manifest).catch((err: unknown) => {
    if (err instanceof AppError && /missing/.test(err.message)) throw bundleError(`${dir} is not a Ciclo model bundle: manifest.json is missing.`, BUNDLE_FILES.manifest);
    throw err;
  });
  const raw = parseJson(manifestBytes, BUNDLE_FILES.manifest);
  const format = (raw as { format?: unknown; formatVersion?: unknown }) ?? {};
  if (format.format !== BUNDLE_FORMAT) throw bundleError(`${dir} is not a Ciclo model bundle (manifest.json has no "format": "${BUNDLE_FORMAT}").`, BUNDLE_FILES.manifest);
  if (typeof format.formatVersion === 'number' && format.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw bundleError(`The bundle was written by a newer Ciclo (bundle format ${format.formatVersion}; this one reads ${BUNDLE_FORMAT_VERSION}).`, BUNDLE_FILES.manifest);
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bundleError(`manifest.json is malformed at ${issue.path.join('.') || '(root)'}: ${issue.message}`, BUNDLE_FILES.manifest);
  }
  const manifest = parsed.data;
  if (manifest.formatVersion !== BUNDLE_FORMAT_VERSION) throw bundleError(`Unsupported bundle format version ${manifest.formatVersion}.`, BUNDLE_FILES.manifest);

  const seen = new Set<string>();
  const contents = new Map<BundleFileRole, Buffer>();
  for (const f of manifest.files) {
    if (f.path === BUNDLE_FILES.manifest || seen.has(f.path)) throw bundleError(`manifest.json lists ${f.path} twice or lists itself.`, BUNDLE_FILES.manifest);
    seen.add(f.path);
    if (contents.has(f.role)) throw bundleError(`manifest.json lists two files as ${f.role}.`, BUNDLE_FILES.manifest);
    const bytes = await readBundleFile(dir, f.path);
    if (bytes.length !== f.bytes || sha256(bytes) !== f.sha256) {
      throw bundleError(`The bundle was modified or damaged: ${f.path} does not match its checksum in manifest.json.`, f.path);
    }
    contents.set(f.role, bytes);
  }
  for (const [role, name] of [['pipeline', BUNDLE_FILES.pipeline], ['input-schema', BUNDLE_FILES.inputSchema]] as const) {
    if (!contents.has(role)) throw bundleError(`The bundle is incomplete: manifest.json does not list ${name}.`, name);
  }
  const onnxFile = 'file' in manifest.onnx ? manifest.onnx.file : null;
  if (onnxFile !== null && manifest.files.find((f) => f.role === 'onnx')?.path !== onnxFile) throw bundleError(`The bundle is incomplete: ${onnxFile} is not listed in manifest.json.`, onnxFile);

  const pipelineName = manifest.files.find((f) => f.role === 'pipeline')?.path as string;
  const artifact = parseJson(contents.get('pipeline') as Buffer, pipelineName);
  let pipeline: ModelPipeline;
  try {
    pipeline = ModelPipeline.fromArtifact(artifact);
  } catch (err) {
    throw bundleError(`${pipelineName} does not hold a valid fitted pipeline: ${(err as Error).message}`, pipelineName);
  }
  const schemaName = manifest.files.find((f) => f.role === 'input-schema')?.path as string;
  const schemaDoc = parseJson(contents.get('input-schema') as Buffer, schemaName) as { columns?: unknown };
  if (JSON.stringify(schemaDoc?.columns) !== JSON.stringify(pipeline.inputSchema)) throw bundleError(`${schemaName} does not match the pipeline's input columns.`, schemaName);
  if (manifest.task !== pipeline.task || manifest.target !== pipeline.target || JSON.stringify(manifest.classLabels) !== JSON.stringify(pipeline.classLabels ?? null)) {
    throw bundleError('manifest.json does not match the pipeline it lists (task, target or classes differ).', BUNDLE_FILES.manifest);
  }
  const card = contents.get('model-card');
  const lineage = contents.get('lineage');
  return {
    dir,
    manifest,
    artifact,
    pipeline,
    inputSchema: pipeline.inputSchema,
    modelCard: card ? card.toString('utf8') : null,
    lineage: lineage ? parseJson(lineage, BUNDLE_FILES.lineage) : null,
    onnxPath: onnxFile ? join(dir, onnxFile) : null,
  };
}
