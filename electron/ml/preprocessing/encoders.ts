/**
 * Categorical encoders over frame columns, as scikit-learn's `OneHotEncoder` and `OrdinalEncoder`.
 * Categories are the distinct values seen in training, sorted; at prediction time values are
 * matched by their text, so a new category never crashes the pipeline:
 * - OneHotEncoder: one 0/1 column per category. Unknown categories give all zeros ('ignore'), go to
 *   the infrequent column ('infrequentIfExist') or raise ('error'). Rare categories can be grouped
 *   into one `<col>_infrequent_sklearn` column (`minFrequency`, `maxCategories`, with sklearn's
 *   rules). A missing value gets its own `<col>_nan` column when training had missing values
 *   (`missing: 'category'`) or counts as the most frequent category (`missing: 'mostFrequent'`).
 * - OrdinalEncoder: the category's index in sorted order; unknown -> `unknownValue`, missing ->
 *   `encodedMissingValue` (null = NaN, which histogram boosting handles natively).
 * Any column kind is accepted: numbers and dates are matched by their text form.
 */
import type { Frame, FrameColumn } from '../core/frame.js';
import { getColumn } from '../core/frame.js';
import { createMatrix, type Matrix } from '../core/matrix.js';
import { ArtifactError, InvalidInputError } from '../core/errors.js';
import { makeArtifact, type Artifact } from '../core/serialize.js';
import type { OnnxGraphBuilder } from '../onnx/graph.js';
import { EstimatorBase, checkEnumParam, checkNumberParam, mergeParams, readArtifact } from '../baseline/common.js';
import type { FrameTransformer } from './types.js';

/** A column seen as categories: `levels[codes[i]]`, -1 = missing. */
export interface CategoryView {
  levels: readonly string[];
  codes: Int32Array;
}

/** Any frame column as categories (numbers and dates by their text form). */
export function categoryView(c: FrameColumn): CategoryView {
  if (c.kind === 'categorical') return { levels: c.levels, codes: c.codes };
  const levels: string[] = [];
  const index = new Map<string, number>();
  const n = c.kind === 'text' ? c.values.length : c.values.length;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let s: string | null;
    if (c.kind === 'text') s = c.values[i];
    else {
      const v = c.values[i];
      s = Number.isNaN(v) ? null : c.kind === 'datetime' ? new Date(v).toISOString() : String(v);
    }
    if (s === null) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(s);
    if (code === undefined) {
      code = levels.length;
      levels.push(s);
      index.set(s, code);
    }
    codes[i] = code;
  }
  return { levels, codes };
}

/** Distinct present categories of a column, sorted, with counts; plus the missing count. */
function countCategories(view: CategoryView): { categories: string[]; counts: number[]; missing: number } {
  const perLevel = new Float64Array(view.levels.length);
  let missing = 0;
  for (let i = 0; i < view.codes.length; i++) {
    const c = view.codes[i];
    if (c < 0) missing += 1;
    else perLevel[c] += 1;
  }
  const seen = new Map<string, number>();
  view.levels.forEach((l, k) => {
    if (perLevel[k] > 0) seen.set(l, (seen.get(l) ?? 0) + perLevel[k]);
  });
  const categories = [...seen.keys()].sort(compareText);
  return { categories, counts: categories.map((c) => seen.get(c) as number), missing };
}

/** Code-unit order, as Python sorts strings (for the BMP). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sentinels used only inside exported ONNX graphs (an empty string input means missing there). */
const ONNX_INFREQUENT = '__ciclo_infrequent__';
const ONNX_MISSING = '__ciclo_missing__';
const ONNX_UNKNOWN = '__ciclo_unknown__';

/** Hyper-parameters of {@link OneHotEncoder}. */
export interface OneHotEncoderParams {
  /** Unknown categories at transform: 'ignore' (all zeros), 'infrequentIfExist' or 'error' (sklearn `handle_unknown`). Default 'ignore'. */
  handleUnknown: 'ignore' | 'infrequentIfExist' | 'error';
  /** Categories seen fewer times are grouped as infrequent: a count when >= 1, a share of rows when < 1 (sklearn `min_frequency`). Default null (off). */
  minFrequency: number | null;
  /** At most this many output columns per feature, the rarest grouped as infrequent (sklearn `max_categories`). Default null (off). */
  maxCategories: number | null;
  /** Missing values: their own column ('category') or the most frequent category ('mostFrequent'). Default 'category'. */
  missing: 'category' | 'mostFrequent';
}

