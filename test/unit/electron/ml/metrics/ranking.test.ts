import { describe, expect, it } from 'vitest';
import {
  auc,
  averagePrecisionOvr,
  averagePrecisionScore,
  binaryClassificationCurve,
  precisionRecallCurve,
  rocAucOvr,
  rocAucPerClass,
  rocAucScore,
  rocCurve,
} from '../../../../../electron/ml/metrics/ranking.js';
import { expectAllClose, expectClose, loadFixture, matrixFromRows, weightsOf } from './sklearn-fixtures.js';

// Tolerance: 1e-9 relative. Curves are cumulative sums in scikit-learn's order, areas are sums
// of trapezoids / steps; our compensated sums differ from NumPy's pairwise ones by far less.
const TOL = 1e-9;
const binary = loadFixture<any[]>('binary-scores.json');
const proba = loadFixture<any[]>('probabilities.json');

describe('binary curves and areas match scikit-learn 1.2 (binary-scores.json)', () => {
  for (const c of binary) {
    describe(c.name, () => {
      const o = { posLabel: c.posLabel, sampleWeight: weightsOf(c.sampleWeight) };

      it('cumulative counts per distinct score', () => {
        const curve = binaryClassificationCurve(c.yTrue, c.yScore, o);
        expectAllClose(curve.fps, c.clfCurve.fps, TOL, 'fps');
        expectAllClose(curve.tps, c.clfCurve.tps, TOL, 'tps');
        expectAllClose(curve.thresholds, c.clfCurve.thresholds, 0, 'thresholds');
      });

      it('ROC curve with and without dropping intermediate points', () => {
        for (const [key, drop] of [['rocDrop', true], ['rocAll', false]] as const) {
          const r = rocCurve(c.yTrue, c.yScore, { ...o, dropIntermediate: drop });
          expectAllClose(r.fpr, c[key].fpr, TOL, `${key} fpr`);
          expectAllClose(r.tpr, c[key].tpr, TOL, `${key} tpr`);
          expectAllClose(r.thresholds, c[key].thresholds, TOL, `${key} thresholds`);
        }
      });

      it('precision-recall curve and average precision', () => {
        const p = precisionRecallCurve(c.yTrue, c.yScore, o);
        expectAllClose(p.precision, c.pr.precision, TOL, 'precision');
        expectAllClose(p.recall, c.pr.recall, TOL, 'recall');
        expectAllClose(p.thresholds, c.pr.thresholds, 0, 'thresholds');
        expectClose(averagePrecisionScore(c.yTrue, c.yScore, o), c.averagePrecision, TOL, 'AP');
      });

      it('ROC-AUC (NaN where scikit-learn says it is undefined) and partial AUC', () => {
        const yb = c.yTrue.map((v: number) => (v === c.posLabel ? 1 : 0));
        const full = rocAucScore(yb, c.yScore, { sampleWeight: o.sampleWeight });
        const part = rocAucScore(yb, c.yScore, { sampleWeight: o.sampleWeight, maxFpr: 0.3 });
        if (c.rocAuc.error) {
          expect(c.rocAuc.error).toMatch(/Only one class/);
          expect(full).toBeNaN();
        } else {
          expectClose(full, c.rocAuc, TOL, 'auc');
        }
        // undefined (one class carries all the weight): scikit-learn raises, we answer NaN
        if (c.rocAucMaxFpr.error || Number.isNaN(c.rocAucMaxFpr)) expect(part).toBeNaN();
        else expectClose(part, c.rocAucMaxFpr, TOL, 'partial auc');
      });
    });
  }
});

describe('one-vs-rest scores match scikit-learn 1.2 (probabilities.json)', () => {
  for (const c of proba) {
    const P = matrixFromRows(c.proba);
    const sampleWeight = weightsOf(c.sampleWeight);
    it(`${c.name}: ROC-AUC macro / weighted / micro and per class`, () => {
      for (const avg of ['macro', 'weighted', 'micro'] as const) {
        const e = c[`rocAucOvr_${avg}`];
        if (e === undefined || e.error) continue;
        expectClose(rocAucOvr(c.yTrue, P, c.classes, { average: avg, sampleWeight }), e, TOL, avg);
      }
      const per = c.rocAucOvr_none;
      if (per !== undefined && !per.error) expectAllClose(rocAucPerClass(c.yTrue, P, c.classes, { sampleWeight }), per, TOL, 'per class');
    });
    it(`${c.name}: average precision macro / weighted / micro`, () => {
      for (const avg of ['macro', 'weighted', 'micro'] as const) {
        const e = c[`apOvr_${avg}`];
        if (e.error) continue;
        expectClose(averagePrecisionOvr(c.yTrue, P, c.classes, { average: avg, sampleWeight }), e, TOL, avg);
      }
    });
  }

  it('covers multiclass cases for every average', () => {
    const covered = proba.filter((c) => c.classes.length > 2 && typeof c.rocAucOvr_macro === 'number');
    expect(covered.length).toBeGreaterThan(5);
  });

  it('refuses probabilities that do not sum to one', () => {
    const P = matrixFromRows([
      [0.5, 0.5, 0.5],
      [0.2, 0.3, 0.5],
      [0.1, 0.1, 0.8],
    ]);
    expect(() => rocAucOvr([0, 1, 2], P, [0, 1, 2])).toThrow(/sums to 1.5/);
  });
});

describe('auc and labels', () => {
  it('integrates increasing and decreasing x alike and refuses non-monotonic x', () => {
    expect(auc([0, 0.5, 1], [0, 1, 1])).toBeCloseTo(0.75, 15);
    expect(auc([1, 0.5, 0], [1, 1, 0])).toBeCloseTo(0.75, 15);
    expect(() => auc([0, 1, 0.5], [0, 1, 1])).toThrow(/neither increasing nor decreasing/);
  });

  it('asks for the positive label when the labels are not 0/1', () => {
    expect(() => rocCurve([2, 7, 7], [0.1, 0.5, 0.9])).toThrow(/posLabel/);
  });

  it('ROC-AUC equals the share of correctly ordered positive/negative pairs (ties count half)', () => {
    // Arrange: a direct O(n^2) count as an independent definition
    const yTrue = [1, 0, 1, 0, 1, 1, 0, 0, 1, 0];
    const s = [0.9, 0.3, 0.3, 0.8, 0.5, 0.5, 0.1, 0.5, 0.7, 0.2];
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) {
      if (yTrue[i] === 1 && yTrue[j] === 0) {
        pairs++;
        wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
    }
    // Act / Assert
    expect(rocAucScore(yTrue, s)).toBeCloseTo(wins / pairs, 14);
  });
});
