/**
 * A chain of preprocessing steps, as scikit-learn's `Pipeline` without a final estimator (the fitted
 * model lives in {@link ModelPipeline}): the first step may read a Frame (an encoder) or a numeric
 * matrix; every later step maps a matrix to a matrix. Fitting fits each step on the output of the
 * previous one.
 */
import type { Frame } from '../core/frame.js';
import type { BaseEstimator } from '../core/interfaces.js';
import { createMatrix, type Matrix } from '../core/matrix.js';
import { ArtifactError, InvalidInputError } from '../core/errors.js';
import { checkArtifact, makeArtifact, type Artifact } from '../core/serialize.js';
import type { OnnxGraphBuilder } from '../onnx/graph.js';
import { createEstimator, loadArtifact } from '../registry.js';
import { isFrame, type FrameTransformer, type MatrixTransformer } from '../preprocessing/types.js';

/** Any preprocessing step a column transformer can hold. */
export type PreprocessingStep = FrameTransformer | MatrixTransformer | Pipeline;

/** A step described by its registry kind and params (JSON-safe). */
export interface StepDescription {
  kind: string;
  params: Record<string, unknown>;
}

/** Params of a {@link Pipeline}: its steps by name, kind and params. */
export interface PipelineParams {
  steps: ({ name: string } & StepDescription)[];
}

/** True when `x` is a preprocessing step (frame or matrix transformer, or a pipeline). */
export function isPreprocessingStep(x: BaseEstimator): x is PreprocessingStep {
  const s = x as Partial<PreprocessingStep>;
  return (s.input === 'frame' || s.input === 'matrix') && typeof s.transform === 'function' && typeof s.featureNamesOut === 'function';
}

/** Creates a step from its description through the registry, checking it is a transformer. */
export function createStep(d: StepDescription, where: string): PreprocessingStep {
  if (typeof d !== 'object' || d === null || typeof d.kind !== 'string') throw new InvalidInputError(`${where}: a step needs a kind.`, where);
  const step = d.kind === Pipeline.KIND ? Pipeline.fromParams(d.params as unknown as PipelineParams) : createEstimator(d.kind, d.params);
  if (!isPreprocessingStep(step)) throw new InvalidInputError(`${where}: ${d.kind} is not a preprocessing step.`, where);
  return step;
}

/** Loads a fitted step from an artifact, checking it is a transformer. */
export function loadStep(a: unknown, where: string): PreprocessingStep {
  const step = loadArtifact(a);
  if (!isPreprocessingStep(step)) throw new ArtifactError(`Model spec field ${where} holds ${step.kind}, which is not a preprocessing step.`);
  return step;
}

/** A chain of transformers. */
export class Pipeline implements BaseEstimator<PipelineParams> {
  static readonly KIND = 'Pipeline';
  readonly kind = Pipeline.KIND;
  private readonly steps: [string, PreprocessingStep][];

  /** `steps`: [name, step] pairs; only the first may read a Frame. */
  constructor(steps: [string, PreprocessingStep][]) {
    if (steps.length === 0) throw new InvalidInputError('A pipeline needs at least one step.', 'steps');
    const names = new Set<string>();
    steps.forEach(([name, step], k) => {
      if (typeof name !== 'string' || name === '' || names.has(name)) throw new InvalidInputError(`Pipeline step names must be unique and non-empty (step ${k}).`, 'steps');
      names.add(name);
      if (k > 0 && step.input !== 'matrix') throw new InvalidInputError(`Pipeline step "${name}" reads a table; only the first step may.`, 'steps');
    });
    this.steps = steps;
  }

  /** Builds an unfitted pipeline from its params (steps created through the registry). */
  static fromParams(params: PipelineParams): Pipeline {
    if (typeof params !== 'object' || params === null || !Array.isArray(params.steps)) throw new InvalidInputError('Pipeline params need a steps array.', 'steps');
    return new Pipeline(params.steps.map((s, k) => [s.name, createStep(s, `steps[${k}]`)]));
  }

  /** What the first step reads. */
  get input(): 'frame' | 'matrix' {
    return this.steps[0][1].input;
  }

  /** True once every step is fitted. */
  get isFitted(): boolean {
    return this.steps.every(([, s]) => s.isFitted);
  }

  /** The steps (live objects: fitted ones after fit). */
  get namedSteps(): readonly [string, PreprocessingStep][] {
    return this.steps;
  }

  /** Fits each step on the previous one's output. */
  fit(data: Frame | Matrix): this {
    this.fitTransform(data);
    return this;
  }

  /** Fits and returns the last step's output. */
  fitTransform(data: Frame | Matrix): Matrix {
    let current = applyFit(this.steps[0][1], data, this.steps[0][0]);
    for (let k = 1; k < this.steps.length; k++) current = applyFit(this.steps[k][1], current, this.steps[k][0]);
    return current;
  }

  /** Runs every step. */
  transform(data: Frame | Matrix): Matrix {
    let current = applyTransform(this.steps[0][1], data, this.steps[0][0]);
    for (let k = 1; k < this.steps.length; k++) current = applyTransform(this.steps[k][1], current, this.steps[k][0]);
    return current;
  }

  /** Output names; `inputNames` are needed when the first step reads a matrix. */
  featureNamesOut(inputNames: readonly string[] = []): string[] {
    let names = this.steps[0][1].featureNamesOut(inputNames);
    for (let k = 1; k < this.steps.length; k++) names = this.steps[k][1].featureNamesOut(names);
    return names;
  }

  /** Params: each step's kind and params. */
  getParams(): PipelineParams {
    return { steps: this.steps.map(([name, s]) => ({ name, kind: s.kind, params: s.getParams() as Record<string, unknown> })) };
  }

