import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { applyBins, columnMajorLayout, featureThresholds, fitAndBin, rowMajorLayout } from '../../../../../electron/ml/boosting/binning.js';
import { createMatrix, fromRows } from '../../../../../electron/ml/core/matrix.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';

const fixture = JSON.parse(readFileSync(new URL('../../../../fixtures/sklearn-trees/trees.json', import.meta.url), 'utf8'));
const toMatrix = (rows: (number | null)[][]) => fromRows(rows.map((r) => r.map((v) => (v === null ? NaN : v))));
const plain = (b: number) => new ArrayBuffer(b);

describe('binning', () => {
  it('learns the same thresholds and codes as scikit-learn _BinMapper', () => {
    // Arrange
    const X = toMatrix(fixture.binning.X);
    const out = columnMajorLayout(X.nRows, X.nCols, plain);
    // Act
    const mapper = fitAndBin(X, 255, null, 200_000, new Rng(0), out, null);
    // Assert
    for (let j = 0; j < X.nCols; j++) {
      expect(Array.from(mapper.thresholds[j])).toEqual(fixture.binning.thresholds[j]);
      expect(mapper.nBinsNonMissing[j]).toBe(fixture.binning.nBinsNonMissing[j]);
      const codes = Array.from(out.bins.subarray(j * X.nRows, (j + 1) * X.nRows));
      expect(codes).toEqual(fixture.binning.codes.map((r: number[]) => r[j]));
    }
    expect(Array.from(mapper.hasMissing)).toEqual([0, 0, 0, 1]);
  });

  it('uses midpoints between distinct values when there are few, so binning is lossless', () => {
    // Arrange
    const values = Float64Array.from([3, 1, 2, 2, 1, 3, 10]);
    // Act
    const t = featureThresholds(values, 255);
    // Assert
    expect(Array.from(t)).toEqual([1.5, 2.5, 6.5]);
  });

  it('maps values exactly like a binary search over the thresholds, skewed data included', () => {
    // Arrange: heavy tail (one huge value) plus repeated values and the threshold values themselves.
    const rng = new Rng(3);
    const n = 5000;
    const X = createMatrix(n, 1);
    for (let i = 0; i < n; i++) X.data[i] = i === 0 ? 1e9 : Math.round(Math.exp(3 * rng.normal()) * 100) / 100;
    const out = rowMajorLayout(n, 1, plain);
    const mapper = fitAndBin(X, 255, null, 200_000, rng, out, null);
    const t = mapper.thresholds[0];
    const probe = createMatrix(t.length * 3 + 2, 1);
    for (let k = 0; k < t.length; k++) {
      probe.data[3 * k] = t[k];
      probe.data[3 * k + 1] = t[k] * (1 + 1e-15) + 1e-300;
      probe.data[3 * k + 2] = t[k] * (1 - 1e-15) - 1e-300;
    }
    probe.data[probe.nRows - 2] = -1e12;
    probe.data[probe.nRows - 1] = 2e9;
    const probed = rowMajorLayout(probe.nRows, 1, plain);
    // Act
    applyBins(probe, mapper, null, probed);
    // Assert
    const expected = (v: number) => {
      let b = 0;
      while (b < t.length && v > t[b]) b++;
      return b;
    };
    for (let i = 0; i < n; i++) expect(out.bins[i * out.stride]).toBe(expected(X.data[i]));
    for (let i = 0; i < probe.nRows; i++) expect(probed.bins[i * probed.stride]).toBe(expected(probe.data[i]));
  });

  it('puts NaN in the missing-value bin and learns thresholds on the given rows only', () => {
    // Arrange
    const X = fromRows([[1], [NaN], [2], [100], [3]]);
    const rows = Uint32Array.from([0, 1, 2, 4]);
    const out = rowMajorLayout(rows.length, 1, plain);
    // Act
    const mapper = fitAndBin(X, 8, rows, 200_000, new Rng(0), out, null);
    // Assert
    expect(Array.from(mapper.thresholds[0])).toEqual([1.5, 2.5]);
    expect([0, 1, 2, 3].map((i) => out.bins[i * out.stride])).toEqual([0, 8, 1, 2]);
    expect(mapper.hasMissing[0]).toBe(1);
  });
});
