import { describe, expect, it } from 'vitest';
import { bestThreshold, thresholdTable } from '../../../../../electron/ml/metrics/threshold.js';
import { confusionMatrix, f1Score, precisionScore, recallScore } from '../../../../../electron/ml/metrics/classification.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';

function sample(n: number, seed: number): { y: Float64Array; s: Float64Array } {
  const rng = new Rng(seed);
  const y = new Float64Array(n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.next() < 0.3 ? 1 : 0;
    // rounded scores so that thresholds have ties
    s[i] = Math.round((0.35 * y[i] + 0.65 * rng.next()) * 50) / 50;
  }
  return { y, s };
}

describe('threshold table', () => {
  it('agrees with the label metrics at every threshold', () => {
    // Arrange
    const { y, s } = sample(300, 7);
    // Act
    const t = thresholdTable(y, s);
    // Assert: predicting score >= t gives the same counts as the confusion matrix
    for (let r = 0; r < t.thresholds.length; r += 3) {
      const pred = Array.from(s, (v) => (v >= t.thresholds[r] ? 1 : 0));
      const cm = confusionMatrix(y, pred, { labels: [0, 1] }).matrix;
      expect([t.tn[r], t.fp[r], t.fn[r], t.tp[r]]).toEqual([cm[0][0], cm[0][1], cm[1][0], cm[1][1]]);
      expect(t.recall[r]).toBeCloseTo(recallScore(y, pred), 14);
      expect(t.f1[r]).toBeCloseTo(f1Score(y, pred), 14);
      if (t.tp[r] + t.fp[r] > 0) expect(t.precision[r]).toBeCloseTo(precisionScore(y, pred), 14);
    }
    expect(t.tp[0] + t.fp[0]).toBe(0);
  });

  it('picks the threshold with the best F1, and honours a recall floor', () => {
    const { y, s } = sample(500, 11);
    const t = thresholdTable(y, s);
    const best = bestThreshold(t, 'f1');
    expect(best).not.toBeNull();
    expect(Math.max(...t.f1)).toBe(best?.value);
    const constrained = bestThreshold(t, 'precision', { metric: 'recall', min: 0.9 });
    expect(constrained?.recall).toBeGreaterThanOrEqual(0.9);
    for (let r = 0; r < t.thresholds.length; r++) {
      if (t.recall[r] >= 0.9) expect(t.precision[r]).toBeLessThanOrEqual(constrained!.precision);
    }
  });

  it('minimises the expected cost, which moves the threshold down when misses cost more', () => {
    const { y, s } = sample(400, 5);
    const cheapMiss = bestThreshold(thresholdTable(y, s, { costs: { falsePositive: 5, falseNegative: 1 } }), 'cost');
    const dearMiss = bestThreshold(thresholdTable(y, s, { costs: { falsePositive: 1, falseNegative: 20 } }), 'cost');
    expect(dearMiss!.threshold).toBeLessThan(cheapMiss!.threshold);
    expect(() => bestThreshold(thresholdTable(y, s), 'cost')).toThrow(/costs/);
  });

  it('returns null when no threshold satisfies the constraint', () => {
    const t = thresholdTable([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4]);
    expect(bestThreshold(t, 'recall', { metric: 'precision', min: 1.01 })).toBeNull();
  });
});
