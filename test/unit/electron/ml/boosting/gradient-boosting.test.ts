import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { HistGradientBoostingClassifier, HistGradientBoostingRegressor } from '../../../../../electron/ml/boosting/gradient-boosting.js';
import { createMatrix, fromRows, type Matrix } from '../../../../../electron/ml/core/matrix.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';
import { ArtifactError, CancelledError, InvalidInputError, NotFittedError } from '../../../../../electron/ml/core/errors.js';
import type { FitProgress } from '../../../../../electron/ml/core/interfaces.js';

const fixture = JSON.parse(readFileSync(new URL('../../../../fixtures/sklearn-trees/trees.json', import.meta.url), 'utf8'));
const toMatrix = (rows: (number | null)[][]) => fromRows(rows.map((r) => r.map((v) => (v === null ? NaN : v))));
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};
/** Row-major rows of a column-major n x K matrix. */
const rowsOf = (M: Matrix) => Array.from({ length: M.nRows }, (_, i) => Array.from({ length: M.nCols }, (_, k) => M.data[k * M.nRows + i]));

/** Sklearn-style params -> Ciclo params. */
function paramsOf(p: Record<string, number | null>) {
  return {
    maxIter: p.max_iter as number,
    earlyStopping: false as const,
    ...(p.l2_regularization !== undefined ? { l2Regularization: p.l2_regularization as number } : {}),
    ...(p.max_depth !== undefined ? { maxDepth: p.max_depth } : {}),
    ...(p.max_leaf_nodes !== undefined ? { maxLeafNodes: p.max_leaf_nodes } : {}),
    ...(p.min_samples_leaf !== undefined ? { minSamplesLeaf: p.min_samples_leaf as number } : {}),
    ...(p.learning_rate !== undefined ? { learningRate: p.learning_rate as number } : {}),
  };
}

function xorData(n: number, seed: number, noise = 0): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const X = createMatrix(n, 4);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 4; j++) X.data[j * n + i] = rng.next() * 2 - 1;
    y[i] = (X.data[i] > 0) !== (X.data[n + i] > 0) ? 1 : 0;
    if (rng.next() < noise) y[i] = 1 - y[i];
  }
  return { X, y };
}

describe('HistGradientBoosting parity with scikit-learn', () => {
  const Xtr = toMatrix(fixture.hgb.Xtrain);
  const Xte = toMatrix(fixture.hgb.Xtest);
  for (const c of fixture.hgb.cases) {
    it(`matches predict_proba / predict for "${c.name}" (binary, multiclass, regression; NaN included)`, () => {
      // Arrange
      const params = paramsOf(c.params);
      // Act
      const bin = new HistGradientBoostingClassifier(params).fit(Xtr, fixture.hgb.yBinary).predictProba(Xte);
      const multi = new HistGradientBoostingClassifier(params).fit(Xtr, fixture.hgb.yMulti).predictProba(Xte);
      const reg = new HistGradientBoostingRegressor(params).fit(Xtr, fixture.hgb.yRegression).predict(Xte);
      // Assert: same trees; only float32 gradient rounding and exp() ulps differ.
      expect(maxAbsDiff(rowsOf(bin).flat(), c.binaryProba.flat())).toBeLessThan(1e-6);
      expect(maxAbsDiff(rowsOf(multi).flat(), c.multiProba.flat())).toBeLessThan(1e-6);
      expect(maxAbsDiff(reg, c.regression)).toBeLessThan(1e-6);
    });
  }
});

