import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LinearSVC } from '../../../../../electron/ml/linear/linear-svc.js';
import { fromRows } from '../../../../../electron/ml/core/matrix.js';

const fx = JSON.parse(readFileSync(new URL('../../../../fixtures/sklearn-models/linear.json', import.meta.url), 'utf8'));

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function dataOf(name: string): { X: number[][]; y: number[]; Xtest: number[][] } {
  if (name === 'logistic') return { X: fx.logistic.X, y: fx.logistic.cases[0].y, Xtest: fx.logistic.Xtest };
  return { X: fx.logisticMultinomial.X, y: fx.logisticMultinomial.y, Xtest: fx.logisticMultinomial.Xtest };
}

describe('LinearSVC parity with scikit-learn (liblinear, converged)', () => {
  for (const c of fx.linearSvc) {
    it(`matches coefficients, intercepts and decisions: ${c.name}`, () => {
      const d = dataOf(c.data);
      const m = new LinearSVC({ ...c.params, tol: 1e-9, maxIter: 100000 }).fit(fromRows(d.X), d.y);
      expect(maxAbsDiff(m.coef, c.coef.flat())).toBeLessThan(2e-4);
      expect(maxAbsDiff(m.intercept, c.intercept)).toBeLessThan(2e-4);
      const Xt = fromRows(d.Xtest);
      const dec = m.decisionFunction(Xt);
      const expected = new Float64Array(dec.data.length);
      c.decision.forEach((row: number | number[], i: number) => {
        if (Array.isArray(row)) row.forEach((v, k) => (expected[k * Xt.nRows + i] = v));
        else expected[i] = row;
      });
      expect(maxAbsDiff(dec.data, expected)).toBeLessThan(1e-3);
      expect(Array.from(m.predict(Xt))).toEqual(c.predict);
    });
  }
});

describe('LinearSVC behaviour', () => {
  const d = dataOf('logistic');
  const X = fromRows(d.X);

  it('gives probabilities that sum to one and rank like the decision function', () => {
    const m = new LinearSVC().fit(X, d.y);
    const P = m.predictProba(X);
    const dec = m.decisionFunction(X);
    const n = X.nRows;
    for (let i = 0; i < n; i++) expect(P.data[i] + P.data[n + i]).toBeCloseTo(1, 12);
    const i0 = dec.data.indexOf(Math.min(...dec.data));
    const i1 = dec.data.indexOf(Math.max(...dec.data));
    expect(P.data[n + i1]).toBeGreaterThan(0.9);
    expect(P.data[n + i0]).toBeLessThan(0.1);
  });

  it('multiclass probabilities sum to one', () => {
    const dm = dataOf('logisticMultinomial');
    const m = new LinearSVC().fit(fromRows(dm.X), dm.y);
    const P = m.predictProba(fromRows(dm.Xtest));
    for (let i = 0; i < P.nRows; i++) {
      let s = 0;
      for (let k = 0; k < P.nCols; k++) s += P.data[k * P.nRows + i];
      expect(s).toBeCloseTo(1, 12);
    }
  });

  it('is deterministic for a seed and round-trips through its artifact', () => {
    const a = new LinearSVC({ randomState: 3 }).fit(X, d.y);
    const b = new LinearSVC({ randomState: 3 }).fit(X, d.y);
    expect(JSON.stringify(a.toArtifact())).toBe(JSON.stringify(b.toArtifact()));
    const loaded = LinearSVC.fromArtifact(JSON.parse(JSON.stringify(a.toArtifact())));
    expect(Array.from(loaded.predictProba(X).data)).toEqual(Array.from(a.predictProba(X).data));
  });

  it('balanced class weights move the boundary toward the majority class', () => {
    const y = d.y.map((v, i) => (i < 250 ? 0 : v));
    const plain = new LinearSVC().fit(X, y).predict(X);
    const balanced = new LinearSVC({ classWeight: 'balanced' }).fit(X, y).predict(X);
    const ones = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);
    expect(ones(balanced)).toBeGreaterThan(ones(plain));
  });
});
