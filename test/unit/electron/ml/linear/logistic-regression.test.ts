import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LogisticRegression } from '../../../../../electron/ml/linear/logistic-regression.js';
import { fromRows, createMatrix } from '../../../../../electron/ml/core/matrix.js';
import { InvalidInputError, NotFittedError, ArtifactError } from '../../../../../electron/ml/core/errors.js';

const fixture = JSON.parse(readFileSync(new URL('../../../../fixtures/sklearn-models/linear.json', import.meta.url), 'utf8'));

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('LogisticRegression parity with scikit-learn (lbfgs, converged)', () => {
  const X = fromRows(fixture.logistic.X);
  const Xt = fromRows(fixture.logistic.Xtest);
  for (const c of fixture.logistic.cases) {
    it(`matches coefficients and probabilities: ${c.name}`, () => {
      const m = new LogisticRegression({ ...c.params, tol: 1e-10, maxIter: 1000 });
      m.fit(X, c.y, c.sampleWeight ? { sampleWeight: Float64Array.from(c.sampleWeight) } : {});
      expect(maxAbsDiff(m.coef, c.coef.flat())).toBeLessThan(1e-6);
      expect(maxAbsDiff(m.intercept, c.intercept)).toBeLessThan(1e-6);
      const P = m.predictProba(Xt);
      expect(maxAbsDiff(P.data.subarray(Xt.nRows), c.proba.map((r: number[]) => r[1]))).toBeLessThan(1e-7);
    });
  }

  it('matches the multinomial model with non-contiguous labels', () => {
    const f = fixture.logisticMultinomial;
    const m = new LogisticRegression({ C: f.params.C, tol: 1e-10, maxIter: 1000 }).fit(fromRows(f.X), f.y);
    expect(m.classes).toEqual(f.classes);
    expect(maxAbsDiff(m.coef, f.coef.flat())).toBeLessThan(1e-6);
    expect(maxAbsDiff(m.intercept, f.intercept)).toBeLessThan(1e-6);
    const Xt2 = fromRows(f.Xtest);
    const P = m.predictProba(Xt2);
    const expected = new Float64Array(P.data.length);
    f.proba.forEach((row: number[], i: number) => row.forEach((v, k) => (expected[k * Xt2.nRows + i] = v)));
    expect(maxAbsDiff(P.data, expected)).toBeLessThan(1e-7);
    const pred = m.predict(Xt2);
    for (let i = 0; i < Xt2.nRows; i++) expect(f.classes).toContain(pred[i]);
  });

  it('gets close to the optimum with the default tolerance too', () => {
    const c = fixture.logistic.cases[0];
    const m = new LogisticRegression().fit(X, c.y);
    expect(maxAbsDiff(m.coef, c.coef.flat())).toBeLessThan(1e-3);
    expect(m.convergence.isConverged).toBe(true);
  });
});

describe('LogisticRegression behaviour', () => {
  it('learns a separable rule and ranks rows by probability', () => {
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 200; i++) {
      const a = Math.sin(i * 1.7) * 2;
      const b = Math.cos(i * 0.9) * 2;
      rows.push([a, b]);
      y.push(a + 0.5 * b > 0 ? 1 : 0);
    }
    const m = new LogisticRegression({ C: 100 }).fit(fromRows(rows), y);
    const pred = m.predict(fromRows(rows));
    let correct = 0;
    for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) correct += 1;
    expect(correct / y.length).toBeGreaterThan(0.97);
    expect(m.featureImportances()[0]).toBeGreaterThan(m.featureImportances()[1]);
  });

  it('round-trips through its artifact and predicts identically', () => {
    const f = fixture.logisticMultinomial;
    const m = new LogisticRegression().fit(fromRows(f.X), f.y);
    const loaded = LogisticRegression.fromArtifact(JSON.parse(JSON.stringify(m.toArtifact())));
    const Xt = fromRows(f.Xtest);
    expect(Array.from(loaded.predictProba(Xt).data)).toEqual(Array.from(m.predictProba(Xt).data));
  });

  it('rejects bad input with messages naming the problem', () => {
    const X = fromRows([[1, 2], [3, 4], [5, 6]]);
    expect(() => new LogisticRegression().predict(X)).toThrow(NotFittedError);
    expect(() => new LogisticRegression().fit(X, [1, 1, 1])).toThrow(/single class/);
    expect(() => new LogisticRegression().fit(X, [0, 1])).toThrow(/3 rows but y has 2/);
    expect(() => new LogisticRegression().fit(createMatrix(0, 2), [])).toThrow(/zero rows/);
    expect(() => new LogisticRegression().fit(fromRows([[1, NaN], [2, 3], [3, 1]]), [0, 1, 0], { featureNames: ['a', 'b'] })).toThrow(/b has a missing value/);
    expect(() => new LogisticRegression().fit(fromRows([[1, Infinity], [2, 3], [3, 1]]), [0, 1, 0])).toThrow(/infinite/);
    expect(() => new LogisticRegression({ C: -1 }).fit(X, [0, 1, 0])).toThrow(InvalidInputError);
    expect(() => new LogisticRegression({ bogus: 1 } as never)).toThrow(/no parameter "bogus"/);
    const m = new LogisticRegression().fit(X, [0, 1, 0]);
    expect(() => m.predict(fromRows([[1, 2, 3]]))).toThrow(/3 features, but the model was fitted with 2/);
  });

  it('refuses malformed or unknown-version artifacts', () => {
    const m = new LogisticRegression().fit(fromRows([[0], [1], [2], [3]]), [0, 0, 1, 1]);
    const a = JSON.parse(JSON.stringify(m.toArtifact()));
    expect(() => LogisticRegression.fromArtifact({ ...a, version: 99 })).toThrow(ArtifactError);
    expect(() => LogisticRegression.fromArtifact({ ...a, state: { ...a.state, coef: { $f64: 'AAAA' } } })).toThrow(ArtifactError);
    expect(() => LogisticRegression.fromArtifact({ ...a, params: { ...a.params, C: 'big' } })).toThrow(/invalid params/);
  });
});
