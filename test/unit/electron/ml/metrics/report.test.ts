import { describe, expect, it } from 'vitest';
import { evaluateClassification, evaluateRegression, thinIndices } from '../../../../../electron/ml/metrics/report.js';
import { averagePrecisionOvr, rocAucOvr, rocAucScore } from '../../../../../electron/ml/metrics/ranking.js';
import { logLoss } from '../../../../../electron/ml/metrics/probabilistic.js';
import { r2Score } from '../../../../../electron/ml/metrics/regression.js';
import { createMatrix, fromRows } from '../../../../../electron/ml/core/matrix.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';

function binaryProblem(n: number, seed: number) {
  const rng = new Rng(seed);
  const y = new Float64Array(n);
  const P = createMatrix(n, 2);
  for (let i = 0; i < n; i++) {
    y[i] = rng.next() < 0.25 ? 1 : 0;
    const p = Math.min(1, Math.max(0, 0.25 + 0.4 * (y[i] - 0.5) + 0.3 * rng.normal()));
    P.data[n + i] = p;
    P.data[i] = 1 - p;
  }
  return { y, P };
}

describe('evaluateClassification', () => {
  it('produces a JSON-safe binary report whose numbers agree with the metric functions', () => {
    // Arrange
    const { y, P } = binaryProblem(3000, 3);
    // Act
    const r = evaluateClassification({ yTrue: y, proba: P, classes: [0, 1], classNames: ['stays', 'churns'], maxCurvePoints: 50, costs: { falsePositive: 1, falseNegative: 5 } });
    // Assert
    const json = JSON.parse(JSON.stringify(r));
    expect(json).toEqual(r);
    expect(r.positiveClass).toBe(1);
    expect(r.metrics.roc_auc).toBeCloseTo(rocAucScore(y, P.data.subarray(3000)), 12);
    expect(r.metrics.log_loss).toBeCloseTo(logLoss(y, P, { labels: [0, 1] }), 12);
    for (const id of ['accuracy', 'balanced_accuracy', 'f1_macro', 'f1', 'precision', 'recall', 'roc_auc', 'average_precision', 'log_loss', 'brier']) {
      expect(typeof r.metrics[id], id).toBe('number');
    }
    const total = r.confusionMatrix.counts.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(3000);
    expect(r.confusionMatrix.names).toEqual(['stays', 'churns']);
    expect(r.roc).toHaveLength(1);
    expect(r.roc[0].fpr.length).toBeLessThanOrEqual(50);
    expect(r.roc[0].fpr[0]).toBe(0);
    expect(r.roc[0].fpr.at(-1)).toBe(1);
    expect(r.calibration.map((c) => c.strategy)).toEqual(['uniform', 'quantile']);
    expect(r.threshold?.best.f1?.value).toBeGreaterThan(0);
    expect(r.threshold?.best.cost).toBeDefined();
    expect(r.worstErrors.length).toBe(20);
    // worst errors come first: the lowest probability on the true class
    const probs = r.worstErrors.map((e) => e.probTrue as number);
    expect([...probs].sort((a, b) => a - b)).toEqual(probs);
  });

  it('applies a chosen decision threshold to the positive class', () => {
    const { y, P } = binaryProblem(500, 9);
    const low = evaluateClassification({ yTrue: y, proba: P, classes: [0, 1], threshold: 0.1 });
    const high = evaluateClassification({ yTrue: y, proba: P, classes: [0, 1], threshold: 0.9 });
    expect(low.metrics.recall!).toBeGreaterThan(high.metrics.recall!);
    expect(low.threshold?.current).toBe(0.1);
  });

  it('reports multiclass one-vs-rest curves and keeps a class the rows lack', () => {
    // Arrange: the model knows classes 0, 1, 2 but the rows only hold 0 and 1
    const P = fromRows([[0.7, 0.2, 0.1], [0.2, 0.7, 0.1], [0.3, 0.3, 0.4], [0.6, 0.3, 0.1]]);
    // Act
    const r = evaluateClassification({ yTrue: [0, 1, 1, 0], proba: P, classes: [0, 1, 2] });
    // Assert
    expect(r.positiveClass).toBeNull();
    expect(r.confusionMatrix.labels).toEqual([0, 1, 2]);
    expect(r.roc).toHaveLength(3);
    expect(r.metrics.roc_auc).toBeNull(); // undefined: class 2 never occurs
    expect(r.metrics.log_loss).not.toBeNull();
    expect(r.perClass[2].support).toBe(0);
    expect(r.threshold).toBeNull();
  });

  it('derives the one-vs-rest averages from its per-class curves, equal to the direct functions', () => {
    // Arrange: 4 classes, weighted rows
    const rng = new Rng(12);
    const n = 2000;
    const y = Float64Array.from({ length: n }, () => rng.int(4));
    const P = createMatrix(n, 4);
    for (let i = 0; i < n; i++) {
      const e = [0, 1, 2, 3].map((k) => Math.exp(rng.normal() + (k === y[i] ? 1 : 0)));
      const s = e.reduce((a, b) => a + b, 0);
      e.forEach((v, k) => (P.data[k * n + i] = v / s));
    }
    const w = Float64Array.from({ length: n }, () => 0.5 + rng.next());
    // Act
    const r = evaluateClassification({ yTrue: y, proba: P, classes: [0, 1, 2, 3], sampleWeight: w });
    // Assert
    expect(r.metrics.roc_auc).toBeCloseTo(rocAucOvr(y, P, [0, 1, 2, 3], { sampleWeight: w }), 12);
    expect(r.metrics.roc_auc_weighted).toBeCloseTo(rocAucOvr(y, P, [0, 1, 2, 3], { sampleWeight: w, average: 'weighted' }), 12);
    expect(r.metrics.average_precision_macro).toBeCloseTo(averagePrecisionOvr(y, P, [0, 1, 2, 3], { sampleWeight: w }), 12);
  });

  it('works from labels alone (no curves)', () => {
    const r = evaluateClassification({ yTrue: [0, 1, 2, 2], yPred: [0, 2, 2, 2] });
    expect(r.metrics.accuracy).toBe(0.75);
    expect(r.roc).toEqual([]);
    expect(r.worstErrors).toEqual([{ row: 1, trueLabel: 1, predictedLabel: 2, probTrue: null }]);
  });
});

describe('evaluateRegression', () => {
  it('reports metrics, residuals, a bounded scatter and the worst rows', () => {
    const rng = new Rng(1);
    const n = 5000;
    const y = Float64Array.from({ length: n }, () => rng.normal() * 3);
    const p = Float64Array.from(y, (v) => v + rng.normal());
    const r = evaluateRegression({ yTrue: y, yPred: p, maxPoints: 300 });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.metrics.r2).toBeCloseTo(r2Score(y, p), 14);
    expect(r.scatter.rows.length).toBeLessThanOrEqual(300);
    expect(r.worstErrors[0].row).toBe(r.worstErrors.reduce((a, b) => (Math.abs(b.residual) > Math.abs(a.residual) ? b : a)).row);
    expect(r.residuals.histogram.counts.reduce((a, b) => a + b, 0)).toBe(n);
  });
});

describe('thinIndices', () => {
  it('keeps both ends and at most max points', () => {
    expect(thinIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const t = thinIndices(1000, 7);
    expect(t[0]).toBe(0);
    expect(t.at(-1)).toBe(999);
    expect(t.length).toBeLessThanOrEqual(7);
  });
});
