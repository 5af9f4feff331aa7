/**
 * The Data step's domain: column types, import options and the import preview, the profile, the
 * quality report (findings with a stable `kind`), remedies as replayable recipe steps, and
 * train/validation/test partitions. Everything here is JSON-safe (no NaN, no typed arrays, dates
 * as ISO strings) because it crosses IPC, HTTP, worker messages, CLI `--json` output and is stored
 * in the project file. Bulk column data never appears here: it stays in the backend.
 *
 * Texts the UI shows for these (warnings, findings, remedies) are in `dataset-texts.ts`.
 */
import { z } from 'zod';
import { TaskTypeSchema } from './metrics.js';

// ---------------------------------------------------------------------------------------------
// Columns

/**
 * Column types. `numeric`, `integer`, `boolean` and `datetime` are stored as numbers (NaN =
 * missing; booleans as 0/1; date-times as epoch milliseconds UTC); `categorical`, `text` and
 * `identifier` are stored dictionary-encoded (codes into a list of distinct strings).
 * `identifier`: unique per row (customer id, order number): never a feature.
 */
export const COLUMN_TYPES = ['numeric', 'integer', 'boolean', 'datetime', 'categorical', 'text', 'identifier'] as const;
/** Schema of a column type. */
export const ColumnTypeSchema = z.enum(COLUMN_TYPES);
/** A column type. */
export type ColumnType = z.infer<typeof ColumnTypeSchema>;

/** Role of a column in the dataset: a feature, the target, or ignored (kept but never used). */
export const ColumnRoleSchema = z.enum(['feature', 'target', 'ignored']);
/** Role of a column. */
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

/** One column of a dataset's schema. */
export const DatasetColumnSchema = z.object({
  name: z.string().min(1),
  type: ColumnTypeSchema,
  role: ColumnRoleSchema,
});
/** One column of a dataset's schema. */
export type DatasetColumn = z.infer<typeof DatasetColumnSchema>;

// ---------------------------------------------------------------------------------------------
// Import: dialect, options, preview

/** Text encodings the importer reads. UTF-16 is transcoded; Windows-1252 also covers Latin-1 text. */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
/** Schema of a text encoding. */
export const TextEncodingSchema = z.enum(TEXT_ENCODINGS);
/** A text encoding. */
export type TextEncoding = z.infer<typeof TextEncodingSchema>;

/** Field delimiters the sniffer recognises. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
/** Schema of a delimiter. */
export const DelimiterSchema = z.enum(DELIMITERS);
/** A field delimiter. */
export type Delimiter = z.infer<typeof DelimiterSchema>;

/** Decimal separator of numbers in the file. */
export const DecimalSeparatorSchema = z.enum(['.', ',']);
/** A decimal separator. */
export type DecimalSeparator = z.infer<typeof DecimalSeparatorSchema>;

/**
 * Thousands separator: none, comma, dot, space (also matches no-break and narrow no-break spaces,
 * as spreadsheets in French or Spanish locales write them) or apostrophe (Swiss).
 */
export const ThousandsSeparatorSchema = z.enum(['', ',', '.', ' ', "'"]);
/** A thousands separator. */
export type ThousandsSeparator = z.infer<typeof ThousandsSeparatorSchema>;

/** Order of day, month and year in dates written with numbers only (01/02/2024). */
export const DateOrderSchema = z.enum(['dmy', 'mdy', 'ymd']);
/** A date order. */
export type DateOrder = z.infer<typeof DateOrderSchema>;

/** How a delimited text file is written: what sniffing finds and the user may override. */
export const CsvDialectSchema = z.object({
  encoding: TextEncodingSchema,
  /** True when the file starts with a byte-order mark (skipped). */
  hasBom: z.boolean(),
  delimiter: DelimiterSchema,
  /** Quote character, or null when fields are never quoted. Inside quotes a doubled quote is one quote. */
  quote: z.enum(['"', "'"]).nullable(),
  /** True when the first row holds column names. */
  hasHeader: z.boolean(),
  decimalSeparator: DecimalSeparatorSchema,
  thousandsSeparator: ThousandsSeparatorSchema,
  /** Day/month order for numeric dates; `dmy` unless the data proves otherwise. */
  dateOrder: DateOrderSchema,
});
/** How a delimited text file is written. */
export type CsvDialect = z.infer<typeof CsvDialectSchema>;

