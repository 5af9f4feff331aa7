/**
 * Ways to split rows into training and evaluation sets, as index arrays:
 * - `trainValidationTestSplit`: one holdout split, random, stratified (class shares kept),
 *   grouped (no group on both sides) or by time (oldest rows train, newest test);
 * - k-fold cross-validation: `kFold`, `stratifiedKFold`, `groupKFold`, `timeSeriesSplit`.
 *
 * The k-fold splitters reproduce scikit-learn 1.2's algorithms (`sklearn.model_selection._split`):
 * without shuffling they give exactly its folds (checked against fixtures); with shuffling they
 * use the engine's seeded generator, so the folds are deterministic but differ from NumPy's.
 * - KFold: contiguous folds, the first n mod k one row larger.
 * - StratifiedKFold: classes encoded in order of first appearance; fold f takes, of each class,
 *   the count of that class among sorted labels f, f+k, f+2k, ... (so fold sizes differ by at
 *   most one and class shares are kept); rows of a class fill its folds in index order.
 * - GroupKFold: groups by decreasing size, each to the fold with the fewest rows so far.
 * - TimeSeriesSplit: expanding (or `maxTrainSize`-bounded) training windows, each followed by
 *   a test window of `testSize` rows, optionally after a `gap`.
 * Kohavi (1995), "A study of cross-validation and bootstrap for accuracy estimation and model
 * selection", IJCAI; Bergmeir & Benitez (2012), "On the use of cross-validation for time series
 * predictor evaluation", Information Sciences 191.
 */