const OHE_DEFAULTS: Readonly<OneHotEncoderParams> = Object.freeze({ handleUnknown: 'ignore', minFrequency: null, maxCategories: null, missing: 'category' });

function validateOhe(p: OneHotEncoderParams): void {
  const k = OneHotEncoder.KIND;
  checkEnumParam(k, 'handleUnknown', p.handleUnknown, ['ignore', 'infrequentIfExist', 'error']);
  checkNumberParam(k, 'minFrequency', p.minFrequency, { greaterThan: 0, isNullable: true });
  if (p.minFrequency !== null && p.minFrequency >= 1 && !Number.isInteger(p.minFrequency)) {
    throw new InvalidInputError(`${k}: parameter minFrequency must be an integer count (>= 1) or a share (< 1), got ${p.minFrequency}.`, 'minFrequency');
  }
  checkNumberParam(k, 'maxCategories', p.maxCategories, { isInteger: true, min: 1, isNullable: true });
  checkEnumParam(k, 'missing', p.missing, ['category', 'mostFrequent']);
}

/** What the encoder learned for one column. */
interface OneHotColumn {
  name: string;
  /** Frequent categories, each with its own output column, sorted. */
  categories: string[];
  /** Categories grouped into the infrequent column (empty = no such column). */
  infrequent: string[];
  /** True when there is a `<name>_nan` column. */
  hasMissingColumn: boolean;
  /** 'mostFrequent': the category missing values count as; null otherwise. */
  missingAs: string | null;
}

interface OneHotState {
  columns: OneHotColumn[];
}

function widthOf(c: OneHotColumn): number {
  return c.categories.length + (c.hasMissingColumn ? 1 : 0) + (c.infrequent.length > 0 ? 1 : 0);
}

/** One-hot encoding of categorical columns. */
export class OneHotEncoder extends EstimatorBase<OneHotEncoderParams, OneHotState> implements FrameTransformer<OneHotEncoderParams> {
  static readonly KIND = 'OneHotEncoder';
  readonly kind = OneHotEncoder.KIND;
  readonly input = 'frame' as const;

  constructor(params: Partial<OneHotEncoderParams> = {}) {
    super(mergeParams(OneHotEncoder.KIND, OHE_DEFAULTS, params));
  }

  /** Learns the categories of every column of `frame`. */
  fit(frame: Frame): this {
    validateOhe(this.params);
    if (frame.nRows === 0) throw new InvalidInputError(`${this.kind}: cannot fit on zero rows.`);
    const columns = frame.columns.map((col): OneHotColumn => {
      const { categories, counts, missing } = countCategories(categoryView(col));
      const isInfrequent = new Array<boolean>(categories.length).fill(false);
      const { minFrequency, maxCategories } = this.params;
      if (minFrequency !== null) {
        const bound = minFrequency >= 1 ? minFrequency : minFrequency * frame.nRows;
        counts.forEach((c, k) => (isInfrequent[k] = c < bound));
      }
      const nInfrequent = isInfrequent.filter(Boolean).length;
      const nOutputs = categories.length - nInfrequent + 1;
      if (maxCategories !== null && maxCategories < nOutputs) {
        // Stable sort by count: the rarest (earliest in sorted order on ties) go first.
        const order = counts.map((c, k) => k).sort((a, b) => counts[a] - counts[b] || a - b);
        for (const k of order.slice(0, categories.length - maxCategories + 1)) isInfrequent[k] = true;
      }
      let missingAs: string | null = null;
      if (this.params.missing === 'mostFrequent' && categories.length > 0) {
        let best = 0;
        for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
        missingAs = categories[best];
      }
      return {
        name: col.name,
        categories: categories.filter((_, k) => !isInfrequent[k]),
        infrequent: categories.filter((_, k) => isInfrequent[k]),
        hasMissingColumn: this.params.missing === 'category' && missing > 0,
        missingAs,
      };
    });
    this.fitted = { columns };
    this.positionCache = undefined;
    return this;
  }

  /** Per fitted column: category text -> output column within its block (built once, not serialised). */
  private positionCache?: Map<string, number>[];

