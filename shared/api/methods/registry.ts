/**
 * Methods of the Deploy step: the model registry.
 *
 * A registered model is a name (URL-safe: letters, digits, `.`, `_`, `-`; it appears in the
 * inference server's URLs) with numbered versions 1, 2, 3... Each version is a recorded run's
 * fitted pipeline (or an imported bundle), copied into the registry, so it stays servable
 * whatever happens to the run. A version is in one stage: `none`, `staging`, `production` or
 * `archived`; a model has at most one `production` version: promoting one moves the previous
 * production version to `archived` in the same transaction. Every change (register, stage move,
 * card edit, import, export) is written to an audit log with who (the OS user), when and why (a
 * comment).
 *
 * Lineage: every version records where it came from (run, dataset and version, pipeline spec,
 * model id and params, seed, metrics, engine version, the objective as it was when registering),
 * so what is served can always be traced back to the data and code that made it.
 *
 * Model card: generated from those facts (intended use from the Objective, training data from the
 * dataset version and its partition, metrics against the success threshold, known limits from the
 * stored quality report's findings, fairness notes with per-group metrics on the validation part
 * for the columns the user watched as sensitive in the quality check), in English or Spanish.
 * Each section can be edited (Markdown, saved per version); an edited section replaces the
 * generated one until it is reverted (saved as null).
 *
 * Model references (`ref`), as in the CLI and the inference server: `NAME` (the production
 * version, else the newest), `NAME@production`, `NAME@staging`, `NAME@3` (version 3).
 *
 * Events: `project.changed {area: 'registry'}` after every change (and `{area: 'lifecycle'}` when
 * the Deploy step's state may have moved).
 *
 * Error message keys (besides the generic `errors.<CODE>`):
 *   errors.registry.invalidName         {name}  the model name breaks the alphabet (field name)
 *   errors.registry.modelNotFound       {name}  (field name / ref)
 *   errors.registry.versionNotFound     {name, version}  (field version / ref)
 *   errors.registry.stageNotFound       {name, stage}  no version of the model is in that stage (field ref)
 *   errors.registry.badRef              {ref}  not NAME, NAME@STAGE or NAME@VERSION (field ref)
 *   errors.registry.runNotFinished      the run has no fitted pipeline (field runId)
 *   errors.registry.sameStage           {stage}  the version is already in that stage (field stage)
 *   errors.registry.taskMismatch        {name, task, target}  the model predicts another target or task (CONFLICT, field name)
 *   errors.registry.unknownSection      {section}  (field sections.N.id)
 *   errors.registry.exportFolderNotEmpty {path}  (field dir)
 *   errors.registry.cannotWrite         {path}  (field dir)
 *   errors.registry.bundleTampered      {file}  a file does not match its checksum (field dir; details.file names it)
 *   errors.registry.bundleInvalid       {file, reason}  not a bundle, incomplete or malformed (field dir; details.file)
 * Registering reads the run's dataset version in a worker (the example row of the Serve step's
 * curl command and the card's per-group metrics), so the call takes a moment; no job is shown.
 *
 * Step reasons (lifecycle.status): `lifecycle.reason.deploy.noProduction` (versions exist, none
 * in production), `lifecycle.reason.serve.running` (a server runs and has not answered a
 * prediction yet), `lifecycle.reason.serve.noProduction` (nothing in production to serve).
 */
import { z } from 'zod';
import { defineMethods } from '../define.js';
import { MetricIdSchema, TaskTypeSchema } from '../../domain/metrics.js';
import { ColumnKindSchema, PipelineSpecSchema } from '../../domain/pipeline-spec.js';
import { ColumnTypeSchema, FindingKindSchema, SeveritySchema } from '../../domain/dataset.js';
import { ParamsSchema } from './training.js';

/** Ids are opaque strings chosen by the backend. */
const IdSchema = z.string().min(1).max(100);
/** A JSON-safe number: null where the value is undefined (NaN) or infinite. */
const Num = z.number().nullable();

/** The alphabet of model names (they appear in the inference server's URL paths). */
export const MODEL_NAME_REGEX = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A model name. */
export const ModelNameSchema = z.string().regex(MODEL_NAME_REGEX, {
  message: 'use 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit',
});

