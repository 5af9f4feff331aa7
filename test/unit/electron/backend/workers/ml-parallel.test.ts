import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMlThreadPool, type MlThreadPool } from '../../../../../electron/backend/workers/ml-parallel.js';
import { HistGradientBoostingClassifier } from '../../../../../electron/ml/boosting/gradient-boosting.js';
import { LogisticRegression } from '../../../../../electron/ml/linear/logistic-regression.js';
import { RandomForestRegressor } from '../../../../../electron/ml/tree/random-forest.js';
import { createMatrix, type Matrix } from '../../../../../electron/ml/core/matrix.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';

/** A dataset in shared memory (so binning runs on the pool too). */
function sharedData(n: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const X = createMatrix(n, 6, new Float64Array(new SharedArrayBuffer(n * 6 * 8)));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 6; j++) X.data[j * n + i] = j === 5 && i % 9 === 0 ? NaN : rng.normal();
    y[i] = X.data[i] + X.data[n + i] * X.data[2 * n + i] + 0.5 * rng.normal() > 0 ? 1 : 0;
  }
  return { X, y };
}

describe('ML worker-thread pool', () => {
  let pool: MlThreadPool;
  beforeAll(async () => {
    pool = createMlThreadPool({ threads: 3 });
    await pool.ready();
  });
  afterAll(async () => {
    await pool.close();
  });

  it('fits the same gradient-boosting model, byte for byte, as a single thread', () => {
    // Arrange: enough rows for threaded histograms (helpers) and binning (map).
    const { X, y } = sharedData(40_000, 1);
    // Act
    const serial = JSON.stringify(new HistGradientBoostingClassifier({ maxIter: 15 }).fit(X, y).toArtifact());
    const threaded = JSON.stringify(new HistGradientBoostingClassifier({ maxIter: 15 }).fit(X, y, { executor: pool }).toArtifact());
    // Assert
    expect(threaded).toBe(serial);
  });

  it('fits the same logistic regression, byte for byte, as a single thread (binary and multinomial)', () => {
    // Arrange: enough cells (rows x features) for the objective to be shared between threads.
    const { X: Xnan, y } = sharedData(80_000, 2);
    const X = createMatrix(Xnan.nRows, Xnan.nCols, Xnan.data.map((v) => (Number.isNaN(v) ? 0 : v)));
    const y3 = y.map((v, i) => (v === 1 ? 1 : X.data[3 * X.nRows + i] > 0 ? 2 : 0));
    for (const target of [y, y3]) {
      // Act
      const serial = JSON.stringify(new LogisticRegression().fit(X, target).toArtifact());
      const threaded = JSON.stringify(new LogisticRegression().fit(X, target, { executor: pool }).toArtifact());
      // Assert
      expect(threaded).toBe(serial);
    }
  });

  it('grows the same random forest as a single thread', () => {
    // Arrange
    const { X, y } = sharedData(3000, 2);
    // Act
    const serial = JSON.stringify(new RandomForestRegressor({ nEstimators: 16 }).fit(X, y).toArtifact());
    const threaded = JSON.stringify(new RandomForestRegressor({ nEstimators: 16 }).fit(X, y, { executor: pool }).toArtifact());
    // Assert
    expect(threaded).toBe(serial);
  });
});
