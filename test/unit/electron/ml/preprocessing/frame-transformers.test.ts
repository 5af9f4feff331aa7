import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { frameFromRows, type Frame } from '../../../../../electron/ml/core/frame.js';
import type { Matrix } from '../../../../../electron/ml/core/matrix.js';
import { OneHotEncoder, OrdinalEncoder } from '../../../../../electron/ml/preprocessing/encoders.js';
import { DateTimeFeatures, civilFields } from '../../../../../electron/ml/preprocessing/datetime.js';
import { TfidfVectorizer } from '../../../../../electron/ml/preprocessing/tfidf.js';
import { loadArtifact } from '../../../../../electron/ml/registry.js';
import type { FrameTransformer } from '../../../../../electron/ml/preprocessing/types.js';

const f = JSON.parse(readFileSync(new URL('../../../../fixtures/sklearn-models/preprocessing.json', import.meta.url), 'utf8'));

function catFrame(rows: (string | null)[][]): Frame {
  return frameFromRows(rows.map((r) => ({ color: r[0], size: r[1] })), [
    { name: 'color', kind: 'categorical' },
    { name: 'size', kind: 'categorical' },
  ]);
}

function rowsOf(m: Matrix): number[][] {
  return Array.from({ length: m.nRows }, (_, i) => Array.from({ length: m.nCols }, (_, j) => m.data[j * m.nRows + i]));
}

function expectClose(actual: Matrix, expected: number[][], tol = 1e-12): void {
  const a = rowsOf(actual);
  expect(a.length).toBe(expected.length);
  a.forEach((r, i) => r.forEach((v, j) => expect(Math.abs(v - expected[i][j])).toBeLessThan(tol)));
}

function roundTrip(t: FrameTransformer, frame: Frame): void {
  const loaded = loadArtifact(JSON.parse(JSON.stringify(t.toArtifact()))) as FrameTransformer;
  expect(Array.from(loaded.transform(frame).data)).toEqual(Array.from(t.transform(frame).data));
  expect(loaded.featureNamesOut()).toEqual(t.featureNamesOut());
}

describe('OneHotEncoder matches scikit-learn', () => {
  const train = catFrame(f.categories.train);
  const test = catFrame(f.categories.test);

  it('unknown categories become all zeros (handleUnknown ignore)', () => {
    const e = new OneHotEncoder().fit(train);
    expect(e.featureNamesOut()).toEqual(f.categories.onehot.names);
    expect(rowsOf(e.transform(test))).toEqual(f.categories.onehot.transform);
    roundTrip(e, test);
  });

  it('groups rare categories (minFrequency) and sends unknowns there (infrequentIfExist)', () => {
    const e = new OneHotEncoder({ minFrequency: 2, handleUnknown: 'infrequentIfExist' }).fit(train);
    expect(e.featureNamesOut()).toEqual(f.categories.onehotMinFrequency.names);
    expect(rowsOf(e.transform(test))).toEqual(f.categories.onehotMinFrequency.transform);
  });

  it('keeps at most maxCategories columns per feature', () => {
    const e = new OneHotEncoder({ maxCategories: 2 }).fit(train);
    expect(e.featureNamesOut()).toEqual(f.categories.onehotMaxCategories.names);
    expect(rowsOf(e.transform(test))).toEqual(f.categories.onehotMaxCategories.transform);
  });

  it('raises on an unknown category under handleUnknown error, naming the column and value', () => {
    const e = new OneHotEncoder({ handleUnknown: 'error' }).fit(train);
    expect(() => e.transform(test)).toThrow(/Column "color" has the category "orange" \(row 1\), not seen in training/);
  });

  it('matches categories by text, whatever the codes of the incoming frame', () => {
    const e = new OneHotEncoder().fit(train);
    const reordered = catFrame([['violet', 'S'], ['blue', 'XL']]);
    const expected = catFrame([['violet', 'S'], ['blue', 'XL']]);
    expect(rowsOf(e.transform(reordered))).toEqual(rowsOf(e.transform(expected)));
    expect(rowsOf(e.transform(reordered))[0]).toEqual([0, 0, 0, 1, 0, 0, 1, 0]);
  });

  it('missing values: own column when seen in training, or the most frequent category', () => {
    const withMissing = catFrame([['a', 'x'], [null, 'x'], ['b', 'y'], ['a', null]]);
    const e = new OneHotEncoder().fit(withMissing);
    expect(e.featureNamesOut()).toEqual(['color_a', 'color_b', 'color_nan', 'size_x', 'size_y', 'size_nan']);
    expect(rowsOf(e.transform(catFrame([[null, null]])))).toEqual([[0, 0, 1, 0, 0, 1]]);
    const imputing = new OneHotEncoder({ missing: 'mostFrequent' }).fit(withMissing);
    expect(imputing.featureNamesOut()).toEqual(['color_a', 'color_b', 'size_x', 'size_y']);
    expect(rowsOf(imputing.transform(catFrame([[null, null]])))).toEqual([[1, 0, 1, 0]]);
    const noMissingInTraining = new OneHotEncoder().fit(catFrame([['a', 'x'], ['b', 'y']]));
    expect(rowsOf(noMissingInTraining.transform(catFrame([[null, 'x']])))).toEqual([[0, 0, 1, 0]]);
  });

  it('names a column missing at transform time', () => {
    const e = new OneHotEncoder().fit(train);
    const only = frameFromRows([{ color: 'red' }], [{ name: 'color', kind: 'categorical' }]);
    expect(() => e.transform(only)).toThrow(/Column "size" is missing/);
  });
});

