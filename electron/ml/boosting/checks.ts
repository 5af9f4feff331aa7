/**
 * Parameter and input checks shared by the tree family (CART, random forests) and gradient
 * boosting: every bad input gets an InvalidInputError that names the parameter, column or row.
 */
import { InvalidInputError } from '../core/errors.js';
import type { FitOptions } from '../core/interfaces.js';
import type { Matrix } from '../core/matrix.js';

/**
 * Merges user params over frozen `defaults` (keeping the defaults' key order so serialised params
 * are byte-stable). Unknown keys are an error naming the key; `undefined` keeps the default.
 */
export function mergeParams<P extends object>(kind: string, defaults: Readonly<P>, given?: Partial<P> | Record<string, unknown>): P {
  const out = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(given ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(defaults, key)) {
      throw new InvalidInputError(`${kind} has no parameter "${key}" (known: ${Object.keys(defaults).join(', ')}).`, key);
    }
    if (value !== undefined) out[key] = value;
  }
  return out as P;
}

/** Rules of {@link checkNumber}. */
export interface NumberRule {
  min?: number;
  max?: number;
  /** Strictly greater than. */
  above?: number;
  isInteger?: boolean;
  isNullable?: boolean;
}

/** Throws InvalidInputError naming `name` unless `value` satisfies `rule`. */
export function checkNumber(kind: string, name: string, value: unknown, rule: NumberRule = {}): void {
  if (value === null && rule.isNullable) return;
  const bad = (why: string): never => {
    throw new InvalidInputError(`${kind}: parameter ${name} ${why}, got ${JSON.stringify(value)}.`, name);
  };
  if (typeof value !== 'number' || !Number.isFinite(value)) bad(rule.isNullable ? 'must be a finite number or null' : 'must be a finite number');
  const v = value as number;
  if (rule.isInteger && !Number.isInteger(v)) bad('must be an integer');
  if (rule.min !== undefined && v < rule.min) bad(`must be at least ${rule.min}`);
  if (rule.max !== undefined && v > rule.max) bad(`must be at most ${rule.max}`);
  if (rule.above !== undefined && !(v > rule.above)) bad(`must be greater than ${rule.above}`);
}

/** Throws unless `value` is one of `options`. */
export function checkOption(kind: string, name: string, value: unknown, options: readonly unknown[]): void {
  if (!options.includes(value)) {
    throw new InvalidInputError(`${kind}: parameter ${name} must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${JSON.stringify(value)}.`, name);
  }
}

/** Throws unless `value` is an integer seed. */
export function checkSeed(kind: string, name: string, value: unknown): void {
  checkNumber(kind, name, value, { isInteger: true, min: -2147483648, max: 4294967295 });
}

/**
 * Checks the features of a fit or predict call: at least one row (fit) and one column, no
 * infinite value, and no NaN unless `allowNaN` (naming the column and row).
 */
export function checkFeatures(kind: string, X: Matrix, allowNaN: boolean, featureNames?: readonly string[], isFit = true): void {
  if (isFit && X.nRows === 0) throw new InvalidInputError(`${kind}: cannot fit on zero rows.`);
  if (X.nCols === 0) throw new InvalidInputError(`${kind}: the data has no feature columns.`);
  const n = X.nRows;
  const data = X.data;
  for (let j = 0; j < X.nCols; j++) {
    const off = j * n;
    for (let i = 0; i < n; i++) {
      const v = data[off + i];
      if (v - v !== 0) {
        // v - v is NaN for NaN and for +-Infinity, 0 for every finite number.
        if (v !== v && allowNaN) continue;
        const name = featureNames?.[j] ?? `feature ${j}`;
        const what = v !== v ? 'a missing value (NaN)' : 'an infinite value';
        const fix = v !== v ? 'impute it or use histogram gradient boosting, which handles missing values' : 'replace or clip it';
        throw new InvalidInputError(`${kind}: ${name} has ${what} at row ${i}; ${fix}.`, featureNames?.[j] ?? 'X');
      }
    }
  }
}

