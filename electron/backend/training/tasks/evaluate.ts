/**
 * Turns a model's predictions on a set of rows into the stored evaluation report: the engine's
 * full classification or regression report (electron/ml/metrics/report.ts), with class indices
 * mapped back to the user's labels, row positions mapped to stable row ids, the worst errors
 * carrying the rows' original values, the model's own feature importances and, for binary
 * problems, the decision-threshold table. Runs inside worker threads (its cost grows with rows).
 */
import { createMatrix, type Matrix } from '../../../ml/core/matrix.js';
import { evaluateClassification, evaluateRegression } from '../../../ml/metrics/report.js';
import type { ResidualSummary } from '../../../ml/metrics/regression.js';
import { bestThreshold, thresholdTable, type ThresholdChoice, type ThresholdTable } from '../../../ml/metrics/threshold.js';
import { thinIndices } from '../../../ml/metrics/report.js';
import { cellText, type DataTable } from '../../data/table.js';

/** A JSON-safe number. */
type Num = number | null;

function num(v: number): Num {
  return Number.isFinite(v) ? v : null;
}

/** A decision threshold's outcome. */
export interface ThresholdPoint {
  threshold: number;
  precision: Num;
  recall: Num;
  f1: Num;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** The stored threshold table of a binary run. */
export interface StoredThresholds {
  positiveClass: string;
  candidates: ThresholdPoint[];
  best: { f1: ThresholdPoint | null; balancedAccuracy: ThresholdPoint | null; accuracy: ThresholdPoint | null };
  current: ThresholdPoint | null;
}

/** The stored report (the contract's EvaluationReport without what is computed when it is read). */
export interface StoredReport {
  evaluatedOn: 'validation' | 'outOfFold' | 'test';
  nRows: number;
  metrics: Record<string, Num>;
  classification: {
    classes: string[];
    positiveClass: string | null;
    perClass: Array<{ name: string; precision: Num; recall: Num; f1: Num; support: number; rocAuc: Num; averagePrecision: Num }>;
    confusionMatrix: { labels: string[]; counts: number[][]; normalizedTrue: number[][]; normalizedPred: number[][]; normalizedAll: number[][] };
    roc: Array<{ name: string; fpr: Num[]; tpr: Num[]; thresholds: Num[]; auc: Num }>;
    pr: Array<{ name: string; precision: Num[]; recall: Num[]; thresholds: Num[]; averagePrecision: Num; prevalence: Num }>;
    calibration: Array<{ strategy: 'uniform' | 'quantile'; probTrue: Num[]; probPred: Num[]; counts: number[]; edges: Num[] }>;
  } | null;
  regression: {
    residuals: ResidualSummary;
    scatter: { rowIds: number[]; yTrue: number[]; yPred: number[] };
  } | null;
  featureImportances: Array<{ name: string; importance: number }> | null;
  worstErrors: {
    columns: string[];
    rows: Array<{ rowId: number; cells: (string | null)[]; actual: string; predicted: string; probTrue: Num; residual: Num }>;
  };
}

/**
 * Probabilities with floating-point dust removed: values within 1e-9 outside [0, 1] (a sum of
 * class weights computed by subtraction can give -1e-16) are clamped, so the metrics module does not
 * refuse them; anything further out is left for it to refuse (a real fault). Returns a copy only
 * when something changed.
 */
export function cleanProbabilities(m: Matrix): Matrix {
  const d = m.data;
  let dirty = false;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if ((v < 0 && v >= -1e-9) || (v > 1 && v <= 1 + 1e-9)) {
      dirty = true;
      break;
    }
  }
  if (!dirty) return m;
  const out = createMatrix(m.nRows, m.nCols, Float64Array.from(d));
  for (let i = 0; i < out.data.length; i++) {
    const v = out.data[i];
    if (v < 0 && v >= -1e-9) out.data[i] = 0;
    else if (v > 1 && v <= 1 + 1e-9) out.data[i] = 1;
  }
  return out;
}

/** Candidate thresholds kept in the stored table. */
export const MAX_THRESHOLD_CANDIDATES = 2000;
/** Importances kept (text columns can make thousands of features). */
const MAX_IMPORTANCES = 200;

/** What was predicted for the evaluated rows. */
export type EvalPrediction =
  | { task: 'classification'; classIndex: ArrayLike<number>; proba: Matrix | null }
  | { task: 'regression'; values: ArrayLike<number> };

