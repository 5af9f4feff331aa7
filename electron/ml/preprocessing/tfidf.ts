/**
 * TF-IDF features from one text column, as scikit-learn's `TfidfVectorizer`: lowercase, tokens are
 * runs of two or more letters, digits or underscores (sklearn's `(?u)\b\w\w+\b`), optional word
 * n-grams; the vocabulary is filtered by document frequency (`minDf`, `maxDf`) and limited to the
 * `maxFeatures` most frequent terms; weights are tf * idf with idf = ln((1 + n) / (1 + df)) + 1
 * (smooth) or ln(n / df) + 1, tf optionally sublinear (1 + ln tf), rows normalised (l2 by default).
 * Reference: Manning, Raghavan & Schütze, "Introduction to Information Retrieval", ch. 6.
 *
 * The output is a dense matrix (one column per vocabulary term), so keep `maxFeatures` modest.
 * Ties in the `maxFeatures` cut go to the alphabetically first term (sklearn leaves them to numpy's
 * sort). Not exportable to ONNX (tokenisation is not a standard ONNX operator).
 */
import type { Frame, FrameColumn } from '../core/frame.js';
import { getColumn } from '../core/frame.js';
import { createMatrix, type Matrix } from '../core/matrix.js';
import { ArtifactError, InvalidInputError } from '../core/errors.js';
import { decodeF64, encodeArray, makeArtifact, type Artifact } from '../core/serialize.js';
import { EstimatorBase, checkBoolParam, checkEnumParam, checkNumberParam, expectLength, mergeParams, readArtifact, readString } from '../baseline/common.js';
import type { FrameTransformer } from './types.js';

/** Hyper-parameters of {@link TfidfVectorizer}. */
export interface TfidfVectorizerParams {
  /** Lowercase before tokenising (sklearn `lowercase`). Default true. */
  lowercase: boolean;
  /** Smallest and largest n of word n-grams (sklearn `ngram_range`). Default [1, 1]. */
  ngramRange: [number, number];
  /** Drop terms in fewer documents: a count when >= 1, a share of documents when < 1 (sklearn `min_df`). Default 1. */
  minDf: number;
  /** Drop terms in more documents: a share when <= 1, a count when > 1 (sklearn `max_df`). Default 1 (keep all). */
  maxDf: number;
  /** Keep only the most frequent terms (sklearn `max_features`). Default null (all). */
  maxFeatures: number | null;
  /** Row normalisation (sklearn `norm`; 'none' = None). Default 'l2'. */
  norm: 'l2' | 'l1' | 'none';
  /** Weight by inverse document frequency (sklearn `use_idf`). Default true. */
  useIdf: boolean;
  /** Add one to document frequencies, as if one document held every term (sklearn `smooth_idf`). Default true. */
  smoothIdf: boolean;
  /** Use 1 + ln(tf) instead of tf (sklearn `sublinear_tf`). Default false. */
  sublinearTf: boolean;
}

const DEFAULTS: Readonly<TfidfVectorizerParams> = Object.freeze({
  lowercase: true,
  ngramRange: [1, 1] as [number, number],
  minDf: 1,
  maxDf: 1,
  maxFeatures: null,
  norm: 'l2',
  useIdf: true,
  smoothIdf: true,
  sublinearTf: false,
});

