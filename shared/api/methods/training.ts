/**
 * Methods of the Features, Train and Evaluate steps.
 *
 * Features: a suggested pipeline spec for a dataset version (per-column steps with rationale keys,
 * relevance of each column to the target, leakage warnings from the stored quality report), a
 * preview of the transformed table, and feature sets (a pipeline spec saved with the dataset
 * version it was designed on; immutable, so every run can name the one it used).
 *
 * Train: the model catalogue with the "recommended for this data" preset (always the baseline and
 * the one-rule model), and runs. `training.start` creates one run per chosen model; each run is a
 * job of kind `training.run` (job `subjectId` = run id) in a worker thread: it loads the version
 * and its partition, fits the pipeline on the training part (k-fold cross-validation on it when
 * chosen, an optional hyper-parameter search within a time budget), evaluates on the validation
 * part, and is recorded in the project in one transaction at the end (spec, params, seed, engine
 * version, timings, metrics, report and the fitted pipeline). A cancelled or crashed run keeps
 * only its record, marked `cancelled`, `failed` or `interrupted`, and can be run again.
 *
 * Evaluate: the validation report of a run (every metric, confusion matrix, ROC/PR/calibration,
 * per-class scores, importances, residuals, worst errors with their original values, the
 * objective's verdict, the lift over the baseline and over the one-rule model), permutation
 * importance (a job), binary threshold tuning with a saved threshold, the test partition (used
 * once, on request, recorded), side-by-side comparison, and a self-contained HTML export.
 *
 * Events: `job.progress` for every run and evaluation job, `training.curve` (learning curve points
 * of the final fit, throttled), `training.runUpdated` (a run was created or changed state) and
 * `project.changed {area: 'features' | 'training'}`.
 *
 * Progress phase keys of training jobs (`JobProgress.phaseKey`, with `phaseParams`):
 *   jobs.phase.training.loading                  loading the dataset version
 *   jobs.phase.training.searching    {candidate, candidates}  hyper-parameter search
 *   jobs.phase.training.crossValidating {fold, folds}         k-fold cross-validation
 *   jobs.phase.training.fitting      {iteration?, iterations?} the final fit on the training part
 *   jobs.phase.training.evaluating               scoring the validation part
 *   jobs.phase.training.saving                   serialising the fitted pipeline
 *   jobs.phase.evaluation.permutation {feature, features}     permutation importance
 *   jobs.phase.evaluation.test                   scoring the test part
 *   (features.suggest / features.preview run in a worker too: jobs.phase.features.relevance, jobs.phase.features.preview)
 *
 * Other i18n keys the backend sends: `features.rationale.noTarget` (rationale when there is no
 * target), `features.reason.noTarget` (suggestion without spec), `features.leakSuspect` {column}
 * (relevance leakage warning), `training.preset.reason.<id>` (baseline, onerule, logreg, ridge, rf,
 * hgb, knn), and the step reasons `lifecycle.reason.train.noFinishedRun`,
 * `lifecycle.reason.evaluate.noObjective`, `lifecycle.reason.evaluate.belowThreshold`.
 *
 * Error message keys (besides the generic `errors.<CODE>`):
 *   errors.training.noTarget            the version has no target and the objective names none (field datasetId)
 *   errors.training.needsPartition      the version has no train/validation/test partition (field versionId)
 *   errors.training.noValidationRows    holdout chosen but the partition has no validation rows (field validation.scheme)
 *   errors.training.unknownModel        {model}  (field models.N.id)
 *   errors.training.modelNotForTask     {model, task}  (field models.N.id)
 *   errors.training.specMismatch        {column}  a spec column is not in the version (field spec / featureSetId)
 *   errors.training.runNotFound         (field runId)
 *   errors.training.runNotFinished      the run has no result yet (field runId)
 *   errors.training.featureSetNotFound  (field featureSetId)
 *   errors.training.targetMissing       {column, count}  rows without a target value (field target)
 *   errors.training.targetNotUsable     {column}  dates as a classification target, text as a regression target (field target)
 *   errors.evaluation.thresholdsNeedBinary  threshold tuning is for two classes (field runId)
 *   errors.evaluation.testAlreadyUsed   {usedAt, author, runId}  the test part of this version was used; pass confirm (field confirm)
 *   errors.evaluation.noTestRows        the partition has no test rows (field runId)
 *   errors.evaluation.noTestReport      evaluation.report with part 'test' before evaluation.test (field part)
 *   errors.evaluation.fileExists        {path} (field path)
 *   errors.evaluation.cannotWrite       {path} (field path)
 */