  private positions(): Map<string, number>[] {
    if (!this.positionCache) {
      this.positionCache = this.state().columns.map((c) => {
        const m = new Map<string, number>();
        c.categories.forEach((cat, k) => m.set(cat, k));
        const infrequentCol = c.categories.length + (c.hasMissingColumn ? 1 : 0);
        for (const cat of c.infrequent) m.set(cat, infrequentCol);
        return m;
      });
    }
    return this.positionCache;
  }

  /** One 0/1 column per category of each fitted column (read by name). */
  transform(frame: Frame): Matrix {
    const s = this.state();
    const n = frame.nRows;
    let width = 0;
    for (const c of s.columns) width += widthOf(c);
    const out = createMatrix(n, width);
    const positions = this.positions();
    let base = 0;
    s.columns.forEach((c, ci) => {
      const view = categoryView(getColumn(frame, c.name));
      const local = positions[ci];
      const infrequentCol = c.infrequent.length > 0 ? base + c.categories.length + (c.hasMissingColumn ? 1 : 0) : -1;
      const unknownCol = this.params.handleUnknown === 'infrequentIfExist' ? infrequentCol : -1;
      // Output column per level of this frame: -1 = no column (all zeros), -2 = unknown under 'error'.
      const target = new Int32Array(view.levels.length);
      for (let k = 0; k < view.levels.length; k++) {
        const p = local.get(view.levels[k]);
        target[k] = p !== undefined ? base + p : this.params.handleUnknown === 'error' ? -2 : unknownCol;
      }
      let missingCol = -1;
      if (c.hasMissingColumn) missingCol = base + c.categories.length;
      else if (c.missingAs !== null) missingCol = base + (local.get(c.missingAs) as number);
      for (let i = 0; i < n; i++) {
        const code = view.codes[i];
        const col = code < 0 ? missingCol : target[code];
        if (col >= 0) out.data[col * n + i] = 1;
        else if (col === -2) {
          throw new InvalidInputError(`Column "${c.name}" has the category ${JSON.stringify(view.levels[code])} (row ${i}), not seen in training.`, c.name);
        }
      }
      base += widthOf(c);
    });
    return out;
  }

  /** fit then transform. */
  fitTransform(frame: Frame): Matrix {
    return this.fit(frame).transform(frame);
  }

  /** `<col>_<category>` per output, then `<col>_nan` and `<col>_infrequent_sklearn` where present (sklearn's names). */
  featureNamesOut(): string[] {
    const out: string[] = [];
    for (const c of this.state().columns) {
      for (const cat of c.categories) out.push(`${c.name}_${cat}`);
      if (c.hasMissingColumn) out.push(`${c.name}_nan`);
      if (c.infrequent.length > 0) out.push(`${c.name}_infrequent_sklearn`);
    }
    return out;
  }

  /** The learned categories per column (frequent ones; see `infrequentCategories`). */
  categories(): Record<string, string[]> {
    return Object.fromEntries(this.state().columns.map((c) => [c.name, [...c.categories]]));
  }

  /** The categories grouped as infrequent, per column. */
  infrequentCategories(): Record<string, string[]> {
    return Object.fromEntries(this.state().columns.map((c) => [c.name, [...c.infrequent]]));
  }

  /** A new unfitted copy. */
  clone(): OneHotEncoder {
    return new OneHotEncoder(this.getParams());
  }

  /** Serialises the fitted encoder. */
  toArtifact(): Artifact {
    return makeArtifact(this.kind, 1, this.getParams(), { columns: this.state().columns });
  }

  /** Loads an encoder saved by `toArtifact`. */
  static fromArtifact(value: unknown): OneHotEncoder {
    const { params, state } = readArtifact(value, OneHotEncoder.KIND, [1], OHE_DEFAULTS, validateOhe);
    const m = new OneHotEncoder(params);
    const cols = state.columns;
    if (!Array.isArray(cols)) throw new ArtifactError('Model spec field state.columns must be an array.');
    m.fitted = {
      columns: cols.map((c: unknown, i): OneHotColumn => {
        const o = c as Record<string, unknown>;
        const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
        if (typeof o !== 'object' || o === null || typeof o.name !== 'string' || !isStrings(o.categories) || !isStrings(o.infrequent) || typeof o.hasMissingColumn !== 'boolean' || !(o.missingAs === null || typeof o.missingAs === 'string')) {
          throw new ArtifactError(`Model spec field state.columns[${i}] is malformed.`);
        }
        return { name: o.name, categories: o.categories, infrequent: o.infrequent, hasMissingColumn: o.hasMissingColumn, missingAs: o.missingAs as string | null };
      }),
    };
    return m;
  }