function validate(p: TfidfVectorizerParams): void {
  const k = TfidfVectorizer.KIND;
  checkBoolParam(k, 'lowercase', p.lowercase);
  const r = p.ngramRange;
  if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => Number.isInteger(v)) || !(r[0] >= 1 && r[0] <= r[1] && r[1] <= 5)) {
    throw new InvalidInputError(`${k}: parameter ngramRange must be [min, max] with 1 <= min <= max <= 5, got ${JSON.stringify(r)}.`, 'ngramRange');
  }
  checkNumberParam(k, 'minDf', p.minDf, { greaterThan: 0 });
  if (p.minDf >= 1 && !Number.isInteger(p.minDf)) throw new InvalidInputError(`${k}: parameter minDf must be an integer count (>= 1) or a share (< 1), got ${p.minDf}.`, 'minDf');
  checkNumberParam(k, 'maxDf', p.maxDf, { greaterThan: 0 });
  if (p.maxDf > 1 && !Number.isInteger(p.maxDf)) throw new InvalidInputError(`${k}: parameter maxDf must be a share (<= 1) or an integer count (> 1), got ${p.maxDf}.`, 'maxDf');
  checkNumberParam(k, 'maxFeatures', p.maxFeatures, { isInteger: true, min: 1, isNullable: true });
  checkEnumParam(k, 'norm', p.norm, ['l2', 'l1', 'none']);
  checkBoolParam(k, 'useIdf', p.useIdf);
  checkBoolParam(k, 'smoothIdf', p.smoothIdf);
  checkBoolParam(k, 'sublinearTf', p.sublinearTf);
}

