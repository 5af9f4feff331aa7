import { describe, expect, it } from 'vitest';
import { brierScoreLoss, calibrationCurve, logLoss } from '../../../../../electron/ml/metrics/probabilistic.js';
import { expectAllClose, expectClose, loadFixture, matrixFromRows, weightsOf } from './sklearn-fixtures.js';

// Tolerance: 1e-9 relative (exact definitions; only summation order differs from NumPy).
const TOL = 1e-9;
const binary = loadFixture<any[]>('binary-scores.json');
const proba = loadFixture<any[]>('probabilities.json');

describe('log loss matches scikit-learn 1.2 (eps = float64 epsilon, rows renormalised)', () => {
  for (const c of proba) {
    it(c.name, () => {
      const P = matrixFromRows(c.proba);
      const sampleWeight = weightsOf(c.sampleWeight);
      expectClose(logLoss(c.yTrue, P, { labels: c.classes, sampleWeight }), c.logLoss, TOL, 'mean');
      expectClose(logLoss(c.yTrue, P, { labels: c.classes, sampleWeight, normalize: false }), c.logLossSum, TOL, 'sum');
      expectClose(logLoss(c.yTrue, P, { labels: c.classes, sampleWeight, eps: 1e-3 }), c.logLossEps, TOL, 'eps 1e-3');
    });
  }

  it('takes a vector of positive-class probabilities for two classes', () => {
    const withBoth = binary.filter((c) => c.logLoss1d !== undefined);
    expect(withBoth.length).toBeGreaterThan(10);
    for (const c of withBoth) {
      const yb = c.yTrue.map((v: number) => (v === c.posLabel ? 1 : 0));
      expectClose(logLoss(yb, c.yScore, { sampleWeight: weightsOf(c.sampleWeight) }), c.logLoss1d, TOL, c.name);
    }
  });

  it('needs the classes when y holds a single label', () => {
    expect(() => logLoss([1, 1], [0.2, 0.9])).toThrow(/single label/);
    expect(logLoss([1, 1], [0.5, 0.5], { labels: [0, 1] })).toBeCloseTo(Math.log(2), 15);
  });
});

describe('Brier score and calibration curve match scikit-learn 1.2', () => {
  const probCases = binary.filter((c) => c.brier !== undefined);
  it('has probability cases', () => expect(probCases.length).toBeGreaterThan(10));
  for (const c of probCases) {
    it(c.name, () => {
      expectClose(brierScoreLoss(c.yTrue, c.yScore, { posLabel: c.posLabel, sampleWeight: weightsOf(c.sampleWeight) }), c.brier, TOL, 'brier');
      for (const nBins of [5, 10]) {
        for (const strategy of ['uniform', 'quantile'] as const) {
          const e = c[`calibration_${strategy}_${nBins}`];
          const cal = calibrationCurve(c.yTrue, c.yScore, { posLabel: c.posLabel, nBins, strategy });
          expectAllClose(cal.probTrue, e.probTrue, TOL, `${strategy} ${nBins} probTrue`);
          expectAllClose(cal.probPred, e.probPred, TOL, `${strategy} ${nBins} probPred`);
          expect(cal.counts.reduce((a, b) => a + b, 0)).toBe(c.yTrue.length);
        }
      }
    });
  }

  it('refuses probabilities outside [0, 1]', () => {
    expect(() => brierScoreLoss([0, 1], [0.2, 1.2])).toThrow(/\[0, 1\]/);
  });
});
