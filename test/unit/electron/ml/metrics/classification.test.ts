import { describe, expect, it } from 'vitest';
import {
  accuracyScore,
  balancedAccuracyScore,
  confusionMatrix,
  f1Score,
  fbetaScore,
  perClassPrecisionRecallFscore,
  precisionRecallFscore,
  precisionScore,
  recallScore,
} from '../../../../../electron/ml/metrics/classification.js';
import { InvalidInputError } from '../../../../../electron/ml/core/errors.js';
import { expectAllClose, expectClose, loadFixture, weightsOf } from './sklearn-fixtures.js';

// Tolerance: 1e-9 relative. These definitions are exact ratios of (weighted) counts.
const TOL = 1e-9;
const cases = loadFixture<any[]>('labels.json');

describe('label metrics match scikit-learn 1.2 (labels.json)', () => {
  it('has a meaningful number of cases', () => {
    expect(cases.length).toBeGreaterThan(25);
  });

  for (const c of cases) {
    describe(c.name, () => {
      const sampleWeight = weightsOf(c.sampleWeight);
      const { yTrue, yPred } = c;

      it('accuracy and balanced accuracy', () => {
        expectClose(accuracyScore(yTrue, yPred, { sampleWeight }), c.accuracy, TOL, 'accuracy');
        expectClose(accuracyScore(yTrue, yPred, { sampleWeight, normalize: false }), c.accuracyCount, TOL, 'count');
        expectClose(balancedAccuracyScore(yTrue, yPred, { sampleWeight }), c.balancedAccuracy, TOL, 'balanced');
        expectClose(balancedAccuracyScore(yTrue, yPred, { sampleWeight, adjusted: true }), c.balancedAccuracyAdjusted, TOL, 'adjusted');
      });

      it('confusion matrix, raw and normalised', () => {
        for (const norm of ['none', 'true', 'pred', 'all'] as const) {
          const cm = confusionMatrix(yTrue, yPred, { sampleWeight, normalize: norm === 'none' ? undefined : norm });
          expect(cm.labels).toEqual(c.labels);
          expectAllClose(cm.matrix.flat(), (c.confusion[norm] as number[][]).flat(), TOL, `cm ${norm}`);
        }
      });

      it('precision / recall / F per class and averaged, zero_division 0 and 1', () => {
        for (const zd of [0, 1] as const) {
          const per = perClassPrecisionRecallFscore(yTrue, yPred, { sampleWeight, zeroDivision: zd });
          const e = c.prf[`none_zd${zd}`];
          expectAllClose(per.precision, e.precision, TOL, 'precision');
          expectAllClose(per.recall, e.recall, TOL, 'recall');
          expectAllClose(per.fScore, e.f1, TOL, 'f1');
          expectAllClose(per.support, e.support, TOL, 'support');
          for (const avg of ['macro', 'micro', 'weighted'] as const) {
            const s = precisionRecallFscore(yTrue, yPred, { sampleWeight, zeroDivision: zd, average: avg });
            const ea = c.prf[`${avg}_zd${zd}`];
            expectClose(s.precision, ea.precision, TOL, `${avg} precision`);
            expectClose(s.recall, ea.recall, TOL, `${avg} recall`);
            expectClose(s.fScore, ea.f1, TOL, `${avg} f1`);
          }
          const half = precisionRecallFscore(yTrue, yPred, { sampleWeight, zeroDivision: zd, average: 'macro', beta: 0.5 });
          expectClose(half.fScore, c.prf[`macro_beta05_zd${zd}`].f2, TOL, 'f0.5');
          const bin = c.prf[`binary_zd${zd}`];
          if (bin && !bin.error) {
            const o = { sampleWeight, zeroDivision: zd, posLabel: c.posLabel };
            expectClose(precisionScore(yTrue, yPred, o), bin.precision, TOL, 'binary precision');
            expectClose(recallScore(yTrue, yPred, o), bin.recall, TOL, 'binary recall');
            expectClose(f1Score(yTrue, yPred, o), bin.f1, TOL, 'binary f1');
          }
        }
      });

      it('an explicit label list with a label that never occurs', () => {
        const e = c.prf.extraLabel_none;
        const per = perClassPrecisionRecallFscore(yTrue, yPred, { sampleWeight, labels: e.labels });
        expectAllClose(per.fScore, e.f1, TOL, 'f1');
        expectAllClose(per.support, e.support, TOL, 'support');
        const m = precisionRecallFscore(yTrue, yPred, { sampleWeight, labels: e.labels, average: 'macro' });
        expectClose(m.fScore, c.prf.extraLabel_macro.f1, TOL, 'macro f1');
      });
    });
  }
});

describe('label metric arguments', () => {
  it('refuses average "binary" on a multiclass target, naming the field', () => {
    // Arrange
    const yTrue = [0, 1, 2];
    // Act / Assert
    expect(() => f1Score(yTrue, [0, 1, 2])).toThrow(InvalidInputError);
    try {
      f1Score(yTrue, [0, 1, 2]);
    } catch (e) {
      expect((e as InvalidInputError).field).toBe('average');
    }
  });

  it('refuses a positive label that is not a label of a two-class target', () => {
    expect(() => precisionScore([0, 1, 1], [1, 1, 0], { posLabel: 5 })).toThrow(/posLabel 5/);
  });

  it('refuses mismatched lengths and empty input', () => {
    expect(() => accuracyScore([1, 2], [1])).toThrow(/2 values but yPred has 1/);
    expect(() => accuracyScore([], [])).toThrow(/empty/);
  });

  it('refuses negative weights', () => {
    expect(() => accuracyScore([1, 0], [1, 1], { sampleWeight: [1, -1] })).toThrow(/non-negative/);
  });

  it('F-beta with beta = Infinity is the recall', () => {
    const yTrue = [0, 1, 1, 1, 0];
    const yPred = [1, 1, 0, 1, 0];
    expect(fbetaScore(yTrue, yPred, Infinity)).toBeCloseTo(recallScore(yTrue, yPred), 15);
  });
});