/** Stages of a model version. */
export const MODEL_STAGES = ['none', 'staging', 'production', 'archived'] as const;
/** Schema of a stage. */
export const ModelStageSchema = z.enum(MODEL_STAGES);
/** A stage. */
export type ModelStage = z.infer<typeof ModelStageSchema>;

/** `NAME`, `NAME@STAGE` or `NAME@VERSION` (see the file comment). */
export const ModelRefSchema = z.string().trim().min(1).max(160);

/** A comment on a change: why it was made (shown in the audit log). */
const CommentSchema = z.string().trim().max(2000);

/** One input column of a model, as a prediction must send it. */
export const InputColumnSchema = z.object({
  name: z.string(),
  /** How the model reads it: numbers, categories (any text), free text, dates (ISO 8601 text). */
  kind: ColumnKindSchema,
});
/** One input column. */
export type InputColumn = z.infer<typeof InputColumnSchema>;

/** The objective as it was when the version was registered, with the version's value of its metric. */
export const ObjectiveAtRegistrationSchema = z.object({
  inputs: z.string(),
  target: z.string(),
  taskType: TaskTypeSchema,
  metric: MetricIdSchema,
  threshold: z.number(),
  direction: z.enum(['higher', 'lower']),
  positiveClass: z.string().nullable(),
  /** The version's value of `metric` on its evaluated rows. */
  value: Num,
  meets: z.boolean(),
});

/** Where a version came from. Fields are null when the source did not record them (an imported bundle from elsewhere). */
export const ModelLineageSchema = z.object({
  /** `run`: registered from a run of this project; `bundle`: imported from a bundle folder. */
  source: z.enum(['run', 'bundle']),
  runId: IdSchema.nullable(),
  runNumber: z.number().int().positive().nullable(),
  datasetId: IdSchema.nullable(),
  datasetName: z.string().nullable(),
  datasetVersionId: IdSchema.nullable(),
  datasetVersionNumber: z.number().int().positive().nullable(),
  featureSetId: IdSchema.nullable(),
  /** The pipeline spec the run fitted (feature steps, model id and params). */
  spec: PipelineSpecSchema.nullable(),
  /** Catalogue id, e.g. `hgb`. */
  modelId: z.string().nullable(),
  /** Engine kind, e.g. `HistGradientBoostingClassifier`. */
  modelKind: z.string(),
  /** Final hyper-parameters. */
  params: ParamsSchema,
  seed: z.number().int().nullable(),
  task: TaskTypeSchema,
  target: z.string(),
  /** Class labels in probability order (classification). */
  classLabels: z.array(z.string()).nullable(),
  inputSchema: z.array(InputColumnSchema),
  /** The training data's type of each input column (e.g. `integer`, `boolean`), when known: batch prediction reads CSV files with them. */
  inputTypes: z.record(z.string(), ColumnTypeSchema).optional(),
  /** The metric the run ranked by. */
  metric: z.string().nullable(),
  /** Every scalar metric of the run's evaluation. */
  metrics: z.record(z.string(), Num),
  evaluatedOn: z.enum(['validation', 'outOfFold']).nullable(),
  trainRows: z.number().int().nonnegative().nullable(),
  evaluatedRows: z.number().int().nonnegative().nullable(),
  /** Binary problems: the decision threshold saved in the Evaluate step at registration (recorded; the server uses the model's own rule). */
  chosenThreshold: z.number().nullable(),
  /** Engine version that fitted the pipeline. */
  engineVersion: z.string(),
  /** SHA-256 (hex) and size of the pipeline artifact. */
  artifactSha256: z.string(),
  artifactBytes: z.number().int().nonnegative(),
  objective: ObjectiveAtRegistrationSchema.nullable(),
  /** Imports: the bundle it came from (the folder, and the name/version/time it was exported with). */
  bundle: z
    .object({
      path: z.string(),
      name: z.string(),
      version: z.string(),
      exportedAt: z.string(),
    })
    .nullable(),
});
/** Where a version came from. */
export type ModelLineage = z.infer<typeof ModelLineageSchema>;

