/**
 * Plumbing shared by the estimators and transformers of the baseline, linear, neighbors,
 * naive-bayes, neural, preprocessing and compose families: params merged over frozen defaults,
 * param checks, input checks that name the problem, label encoding, class weights, and the small
 * numeric kernels (softmax, argmax) every probabilistic classifier needs.
 *
 * It lives in `baseline/` because the baselines are the simplest estimators and every other family
 * listed above already depends on the same conventions; it imports only `core/`.
 */
import { ArtifactError, InvalidInputError, NotFittedError } from '../core/errors.js';
import type { FitOptions } from '../core/interfaces.js';
import { assertFinite, createMatrix, type Matrix } from '../core/matrix.js';
import { checkArtifact, type Artifact } from '../core/serialize.js';

/**
 * Merges user params over `defaults`, keeping the defaults' key order (so serialised params are
 * byte-stable). Unknown keys are an error naming the key; `undefined` values keep the default.
 */
export function mergeParams<P extends object>(kind: string, defaults: Readonly<P>, given?: Partial<P> | Record<string, unknown>): P {
  const out = { ...defaults } as Record<string, unknown>;
  if (given) {
    for (const [key, value] of Object.entries(given)) {
      if (!Object.prototype.hasOwnProperty.call(defaults, key)) {
        throw new InvalidInputError(`${kind} has no parameter "${key}" (known: ${Object.keys(defaults).join(', ')}).`, key);
      }
      if (value !== undefined) out[key] = value;
    }
  }
  return out as P;
}

/** A deep copy of JSON-safe params (so callers cannot mutate an estimator's params). */
export function copyParams<P>(p: P): P {
  return JSON.parse(JSON.stringify(p)) as P;
}

/** Options of {@link checkNumberParam}. */
export interface NumberRule {
  min?: number;
  max?: number;
  /** Strict lower bound (value must be greater than it). */
  greaterThan?: number;
  isInteger?: boolean;
  isNullable?: boolean;
}

/** Throws InvalidInputError naming `name` unless `value` is a number satisfying `rule`. */
export function checkNumberParam(kind: string, name: string, value: unknown, rule: NumberRule = {}): void {
  if (value === null && rule.isNullable) return;
  const bad = (why: string): never => {
    throw new InvalidInputError(`${kind}: parameter ${name} ${why}, got ${JSON.stringify(value)}.`, name);
  };
  if (typeof value !== 'number' || !Number.isFinite(value)) bad('must be a finite number');
  const v = value as number;
  if (rule.isInteger && !Number.isInteger(v)) bad('must be an integer');
  if (rule.min !== undefined && v < rule.min) bad(`must be at least ${rule.min}`);
  if (rule.max !== undefined && v > rule.max) bad(`must be at most ${rule.max}`);
  if (rule.greaterThan !== undefined && !(v > rule.greaterThan)) bad(`must be greater than ${rule.greaterThan}`);
}

/** Throws unless `value` is one of `options`. */
export function checkEnumParam(kind: string, name: string, value: unknown, options: readonly string[]): void {
  if (typeof value !== 'string' || !options.includes(value)) {
    throw new InvalidInputError(`${kind}: parameter ${name} must be one of ${options.join(', ')}, got ${JSON.stringify(value)}.`, name);
  }
}

/** Throws unless `value` is a boolean. */
export function checkBoolParam(kind: string, name: string, value: unknown): void {
  if (typeof value !== 'boolean') throw new InvalidInputError(`${kind}: parameter ${name} must be true or false, got ${JSON.stringify(value)}.`, name);
}

/** Throws unless `value` is an integer seed (any 32-bit integer). */
export function checkSeedParam(kind: string, name: string, value: unknown): void {
  checkNumberParam(kind, name, value, { isInteger: true, min: -2147483648, max: 4294967295 });
}

/**
 * Checks a fit call: same length, at least one row, finite features (naming the column) and a
 * valid sample weight (finite, non-negative, not all zero).
 */
