/**
 * Methods of the data domain: import (preview first, then a job), datasets and their versions
 * (an immutable commit log stored content-addressed in the project file), pages of rows for a
 * table view, the profile and the quality report (jobs whose results are cached per version),
 * remedies and partitions (jobs that commit a new version), diff, checkout, tags, the recipe and
 * export.
 *
 * Conventions:
 * - Long work returns `{ jobId }` at once; progress arrives as `job.progress` events (the job's
 *   `subjectId` is the dataset id). When a job commits a version, `data.versionCreated` is emitted
 *   and `project.changed { area: 'data' }` follows every change.
 * - `versionId` inputs are optional where it makes sense: absent means the dataset's working
 *   version (the one `data.checkout` last selected, or the newest commit).
 * - Bulk data never crosses: the renderer gets pages of cells (text), summaries and chart-ready
 *   series (the profile's histograms and bars).
 */
import { z } from 'zod';
import { defineMethods } from '../define.js';
import {
  CheckOptionsSchema,
  DatasetColumnSchema,
  ColumnTypeSchema,
  ImportOptionsSchema,
  ImportPreviewSchema,
  ImportSummarySchema,
  PartNameSchema,
  PartitionSpecSchema,
  PartitionSummarySchema,
  QualityReportSchema,
  RecipeSchema,
  RecipeStepSchema,
  RemedyParamsSchema,
  TableProfileSchema,
} from '../../domain/dataset.js';
import { TaskTypeSchema } from '../../domain/metrics.js';

/** Ids of datasets and versions are opaque strings chosen by the backend. */
const IdSchema = z.string().min(1).max(100);

/** A dataset name (unique in the project; importing under an existing name adds a version). */
export const DatasetNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  // eslint-disable-next-line no-control-regex -- control characters in a name would break tables and CLI output
  .refine((s) => !/[\u0000-\u001f]/.test(s), { message: 'control characters are not allowed' });

/** A tag name: letters, digits, `.`, `_`, `-` (like a git tag), not a bare version number. */
export const TagNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'use letters, digits, ".", "_" or "-"' })
  .refine((s) => !/^v?\d+$/.test(s), { message: 'a tag cannot look like a version number' });

/** What made a version: an import (or re-import), a remedy, a new partition, or a change of column roles. */
export const VersionKindSchema = z.enum(['import', 'remedy', 'partition', 'roles']);
/** What made a version. */
export type VersionKind = z.infer<typeof VersionKindSchema>;

/** One immutable commit of a dataset. */
export const DatasetVersionSchema = z.object({
  id: IdSchema,
  datasetId: IdSchema,
  /** 1, 2, 3... within the dataset (`v3` in the CLI). */
  number: z.number().int().positive(),
  parentId: IdSchema.nullable(),
  kind: VersionKindSchema,
  message: z.string(),
  /** The operating-system user who made it. */
  author: z.string(),
  createdAt: z.string(),
  rows: z.number().int().nonnegative(),
  /** Column names, types and roles, in order. */
  schema: z.array(DatasetColumnSchema),
  /** Name of the target column, if one is set. */
  target: z.string().nullable(),
  /** The train/validation/test split saved with this version, if any. */
  partition: PartitionSummarySchema.nullable(),
  /** `remedy` versions: the recorded, replayable step. */
  step: RecipeStepSchema.nullable(),
  /** `import` versions: the file and how it was read. */
  source: z
    .object({
      path: z.string(),
      bytes: z.number().int().nonnegative(),
      summary: ImportSummarySchema,
    })
    .nullable(),
  tags: z.array(z.string()),
  /** True for the dataset's working version. */
  isCurrent: z.boolean(),
  /** Size of the data as a table (every chunk it references), in bytes. */
  logicalBytes: z.number().int().nonnegative(),
  /** Bytes this version added to the project file (chunks no earlier version had): the cost of the commit. */
  storedBytes: z.number().int().nonnegative(),
  hasProfile: z.boolean(),
  hasReport: z.boolean(),
});
/** One immutable commit of a dataset. */
export type DatasetVersion = z.infer<typeof DatasetVersionSchema>;

