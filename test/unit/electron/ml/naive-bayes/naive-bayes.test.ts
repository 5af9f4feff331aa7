import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { GaussianNB, MultinomialNB } from '../../../../../electron/ml/naive-bayes/naive-bayes.js';
import { fromRows, type Matrix } from '../../../../../electron/ml/core/matrix.js';

const f = JSON.parse(readFileSync(new URL('../../../../fixtures/sklearn-models/bayes-neighbors.json', import.meta.url), 'utf8'));

function expectProba(P: Matrix, expected: number[][], tol = 1e-10): void {
  expected.forEach((row, i) => row.forEach((v, k) => expect(Math.abs(P.data[k * P.nRows + i] - v)).toBeLessThan(tol)));
}

describe('GaussianNB matches scikit-learn', () => {
  const X = fromRows(f.X);
  const Xt = fromRows(f.Xtest);
  it('means, smoothed variances and probabilities', () => {
    const m = new GaussianNB().fit(X, f.y);
    Array.from(m.theta).forEach((v, k) => expect(v).toBeCloseTo(f.gaussian.theta.flat()[k], 12));
    Array.from(m.variance).forEach((v, k) => expect(v).toBeCloseTo(f.gaussian.var.flat()[k], 10));
    expectProba(m.predictProba(Xt), f.gaussian.proba);
  });
  it('with sample weights', () => {
    expectProba(new GaussianNB().fit(X, f.y, { sampleWeight: Float64Array.from(f.sampleWeight) }).predictProba(Xt), f.gaussianWeighted.proba);
  });
  it('round-trips through its artifact', () => {
    const m = new GaussianNB().fit(X, f.y);
    const loaded = GaussianNB.fromArtifact(JSON.parse(JSON.stringify(m.toArtifact())));
    expect(Array.from(loaded.predict(Xt))).toEqual(Array.from(m.predict(Xt)));
  });
});

describe('MultinomialNB matches scikit-learn', () => {
  const C = fromRows(f.counts);
  const Ct = fromRows(f.countsTest);
  it('smoothed log probabilities and class probabilities', () => {
    const m = new MultinomialNB({ alpha: 0.5 }).fit(C, f.yCounts);
    Array.from(m.featureLogProb).forEach((v, k) => expect(v).toBeCloseTo(f.multinomial.featureLogProb.flat()[k], 12));
    expectProba(m.predictProba(Ct), f.multinomial.proba);
  });
  it('with sample weights', () => {
    expectProba(new MultinomialNB().fit(C, f.yCounts, { sampleWeight: Float64Array.from(f.sampleWeight.slice(0, 120)) }).predictProba(Ct), f.multinomialWeighted.proba);
  });
  it('refuses negative features, naming them', () => {
    expect(() => new MultinomialNB().fit(fromRows([[1, -2], [0, 1]]), [0, 1], { featureNames: ['a', 'b'] })).toThrow(/b is negative at row 0/);
  });
});