/** A model version as lists show it. */
export const ModelVersionSummarySchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** 1, 2, 3... per model. */
  version: z.number().int().positive(),
  stage: ModelStageSchema,
  source: z.enum(['run', 'bundle']),
  /** The run it was registered from (null for imports). */
  runId: IdSchema.nullable(),
  runNumber: z.number().int().positive().nullable(),
  modelKind: z.string(),
  task: TaskTypeSchema,
  target: z.string(),
  /** The objective's metric (or the run's ranking metric) and its value. */
  metric: z.string().nullable(),
  metricValue: Num,
  /** The objective's verdict at registration (null without an objective for this task). */
  meetsObjective: z.boolean().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** The comment given when registering. */
  comment: z.string(),
  /** When and by whom the stage last changed. */
  stageChangedAt: z.string(),
  stageChangedBy: z.string(),
  /** True when at least one card section was edited by hand. */
  hasEditedCard: z.boolean(),
});
/** A model version in a list. */
export type ModelVersionSummary = z.infer<typeof ModelVersionSummarySchema>;

/** A model version with its lineage. */
export const ModelVersionDetailSchema = ModelVersionSummarySchema.extend({
  lineage: ModelLineageSchema,
  inputSchema: z.array(InputColumnSchema),
  classLabels: z.array(z.string()).nullable(),
});
/** A model version with its lineage. */
export type ModelVersionDetail = z.infer<typeof ModelVersionDetailSchema>;

/** A registered model as the list shows it. */
export const ModelSummarySchema = z.object({
  name: z.string(),
  description: z.string(),
  task: TaskTypeSchema,
  target: z.string(),
  versionCount: z.number().int().nonnegative(),
  latestVersion: z.number().int().positive(),
  /** The version in production, if any. */
  productionVersion: z.number().int().positive().nullable(),
  /** The newest version in staging, if any. */
  stagingVersion: z.number().int().positive().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
/** A registered model. */
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

/** A registered model with its versions (newest first). */
export const ModelDetailSchema = ModelSummarySchema.extend({
  versions: z.array(ModelVersionSummarySchema),
});
/** A registered model with its versions. */
export type ModelDetail = z.infer<typeof ModelDetailSchema>;

/** Audit log actions. */
export const AUDIT_ACTIONS = ['register', 'import', 'stage', 'card', 'export', 'describe'] as const;

/** One change in the registry: who, when, why. */
export const AuditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: z.string(),
  /** OS user name. */
  author: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  name: z.string(),
  /** Null for model-level changes (`describe`). */
  version: z.number().int().positive().nullable(),
  /** Stage moves (also the automatic demotion of the previous production version): from and to. */
  fromStage: ModelStageSchema.nullable(),
  toStage: ModelStageSchema.nullable(),
  /** Why (the user's comment; automatic demotions say which version was promoted in `details`). */
  comment: z.string(),
  /**
   * Facts of the change: `register` {runId, runNumber}; `import` {path}; `stage` {promotedVersion}
   * on an automatic demotion; `card` {sections}; `export` {path, onnx}.
   */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
});
/** One audit log entry. */
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Sections of a model card, in document order. */
export const CARD_SECTIONS = ['overview', 'intendedUse', 'trainingData', 'metrics', 'limitations', 'fairness', 'lineage'] as const;
/** Schema of a card section id. */
export const CardSectionIdSchema = z.enum(CARD_SECTIONS);
/** A card section id. */
export type CardSectionId = z.infer<typeof CardSectionIdSchema>;

/** Per-group metrics for one sensitive column on the validation part. */
export const FairnessGroupSchema = z.object({
  /** The group's value as text (`(missing)` for empty cells). */
  group: z.string(),
  rows: z.number().int().nonnegative(),
  /** Share of the evaluated rows. */
  share: z.number(),
  /**
   * Classification: accuracy, balanced_accuracy, positive_rate (share predicted as the positive
   * class, binary only) and the objective's metric when it can be computed on the group; regression:
   * mae, rmse, mean_prediction and mean_actual.
   */
  metrics: z.record(z.string(), Num),
});

