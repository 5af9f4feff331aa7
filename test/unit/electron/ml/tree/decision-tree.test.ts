import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DecisionTreeClassifier, DecisionTreeRegressor } from '../../../../../electron/ml/tree/decision-tree.js';
import { createMatrix, fromRows, type Matrix } from '../../../../../electron/ml/core/matrix.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';
import { ArtifactError, NotFittedError } from '../../../../../electron/ml/core/errors.js';

const fixture = JSON.parse(readFileSync(new URL('../../../../fixtures/sklearn-trees/trees.json', import.meta.url), 'utf8'));
const rowsOf = (M: Matrix) => Array.from({ length: M.nRows }, (_, i) => Array.from({ length: M.nCols }, (_, k) => M.data[k * M.nRows + i]));
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('DecisionTree parity with scikit-learn (exact binning: few distinct values)', () => {
  const Xtr = fromRows(fixture.trees.Xtrain);
  const Xte = fromRows(fixture.trees.Xtest);
  for (const c of fixture.trees.cases) {
    it(`matches scikit-learn's "${c.name}" tree: predictions, importances and size`, () => {
      // Arrange
      const shape = { maxDepth: 4, minSamplesLeaf: 5 };
      // Act
      const m =
        c.name === 'regression'
          ? new DecisionTreeRegressor(shape).fit(Xtr, fixture.trees.yValue)
          : new DecisionTreeClassifier({ ...shape, criterion: c.name }).fit(Xtr, fixture.trees.yClass);
      const out = m instanceof DecisionTreeClassifier ? rowsOf(m.predictProba(Xte)).flat() : Array.from(m.predict(Xte));
      // Assert
      expect(maxAbsDiff(out, c.name === 'regression' ? c.output : c.output.flat())).toBeLessThan(1e-12);
      expect(maxAbsDiff(m.featureImportances(), c.importances)).toBeLessThan(1e-12);
      const trees = (m.toArtifact().state as { trees: unknown }).trees;
      expect(trees).toBeDefined();
    });
  }
});

function makeData(n: number, seed: number) {
  const rng = new Rng(seed);
  const X = createMatrix(n, 3);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // One decimal: 101 distinct values per feature, so split search is exact.
    for (let j = 0; j < 3; j++) X.data[j * n + i] = Math.round(rng.next() * 100) / 10;
    y[i] = X.data[i] > 5 ? (X.data[n + i] > 3 ? 2 : 1) : 0;
  }
  return { X, y };
}

describe('DecisionTreeClassifier', () => {
  it('fits an axis-aligned rule exactly, with thresholds between training values', () => {
    // Arrange
    const { X, y } = makeData(2000, 1);
    const test = makeData(500, 2);
    // Act
    const m = new DecisionTreeClassifier().fit(X, y);
    const pred = m.predict(test.X);
    // Assert
    let wrong = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] !== test.y[i]) wrong++;
    expect(wrong / pred.length).toBeLessThan(0.02);
    expect(m.leafCount).toBe(3);
    expect(Array.from(m.predict(X))).toEqual(Array.from(y));
  });

  it('learns where missing values should go', () => {
    // Arrange: missing in feature 0 means class 1.
    const X = fromRows([[1], [2], [NaN], [NaN], [3], [NaN], [1.5], [2.5]]);
    const y = [0, 0, 1, 1, 0, 1, 0, 0];
    // Act
    const m = new DecisionTreeClassifier().fit(X, y);
    // Assert
    expect(Array.from(m.predict(fromRows([[NaN], [2.2]])))).toEqual([1, 0]);
  });

  it('weights classes and rows', () => {
    // Arrange: one feature that cannot separate; class 1 is rare.
    const X = fromRows([[0], [0], [0], [0], [1], [1], [1], [1]]);
    const y = [0, 0, 0, 1, 0, 0, 0, 1];
    // Act
    const plain = new DecisionTreeClassifier().fit(X, y).predictProba(fromRows([[0]])).data[1];
    const balanced = new DecisionTreeClassifier({ classWeight: 'balanced' }).fit(X, y).predictProba(fromRows([[0]])).data[1];
    const sw = new DecisionTreeClassifier().fit(X, y, { sampleWeight: Float64Array.from([1, 1, 1, 3, 1, 1, 1, 3]) }).predictProba(fromRows([[0]])).data[1];
    // Assert
    expect(plain).toBeCloseTo(0.25, 12);
    expect(balanced).toBeCloseTo(0.5, 12);
    expect(sw).toBeCloseTo(0.5, 12);
  });

  it('round-trips through its artifact and refuses a tampered one', () => {
    // Arrange
    const { X, y } = makeData(300, 3);
    const m = new DecisionTreeClassifier({ maxDepth: 3 }).fit(X, y);
    const spec = JSON.parse(JSON.stringify(m.toArtifact()));
    // Act
    const loaded = DecisionTreeClassifier.fromArtifact(spec);
    spec.state.trees.feature = { $i32: 'CQAAAA==' };
    // Assert
    expect(Array.from(loaded.predictProba(X).data)).toEqual(Array.from(m.predictProba(X).data));
    expect(() => DecisionTreeClassifier.fromArtifact(spec)).toThrow(ArtifactError);
  });

  it('refuses infinite values and wrong shapes with clear errors', () => {
    // Arrange
    const m = new DecisionTreeClassifier();
    // Act / Assert
    expect(() => m.predict(fromRows([[1]]))).toThrow(NotFittedError);
    expect(() => m.fit(fromRows([[1], [-Infinity]]), [0, 1])).toThrow(/infinite value at row 1/);
    expect(() => m.fit(fromRows([[1], [2]]), [0, 0])).toThrow(/single class/);
    expect(() => new DecisionTreeClassifier({ criterion: 'squared_error' }).fit(fromRows([[1], [2]]), [0, 1])).toThrow(/criterion/);
    m.fit(fromRows([[1], [2]]), [0, 1]);
    expect(() => m.predict(fromRows([[1, 2]]))).toThrow(/fitted with 1/);
  });
});

describe('DecisionTreeRegressor', () => {
  it('fits a step function and limits depth', () => {
    // Arrange: 250 distinct values (<= maxBins, so thresholds are exact midpoints).
    const n = 250;
    const X = createMatrix(n, 1);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      X.data[i] = i;
      y[i] = i < 100 ? 1 : i < 200 ? 5 : -2;
    }
    // Act
    const full = new DecisionTreeRegressor().fit(X, y);
    const stump = new DecisionTreeRegressor({ maxDepth: 1 }).fit(X, y);
    // Assert
    expect(Array.from(full.predict(fromRows([[50], [99.4], [100], [199.4], [199.6]])))).toEqual([1, 1, 5, 5, -2]);
    expect(new Set(stump.predict(X)).size).toBe(2);
  });
});

describe('DecisionTreeClassifier with fractional (balanced) class weights', () => {
  it('never gives a negative probability (children sums come from subtraction)', () => {
    // Arrange: seeds 38 and 39 gave -2.6e-13 and -1.3e-13 before leaf values were clamped.
    for (const seed of [38, 39]) {
      const rng = new Rng(seed);
      const n = 600;
      const X = createMatrix(n, 3);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < 3; j++) X.data[j * n + i] = rng.normal();
        const u = rng.next();
        y[i] = u < 0.07 ? 2 : u < 0.25 ? 1 : 0;
      }
      // Act
      const P = new DecisionTreeClassifier({ classWeight: 'balanced', maxDepth: 6 }).fit(X, y).predictProba(X);
      // Assert
      expect(Math.min(...P.data)).toBeGreaterThanOrEqual(0);
    }
  });
});