/** File formats the importer reads. */
export const ImportFormatSchema = z.enum(['csv', 'xlsx']);
/** A file format. */
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

/** The user's decision about one column in the preview, keyed by the (possibly renamed) column name. */
export const ColumnOverrideSchema = z.object({
  name: z.string().min(1),
  /** Force this type; values that do not convert become missing and are counted in a warning. */
  type: ColumnTypeSchema.optional(),
  /** Keep the column out of features (stored with role `ignored`). */
  isIgnored: z.boolean().optional(),
  /** Skip the column entirely: it is not read into the dataset. */
  isSkipped: z.boolean().optional(),
});
/** The user's decision about one column. */
export type ColumnOverride = z.infer<typeof ColumnOverrideSchema>;

/** Options of an import (all optional: sniffing fills in the rest). */
export const ImportOptionsSchema = z.object({
  /** Defaults to the file extension (.xlsx -> xlsx, anything else -> csv). */
  format: ImportFormatSchema.optional(),
  /** xlsx: sheet name; defaults to the first sheet. */
  sheet: z.string().optional(),
  /** csv: overrides of the sniffed dialect. */
  dialect: CsvDialectSchema.partial().optional(),
  /** xlsx: whether the first row holds names (sniffed when absent). */
  hasHeader: z.boolean().optional(),
  columns: z.array(ColumnOverrideSchema).optional(),
  /** Name of the target column. */
  target: z.string().optional(),
  /** Extra cell texts that mean "missing" (the defaults are always on: '', NA, N/A, null, NaN, ...). */
  missingValues: z.array(z.string()).optional(),
});
/** Options of an import. */
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

/** Warning codes of an import; each has texts `data.import.warning.<code>`. */
export const IMPORT_WARNING_CODES = [
  'columns_renamed',
  'dates_ambiguous',
  'numbers_fell_back_to_text',
  'values_not_converted',
  'encoding_fallback',
  'type_changed_after_full_read',
  'thousands_separator_assumed',
  'sample_only',
] as const;
/** Schema of an import warning code. */
export const ImportWarningCodeSchema = z.enum(IMPORT_WARNING_CODES);

/** Values interpolated into a translated message. */
export const MessageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
/** Values interpolated into a translated message. */
export type MessageParams = z.infer<typeof MessageParamsSchema>;

/** Something the user should know about an import that did not stop it. */
export const ImportWarningSchema = z.object({
  code: ImportWarningCodeSchema,
  /** `data.import.warning.<code>`. */
  messageKey: z.string(),
  params: MessageParamsSchema,
  /** Column the warning is about, when there is one. */
  column: z.string().optional(),
  /** 1-based line of the file, when it is about one place. */
  line: z.number().int().optional(),
});
/** An import warning. */
export type ImportWarning = z.infer<typeof ImportWarningSchema>;

/** A column name that was changed because it was empty or repeated. */
export const ColumnRenameSchema = z.object({
  /** 0-based position of the column. */
  index: z.number().int().nonnegative(),
  /** The name in the file ('' when empty). */
  from: z.string(),
  to: z.string(),
});
/** A column rename. */
export type ColumnRename = z.infer<typeof ColumnRenameSchema>;

/** One column as the preview shows it. */
export const ColumnPreviewSchema = z.object({
  index: z.number().int().nonnegative(),
  name: z.string(),
  /** Name in the file before renaming ('' when the header cell was empty). */
  originalName: z.string(),
  /** Type inferred from the sample (the user may override it). */
  type: ColumnTypeSchema,
  /** Missing cells in the sample. */
  missing: z.number().int().nonnegative(),
  /** Distinct non-missing values in the sample. */
  distinct: z.number().int().nonnegative(),
  /** Up to five distinct example values as written in the file. */
  examples: z.array(z.string()),
});
/** One column as the preview shows it. */
export type ColumnPreview = z.infer<typeof ColumnPreviewSchema>;

