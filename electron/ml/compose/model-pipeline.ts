/**
 * The fitted pipeline plus model, one object that is trained, evaluated, saved and served: it
 * holds the input schema (column names and kinds), the target and, for classification, the class
 * labels as strings; the fitted preprocessing (a ColumnTransformer) and the fitted estimator.
 * `predictRows` takes raw row objects exactly as a client sends them and `predictFrame` a Frame,
 * and both run the same path, so what is served is what was evaluated.
 *
 * Classification targets of any kind are mapped to class indices 0..K-1 in sorted label order
 * (numerically when the target column is numeric); predictions come back as the original label
 * strings. Regression targets must be numeric.
 */
import type { Frame, FrameColumn, FrameColumnKind, FrameSchemaEntry } from '../core/frame.js';
import { frameFromRows, getColumn } from '../core/frame.js';
import type { BaseEstimator, Classifier, Estimator, FitProgress, Regressor } from '../core/interfaces.js';
import type { Matrix } from '../core/matrix.js';
import { ArtifactError, InvalidInputError, NotFittedError, throwIfAborted, type AbortSignalLike } from '../core/errors.js';
import { checkArtifact, makeArtifact, type Artifact } from '../core/serialize.js';
import { createEstimator, loadArtifact } from '../registry.js';
import { ColumnTransformer, type ColumnTransformerParams } from './column-transformer.js';
import { categoryView } from '../preprocessing/encoders.js';
import { PipelineSpecSchema, type PipelineSpec } from '../../../shared/domain/pipeline-spec.js';
import type { TaskType } from '../../../shared/domain/metrics.js';
import { ENGINE_VERSION } from '../version.js';

/** Params of a {@link ModelPipeline}: everything needed to build it again, unfitted. */
export interface ModelPipelineParams {
  task: TaskType;
  preprocessor: { kind: 'ColumnTransformer'; params: ColumnTransformerParams };
  estimator: { kind: string; params: Record<string, unknown> };
  /** The spec it was built from, when it was (kept for lineage). */
  spec: PipelineSpec | null;
}

/** Options of {@link ModelPipeline.fit}. */
export interface PipelineFitOptions {
  /** Per-row weights (length = rows of the frame). */
  sampleWeight?: Float64Array;
  signal?: AbortSignalLike;
  onProgress?: (p: FitProgress) => void;
}

/** Predictions of a classification pipeline. */
export interface ClassificationPrediction {
  task: 'classification';
  /** Predicted labels, in the original label strings. */
  labels: string[];
  /** Index of each predicted label in `classLabels`. */
  classIndex: Int32Array;
  /** All class labels, in probability-column order. */
  classLabels: string[];
  /** nRows x nClasses probabilities (when asked for). */
  probabilities?: Matrix;
}

/** Predictions of a regression pipeline. */
export interface RegressionPrediction {
  task: 'regression';
  values: Float64Array;
}

/** What a pipeline predicts. */
export type PipelinePrediction = ClassificationPrediction | RegressionPrediction;

interface PipelineState {
  target: string;
  inputSchema: FrameSchemaEntry[];
  featureNames: string[];
  /** Class labels (classification), in index order. */
  classLabels: string[] | null;
  /** Rows and engine version at fit time (lineage). */
  nTrainRows: number;
  engineVersion: string;
}

const KINDS: readonly FrameColumnKind[] = ['numeric', 'categorical', 'text', 'datetime'];

/** Preprocessing + model, fitted together. */
export class ModelPipeline implements BaseEstimator<ModelPipelineParams> {
  static readonly KIND = 'ModelPipeline';
  readonly kind = ModelPipeline.KIND;
  readonly task: TaskType;
  private readonly preprocessor: ColumnTransformer;
  private readonly model: Estimator;
  private readonly spec: PipelineSpec | null;
  private fitted?: PipelineState;