import { InvalidInputError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { argsortStable } from '../metrics/internal.js';

/** One train/test split as row indices. */
export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

/** A train / validation / test split as row indices (each ascending, except by-time). */
export interface HoldoutSplit {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/** How a holdout split chooses rows. */
export type HoldoutStrategy = 'random' | 'stratified' | 'group' | 'time';

/** Options of {@link trainValidationTestSplit}. */
export interface HoldoutOptions {
  nRows: number;
  /** Share of rows for validation, in [0, 1). */
  validationFraction: number;
  /** Share of rows for test, in [0, 1). */
  testFraction: number;
  /** Default 'random'. */
  strategy?: HoldoutStrategy;
  /** Class labels (stratified). */
  y?: ArrayLike<number>;
  /** Group ids (group): rows of one group stay together. */
  groups?: ArrayLike<number>;
  /** Time stamps (time); default: the row order is the time order. */
  order?: ArrayLike<number>;
  /** Seed of the shuffles (default 0). */
  seed?: number;
}

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new InvalidInputError(`The number of rows must be a positive integer, got ${n}.`, 'nRows');
}

function checkSplits(nSplits: number, n: number, what = 'rows'): void {
  if (!Number.isInteger(nSplits) || nSplits < 2) throw new InvalidInputError(`nSplits must be an integer >= 2, got ${nSplits}.`, 'nSplits');
  if (nSplits > n) throw new InvalidInputError(`Cannot make ${nSplits} folds from ${n} ${what}.`, 'nSplits');
}

function checkLength(a: ArrayLike<number> | undefined, n: number, name: string): ArrayLike<number> {
  if (!a) throw new InvalidInputError(`${name} is required for this split.`, name);
  if (a.length !== n) throw new InvalidInputError(`${name} has ${a.length} values, expected ${n}.`, name);
  for (let i = 0; i < n; i++) if (!Number.isFinite(a[i])) throw new InvalidInputError(`${name} has a missing value at row ${i}.`, name);
  return a;
}

function sortedInt32(values: number[]): Int32Array {
  return Int32Array.from(values).sort();
}

/** Rows not in `test`, ascending. */
function complement(n: number, test: ArrayLike<number>): Int32Array {
  const mark = new Uint8Array(n);
  for (let i = 0; i < test.length; i++) mark[test[i]] = 1;
  const out = new Int32Array(n - test.length);
  let k = 0;
  for (let i = 0; i < n; i++) if (!mark[i]) out[k++] = i;
  return out;
}

/**
 * Largest-remainder allocation of `total` items over buckets proportionally to `counts`
 * (ties go to the bucket with more rows, then the lower index). Never gives a bucket more
 * than it has.
 */
function allocate(counts: number[], total: number): number[] {
  const sum = counts.reduce((a, b) => a + b, 0);
  const exact = counts.map((c) => (c * total) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = counts.map((_, i) => i).sort((a, b) => exact[b] - out[b] - (exact[a] - out[a]) || counts[b] - counts[a] || a - b);
  for (const i of order) {
    if (left === 0) break;
    if (out[i] < counts[i]) {
      out[i]++;
      left--;
    }
  }
  return out;
}

/**
 * Splits rows into train / validation / test. Sizes are ceil(fraction × n) for validation and
 * test (at least one row each when the fraction is positive), the rest trains.
 */
export function trainValidationTestSplit(options: HoldoutOptions): HoldoutSplit {
  const n = options.nRows;
  checkN(n);
  const { validationFraction: vf, testFraction: tf } = options;
  for (const [name, f] of [['validationFraction', vf], ['testFraction', tf]] as const) {
    if (!(f >= 0 && f < 1)) throw new InvalidInputError(`${name} must be in [0, 1), got ${f}.`, name);
  }
  const nVal = Math.ceil(vf * n);
  const nTest = Math.ceil(tf * n);
  if (n - nVal - nTest < 1) {
    throw new InvalidInputError(`With ${n} rows, validation ${nVal} and test ${nTest} leave no training rows.`, 'validationFraction');
  }
  const rng = new Rng(options.seed ?? 0);
  const strategy = options.strategy ?? 'random';
  if (strategy === 'time') {
    const order = options.order ? argsortStable(checkLength(options.order, n, 'order')) : Uint32Array.from({ length: n }, (_, i) => i);
    const nTrain = n - nVal - nTest;
    return {
      train: Int32Array.from(order.subarray(0, nTrain)),
      validation: Int32Array.from(order.subarray(nTrain, nTrain + nVal)),
      test: Int32Array.from(order.subarray(nTrain + nVal)),
    };
  }
  if (strategy === 'group') {
    const groups = checkLength(options.groups, n, 'groups');
    const byGroup = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const list = byGroup.get(groups[i]);
      if (list) list.push(i);
      else byGroup.set(groups[i], [i]);
    }
    const keys = [...byGroup.keys()].sort((a, b) => a - b);
    rng.shuffle(keys);
    const test: number[] = [];
    const val: number[] = [];
    const train: number[] = [];
    for (const g of keys) {
      const rows = byGroup.get(g) as number[];
      // fill test, then validation, group by group, until each reaches its target size
      if (test.length < nTest) test.push(...rows);
      else if (val.length < nVal) val.push(...rows);
      else train.push(...rows);
    }
    if (train.length === 0) throw new InvalidInputError('There are too few groups to leave any for training.', 'groups');
    return { train: sortedInt32(train), validation: sortedInt32(val), test: sortedInt32(test) };
  }
  if (strategy === 'stratified') {
    const y = checkLength(options.y, n, 'y');
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const list = byClass.get(y[i]);
      if (list) list.push(i);
      else byClass.set(y[i], [i]);
    }
    const labels = [...byClass.keys()].sort((a, b) => a - b);
    const counts = labels.map((l) => (byClass.get(l) as number[]).length);
    const testAlloc = allocate(counts, nTest);
    const valAlloc = allocate(counts.map((c, i) => c - testAlloc[i]), nVal);
    const test: number[] = [];
    const val: number[] = [];
    const train: number[] = [];
    labels.forEach((l, c) => {
      const rows = rng.shuffle([...(byClass.get(l) as number[])]);
      test.push(...rows.slice(0, testAlloc[c]));
      val.push(...rows.slice(testAlloc[c], testAlloc[c] + valAlloc[c]));
      train.push(...rows.slice(testAlloc[c] + valAlloc[c]));
    });
    return { train: sortedInt32(train), validation: sortedInt32(val), test: sortedInt32(test) };
  }
  const perm = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  return {
    test: perm.slice(0, nTest).sort(),
    validation: perm.slice(nTest, nTest + nVal).sort(),
    train: perm.slice(nTest + nVal).sort(),
  };
}