/** The facts a card is generated from (a snapshot taken when the version was registered). */
export const ModelCardFactsSchema = z.object({
  name: z.string(),
  version: z.number().int().positive(),
  task: TaskTypeSchema,
  target: z.string(),
  modelKind: z.string(),
  registeredAt: z.string(),
  registeredBy: z.string(),
  /** The objective at registration (intended use). */
  objective: ObjectiveAtRegistrationSchema.nullable(),
  /** The training data. Null for imports without lineage. */
  data: z
    .object({
      datasetName: z.string(),
      versionNumber: z.number().int().positive(),
      rows: z.number().int().nonnegative(),
      columns: z.number().int().nonnegative(),
      /** Rows of each part of the partition (null when the version has none). */
      partition: z.object({ train: z.number().int(), validation: z.number().int(), test: z.number().int() }).nullable(),
      trainRows: z.number().int().nonnegative().nullable(),
      evaluatedRows: z.number().int().nonnegative().nullable(),
      evaluatedOn: z.enum(['validation', 'outOfFold']).nullable(),
    })
    .nullable(),
  inputSchema: z.array(InputColumnSchema),
  classLabels: z.array(z.string()).nullable(),
  /** Scalar metrics, the objective's metric first. */
  metrics: z.array(z.object({ id: z.string(), value: Num, threshold: z.number().nullable(), direction: z.enum(['higher', 'lower']).nullable(), meets: z.boolean().nullable() })),
  /** Findings of the stored quality report of the training data (the version's or its nearest ancestor's); null when none was run. */
  limits: z
    .array(
      z.object({
        kind: FindingKindSchema,
        severity: SeveritySchema,
        /** `data.finding.<kind>` (texts in shared/domain/dataset-texts.ts). */
        messageKey: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number()])),
        columns: z.array(z.string()),
      }),
    )
    .nullable(),
  /**
   * Fairness: the columns watched as sensitive in the quality check (`groupColumns`), each with
   * per-group metrics on the validation part. `status`: `computed`; `noSensitiveColumns` (none
   * was marked); `noValidationRows` (out-of-fold evaluation or no partition); `notAvailable`
   * (an imported version: its data is not in this project).
   */
  fairness: z.object({
    status: z.enum(['computed', 'noSensitiveColumns', 'noValidationRows', 'notAvailable']),
    columns: z.array(
      z.object({
        column: z.string(),
        /** True when the column is one of the model's inputs (the model sees it directly). */
        isModelInput: z.boolean(),
        groups: z.array(FairnessGroupSchema),
        /** Largest gap between two groups (of at least 20 rows) in the first metric (accuracy or mae). */
        maxGap: Num,
      }),
    ),
  }),
});
/** The facts of a card. */
export type ModelCardFacts = z.infer<typeof ModelCardFactsSchema>;

/** One section of a card. */
export const ModelCardSectionSchema = z.object({
  id: CardSectionIdSchema,
  /** Heading in the requested language. */
  title: z.string(),
  /** What is shown: the edited text when there is one, else the generated one. */
  markdown: z.string(),
  /** The generated text (to compare with, or to revert to). */
  generatedMarkdown: z.string(),
  isEdited: z.boolean(),
  editedBy: z.string().nullable(),
  editedAt: z.string().nullable(),
});
/** One section of a card. */
export type ModelCardSection = z.infer<typeof ModelCardSectionSchema>;

/** A version's model card. */
export const ModelCardSchema = z.object({
  name: z.string(),
  version: z.number().int().positive(),
  locale: z.enum(['en', 'es']),
  sections: z.array(ModelCardSectionSchema),
  /** The whole card as one Markdown document (title + sections): what the bundle's model-card.md holds. */
  markdown: z.string(),
  facts: ModelCardFactsSchema,
});
/** A version's model card. */
export type ModelCard = z.infer<typeof ModelCardSchema>;

/** One file of an exported bundle. */
export const BundleFileSchema = z.object({
  path: z.string(),
  role: z.enum(['pipeline', 'input-schema', 'onnx', 'onnx-note', 'model-card', 'lineage']),
  bytes: z.number().int().nonnegative(),
  sha256: z.string(),
});