  constructor(options: { preprocessor: ColumnTransformer; estimator: Estimator; task?: TaskType; spec?: PipelineSpec | null }) {
    const task = options.task ?? options.estimator.task;
    if (options.estimator.task !== task) {
      throw new InvalidInputError(`${options.estimator.kind} is a ${options.estimator.task} model, but the task is ${task}.`, 'estimator');
    }
    if (!(options.preprocessor instanceof ColumnTransformer)) throw new InvalidInputError('The preprocessor must be a ColumnTransformer.', 'preprocessor');
    this.task = task;
    this.preprocessor = options.preprocessor;
    this.model = options.estimator;
    this.spec = options.spec ?? null;
  }

  /** Builds an unfitted pipeline from its params (through the registry). */
  static fromParams(params: ModelPipelineParams): ModelPipeline {
    if (typeof params !== 'object' || params === null) throw new InvalidInputError('ModelPipeline params must be an object.');
    if (params.preprocessor?.kind !== ColumnTransformer.KIND) throw new InvalidInputError('ModelPipeline params need a ColumnTransformer preprocessor.', 'preprocessor');
    const estimator = createEstimator(params.estimator?.kind, params.estimator?.params);
    if (!isEstimator(estimator)) throw new InvalidInputError(`${params.estimator?.kind} is not a classifier or regressor.`, 'estimator');
    const spec = params.spec ? PipelineSpecSchema.parse(params.spec) : null;
    return new ModelPipeline({ preprocessor: ColumnTransformer.fromParams(params.preprocessor.params), estimator, task: params.task, spec });
  }

  /** True once fitted. */
  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  private state(): PipelineState {
    if (!this.fitted) throw new NotFittedError(this.kind);
    return this.fitted;
  }

  /** The columns a prediction needs, with their kinds. */
  get inputSchema(): FrameSchemaEntry[] {
    return this.state().inputSchema.map((e) => ({ ...e }));
  }

  /** The target column's name. */
  get target(): string {
    return this.state().target;
  }

  /** Class labels in probability-column order (classification), else undefined. */
  get classLabels(): string[] | undefined {
    const l = this.state().classLabels;
    return l ? [...l] : undefined;
  }

  /** Names of the features the model sees (after preprocessing). */
  get featureNames(): string[] {
    return [...this.state().featureNames];
  }

  /** The fitted (or, before fit, unfitted) estimator, for its importances, rule, coefficients... */
  get estimator(): Estimator {
    return this.model;
  }

  /** The preprocessing. */
  get columnTransformer(): ColumnTransformer {
    return this.preprocessor;
  }

  /** Engine version and training rows recorded at fit time. */
  get lineage(): { engineVersion: string; nTrainRows: number } {
    const s = this.state();
    return { engineVersion: s.engineVersion, nTrainRows: s.nTrainRows };
  }

  /**
   * Fits the preprocessing and the model on `frame`, predicting `targetColumn` (by default the
   * spec's target). The target must not be read by the preprocessing; missing target values are an
   * error naming the column.
   */
  fit(frame: Frame, targetColumn: string | undefined = this.spec?.target, options: PipelineFitOptions = {}): this {
    throwIfAborted(options.signal);
    if (targetColumn === undefined) throw new InvalidInputError('Name the target column to fit on.', 'target');
    if (frame.nRows === 0) throw new InvalidInputError('Cannot fit on zero rows.');
    const targetCol = getColumn(frame, targetColumn);
    if (options.sampleWeight && options.sampleWeight.length !== frame.nRows) {
      throw new InvalidInputError(`Sample weight has ${options.sampleWeight.length} values for ${frame.nRows} rows.`, 'sampleWeight');
    }
    for (const [, , columns] of this.preprocessor.namedTransformers) {
      if (columns.includes(targetColumn)) throw new InvalidInputError(`The target column "${targetColumn}" cannot also be a feature.`, targetColumn);
    }
    const features: Frame = { nRows: frame.nRows, columns: frame.columns.filter((c) => c.name !== targetColumn) };
    const { y, classLabels } = this.task === 'classification' ? encodeTarget(targetCol) : { y: numericTarget(targetCol), classLabels: null };
    options.onProgress?.({ fraction: 0, phase: 'preprocessing' });
    const X = this.preprocessor.fitTransform(features);
    throwIfAborted(options.signal);
    const featureNames = this.preprocessor.featureNamesOut();
    options.onProgress?.({ fraction: 0, phase: 'fitting' });
    this.model.fit(X, y, { sampleWeight: options.sampleWeight, signal: options.signal, onProgress: options.onProgress, featureNames });
    this.fitted = {
      target: targetColumn,
      inputSchema: this.preprocessor.inputSchema,
      featureNames,
      classLabels,
      nTrainRows: frame.nRows,
      engineVersion: ENGINE_VERSION,
    };
    return this;
  }