/** Options of the shuffling k-fold splitters. */
export interface KFoldOptions {
  nSplits?: number;
  /** Shuffle rows before folding (default false: contiguous folds, exactly scikit-learn's). */
  shuffle?: boolean;
  /** Seed of the shuffle (default 0). */
  seed?: number;
}

/** K contiguous folds (of the shuffled rows when `shuffle`). scikit-learn: `KFold` (default 5 splits). */
export function kFold(nRows: number, options: KFoldOptions = {}): Fold[] {
  checkN(nRows);
  const k = options.nSplits ?? 5;
  checkSplits(k, nRows);
  const idx = Int32Array.from({ length: nRows }, (_, i) => i);
  if (options.shuffle) new Rng(options.seed ?? 0).shuffle(idx);
  const folds: Fold[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(nRows / k) + (f < nRows % k ? 1 : 0);
    const test = idx.slice(start, start + size).sort();
    folds.push({ train: complement(nRows, test), test });
    start += size;
  }
  return folds;
}

/**
 * K folds that keep each class's share (scikit-learn: `StratifiedKFold`). Throws when every class
 * has fewer rows than folds; a rarer class simply misses some folds.
 */
export function stratifiedKFold(y: ArrayLike<number>, options: KFoldOptions = {}): Fold[] {
  const n = y.length;
  checkN(n);
  checkLength(y, n, 'y');
  const k = options.nSplits ?? 5;
  checkSplits(k, n);
  // encode classes by order of first appearance, as scikit-learn does
  const code = new Map<number, number>();
  const enc = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let c = code.get(y[i]);
    if (c === undefined) {
      c = code.size;
      code.set(y[i], c);
    }
    enc[i] = c;
  }
  const nClasses = code.size;
  const counts = new Int32Array(nClasses);
  for (let i = 0; i < n; i++) counts[enc[i]]++;
  if (counts.every((c) => c < k)) {
    throw new InvalidInputError(`nSplits = ${k} is larger than the number of rows of every class.`, 'nSplits');
  }
  // allocation[f][c] = how many of class c go to fold f: count of c among sorted labels f, f + k, ...
  const sortedEnc = enc.slice().sort();
  const allocation: Int32Array[] = Array.from({ length: k }, () => new Int32Array(nClasses));
  for (let i = 0; i < n; i++) allocation[i % k][sortedEnc[i]]++;
  const rng = new Rng(options.seed ?? 0);
  const testFold = new Int32Array(n);
  for (let c = 0; c < nClasses; c++) {
    const foldsForClass = new Int32Array(counts[c]);
    let p = 0;
    for (let f = 0; f < k; f++) for (let r = 0; r < allocation[f][c]; r++) foldsForClass[p++] = f;
    if (options.shuffle) rng.shuffle(foldsForClass);
    let q = 0;
    for (let i = 0; i < n; i++) if (enc[i] === c) testFold[i] = foldsForClass[q++];
  }
  return foldsFromAssignment(testFold, k);
}

function foldsFromAssignment(testFold: Int32Array, k: number): Fold[] {
  const n = testFold.length;
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const test: number[] = [];
    for (let i = 0; i < n; i++) if (testFold[i] === f) test.push(i);
    const t = Int32Array.from(test);
    folds.push({ train: complement(n, t), test: t });
  }
  return folds;
}

/**
 * K folds with no group split across train and test (scikit-learn: `GroupKFold`): groups by
 * decreasing size (equal sizes: the larger group id first), each to the lightest fold.
 */
export function groupKFold(groups: ArrayLike<number>, options: { nSplits?: number } = {}): Fold[] {
  const n = groups.length;
  checkN(n);
  checkLength(groups, n, 'groups');
  const k = options.nSplits ?? 5;
  const ids = [...new Set(Array.from(groups))].sort((a, b) => a - b);
  checkSplits(k, ids.length, 'groups');
  const index = new Map(ids.map((g, i) => [g, i]));
  const enc = Int32Array.from(groups, (g) => index.get(g) as number);
  const sizes = new Int32Array(ids.length);
  for (let i = 0; i < n; i++) sizes[enc[i]]++;
  const order = ids.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || b - a);
  const load = new Float64Array(k);
  const groupFold = new Int32Array(ids.length);
  for (const g of order) {
    let lightest = 0;
    for (let f = 1; f < k; f++) if (load[f] < load[lightest]) lightest = f;
    load[lightest] += sizes[g];
    groupFold[g] = lightest;
  }
  return foldsFromAssignment(Int32Array.from(enc, (g) => groupFold[g]), k);
}

