/**
 * Routes named columns of a Frame to their preprocessing, as scikit-learn's `ColumnTransformer`:
 * each entry names its columns and a step (an encoder, a numeric transformer, a Pipeline, or
 * 'passthrough'); the outputs are concatenated side by side in entry order. Columns not named by
 * any entry are dropped, or passed through when `remainder` is 'passthrough' (numeric ones only).
 * Output feature names are the steps' names, prefixed with the entry name only where two entries
 * would otherwise produce the same name.
 */
import type { Frame, FrameColumn, FrameColumnKind, FrameSchemaEntry } from '../core/frame.js';
import { getColumn } from '../core/frame.js';
import type { BaseEstimator } from '../core/interfaces.js';
import { hstack, type Matrix } from '../core/matrix.js';
import { ArtifactError, InvalidInputError, NotFittedError } from '../core/errors.js';
import { checkArtifact, makeArtifact, type Artifact } from '../core/serialize.js';
import type { OnnxGraphBuilder } from '../onnx/graph.js';
import { createStep, loadStep, numericMatrix, onnxUnsupportedSteps, Pipeline, type PreprocessingStep, type StepDescription } from './pipeline.js';

/** One routing: a name, a step (or 'passthrough') and the columns it reads. */
export type ColumnTransformerEntry = [name: string, step: PreprocessingStep | 'passthrough', columns: string[]];

/** Params of a {@link ColumnTransformer}. */
export interface ColumnTransformerParams {
  transformers: { name: string; columns: string[]; step: StepDescription | 'passthrough' }[];
  /** Columns no entry names: 'drop' them or 'passthrough' (numeric only). Default 'drop'. */
  remainder: 'drop' | 'passthrough';
}

interface ColumnTransformerState {
  /** The columns read, with their kinds at fit time (the pipeline's input schema). */
  inputSchema: FrameSchemaEntry[];
  /** Remainder columns passed through. */
  remainderColumns: string[];
  featureNames: string[];
}

const KINDS: readonly FrameColumnKind[] = ['numeric', 'categorical', 'text', 'datetime'];

/** Column routing to preprocessing steps. */
export class ColumnTransformer implements BaseEstimator<ColumnTransformerParams> {
  static readonly KIND = 'ColumnTransformer';
  readonly kind = ColumnTransformer.KIND;
  readonly input = 'frame' as const;
  private readonly entries: ColumnTransformerEntry[];
  private readonly remainder: 'drop' | 'passthrough';
  private fitted?: ColumnTransformerState;

  constructor(entries: ColumnTransformerEntry[], options: { remainder?: 'drop' | 'passthrough' } = {}) {
    const names = new Set<string>();
    entries.forEach(([name, step, columns], k) => {
      if (typeof name !== 'string' || name === '' || names.has(name)) throw new InvalidInputError(`Column transformer entry names must be unique and non-empty (entry ${k}).`, 'transformers');
      names.add(name);
      if (!Array.isArray(columns) || columns.length === 0 || !columns.every((c) => typeof c === 'string')) {
        throw new InvalidInputError(`Column transformer entry "${name}" must name at least one column.`, 'transformers');
      }
      if (step !== 'passthrough' && (typeof step !== 'object' || step === null)) throw new InvalidInputError(`Column transformer entry "${name}" has no step.`, 'transformers');
    });
    const remainder = options.remainder ?? 'drop';
    if (remainder !== 'drop' && remainder !== 'passthrough') throw new InvalidInputError(`remainder must be 'drop' or 'passthrough', got ${JSON.stringify(remainder)}.`, 'remainder');
    this.entries = entries;
    this.remainder = remainder;
  }

  /** Builds an unfitted column transformer from its params (steps created through the registry). */
  static fromParams(params: Partial<ColumnTransformerParams>): ColumnTransformer {
    if (typeof params !== 'object' || params === null || !Array.isArray(params.transformers)) {
      throw new InvalidInputError('ColumnTransformer params need a transformers array.', 'transformers');
    }
    return new ColumnTransformer(
      params.transformers.map((t, k): ColumnTransformerEntry => [t.name, t.step === 'passthrough' ? 'passthrough' : createStep(t.step, `transformers[${k}]`), t.columns]),
      { remainder: params.remainder },
    );
  }

  /** True once fitted. */
  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  private state(): ColumnTransformerState {
    if (!this.fitted) throw new NotFittedError(this.kind);
    return this.fitted;
  }

  /** The entries (live steps). */
  get namedTransformers(): readonly ColumnTransformerEntry[] {
    return this.entries;
  }

  /** The columns read and their kinds, after fit. */
  get inputSchema(): FrameSchemaEntry[] {
    return this.state().inputSchema.map((e) => ({ ...e }));
  }

  /** Fits every entry on its columns. */
  fit(frame: Frame): this {
    this.fitTransform(frame);
    return this;
  }

