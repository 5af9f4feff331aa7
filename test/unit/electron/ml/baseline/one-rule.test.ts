import { describe, expect, it } from 'vitest';
import { OneRuleClassifier, OneRuleRegressor } from '../../../../../electron/ml/baseline/one-rule.js';
import { fromRows } from '../../../../../electron/ml/core/matrix.js';

describe('OneRuleClassifier', () => {
  // Feature 1 decides the class at 5 (with one noisy row); feature 0 is noise.
  const rows = Array.from({ length: 40 }, (_, i) => [Math.sin(i) * 10, i % 10]);
  const y = rows.map((r, i) => (i === 3 ? 1 : r[1] > 5 ? 1 : 0));

  it('finds the single feature threshold and exposes it in human terms', () => {
    const m = new OneRuleClassifier().fit(fromRows(rows), y, { featureNames: ['noise', 'level'] });
    const r = m.rule();
    expect(r.featureIndex).toBe(1);
    expect(r.featureName).toBe('level');
    expect(r.threshold).toBe(5.5);
    expect(r.left.prediction).toBe(0);
    expect(r.right.prediction).toBe(1);
    expect(r.trainingScore).toBeCloseTo(39 / 40, 12);
    expect(r.left.nSamples + r.right.nSamples).toBe(40);
    expect(Array.from(m.featureImportances())).toEqual([0, 1]);
  });

  it('predicts by the rule and gives each side its class frequencies', () => {
    const m = new OneRuleClassifier().fit(fromRows(rows), y);
    expect(Array.from(m.predict(fromRows([[0, 2], [0, 9]])))).toEqual([0, 1]);
    const P = m.predictProba(fromRows([[0, 2]]));
    expect(P.data[0] + P.data[1]).toBeCloseTo(1, 12);
    expect(P.data[1]).toBeCloseTo(1 / 24, 12);
  });

  it('falls back to the majority class when no feature varies', () => {
    const m = new OneRuleClassifier().fit(fromRows([[1], [1], [1]]), [0, 1, 1]);
    expect(m.rule().featureIndex).toBe(-1);
    expect(m.rule().threshold).toBeNull();
    expect(Array.from(m.predict(fromRows([[5]])))).toEqual([1]);
  });

  it('honours minSamplesLeaf and round-trips through its artifact', () => {
    const m = new OneRuleClassifier({ minSamplesLeaf: 15 }).fit(fromRows(rows), y);
    expect(m.rule().left.nSamples).toBeGreaterThanOrEqual(15);
    expect(m.rule().right.nSamples).toBeGreaterThanOrEqual(15);
    const loaded = OneRuleClassifier.fromArtifact(JSON.parse(JSON.stringify(m.toArtifact())));
    expect(loaded.rule()).toEqual(m.rule());
  });
});

describe('OneRuleRegressor', () => {
  it('finds the step of a step function and predicts the side means', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [i % 3, i]);
    const y = rows.map((r) => (r[1] < 12 ? 2 : 10));
    const m = new OneRuleRegressor().fit(fromRows(rows), y);
    const r = m.rule();
    expect(r.featureIndex).toBe(1);
    expect(r.threshold).toBe(11.5);
    expect(r.left.prediction).toBe(2);
    expect(r.right.prediction).toBe(10);
    expect(r.trainingScore).toBeCloseTo(1, 12);
    expect(Array.from(m.predict(fromRows([[0, 3], [0, 20]])))).toEqual([2, 10]);
  });
});
