import { describe, expect, it } from 'vitest';
import { pearson, rankData, spearman } from '../../../../../electron/ml/feature-selection/correlation.js';
import { chiSquareTest, contingencyTable, cramersV, mutualInfoDiscrete } from '../../../../../electron/ml/feature-selection/association.js';
import { expectAllClose, expectClose, loadFixture } from '../metrics/sklearn-fixtures.js';

const fs = loadFixture<any>('feature-selection.json');

describe('Pearson and Spearman match SciPy 1.10 (1e-9)', () => {
  for (const [i, c] of fs.correlation.entries()) {
    it(`case ${i} (n = ${c.x.length})`, () => {
      const p = pearson(c.x, c.y);
      const s = spearman(c.x, c.y);
      expectClose(p.r, c.pearson, 1e-9, 'r');
      expectClose(p.pValue, c.pearsonP, 1e-9, 'p');
      expectClose(s.r, c.spearman, 1e-9, 'rho');
      expectClose(s.pValue, c.spearmanP, 1e-9, 'rho p');
      expectAllClose(rankData(c.x), c.ranks, 0, 'ranks');
    });
  }
  it('gives NaN for a constant input', () => {
    expect(pearson([1, 1, 1], [1, 2, 3]).r).toBeNaN();
  });
});

describe("Cramér's V, chi-square and discrete MI match SciPy / scikit-learn", () => {
  for (const [i, c] of fs.cramersV.entries()) {
    it(`case ${i}`, () => {
      expectClose(cramersV(c.a, c.b), c.cramersV, 1e-9, 'V');
      const chi = chiSquareTest(contingencyTable(c.a, c.b));
      expectClose(chi.statistic, c.chi2, 1e-9, 'chi2');
      expectClose(chi.pValue, c.chi2P, 1e-9, 'chi2 p');
      expect(chi.dof).toBe(c.dof);
      expectClose(mutualInfoDiscrete(c.a, c.b), c.mutualInfo, 1e-9, 'MI');
    });
  }

  it('is 1 for a one-to-one relation, and the bias correction lowers it on noise', () => {
    expect(cramersV([0, 1, 2, 0, 1, 2], [5, 3, 4, 5, 3, 4])).toBeCloseTo(1, 14);
    const a = Array.from({ length: 40 }, (_, i) => i % 4);
    const b = Array.from({ length: 40 }, (_, i) => Math.floor(i / 4) % 3);
    expect(cramersV(a, b, { biasCorrected: true })).toBeLessThanOrEqual(cramersV(a, b));
    expect(cramersV([0, 0, 1, 1, -1], [1, 1, 2, 2, 1])).toBeCloseTo(1, 14); // the missing code drops its row
  });
});
