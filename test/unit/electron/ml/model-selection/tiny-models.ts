/**
 * Tiny estimators for the model-selection tests (test code, not engine models): a
 * nearest-centroid classifier with soft-max probabilities, a one-feature least-squares line
 * whose slope is scaled by a parameter, and a Frame model that predicts the mean per category.
 */
import { InvalidInputError } from '../../../../../electron/ml/core/errors.js';
import type { FitOptions } from '../../../../../electron/ml/core/interfaces.js';
import { createMatrix, type Matrix } from '../../../../../electron/ml/core/matrix.js';
import { getColumn, type Frame } from '../../../../../electron/ml/core/frame.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';

/** Nearest centroid; probabilities = softmax(-temperature × squared distance). */
export class CentroidClassifier {
  classes: number[] = [];
  private centroids: Float64Array[] = [];
  fitCount = 0;
  constructor(readonly params: { temperature?: number } = {}) {}

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    if ((this.params.temperature ?? 1) <= 0) throw new InvalidInputError('temperature must be positive', 'temperature');
    if (options.signal?.aborted) throw new Error('fit called with an aborted signal');
    this.classes = [...new Set(Array.from(y))].sort((a, b) => a - b);
    this.centroids = this.classes.map((c) => {
      const m = new Float64Array(X.nCols);
      let count = 0;
      for (let i = 0; i < X.nRows; i++) {
        if (y[i] !== c) continue;
        count++;
        for (let j = 0; j < X.nCols; j++) m[j] += X.data[j * X.nRows + i];
      }
      return m.map((v) => v / count);
    });
    this.fitCount++;
    options.onProgress?.({ fraction: 1, phase: 'centroids' });
    return this;
  }

  predictProba(X: Matrix): Matrix {
    const t = this.params.temperature ?? 1;
    const out = createMatrix(X.nRows, this.classes.length);
    for (let i = 0; i < X.nRows; i++) {
      const logits = this.centroids.map((c) => {
        let d = 0;
        for (let j = 0; j < X.nCols; j++) d += (X.data[j * X.nRows + i] - c[j]) ** 2;
        return -t * d;
      });
      const mx = Math.max(...logits);
      const e = logits.map((l) => Math.exp(l - mx));
      const s = e.reduce((a, b) => a + b, 0);
      e.forEach((v, k) => (out.data[k * X.nRows + i] = v / s));
    }
    return out;
  }

  predict(X: Matrix): Float64Array {
    const P = this.predictProba(X);
    const out = new Float64Array(X.nRows);
    for (let i = 0; i < X.nRows; i++) {
      let best = 0;
      for (let k = 1; k < this.classes.length; k++) if (P.data[k * X.nRows + i] > P.data[best * X.nRows + i]) best = k;
      out[i] = this.classes[best];
    }
    return out;
  }
}

/** y ≈ a + scale × b × x0, with (a, b) the least-squares line on the first feature. */
export class ScaledLineRegressor {
  private a = 0;
  private b = 0;
  constructor(readonly params: { scale?: number } = {}) {}

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const n = X.nRows;
    let mx = 0;
    let my = 0;
    let sw = 0;
    for (let i = 0; i < n; i++) {
      const w = options.sampleWeight ? options.sampleWeight[i] : 1;
      mx += w * X.data[i];
      my += w * y[i];
      sw += w;
    }
    mx /= sw;
    my /= sw;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      const w = options.sampleWeight ? options.sampleWeight[i] : 1;
      sxy += w * (X.data[i] - mx) * (y[i] - my);
      sxx += w * (X.data[i] - mx) ** 2;
    }
    this.b = (this.params.scale ?? 1) * (sxy / sxx);
    this.a = my - this.b * mx;
    return this;
  }

  predict(X: Matrix): Float64Array {
    return Float64Array.from({ length: X.nRows }, (_, i) => this.a + this.b * X.data[i]);
  }
}

/** Predicts the training mean of y for each level of a categorical column of a Frame. */
export class CategoryMeanRegressor {
  private means = new Map<string, number>();
  private overall = 0;
  constructor(readonly column: string) {}

  fit(X: Frame, y: ArrayLike<number>): this {
    const col = getColumn(X, this.column);
    if (col.kind !== 'categorical') throw new InvalidInputError('not categorical', this.column);
    const sums = new Map<string, [number, number]>();
    let total = 0;
    for (let i = 0; i < X.nRows; i++) {
      const level = col.levels[col.codes[i]];
      const s = sums.get(level) ?? [0, 0];
      s[0] += y[i];
      s[1]++;
      sums.set(level, s);
      total += y[i];
    }
    this.overall = total / X.nRows;
    this.means = new Map([...sums].map(([k, [s, c]]) => [k, s / c]));
    return this;
  }

  predict(X: Frame): Float64Array {
    const col = getColumn(X, this.column);
    if (col.kind !== 'categorical') throw new InvalidInputError('not categorical', this.column);
    return Float64Array.from({ length: X.nRows }, (_, i) => this.means.get(col.levels[col.codes[i]]) ?? this.overall);
  }
}

/** Two Gaussian blobs per class in 2-D (classes 0..k-1). */
export function blobs(n: number, k: number, seed: number, spread = 1): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const X = createMatrix(n, 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % k;
    X.data[i] = 3 * Math.cos((2 * Math.PI * y[i]) / k) + spread * rng.normal();
    X.data[n + i] = 3 * Math.sin((2 * Math.PI * y[i]) / k) + spread * rng.normal();
  }
  return { X, y };
}

/** y = 2 + 3 x0 + noise, with a second, useless feature. */
export function line(n: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const X = createMatrix(n, 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    X.data[i] = rng.normal();
    X.data[n + i] = rng.normal();
    y[i] = 2 + 3 * X.data[i] + 0.5 * rng.normal();
  }
  return { X, y };
}