export function checkFitInput(kind: string, X: Matrix, y: ArrayLike<number> | undefined, options?: FitOptions, allowNaN = false): void {
  if (y !== undefined) {
    if (X.nRows !== y.length) throw new InvalidInputError(`${kind}: X has ${X.nRows} rows but y has ${y.length} values.`, 'y');
  }
  if (X.nRows === 0) throw new InvalidInputError(`${kind}: cannot fit on zero rows.`);
  if (X.nCols === 0) throw new InvalidInputError(`${kind}: cannot fit on zero features.`);
  if (!allowNaN) assertFinite(X, options?.featureNames);
  if (options?.featureNames && options.featureNames.length !== X.nCols) {
    throw new InvalidInputError(`${kind}: ${options.featureNames.length} feature names for ${X.nCols} features.`, 'featureNames');
  }
  const sw = options?.sampleWeight;
  if (sw) {
    if (sw.length !== X.nRows) throw new InvalidInputError(`${kind}: sample weight has ${sw.length} values for ${X.nRows} rows.`, 'sampleWeight');
    let total = 0;
    for (let i = 0; i < sw.length; i++) {
      const w = sw[i];
      if (!Number.isFinite(w) || w < 0) throw new InvalidInputError(`${kind}: sample weight at row ${i} must be a finite non-negative number.`, 'sampleWeight');
      total += w;
    }
    if (!(total > 0)) throw new InvalidInputError(`${kind}: sample weights are all zero.`, 'sampleWeight');
  }
}

/** Checks that `y` holds finite numbers (regression targets). */
export function checkFiniteTarget(kind: string, y: ArrayLike<number>): void {
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) {
      throw new InvalidInputError(`${kind}: the target has ${Number.isNaN(y[i]) ? 'a missing value (NaN)' : 'an infinite value'} at row ${i}.`, 'y');
    }
  }
}

/** Checks a predict call: the feature count the model was fitted with, and finite values. */
export function checkPredictInput(kind: string, X: Matrix, nFeatures: number, featureNames?: readonly string[], allowNaN = false): void {
  if (X.nCols !== nFeatures) {
    throw new InvalidInputError(`${kind}: X has ${X.nCols} features, but the model was fitted with ${nFeatures}.`, 'X');
  }
  if (!allowNaN) assertFinite(X, featureNames);
}

/** Class labels and each row's index into them. */
export interface EncodedLabels {
  /** Sorted distinct labels. */
  classes: number[];
  /** Row i's class index in `classes`. */
  index: Int32Array;
  /** Rows per class. */
  counts: Float64Array;
}

/** Encodes numeric class labels; a classifier needs at least two distinct finite labels. */
export function encodeLabels(kind: string, y: ArrayLike<number>): EncodedLabels {
  const seen = new Map<number, number>();
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      throw new InvalidInputError(`${kind}: the target has ${Number.isNaN(v) ? 'a missing value' : 'an infinite value'} at row ${i}.`, 'y');
    }
    seen.set(v, (seen.get(v) ?? 0) + 1);
  }
  const classes = [...seen.keys()].sort((a, b) => a - b);
  if (classes.length < 2) {
    throw new InvalidInputError(
      `${kind}: the target has a single class (${classes[0]}); a classifier needs at least two classes.`,
      'y',
    );
  }
  const position = new Map(classes.map((c, k) => [c, k]));
  const index = new Int32Array(y.length);
  const counts = new Float64Array(classes.length);
  for (let i = 0; i < y.length; i++) {
    const k = position.get(y[i]) as number;
    index[i] = k;
    counts[k] += 1;
  }
  return { classes, index, counts };
}

/** Class weight modes shared by classifiers ('none' = every class weighs 1). */
export const CLASS_WEIGHT_MODES = ['none', 'balanced'] as const;
/** A class weight mode. */
export type ClassWeightMode = (typeof CLASS_WEIGHT_MODES)[number];

/**
 * Per-row weights combining `sampleWeight` with class weights. 'balanced' weighs class k by
 * n / (K * count_k), as scikit-learn's `compute_class_weight('balanced')` (counts ignore sample weights).
 */
export function rowWeights(labels: EncodedLabels, mode: ClassWeightMode, sampleWeight?: Float64Array): Float64Array {
  const n = labels.index.length;
  const K = labels.classes.length;
  const w = new Float64Array(n);
  if (sampleWeight) w.set(sampleWeight);
  else w.fill(1);
  if (mode === 'balanced') {
    const cw = new Float64Array(K);
    for (let k = 0; k < K; k++) cw[k] = n / (K * labels.counts[k]);
    for (let i = 0; i < n; i++) w[i] *= cw[labels.index[i]];
  }
  return w;
}