  /** The preprocessed feature matrix of `frame` (what the model sees). */
  transform(frame: Frame): Matrix {
    this.state();
    return this.preprocessor.transform(this.conform(frame));
  }

  /** Predicts from a Frame holding (at least) the input schema's columns. */
  predictFrame(frame: Frame, options: { probabilities?: boolean } = {}): PipelinePrediction {
    const s = this.state();
    const X = this.preprocessor.transform(this.conform(frame));
    if (this.task === 'regression') return { task: 'regression', values: (this.model as Regressor).predict(X) };
    const labels = s.classLabels as string[];
    const clf = this.model as Classifier;
    // The label is the model's own prediction (an SVM predicts from its scores, not from its
    // calibrated probabilities); the model's classes are the indices 0..K-1 of `labels`.
    const classIndex = Int32Array.from(clf.predict(X));
    const result: ClassificationPrediction = { task: 'classification', labels: Array.from(classIndex, (k) => labels[k]), classIndex, classLabels: [...labels] };
    if (options.probabilities) result.probabilities = clf.predictProba(X);
    return result;
  }

  /**
   * Predicts from row objects keyed by column name, with raw values (numbers or numeric strings,
   * category text, ISO dates; null for missing). Every row must carry every input column (send
   * null for a missing value): an absent key is an error naming the column and the row.
   */
  predictRows(rows: readonly Record<string, unknown>[], options: { probabilities?: boolean } = {}): PipelinePrediction {
    const s = this.state();
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new InvalidInputError(`Row ${i} is not an object of column values.`, 'rows');
      for (const c of s.inputSchema) {
        // The value check first: it is the cheap, common case (a key that holds a value).
        if (r[c.name] === undefined && !Object.prototype.hasOwnProperty.call(r, c.name)) {
          throw new InvalidInputError(`Column "${c.name}" is missing${rows.length > 1 ? ` in row ${i}` : ''} (send null for a missing value).`, c.name);
        }
      }
    }
    return this.predictFrame(frameFromRows(rows, s.inputSchema), options);
  }

  /** Importances of the model's features (after preprocessing), when the model has them. */
  featureImportances(): { name: string; importance: number }[] | undefined {
    const s = this.state();
    const imp = this.model.featureImportances?.();
    if (!imp) return undefined;
    return s.featureNames.map((name, j) => ({ name, importance: imp[j] }));
  }

  /** Checks the input schema's columns are there and of a usable kind, converting where sensible. */
  private conform(frame: Frame): Frame {
    const s = this.state();
    const cols = s.inputSchema.map((e) => conformColumn(getColumn(frame, e.name), e.kind));
    return { nRows: frame.nRows, columns: cols };
  }

  /** Params: preprocessing and estimator descriptions, task and spec. */
  getParams(): ModelPipelineParams {
    return {
      task: this.task,
      preprocessor: { kind: 'ColumnTransformer', params: this.preprocessor.getParams() },
      estimator: { kind: this.model.kind, params: this.model.getParams() as Record<string, unknown> },
      spec: this.spec ? (JSON.parse(JSON.stringify(this.spec)) as PipelineSpec) : null,
    };
  }

  /** A new unfitted pipeline with the same params. */
  clone(): ModelPipeline {
    return new ModelPipeline({ preprocessor: this.preprocessor.clone(), estimator: this.model.clone() as Estimator, task: this.task, spec: this.spec });
  }

  /** Serialises the whole fitted pipeline as one artifact. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), {
      target: s.target,
      inputSchema: s.inputSchema,
      featureNames: s.featureNames,
      classLabels: s.classLabels,
      nTrainRows: s.nTrainRows,
      engineVersion: s.engineVersion,
      preprocessor: this.preprocessor.toArtifact(),
      estimator: this.model.toArtifact(),
    });
  }

  /** Loads a pipeline saved by `toArtifact`; never executes anything from the file. */
  static fromArtifact(value: unknown): ModelPipeline {
    const a = checkArtifact(value, ModelPipeline.KIND, [1]);
    const st = a.state;
    const task = a.params.task;
    if (task !== 'classification' && task !== 'regression') throw new ArtifactError('Model spec field params.task must be classification or regression.');
    let spec: PipelineSpec | null = null;
    if (a.params.spec !== null && a.params.spec !== undefined) {
      const parsed = PipelineSpecSchema.safeParse(a.params.spec);
      if (!parsed.success) throw new ArtifactError(`Model spec field params.spec is not a valid pipeline spec: ${parsed.error.issues[0]?.message ?? 'malformed'}.`);
      spec = parsed.data;
    }
    const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (typeof st.target !== 'string') throw new ArtifactError('Model spec field state.target must be a string.');
    if (!Array.isArray(st.inputSchema) || !st.inputSchema.every((e) => typeof e === 'object' && e !== null && typeof e.name === 'string' && KINDS.includes(e.kind))) {
      throw new ArtifactError('Model spec field state.inputSchema is malformed.');
    }
    if (!isStrings(st.featureNames)) throw new ArtifactError('Model spec field state.featureNames must be an array of strings.');
    if (task === 'classification' ? !isStrings(st.classLabels) || st.classLabels.length < 2 : st.classLabels !== null) {
      throw new ArtifactError('Model spec field state.classLabels does not fit the task.');
    }
    if (typeof st.nTrainRows !== 'number' || typeof st.engineVersion !== 'string') throw new ArtifactError('Model spec fields state.nTrainRows and state.engineVersion are required.');
    const preprocessor = loadArtifact(st.preprocessor);
    if (!(preprocessor instanceof ColumnTransformer)) throw new ArtifactError('Model spec field state.preprocessor must hold a ColumnTransformer.');
    const estimator = loadArtifact(st.estimator);
    if (!isEstimator(estimator) || estimator.task !== task) throw new ArtifactError(`Model spec field state.estimator must hold a ${task} model.`);
    if (task === 'classification' && (estimator as Classifier).classes.length !== (st.classLabels as string[]).length) {
      throw new ArtifactError('Model spec: the estimator and the pipeline disagree on the number of classes.');
    }
    const p = new ModelPipeline({ preprocessor, estimator, task, spec });
    p.fitted = {
      target: st.target,
      inputSchema: (st.inputSchema as FrameSchemaEntry[]).map((e) => ({ name: e.name, kind: e.kind })),
      featureNames: st.featureNames,
      classLabels: task === 'classification' ? (st.classLabels as string[]) : null,
      nTrainRows: st.nTrainRows,
      engineVersion: st.engineVersion,
    };
    return p;
  }
}