const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/** The terms of one document (tokens and their n-grams), in order, repeats kept. */
export function analyze(doc: string, lowercase: boolean, ngramRange: readonly [number, number]): string[] {
  const text = lowercase ? doc.toLowerCase() : doc;
  const tokens = text.match(TOKEN) ?? [];
  const [lo, hi] = ngramRange;
  if (lo === 1 && hi === 1) return tokens;
  const out: string[] = [];
  for (let n = lo; n <= hi; n++) for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/** The documents of a text (or categorical) column; missing = empty document. */
function documents(c: FrameColumn): (string | null)[] | { levels: readonly string[]; codes: Int32Array } {
  if (c.kind === 'text') return c.values as (string | null)[];
  if (c.kind === 'categorical') return { levels: c.levels, codes: c.codes };
  throw new InvalidInputError(`Column "${c.name}" is ${c.kind}: TF-IDF needs a text column.`, c.name);
}

function docAt(d: ReturnType<typeof documents>, i: number): string {
  if (Array.isArray(d)) return d[i] ?? '';
  const code = d.codes[i];
  return code < 0 ? '' : d.levels[code];
}

function docCount(d: ReturnType<typeof documents>): number {
  return Array.isArray(d) ? d.length : d.codes.length;
}

interface TfidfState {
  column: string;
  vocabulary: string[];
  idf: Float64Array;
}

/** TF-IDF vectoriser of one text column. */
export class TfidfVectorizer extends EstimatorBase<TfidfVectorizerParams, TfidfState> implements FrameTransformer<TfidfVectorizerParams> {
  static readonly KIND = 'TfidfVectorizer';
  readonly kind = TfidfVectorizer.KIND;
  readonly input = 'frame' as const;

  constructor(params: Partial<TfidfVectorizerParams> = {}) {
    super(mergeParams(TfidfVectorizer.KIND, DEFAULTS, params));
  }

  /** Learns the vocabulary and idf weights from the frame's single text column. */
  fit(frame: Frame): this {
    validate(this.params);
    if (frame.columns.length !== 1) {
      throw new InvalidInputError(`${this.kind} reads exactly one text column, got ${frame.columns.length}.`);
    }
    if (frame.nRows === 0) throw new InvalidInputError(`${this.kind}: cannot fit on zero rows.`);
    const col = frame.columns[0];
    const docs = documents(col);
    const n = docCount(docs);
    const df = new Map<string, number>();
    const tf = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const terms = analyze(docAt(docs, i), this.params.lowercase, this.params.ngramRange);
      const seen = new Set<string>();
      for (const t of terms) {
        tf.set(t, (tf.get(t) ?? 0) + 1);
        if (!seen.has(t)) {
          seen.add(t);
          df.set(t, (df.get(t) ?? 0) + 1);
        }
      }
    }
    const { minDf, maxDf, maxFeatures } = this.params;
    const minCount = minDf >= 1 ? minDf : minDf * n;
    const maxCount = maxDf <= 1 ? maxDf * n : maxDf;
    let terms = [...df.keys()].filter((t) => (df.get(t) as number) >= minCount && (df.get(t) as number) <= maxCount).sort(compareText);
    if (maxFeatures !== null && terms.length > maxFeatures) {
      const ranked = terms.map((t, k) => k).sort((a, b) => (tf.get(terms[b]) as number) - (tf.get(terms[a]) as number) || a - b);
      terms = ranked.slice(0, maxFeatures).sort((a, b) => a - b).map((k) => terms[k]);
    }
    if (terms.length === 0) {
      throw new InvalidInputError(`Column "${col.name}": no term is left after the document-frequency filters; lower minDf or raise maxDf.`, col.name);
    }
    const idf = new Float64Array(terms.length);
    terms.forEach((t, k) => {
      const d = df.get(t) as number;
      idf[k] = this.params.smoothIdf ? Math.log((1 + n) / (1 + d)) + 1 : Math.log(n / d) + 1;
    });
    this.fitted = { column: col.name, vocabulary: terms, idf };
    return this;
  }

  /** The TF-IDF weights of each document (dense, one column per term). */
  transform(frame: Frame): Matrix {
    const s = this.state();
    const docs = documents(getColumn(frame, s.column));
    const n = docCount(docs);
    const V = s.vocabulary.length;
    const index = new Map(s.vocabulary.map((t, k) => [t, k]));
    const out = createMatrix(n, V);
    const counts = new Float64Array(V);
    const touched: number[] = [];
    for (let i = 0; i < n; i++) {
      for (const t of analyze(docAt(docs, i), this.params.lowercase, this.params.ngramRange)) {
        const k = index.get(t);
        if (k === undefined) continue;
        if (counts[k] === 0) touched.push(k);
        counts[k] += 1;
      }
      let norm = 0;
      for (const k of touched) {
        let w = this.params.sublinearTf ? 1 + Math.log(counts[k]) : counts[k];
        if (this.params.useIdf) w *= s.idf[k];
        counts[k] = w;
        norm += this.params.norm === 'l2' ? w * w : Math.abs(w);
      }
      if (this.params.norm === 'l2') norm = Math.sqrt(norm);
      if (this.params.norm === 'none' || norm === 0) norm = 1;
      for (const k of touched) {
        out.data[k * n + i] = counts[k] / norm;
        counts[k] = 0;
      }
      touched.length = 0;
    }
    return out;
  }

  /** fit then transform. */
  fitTransform(frame: Frame): Matrix {
    return this.fit(frame).transform(frame);
  }

  /** `<col>_<term>` per output column. */
  featureNamesOut(): string[] {
    const s = this.state();
    return s.vocabulary.map((t) => `${s.column}_${t}`);
  }

  /** The vocabulary, in output order (sklearn `get_feature_names_out`). */
  get vocabulary(): string[] {
    return [...this.state().vocabulary];
  }

  /** The idf weight of each term (sklearn `idf_`). */
  get idf(): Float64Array {
    return this.state().idf.slice();
  }

  /** A new unfitted copy. */
  clone(): TfidfVectorizer {
    return new TfidfVectorizer(this.getParams());
  }

  /** Serialises the fitted vectoriser. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), { column: s.column, vocabulary: s.vocabulary, idf: encodeArray(s.idf) });
  }

  /** Loads a vectoriser saved by `toArtifact`. */
  static fromArtifact(value: unknown): TfidfVectorizer {
    const { params, state } = readArtifact(value, TfidfVectorizer.KIND, [1], DEFAULTS, validate);
    const m = new TfidfVectorizer(params);
    const vocabulary = state.vocabulary;
    if (!Array.isArray(vocabulary) || !vocabulary.every((t) => typeof t === 'string')) throw new ArtifactError('Model spec field state.vocabulary must be an array of strings.');
    const idf = decodeF64(state.idf, 'state.idf');
    expectLength(idf, vocabulary.length, 'state.idf');
    m.fitted = { column: readString(state, 'column', 'state'), vocabulary: vocabulary as string[], idf };
    return m;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
