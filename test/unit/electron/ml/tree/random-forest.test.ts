import { describe, expect, it } from 'vitest';
import { RandomForestClassifier, RandomForestRegressor } from '../../../../../electron/ml/tree/random-forest.js';
import { DecisionTreeClassifier } from '../../../../../electron/ml/tree/decision-tree.js';
import { createMatrix } from '../../../../../electron/ml/core/matrix.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';
import { ArtifactError, CancelledError } from '../../../../../electron/ml/core/errors.js';
import type { ParallelExecutor } from '../../../../../electron/ml/core/parallel.js';
import type { FitProgress } from '../../../../../electron/ml/core/interfaces.js';

function circles(n: number, seed: number) {
  const rng = new Rng(seed);
  const X = createMatrix(n, 5);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 5; j++) X.data[j * n + i] = rng.normal();
    y[i] = X.data[i] ** 2 + X.data[n + i] ** 2 < 1.4 ? 1 : 0;
  }
  return { X, y };
}

/** Runs map items in reverse order, as another thread schedule might. */
const reversedExecutor: ParallelExecutor = {
  threads: 3,
  map(task, input, count) {
    const out = new Array(count);
    for (let i = count - 1; i >= 0; i--) out[i] = task.run(input, i);
    return out;
  },
  startHelpers: () => 0,
};

describe('RandomForestClassifier', () => {
  it('learns a non-linear boundary better than chance by far, and ranks the informative features first', () => {
    // Arrange
    const train = circles(3000, 1);
    const test = circles(1000, 2);
    // Act
    const m = new RandomForestClassifier({ nEstimators: 30 }).fit(train.X, train.y);
    const pred = m.predict(test.X);
    // Assert
    let correct = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === test.y[i]) correct++;
    expect(correct / pred.length).toBeGreaterThan(0.93);
    const imp = m.featureImportances();
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Math.min(imp[0], imp[1])).toBeGreaterThan(Math.max(imp[2], imp[3], imp[4]));
    expect(m.treeCount).toBe(30);
  });

  it('gives the same forest, byte for byte, whatever the thread schedule', () => {
    // Arrange
    const { X, y } = circles(800, 3);
    // Act
    const serial = JSON.stringify(new RandomForestClassifier({ nEstimators: 12, randomState: 7 }).fit(X, y).toArtifact());
    const scheduled = JSON.stringify(new RandomForestClassifier({ nEstimators: 12, randomState: 7 }).fit(X, y, { executor: reversedExecutor }).toArtifact());
    const otherSeed = JSON.stringify(new RandomForestClassifier({ nEstimators: 12, randomState: 8 }).fit(X, y).toArtifact());
    // Assert
    expect(scheduled).toBe(serial);
    expect(otherSeed).not.toBe(serial);
  });

  it('without bootstrap and feature sampling every tree is the plain decision tree', () => {
    // Arrange
    const { X, y } = circles(500, 4);
    // Act
    const forest = new RandomForestClassifier({ nEstimators: 3, bootstrap: false, maxFeatures: 'all' }).fit(X, y);
    const tree = new DecisionTreeClassifier().fit(X, y);
    // Assert
    expect(Array.from(forest.predictProba(X).data)).toEqual(Array.from(tree.predictProba(X).data));
  });

  it('reports progress per batch of trees and stops when cancelled', () => {
    // Arrange
    const { X, y } = circles(300, 5);
    const seen: FitProgress[] = [];
    const signal = { aborted: false };
    // Act
    new RandomForestClassifier({ nEstimators: 10 }).fit(X, y, { onProgress: (p) => seen.push(p) });
    const cancelled = () =>
      new RandomForestClassifier({ nEstimators: 50 }).fit(X, y, {
        signal,
        onProgress: (p) => {
          if (p.phase === 'tree') signal.aborted = true;
        },
      });
    // Assert
    expect(seen.at(-1)).toMatchObject({ phase: 'tree', fraction: 1, iteration: 10, totalIterations: 10 });
    expect(cancelled).toThrow(CancelledError);
  });

  it('round-trips through its artifact and refuses one whose tree count disagrees with its params', () => {
    // Arrange
    const { X, y } = circles(300, 6);
    const m = new RandomForestClassifier({ nEstimators: 4 }).fit(X, y);
    const spec = JSON.parse(JSON.stringify(m.toArtifact()));
    // Act
    const loaded = RandomForestClassifier.fromArtifact(spec);
    spec.params.nEstimators = 5;
    // Assert
    expect(Array.from(loaded.predictProba(X).data)).toEqual(Array.from(m.predictProba(X).data));
    expect(() => RandomForestClassifier.fromArtifact(spec)).toThrow(ArtifactError);
  });
});

describe('RandomForestRegressor', () => {
  it('averages trees into a smooth fit of a non-linear function', () => {
    // Arrange
    const n = 2000;
    const rng = new Rng(9);
    const X = createMatrix(n, 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      X.data[i] = rng.next() * 6;
      X.data[n + i] = rng.next();
      y[i] = Math.sin(X.data[i]) + 0.1 * rng.normal();
    }
    // Act
    const m = new RandomForestRegressor({ nEstimators: 20, minSamplesLeaf: 3 }).fit(X, y);
    const p = m.predict(X);
    // Assert
    let err = 0;
    for (let i = 0; i < n; i++) err += (p[i] - Math.sin(X.data[i])) ** 2 / n;
    expect(err).toBeLessThan(0.01);
    expect(m.featureImportances()[0]).toBeGreaterThan(0.8);
  });
});