describe('HistGradientBoostingClassifier', () => {
  it('learns XOR, which no single split can', () => {
    // Arrange
    const train = xorData(3000, 1);
    const test = xorData(1000, 2);
    // Act
    const m = new HistGradientBoostingClassifier({ maxIter: 50 }).fit(train.X, train.y);
    const pred = m.predict(test.X);
    // Assert
    let correct = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === test.y[i]) correct++;
    expect(correct / pred.length).toBeGreaterThan(0.97);
    const imp = m.featureImportances();
    expect(imp[0] + imp[1]).toBeGreaterThan(0.9);
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('routes missing values by the direction each split learned', () => {
    // Arrange: the label is 1 exactly when feature 0 is missing.
    const n = 2000;
    const rng = new Rng(5);
    const X = createMatrix(n, 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const missing = rng.next() < 0.3;
      X.data[i] = missing ? NaN : rng.normal();
      X.data[n + i] = rng.normal();
      y[i] = missing ? 1 : 0;
    }
    // Act
    const m = new HistGradientBoostingClassifier({ maxIter: 20, learningRate: 0.5 }).fit(X, y);
    const P = m.predictProba(fromRows([[NaN, 0], [0.5, 0], [-2, 1]]));
    // Assert
    expect(P.data[3]).toBeGreaterThan(0.95);
    expect(P.data[4]).toBeLessThan(0.05);
    expect(P.data[5]).toBeLessThan(0.05);
  });

  it('stops early on a validation split, reporting a learning curve as it goes', () => {
    // Arrange: noisy labels, so the validation loss stops improving well before 500 iterations.
    const { X, y } = xorData(12000, 3, 0.3);
    const seen: FitProgress[] = [];
    // Act
    const m = new HistGradientBoostingClassifier({ maxIter: 500, learningRate: 0.5 }).fit(X, y, { onProgress: (p) => seen.push(p) });
    // Assert
    expect(m.nIter).toBeLessThan(500);
    const iterations = seen.filter((p) => p.phase === 'iteration');
    expect(iterations).toHaveLength(m.nIter);
    expect(iterations[0]).toMatchObject({ iteration: 1, totalIterations: 500, validationMetric: 'log_loss' });
    expect(iterations.every((p) => typeof p.validationScore === 'number' && typeof p.trainLoss === 'number')).toBe(true);
    expect(m.validationLoss).toHaveLength(m.nIter + 1);
  });

  it('is cancelled between iterations by an abort signal', () => {
    // Arrange
    const { X, y } = xorData(500, 4);
    const signal = { aborted: false };
    // Act / Assert
    expect(() =>
      new HistGradientBoostingClassifier({ maxIter: 50 }).fit(X, y, {
        signal,
        onProgress: (p) => {
          if (p.iteration === 3) signal.aborted = true;
        },
      }),
    ).toThrow(CancelledError);
  });

  it('gives a byte-identical artifact for identical fits, which loads and predicts identically', () => {
    // Arrange
    const { X, y } = xorData(15000, 6, 0.1); // > 10,000 rows: early stopping with a seeded split
    const test = xorData(300, 7);
    // Act
    const a = JSON.stringify(new HistGradientBoostingClassifier({ maxIter: 30, randomState: 4 }).fit(X, y).toArtifact());
    const b = JSON.stringify(new HistGradientBoostingClassifier({ maxIter: 30, randomState: 4 }).fit(X, y).toArtifact());
    const loaded = HistGradientBoostingClassifier.fromArtifact(JSON.parse(a));
    const again = new HistGradientBoostingClassifier({ maxIter: 30, randomState: 4 }).fit(X, y);
    // Assert
    expect(a).toBe(b);
    expect(Array.from(loaded.predictProba(test.X).data)).toEqual(Array.from(again.predictProba(test.X).data));
  });

  it('honours class weights and sample weights', () => {
    // Arrange: an uninformative feature, 90% class 0.
    const n = 1000;
    const rng = new Rng(8);
    const X = createMatrix(n, 1);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      X.data[i] = rng.next();
      y[i] = i % 10 === 0 ? 1 : 0;
    }
    const sw = Float64Array.from(y, (v) => (v === 1 ? 9 : 1));
    // Act
    const plain = new HistGradientBoostingClassifier({ maxIter: 5 }).fit(X, y).predictProba(X).data[n];
    const balanced = new HistGradientBoostingClassifier({ maxIter: 5, classWeight: 'balanced' }).fit(X, y).predictProba(X).data[n];
    const weighted = new HistGradientBoostingClassifier({ maxIter: 5 }).fit(X, y, { sampleWeight: sw }).predictProba(X).data[n];
    // Assert
    expect(plain).toBeLessThan(0.2);
    expect(balanced).toBeGreaterThan(0.35);
    // Same 9:1 ratio, different scale: equal up to float32 gradient rounding.
    expect(weighted).toBeCloseTo(balanced, 6);
  });

  it('refuses bad input with errors that name the problem', () => {
    // Arrange
    const m = new HistGradientBoostingClassifier();
    const X = fromRows([[1], [2], [3]]);
    // Act / Assert
    expect(() => m.predict(X)).toThrow(NotFittedError);
    expect(() => m.fit(X, [1, 1, 1])).toThrow(/single class/);
    expect(() => m.fit(createMatrix(0, 1), [])).toThrow(/zero rows/);
    expect(() => m.fit(X, [0, 1])).toThrow(/3 rows but y has 2/);
    expect(() => m.fit(fromRows([[1], [Infinity], [3]]), [0, 1, 0])).toThrow(/feature 0 has an infinite value at row 1/);
    expect(() => new HistGradientBoostingClassifier({ learningRate: 0 }).fit(X, [0, 1, 0])).toThrow(InvalidInputError);
    expect(() => new HistGradientBoostingClassifier({ maxBins: 256 }).fit(X, [0, 1, 0])).toThrow(/maxBins/);
    m.fit(X, [0, 1, 0]);
    expect(() => m.predict(fromRows([[1, 2]]))).toThrow(/2 features, but the model was fitted with 1/);
  });

  it('refuses malformed or unknown-version artifacts', () => {
    // Arrange
    const { X, y } = xorData(200, 9);
    const a = new HistGradientBoostingClassifier({ maxIter: 3 }).fit(X, y).toArtifact() as unknown as { version: number; state: { trees: { left: unknown } } };
    // Act / Assert
    expect(() => HistGradientBoostingClassifier.fromArtifact({ ...a, version: 99 })).toThrow(ArtifactError);
    const broken = JSON.parse(JSON.stringify(a));
    broken.state.trees.left = { $i32: 'AAAAAA==' };
    expect(() => HistGradientBoostingClassifier.fromArtifact(broken)).toThrow(ArtifactError);
  });
});

describe('HistGradientBoostingRegressor', () => {
  it('learns a smooth function, and depth-wise growth with maxDepth works', () => {
    // Arrange
    const n = 4000;
    const rng = new Rng(10);
    const X = createMatrix(n, 3);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < 3; j++) X.data[j * n + i] = rng.next() * 4 - 2;
      y[i] = Math.sin(X.data[i]) * 3 + X.data[n + i] ** 2;
    }
    // Act
    const leafWise = new HistGradientBoostingRegressor({ maxIter: 200 }).fit(X, y).predict(X);
    const depthWise = new HistGradientBoostingRegressor({ maxIter: 200, maxLeafNodes: null, maxDepth: 3 }).fit(X, y).predict(X);
    // Assert
    const r2 = (p: Float64Array) => {
      let mean = 0;
      for (const v of y) mean += v / n;
      let ss = 0;
      let sr = 0;
      for (let i = 0; i < n; i++) {
        ss += (y[i] - mean) ** 2;
        sr += (y[i] - p[i]) ** 2;
      }
      return 1 - sr / ss;
    };
    expect(r2(leafWise)).toBeGreaterThan(0.99);
    expect(r2(depthWise)).toBeGreaterThan(0.98);
  });
});
