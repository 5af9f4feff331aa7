/**
 * Decision-threshold tuning for binary classifiers: the confusion counts and the usual
 * threshold-dependent metrics at every distinct score, and the threshold that maximises a chosen
 * metric (or minimises an expected cost), optionally under a constraint such as
 * "recall at least 0.9".
 *
 * Method: one stable sort of the scores (ranking.ts) gives cumulative true/false positives at
 * each distinct score; every other count follows (fn = P - tp, tn = N - fp). The rule is
 * "predict positive when score >= threshold", the convention of ROC and PR curves. A last
 * candidate above the highest score (predict nothing positive) is included, so "never alert"
 * is always on the table. Cost = cFP·FP + cFN·FN + cTP·TP + cTN·TN (weighted counts), as in
 * cost-sensitive decision making (Elkan 2001, "The foundations of cost-sensitive learning", IJCAI).
 */
import { InvalidInputError } from '../core/errors.js';
import type { LabelArray } from './internal.js';
import { binaryClassificationCurve, type BinaryCurve, type BinaryScoreOptions } from './ranking.js';

/** Costs (or negative benefits) of each outcome, per row (weighted). */
export interface OutcomeCosts {
  falsePositive: number;
  falseNegative: number;
  /** Default 0. */
  truePositive?: number;
  /** Default 0. */
  trueNegative?: number;
}

/** Metrics at every candidate threshold, by decreasing threshold. */
export interface ThresholdTable {
  thresholds: Float64Array;
  tp: Float64Array;
  fp: Float64Array;
  fn: Float64Array;
  tn: Float64Array;
  /** tp / (tp + fp); 1 where nothing is predicted positive (the convention of the PR curve). */
  precision: Float64Array;
  /** tp / P (true positive rate); NaN when there are no positives. */
  recall: Float64Array;
  /** tn / N; NaN when there are no negatives. */
  specificity: Float64Array;
  f1: Float64Array;
  accuracy: Float64Array;
  /** (recall + specificity) / 2. */
  balancedAccuracy: Float64Array;
  /** Total cost (present only when costs were given). */
  cost?: Float64Array;
}

/** A metric the threshold can be chosen for. */
export type ThresholdMetric = 'f1' | 'precision' | 'recall' | 'specificity' | 'accuracy' | 'balanced_accuracy' | 'cost';