/** Input of {@link buildReport}. */
export interface ReportInput {
  evaluatedOn: StoredReport['evaluatedOn'];
  table: DataTable;
  /** Positions in `table` of the evaluated rows, in the order of the predictions. */
  rows: Int32Array;
  prediction: EvalPrediction;
  /** Classification: the model's class labels (index = class index) and each evaluated row's true label. */
  classLabels?: readonly string[];
  trueLabels?: readonly string[];
  /** Regression: each evaluated row's true value. */
  trueValues?: ArrayLike<number>;
  /** Binary problems: the positive class's label (default: the second label). */
  positiveClass?: string | null;
  /** The model's own importances by output feature, when it has them. */
  importances?: Array<{ name: string; importance: number }> | null;
}

function pointOf(c: ThresholdChoice | { threshold: number; tp: number; fp: number; fn: number; tn: number; precision: number; recall: number; f1: number }): ThresholdPoint {
  return { threshold: c.threshold, precision: num(c.precision), recall: num(c.recall), f1: num(c.f1), tp: c.tp, fp: c.fp, fn: c.fn, tn: c.tn };
}

/** The point of a counts row (precision 1 when nothing is predicted positive, as the PR curve does). */
export function pointFromCounts(threshold: number, tp: number, fp: number, fn: number, tn: number): ThresholdPoint {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? NaN : tp / (tp + fn);
  const f1 = 2 * tp + fp + fn === 0 ? NaN : (2 * tp) / (2 * tp + fp + fn);
  return { threshold, precision: num(precision), recall: num(recall), f1: num(f1), tp, fp, fn, tn };
}

function tableRows(table: ThresholdTable): ThresholdPoint[] {
  const finite: number[] = [];
  for (let r = 0; r < table.thresholds.length; r++) if (Number.isFinite(table.thresholds[r])) finite.push(r);
  const keep = thinIndices(finite.length, MAX_THRESHOLD_CANDIDATES).map((k) => finite[k]);
  return keep.map((r) =>
    pointOf({ threshold: table.thresholds[r], tp: table.tp[r], fp: table.fp[r], fn: table.fn[r], tn: table.tn[r], precision: table.precision[r], recall: table.recall[r], f1: table.f1[r] }),
  );
}

function finiteChoice(c: ThresholdChoice | null): ThresholdPoint | null {
  return c && Number.isFinite(c.threshold) ? pointOf(c) : null;
}

