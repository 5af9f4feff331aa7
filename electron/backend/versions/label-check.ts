/**
 * The cross-validated label check (confident learning, in the spirit of Northcutt, Jiang and
 * Chuang (2021), "Confident Learning: Estimating Uncertainty in Dataset Labels", JAIR 70): every
 * row gets class probabilities from a model that never saw it (k-fold out-of-fold predictions),
 * and `findSuspectLabels` (data/quality/labels.ts) flags rows whose given label the model
 * contradicts with confidence.
 *
 * The model is scikit-learn-style histogram gradient boosting (fast, handles missing values and
 * unscaled features without preprocessing). Features: numeric, integer, boolean and date-time
 * columns as numbers, categorical columns as their codes (trees split codes into ranges, a crude
 * but cheap encoding for an audit); free text and identifiers are left out. Each fold trains on at
 * most MAX_TRAIN_ROWS rows of the other folds (a seeded sample) so the check stays bounded on big
 * tables, while every row still gets an out-of-fold prediction.
 */
import { HistGradientBoostingClassifier } from '../../ml/boosting/gradient-boosting.js';
import { createMatrix, type Matrix } from '../../ml/core/matrix.js';
import { Rng } from '../../ml/core/rng.js';
import { crossValidate } from '../../ml/model-selection/cross-validate.js';
import type { Fold } from '../../ml/model-selection/splits.js';
import { stratifiedKFold } from '../../ml/model-selection/splits.js';
import { dataError, type AbortFlag } from '../data/errors.js';
import { findSuspectLabels, type SuspectLabels } from '../data/quality/index.js';
import { classCodes, getColumn, isNumberColumn, type DataTable } from '../data/table.js';

/** Rows each fold's model trains on at most. */
export const MAX_TRAIN_ROWS = 100_000;
/** Folds of the check. */
export const LABEL_FOLDS = 5;
/** The model, as reported. */
export const LABEL_MODEL = 'HistGradientBoostingClassifier(maxIter=50)';

/** Outcome of the label check. */
export interface LabelCheckResult {
  suspects: SuspectLabels;
  folds: number;
  model: string;
}

/** Feature matrix of the check (column-major; missing = NaN) for the given rows. */
export function labelFeatures(table: DataTable, target: string, ignored: ReadonlySet<string>, rows: Int32Array): Matrix {
  const cols = table.columns.filter((c) => c.name !== target && !ignored.has(c.name) && c.type !== 'text' && c.type !== 'identifier');
  const n = rows.length;
  const X = createMatrix(n, cols.length);
  cols.forEach((c, j) => {
    const off = j * n;
    if (isNumberColumn(c)) for (let k = 0; k < n; k++) X.data[off + k] = c.values[rows[k]];
    else for (let k = 0; k < n; k++) X.data[off + k] = c.codes[rows[k]] < 0 ? NaN : c.codes[rows[k]];
  });
  return X;
}

/** Caps each fold's training rows with a seeded sample. */
function capFolds(folds: Fold[], max: number, rng: Rng): Fold[] {
  return folds.map((f) => {
    if (f.train.length <= max) return f;
    const picked = rng.shuffle(f.train.slice()).subarray(0, max).sort();
    return { train: picked, test: f.test };
  });
}

/** Runs the check on a classification target. */
export function crossValidatedLabelCheck(
  table: DataTable,
  target: string,
  ignored: ReadonlySet<string>,
  hooks: { signal?: AbortFlag & { readonly aborted: boolean }; onProgress?: (f: number) => void; seed?: number } = {},
): LabelCheckResult {
  const cc = classCodes(getColumn(table, target));
  const labelled: number[] = [];
  for (let i = 0; i < table.nRows; i++) if (cc.codes[i] >= 0) labelled.push(i);
  const rows = Int32Array.from(labelled);
  const y = new Float64Array(rows.length);
  const counts = new Int32Array(cc.classes.length);
  for (let k = 0; k < rows.length; k++) {
    y[k] = cc.codes[rows[k]];
    counts[cc.codes[rows[k]]]++;
  }
  const present = Array.from(counts).filter((c) => c > 0);
  const smallest = present.length > 0 ? Math.min(...present) : 0;
  if (present.length < 2 || smallest < 2) {
    throw dataError(
      'INVALID_ARGUMENT',
      'labelCheckTooFewRows',
      `The label check needs at least two classes with two rows each in "${target}".`,
      { column: target },
      'labelCheck',
    );
  }
  const nSplits = Math.min(LABEL_FOLDS, smallest);
  const seed = hooks.seed ?? 0;
  const folds = capFolds(stratifiedKFold(y, { nSplits, shuffle: true, seed }), MAX_TRAIN_ROWS, new Rng(seed + 1));
  const X = labelFeatures(table, target, ignored, rows);
  const classes = cc.classes.map((_c, k) => k);
  const result = crossValidate(
    () => new HistGradientBoostingClassifier({ maxIter: 50, earlyStopping: false, randomState: seed }),
    X,
    y,
    folds,
    ['log_loss'],
    {
      task: 'classification',
      classes,
      returnOutOfFold: true,
      signal: hooks.signal,
      onProgress: (p) => hooks.onProgress?.(p.fraction),
    },
  );
  const proba = result.outOfFold?.proba;
  const K = cc.classes.length;
  // Row-major n x K for the whole table; unlabelled rows keep zeros (they are skipped).
  const probabilities = new Float64Array(table.nRows * K);
  if (proba) {
    const m = rows.length;
    for (let k = 0; k < m; k++) for (let j = 0; j < K; j++) probabilities[rows[k] * K + j] = proba.data[j * m + k];
  }
  return { suspects: findSuspectLabels(table, target, probabilities, cc.classes), folds: nSplits, model: LABEL_MODEL };
}
