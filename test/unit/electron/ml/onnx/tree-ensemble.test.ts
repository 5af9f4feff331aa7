import { describe, expect, it } from 'vitest';
import { exportEstimatorToOnnx, type ExportableEstimator } from '../../../../../electron/ml/onnx/export.js';
import { float32AtOrBelow } from '../../../../../electron/ml/onnx/tree-ensemble.js';
import { encodeOnnxModel } from '../../../../../electron/backend/registry/onnx-encode.js';
import { HistGradientBoostingClassifier, HistGradientBoostingRegressor } from '../../../../../electron/ml/boosting/gradient-boosting.js';
import { RandomForestClassifier, RandomForestRegressor } from '../../../../../electron/ml/tree/random-forest.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from '../../../../../electron/ml/tree/decision-tree.js';
import { createMatrix, type Matrix } from '../../../../../electron/ml/core/matrix.js';
import type { Classifier, Regressor } from '../../../../../electron/ml/core/interfaces.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';
import { numbersOf, roundToFloat32, runOnnxOnMatrix } from '../../../../helpers/onnx-runtime.js';

/** Features with missing values and values sitting exactly on float32 boundaries. */
function data(n: number, seed: number, nClasses: number) {
  const rng = new Rng(seed);
  const X = createMatrix(n, 4);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 4; j++) X.data[j * n + i] = j === 3 ? Math.round(rng.normal() * 4) / 4 : rng.normal();
    if (rng.next() < 0.1) X.data[n + i] = NaN;
    const s = X.data[i] + (Number.isNaN(X.data[n + i]) ? 1.5 : X.data[n + i] * X.data[2 * n + i]) + 0.3 * X.data[3 * n + i];
    y[i] = nClasses === 0 ? s + 0.1 * rng.normal() : Math.min(nClasses - 1, Math.max(0, Math.floor(s + nClasses / 2)));
  }
  return { X, y };
}

async function compareClassifier(model: Classifier & ExportableEstimator, X: Matrix): Promise<void> {
  const K = model.classes.length;
  const bytes = encodeOnnxModel(exportEstimatorToOnnx(model, X.nCols, K));
  const out = await runOnnxOnMatrix(bytes, X);
  const expected = model.predictProba(roundToFloat32(X));
  const probs = numbersOf(out.probabilities);
  const labels = numbersOf(out.label);
  let maxDiff = 0;
  for (let i = 0; i < X.nRows; i++) {
    let best = 0;
    for (let k = 0; k < K; k++) {
      maxDiff = Math.max(maxDiff, Math.abs(probs[i * K + k] - expected.data[k * X.nRows + i]));
      if (expected.data[k * X.nRows + i] > expected.data[best * X.nRows + i]) best = k;
    }
    const margin = Math.abs(expected.data[best * X.nRows + i] - Math.max(...Array.from({ length: K }, (_, k) => (k === best ? -1 : expected.data[k * X.nRows + i]))));
    if (margin > 1e-5) expect(labels[i]).toBe(best);
  }
  expect(maxDiff).toBeLessThan(1e-5);
}

async function compareRegressor(model: Regressor & ExportableEstimator, X: Matrix): Promise<void> {
  const bytes = encodeOnnxModel(exportEstimatorToOnnx(model, X.nCols));
  const out = await runOnnxOnMatrix(bytes, X);
  const expected = model.predict(roundToFloat32(X));
  const got = numbersOf(out.variable);
  let maxRel = 0;
  for (let i = 0; i < X.nRows; i++) maxRel = Math.max(maxRel, Math.abs(got[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  expect(maxRel).toBeLessThan(1e-5);
}

describe('ONNX export of tree models, run in ONNX Runtime', () => {
  const test = data(400, 99, 0).X;

  it('HistGradientBoostingClassifier, binary and multiclass, NaN routed as the engine does', async () => {
    const bin = data(1500, 1, 2);
    const multi = data(1500, 2, 3);
    await compareClassifier(new HistGradientBoostingClassifier({ maxIter: 40 }).fit(bin.X, bin.y), test);
    await compareClassifier(new HistGradientBoostingClassifier({ maxIter: 20 }).fit(multi.X, multi.y), test);
  });

  it('HistGradientBoostingRegressor', async () => {
    const { X, y } = data(1500, 3, 0);
    await compareRegressor(new HistGradientBoostingRegressor({ maxIter: 60 }).fit(X, y), test);
  });

  it('RandomForestClassifier and RandomForestRegressor', async () => {
    const cls = data(800, 4, 3);
    const reg = data(800, 5, 0);
    await compareClassifier(new RandomForestClassifier({ nEstimators: 15 }).fit(cls.X, cls.y), test);
    await compareRegressor(new RandomForestRegressor({ nEstimators: 10 }).fit(reg.X, reg.y), test);
  });

  it('DecisionTreeClassifier and DecisionTreeRegressor', async () => {
    const cls = data(800, 6, 2);
    const reg = data(800, 7, 0);
    await compareClassifier(new DecisionTreeClassifier({ maxDepth: 8 }).fit(cls.X, cls.y), test);
    await compareRegressor(new DecisionTreeRegressor().fit(reg.X, reg.y), test);
  });

  it('exports thresholds rounded down to float32, so float32 inputs take the same branch', () => {
    // Arrange
    const t = 0.1; // not a float32: Math.fround(0.1) > 0.1
    // Act
    const below = float32AtOrBelow(t);
    // Assert
    expect(below).toBeLessThanOrEqual(t);
    expect(Math.fround(below)).toBe(below);
    expect(Math.fround(0.1)).toBeGreaterThan(t);
    expect(below).toBeLessThan(Math.fround(0.1));
    expect(float32AtOrBelow(0.5)).toBe(0.5);
    const negative = float32AtOrBelow(-0.1);
    expect(negative).toBeLessThanOrEqual(-0.1);
    expect(Math.fround(negative)).toBe(negative);
    expect(negative).toBeGreaterThan(-0.1 - 2 ** -26);
    expect(float32AtOrBelow(Infinity)).toBe(Infinity);
  });
});