/** What an export wrote. */
export const BundleExportResultSchema = z.object({
  /** Absolute folder path. */
  dir: z.string(),
  name: z.string(),
  version: z.number().int().positive(),
  /** Files besides manifest.json, with their checksums. */
  files: z.array(BundleFileSchema),
  /** `exported`: model.onnx is in the bundle; `unsupported`: these steps have no ONNX form (onnx-unsupported.md says so). */
  onnx: z.union([z.object({ status: z.literal('exported'), file: z.string() }), z.object({ status: z.literal('unsupported'), steps: z.array(z.string()) })]),
});
/** What an export wrote. */
export type BundleExportResult = z.infer<typeof BundleExportResultSchema>;

const versionRef = { name: ModelNameSchema, version: z.number().int().positive() };

/** Methods of the registry domain. */
export const registryMethods = defineMethods({
  /** Registered models, by name. */
  'registry.models': { input: z.object({}), output: z.array(ModelSummarySchema) },
  /** A model with every version (newest first). */
  'registry.model': { input: z.object({ name: ModelNameSchema }), output: ModelDetailSchema },
  /** One version with its lineage. */
  'registry.version': { input: z.object(versionRef), output: ModelVersionDetailSchema },
  /** Resolves a reference (`NAME`, `NAME@STAGE`, `NAME@VERSION`) to a version. */
  'registry.resolve': { input: z.object({ ref: ModelRefSchema }), output: ModelVersionDetailSchema },
  /**
   * Registers a finished run's fitted pipeline as the next version of `name` (creating the model
   * on first use). `stage` other than `none` is applied in the same transaction (production
   * demotes the previous one). The card's facts are captured now (the objective as it is today).
   */
  'registry.register': {
    input: z.object({
      runId: IdSchema,
      name: ModelNameSchema,
      stage: ModelStageSchema.default('none'),
      comment: CommentSchema.default(''),
    }),
    output: ModelVersionDetailSchema,
  },
  /**
   * Moves a version to a stage. Promoting to `production` moves the previous production version
   * (if any) to `archived`, in one transaction; both moves are audited. Returns the whole model.
   */
  'registry.setStage': {
    input: z.object({ ...versionRef, stage: ModelStageSchema, comment: CommentSchema.default('') }),
    output: ModelDetailSchema,
  },
  /** Sets a model's description (audited as `describe`). */
  'registry.describe': {
    input: z.object({ name: ModelNameSchema, description: z.string().max(4000), comment: CommentSchema.default('') }),
    output: ModelSummarySchema,
  },
  /** The audit log, newest first (of one model when `name` is given). */
  'registry.audit': {
    input: z.object({ name: ModelNameSchema.optional(), limit: z.number().int().positive().max(1000).default(200) }),
    output: z.array(AuditEntrySchema),
  },
  /** A version's model card in a language. */
  'registry.card': {
    input: z.object({ ...versionRef, locale: z.enum(['en', 'es']).default('en') }),
    output: ModelCardSchema,
  },
  /**
   * Saves edited card sections (Markdown; null reverts a section to the generated text). Sections
   * not listed keep their state. Audited as `card` with the section ids. Returns the card.
   */
  'registry.saveCard': {
    input: z.object({
      ...versionRef,
      sections: z.array(z.object({ id: CardSectionIdSchema, markdown: z.string().max(100_000).nullable() })).min(1),
      comment: CommentSchema.default(''),
      locale: z.enum(['en', 'es']).default('en'),
    }),
    output: ModelCardSchema,
  },
  /**
   * Exports a version to a bundle folder (must not exist or be empty): pipeline.json, model.onnx
   * where every step has an ONNX form (else onnx-unsupported.md naming the steps),
   * input-schema.json, model-card.md (in `locale`), lineage.json and manifest.json with SHA-256
   * checksums. `ciclo serve --bundle DIR` serves it without the project.
   */
  'registry.export': {
    input: z.object({ ref: ModelRefSchema, dir: z.string().min(1), locale: z.enum(['en', 'es']).default('en') }),
    output: BundleExportResultSchema,
  },
  /**
   * Imports a bundle folder as the next version of `name` (checksums verified first: a tampered
   * file is refused naming the file). The bundle's lineage and model card come along; stage as
   * in `registry.register`.
   */
  'registry.import': {
    input: z.object({ dir: z.string().min(1), name: ModelNameSchema, stage: ModelStageSchema.default('none'), comment: CommentSchema.default('') }),
    output: ModelVersionDetailSchema,
  },
});