describe('OrdinalEncoder matches scikit-learn', () => {
  it('encodes sorted categories; unknown -> -1, missing -> NaN by default', () => {
    const e = new OrdinalEncoder().fit(catFrame(f.categories.train));
    expect(rowsOf(e.transform(catFrame(f.categories.test)))).toEqual(f.categories.ordinal);
    const out = e.transform(catFrame([[null, 'M']]));
    expect(Number.isNaN(out.data[0])).toBe(true);
    const e2 = new OrdinalEncoder({ encodedMissingValue: -2, unknownValue: -9 }).fit(catFrame(f.categories.train));
    expect(rowsOf(e2.transform(catFrame([[null, 'XXL']])))).toEqual([[-2, -9]]);
    roundTrip(e2, catFrame(f.categories.test));
  });
});

describe('DateTimeFeatures', () => {
  it('computes calendar fields like the Date object, across eras and leap years', () => {
    const out = new Float64Array(7);
    for (const iso of ['1970-01-01T00:00:00Z', '2024-02-29T13:45:00Z', '2023-12-31T23:59:00Z', '1900-03-01T06:00:00Z', '2000-03-01T00:00:00Z', '1969-12-31T12:30:00Z']) {
      const t = Date.parse(iso);
      civilFields(t, out);
      const d = new Date(t);
      const start = Date.UTC(d.getUTCFullYear(), 0, 1);
      expect(Array.from(out)).toEqual([
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        (d.getUTCDay() + 6) % 7,
        d.getUTCHours(),
        d.getUTCMinutes(),
        Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - start) / 86_400_000) + 1,
      ]);
    }
  });

  it('drops parts that never vary, keeps missing as NaN and counts elapsed days', () => {
    const frame = frameFromRows([{ d: '2024-01-01' }, { d: '2024-03-15' }, { d: null }, { d: '2025-01-02' }], [{ name: 'd', kind: 'datetime' }]);
    const t = new DateTimeFeatures().fit(frame);
    expect(t.featureNamesOut()).toEqual(['d_year', 'd_month', 'd_day', 'd_weekday', 'd_elapsedDays']);
    const rows = rowsOf(t.transform(frame));
    expect(rows[0]).toEqual([2024, 1, 1, 0, 0]);
    expect(rows[1]).toEqual([2024, 3, 15, 4, 74]);
    expect(rows[2].every(Number.isNaN)).toBe(true);
    roundTrip(t, frame);
  });

  it('refuses a non-date column, naming it', () => {
    const frame = frameFromRows([{ d: 'x' }], [{ name: 'd', kind: 'categorical' }]);
    expect(() => new DateTimeFeatures().fit(frame)).toThrow(/Column "d" is categorical, not a date/);
  });
});

describe('TfidfVectorizer matches scikit-learn', () => {
  const docs = frameFromRows(f.tfidf.docs.map((d: string) => ({ text: d })), [{ name: 'text', kind: 'text' }]);
  const test = frameFromRows(f.tfidf.test.map((d: string) => ({ text: d })), [{ name: 'text', kind: 'text' }]);

  it('default settings: vocabulary, idf and l2-normalised weights', () => {
    const t = new TfidfVectorizer().fit(docs);
    expect(t.vocabulary).toEqual(f.tfidf.default.vocabulary);
    Array.from(t.idf).forEach((v, k) => expect(v).toBeCloseTo(f.tfidf.default.idf[k], 12));
    expectClose(t.transform(test), f.tfidf.default.transform);
    roundTrip(t, test);
  });

  it('minDf, maxDf, maxFeatures and sublinear tf', () => {
    const t = new TfidfVectorizer({ minDf: 2, maxDf: 0.9, sublinearTf: true, maxFeatures: 6 }).fit(docs);
    expect(t.vocabulary).toEqual(f.tfidf.options.vocabulary);
    expectClose(t.transform(test), f.tfidf.options.transform);
  });

  it('no normalisation, case kept, no smoothing', () => {
    const t = new TfidfVectorizer({ norm: 'none', lowercase: false, smoothIdf: false }).fit(docs);
    expect(t.vocabulary).toEqual(f.tfidf.noNorm.vocabulary);
    expectClose(t.transform(test), f.tfidf.noNorm.transform);
  });
});
