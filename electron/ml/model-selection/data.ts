/**
 * The two shapes of data a model can be trained on: a numeric `Matrix` (estimators) or a raw
 * `Frame` (fitted pipelines that take the original columns). Cross-validation, search and
 * permutation importance slice either the same way.
 */
import type { FitOptions } from '../core/interfaces.js';
import { takeFrameRows, type Frame } from '../core/frame.js';
import { takeRows, type Matrix } from '../core/matrix.js';

/** Training data: a Matrix or a Frame. */
export type Dataset = Matrix | Frame;

/** True for a Frame. */
export function isFrame(X: Dataset): X is Frame {
  return Array.isArray((X as Frame).columns);
}

/** Number of rows of a Matrix or Frame. */
export function nRowsOf(X: Dataset): number {
  return X.nRows;
}

/** The rows at `indices` (copies), same shape as `X`. */
export function takeDataRows<D extends Dataset>(X: D, indices: ArrayLike<number>): D {
  return (isFrame(X) ? takeFrameRows(X, indices) : takeRows(X, indices)) as D;
}

/**
 * What model selection needs from a model: an estimator (on a Matrix) or a pipeline (on a
 * Frame). `classes` is read after `fit` for classifiers.
 */
export interface FittableModel<D extends Dataset = Dataset> {
  fit(X: D, y: ArrayLike<number>, options?: FitOptions): unknown;
  predict(X: D): Float64Array;
  predictProba?(X: D): Matrix;
  readonly classes?: readonly number[];
}

/** Values `ys[indices]` as a new array. */
export function takeValues(values: ArrayLike<number>, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = values[indices[k]];
  return out;
}