/** The chosen operating point. */
export interface ThresholdChoice {
  /** Predict positive when score >= threshold. */
  threshold: number;
  /** Row of the table. */
  index: number;
  metric: ThresholdMetric;
  value: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Builds the table from a curve already computed (no second sort). */
export function thresholdTableFromCurve(curve: BinaryCurve, costs?: OutcomeCosts): ThresholdTable {
  const m = curve.fps.length;
  const k = m + 1;
  const P = m > 0 ? curve.tps[m - 1] : 0;
  const N = m > 0 ? curve.fps[m - 1] : 0;
  const t: ThresholdTable = {
    thresholds: new Float64Array(k),
    tp: new Float64Array(k),
    fp: new Float64Array(k),
    fn: new Float64Array(k),
    tn: new Float64Array(k),
    precision: new Float64Array(k),
    recall: new Float64Array(k),
    specificity: new Float64Array(k),
    f1: new Float64Array(k),
    accuracy: new Float64Array(k),
    balancedAccuracy: new Float64Array(k),
  };
  if (costs) {
    for (const [name, v] of Object.entries(costs)) {
      if (v !== undefined && !Number.isFinite(v)) throw new InvalidInputError(`Cost ${name} must be a finite number.`, name);
    }
    t.cost = new Float64Array(k);
  }
  for (let r = 0; r < k; r++) {
    // row 0 is "predict nothing": a threshold just above the highest score
    const tp = r === 0 ? 0 : curve.tps[r - 1];
    const fp = r === 0 ? 0 : curve.fps[r - 1];
    t.thresholds[r] = r === 0 ? (m > 0 ? nextUp(curve.thresholds[0]) : 1) : curve.thresholds[r - 1];
    const fn = P - tp;
    const tn = N - fp;
    t.tp[r] = tp;
    t.fp[r] = fp;
    t.fn[r] = fn;
    t.tn[r] = tn;
    const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
    const recall = P > 0 ? tp / P : NaN;
    const specificity = N > 0 ? tn / N : NaN;
    t.precision[r] = precision;
    t.recall[r] = recall;
    t.specificity[r] = specificity;
    // F1 = 2tp / (2tp + fp + fn): defined (0) even where precision is conventional
    t.f1[r] = 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
    t.accuracy[r] = (tp + tn) / (P + N);
    t.balancedAccuracy[r] = (recall + specificity) / 2;
    if (t.cost && costs) {
      t.cost[r] = costs.falsePositive * fp + costs.falseNegative * fn + (costs.truePositive ?? 0) * tp + (costs.trueNegative ?? 0) * tn;
    }
  }
  return t;
}

/** The smallest double above `x`, so that "score >= threshold" selects nothing. */
function nextUp(x: number): number {
  if (x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const b = new Float64Array([x]);
  const u = new BigInt64Array(b.buffer);
  u[0] += x > 0 ? 1n : -1n;
  return b[0];
}

/**
 * Threshold-dependent metrics at every distinct score of a binary classifier (plus the
 * "predict nothing" point). `yScore` is the positive-class probability or any score.
 */
export function thresholdTable(yTrue: LabelArray, yScore: ArrayLike<number>, options: BinaryScoreOptions & { costs?: OutcomeCosts } = {}): ThresholdTable {
  return thresholdTableFromCurve(binaryClassificationCurve(yTrue, yScore, options), options.costs);
}

const COLUMN: Record<Exclude<ThresholdMetric, 'cost'>, keyof ThresholdTable> = {
  f1: 'f1',
  precision: 'precision',
  recall: 'recall',
  specificity: 'specificity',
  accuracy: 'accuracy',
  balanced_accuracy: 'balancedAccuracy',
};

/** A lower bound another metric must keep while the threshold is chosen. */
export interface ThresholdConstraint {
  metric: Exclude<ThresholdMetric, 'cost'>;
  /** The metric must be >= this value. */
  min: number;
}

/**
 * The row of `table` that maximises `metric` (minimises it for 'cost'), among the rows that
 * satisfy `constraint` when one is given. Ties go to the higher threshold (fewer alerts).
 * Returns null when no row satisfies the constraint or the metric is undefined everywhere.
 */
export function bestThreshold(table: ThresholdTable, metric: ThresholdMetric, constraint?: ThresholdConstraint): ThresholdChoice | null {
  let values: Float64Array;
  let sign = 1;
  if (metric === 'cost') {
    if (!table.cost) throw new InvalidInputError('Choosing by cost needs the outcome costs.', 'costs');
    values = table.cost;
    sign = -1;
  } else {
    values = table[COLUMN[metric]] as Float64Array;
  }
  const limit = constraint ? (table[COLUMN[constraint.metric]] as Float64Array) : undefined;
  let best = -1;
  let bestValue = -Infinity;
  for (let r = 0; r < values.length; r++) {
    if (limit && constraint && !(limit[r] >= constraint.min)) continue;
    const v = sign * values[r];
    if (Number.isNaN(v)) continue;
    if (v > bestValue) {
      bestValue = v;
      best = r;
    }
  }
  if (best < 0) return null;
  return {
    threshold: table.thresholds[best],
    index: best,
    metric,
    value: values[best],
    tp: table.tp[best],
    fp: table.fp[best],
    fn: table.fn[best],
    tn: table.tn[best],
    precision: table.precision[best],
    recall: table.recall[best],
    f1: table.f1[best],
  };
}