  /** A new unfitted pipeline with cloned steps. */
  clone(): Pipeline {
    return new Pipeline(this.steps.map(([name, s]) => [name, s.clone() as PreprocessingStep]));
  }

  /** Serialises the fitted steps. */
  toArtifact(): Artifact {
    return makeArtifact(this.kind, 1, this.getParams(), { steps: this.steps.map(([name, s]) => ({ name, artifact: s.toArtifact() })) });
  }

  /** Loads a pipeline saved by `toArtifact` (each step through the registry). */
  static fromArtifact(value: unknown): Pipeline {
    const a = checkArtifact(value, Pipeline.KIND, [1]);
    const steps = a.state.steps;
    if (!Array.isArray(steps) || steps.length === 0) throw new ArtifactError('Model spec field state.steps must be a non-empty array.');
    try {
      return new Pipeline(
        steps.map((s: unknown, k): [string, PreprocessingStep] => {
          const o = s as { name?: unknown; artifact?: unknown };
          if (typeof o !== 'object' || o === null || typeof o.name !== 'string') throw new ArtifactError(`Model spec field state.steps[${k}] is malformed.`);
          return [o.name, loadStep(o.artifact, `state.steps[${k}]`)];
        }),
      );
    } catch (e) {
      if (e instanceof InvalidInputError) throw new ArtifactError(`Pipeline spec is invalid: ${e.message}`);
      throw e;
    }
  }

  /** ONNX of a matrix-input pipeline: each step in turn; returns undefined output when a step cannot be expressed. */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output?: string } {
    let current = input;
    for (const [, s] of this.steps) {
      if (s.input !== 'matrix' || !s.toOnnx) return {};
      const r = s.toOnnx(builder, current);
      if (!r.output) return {};
      current = r.output;
    }
    return { output: current };
  }

  /** ONNX of a frame-input pipeline. */
  toOnnxFrame(builder: OnnxGraphBuilder, inputs: Readonly<Record<string, string>>): { output?: string } {
    const first = this.steps[0][1];
    if (first.input !== 'frame' || !first.toOnnxFrame) return {};
    const start = first.toOnnxFrame(builder, inputs).output;
    if (!start) return {};
    let current = start;
    for (let k = 1; k < this.steps.length; k++) {
      const s = this.steps[k][1];
      if (s.input !== 'matrix' || !s.toOnnx) return {};
      const r = s.toOnnx(builder, current);
      if (!r.output) return {};
      current = r.output;
    }
    return { output: current };
  }

  /** Names of the steps ONNX cannot express (empty when the whole chain exports). */
  onnxUnsupported(): string[] {
    return onnxUnsupportedSteps(this.steps);
  }
}

/** The steps of a chain that ONNX cannot express, as "name (Kind: reason)". */
export function onnxUnsupportedSteps(steps: readonly [string, PreprocessingStep][]): string[] {
  const out: string[] = [];
  for (const [name, s] of steps) {
    if (s instanceof Pipeline) {
      out.push(...s.onnxUnsupported().map((x) => `${name}/${x}`));
      continue;
    }
    const reason = onnxReason(s);
    if (reason) out.push(`${name} (${s.kind}: ${reason})`);
  }
  return out;
}

/** Why a single step cannot be exported, or null when it can. */
function onnxReason(s: FrameTransformer | MatrixTransformer): string | null {
  if (s.kind === 'TfidfVectorizer') return 'text tokenisation has no standard ONNX operator';
  if (s.kind === 'DateTimeFeatures') return 'ONNX has no calendar operators';
  if (s.kind === 'KNNImputer') return 'nearest-neighbour search is not exported';
  if (s.kind === 'KBinsDiscretizer' && (s.getParams() as { encode?: string }).encode === 'onehot') return "only encode: 'ordinal' is exported";
  if (s.input === 'frame' ? !s.toOnnxFrame : !s.toOnnx) return 'no ONNX converter';
  return null;
}

function applyFit(step: PreprocessingStep, data: Frame | Matrix, name: string): Matrix {
  return applyStep(step, data, name, true);
}

function applyTransform(step: PreprocessingStep, data: Frame | Matrix, name: string): Matrix {
  return applyStep(step, data, name, false);
}

/** Fits/transforms a step on a Frame or Matrix, converting a numeric-only Frame for matrix steps. */
function applyStep(step: PreprocessingStep, data: Frame | Matrix, name: string, isFit: boolean): Matrix {
  if (step instanceof Pipeline) return isFit ? step.fitTransform(data) : step.transform(data);
  if (step.input === 'frame') {
    if (!isFrame(data)) throw new InvalidInputError(`Step "${name}" (${step.kind}) reads table columns, but got a matrix.`, name);
    return isFit ? step.fitTransform(data) : step.transform(data);
  }
  const X = isFrame(data) ? numericMatrix(data) : data;
  return isFit ? step.fitTransform(X) : step.transform(X);
}

/**
 * The numeric and date columns of a frame as a matrix (dates as epoch milliseconds). A categorical
 * or text column is an error naming it: it must go through an encoder first.
 */
export function numericMatrix(frame: Frame): Matrix {
  const n = frame.nRows;
  const out = createMatrix(n, frame.columns.length);
  frame.columns.forEach((c, j) => {
    if (c.kind !== 'numeric' && c.kind !== 'datetime') {
      throw new InvalidInputError(`Column "${c.name}" is ${c.kind}: route it through an encoder (one-hot, ordinal, TF-IDF) before numeric steps.`, c.name);
    }
    out.data.set(c.values, j * n);
  });
  return out;
}
