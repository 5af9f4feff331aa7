import { describe, expect, it } from 'vitest';
import { permutationImportance } from '../../../../../electron/ml/inspection/permutation-importance.js';
import { computeMetric } from '../../../../../electron/ml/metrics/compute.js';
import { createMatrix, fromColumns, type Matrix } from '../../../../../electron/ml/core/matrix.js';
import { createFrame } from '../../../../../electron/ml/core/frame.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';
import { CancelledError } from '../../../../../electron/ml/core/errors.js';
import { createEstimator } from '../../../../../electron/ml/registry.js';
import type { FittableModel } from '../../../../../electron/ml/model-selection/data.js';
import { blobs, CategoryMeanRegressor, CentroidClassifier, line, ScaledLineRegressor } from '../model-selection/tiny-models.js';

describe('permutationImportance', () => {
  it('is the score drop under the seeded shuffles, computed by hand', () => {
    // Arrange: y = 2 + 3 x0 + noise; the model reads x0 only
    const { X, y } = line(300, 1);
    const model = new ScaledLineRegressor().fit(X, y);
    // Act
    const r = permutationImportance({ model, X, y, metric: 'r2', nRepeats: 3, seed: 7, featureNames: ['x0', 'x1'] });
    // Assert: rebuild the three permutations of x0 with the same generator
    const baseline = computeMetric('r2', { yTrue: y, yPred: model.predict(X) });
    const rng = new Rng(7);
    const expected = [0, 1, 2].map(() => {
      const perm = rng.shuffle(Int32Array.from({ length: 300 }, (_, i) => i));
      const Xp = fromColumns([Float64Array.from(perm, (i) => X.data[i]), X.data.subarray(300)]);
      return baseline - computeMetric('r2', { yTrue: y, yPred: model.predict(Xp) });
    });
    expect(r.baselineScore).toBe(baseline);
    expect(r.features[0].feature).toBe('x0');
    expect(r.features[0].importances).toEqual(expected);
    expect(r.features[0].importanceMean).toBeCloseTo(expected.reduce((a, b) => a + b) / 3, 14);
    expect(r.features[0].importanceMean!).toBeGreaterThan(1);
    // the ignored feature changes nothing
    expect(r.features[1].importances).toEqual([0, 0, 0]);
    expect(r.features[1].importanceStd).toBe(0);
  });

  it('is positive for lower-is-better metrics too, and per-feature results do not depend on the others', () => {
    const { X, y } = line(200, 2);
    const model = new ScaledLineRegressor().fit(X, y);
    const all = permutationImportance({ model, X, y, metric: 'rmse', seed: 3 });
    const only = permutationImportance({ model, X, y, metric: 'rmse', seed: 3, features: [0] });
    expect(all.direction).toBe('lower');
    expect(all.features[0].importanceMean!).toBeGreaterThan(0);
    expect(only.features[0]).toEqual(all.features[0]);
  });

  it('leaves X untouched', () => {
    const { X, y } = line(50, 3);
    const copy = Float64Array.from(X.data);
    permutationImportance({ model: new ScaledLineRegressor().fit(X, y), X, y, metric: 'mae' });
    expect(X.data).toEqual(copy);
  });

  it('permutes raw Frame columns for a pipeline-like model, and groups of columns jointly', () => {
    // Arrange
    const rng = new Rng(4);
    const n = 120;
    const codes = Int32Array.from({ length: n }, () => rng.int(3));
    const unused = Float64Array.from({ length: n }, () => rng.normal());
    const frame = createFrame([
      { kind: 'categorical', name: 'city', codes, levels: ['a', 'b', 'c'] },
      { kind: 'numeric', name: 'unused', values: unused },
    ]);
    const y = Float64Array.from(codes, (c) => [1, 5, 9][c] + 0.1 * rng.normal());
    const model = new CategoryMeanRegressor('city').fit(frame, y);
    // Act
    const r = permutationImportance({ model, X: frame, y, metric: 'mae', features: ['city', 'unused', ['city', 'unused']] });
    // Assert
    expect(r.features.map((f) => f.feature)).toEqual(['city', 'unused', 'city + unused']);
    expect(r.features[0].importanceMean!).toBeGreaterThan(1);
    expect(r.features[1].importanceMean).toBe(0);
    expect(r.features[2].importances).toEqual(r.features[0].importances); // same shuffle, unused column irrelevant
    expect(() => permutationImportance({ model, X: frame, y, metric: 'mae', features: ['nope'] })).toThrow(/Unknown feature "nope"/);
  });

  it('takes a prediction function that returns probabilities', () => {
    const { X, y } = blobs(150, 3, 5, 1);
    const withNoise = createMatrix(150, 3);
    withNoise.data.set(X.data);
    const rng = new Rng(9);
    for (let i = 0; i < 150; i++) withNoise.data[300 + i] = rng.normal();
    const model = new CentroidClassifier().fit(withNoise, y);
    const r = permutationImportance({ model: (data: Matrix) => model.predictProba(data), X: withNoise, y, metric: 'log_loss', classes: [0, 1, 2] });
    expect(r.features[0].importanceMean!).toBeGreaterThan(r.features[2].importanceMean!);
    const acc = permutationImportance({ model: (data: Matrix) => model.predictProba(data), X: withNoise, y, metric: 'accuracy', classes: [0, 1, 2] });
    expect(acc.baselineScore!).toBeGreaterThan(0.8);
    expect(() => permutationImportance({ model: (data: Matrix) => model.predict(data), X: withNoise, y, metric: 'roc_auc' })).toThrow(/needs probabilities/);
  });

  it('ranks a registered model’s informative features above a noise column', () => {
    const { X, y } = blobs(200, 2, 6, 1.5);
    const Xn = createMatrix(200, 3);
    Xn.data.set(X.data);
    const rng = new Rng(10);
    for (let i = 0; i < 200; i++) Xn.data[400 + i] = rng.normal();
    const model = createEstimator('LogisticRegression', {}) as unknown as FittableModel<Matrix>;
    model.fit(Xn, y);
    const r = permutationImportance({ model, X: Xn, y, metric: 'roc_auc', nRepeats: 4 });
    expect(r.features[0].importanceMean!).toBeGreaterThan(r.features[2].importanceMean! + 0.05);
  });

  it('reports progress and can be cancelled', () => {
    const { X, y } = line(40, 5);
    const model = new ScaledLineRegressor().fit(X, y);
    const signal = { aborted: false };
    const fractions: number[] = [];
    expect(() =>
      permutationImportance({
        model,
        X,
        y,
        metric: 'mae',
        nRepeats: 4,
        signal,
        onProgress: (p) => {
          fractions.push(p.fraction);
          if (p.feature === 1 && p.repeat === 0) signal.aborted = true;
        },
      }),
    ).toThrow(CancelledError);
    expect(fractions).toEqual([0.125, 0.25, 0.375, 0.5, 0.625]);
  });
});
