/**
 * Test helper: runs an exported ONNX model with the real ONNX Runtime (onnxruntime-node) so the
 * engine's predictions can be compared with what a serving stack would compute.
 *
 * Typical use in an estimator's ONNX round-trip test:
 *   const bytes = encodeOnnxModel(exportToOnnx(model, nFeatures));
 *   const out = await runOnnxOnMatrix(bytes, X);           // X: engine Matrix (column-major)
 *   expect(out.probabilities.data[...]).toBeCloseTo(...)
 * Inputs are float32 (what Ciclo exports declare), so compare against the engine predicting on
 * `roundToFloat32(X)`.
 */
import * as ort from 'onnxruntime-node';
import type { Matrix } from '../../electron/ml/core/matrix.js';

/** One output tensor as plain numbers (int64 converted to number, strings kept). */
export interface OnnxOutput {
  dims: number[];
  type: string;
  /** Numbers for numeric tensors (int64 converted), strings for string tensors. */
  data: Float64Array | string[];
}

/** A feed: a row-major float32 or float64 tensor. */
export interface OnnxFeed {
  data: Float32Array | Float64Array;
  dims: number[];
}

/** Runs `model` (ONNX bytes) on `feeds` and returns every output by name. */
export async function runOnnx(model: Uint8Array, feeds: Record<string, OnnxFeed>): Promise<Record<string, OnnxOutput>> {
  const session = await ort.InferenceSession.create(model, { graphOptimizationLevel: 'all', intraOpNumThreads: 1 });
  try {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, f] of Object.entries(feeds)) {
      inputs[name] = new ort.Tensor(f.data instanceof Float32Array ? 'float32' : 'float64', f.data, f.dims);
    }
    const results = await session.run(inputs);
    const out: Record<string, OnnxOutput> = {};
    for (const [name, t] of Object.entries(results)) {
      out[name] = { dims: [...t.dims], type: t.type, data: toPlain(t) };
    }
    return out;
  } finally {
    await session.release();
  }
}

/**
 * Runs `model` on an engine matrix: converts column-major float64 to the row-major float32
 * tensor [nRows, nCols] that Ciclo's exports take as input `inputName` (default 'input').
 */
export async function runOnnxOnMatrix(model: Uint8Array, X: Matrix, inputName = 'input'): Promise<Record<string, OnnxOutput>> {
  return runOnnx(model, { [inputName]: { data: toRowMajorFloat32(X), dims: [X.nRows, X.nCols] } });
}

/** The row-major float32 copy of a column-major matrix. */
export function toRowMajorFloat32(X: Matrix): Float32Array {
  const out = new Float32Array(X.nRows * X.nCols);
  for (let j = 0; j < X.nCols; j++) {
    const src = j * X.nRows;
    for (let i = 0; i < X.nRows; i++) out[i * X.nCols + j] = X.data[src + i];
  }
  return out;
}

/** A copy of `X` with every value rounded to float32, as ONNX Runtime sees a float input. */
export function roundToFloat32(X: Matrix): Matrix {
  return { nRows: X.nRows, nCols: X.nCols, data: Float64Array.from(Float32Array.from(X.data)) };
}

/** The numeric data of an output as numbers (throws on string tensors). */
export function numbersOf(o: OnnxOutput): Float64Array {
  if (!(o.data instanceof Float64Array)) throw new Error(`ONNX output of type ${o.type} is not numeric.`);
  return o.data;
}

function toPlain(t: ort.Tensor): Float64Array | string[] {
  const d = t.data as unknown;
  if (Array.isArray(d)) return d.map(String);
  if (d instanceof BigInt64Array || d instanceof BigUint64Array) return Float64Array.from(d, (x) => Number(x));
  return Float64Array.from(d as ArrayLike<number>);
}