/** Builds the stored report (and the threshold table of a binary problem). */
export function buildReport(input: ReportInput): { report: StoredReport; thresholds: StoredThresholds | null } {
  const { table, rows, prediction } = input;
  const n = rows.length;
  const columns = table.columns.map((c) => c.name);
  const cellsOf = (pos: number): (string | null)[] => table.columns.map((c) => cellText(c, pos));

  if (prediction.task === 'regression') {
    const yTrue = input.trueValues as ArrayLike<number>;
    const r = evaluateRegression({ yTrue, yPred: prediction.values, worstErrors: 20, maxPoints: 2000 });
    return {
      report: {
        evaluatedOn: input.evaluatedOn,
        nRows: n,
        metrics: r.metrics,
        classification: null,
        regression: {
          residuals: r.residuals,
          scatter: { rowIds: r.scatter.rows.map((i) => table.rowIds[rows[i]]), yTrue: r.scatter.yTrue, yPred: r.scatter.yPred },
        },
        featureImportances: topImportances(input.importances),
        worstErrors: {
          columns,
          rows: r.worstErrors.map((e) => ({
            rowId: table.rowIds[rows[e.row]],
            cells: cellsOf(rows[e.row]),
            actual: String(e.yTrue),
            predicted: String(e.yPred),
            probTrue: null,
            residual: num(e.residual),
          })),
        },
      },
      thresholds: null,
    };
  }

  // Classification: true labels to class indices; labels the model never saw get indices after its classes.
  const labels = input.classLabels as readonly string[];
  const trueLabels = input.trueLabels as readonly string[];
  const K = labels.length;
  const index = new Map(labels.map((l, k) => [l, k]));
  const strays: string[] = [];
  const yTrue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let k = index.get(trueLabels[i]);
    if (k === undefined) {
      k = K + strays.length;
      index.set(trueLabels[i], k);
      strays.push(trueLabels[i]);
    }
    yTrue[i] = k;
  }
  const nameOf = (k: number): string => (k < K ? labels[k] : strays[k - K]);
  const yPred = Float64Array.from(prediction.classIndex);
  // Labels the model never saw are classes of the evaluation too (the model gives them probability
  // 0 and never predicts them): every such row counts as an error, and the problem is judged with
  // all its classes (a binary model facing a third label is scored as a multiclass one).
  const total = K + strays.length;
  const classes = Array.from({ length: total }, (_, k) => k);
  const isBinary = total === 2;
  const positive = isBinary ? (input.positiveClass !== undefined && input.positiveClass !== null && index.has(input.positiveClass) ? (index.get(input.positiveClass) as number) : 1) : undefined;
  let proba = prediction.proba ? cleanProbabilities(prediction.proba) : undefined;
  if (proba && strays.length > 0) {
    const padded = createMatrix(n, total);
    padded.data.set(proba.data.subarray(0, n * K));
    proba = padded;
  }
  const r = evaluateClassification({ yTrue, yPred, proba, classes, classNames: classes.map(nameOf), positiveClass: positive, worstErrors: 20, maxCurvePoints: 400 });

  let thresholds: StoredThresholds | null = null;
  if (isBinary && proba && positive !== undefined) {
    const probPos = proba.data.subarray(positive * n, (positive + 1) * n);
    // Rows of a label the model never saw count as negatives here (they can never be predicted positive correctly).
    const isPos = Float64Array.from(yTrue, (k) => (k === positive ? 1 : 0));
    const t = thresholdTable(isPos, probPos, { posLabel: 1 });
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    for (let i = 0; i < n; i++) {
      const p = yPred[i] === positive;
      const a = yTrue[i] === positive;
      if (p && a) tp++;
      else if (p) fp++;
      else if (a) fn++;
      else tn++;
    }
    thresholds = {
      positiveClass: labels[positive],
      candidates: tableRows(t),
      best: { f1: finiteChoice(bestThreshold(t, 'f1')), balancedAccuracy: finiteChoice(bestThreshold(t, 'balanced_accuracy')), accuracy: finiteChoice(bestThreshold(t, 'accuracy')) },
      // The model's own rule (arg-max; p >= 0.5 for a probabilistic binary model).
      current: pointFromCounts(0.5, tp, fp, fn, tn),
    };
  }

  return {
    report: {
      evaluatedOn: input.evaluatedOn,
      nRows: n,
      metrics: r.metrics,
      classification: {
        classes: [...labels],
        positiveClass: r.positiveClass === null ? null : nameOf(r.positiveClass),
        perClass: r.perClass.map((c) => ({ name: c.name, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support, rocAuc: c.rocAuc, averagePrecision: c.averagePrecision })),
        confusionMatrix: {
          labels: r.confusionMatrix.labels.map(nameOf),
          counts: r.confusionMatrix.counts,
          normalizedTrue: r.confusionMatrix.normalizedTrue,
          normalizedPred: r.confusionMatrix.normalizedPred,
          normalizedAll: r.confusionMatrix.normalizedAll,
        },
        roc: r.roc.map((c) => ({ name: nameOf(c.label), fpr: c.fpr, tpr: c.tpr, thresholds: c.thresholds, auc: c.auc })),
        pr: r.pr.map((c) => ({ name: nameOf(c.label), precision: c.precision, recall: c.recall, thresholds: c.thresholds, averagePrecision: c.averagePrecision, prevalence: c.prevalence })),
        calibration: r.calibration.map((c) => ({ strategy: c.strategy, probTrue: c.probTrue, probPred: c.probPred, counts: c.counts, edges: c.edges })),
      },
      regression: null,
      featureImportances: topImportances(input.importances),
      worstErrors: {
        columns,
        rows: r.worstErrors.map((e) => ({
          rowId: table.rowIds[rows[e.row]],
          cells: cellsOf(rows[e.row]),
          actual: nameOf(e.trueLabel),
          predicted: nameOf(e.predictedLabel),
          probTrue: e.probTrue,
          residual: null,
        })),
      },
    },
    thresholds,
  };
}

/** The largest importances by magnitude (finite values only), at most 200. */
function topImportances(list: Array<{ name: string; importance: number }> | null | undefined): Array<{ name: string; importance: number }> | null {
  if (!list) return null;
  return list
    .filter((f) => Number.isFinite(f.importance))
    .sort((a, b) => Math.abs(b.importance) - Math.abs(a.importance))
    .slice(0, MAX_IMPORTANCES);
}
