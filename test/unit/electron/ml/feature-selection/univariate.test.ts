import { describe, expect, it } from 'vitest';
import { fClassif, fRegression, rRegression } from '../../../../../electron/ml/feature-selection/univariate.js';
import { fromColumns } from '../../../../../electron/ml/core/matrix.js';
import { expectAllClose, expectClose, loadFixture } from '../metrics/sklearn-fixtures.js';

const fs = loadFixture<any>('feature-selection.json');

// Tolerance: 1e-9 relative. Our sums of squares are centred (two passes), scikit-learn's are raw;
// on these well-conditioned inputs the two agree far inside that.
describe('f_classif matches scikit-learn 1.2', () => {
  for (const [i, c] of fs.fClassif.entries()) {
    it(`case ${i}`, () => {
      const r = fClassif(fromColumns(c.X), c.y);
      expectAllClose(r.statistic, c.f, 1e-9, 'F');
      expectAllClose(r.pValue, c.p, 1e-9, 'p');
    });
  }
  it('includes a constant feature (F and p undefined)', () => {
    expect(fs.fClassif.some((c: any) => c.f.some((v: number) => Number.isNaN(v)))).toBe(true);
  });
});

describe('f_regression and r_regression match scikit-learn 1.2', () => {
  for (const [i, c] of fs.fRegression.entries()) {
    it(`case ${i}`, () => {
      const X = fromColumns(c.X);
      const r0 = rRegression(X, c.y);
      c.r.forEach((e: number, j: number) => {
        // scikit-learn divides by a zero norm for a constant feature and reports ±Infinity
        // (its force_finite only clears NaN); the correlation of a constant is 0 here
        if (!Number.isFinite(e)) expect(r0[j]).toBe(0);
        else expectClose(r0[j], e, 1e-9, `r[${j}]`);
      });
      const r = fRegression(X, c.y);
      const loose = fRegression(X, c.y, { forceFinite: false });
      c.f.forEach((f: number, j: number) => {
        if (Math.abs(f) > 1e15) {
          // a perfect correlation: 1 - r² is 0 or one rounding step either way, so F is huge,
          // capped, or (scikit-learn, with r a hair above 1) hugely negative
          expect(r.statistic[j]).toBeGreaterThan(1e15);
          expect(r.pValue[j]).toBeLessThan(1e-30);
          return;
        }
        expectClose(r.statistic[j], f, 1e-9, `F[${j}]`);
        expectClose(r.pValue[j], c.p[j], 1e-9, `p[${j}]`);
        if (Number.isFinite(c.fNotFinite[j]) || Number.isNaN(c.fNotFinite[j])) expectClose(loose.statistic[j], c.fNotFinite[j], 1e-9, `F raw[${j}]`);
      });
    });
  }
});

describe('F test arguments', () => {
  it('refuses a single class and NaN features', () => {
    expect(() => fClassif(fromColumns([[1, 2, 3]]), [1, 1, 1])).toThrow(/two classes/);
    expect(() => fRegression(fromColumns([[1, NaN, 3, 4]]), [1, 2, 3, 4])).toThrow(/X has a missing/);
  });
});