/** What the import dialog shows before anything is written. */
export const ImportPreviewSchema = z.object({
  format: ImportFormatSchema,
  /** File size in bytes. */
  bytes: z.number().int().nonnegative(),
  /** csv only: the sniffed dialect. */
  dialect: CsvDialectSchema.nullable(),
  /** xlsx only: sheet names, and the one shown. */
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  hasHeader: z.boolean(),
  columns: z.array(ColumnPreviewSchema),
  /** First rows as text cells (null = missing), in column order. */
  rows: z.array(z.array(z.string().nullable())),
  /** Data rows the sample held (type inference ran on them). */
  sampledRows: z.number().int().nonnegative(),
  /** Estimated data rows in the whole file (exact when `isComplete`). */
  estimatedRows: z.number().int().nonnegative(),
  /** True when the sample is the whole file. */
  isComplete: z.boolean(),
  renames: z.array(ColumnRenameSchema),
  /** A column whose name suggests it is the target (label, target, class, y...), if any. */
  suggestedTarget: z.string().nullable(),
  warnings: z.array(ImportWarningSchema),
});
/** What the import dialog shows. */
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/** Summary of a finished import. */
export const ImportSummarySchema = z.object({
  format: ImportFormatSchema,
  dialect: CsvDialectSchema.nullable(),
  sheet: z.string().nullable(),
  rows: z.number().int().nonnegative(),
  columns: z.array(DatasetColumnSchema),
  renames: z.array(ColumnRenameSchema),
  warnings: z.array(ImportWarningSchema),
  /** Wall time of the read, in milliseconds. */
  elapsedMs: z.number().nonnegative(),
});
/** Summary of a finished import. */
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

// ---------------------------------------------------------------------------------------------
// Profile

/** Histogram ready for a plotly bar chart: `counts[i]` rows fall in [edges[i], edges[i+1]) (last bin closed). */
export const HistogramSchema = z.object({
  edges: z.array(z.number()),
  counts: z.array(z.number().int().nonnegative()),
});
/** A histogram. */
export type Histogram = z.infer<typeof HistogramSchema>;

/** Bar chart of the most frequent values; `otherCount` rows hold any other value. */
export const BarsSchema = z.object({
  labels: z.array(z.string()),
  counts: z.array(z.number().int().nonnegative()),
  otherCount: z.number().int().nonnegative(),
});
/** Bar chart data. */
export type Bars = z.infer<typeof BarsSchema>;

/** Summary statistics of a numeric (or date-time, in epoch ms) column; exact, over non-missing values. */
export const NumericSummarySchema = z.object({
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  /** Sample standard deviation (n - 1), 0 for a single value. */
  std: z.number(),
  /** Quantiles by linear interpolation between order statistics (numpy's default). */
  q05: z.number(),
  q25: z.number(),
  median: z.number(),
  q75: z.number(),
  q95: z.number(),
});
/** Numeric summary statistics. */
export type NumericSummary = z.infer<typeof NumericSummarySchema>;

/** The profile of one column. Sections present depend on the type. */
export const ColumnProfileSchema = z.object({
  name: z.string(),
  type: ColumnTypeSchema,
  role: ColumnRoleSchema,
  /** Non-missing cells. */
  count: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  distinct: z.number().int().nonnegative(),
  /** numeric, integer, datetime (epoch ms): null when no value is present. */
  stats: NumericSummarySchema.nullable(),
  /** numeric, integer, datetime: histogram of values (datetime edges in epoch ms). */
  histogram: HistogramSchema.nullable(),
  /** boolean, categorical, text, identifier: most frequent values. */
  bars: BarsSchema.nullable(),
  /** text: length of the values in characters. */
  textLength: z.object({ min: z.number(), mean: z.number(), max: z.number() }).nullable(),
});
/** The profile of one column. */
export type ColumnProfile = z.infer<typeof ColumnProfileSchema>;

/** One class of a classification target. */
export const ClassCountSchema = z.object({
  label: z.string(),
  count: z.number().int().nonnegative(),
  share: z.number().min(0).max(1),
});
/** One class count. */
export type ClassCount = z.infer<typeof ClassCountSchema>;

/** The target: class balance (classification) or distribution (regression). */
export const TargetProfileSchema = z.object({
  column: z.string(),
  task: TaskTypeSchema,
  /** classification: classes by decreasing count. */
  classes: z.array(ClassCountSchema).nullable(),
  /** regression: summary and histogram. */
  stats: NumericSummarySchema.nullable(),
  histogram: HistogramSchema.nullable(),
  missing: z.number().int().nonnegative(),
});
/** Target profile. */
export type TargetProfile = z.infer<typeof TargetProfileSchema>;

