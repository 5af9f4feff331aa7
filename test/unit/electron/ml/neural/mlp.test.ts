import { describe, expect, it } from 'vitest';
import { MLPClassifier, MLPRegressor } from '../../../../../electron/ml/neural/mlp.js';
import { fromRows } from '../../../../../electron/ml/core/matrix.js';
import type { FitProgress } from '../../../../../electron/ml/core/interfaces.js';
import { CancelledError } from '../../../../../electron/ml/core/errors.js';

// Two interleaved spirals-lite: a non-linear boundary (a circle) a linear model cannot learn.
const rows: number[][] = [];
const y: number[] = [];
for (let i = 0; i < 600; i++) {
  const a = Math.sin(i * 12.9898) * 2;
  const b = Math.cos(i * 78.233) * 2;
  rows.push([a, b]);
  y.push(a * a + b * b < 1.6 ? 1 : 0);
}
const X = fromRows(rows);

describe('MLPClassifier', () => {
  it('learns a circular boundary and reports a validation curve per epoch', () => {
    const progress: FitProgress[] = [];
    const m = new MLPClassifier({ hiddenLayerSizes: [32], learningRateInit: 0.01, maxIter: 300 }).fit(X, y, { onProgress: (p) => progress.push(p) });
    const pred = m.predict(X);
    let correct = 0;
    for (let i = 0; i < y.length; i++) correct += pred[i] === y[i] ? 1 : 0;
    expect(correct / y.length).toBeGreaterThan(0.93);
    expect(progress.length).toBe(m.nIter);
    expect(progress.at(-1)?.validationMetric).toBe('log_loss');
    expect(progress.every((p) => typeof p.validationScore === 'number' && typeof p.trainLoss === 'number')).toBe(true);
    expect(m.validationCurve.length).toBe(m.nIter);
  });

  it('multiclass probabilities sum to one, and hidden sizes may be given as text', () => {
    const y3 = rows.map((r) => (r[0] > 0.7 ? 2 : r[0] < -0.7 ? 0 : 1));
    const m = new MLPClassifier({ hiddenLayerSizes: '16,8', maxIter: 50 }).fit(X, y3);
    const P = m.predictProba(X);
    for (let i = 0; i < 20; i++) expect(P.data[i] + P.data[600 + i] + P.data[1200 + i]).toBeCloseTo(1, 12);
  });

  it('is deterministic for a seed and round-trips through its artifact', () => {
    const a = new MLPClassifier({ hiddenLayerSizes: [8], maxIter: 20, randomState: 7 }).fit(X, y);
    const b = new MLPClassifier({ hiddenLayerSizes: [8], maxIter: 20, randomState: 7 }).fit(X, y);
    const json = JSON.stringify(a.toArtifact());
    expect(JSON.stringify(b.toArtifact())).toBe(json);
    expect(JSON.stringify(new MLPClassifier({ hiddenLayerSizes: [8], maxIter: 20, randomState: 8 }).fit(X, y).toArtifact())).not.toBe(json);
    const loaded = MLPClassifier.fromArtifact(JSON.parse(json));
    expect(Array.from(loaded.predictProba(X).data)).toEqual(Array.from(a.predictProba(X).data));
  });

  it('stops when its signal fires', () => {
    const signal = { aborted: false };
    const m = new MLPClassifier({ maxIter: 100 });
    expect(() => m.fit(X, y, { signal, onProgress: (p) => (signal.aborted = (p.iteration ?? 0) >= 2) })).toThrow(CancelledError);
  });

  it('refuses bad hidden layer sizes', () => {
    expect(() => new MLPClassifier({ hiddenLayerSizes: '10,zero' }).fit(X, y)).toThrow(/hiddenLayerSizes/);
  });
});

describe('MLPRegressor', () => {
  it('fits a smooth function at any target scale', () => {
    const target = rows.map((r) => 1000 * (Math.sin(r[0]) + 0.5 * r[1]) + 5000);
    const m = new MLPRegressor({ hiddenLayerSizes: [32], learningRateInit: 0.01, maxIter: 300 }).fit(X, target);
    const pred = m.predict(X);
    let ss = 0;
    let tot = 0;
    const mean = target.reduce((a, b) => a + b, 0) / target.length;
    for (let i = 0; i < target.length; i++) {
      ss += (pred[i] - target[i]) ** 2;
      tot += (target[i] - mean) ** 2;
    }
    expect(1 - ss / tot).toBeGreaterThan(0.95);
  });
});