/** A dataset as lists show it. */
export const DatasetSummarySchema = z.object({
  id: IdSchema,
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The working version (checkout moves it; a new commit moves it to the new version). */
  currentVersionId: IdSchema,
  /** The newest commit (differs from the current one after checking out an older version). */
  latestVersionId: IdSchema,
  versionCount: z.number().int().positive(),
  /** Of the current version. */
  rows: z.number().int().nonnegative(),
  columns: z.number().int().nonnegative(),
  target: z.string().nullable(),
  hasPartition: z.boolean(),
  /** Critical findings of the current version's quality report; null when it was not checked yet. */
  criticalFindings: z.number().int().nonnegative().nullable(),
});
/** A dataset as lists show it. */
export type DatasetSummary = z.infer<typeof DatasetSummarySchema>;

/** A dataset with its working version. */
export const DatasetDetailSchema = DatasetSummarySchema.extend({
  current: DatasetVersionSchema,
});
/** A dataset with its working version. */
export type DatasetDetail = z.infer<typeof DatasetDetailSchema>;

/** A page of rows for a table view. Cells are display texts (dates ISO, booleans as written); null = missing. */
export const RowsPageSchema = z.object({
  datasetId: IdSchema,
  versionId: IdSchema,
  /** Rows in the version (or in the chosen part). */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  columns: z.array(DatasetColumnSchema),
  /** Stable row ids (the same row keeps its id across versions). */
  rowIds: z.array(z.number().int().nonnegative()),
  /** Part of each row when the version has a partition. */
  parts: z.array(PartNameSchema).nullable(),
  /** `rows[i][j]`: row i, column j. */
  rows: z.array(z.array(z.string().nullable())),
});
/** A page of rows. */
export type RowsPage = z.infer<typeof RowsPageSchema>;

/** A cached profile. */
export const StoredProfileSchema = z.object({
  versionId: IdSchema,
  profile: TableProfileSchema,
  computedAt: z.string(),
  elapsedMs: z.number().nonnegative(),
});
/** A cached profile. */
export type StoredProfile = z.infer<typeof StoredProfileSchema>;

/** What a quality check is told beyond what the version knows (target and ignored columns come from its schema). */
export const DataCheckOptionsSchema = z.object({
  task: TaskTypeSchema.optional(),
  eventTimeColumn: z.string().optional(),
  /** Sensitive or grouping columns to watch for under-represented groups. */
  groupColumns: z.array(z.string()).optional(),
  staleAfterDays: z.number().positive().optional(),
  /** A second dataset (and version; default its working one) to compare distributions against. */
  referenceDatasetId: IdSchema.optional(),
  referenceVersionId: IdSchema.optional(),
  /**
   * Also run the cross-validated label check (5-fold out-of-fold probabilities of a fast model;
   * classification only). Off by default because it trains five models.
   */
  labelCheck: z.boolean().optional(),
});
/** Options of a quality check. */
export type DataCheckOptions = z.infer<typeof DataCheckOptionsSchema>;

/** One row whose label the cross-validated model contradicts. */
export const SuspectLabelSchema = z.object({
  /** 0-based position in the checked version. */
  row: z.number().int().nonnegative(),
  rowId: z.number().int().nonnegative(),
  given: z.string(),
  suggested: z.string(),
  givenProbability: z.number(),
  suggestedProbability: z.number(),
});
/** A suspect label. */
export type SuspectLabelInfo = z.infer<typeof SuspectLabelSchema>;

/** A cached quality report. */
export const StoredReportSchema = z.object({
  versionId: IdSchema,
  report: QualityReportSchema,
  /** The options the check ran with (as given, plus the version's target and ignored columns). */
  options: CheckOptionsSchema.extend({ labelCheck: z.boolean(), referenceVersionId: IdSchema.nullable() }),
  /** Label check: the model used and the rows it contradicts (most contradicted first, at most 200). */
  labelCheck: z
    .object({
      model: z.string(),
      folds: z.number().int().positive(),
      suspects: z.array(SuspectLabelSchema),
      totalSuspects: z.number().int().nonnegative(),
    })
    .nullable(),
  computedAt: z.string(),
  elapsedMs: z.number().nonnegative(),
});
/** A cached quality report. */
export type StoredReport = z.infer<typeof StoredReportSchema>;