/** Pearson correlation of numeric columns (pairwise complete rows); null where undefined. */
export const CorrelationMatrixSchema = z.object({
  columns: z.array(z.string()),
  values: z.array(z.array(z.number().nullable())),
});
/** Correlation matrix. */
export type CorrelationMatrix = z.infer<typeof CorrelationMatrixSchema>;

/** The profile of a whole table. */
export const TableProfileSchema = z.object({
  rows: z.number().int().nonnegative(),
  /** Rows identical to an earlier row in every column (identifier columns aside). */
  duplicateRows: z.number().int().nonnegative(),
  missingCells: z.number().int().nonnegative(),
  columns: z.array(ColumnProfileSchema),
  correlation: CorrelationMatrixSchema,
  target: TargetProfileSchema.nullable(),
});
/** The profile of a whole table. */
export type TableProfile = z.infer<typeof TableProfileSchema>;

// ---------------------------------------------------------------------------------------------
// Quality report

/** One stable kind per problem the quality report looks for (used by `ciclo data check --json`). */
export const FINDING_KINDS = [
  'missing_values',
  'rows_missing_many',
  'outliers',
  'class_imbalance',
  'class_too_small',
  'label_conflict',
  'label_suspect',
  'duplicate_rows',
  'leakage_predictive',
  'leakage_target_copy',
  'identifier_column',
  'leakage_future_timestamp',
  'stale_data',
  'underrepresented_group',
  'reference_drift',
  'constant_column',
  'near_constant_column',
  'high_cardinality',
] as const;
/** Schema of a finding kind. */
export const FindingKindSchema = z.enum(FINDING_KINDS);
/** A finding kind. */
export type FindingKind = z.infer<typeof FindingKindSchema>;

/** How much a finding matters: `critical` will mislead training or evaluation if left alone. */
export const SeveritySchema = z.enum(['info', 'warning', 'critical']);
/** A severity. */
export type Severity = z.infer<typeof SeveritySchema>;

/** Remedy kinds; each has texts `data.remedy.<kind>.title` / `.description`. */
export const REMEDY_KINDS = [
  'impute',
  'clip_outliers',
  'remove_outliers',
  'remove_duplicates',
  'drop_columns',
  'fix_labels',
  'random_undersample',
  'cluster_centroids',
  'random_oversample',
  'smote',
  'smote_nc',
  'gaussian_jitter',
] as const;
/** Schema of a remedy kind. */
export const RemedyKindSchema = z.enum(REMEDY_KINDS);
/** A remedy kind. */
export type RemedyKind = z.infer<typeof RemedyKindSchema>;

/** The facts behind a finding. */
export const EvidenceSchema = z.object({
  /** Columns involved. */
  columns: z.array(z.string()),
  /** Rows affected (0 when the finding is about a column as a whole). */
  rowCount: z.number().int().nonnegative(),
  /** rowCount / rows. */
  rowShare: z.number().min(0).max(1),
  /** Up to ten example rows, as 0-based row positions in the checked table. */
  exampleRows: z.array(z.number().int().nonnegative()),
  /** Named numbers and labels specific to the kind (e.g. `psi`, `ratio`, `classes`). */
  values: z.record(z.string(), z.union([z.number(), z.string(), z.null(), z.array(z.union([z.number(), z.string()]))])),
});
/** The facts behind a finding. */
export type Evidence = z.infer<typeof EvidenceSchema>;

/** One problem found in the data. */
export const FindingSchema = z.object({
  /** Stable within a report: `<kind>:<columns joined by ,>`. */
  id: z.string(),
  kind: FindingKindSchema,
  severity: SeveritySchema,
  /** `data.finding.<kind>`; `.title` and `.explanation` sub-keys exist in `dataset-texts.ts`. */
  messageKey: z.string(),
  params: MessageParamsSchema,
  evidence: EvidenceSchema,
  /** Remedies that address it, most suitable first (may be empty: some findings only need a decision). */
  remedies: z.array(RemedyKindSchema),
});
/** One problem found in the data. */
export type Finding = z.infer<typeof FindingSchema>;