  /**
   * ONNX: per column, a LabelEncoder maps the input text to its output category (infrequent ones
   * to a group token, the empty string = missing to the missing column or the most frequent
   * category, unknown text to a token with no column), then OneHotEncoder and Reshape.
   * Under handleUnknown 'error' the graph outputs zeros for unknown values (ONNX cannot raise).
   */
  toOnnxFrame(builder: OnnxGraphBuilder, inputs: Readonly<Record<string, string>>): { output: string } {
    const outputs: string[] = [];
    for (const c of this.state().columns) {
      const keys: string[] = [...c.categories, ...c.infrequent, ''];
      const missingTarget = c.hasMissingColumn ? ONNX_MISSING : (c.missingAs !== null ? (c.infrequent.includes(c.missingAs) ? ONNX_INFREQUENT : c.missingAs) : ONNX_UNKNOWN);
      const values: string[] = [...c.categories, ...c.infrequent.map(() => ONNX_INFREQUENT), missingTarget];
      const unknown = this.params.handleUnknown === 'infrequentIfExist' && c.infrequent.length > 0 ? ONNX_INFREQUENT : ONNX_UNKNOWN;
      const [mapped] = builder.addNode(
        'LabelEncoder',
        [inputs[c.name]],
        [builder.uniqueName(`${c.name}_mapped`)],
        [
          { name: 'keys_strings', type: 'strings', value: keys },
          { name: 'values_strings', type: 'strings', value: values },
          { name: 'default_string', type: 'string', value: unknown },
        ],
        'ai.onnx.ml',
      );
      const cats = [...c.categories, ...(c.hasMissingColumn ? [ONNX_MISSING] : []), ...(c.infrequent.length > 0 ? [ONNX_INFREQUENT] : [])];
      const [hot] = builder.addNode(
        'OneHotEncoder',
        [mapped],
        [builder.uniqueName(`${c.name}_onehot3d`)],
        [
          { name: 'cats_strings', type: 'strings', value: cats },
          { name: 'zeros', type: 'int', value: 1 },
        ],
        'ai.onnx.ml',
      );
      const shape = builder.addInitializer('shape', 'int64', [2], [-1, cats.length]);
      const [flat] = builder.addNode('Reshape', [hot, shape], [builder.uniqueName(`${c.name}_onehot`)]);
      outputs.push(flat);
    }
    if (outputs.length === 1) return { output: outputs[0] };
    const [output] = builder.addNode('Concat', outputs, [builder.uniqueName('onehot')], [{ name: 'axis', type: 'int', value: 1 }]);
    return { output };
  }
}

/** Hyper-parameters of {@link OrdinalEncoder}. */
export interface OrdinalEncoderParams {
  /** Code of a category not seen in training (sklearn `unknown_value` with handle_unknown='use_encoded_value'). Default -1. */
  unknownValue: number;
  /** Code of a missing value; null = NaN (sklearn `encoded_missing_value`). Default null. */
  encodedMissingValue: number | null;
}

const ORD_DEFAULTS: Readonly<OrdinalEncoderParams> = Object.freeze({ unknownValue: -1, encodedMissingValue: null });

function validateOrd(p: OrdinalEncoderParams): void {
  checkNumberParam(OrdinalEncoder.KIND, 'unknownValue', p.unknownValue);
  checkNumberParam(OrdinalEncoder.KIND, 'encodedMissingValue', p.encodedMissingValue, { isNullable: true });
}

interface OrdinalState {
  columns: { name: string; categories: string[] }[];
}

/** Ordinal encoding of categorical columns (one output column per input). */
export class OrdinalEncoder extends EstimatorBase<OrdinalEncoderParams, OrdinalState> implements FrameTransformer<OrdinalEncoderParams> {
  static readonly KIND = 'OrdinalEncoder';
  readonly kind = OrdinalEncoder.KIND;
  readonly input = 'frame' as const;