/** One cell change in a diff. */
export const CellChangeSchema = z.object({
  column: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

/** The difference between two versions of a dataset (rows matched by their stable row id). */
export const VersionDiffSchema = z.object({
  datasetId: IdSchema,
  a: IdSchema,
  b: IdSchema,
  rowsA: z.number().int().nonnegative(),
  rowsB: z.number().int().nonnegative(),
  rows: z.object({
    added: z.number().int().nonnegative(),
    removed: z.number().int().nonnegative(),
    /** Rows in both whose value differs in at least one column the two versions share. */
    changed: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
  }),
  schema: z.object({
    added: z.array(DatasetColumnSchema),
    removed: z.array(DatasetColumnSchema),
    retyped: z.array(z.object({ name: z.string(), from: ColumnTypeSchema, to: ColumnTypeSchema })),
    /** Role changes (e.g. a new target). */
    roles: z.array(z.object({ name: z.string(), from: DatasetColumnSchema.shape.role, to: DatasetColumnSchema.shape.role })),
  }),
  /** Rows changed per shared column (columns with no change are left out). */
  changedByColumn: z.array(z.object({ column: z.string(), rows: z.number().int().nonnegative() })),
  /** Up to `maxExamples` of each, in row order. Cells as display texts, in the order of `columns`. */
  examples: z.object({
    columnsA: z.array(z.string()),
    columnsB: z.array(z.string()),
    added: z.array(z.object({ rowId: z.number().int(), cells: z.array(z.string().nullable()) })),
    removed: z.array(z.object({ rowId: z.number().int(), cells: z.array(z.string().nullable()) })),
    changed: z.array(z.object({ rowId: z.number().int(), changes: z.array(CellChangeSchema) })),
  }),
  partitionChanged: z.boolean(),
});
/** The difference between two versions. */
export type VersionDiff = z.infer<typeof VersionDiffSchema>;

/** A started job. */
const JobStartedSchema = z.object({ jobId: z.string() });

/** A started job that will commit a new version (its id is chosen now; it exists once the job is done). */
const VersionJobSchema = z.object({ jobId: z.string(), datasetId: IdSchema, versionId: IdSchema });

const datasetRef = { datasetId: IdSchema };
const versionRef = { datasetId: IdSchema, versionId: IdSchema.optional() };

/** Methods of the data domain. */
export const dataMethods = defineMethods({
  /** Sniffs a file and returns what the import dialog shows; writes nothing. */
  'data.preview': {
    input: z.object({ path: z.string().min(1), options: ImportOptionsSchema.optional() }),
    output: ImportPreviewSchema,
  },
  /**
   * Imports a file as a job. A new name creates a dataset; an existing name adds a version to it
   * (parent = its working version), storing only the chunks that changed. Nothing is written
   * until the whole file has been read: a failed or cancelled import leaves no trace.
   */
  'data.import': {
    input: z.object({
      path: z.string().min(1),
      /** Default: the file name without its extension. */
      name: DatasetNameSchema.optional(),
      /** Dialect, column overrides (type, ignored, skipped), target: as chosen in the preview. */
      options: ImportOptionsSchema.optional(),
      message: z.string().max(500).optional(),
    }),
    output: VersionJobSchema,
  },
  'data.list': { input: z.object({}), output: z.array(DatasetSummarySchema) },
  'data.get': { input: z.object(datasetRef), output: DatasetDetailSchema },
  'data.rename': { input: z.object({ ...datasetRef, name: DatasetNameSchema }), output: DatasetSummarySchema },
  /** Deletes a dataset with every version; chunks no other dataset uses are removed. */
  'data.delete': { input: z.object(datasetRef), output: z.object({ deleted: z.boolean() }) },

  /** A page of rows (at most 500), optionally of one part of the partition. */
  'data.rows': {
    input: z.object({
      ...versionRef,
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(500).default(100),
      part: PartNameSchema.optional(),
    }),
    output: RowsPageSchema,
  },

  /** Profiles a version in a worker; read the result with `data.getProfile`. */
  'data.profile': { input: z.object(versionRef), output: JobStartedSchema },
  /** The cached profile of a version, or null when it was not computed yet. */
  'data.getProfile': { input: z.object(versionRef), output: StoredProfileSchema.nullable() },

  /** Runs the quality check in a worker; read the result with `data.getReport`. */
  'data.check': { input: z.object({ ...versionRef, options: DataCheckOptionsSchema.optional() }), output: JobStartedSchema },
  /** The cached quality report of a version, or null. */
  'data.getReport': { input: z.object(versionRef), output: StoredReportSchema.nullable() },

  /**
   * Applies a remedy to a version in a worker and commits the result as a new version (with the
   * recorded step). Balancing and learned imputation are fitted on training rows only;
   * balancing without a partition is refused (`errors.data.balanceNeedsPartition`).
   */
  'data.applyRemedy': {
    input: z.object({
      ...versionRef,
      params: RemedyParamsSchema,
      /** Seed of the remedy's random choices (default 42). */
      seed: z.number().int().optional(),
      message: z.string().max(500).optional(),
    }),
    output: VersionJobSchema,
  },
  /** Splits a version into train/validation/test and commits it as a new version (the data chunks are shared). */
  'data.partition': {
    input: z.object({ ...versionRef, spec: PartitionSpecSchema, message: z.string().max(500).optional() }),
    output: VersionJobSchema,
  },
  /** Sets the target and ignored columns: a new version sharing every chunk (cheap, no job). */
  'data.setRoles': {
    input: z.object({
      ...versionRef,
      /** New target column, or null for none. */
      target: z.string().nullable(),
      ignored: z.array(z.string()).default([]),
      message: z.string().max(500).optional(),
    }),
    output: DatasetVersionSchema,
  },

  /** Every version of a dataset, newest first. */
  'data.versions': { input: z.object(datasetRef), output: z.array(DatasetVersionSchema) },
  /** Compares two versions (computed in a worker; unchanged chunks are skipped by their hashes). */
  'data.diff': {
    input: z.object({ ...datasetRef, a: IdSchema, b: IdSchema, maxExamples: z.number().int().min(0).max(100).default(10) }),
    output: VersionDiffSchema,
  },
  /** Makes a version the working one (moves a pointer; nothing is copied). */
  'data.checkout': { input: z.object({ ...datasetRef, versionId: IdSchema }), output: DatasetSummarySchema },
  /** Tags a version (a tag names one version of a dataset; tagging again moves it). */
  'data.tag': { input: z.object({ ...datasetRef, versionId: IdSchema, tag: TagNameSchema }), output: DatasetVersionSchema },
  'data.untag': { input: z.object({ ...datasetRef, tag: z.string().min(1) }), output: z.object({ removed: z.boolean() }) },
  /** The remedies from the import to this version, in order, replayable on new data. */
  'data.recipe': {
    input: z.object(versionRef),
    output: z.object({
      versionId: IdSchema,
      /** The import the recipe starts from. */
      baseVersionId: IdSchema,
      recipe: RecipeSchema,
      /** Version that recorded each step. */
      stepVersionIds: z.array(IdSchema),
    }),
  },
  /** Writes a version to a CSV file in a worker (with a `partition` column when one is set). */
  'data.export': {
    input: z.object({
      ...versionRef,
      path: z.string().min(1),
      /** Add the `partition` column (default true when the version has a partition). */
      includePartition: z.boolean().optional(),
      /** Replace an existing file (default false: CONFLICT). */
      overwrite: z.boolean().optional(),
    }),
    output: JobStartedSchema,
  },
});