  /** Fits every entry and returns the concatenated output. */
  fitTransform(frame: Frame): Matrix {
    if (frame.nRows === 0) throw new InvalidInputError('Cannot fit the preprocessing on zero rows.');
    const used = new Set<string>();
    for (const [, , columns] of this.entries) for (const c of columns) used.add(c);
    const remainderColumns = this.remainder === 'passthrough' ? frame.columns.filter((c) => !used.has(c.name)).map((c) => c.name) : [];
    const blocks: Matrix[] = [];
    const nameBlocks: string[][] = [];
    for (const [name, step, columns] of this.entries) {
      const sub = subFrame(frame, columns);
      if (step === 'passthrough') {
        blocks.push(numericMatrix(sub));
        nameBlocks.push([...columns]);
        continue;
      }
      blocks.push(runStep(step, sub, true, name));
      nameBlocks.push(step.featureNamesOut(columns));
    }
    if (remainderColumns.length > 0) {
      blocks.push(numericMatrix(subFrame(frame, remainderColumns)));
      nameBlocks.push(remainderColumns);
    }
    const schema: FrameSchemaEntry[] = [];
    const seen = new Set<string>();
    for (const c of [...used, ...remainderColumns]) {
      if (seen.has(c)) continue;
      seen.add(c);
      schema.push({ name: c, kind: getColumn(frame, c).kind });
    }
    this.fitted = { inputSchema: schema, remainderColumns, featureNames: uniqueNames(this.entries.map((e) => e[0]).concat(remainderColumns.length > 0 ? ['remainder'] : []), nameBlocks) };
    return hstack(blocks);
  }

  /** Transforms every entry's columns (read by name) and concatenates the outputs. */
  transform(frame: Frame): Matrix {
    const s = this.state();
    const blocks: Matrix[] = [];
    for (const [name, step, columns] of this.entries) {
      const sub = subFrame(frame, columns);
      blocks.push(step === 'passthrough' ? numericMatrix(sub) : runStep(step, sub, false, name));
    }
    if (s.remainderColumns.length > 0) blocks.push(numericMatrix(subFrame(frame, s.remainderColumns)));
    const out = hstack(blocks);
    if (out.nCols !== s.featureNames.length) {
      throw new InvalidInputError(`The preprocessing produced ${out.nCols} features, but ${s.featureNames.length} were fitted.`);
    }
    return out;
  }

  /** Output feature names. */
  featureNamesOut(): string[] {
    return [...this.state().featureNames];
  }

  /** Params: each entry's columns and step description. */
  getParams(): ColumnTransformerParams {
    return {
      transformers: this.entries.map(([name, step, columns]) => ({
        name,
        columns: [...columns],
        step: step === 'passthrough' ? 'passthrough' : { kind: step.kind, params: step.getParams() as Record<string, unknown> },
      })),
      remainder: this.remainder,
    };
  }

  /** A new unfitted copy (steps cloned). */
  clone(): ColumnTransformer {
    return new ColumnTransformer(
      this.entries.map(([name, step, columns]) => [name, step === 'passthrough' ? 'passthrough' : (step.clone() as PreprocessingStep), [...columns]]),
      { remainder: this.remainder },
    );
  }

  /** Serialises the fitted routing and every fitted step. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), {
      inputSchema: s.inputSchema,
      remainderColumns: s.remainderColumns,
      featureNames: s.featureNames,
      transformers: this.entries.map(([name, step, columns]) => ({ name, columns, artifact: step === 'passthrough' ? 'passthrough' : step.toArtifact() })),
    });
  }

  /** Loads a column transformer saved by `toArtifact`. */
  static fromArtifact(value: unknown): ColumnTransformer {
    const a = checkArtifact(value, ColumnTransformer.KIND, [1]);
    const st = a.state;
    const remainder = a.params.remainder;
    if (remainder !== 'drop' && remainder !== 'passthrough') throw new ArtifactError('Model spec field params.remainder must be drop or passthrough.');
    const ts = st.transformers;
    if (!Array.isArray(ts)) throw new ArtifactError('Model spec field state.transformers must be an array.');
    const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
    const schema = st.inputSchema;
    if (!Array.isArray(schema) || !schema.every((e) => typeof e === 'object' && e !== null && typeof e.name === 'string' && KINDS.includes(e.kind))) {
      throw new ArtifactError('Model spec field state.inputSchema is malformed.');
    }
    if (!isStrings(st.remainderColumns) || !isStrings(st.featureNames)) throw new ArtifactError('Model spec fields state.remainderColumns and state.featureNames must be arrays of strings.');
    let ct: ColumnTransformer;
    try {
      ct = new ColumnTransformer(
        ts.map((t: unknown, k): ColumnTransformerEntry => {
          const o = t as { name?: unknown; columns?: unknown; artifact?: unknown };
          if (typeof o !== 'object' || o === null || typeof o.name !== 'string' || !isStrings(o.columns)) throw new ArtifactError(`Model spec field state.transformers[${k}] is malformed.`);
          return [o.name, o.artifact === 'passthrough' ? 'passthrough' : loadStep(o.artifact, `state.transformers[${k}]`), o.columns];
        }),
        { remainder },
      );
    } catch (e) {
      if (e instanceof InvalidInputError) throw new ArtifactError(`ColumnTransformer spec is invalid: ${e.message}`);
      throw e;
    }
    ct.fitted = {
      inputSchema: (schema as FrameSchemaEntry[]).map((e) => ({ name: e.name, kind: e.kind })),
      remainderColumns: st.remainderColumns,
      featureNames: st.featureNames,
    };
    return ct;
  }