  constructor(params: Partial<OrdinalEncoderParams> = {}) {
    super(mergeParams(OrdinalEncoder.KIND, ORD_DEFAULTS, params));
  }

  /** Learns the sorted categories of every column of `frame`. */
  fit(frame: Frame): this {
    validateOrd(this.params);
    if (frame.nRows === 0) throw new InvalidInputError(`${this.kind}: cannot fit on zero rows.`);
    this.fitted = { columns: frame.columns.map((c) => ({ name: c.name, categories: countCategories(categoryView(c)).categories })) };
    this.positionCache = undefined;
    return this;
  }

  /** Per fitted column: category text -> code (built once, not serialised). */
  private positionCache?: Map<string, number>[];

  /** The category index per value. */
  transform(frame: Frame): Matrix {
    const s = this.state();
    const n = frame.nRows;
    const out = createMatrix(n, s.columns.length);
    const missing = this.params.encodedMissingValue ?? NaN;
    if (!this.positionCache) this.positionCache = s.columns.map((c) => new Map(c.categories.map((cat, k) => [cat, k])));
    const positions = this.positionCache;
    s.columns.forEach((c, j) => {
      const view = categoryView(getColumn(frame, c.name));
      const position = positions[j];
      const code = Float64Array.from(view.levels, (l) => position.get(l) ?? this.params.unknownValue);
      const off = j * n;
      for (let i = 0; i < n; i++) {
        const k = view.codes[i];
        out.data[off + i] = k < 0 ? missing : code[k];
      }
    });
    return out;
  }

  /** fit then transform. */
  fitTransform(frame: Frame): Matrix {
    return this.fit(frame).transform(frame);
  }

  /** The column names. */
  featureNamesOut(): string[] {
    return this.state().columns.map((c) => c.name);
  }

  /** The learned categories per column. */
  categories(): Record<string, string[]> {
    return Object.fromEntries(this.state().columns.map((c) => [c.name, [...c.categories]]));
  }

  /** A new unfitted copy. */
  clone(): OrdinalEncoder {
    return new OrdinalEncoder(this.getParams());
  }

  /** Serialises the fitted encoder. */
  toArtifact(): Artifact {
    return makeArtifact(this.kind, 1, this.getParams(), { columns: this.state().columns });
  }

  /** Loads an encoder saved by `toArtifact`. */
  static fromArtifact(value: unknown): OrdinalEncoder {
    const { params, state } = readArtifact(value, OrdinalEncoder.KIND, [1], ORD_DEFAULTS, validateOrd);
    const m = new OrdinalEncoder(params);
    const cols = state.columns;
    if (!Array.isArray(cols)) throw new ArtifactError('Model spec field state.columns must be an array.');
    m.fitted = {
      columns: cols.map((c: unknown, i) => {
        const o = c as Record<string, unknown>;
        if (typeof o !== 'object' || o === null || typeof o.name !== 'string' || !Array.isArray(o.categories) || !o.categories.every((x) => typeof x === 'string')) {
          throw new ArtifactError(`Model spec field state.columns[${i}] is malformed.`);
        }
        return { name: o.name, categories: o.categories as string[] };
      }),
    };
    return m;
  }

  /** ONNX: one LabelEncoder (text -> float code) per column, concatenated. */
  toOnnxFrame(builder: OnnxGraphBuilder, inputs: Readonly<Record<string, string>>): { output: string } {
    const missing = this.params.encodedMissingValue ?? NaN;
    const outputs = this.state().columns.map((c) => {
      const [coded] = builder.addNode(
        'LabelEncoder',
        [inputs[c.name]],
        [builder.uniqueName(`${c.name}_ordinal`)],
        [
          { name: 'keys_strings', type: 'strings', value: [...c.categories, ''] },
          { name: 'values_floats', type: 'floats', value: [...c.categories.map((_, k) => k), missing] },
          { name: 'default_float', type: 'float', value: this.params.unknownValue },
        ],
        'ai.onnx.ml',
      );
      return coded;
    });
    if (outputs.length === 1) return { output: outputs[0] };
    const [output] = builder.addNode('Concat', outputs, [builder.uniqueName('ordinal')], [{ name: 'axis', type: 'int', value: 1 }]);
    return { output };
  }
}
