import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fromRows, type Matrix } from '../../../../../electron/ml/core/matrix.js';
import { StandardScaler, MinMaxScaler, RobustScaler, Normalizer, Log1pTransformer } from '../../../../../electron/ml/preprocessing/scalers.js';
import { SimpleImputer, KNNImputer } from '../../../../../electron/ml/preprocessing/imputers.js';
import { KBinsDiscretizer } from '../../../../../electron/ml/preprocessing/discretizer.js';
import { loadArtifact } from '../../../../../electron/ml/registry.js';
import type { MatrixTransformer } from '../../../../../electron/ml/preprocessing/types.js';

const f = JSON.parse(readFileSync(new URL('../../../../fixtures/sklearn-models/preprocessing.json', import.meta.url), 'utf8'));
const nanRows = (rows: (number | null)[][]): Matrix => fromRows(rows.map((r) => r.map((v) => (v === null ? NaN : v))));
const X = fromRows(f.X);
const Xt = fromRows(f.Xtest);
const Xnan = nanRows(f.Xnan);
const Xtnan = nanRows(f.XtestNan);

function expectMatrix(actual: Matrix, expectedRows: number[][], tol = 1e-12): void {
  expect(actual.nRows).toBe(expectedRows.length);
  expect(actual.nCols).toBe(expectedRows[0].length);
  for (let i = 0; i < actual.nRows; i++) {
    for (let j = 0; j < actual.nCols; j++) {
      const e = expectedRows[i][j];
      const a = actual.data[j * actual.nRows + i];
      if (Math.abs(a - e) > tol * Math.max(1, Math.abs(e))) throw new Error(`(${i}, ${j}): ${a} != ${e}`);
    }
  }
}

function roundTrip(t: MatrixTransformer, input: Matrix): void {
  const loaded = loadArtifact(JSON.parse(JSON.stringify(t.toArtifact()))) as MatrixTransformer;
  expect(Array.from(loaded.transform(input).data)).toEqual(Array.from(t.transform(input).data));
}

describe('scalers match scikit-learn', () => {
  it('StandardScaler', () => {
    const s = new StandardScaler().fit(X);
    expectMatrix(s.transform(Xt), f.standard);
    roundTrip(s, Xt);
  });
  it('MinMaxScaler with a custom range', () => {
    const s = new MinMaxScaler({ featureRange: [-1, 2] }).fit(X);
    expectMatrix(s.transform(Xt), f.minmax);
    roundTrip(s, Xt);
  });
  it('RobustScaler', () => {
    const s = new RobustScaler().fit(X);
    expectMatrix(s.transform(Xt), f.robust);
    roundTrip(s, Xt);
  });
  it('Normalizer (l2)', () => {
    expectMatrix(new Normalizer().fit(X).transform(Xt), f.normalizerL2);
  });
  it('keeps missing values missing and gives constant features a scale of 1', () => {
    const s = new StandardScaler().fit(fromRows([[1, 5], [NaN, 5], [3, 5]]));
    const out = s.transform(fromRows([[NaN, 7]]));
    expect(Number.isNaN(out.data[0])).toBe(true);
    expect(out.data[1]).toBe(2);
  });
  it('signed log1p', () => {
    const out = new Log1pTransformer().fit(fromRows([[0]])).transform(fromRows([[0], [Math.E - 1], [-(Math.E - 1)], [NaN]]));
    expect(Array.from(out.data.subarray(0, 3))).toEqual([0, 1, -1]);
    expect(Number.isNaN(out.data[3])).toBe(true);
  });
  it('refuses infinite values and a wrong width, naming them', () => {
    expect(() => new StandardScaler().fit(fromRows([[1], [Infinity]]))).toThrow(/infinite value at row 1/);
    const s = new StandardScaler().fit(X);
    expect(() => s.transform(fromRows([[1, 2]]))).toThrow(/2 features, but it was fitted with 3/);
  });
});

describe('imputers match scikit-learn', () => {
  for (const strategy of ['mean', 'median', 'mostFrequent'] as const) {
    it(`SimpleImputer ${strategy}`, () => {
      const key = strategy === 'mostFrequent' ? 'most_frequent' : strategy;
      const s = new SimpleImputer({ strategy }).fit(Xnan);
      expectMatrix(s.transform(Xtnan), f[`impute_${key}`]);
      roundTrip(s, Xtnan);
    });
  }
  it('SimpleImputer constant', () => {
    expectMatrix(new SimpleImputer({ strategy: 'constant', fillValue: -7.5 }).fit(Xnan).transform(Xtnan), f.impute_constant);
  });
  it('SimpleImputer adds indicator columns for features that had missing values', () => {
    const s = new SimpleImputer({ addIndicator: true }).fit(fromRows([[1, 2], [NaN, 3]]));
    const out = s.transform(fromRows([[NaN, NaN], [4, 5]]));
    expect(out.nCols).toBe(3);
    expect(Array.from(out.data)).toEqual([1, 4, 2.5, 5, 1, 0]);
    expect(s.featureNamesOut(['a', 'b'])).toEqual(['a', 'b', 'missingindicator_a']);
  });
  it('KNNImputer uniform and distance weights', () => {
    const u = new KNNImputer({ nNeighbors: 3 }).fit(Xnan);
    expectMatrix(u.transform(Xtnan), f.knnImpute, 1e-10);
    const d = new KNNImputer({ nNeighbors: 3, weights: 'distance' }).fit(Xnan);
    expectMatrix(d.transform(Xtnan), f.knnImputeDistance, 1e-10);
    roundTrip(d, Xtnan);
  });
});

describe('KBinsDiscretizer matches scikit-learn', () => {
  it('quantile edges and ordinal bins', () => {
    const k = new KBinsDiscretizer({ nBins: 4, encode: 'ordinal' }).fit(X);
    k.binEdges().forEach((e, j) => expectMatrix(fromRows([Array.from(e)]), [f.kbinsQuantileEdges[j]]));
    expectMatrix(k.transform(Xt), f.kbinsQuantile);
    roundTrip(k, Xt);
  });
  it('uniform bins', () => {
    expectMatrix(new KBinsDiscretizer({ nBins: 5, encode: 'ordinal', strategy: 'uniform' }).fit(X).transform(Xt), f.kbinsUniform);
  });
  it('one-hot encoding of the bins', () => {
    const k = new KBinsDiscretizer({ nBins: 4 }).fit(X);
    const out = k.transform(Xt);
    const ord = new KBinsDiscretizer({ nBins: 4, encode: 'ordinal' }).fit(X).transform(Xt);
    const widths = k.binEdges().map((e) => e.length - 1);
    expect(out.nCols).toBe(widths.reduce((a, b) => a + b, 0));
    expect(out.data[(widths[0] + ord.data[Xt.nRows]) * Xt.nRows]).toBe(1);
    expect(k.featureNamesOut(['a', 'b', 'c'])[0]).toBe('a_0');
  });
});
