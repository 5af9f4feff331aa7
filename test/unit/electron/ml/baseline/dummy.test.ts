import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DummyClassifier, DummyRegressor } from '../../../../../electron/ml/baseline/dummy.js';
import { fromRows } from '../../../../../electron/ml/core/matrix.js';

const f = JSON.parse(readFileSync(new URL('../../../../fixtures/sklearn-models/baseline.json', import.meta.url), 'utf8'));
const X = fromRows(f.X);

describe('DummyClassifier', () => {
  it('prior: class frequencies as probabilities, the majority as the label (sklearn parity)', () => {
    const m = new DummyClassifier({ strategy: 'prior' }).fit(X, f.y);
    const P = m.predictProba(X);
    for (let k = 0; k < 3; k++) expect(P.data[k * X.nRows]).toBeCloseTo(f.prior[k], 12);
    const majority = f.prior.indexOf(Math.max(...f.prior));
    expect(new Set(m.predict(X))).toEqual(new Set([majority]));
  });

  it('prior with sample weights', () => {
    const m = new DummyClassifier().fit(X, f.y, { sampleWeight: Float64Array.from(f.sampleWeight) });
    const P = m.predictProba(X);
    for (let k = 0; k < 3; k++) expect(P.data[k * X.nRows + 5]).toBeCloseTo(f.priorWeighted[k], 12);
  });

  it('mostFrequent gives probability 1 to the majority class', () => {
    const P = new DummyClassifier({ strategy: 'mostFrequent' }).fit(X, f.y).predictProba(X);
    const majority = f.prior.indexOf(Math.max(...f.prior));
    expect(P.data[majority * X.nRows]).toBe(1);
  });

  it('stratified draws follow the class frequencies, repeatably for a seed', () => {
    const big = fromRows(Array.from({ length: 5000 }, () => [0]));
    const y = Array.from({ length: 5000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const m = new DummyClassifier({ strategy: 'stratified', randomState: 4 }).fit(big, y);
    const a = m.predict(big);
    const share = a.reduce((s, v) => s + v, 0) / a.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.28);
    expect(Array.from(m.predict(big))).toEqual(Array.from(a));
    const P = m.predictProba(big);
    for (let i = 0; i < 5000; i++) expect(P.data[i] + P.data[5000 + i]).toBe(1);
  });

  it('uniform gives equal probabilities', () => {
    const P = new DummyClassifier({ strategy: 'uniform' }).fit(X, f.y).predictProba(X);
    expect(P.data[0]).toBeCloseTo(1 / 3, 15);
  });

  it('needs two classes and round-trips through its artifact', () => {
    expect(() => new DummyClassifier().fit(X, f.y.map(() => 2))).toThrow(/single class \(2\)/);
    const m = new DummyClassifier({ strategy: 'stratified', randomState: 9 }).fit(X, f.y);
    const loaded = DummyClassifier.fromArtifact(JSON.parse(JSON.stringify(m.toArtifact())));
    expect(Array.from(loaded.predict(X))).toEqual(Array.from(m.predict(X)));
  });
});

describe('DummyRegressor', () => {
  it('mean and median match scikit-learn, weighted and unweighted', () => {
    expect(new DummyRegressor().fit(X, f.yReg).constant).toBeCloseTo(f.mean, 12);
    expect(new DummyRegressor({ strategy: 'median' }).fit(X, f.yReg).constant).toBeCloseTo(f.median, 12);
    const X10 = fromRows(f.X.slice(0, 10));
    expect(new DummyRegressor({ strategy: 'median' }).fit(X10, f.yReg.slice(0, 10)).constant).toBeCloseTo(f.medianEven, 12);
    const sw = { sampleWeight: Float64Array.from(f.sampleWeight) };
    expect(new DummyRegressor({ strategy: 'median' }).fit(X, f.yReg, sw).constant).toBeCloseTo(f.medianWeighted, 12);
  });

  it('predicts the constant for every row, whatever the features hold', () => {
    const m = new DummyRegressor().fit(X, f.yReg);
    const pred = m.predict(fromRows([[NaN, 1, 2], [3, 4, 5]]));
    expect(Array.from(pred)).toEqual([m.constant, m.constant]);
  });
});
