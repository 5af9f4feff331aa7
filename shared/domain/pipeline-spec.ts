/**
 * The serialisable description of a feature pipeline plus model, as the Features step designs it
 * and the project saves it: per input column its role and its transformation steps (with params),
 * the model (catalogue id + hyper-parameters), the task and the target. The engine turns a spec
 * into a fitted-to-be `ModelPipeline` (electron/ml/compose/from-spec.ts); nothing in a spec is
 * executable. `defaultPipelineSpec` proposes the defaults a beginner can trust, with an i18n key
 * per column explaining the choice.
 */
import { z } from 'zod';
import { TaskTypeSchema, type TaskType } from './metrics.js';

/** Version of the spec layout. Bump it (and keep reading older ones) when the layout changes. */
export const PIPELINE_SPEC_VERSION = 1;

/** Column kinds, as the data step types them. */
export const ColumnKindSchema = z.enum(['numeric', 'categorical', 'text', 'datetime']);
/** A column kind. */
export type ColumnKind = z.infer<typeof ColumnKindSchema>;

/**
 * What a column is for: a `feature` the model reads, the `target` it predicts, an `id` (an
 * identifier, never a feature: it would only let the model memorise rows) or `ignore`d.
 */
export const ColumnRoleSchema = z.enum(['feature', 'target', 'id', 'ignore']);
/** A column role. */
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

const finite = z.number().finite();

/**
 * One transformation step. Encoders (`oneHot`, `ordinal`, `dateParts`, `tfidf`) turn a non-numeric
 * column into numbers and come first; numeric steps may follow. Param names and meanings follow the
 * engine's transformers (scikit-learn's, in camelCase); omitted params take the engine's defaults.
 */
export const StepSpecSchema = z.discriminatedUnion('op', [
  /** SimpleImputer: replace missing values by a statistic (or a constant). */
  z.object({ op: z.literal('impute'), strategy: z.enum(['mean', 'median', 'mostFrequent', 'constant']), fillValue: finite.optional(), addIndicator: z.boolean().optional() }).strict(),
  /** KNNImputer: replace missing values from the nearest rows. */
  z.object({ op: z.literal('knnImpute'), nNeighbors: z.number().int().min(1).max(100).optional(), weights: z.enum(['uniform', 'distance']).optional() }).strict(),
  /** StandardScaler. */
  z.object({ op: z.literal('standardScale'), withMean: z.boolean().optional(), withStd: z.boolean().optional() }).strict(),
  /** MinMaxScaler. */
  z.object({ op: z.literal('minMaxScale'), featureRange: z.tuple([finite, finite]).optional(), clip: z.boolean().optional() }).strict(),
  /** RobustScaler. */
  z.object({ op: z.literal('robustScale'), quantileRange: z.tuple([finite, finite]).optional() }).strict(),
  /** Signed log1p (compresses long tails). */
  z.object({ op: z.literal('log1p') }).strict(),
  /** KBinsDiscretizer. */
  z.object({ op: z.literal('bin'), nBins: z.number().int().min(2).max(1000).optional(), strategy: z.enum(['quantile', 'uniform']).optional(), encode: z.enum(['onehot', 'ordinal']).optional() }).strict(),
  /** OneHotEncoder (encoder). */
  z
    .object({
      op: z.literal('oneHot'),
      handleUnknown: z.enum(['ignore', 'infrequentIfExist', 'error']).optional(),
      minFrequency: z.number().positive().nullable().optional(),
      maxCategories: z.number().int().min(1).nullable().optional(),
      missing: z.enum(['category', 'mostFrequent']).optional(),
    })
    .strict(),
  /** OrdinalEncoder (encoder). */
  z.object({ op: z.literal('ordinal'), unknownValue: finite.optional(), encodedMissingValue: finite.nullable().optional() }).strict(),
  /** DateTimeFeatures (encoder). */
  z
    .object({
      op: z.literal('dateParts'),
      parts: z.array(z.enum(['year', 'month', 'day', 'weekday', 'hour', 'minute', 'dayOfYear', 'elapsedDays'])).min(1).optional(),
      dropConstant: z.boolean().optional(),
    })
    .strict(),
  /** TfidfVectorizer (encoder, text columns). */
  z
    .object({
      op: z.literal('tfidf'),
      lowercase: z.boolean().optional(),
      ngramRange: z.tuple([z.number().int().min(1), z.number().int().max(5)]).optional(),
      minDf: z.number().positive().optional(),
      maxDf: z.number().positive().optional(),
      maxFeatures: z.number().int().min(1).max(100_000).nullable().optional(),
      sublinearTf: z.boolean().optional(),
      norm: z.enum(['l2', 'l1', 'none']).optional(),
    })
    .strict(),
]);
/** One transformation step. */
export type StepSpec = z.infer<typeof StepSpecSchema>;
/** The operation name of a step. */
export type StepOp = StepSpec['op'];

/** Steps that turn a non-numeric column into numbers (allowed only as a column's first step). */
export const ENCODER_OPS: readonly StepOp[] = ['oneHot', 'ordinal', 'dateParts', 'tfidf'];