/** Row-wise softmax in place over a column-major nRows x K matrix (stable: subtracts the row max). */
export function softmaxInPlace(P: Matrix): void {
  const n = P.nRows;
  const K = P.nCols;
  const d = P.data;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (d[k * n + i] > max) max = d[k * n + i];
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(d[k * n + i] - max);
      d[k * n + i] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) d[k * n + i] /= sum;
  }
}

/** Labels of the highest-probability column per row (first wins a tie, as numpy's argmax). */
export function argmaxLabels(P: Matrix, classes: readonly number[]): Float64Array {
  const n = P.nRows;
  const K = P.nCols;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestV = P.data[i];
    for (let k = 1; k < K; k++) {
      const v = P.data[k * n + i];
      if (v > bestV) {
        bestV = v;
        best = k;
      }
    }
    out[i] = classes[best];
  }
  return out;
}

/** Binary probabilities [1 - p, p] from one score column through the logistic function. */
export function binaryProbaFromScores(scores: Float64Array): Matrix {
  const n = scores.length;
  const P = createMatrix(n, 2);
  for (let i = 0; i < n; i++) {
    const p = sigmoid(scores[i]);
    P.data[i] = 1 - p;
    P.data[n + i] = p;
  }
  return P;
}

/** The logistic function, written to avoid overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Base of the estimators in this team's families: params, the fitted state and its guard. */
export abstract class EstimatorBase<P extends object, S> {
  /** Registry kind. */
  abstract readonly kind: string;
  protected readonly params: P;
  protected fitted?: S;

  protected constructor(params: P) {
    this.params = params;
  }

  /** True once fitted. */
  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  /** A copy of the hyper-parameters. */
  getParams(): P {
    return copyParams(this.params);
  }

  /** The learned state; throws NotFittedError before fit. */
  protected state(): S {
    if (this.fitted === undefined) throw new NotFittedError(this.kind);
    return this.fitted;
  }
}

/**
 * Validates an artifact's envelope and params for `kind`: unknown or invalid params become an
 * ArtifactError naming them. Returns the merged params and the raw state object.
 */
export function readArtifact<P extends object>(
  value: unknown,
  kind: string,
  versions: readonly number[],
  defaults: Readonly<P>,
  validate: (p: P) => void,
): { params: P; state: Record<string, unknown>; version: number } {
  const a = checkArtifact(value, kind, versions);
  let params: P;
  try {
    params = mergeParams(kind, defaults, a.params);
    validate(params);
  } catch (e) {
    if (e instanceof InvalidInputError) throw new ArtifactError(`${kind} spec has invalid params: ${e.message}`);
    throw e;
  }
  return { params, state: a.state, version: a.version };
}

/** Reads an integer field of an artifact's state in [min, max], or throws naming it. */
export function readInt(obj: Record<string, unknown>, key: string, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ArtifactError(`Model spec field ${what}.${key} must be an integer between ${min} and ${max}.`);
  }
  return v;
}

/** Reads a string field of an artifact's state, or throws naming it. */
export function readString(obj: Record<string, unknown>, key: string, what: string): string {
  const v = obj[key];
  if (typeof v !== 'string') throw new ArtifactError(`Model spec field ${what}.${key} must be a string.`);
  return v;
}

/** Reads an object field of an artifact's state, or throws naming it. */
export function readObject(obj: Record<string, unknown>, key: string, what: string): Record<string, unknown> {
  const v = obj[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ArtifactError(`Model spec field ${what}.${key} must be an object.`);
  return v as Record<string, unknown>;
}

/** Throws ArtifactError unless `arr` has exactly `n` entries. */
export function expectLength(arr: ArrayLike<unknown>, n: number, what: string): void {
  if (arr.length !== n) throw new ArtifactError(`Model spec field ${what} has ${arr.length} values, expected ${n}.`);
}

/** Reads the optional feature names stored in a state (null or an array of strings). */
export function readFeatureNames(obj: Record<string, unknown>, what: string, nFeatures: number): string[] | undefined {
  const v = obj.featureNames;
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new ArtifactError(`Model spec field ${what}.featureNames must be an array of strings.`);
  expectLength(v, nFeatures, `${what}.featureNames`);
  return v as string[];
}

/** Re-export so estimator files import artifact types from one place. */
export type { Artifact };