import { z } from 'zod';
import { defineMethods } from '../define.js';
import { ApiErrorSchema } from '../../errors.js';
import { JobStateSchema } from '../../domain/jobs.js';
import { MetricIdSchema, TaskTypeSchema } from '../../domain/metrics.js';
import { ModelCatalogEntrySchema } from '../../domain/model-catalog.js';
import { ColumnKindSchema, ColumnRoleSchema, PipelineSpecSchema } from '../../domain/pipeline-spec.js';
import { ColumnTypeSchema, FindingKindSchema, SeveritySchema } from '../../domain/dataset.js';

/** Ids are opaque strings chosen by the backend. */
const IdSchema = z.string().min(1).max(100);
/** A JSON-safe number: null where the value is undefined (NaN) or infinite. */
const Num = z.number().nullable();
/** A hyper-parameter value. */
const ParamValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
/** Hyper-parameters by name (camelCase, scikit-learn's meaning; see the catalogue). */
export const ParamsSchema = z.record(z.string(), ParamValueSchema);

// ---------------------------------------------------------------------------------------------
// Features

/** The relevance of one column to the target (electron/ml/feature-selection/relevance.ts). */
export const ColumnRelevanceSchema = z.object({
  column: z.string(),
  /** Kind of the column as the engine read it. */
  kind: z.enum(['numeric', 'categorical', 'text', 'datetime']),
  rowsUsed: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  /** Mutual information with the target, in nats. */
  mutualInfo: Num,
  /** Mutual information / target entropy (classification only), 0..1. */
  mutualInfoNormalized: Num,
  /** Which univariate test gave `statistic` and `pValue`: ANOVA F, F regression or chi-square. */
  test: z.enum(['anova', 'f_regression', 'chi2']).nullable(),
  statistic: Num,
  pValue: Num,
  pearson: Num,
  spearman: Num,
  cramersV: Num,
  /** Correlation ratio η. */
  correlationRatio: Num,
  /** Association with the target is nearly perfect: possibly a copy or a consequence of it. */
  isLeakSuspect: z.boolean(),
  skipped: z.enum(['text', 'constant', 'too_few_rows']).nullable(),
  /** 1 = most informative by mutual information. */
  rank: z.number().int().positive().nullable(),
});
/** The relevance of one column. */
export type ColumnRelevance = z.infer<typeof ColumnRelevanceSchema>;

