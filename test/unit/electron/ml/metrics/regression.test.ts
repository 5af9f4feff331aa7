import { describe, expect, it } from 'vitest';
import {
  explainedVarianceScore,
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  r2Score,
  residualSummary,
  rootMeanSquaredError,
  worstRegressionErrors,
} from '../../../../../electron/ml/metrics/regression.js';
import { expectClose, loadFixture, weightsOf } from './sklearn-fixtures.js';

// Tolerance: 1e-9 relative (means of exact per-row terms; only summation order differs).
const TOL = 1e-9;
const cases = loadFixture<any[]>('regression.json');

describe('regression metrics match scikit-learn 1.2 (regression.json)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const o = { sampleWeight: weightsOf(c.sampleWeight) };
      expectClose(meanAbsoluteError(c.yTrue, c.yPred, o), c.mae, TOL, 'mae');
      expectClose(meanSquaredError(c.yTrue, c.yPred, o), c.mse, TOL, 'mse');
      expectClose(rootMeanSquaredError(c.yTrue, c.yPred, o), c.rmse, TOL, 'rmse');
      expectClose(r2Score(c.yTrue, c.yPred, o), c.r2, TOL, 'r2');
      expectClose(r2Score(c.yTrue, c.yPred, { ...o, forceFinite: false }), c.r2NotFinite, TOL, 'r2 not finite');
      expectClose(meanAbsolutePercentageError(c.yTrue, c.yPred, o), c.mape, TOL, 'mape');
      expectClose(explainedVarianceScore(c.yTrue, c.yPred, o), c.explainedVariance, TOL, 'explained variance');
      expectClose(explainedVarianceScore(c.yTrue, c.yPred, { ...o, forceFinite: false }), c.explainedVarianceNotFinite, TOL, 'ev not finite');
      expectClose(maxError(c.yTrue, c.yPred), c.maxError, TOL, 'max error');
      expectClose(medianAbsoluteError(c.yTrue, c.yPred), c.medianAbsoluteError, TOL, 'median ae');
      if (c.medianAbsoluteErrorWeighted !== undefined) expectClose(medianAbsoluteError(c.yTrue, c.yPred, o), c.medianAbsoluteErrorWeighted, TOL, 'weighted median ae');
    });
  }

  it('covers the constant-target edge cases', () => {
    const names = cases.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['constant-target-perfect', 'constant-target-imperfect', 'one-row', 'all-zero-target']));
    expect(cases.filter((c) => c.medianAbsoluteErrorWeighted !== undefined).length).toBeGreaterThan(8);
  });
});

describe('R² on a constant target that does not sum exactly in floating point', () => {
  it('is 0 for imperfect predictions, never a huge negative number', () => {
    // Arrange: 0.1 repeated does not average back to exactly 0.1 with plain summation
    const y = new Float64Array(1000).fill(0.1);
    const pred = new Float64Array(1000).fill(0.1);
    pred[3] = 0.2;
    // Act / Assert
    expect(r2Score(y, pred)).toBe(0);
    expect(r2Score(y, y)).toBe(1);
  });
});

describe('residual summary', () => {
  it('summarises y - ŷ and counts every row once in the histogram', () => {
    // Arrange
    const yTrue = [1, 2, 3, 4, 10];
    const yPred = [1.5, 2, 2, 4, 4];
    // Act
    const s = residualSummary(yTrue, yPred, { bins: 4 });
    // Assert: residuals are [-0.5, 0, 1, 0, 6]
    expect(s.mean).toBeCloseTo(6.5 / 5, 14);
    expect(s.min).toBe(-0.5);
    expect(s.max).toBe(6);
    expect(s.median).toBe(0);
    expect(s.histogram.counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect(s.histogram.edges).toHaveLength(5);
    expect(worstRegressionErrors(yTrue, yPred, 2)).toEqual([4, 2]);
  });

  it('refuses NaN predictions, naming the field', () => {
    expect(() => meanAbsoluteError([1, 2], [1, NaN])).toThrow(/yPred has a missing/);
  });
});