/** Options of {@link timeSeriesSplit}. scikit-learn: `TimeSeriesSplit`. */
export interface TimeSeriesSplitOptions {
  nSplits?: number;
  /** Cap on training rows (the most recent ones are kept). */
  maxTrainSize?: number;
  /** Rows per test window (default n / (nSplits + 1), rounded down). */
  testSize?: number;
  /** Rows skipped between the end of training and the test window (default 0). */
  gap?: number;
  /** Time stamps; rows are put in time order first (stable). Default: row order is time order. */
  order?: ArrayLike<number>;
}

/**
 * Forward-chaining splits for time-ordered data: every test window comes after its training
 * rows. Indices are returned in time order.
 */
export function timeSeriesSplit(nRows: number, options: TimeSeriesSplitOptions = {}): Fold[] {
  checkN(nRows);
  const k = options.nSplits ?? 5;
  if (!Number.isInteger(k) || k < 2) throw new InvalidInputError(`nSplits must be an integer >= 2, got ${k}.`, 'nSplits');
  const nFolds = k + 1;
  const gap = options.gap ?? 0;
  const testSize = options.testSize ?? Math.floor(nRows / nFolds);
  if (nFolds > nRows) throw new InvalidInputError(`Cannot make ${nFolds} time windows from ${nRows} rows.`, 'nSplits');
  if (nRows - gap - testSize * k <= 0) {
    throw new InvalidInputError(`Too many splits (${k}) for ${nRows} rows with test size ${testSize} and gap ${gap}.`, 'nSplits');
  }
  const time = options.order ? argsortStable(checkLength(options.order, nRows, 'order')) : Uint32Array.from({ length: nRows }, (_, i) => i);
  const folds: Fold[] = [];
  for (let testStart = nRows - k * testSize; testStart < nRows; testStart += testSize) {
    const trainEnd = testStart - gap;
    const trainStart = options.maxTrainSize && options.maxTrainSize < trainEnd ? trainEnd - options.maxTrainSize : 0;
    folds.push({
      train: Int32Array.from(time.subarray(trainStart, trainEnd)),
      test: Int32Array.from(time.subarray(testStart, testStart + testSize)),
    });
  }
  return folds;
}

/** A cross-validation scheme as saved in a run spec (JSON). */
export type CvSpec =
  | { kind: 'kfold'; nSplits: number; shuffle?: boolean; seed?: number }
  | { kind: 'stratified'; nSplits: number; shuffle?: boolean; seed?: number }
  | { kind: 'group'; nSplits: number }
  | { kind: 'timeseries'; nSplits: number; maxTrainSize?: number; testSize?: number; gap?: number }
  | { kind: 'holdout'; validationFraction: number; strategy?: HoldoutStrategy; seed?: number };

/** What a {@link CvSpec} may need besides the row count. */
export interface CvData {
  nRows: number;
  y?: ArrayLike<number>;
  groups?: ArrayLike<number>;
  order?: ArrayLike<number>;
}

/** The folds of a scheme. A holdout scheme gives one fold (train vs validation). */
export function makeFolds(spec: CvSpec, data: CvData): Fold[] {
  switch (spec.kind) {
    case 'kfold':
      return kFold(data.nRows, spec);
    case 'stratified':
      return stratifiedKFold(checkLength(data.y, data.nRows, 'y'), spec);
    case 'group':
      return groupKFold(checkLength(data.groups, data.nRows, 'groups'), spec);
    case 'timeseries':
      return timeSeriesSplit(data.nRows, { ...spec, order: data.order });
    case 'holdout': {
      const s = trainValidationTestSplit({ ...data, validationFraction: spec.validationFraction, testFraction: 0, strategy: spec.strategy, seed: spec.seed });
      return [{ train: s.train, test: s.validation }];
    }
  }
  throw new InvalidInputError(`Unknown cross-validation kind "${(spec as { kind: string }).kind}".`, 'kind');
}