/** Which encoders each column kind accepts as its first step. */
export const ENCODERS_BY_KIND: Readonly<Record<ColumnKind, readonly StepOp[]>> = {
  numeric: ['oneHot', 'ordinal'],
  categorical: ['oneHot', 'ordinal'],
  text: ['tfidf', 'oneHot', 'ordinal'],
  datetime: ['dateParts'],
};

/** One input column of the spec. */
export const ColumnSpecSchema = z
  .object({
    name: z.string().min(1).max(400),
    kind: ColumnKindSchema,
    role: ColumnRoleSchema,
    /** Applied in order. A numeric feature with no steps goes to the model as it is. */
    steps: z.array(StepSpecSchema).max(10),
    /** i18n key explaining why these steps were chosen (set by `defaultPipelineSpec`). */
    rationale: z.string().max(200).optional(),
  })
  .strict();
/** One input column of the spec. */
export type ColumnSpec = z.infer<typeof ColumnSpecSchema>;

/** The model: a catalogue id (`logreg`, `hgb`, ...) and its hyper-parameters. */
export const ModelSpecSchema = z
  .object({
    id: z.string().min(1).max(40),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  })
  .strict();
/** The model of a spec. */
export type ModelSpec = z.infer<typeof ModelSpecSchema>;

/** A whole pipeline spec, with the cross-field rules (roles, encoders per kind) checked. */
export const PipelineSpecSchema = z
  .object({
    version: z.literal(PIPELINE_SPEC_VERSION),
    task: TaskTypeSchema,
    /** Name of the target column (the one column with role 'target'). */
    target: z.string().min(1).max(400),
    columns: z.array(ColumnSpecSchema).min(2).max(5000),
    model: ModelSpecSchema,
  })
  .strict()
  .superRefine((spec, ctx) => {
    const names = new Set<string>();
    spec.columns.forEach((c, i) => {
      if (names.has(c.name)) ctx.addIssue({ code: 'custom', path: ['columns', i, 'name'], message: `Column "${c.name}" appears twice.` });
      names.add(c.name);
      if (c.role !== 'feature' && c.steps.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['columns', i, 'steps'], message: `Column "${c.name}" is not a feature, so it takes no steps.` });
      }
      if (c.role !== 'feature') return;
      const first = c.steps[0];
      if (!first && c.kind !== 'numeric') {
        ctx.addIssue({ code: 'custom', path: ['columns', i, 'steps'], message: `Column "${c.name}" is ${c.kind}: it needs an encoder (${ENCODERS_BY_KIND[c.kind].join(', ')}).` });
      }
      c.steps.forEach((s, k) => {
        const isEncoder = ENCODER_OPS.includes(s.op);
        if (isEncoder && k > 0) ctx.addIssue({ code: 'custom', path: ['columns', i, 'steps', k, 'op'], message: `${s.op} must be the first step of column "${c.name}".` });
        if (k === 0 && isEncoder && !ENCODERS_BY_KIND[c.kind].includes(s.op)) {
          ctx.addIssue({ code: 'custom', path: ['columns', i, 'steps', 0, 'op'], message: `${s.op} does not apply to the ${c.kind} column "${c.name}".` });
        }
        if (k === 0 && !isEncoder && c.kind !== 'numeric') {
          ctx.addIssue({ code: 'custom', path: ['columns', i, 'steps', 0, 'op'], message: `Column "${c.name}" is ${c.kind}: its first step must be an encoder (${ENCODERS_BY_KIND[c.kind].join(', ')}).` });
        }
        if (k > 0 && c.steps[0].op === 'tfidf') ctx.addIssue({ code: 'custom', path: ['columns', i, 'steps', k, 'op'], message: `TF-IDF output of column "${c.name}" takes no further steps.` });
      });
    });
    const targets = spec.columns.filter((c) => c.role === 'target');
    if (targets.length !== 1 || targets[0].name !== spec.target) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: `Exactly one column, "${spec.target}", must have the role target.` });
    }
    if (!spec.columns.some((c) => c.role === 'feature')) ctx.addIssue({ code: 'custom', path: ['columns'], message: 'At least one column must be a feature.' });
  });
/** A whole pipeline spec. */
export type PipelineSpec = z.infer<typeof PipelineSpecSchema>;

/** What `defaultPipelineSpec` knows about a column (from the data step's profile). */
export interface ColumnProfileInput {
  name: string;
  kind: ColumnKind;
  /** Forces a role (e.g. the user marked an identifier). */
  role?: ColumnRole;
  /** Distinct non-missing values. */
  distinctCount?: number;
  /** Rows profiled. */
  rowCount?: number;
  /** Missing values among them. */
  missingCount?: number;
}

/**
 * How a model family wants its inputs: `scaled` (linear models, SVM, kNN, MLP: imputed, standardised,
 * one-hot), `tree` (trees and ensembles: ordinal codes, no scaling; `hgb` keeps missing values,
 * which it handles natively), `counts` (multinomial naive Bayes: non-negative inputs) and `plain`
 * (baselines, one-rule, Gaussian naive Bayes: imputed but unscaled, so rules read in real units).
 */