  /** Steps ONNX cannot express, as "entry/step (Kind: reason)"; empty when everything exports. */
  onnxUnsupported(): string[] {
    const out: string[] = [];
    const schema = this.state().inputSchema;
    for (const c of schema) if (c.kind === 'datetime') out.push(`column "${c.name}" (dates are not ONNX inputs)`);
    for (const [name, step] of this.entries) {
      if (step === 'passthrough') continue;
      out.push(...onnxUnsupportedSteps([[name, step]]));
    }
    return out;
  }

  /**
   * ONNX: `inputs` maps each input column to a tensor [N, 1] (float for numeric columns, string for
   * categorical/text ones). Numeric entries are concatenated into one matrix and run through their
   * steps; encoders read the string tensors. Check {@link onnxUnsupported} first.
   */
  toOnnxFrame(builder: OnnxGraphBuilder, inputs: Readonly<Record<string, string>>): { output: string } {
    const s = this.state();
    const outputs: string[] = [];
    const concat = (names: string[]): string => {
      if (names.length === 1) return names[0];
      const [out] = builder.addNode('Concat', names, [builder.uniqueName('concat')], [{ name: 'axis', type: 'int', value: 1 }]);
      return out;
    };
    for (const [name, step, columns] of this.entries) {
      const local: Record<string, string> = {};
      for (const c of columns) local[c] = inputs[c];
      let out: string | undefined;
      if (step === 'passthrough') out = concat(columns.map((c) => inputs[c]));
      else if (step instanceof Pipeline) {
        out = step.input === 'frame' ? step.toOnnxFrame(builder, local).output : step.toOnnx(builder, concat(columns.map((c) => inputs[c]))).output;
      } else if (step.input === 'frame') out = step.toOnnxFrame?.(builder, local).output;
      else out = step.toOnnx?.(builder, concat(columns.map((c) => inputs[c]))).output;
      if (!out) throw new InvalidInputError(`Entry "${name}" (${step === 'passthrough' ? 'passthrough' : step.kind}) cannot be exported to ONNX.`);
      outputs.push(out);
    }
    if (s.remainderColumns.length > 0) outputs.push(concat(s.remainderColumns.map((c) => inputs[c])));
    return { output: concat(outputs) };
  }
}

/** The named columns of a frame, in that order; a missing one is an error naming it. */
function subFrame(frame: Frame, columns: readonly string[]): Frame {
  const cols: FrameColumn[] = columns.map((c) => getColumn(frame, c));
  return { nRows: frame.nRows, columns: cols };
}

function runStep(step: PreprocessingStep, sub: Frame, isFit: boolean, name: string): Matrix {
  try {
    if (step instanceof Pipeline) return isFit ? step.fitTransform(sub) : step.transform(sub);
    if (step.input === 'frame') return isFit ? step.fitTransform(sub) : step.transform(sub);
    const X = numericMatrix(sub);
    return isFit ? step.fitTransform(X) : step.transform(X);
  } catch (e) {
    // Name the entry and its columns in matrix-step errors, which only know feature indices.
    // Only for steps that read the columns directly: after an encoder, indices are output features.
    if (e instanceof InvalidInputError && step.input === 'matrix' && /feature \d+/.test(e.message)) {
      const cols = sub.columns.map((c) => c.name);
      const message = e.message.replace(/feature (\d+)/, (_m, j: string) => `column "${cols[Number(j)] ?? j}"`);
      throw new InvalidInputError(`${message} (in "${name}")`, cols[Number(/feature (\d+)/.exec(e.message)?.[1])] ?? e.field);
    }
    throw e;
  }
}

/** Concatenated names, prefixing `entry__` only on names that would collide. */
function uniqueNames(entryNames: string[], blocks: string[][]): string[] {
  const count = new Map<string, number>();
  for (const b of blocks) for (const n of b) count.set(n, (count.get(n) ?? 0) + 1);
  const out: string[] = [];
  blocks.forEach((b, k) => {
    for (const n of b) out.push((count.get(n) as number) > 1 ? `${entryNames[k]}__${n}` : n);
  });
  return out;
}