/** True for a classifier or regressor. */
export function isEstimator(x: BaseEstimator): x is Estimator {
  const t = (x as Partial<Estimator>).task;
  return (t === 'classification' || t === 'regression') && typeof (x as Partial<Estimator>).predict === 'function';
}

/** Class indices and sorted labels of a classification target (numeric labels sort numerically). */
function encodeTarget(c: FrameColumn): { y: Float64Array; classLabels: string[] } {
  if (c.kind === 'datetime') throw new InvalidInputError(`Target column "${c.name}" holds dates; a classification target needs categories.`, c.name);
  const n = c.kind === 'categorical' ? c.codes.length : c.values.length;
  const y = new Float64Array(n);
  let labels: string[];
  if (c.kind === 'numeric') {
    const distinct = [...new Set(Array.from(c.values).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
    labels = distinct.map(String);
    const position = new Map(distinct.map((v, k) => [v, k]));
    for (let i = 0; i < n; i++) {
      const v = c.values[i];
      if (Number.isNaN(v)) throw missingTarget(c.name, i, Array.from(c.values).filter(Number.isNaN).length);
      y[i] = position.get(v) as number;
    }
  } else {
    const view = categoryView(c);
    const used = new Set<string>();
    let missing = 0;
    let firstMissing = -1;
    for (let i = 0; i < n; i++) {
      const code = view.codes[i];
      if (code < 0) {
        missing += 1;
        if (firstMissing < 0) firstMissing = i;
      } else used.add(view.levels[code]);
    }
    if (missing > 0) throw missingTarget(c.name, firstMissing, missing);
    labels = [...used].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const position = new Map(labels.map((l, k) => [l, k]));
    const codeToClass = Int32Array.from(view.levels, (l) => position.get(l) ?? -1);
    for (let i = 0; i < n; i++) y[i] = codeToClass[view.codes[i]];
  }
  if (labels.length < 2) {
    throw new InvalidInputError(`Target column "${c.name}" has a single class (${JSON.stringify(labels[0] ?? '')}); a classifier needs at least two classes.`, c.name);
  }
  return { y, classLabels: labels };
}

function missingTarget(name: string, row: number, count: number): InvalidInputError {
  return new InvalidInputError(`Target column "${name}" has ${count} missing value${count === 1 ? '' : 's'} (first at row ${row}); drop those rows before training.`, name);
}

/** A regression target: numeric, finite. */
function numericTarget(c: FrameColumn): Float64Array {
  if (c.kind !== 'numeric') throw new InvalidInputError(`Target column "${c.name}" is ${c.kind}; a regression target must be numeric.`, c.name);
  for (let i = 0; i < c.values.length; i++) {
    const v = c.values[i];
    if (Number.isNaN(v)) throw missingTarget(c.name, i, Array.from(c.values).filter(Number.isNaN).length);
    if (!Number.isFinite(v)) throw new InvalidInputError(`Target column "${c.name}" has an infinite value at row ${i}.`, c.name);
  }
  return c.values;
}

/** A column in the kind the pipeline was fitted with, converting where it is unambiguous. */
function conformColumn(c: FrameColumn, kind: FrameColumnKind): FrameColumn {
  if (c.kind === kind) return c;
  if (kind === 'categorical' || kind === 'text') {
    if (c.kind === 'text' && kind === 'categorical') {
      const view = categoryView(c);
      return { kind: 'categorical', name: c.name, codes: view.codes, levels: view.levels };
    }
    if (c.kind === 'categorical' && kind === 'text') return { kind: 'text', name: c.name, values: Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k])) };
    const view = categoryView(c);
    return kind === 'categorical'
      ? { kind: 'categorical', name: c.name, codes: view.codes, levels: view.levels }
      : { kind: 'text', name: c.name, values: Array.from(view.codes, (k) => (k < 0 ? null : view.levels[k])) };
  }
  if (kind === 'datetime' && c.kind === 'numeric') return { kind: 'datetime', name: c.name, values: c.values };
  if (kind === 'numeric' && c.kind === 'datetime') return { kind: 'numeric', name: c.name, values: c.values };
  throw new InvalidInputError(`Column "${c.name}" is ${c.kind}, but the model was trained with it as ${kind}.`, c.name);
}