export type PreprocessingProfile = 'scaled' | 'tree' | 'treeNative' | 'counts' | 'plain';

/** The preprocessing profile of a catalogue model id. */
export function preprocessingProfile(modelId: string): PreprocessingProfile {
  switch (modelId) {
    case 'hgb':
      return 'treeNative';
    case 'tree':
    case 'rf':
      return 'tree';
    case 'mnb':
      return 'counts';
    case 'baseline':
    case 'onerule':
    case 'nb':
      return 'plain';
    default:
      return 'scaled';
  }
}

/** Categories kept as their own one-hot column before the rarest are grouped. */
const MAX_ONE_HOT = 20;
const ID_NAME = /(^id$|^id[_\s-]|[_\s-]id$|uuid|guid)/i;

/** Options of {@link defaultPipelineSpec}. */
export interface DefaultSpecOptions {
  /** The target column. */
  target: string;
  /** The model; defaults to logistic regression (classification) or ridge (regression). */
  model?: ModelSpec;
}

/**
 * Sensible per-column defaults for a beginner: identifiers and constant columns dropped; numeric
 * columns imputed by the median (with a "was missing" indicator when values are missing) and
 * standardised for models that need it; categories one-hot encoded (rare ones grouped beyond 20)
 * or ordinal-coded for trees; dates split into parts; text to TF-IDF. Each column carries an i18n
 * key (`features.rationale.*`) explaining the choice.
 */
export function defaultPipelineSpec(columns: readonly ColumnProfileInput[], task: TaskType, options: DefaultSpecOptions): PipelineSpec {
  const model = options.model ?? { id: task === 'classification' ? 'logreg' : 'ridge', params: {} };
  const profile = preprocessingProfile(model.id);
  const specs = columns.map((c): ColumnSpec => {
    if (c.name === options.target) return { name: c.name, kind: c.kind, role: 'target', steps: [], rationale: 'features.rationale.target' };
    if (c.role && c.role !== 'feature') return { name: c.name, kind: c.kind, role: c.role, steps: [], rationale: `features.rationale.${c.role === 'id' ? 'identifier' : 'ignored'}` };
    const rows = c.rowCount ?? 0;
    const distinct = c.distinctCount;
    if (distinct !== undefined && distinct <= 1) return { name: c.name, kind: c.kind, role: 'ignore', steps: [], rationale: 'features.rationale.constant' };
    const isUnique = distinct !== undefined && rows > 0 && distinct >= rows - (c.missingCount ?? 0);
    if (!c.role && isUnique && (c.kind === 'categorical' || ID_NAME.test(c.name)) && rows >= 20) {
      return { name: c.name, kind: c.kind, role: 'id', steps: [], rationale: 'features.rationale.identifier' };
    }
    return { name: c.name, kind: c.kind, role: 'feature', ...featureSteps(c, profile) };
  });
  return { version: PIPELINE_SPEC_VERSION, task, target: options.target, columns: specs, model };
}

function featureSteps(c: ColumnProfileInput, profile: PreprocessingProfile): { steps: StepSpec[]; rationale: string } {
  const hasMissing = (c.missingCount ?? 0) > 0;
  const numericTail = (): StepSpec[] => {
    const steps: StepSpec[] = [];
    if (profile !== 'treeNative') steps.push({ op: 'impute', strategy: 'median', ...(hasMissing && profile === 'scaled' ? { addIndicator: true } : {}) });
    if (profile === 'scaled') steps.push({ op: 'standardScale' });
    if (profile === 'counts') steps.push({ op: 'minMaxScale', clip: true });
    return steps;
  };
  switch (c.kind) {
    case 'numeric': {
      const steps = numericTail();
      const rationale = profile === 'scaled' ? 'features.rationale.numericScaled' : profile === 'treeNative' ? 'features.rationale.numericRaw' : profile === 'counts' ? 'features.rationale.numericMinMax' : 'features.rationale.numericImputed';
      // The imputer stays even when the profile saw no missing value: serving may receive some.
      return { steps, rationale };
    }
    case 'categorical': {
      if (profile === 'tree' || profile === 'treeNative') {
        return { steps: [{ op: 'ordinal', unknownValue: -1, encodedMissingValue: profile === 'treeNative' ? null : -2 }], rationale: 'features.rationale.categoricalOrdinal' };
      }
      const isWide = (c.distinctCount ?? 0) > MAX_ONE_HOT;
      return {
        steps: [{ op: 'oneHot', handleUnknown: isWide ? 'infrequentIfExist' : 'ignore', ...(isWide ? { maxCategories: MAX_ONE_HOT } : {}), missing: 'category' }],
        rationale: isWide ? 'features.rationale.categoricalOneHotGrouped' : 'features.rationale.categoricalOneHot',
      };
    }
    case 'datetime':
      return { steps: [{ op: 'dateParts' }, ...numericTail()], rationale: 'features.rationale.datetimeParts' };
    case 'text':
      return { steps: [{ op: 'tfidf', maxFeatures: profile === 'scaled' || profile === 'counts' ? 300 : 100 }], rationale: 'features.rationale.textTfidf' };
  }
}
