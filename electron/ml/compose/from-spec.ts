/**
 * Builds an unfitted {@link ModelPipeline} from a serialisable {@link PipelineSpec} (the Features
 * step's design): each feature column's steps become transformers created through the registry,
 * columns of the same kind with identical steps share one column-transformer entry (so a KNN
 * imputer sees all of them together), and the model comes from the catalogue id and params.
 */
import { ArtifactError, InvalidInputError } from '../core/errors.js';
import { createEstimator, MODEL_CATALOG } from '../registry.js';
import { PIPELINE_SPEC_VERSION, PipelineSpecSchema, type PipelineSpec, type StepSpec } from '../../../shared/domain/pipeline-spec.js';
import { ColumnTransformer, type ColumnTransformerEntry } from './column-transformer.js';
import { Pipeline, type PreprocessingStep } from './pipeline.js';
import { isEstimator, ModelPipeline } from './model-pipeline.js';

/**
 * Validates a stored or user-built spec. An unknown version or a malformed spec is an ArtifactError
 * naming the first problem and where it is (e.g. `columns.3.steps.0.op`).
 */
export function parsePipelineSpec(value: unknown): PipelineSpec {
  if (typeof value !== 'object' || value === null) throw new ArtifactError('Pipeline spec is not an object.');
  const version = (value as { version?: unknown }).version;
  if (version !== PIPELINE_SPEC_VERSION) {
    throw new ArtifactError(`Pipeline spec version ${JSON.stringify(version)} is not supported (this Ciclo reads ${PIPELINE_SPEC_VERSION}).`);
  }
  const parsed = PipelineSpecSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ArtifactError(`Pipeline spec is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The registry kind and params of one step. */
export function stepKind(step: StepSpec): { kind: string; params: Record<string, unknown> } {
  const { op, ...rest } = step;
  const params = rest as Record<string, unknown>;
  switch (op) {
    case 'impute':
      return { kind: 'SimpleImputer', params };
    case 'knnImpute':
      return { kind: 'KNNImputer', params };
    case 'standardScale':
      return { kind: 'StandardScaler', params };
    case 'minMaxScale':
      return { kind: 'MinMaxScaler', params };
    case 'robustScale':
      return { kind: 'RobustScaler', params };
    case 'log1p':
      return { kind: 'Log1pTransformer', params };
    case 'bin':
      return { kind: 'KBinsDiscretizer', params };
    case 'oneHot':
      return { kind: 'OneHotEncoder', params };
    case 'ordinal':
      return { kind: 'OrdinalEncoder', params };
    case 'dateParts':
      return { kind: 'DateTimeFeatures', params };
    case 'tfidf':
      return { kind: 'TfidfVectorizer', params };
  }
}

/** The registry kind of a catalogue model for a task, or a clear error. */
export function modelKind(id: string, task: PipelineSpec['task']): string {
  const entry = MODEL_CATALOG.find((m) => m.id === id);
  if (!entry) throw new InvalidInputError(`Unknown model "${id}" (known: ${MODEL_CATALOG.map((m) => m.id).join(', ')}).`, 'model.id');
  const kind = entry.kinds[task];
  if (!kind) throw new InvalidInputError(`Model "${id}" does not do ${task}.`, 'model.id');
  return kind;
}

/** An unfitted pipeline for `spec` (validated first; see {@link parsePipelineSpec}). */
export function pipelineFromSpec(value: unknown): ModelPipeline {
  const spec = parsePipelineSpec(value);
  const groups = new Map<string, { columns: string[]; steps: StepSpec[]; kind: string }>();
  for (const c of spec.columns) {
    if (c.role !== 'feature') continue;
    // TF-IDF reads one column; every other step handles several columns at once.
    const key = c.steps[0]?.op === 'tfidf' ? `text:${c.name}` : `${c.kind}:${JSON.stringify(c.steps)}`;
    const g = groups.get(key);
    if (g) g.columns.push(c.name);
    else groups.set(key, { columns: [c.name], steps: c.steps, kind: c.kind });
  }
  const entries: ColumnTransformerEntry[] = [];
  let k = 0;
  for (const g of groups.values()) {
    k += 1;
    const name = g.columns.length === 1 ? g.columns[0] : `${g.kind}_${k}`;
    if (g.steps.length === 0) {
      entries.push([name, 'passthrough', g.columns]);
      continue;
    }
    const steps = g.steps.map((s, i): [string, PreprocessingStep] => {
      const { kind, params } = stepKind(s);
      return [`${s.op}_${i}`, createEstimator(kind, params) as PreprocessingStep];
    });
    entries.push([name, steps.length === 1 ? steps[0][1] : new Pipeline(steps), g.columns]);
  }
  const estimator = createEstimator(modelKind(spec.model.id, spec.task), spec.model.params);
  if (!isEstimator(estimator)) throw new InvalidInputError(`Model "${spec.model.id}" is not a classifier or regressor.`, 'model.id');
  return new ModelPipeline({ preprocessor: new ColumnTransformer(entries), estimator, task: spec.task, spec });
}
