import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LinearRegression, Ridge } from '../../../../../electron/ml/linear/least-squares.js';
import { fromRows } from '../../../../../electron/ml/core/matrix.js';

const f = JSON.parse(readFileSync(new URL('../../../../fixtures/sklearn-models/linear.json', import.meta.url), 'utf8')).leastSquares;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('LinearRegression and Ridge parity with scikit-learn', () => {
  const X = fromRows(f.X);
  const sw = { sampleWeight: Float64Array.from(f.sampleWeight) };

  it('ordinary least squares', () => {
    const m = new LinearRegression().fit(X, f.y);
    expect(maxAbsDiff(m.coef, f.ols.coef)).toBeLessThan(1e-10);
    expect(Math.abs(m.intercept - f.ols.intercept)).toBeLessThan(1e-10);
  });

  it('weighted least squares', () => {
    const m = new LinearRegression().fit(X, f.y, sw);
    expect(maxAbsDiff(m.coef, f.olsWeighted.coef)).toBeLessThan(1e-10);
    expect(Math.abs(m.intercept - f.olsWeighted.intercept)).toBeLessThan(1e-10);
  });

  it('gives the minimum-norm solution on an exactly collinear design', () => {
    const m = new LinearRegression().fit(fromRows(f.Xcollinear), f.y);
    expect(maxAbsDiff(m.coef, f.olsCollinear.coef)).toBeLessThan(1e-7);
    expect(Math.abs(m.intercept - f.olsCollinear.intercept)).toBeLessThan(1e-7);
  });

  it('ridge, weighted ridge and ridge without intercept', () => {
    const a = new Ridge({ alpha: f.ridge.alpha }).fit(X, f.y);
    expect(maxAbsDiff(a.coef, f.ridge.coef)).toBeLessThan(1e-10);
    expect(Math.abs(a.intercept - f.ridge.intercept)).toBeLessThan(1e-10);
    const b = new Ridge({ alpha: f.ridgeWeighted.alpha }).fit(X, f.y, sw);
    expect(maxAbsDiff(b.coef, f.ridgeWeighted.coef)).toBeLessThan(1e-10);
    expect(Math.abs(b.intercept - f.ridgeWeighted.intercept)).toBeLessThan(1e-10);
    const c = new Ridge({ fitIntercept: false }).fit(X, f.y);
    expect(maxAbsDiff(c.coef, f.ridgeNoIntercept.coef)).toBeLessThan(1e-10);
    expect(c.intercept).toBe(0);
  });

  it('predicts x · coef + intercept and round-trips through its artifact', () => {
    const m = new Ridge({ alpha: 0.1 }).fit(X, f.y);
    const pred = m.predict(X);
    const coef = m.coef;
    let expected = m.intercept;
    for (let j = 0; j < 4; j++) expected += coef[j] * f.X[0][j];
    expect(pred[0]).toBeCloseTo(expected, 12);
    const loaded = Ridge.fromArtifact(JSON.parse(JSON.stringify(m.toArtifact())));
    expect(Array.from(loaded.predict(X))).toEqual(Array.from(pred));
  });

  it('rejects a target with missing values', () => {
    const y = [...f.y];
    y[3] = NaN;
    expect(() => new Ridge().fit(X, y)).toThrow(/target has a missing value \(NaN\) at row 3/);
  });
});