/** What the quality check is told about the data. */
export const CheckOptionsSchema = z.object({
  target: z.string().optional(),
  /** Defaults to the task implied by the target's type. */
  task: TaskTypeSchema.optional(),
  /** Columns excluded from every check. */
  ignored: z.array(z.string()).optional(),
  /** Date-time column holding the moment of the predicted event: later timestamps in other columns leak. */
  eventTimeColumn: z.string().optional(),
  /** Columns to watch for under-represented groups (a sensitive attribute, a region, a device...). */
  groupColumns: z.array(z.string()).optional(),
  /** ISO time of the import, for staleness (defaults to now). */
  importedAt: z.string().optional(),
  /** Data older than this (newest row vs import time) is stale. Default 365. */
  staleAfterDays: z.number().positive().optional(),
});
/** What the quality check is told about the data. */
export type CheckOptions = z.infer<typeof CheckOptionsSchema>;

/** The quality report of a table. */
export const QualityReportSchema = z.object({
  rows: z.number().int().nonnegative(),
  columns: z.number().int().nonnegative(),
  task: TaskTypeSchema.nullable(),
  findings: z.array(FindingSchema),
  /** Count of findings by severity. */
  counts: z.object({ info: z.number().int(), warning: z.number().int(), critical: z.number().int() }),
});
/** The quality report of a table. */
export type QualityReport = z.infer<typeof QualityReportSchema>;

// ---------------------------------------------------------------------------------------------
// Remedies and recipes

/** Strategies of the imputer (scikit-learn's SimpleImputer names, plus `knn` for KNNImputer). */
export const ImputeStrategySchema = z.enum(['mean', 'median', 'most_frequent', 'constant', 'knn']);

/** Robust outlier rule: Tukey's fences on the IQR, or the median absolute deviation (scaled by 1.4826). */
export const OutlierMethodSchema = z.enum(['iqr', 'mad']);

const columnsField = z.array(z.string().min(1)).min(1);
const targetField = { target: z.string().min(1) };

/** Parameters of each remedy, by kind. */
export const RemedyParamsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('impute'),
    columns: columnsField,
    strategy: ImputeStrategySchema,
    /** `constant` only: the value written (a number for numeric columns, a text for categorical). */
    fillValue: z.union([z.number(), z.string()]).optional(),
    /** `knn` only: neighbours averaged (default 5). */
    kNeighbors: z.number().int().positive().optional(),
  }),
  z.object({
    kind: z.literal('clip_outliers'),
    columns: columnsField,
    method: OutlierMethodSchema,
    /** Fence factor: Q1 - f*IQR .. Q3 + f*IQR (default 3) or median +/- f*MAD*1.4826 (default 3.5). */
    factor: z.number().positive().optional(),
  }),
  z.object({
    kind: z.literal('remove_outliers'),
    columns: columnsField,
    method: OutlierMethodSchema,
    factor: z.number().positive().optional(),
  }),
  z.object({
    kind: z.literal('remove_duplicates'),
    /** Columns compared (default: all). */
    columns: z.array(z.string().min(1)).optional(),
  }),
  z.object({ kind: z.literal('drop_columns'), columns: columnsField }),
  z.object({
    kind: z.literal('fix_labels'),
    ...targetField,
    /** Row id (stable across versions) -> the correct label as text. */
    changes: z.array(z.object({ rowId: z.number().int().nonnegative(), label: z.string() })).min(1),
  }),
  z.object({ kind: z.literal('random_undersample'), ...targetField }),
  z.object({
    kind: z.literal('cluster_centroids'),
    ...targetField,
    /** `soft`: the k-means centroids become the rows; `hard`: the real row nearest each centroid. */
    voting: z.enum(['soft', 'hard']).optional(),
    maxIter: z.number().int().positive().optional(),
  }),
  z.object({ kind: z.literal('random_oversample'), ...targetField }),
  z.object({ kind: z.literal('smote'), ...targetField, kNeighbors: z.number().int().positive().optional() }),
  z.object({
    kind: z.literal('smote_nc'),
    ...targetField,
    kNeighbors: z.number().int().positive().optional(),
    /** Columns treated as categories (default: categorical and boolean features). */
    categoricalColumns: z.array(z.string()).optional(),
  }),
  z.object({
    kind: z.literal('gaussian_jitter'),
    /** Target column, kept as is on the new rows (and used by `classes`). */
    target: z.string().optional(),
    /** New rows as a fraction of the eligible training rows (1 = double them). */
    amount: z.number().positive().max(10),
    /** Noise standard deviation as a fraction of each column's standard deviation (default 0.05). */
    noiseScale: z.number().positive().max(1).optional(),
    /** Only rows of these classes are copied (default: all). */
    classes: z.array(z.string()).optional(),
    /** Numeric columns that get noise (default: every numeric feature). */
    columns: z.array(z.string()).optional(),
  }),
]);
/** Parameters of a remedy. */
export type RemedyParams = z.infer<typeof RemedyParamsSchema>;