/** Checks the arguments of fit: lengths, sample weights and feature names. */
export function checkFitArgs(kind: string, X: Matrix, y: ArrayLike<number>, options: FitOptions | undefined): void {
  if (X.nRows !== y.length) throw new InvalidInputError(`${kind}: X has ${X.nRows} rows but y has ${y.length} values.`, 'y');
  if (X.nRows === 0) throw new InvalidInputError(`${kind}: cannot fit on zero rows.`);
  const names = options?.featureNames;
  if (names && names.length !== X.nCols) throw new InvalidInputError(`${kind}: ${names.length} feature names for ${X.nCols} features.`, 'featureNames');
  const sw = options?.sampleWeight;
  if (sw) {
    if (sw.length !== X.nRows) throw new InvalidInputError(`${kind}: sample weight has ${sw.length} values for ${X.nRows} rows.`, 'sampleWeight');
    let total = 0;
    for (let i = 0; i < sw.length; i++) {
      if (!Number.isFinite(sw[i]) || sw[i] < 0) throw new InvalidInputError(`${kind}: sample weight at row ${i} must be a finite non-negative number.`, 'sampleWeight');
      total += sw[i];
    }
    if (!(total > 0)) throw new InvalidInputError(`${kind}: sample weights are all zero.`, 'sampleWeight');
  }
}

/** Checks a predict call: the fitted feature count, and finite values (NaN allowed when the model routes it). */
export function checkPredictFeatures(kind: string, X: Matrix, nFeatures: number, allowNaN: boolean): void {
  if (X.nCols !== nFeatures) throw new InvalidInputError(`${kind}: X has ${X.nCols} features, but the model was fitted with ${nFeatures}.`, 'X');
  checkFeatures(kind, X, allowNaN, undefined, false);
}

/** Regression targets must be finite. */
export function checkTarget(kind: string, y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) throw new InvalidInputError(`${kind}: the target has ${v !== v ? 'a missing value (NaN)' : 'an infinite value'} at row ${i}.`, 'y');
    out[i] = v;
  }
  return out;
}

/** Class labels and each row's class index. */
export interface EncodedClasses {
  /** Sorted distinct labels. */
  classes: number[];
  /** Row i's index into `classes`. */
  index: Int32Array;
  /** Rows per class. */
  counts: Float64Array;
}

/** Encodes class labels; a classifier needs at least two distinct finite labels. */
export function encodeClasses(kind: string, y: ArrayLike<number>): EncodedClasses {
  const seen = new Map<number, number>();
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) throw new InvalidInputError(`${kind}: the target has ${v !== v ? 'a missing value (NaN)' : 'an infinite value'} at row ${i}.`, 'y');
    seen.set(v, (seen.get(v) ?? 0) + 1);
  }
  const classes = [...seen.keys()].sort((a, b) => a - b);
  if (classes.length < 2) {
    throw new InvalidInputError(`${kind}: the target has a single class (${classes[0]}); a classifier needs at least two classes.`, 'y');
  }
  const position = new Map(classes.map((c, k) => [c, k]));
  const index = new Int32Array(y.length);
  const counts = new Float64Array(classes.length);
  for (let i = 0; i < y.length; i++) {
    const k = position.get(y[i]) as number;
    index[i] = k;
    counts[k]++;
  }
  return { classes, index, counts };
}

/** Class weight modes: 'none' (every class weighs 1) or 'balanced' (n / (K * count_k), as scikit-learn). */
export type ClassWeight = 'none' | 'balanced';

/**
 * Per-row weights from sample weights and class weights, or null when every weight is 1 (lets
 * the fast unweighted paths run).
 */
export function combinedWeights(labels: EncodedClasses | null, classWeight: ClassWeight, sampleWeight: Float64Array | undefined): Float64Array | null {
  if (!sampleWeight && (classWeight === 'none' || !labels)) return null;
  const n = labels ? labels.index.length : (sampleWeight as Float64Array).length;
  const w = new Float64Array(n);
  if (sampleWeight) w.set(sampleWeight);
  else w.fill(1);
  if (labels && classWeight === 'balanced') {
    const K = labels.classes.length;
    const cw = labels.counts.map((c) => n / (K * c));
    for (let i = 0; i < n; i++) w[i] *= cw[labels.index[i]];
  }
  return w;
}

/** Index of the largest value of row i over K class-major columns (first one on ties). */
export function argmaxRow(P: Float64Array, n: number, K: number, i: number): number {
  let best = 0;
  let bv = P[i];
  for (let k = 1; k < K; k++) {
    const v = P[k * n + i];
    if (v > bv) {
      bv = v;
      best = k;
    }
  }
  return best;
}
