import { describe, expect, it } from 'vitest';
import { crossValidate, meanStd } from '../../../../../electron/ml/model-selection/cross-validate.js';
import { kFold, type Fold } from '../../../../../electron/ml/model-selection/splits.js';
import { takeRows } from '../../../../../electron/ml/core/matrix.js';
import { createFrame } from '../../../../../electron/ml/core/frame.js';
import { CancelledError } from '../../../../../electron/ml/core/errors.js';
import { computeMetric } from '../../../../../electron/ml/metrics/compute.js';
import { blobs, CategoryMeanRegressor, CentroidClassifier, line, ScaledLineRegressor } from './tiny-models.js';

describe('crossValidate', () => {
  it('scores every fold with a fresh model, as a manual loop would', () => {
    // Arrange
    const { X, y } = blobs(120, 3, 1, 1.5);
    const folds = kFold(120, { nSplits: 4, shuffle: true, seed: 2 });
    const made: CentroidClassifier[] = [];
    // Act
    const r = crossValidate(() => {
      const m = new CentroidClassifier();
      made.push(m);
      return m;
    }, X, y, folds, ['accuracy', 'log_loss', 'roc_auc']);
    // Assert
    expect(made).toHaveLength(4);
    expect(made.every((m) => m.fitCount === 1)).toBe(true);
    folds.forEach((f, i) => {
      const m = new CentroidClassifier().fit(takeRows(X, f.train), Array.from(f.train, (j) => y[j]));
      const yte = Array.from(f.test, (j) => y[j]);
      const Xte = takeRows(X, f.test);
      expect(r.folds[i].scores.accuracy).toBe(computeMetric('accuracy', { yTrue: yte, yPred: m.predict(Xte) }));
      expect(r.folds[i].scores.log_loss).toBe(computeMetric('log_loss', { yTrue: yte, proba: m.predictProba(Xte), classes: [0, 1, 2] }));
    });
    const accs = r.folds.map((f) => f.scores.accuracy as number);
    expect(r.mean.accuracy).toBeCloseTo(accs.reduce((a, b) => a + b) / 4, 14);
    expect(r.std.accuracy).toBeCloseTo(meanStd(accs).std as number, 14);
  });

  it('aligns probabilities when a training fold lacks a class', () => {
    // Arrange: class 2 has a single row, so the fold that holds it out trains without it
    const { X, y } = blobs(31, 2, 3);
    y[30] = 2;
    const folds: Fold[] = kFold(31, { nSplits: 3 });
    // Act
    const r = crossValidate(() => new CentroidClassifier(), X, y, folds, ['log_loss', 'accuracy'], { returnOutOfFold: true });
    // Assert
    expect(r.classes).toEqual([0, 1, 2]);
    // the held-out row of the unknown class gets p = 0, clipped to eps: -log(eps) / 10 rows = 3.6
    expect(r.folds[2].scores.log_loss).toBeGreaterThan(-Math.log(2.220446049250313e-16) / 10);
    expect(r.outOfFold?.proba?.nCols).toBe(3);
    expect(Array.from(r.outOfFold!.isCovered).every((v) => v === 1)).toBe(true);
  });

  it('reports monotone progress up to 1 and passes the estimator progress through', () => {
    const { X, y } = line(60, 4);
    const fractions: number[] = [];
    crossValidate(() => new ScaledLineRegressor(), X, y, { kind: 'kfold', nSplits: 3 }, ['rmse', 'r2'], { onProgress: (p) => fractions.push(p.fraction) });
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
  });

  it('stops with CancelledError when the signal fires between folds', () => {
    const { X, y } = blobs(90, 3, 5);
    const signal = { aborted: false };
    let fitted = 0;
    const run = () =>
      crossValidate(() => {
        fitted++;
        return new CentroidClassifier();
      }, X, y, { kind: 'stratified', nSplits: 3 }, ['accuracy'], {
        signal,
        onProgress: (p) => {
          if (p.phase === 'score' && p.fold === 0) signal.aborted = true;
        },
      });
    expect(run).toThrow(CancelledError);
    expect(fitted).toBe(1);
  });

  it('cross-validates a model that takes a Frame', () => {
    // Arrange: y depends on the category only
    const levels = ['a', 'b', 'c'];
    const codes = Int32Array.from({ length: 60 }, (_, i) => i % 3);
    const frame = createFrame([{ kind: 'categorical', name: 'city', codes, levels }]);
    const y = Float64Array.from(codes, (c) => [10, 20, 30][c]);
    // Act
    const r = crossValidate(() => new CategoryMeanRegressor('city'), frame, y, { kind: 'kfold', nSplits: 5 }, ['mae', 'r2']);
    // Assert
    expect(r.mean.mae).toBe(0);
    expect(r.mean.r2).toBe(1);
  });

  it('uses sample weights in fitting and scoring, and refuses mismatched inputs', () => {
    const { X, y } = line(50, 6);
    const w = Float64Array.from({ length: 50 }, (_, i) => (i % 2 ? 1 : 3));
    const r = crossValidate(() => new ScaledLineRegressor(), X, y, { kind: 'kfold', nSplits: 5 }, ['mae'], { sampleWeight: w });
    expect(r.mean.mae).toBeGreaterThan(0);
    expect(() => crossValidate(() => new ScaledLineRegressor(), X, y.subarray(1), { kind: 'kfold', nSplits: 5 }, ['mae'])).toThrow(/49 values/);
    expect(() => crossValidate(() => new ScaledLineRegressor(), X, y, { kind: 'kfold', nSplits: 5 }, ['mae', 'accuracy'])).toThrow(/accuracy is for classification/);
  });
});