/** A warning that a column may leak the target. */
export const LeakageWarningSchema = z.object({
  column: z.string(),
  /** `qualityReport`: a finding of the stored quality report; `relevance`: near-perfect association found here. */
  source: z.enum(['qualityReport', 'relevance']),
  /** Finding kind (quality report), or `leak_suspect` (relevance). */
  kind: z.union([FindingKindSchema, z.literal('leak_suspect')]),
  severity: SeveritySchema,
  /** i18n key (`data.finding.<kind>` for findings; `features.leakSuspect` for relevance). */
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
/** A leakage warning. */
export type LeakageWarning = z.infer<typeof LeakageWarningSchema>;

/** One column as the Features step shows it. */
export const FeatureColumnSchema = z.object({
  name: z.string(),
  /** The dataset's type. */
  type: ColumnTypeSchema,
  /** The spec's kind (identifier columns read as text). */
  kind: ColumnKindSchema,
  /** The suggested role (the spec's). */
  role: ColumnRoleSchema,
  /** i18n key explaining the suggested steps (`features.rationale.*`). */
  rationaleKey: z.string(),
  missing: z.number().int().nonnegative(),
  distinct: z.number().int().nonnegative(),
  /** Null for the target, ignored columns, and when there is no target. */
  relevance: ColumnRelevanceSchema.nullable(),
  leakage: z.array(LeakageWarningSchema),
});
/** One column of a suggestion. */
export type FeatureColumn = z.infer<typeof FeatureColumnSchema>;

/** What `features.suggest` proposes for a version. */
export const FeatureSuggestionSchema = z.object({
  datasetId: IdSchema,
  versionId: IdSchema,
  /** The version's target, else the objective's target column; null when neither is known. */
  target: z.string().nullable(),
  task: TaskTypeSchema.nullable(),
  /** `objective`: the objective's task type; `inferred`: from the target column's type. */
  taskSource: z.enum(['objective', 'inferred']).nullable(),
  /** The default spec (model: logistic regression or ridge; see `adaptToModel`). Null without a target. */
  spec: PipelineSpecSchema.nullable(),
  /** i18n key saying why `spec` is null. */
  reasonKey: z.string().nullable(),
  columns: z.array(FeatureColumnSchema),
  /** Rows the relevance was computed on (a seeded sample above 20,000 rows). */
  relevanceRows: z.number().int().nonnegative(),
  isRelevanceSampled: z.boolean(),
  /** False when the version has no stored quality report: leakage warnings then come from relevance only. */
  hasQualityReport: z.boolean(),
});
/** A suggestion. */
export type FeatureSuggestion = z.infer<typeof FeatureSuggestionSchema>;

/** A transformed page of rows. */
export const FeaturePreviewSchema = z.object({
  /** Output feature names, as the model will see them (e.g. `city_Madrid`, `signup_month`). */
  featureNames: z.array(z.string()),
  /** Input column each output feature comes from. */
  sources: z.array(z.string()),
  /** Stable row ids of the previewed rows (training rows). */
  rowIds: z.array(z.number().int()),
  /** rows[i][j]: feature j of row i; null = NaN (a missing value the model handles itself). */
  rows: z.array(z.array(Num)),
  /** Training rows the preprocessing was fitted on. */
  fittedRows: z.number().int().nonnegative(),
  /** `train`: the partition's training part; `all`: the version has no partition. */
  fittedOn: z.enum(['train', 'all']),
});
/** A transformed page. */
export type FeaturePreview = z.infer<typeof FeaturePreviewSchema>;

/** A saved feature set: a pipeline spec with the dataset version it was designed on. Immutable. */
export const FeatureSetSchema = z.object({
  id: IdSchema,
  datasetId: IdSchema,
  versionId: IdSchema,
  name: z.string(),
  spec: PipelineSpecSchema,
  /**
   * True (default): each model gets the preprocessing its family needs (scaling for linear
   * models, ordinal codes for trees...), keeping the roles chosen here. False: these exact steps
   * are used for every model.
   */
  adaptToModel: z.boolean(),
  author: z.string(),
  createdAt: z.string(),
});
/** A saved feature set. */
export type FeatureSet = z.infer<typeof FeatureSetSchema>;

// ---------------------------------------------------------------------------------------------
// Train

/** A model to train: a catalogue id and (optional) hyper-parameters over its defaults. */
export const ModelChoiceSchema = z.object({
  id: z.string().min(1).max(40),
  params: ParamsSchema.optional(),
});
/** A model to train. */
export type ModelChoice = z.infer<typeof ModelChoiceSchema>;

/** How a run is validated. `kfold`: cross-validation on the training part (scores recorded), then the final model is fitted on the whole training part. */
export const ValidationSchema = z.object({
  scheme: z.enum(['holdout', 'kfold']),
  /** Folds of `kfold` (default 5). */
  k: z.number().int().min(2).max(20).optional(),
});
/** How a run is validated. */
export type Validation = z.infer<typeof ValidationSchema>;

/**
 * Optional hyper-parameter search: candidates drawn from the catalogue's parameter ranges (random)
 * or a 3-point grid, each cross-validated on the training part (k of `kfold`, else 3) and ranked by
 * the objective's metric; the best is refitted on the whole training part. No new candidate starts
 * once `budgetSeconds` is spent.
 */
export const SearchSpecSchema = z.object({
  kind: z.enum(['random', 'grid']),
  budgetSeconds: z.number().positive().max(86_400),
  maxCandidates: z.number().int().min(1).max(1000),
});
/** A search request. */
export type SearchSpec = z.infer<typeof SearchSpecSchema>;

/** One entry of the "recommended for this data" preset. */
export const RecommendedModelSchema = z.object({
  id: z.string(),
  params: ParamsSchema,
  /** i18n key: why it is in the preset (`training.preset.reason.<id>`). */
  reasonKey: z.string(),
});

/** State of a run (the job states). */
export const RunStateSchema = JobStateSchema;
/** State of a run. */
export type RunState = z.infer<typeof RunStateSchema>;

/** The objective's verdict on one value. */
export const ObjectiveVerdictSchema = z.object({
  metric: MetricIdSchema,
  threshold: z.number(),
  direction: z.enum(['higher', 'lower']),
  value: Num,
  meets: z.boolean(),
});
/** The objective's verdict. */
export type ObjectiveVerdict = z.infer<typeof ObjectiveVerdictSchema>;

/** A run as the leaderboard lists it. */
export const RunSummarySchema = z.object({
  id: IdSchema,
  /** 1, 2, 3... in the project (`ciclo evaluate --run 7`). */
  number: z.number().int().positive(),
  /** Runs started by the same `training.start` share it. */
  batchId: IdSchema,
  datasetId: IdSchema,
  datasetName: z.string(),
  versionId: IdSchema,
  versionNumber: z.number().int().positive(),
  featureSetId: IdSchema.nullable(),
  modelId: z.string(),
  /** Registry kind, e.g. `HistGradientBoostingClassifier`. */
  modelKind: z.string(),
  /** The final hyper-parameters (defaults filled in, search choices applied). */
  params: ParamsSchema,
  seed: z.number().int(),
  task: TaskTypeSchema,
  target: z.string(),
  validation: z.object({ scheme: z.enum(['holdout', 'kfold']), k: z.number().int().nullable() }),
  search: SearchSpecSchema.nullable(),
  engineVersion: z.string(),
  state: RunStateSchema,
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nonnegative().nullable(),
  /** The job of the latest attempt. */
  jobId: z.string().nullable(),
  error: ApiErrorSchema.nullable(),
  /** Where the metrics come from: the validation part, or out-of-fold predictions on the training part (kfold without validation rows). */
  evaluatedOn: z.enum(['validation', 'outOfFold']).nullable(),
  trainRows: z.number().int().nonnegative().nullable(),
  evaluatedRows: z.number().int().nonnegative().nullable(),
  /** Every scalar metric of the validation report (ids of shared/domain/metrics.ts and more, e.g. `f1_weighted`). */
  metrics: z.record(z.string(), Num).nullable(),
  /** k-fold: mean and standard deviation over folds. */
  cv: z.object({ k: z.number().int(), mean: z.record(z.string(), Num), std: z.record(z.string(), Num) }).nullable(),
  /** The objective's verdict on this run (null without an objective for this task). */
  objective: ObjectiveVerdictSchema.nullable(),
  /** The run this one repeats (`training.rerun`). */
  rerunOf: IdSchema.nullable(),
  /** Size of the fitted pipeline's JSON and its SHA-256 (hex). */
  artifactBytes: z.number().int().nonnegative().nullable(),
  artifactSha256: z.string().nullable(),
  /** Binary problems: the decision threshold saved with `evaluation.setThreshold` (null: the model's own rule). */
  chosenThreshold: z.number().nullable(),
  /** True once the test part was scored for this run. */
  hasTestReport: z.boolean(),
});
/** A run in the leaderboard. */
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** A learning-curve point of the final fit. */
export const CurvePointSchema = z.object({
  iteration: z.number().int().nonnegative(),
  trainLoss: z.number().optional(),
  validationScore: z.number().optional(),
});

/** One candidate of a search. */
export const SearchCandidateSchema = z.object({
  params: ParamsSchema,
  status: z.enum(['done', 'failed', 'skipped']),
  meanScore: Num,
  stdScore: Num,
  rank: z.number().int().positive().nullable(),
  fitMs: z.number().nonnegative(),
  error: z.string().optional(),
});

/** A run with everything recorded about it. */
export const RunDetailSchema = RunSummarySchema.extend({
  /** The spec the run fitted (the feature set adapted to the model, with the model's params). */
  spec: PipelineSpecSchema,
  /** Name of the curve's validation score (e.g. `loss`, `log_loss`), null when the model reports none. */
  curveMetric: z.string().nullable(),
  curve: z.array(CurvePointSchema),
  searchResult: z
    .object({
      metric: MetricIdSchema,
      candidates: z.array(SearchCandidateSchema),
      bestIndex: z.number().int().nullable(),
      stoppedBy: z.enum(['completed', 'time_budget']),
      elapsedMs: z.number().nonnegative(),
    })
    .nullable(),
  /** Class labels in probability order (classification). */
  classLabels: z.array(z.string()).nullable(),
  /** Output feature names of the fitted preprocessing. */
  featureNames: z.array(z.string()),
});
/** A run with everything recorded about it. */
export type RunDetail = z.infer<typeof RunDetailSchema>;

/** A started run. */
export const StartedRunSchema = z.object({ runId: IdSchema, jobId: z.string(), modelId: z.string() });

// ---------------------------------------------------------------------------------------------
// Evaluate

/** Scores of one class. */
export const PerClassSchema = z.object({
  name: z.string(),
  precision: Num,
  recall: Num,
  f1: Num,
  support: z.number(),
  rocAuc: Num,
  averagePrecision: Num,
});

/** The classification part of a report (from electron/ml/metrics/report.ts `evaluateClassification`). */
export const ClassificationDetailSchema = z.object({
  classes: z.array(z.string()),
  /** Binary problems: the positive class (the objective's, else the second label in sorted order). */
  positiveClass: z.string().nullable(),
  perClass: z.array(PerClassSchema),
  /** counts[i][j]: rows of true class i predicted as j; normalised by true row, predicted column, all. */
  confusionMatrix: z.object({
    labels: z.array(z.string()),
    counts: z.array(z.array(z.number())),
    normalizedTrue: z.array(z.array(z.number())),
    normalizedPred: z.array(z.array(z.number())),
    normalizedAll: z.array(z.array(z.number())),
  }),
  /** One curve (binary: the positive class) or one per class; at most 400 points each. */
  roc: z.array(z.object({ name: z.string(), fpr: z.array(Num), tpr: z.array(Num), thresholds: z.array(Num), auc: Num })),
  pr: z.array(z.object({ name: z.string(), precision: z.array(Num), recall: z.array(Num), thresholds: z.array(Num), averagePrecision: Num, prevalence: Num })),
  /** Binary only: reliability diagrams with uniform and quantile bins. */
  calibration: z.array(z.object({ strategy: z.enum(['uniform', 'quantile']), probTrue: z.array(Num), probPred: z.array(Num), counts: z.array(z.number()), edges: z.array(Num) })),
});

/** The regression part of a report. */
export const RegressionDetailSchema = z.object({
  residuals: z.object({
    n: z.number(),
    /** Mean residual y - ŷ (positive = the model under-predicts). */
    mean: z.number(),
    std: z.number(),
    min: z.number(),
    max: z.number(),
    q05: z.number(),
    q25: z.number(),
    median: z.number(),
    q75: z.number(),
    q95: z.number(),
    meanAbsolute: z.number(),
    medianAbsolute: z.number(),
    histogram: z.object({ edges: z.array(z.number()), counts: z.array(z.number()) }),
  }),
  /** A sample of at most 2,000 rows for predicted-vs-actual and residual plots. */
  scatter: z.object({ rowIds: z.array(z.number().int()), yTrue: z.array(z.number()), yPred: z.array(z.number()) }),
});

/** Permutation importance of the input columns on the evaluated rows. */
export const PermutationImportanceSchema = z.object({
  metric: MetricIdSchema,
  direction: z.enum(['higher', 'lower']),
  baselineScore: Num,
  nRepeats: z.number().int().positive(),
  seed: z.number().int(),
  /** Largest mean drop first. */
  features: z.array(z.object({ feature: z.string(), importanceMean: Num, importanceStd: Num, importances: z.array(Num) })),
  computedAt: z.string(),
});

/** What a run scored relative to a reference run (baseline or one-rule) on the same rows. */
export const LiftSchema = z.object({
  runId: IdSchema,
  runNumber: z.number().int().positive(),
  /** The reference run's value of the objective's metric. */
  value: Num,
  /** Improvement of this run over it, positive = better (value difference, sign-adjusted for "lower is better" metrics). */
  lift: Num,
});

/** The evaluation report of a run on one part. */
export const EvaluationReportSchema = z.object({
  runId: IdSchema,
  task: TaskTypeSchema,
  /** Which rows: the validation part, out-of-fold predictions on the training part, or the test part. */
  evaluatedOn: z.enum(['validation', 'outOfFold', 'test']),
  nRows: z.number().int().nonnegative(),
  target: z.string(),
  /** The metric the objective (or, without one, the default for the task) ranks by. */
  metric: MetricIdSchema,
  metrics: z.record(z.string(), Num),
  objective: ObjectiveVerdictSchema.nullable(),
  /** Lift over the newest finished baseline and one-rule runs on the same dataset version and rows (null when there is none). */
  lift: z.object({ baseline: LiftSchema.nullable(), oneRule: LiftSchema.nullable() }),
  classification: ClassificationDetailSchema.nullable(),
  regression: RegressionDetailSchema.nullable(),
  /** The model's own importances (impurity or coefficients) by output feature, largest first; null when the model has none. */
  featureImportances: z.array(z.object({ name: z.string(), importance: z.number() })).nullable(),
  /** Null until `evaluation.permutationImportance` ran (validation part only). */
  permutationImportance: PermutationImportanceSchema.nullable(),
  /**
   * The worst errors (misclassified rows with the least probability on the true class; largest
   * |residual|), at most 20, with the row's original values (cells as display text, in `columns` order).
   */
  worstErrors: z.object({
    columns: z.array(z.string()),
    rows: z.array(
      z.object({
        rowId: z.number().int(),
        cells: z.array(z.string().nullable()),
        actual: z.string(),
        predicted: z.string(),
        /** Classification: probability given to the true class. */
        probTrue: Num,
        /** Regression: y - ŷ. */
        residual: Num,
      }),
    ),
  }),
  /** Test reports: who asked and when, and whether it was a confirmed reuse of the test part. */
  test: z.object({ author: z.string(), at: z.string(), isConfirmedReuse: z.boolean() }).nullable(),
  createdAt: z.string(),
});
/** An evaluation report. */
export type EvaluationReport = z.infer<typeof EvaluationReportSchema>;

/** A decision threshold's outcome on the validation rows. */
export const ThresholdPointSchema = z.object({
  threshold: z.number(),
  precision: Num,
  recall: Num,
  f1: Num,
  tp: z.number(),
  fp: z.number(),
  fn: z.number(),
  tn: z.number(),
});

/** Threshold tuning of a binary classifier on its validation rows (positive class: `positiveClass`). */
export const ThresholdsSchema = z.object({
  runId: IdSchema,
  positiveClass: z.string(),
  /**
   * Candidate thresholds, decreasing (predict positive when p >= threshold), with the metrics at
   * each; every distinct score up to 2,000, evenly thinned above that (always both ends).
   */
  candidates: z.array(ThresholdPointSchema),
  /** Best candidates for F1, balanced accuracy and accuracy. */
  best: z.object({ f1: ThresholdPointSchema.nullable(), balancedAccuracy: ThresholdPointSchema.nullable(), accuracy: ThresholdPointSchema.nullable() }),
  /** The outcome of the model's own rule (arg-max, i.e. 0.5 for most models). */
  current: ThresholdPointSchema.nullable(),
  /** The saved choice (null: none; serving then uses the model's own rule). */
  chosen: ThresholdPointSchema.extend({ author: z.string(), at: z.string() }).nullable(),
});
/** Threshold tuning. */
export type Thresholds = z.infer<typeof ThresholdsSchema>;

/** Two runs side by side. */
export const RunComparisonSchema = z.object({
  a: RunSummarySchema,
  b: RunSummarySchema,
  /** Every metric either run has; `better` by the metric's direction (null when it has no direction or a value is missing). */
  metrics: z.array(z.object({ id: z.string(), a: Num, b: Num, direction: z.enum(['higher', 'lower']).nullable(), better: z.enum(['a', 'b', 'tie']).nullable() })),
  /** Hyper-parameters that differ (all of them when the models differ). */
  params: z.array(z.object({ name: z.string(), a: ParamValueSchema.optional(), b: ParamValueSchema.optional() })),
  /** Columns whose role or steps differ, as compact step lists (e.g. `impute(median) > standardScale`). */
  features: z.array(z.object({ column: z.string(), a: z.string().nullable(), b: z.string().nullable() })),
  isSameData: z.boolean(),
  isSameValidation: z.boolean(),
});
/** Two runs side by side. */
export type RunComparison = z.infer<typeof RunComparisonSchema>;

const runRef = { runId: IdSchema };
const JobStartedSchema = z.object({ jobId: z.string() });

/** Methods of the Features, Train and Evaluate steps. */
export const trainingMethods = defineMethods({
  /** Suggests a pipeline spec for a version, with relevance and leakage warnings (computed in a worker). */
  'features.suggest': {
    input: z.object({ datasetId: IdSchema, versionId: IdSchema.optional() }),
    output: FeatureSuggestionSchema,
  },
  /** Fits the spec's preprocessing on the training rows (in a worker) and returns a transformed page of them. */
  'features.preview': {
    input: z.object({
      datasetId: IdSchema,
      versionId: IdSchema.optional(),
      spec: PipelineSpecSchema,
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(200).default(20),
    }),
    output: FeaturePreviewSchema,
  },
  /** Saves a feature set (a new immutable record; the newest per dataset is the one `features.get` returns). */
  'features.save': {
    input: z.object({
      datasetId: IdSchema,
      versionId: IdSchema,
      spec: PipelineSpecSchema,
      name: z.string().trim().min(1).max(120).optional(),
      adaptToModel: z.boolean().default(true),
    }),
    output: FeatureSetSchema,
  },
  /** A feature set by id, or the newest of a dataset; null when there is none. */
  'features.get': {
    input: z.object({ featureSetId: IdSchema.optional(), datasetId: IdSchema.optional() }),
    output: FeatureSetSchema.nullable(),
  },
  /** Feature sets, newest first (of one dataset when given). */
  'features.list': {
    input: z.object({ datasetId: IdSchema.optional() }),
    output: z.array(FeatureSetSchema),
  },

  /** Every model with its parameters, and the preset recommended for a version (its task and size). */
  'training.catalog': {
    input: z.object({ datasetId: IdSchema.optional(), versionId: IdSchema.optional() }),
    output: z.object({
      task: TaskTypeSchema.nullable(),
      /** Rows of the version's training part (or of the version without a partition). */
      rows: z.number().int().nonnegative().nullable(),
      models: z.array(ModelCatalogEntrySchema),
      recommended: z.array(RecommendedModelSchema),
    }),
  },
  /**
   * Starts one run per model (jobs of kind `training.run`; at most one per core run at once, the
   * rest queue). Without `featureSetId` the dataset's newest feature set is used, else the default spec.
   */
  'training.start': {
    input: z.object({
      datasetId: IdSchema,
      versionId: IdSchema.optional(),
      featureSetId: IdSchema.optional(),
      models: z.array(ModelChoiceSchema).min(1).max(50),
      validation: ValidationSchema.default({ scheme: 'holdout' }),
      search: SearchSpecSchema.optional(),
      seed: z.number().int().min(0).max(2_147_483_647).default(42),
    }),
    output: z.object({ batchId: IdSchema, runs: z.array(StartedRunSchema) }),
  },
  /** Runs, newest first. */
  'training.runs': {
    input: z.object({ datasetId: IdSchema.optional(), batchId: IdSchema.optional() }),
    output: z.array(RunSummarySchema),
  },
  'training.run': { input: z.object(runRef), output: RunDetailSchema },
  /** Cancels a queued or running run; it is recorded as cancelled with no result. */
  'training.cancel': { input: z.object(runRef), output: z.object({ cancelled: z.boolean() }) },
  /** Runs a recorded run again with the same data, spec, params and seed: a new run whose model is byte-identical. */
  'training.rerun': { input: z.object(runRef), output: StartedRunSchema },

  /** The evaluation report of a finished run on its validation rows, or (after `evaluation.test`) on the test part. */
  'evaluation.report': {
    input: z.object({ ...runRef, part: z.enum(['validation', 'test']).default('validation') }),
    output: EvaluationReportSchema,
  },
  /** Computes permutation importance of the input columns on the validation rows (a job; the report then carries it). */
  'evaluation.permutationImportance': {
    input: z.object({ ...runRef, nRepeats: z.number().int().min(1).max(50).default(5) }),
    output: JobStartedSchema,
  },
  /** Threshold tuning of a binary classifier. */
  'evaluation.thresholds': { input: z.object(runRef), output: ThresholdsSchema },
  /**
   * Saves a decision threshold, or clears it with null. The value is snapped to the candidate that
   * makes the same decisions on the validation rows (the smallest candidate at or above it).
   */
  'evaluation.setThreshold': {
    input: z.object({ ...runRef, threshold: z.number().min(0).max(1).nullable() }),
    output: ThresholdsSchema,
  },
  /**
   * Scores the run on the test part (a job), recording who and when. The test part of a dataset
   * version is meant to be used once, for the final model: a second use (by any run on the same
   * version) is refused with CONFLICT `errors.evaluation.testAlreadyUsed` unless `confirm` is true,
   * and a confirmed reuse is recorded as such.
   */
  'evaluation.test': {
    input: z.object({ ...runRef, confirm: z.boolean().default(false) }),
    output: JobStartedSchema,
  },
  /** Two finished runs side by side. */
  'evaluation.compare': { input: z.object({ a: IdSchema, b: IdSchema }), output: RunComparisonSchema },
  /** Writes a self-contained HTML report of a run (inline SVG charts and styles, no network). */
  'evaluation.exportHtml': {
    input: z.object({
      ...runRef,
      path: z.string().min(1),
      locale: z.enum(['en', 'es']).default('en'),
      /** Replace an existing file (default false: CONFLICT `errors.evaluation.fileExists`). */
      overwrite: z.boolean().default(false),
    }),
    output: z.object({ path: z.string(), bytes: z.number().int().nonnegative() }),
  },
});
