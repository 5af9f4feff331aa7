/**
 * The two shapes of preprocessing step. A frame transformer reads named columns of a raw
 * {@link Frame} (categories, text, dates, numbers) and emits numbers; a matrix transformer maps a
 * numeric matrix to another (scaling, imputation, binning). A column transformer routes columns to
 * a frame transformer first, then to any number of matrix transformers, as scikit-learn's
 * `ColumnTransformer` + `Pipeline` do.
 */
import type { Frame } from '../core/frame.js';
import type { BaseEstimator, Transformer } from '../core/interfaces.js';
import type { Matrix } from '../core/matrix.js';
import { InvalidInputError } from '../core/errors.js';
import type { OnnxGraphBuilder } from '../onnx/graph.js';
import { EstimatorBase } from '../baseline/common.js';

/** A step that reads named columns of a Frame and emits a numeric matrix. */
export interface FrameTransformer<P extends object = object> extends BaseEstimator<P> {
  readonly input: 'frame';
  /** Learns from every column of `frame` (the column transformer passes only the routed ones). */
  fit(frame: Frame): this;
  /** Reads the fitted columns of `frame` by name; a missing column is an error naming it. */
  transform(frame: Frame): Matrix;
  fitTransform(frame: Frame): Matrix;
  /** Names of the output columns (after fit). */
  featureNamesOut(): string[];
  /**
   * ONNX, where expressible: `inputs` maps each fitted column to a tensor [N, 1] (string for
   * categorical and text columns, float for numeric ones). Returns the float [N, k] output.
   */
  toOnnxFrame?(builder: OnnxGraphBuilder, inputs: Readonly<Record<string, string>>): { output: string };
}

/** A step that maps a numeric matrix to another. */
export interface MatrixTransformer<P extends object = object> extends Transformer<P> {
  readonly input: 'matrix';
  /** Names of the output columns given the input's. */
  featureNamesOut(inputNames: readonly string[]): string[];
  /** ONNX, where expressible: float [N, in] -> float [N, out]. */
  toOnnx?(builder: OnnxGraphBuilder, input: string): { output?: string };
}

/** True when `x` is a Frame rather than a Matrix. */
export function isFrame(x: Frame | Matrix): x is Frame {
  return (x as Frame).columns !== undefined;
}

/** Throws naming the column when `X` holds ±Infinity (NaN is allowed: it means missing). */
export function checkNoInfinity(kind: string, X: Matrix): void {
  for (let j = 0; j < X.nCols; j++) {
    const off = j * X.nRows;
    for (let i = 0; i < X.nRows; i++) {
      const v = X.data[off + i];
      if (v === Infinity || v === -Infinity) {
        throw new InvalidInputError(`${kind}: feature ${j} has an infinite value at row ${i}.`, `feature ${j}`);
      }
    }
  }
}

/** Base of matrix transformers: fitTransform, the input tag, the fitted width check. */
export abstract class MatrixTransformerBase<P extends object, S extends { nFeatures: number }> extends EstimatorBase<P, S> {
  readonly input = 'matrix' as const;

  abstract fit(X: Matrix): this;
  abstract transform(X: Matrix): Matrix;

  /** fit then transform. */
  fitTransform(X: Matrix): Matrix {
    return this.fit(X).transform(X);
  }

  /** Same names as the input (most transformers keep their columns). */
  featureNamesOut(inputNames: readonly string[]): string[] {
    return [...inputNames];
  }

  /** Checks the width the transformer was fitted with; returns the state. */
  protected checkWidth(X: Matrix): S {
    const s = this.state();
    if (X.nCols !== s.nFeatures) {
      throw new InvalidInputError(`${this.kind}: X has ${X.nCols} features, but it was fitted with ${s.nFeatures}.`, 'X');
    }
    checkNoInfinity(this.kind, X);
    return s;
  }

  /** Checks a fit input: at least one row and column, no infinities. */
  protected checkFitMatrix(X: Matrix): void {
    if (X.nRows === 0) throw new InvalidInputError(`${this.kind}: cannot fit on zero rows.`);
    if (X.nCols === 0) throw new InvalidInputError(`${this.kind}: cannot fit on zero features.`);
    checkNoInfinity(this.kind, X);
  }
}

/** Values of column `j` that are not NaN, as a new array. */
export function presentValues(X: Matrix, j: number): Float64Array {
  const off = j * X.nRows;
  let count = 0;
  for (let i = 0; i < X.nRows; i++) if (!Number.isNaN(X.data[off + i])) count += 1;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < X.nRows; i++) {
    const v = X.data[off + i];
    if (!Number.isNaN(v)) out[k++] = v;
  }
  return out;
}

/**
 * numpy's `percentile` with linear interpolation on sorted values (q in [0, 100]); NaN when empty.
 */
export function percentileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (q / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const frac = pos - lo;
  // numpy's lerp form, which is exact at both ends.
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return frac >= 0.5 ? b - diff * (1 - frac) : a + diff * frac;
}