/** Any JSON value (what a step learned: statistics, bounds...). */
export const JsonValueSchema = z.json();
/** Any JSON value. */
export type JsonValue = z.infer<typeof JsonValueSchema>;

/** One applied remedy: enough to replay it exactly on the same data, and sensibly on new data. */
export const RecipeStepSchema = z.object({
  params: RemedyParamsSchema,
  /** Seed of the step's random choices. */
  seed: z.number().int(),
  /**
   * What the step learned from the training rows (imputation values, outlier bounds...). Replay
   * applies these as recorded; steps with nothing learned (balancing, duplicates) run again.
   */
  fitted: z.record(z.string(), JsonValueSchema),
  rowsBefore: z.number().int().nonnegative(),
  rowsAfter: z.number().int().nonnegative(),
  /** Rows added (synthetic) and removed, and cells changed in place. */
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  changedCells: z.number().int().nonnegative(),
  /** Facts for the UI (e.g. class counts before and after), kind-specific. */
  notes: z.record(z.string(), JsonValueSchema),
});
/** One applied remedy. */
export type RecipeStep = z.infer<typeof RecipeStepSchema>;

/** Ordered remedies that turn an imported table into the current one. */
export const RecipeSchema = z.object({
  formatVersion: z.literal(1),
  steps: z.array(RecipeStepSchema),
});
/** A recipe. */
export type Recipe = z.infer<typeof RecipeSchema>;

// ---------------------------------------------------------------------------------------------
// Partitions

/** Part codes stored per row: 0 train, 1 validation, 2 test. */
export const PART_NAMES = ['train', 'validation', 'test'] as const;
/** Schema of a part name. */
export const PartNameSchema = z.enum(PART_NAMES);
/** A part name. */
export type PartName = z.infer<typeof PartNameSchema>;

/** How rows are split. */
export const PartitionMethodSchema = z.enum(['random', 'stratified', 'grouped', 'time']);
/** A partition method. */
export type PartitionMethod = z.infer<typeof PartitionMethodSchema>;

/** Shares of the three parts; they add up to 1 (validation may be 0). */
export const PartFractionsSchema = z
  .object({
    train: z.number().gt(0).max(1),
    validation: z.number().min(0).max(1),
    test: z.number().min(0).max(1),
  })
  .refine((f) => Math.abs(f.train + f.validation + f.test - 1) < 1e-9, { message: 'The three shares must add up to 1.' });

/** A partition request, saved with the version so the split can be reproduced. */
export const PartitionSpecSchema = z.object({
  method: PartitionMethodSchema,
  fractions: PartFractionsSchema,
  seed: z.number().int(),
  /** stratified: the column to keep balanced (usually the target); grouped: the group column; time: the date-time column. */
  column: z.string().optional(),
  /** Target whose class balance is reported per part (classification). */
  target: z.string().optional(),
});
/** A partition request. */
export type PartitionSpec = z.infer<typeof PartitionSpecSchema>;

/** The result of a partition, as the UI shows it. */
export const PartitionSummarySchema = z.object({
  spec: PartitionSpecSchema,
  counts: z.object({ train: z.number().int(), validation: z.number().int(), test: z.number().int() }),
  /** Per part class counts when a classification target is known. */
  classBalance: z
    .object({ train: z.array(ClassCountSchema), validation: z.array(ClassCountSchema), test: z.array(ClassCountSchema) })
    .nullable(),
  /** grouped: number of distinct groups in each part. */
  groups: z.object({ train: z.number().int(), validation: z.number().int(), test: z.number().int() }).nullable(),
  /** time: the time range of each part (ISO strings). */
  timeRanges: z
    .object({
      train: z.tuple([z.string(), z.string()]).nullable(),
      validation: z.tuple([z.string(), z.string()]).nullable(),
      test: z.tuple([z.string(), z.string()]).nullable(),
    })
    .nullable(),
});
/** The result of a partition. */
export type PartitionSummary = z.infer<typeof PartitionSummarySchema>;
