/**
 * Per-feature scaling, as scikit-learn's scalers (missing values are ignored when fitting and stay
 * missing when transforming; constant features get a scale of 1 instead of a division by zero):
 * - StandardScaler: (x - mean) / std (population std);
 * - MinMaxScaler: maps [min, max] of the training data to `featureRange`;
 * - RobustScaler: (x - median) / IQR, insensitive to outliers;
 * - Normalizer: scales each row to unit norm (l2, l1 or max);
 * - Log1pTransformer: sign(x) * log(1 + |x|), which compresses long right tails (log1p for x >= 0)
 *   and stays defined for negative values.
 * All export to ONNX (ai.onnx.ml Scaler / Normalizer, default-domain math for log1p).
 */
import { createMatrix, type Matrix } from '../core/matrix.js';
import { decodeF64, encodeArray, makeArtifact, type Artifact } from '../core/serialize.js';
import type { OnnxGraphBuilder } from '../onnx/graph.js';
import { checkBoolParam, checkEnumParam, expectLength, mergeParams, readArtifact, readInt } from '../baseline/common.js';
import { InvalidInputError } from '../core/errors.js';
import { MatrixTransformerBase, percentileSorted, presentValues, type MatrixTransformer } from './types.js';

/** State of an affine per-feature scaler: y = (x - offset) * scale. */
interface AffineState {
  nFeatures: number;
  offset: Float64Array;
  scale: Float64Array;
}

function applyAffine(X: Matrix, s: AffineState, clip?: [number, number]): Matrix {
  const n = X.nRows;
  const out = createMatrix(n, X.nCols);
  for (let j = 0; j < X.nCols; j++) {
    const off = j * n;
    const o = s.offset[j];
    const sc = s.scale[j];
    for (let i = 0; i < n; i++) out.data[off + i] = (X.data[off + i] - o) * sc;
    if (clip) {
      for (let i = 0; i < n; i++) {
        const v = out.data[off + i];
        if (v < clip[0]) out.data[off + i] = clip[0];
        else if (v > clip[1]) out.data[off + i] = clip[1];
      }
    }
  }
  return out;
}

function affineArtifact(kind: string, params: unknown, s: AffineState): Artifact {
  return makeArtifact(kind, 1, params, { nFeatures: s.nFeatures, offset: encodeArray(s.offset), scale: encodeArray(s.scale) });
}

function readAffine(state: Record<string, unknown>): AffineState {
  const nFeatures = readInt(state, 'nFeatures', 'state', 1);
  const offset = decodeF64(state.offset, 'state.offset');
  const scale = decodeF64(state.scale, 'state.scale');
  expectLength(offset, nFeatures, 'state.offset');
  expectLength(scale, nFeatures, 'state.scale');
  return { nFeatures, offset, scale };
}

function addScaler(builder: OnnxGraphBuilder, input: string, s: AffineState): { output: string } {
  const output = builder.uniqueName('scaled');
  builder.addNode(
    'Scaler',
    [input],
    [output],
    [
      { name: 'offset', type: 'floats', value: Array.from(s.offset) },
      { name: 'scale', type: 'floats', value: Array.from(s.scale) },
    ],
    'ai.onnx.ml',
  );
  return { output };
}

/** Hyper-parameters of {@link StandardScaler}. */
export interface StandardScalerParams {
  /** Subtract the mean (sklearn `with_mean`). Default true. */
  withMean: boolean;
  /** Divide by the standard deviation (sklearn `with_std`). Default true. */
  withStd: boolean;
}

const STANDARD_DEFAULTS: Readonly<StandardScalerParams> = Object.freeze({ withMean: true, withStd: true });

function validateStandard(p: StandardScalerParams): void {
  checkBoolParam(StandardScaler.KIND, 'withMean', p.withMean);
  checkBoolParam(StandardScaler.KIND, 'withStd', p.withStd);
}

/** Standardisation to zero mean and unit variance. */
export class StandardScaler extends MatrixTransformerBase<StandardScalerParams, AffineState> implements MatrixTransformer<StandardScalerParams> {
  static readonly KIND = 'StandardScaler';
  readonly kind = StandardScaler.KIND;

  constructor(params: Partial<StandardScalerParams> = {}) {
    super(mergeParams(StandardScaler.KIND, STANDARD_DEFAULTS, params));
  }

  /** Learns means and standard deviations, ignoring missing values. */
  fit(X: Matrix): this {
    validateStandard(this.params);
    this.checkFitMatrix(X);
    const p = X.nCols;
    const offset = new Float64Array(p);
    const scale = new Float64Array(p).fill(1);
    const rows = X.nRows;
    for (let j = 0; j < p; j++) {
      // Straight over the column (no copy): NaN is skipped by its self-inequality.
      const off = j * rows;
      let n = 0;
      let sum = 0;
      for (let i = 0; i < rows; i++) {
        const v = X.data[off + i];
        if (v === v) {
          sum += v;
          n += 1;
        }
      }
      if (n === 0) continue;
      const mean = sum / n;
      let ss = 0;
      let corr = 0;
      for (let i = 0; i < rows; i++) {
        const d = X.data[off + i] - mean;
        if (d === d) {
          ss += d * d;
          corr += d;
        }
      }
      // Two-pass variance with the compensation term (Chan, Golub & LeVeque), as numpy/sklearn.
      const variance = (ss - (corr * corr) / n) / n;
      if (this.params.withMean) offset[j] = mean;
      if (this.params.withStd) {
        // sklearn treats a variance within rounding noise of zero as a constant feature.
        const eps = Number.EPSILON;
        const bound = n * eps * variance + (n * mean * eps) ** 2;
        scale[j] = variance > bound ? 1 / Math.sqrt(variance) : 1;
      }
    }
    this.fitted = { nFeatures: p, offset, scale };
    return this;
  }

  /** (x - mean) / std. */
  transform(X: Matrix): Matrix {
    return applyAffine(X, this.checkWidth(X));
  }

  /** Means (zeros when `withMean` is false). */
  get mean(): Float64Array {
    return this.state().offset.slice();
  }

  /** A new unfitted copy. */
  clone(): StandardScaler {
    return new StandardScaler(this.getParams());
  }

  /** Serialises the fitted scaler. */
  toArtifact(): Artifact {
    return affineArtifact(this.kind, this.getParams(), this.state());
  }

  /** Loads a scaler saved by `toArtifact`. */
  static fromArtifact(value: unknown): StandardScaler {
    const { params, state } = readArtifact(value, StandardScaler.KIND, [1], STANDARD_DEFAULTS, validateStandard);
    const m = new StandardScaler(params);
    m.fitted = readAffine(state);
    return m;
  }

  /** ONNX Scaler. */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output: string } {
    return addScaler(builder, input, this.state());
  }
}

/** Hyper-parameters of {@link MinMaxScaler}. */
export interface MinMaxScalerParams {
  /** Target range [min, max] (sklearn `feature_range`). Default [0, 1]. */
  featureRange: [number, number];
  /** Clip transformed values to the range (sklearn `clip`). Default false. */
  clip: boolean;
}

const MINMAX_DEFAULTS: Readonly<MinMaxScalerParams> = Object.freeze({ featureRange: [0, 1] as [number, number], clip: false });

function validateMinMax(p: MinMaxScalerParams): void {
  const r = p.featureRange;
  if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === 'number' && Number.isFinite(v)) || !(r[0] < r[1])) {
    throw new InvalidInputError(`${MinMaxScaler.KIND}: parameter featureRange must be [min, max] with min < max, got ${JSON.stringify(r)}.`, 'featureRange');
  }
  checkBoolParam(MinMaxScaler.KIND, 'clip', p.clip);
}

/** Scaling of each feature to a fixed range. */
export class MinMaxScaler extends MatrixTransformerBase<MinMaxScalerParams, AffineState> implements MatrixTransformer<MinMaxScalerParams> {
  static readonly KIND = 'MinMaxScaler';
  readonly kind = MinMaxScaler.KIND;

  constructor(params: Partial<MinMaxScalerParams> = {}) {
    super(mergeParams(MinMaxScaler.KIND, MINMAX_DEFAULTS, params));
  }

  /** Learns each feature's min and max, ignoring missing values. */
  fit(X: Matrix): this {
    validateMinMax(this.params);
    this.checkFitMatrix(X);
    const [lo, hi] = this.params.featureRange;
    const p = X.nCols;
    const offset = new Float64Array(p);
    const scale = new Float64Array(p).fill(1);
    for (let j = 0; j < p; j++) {
      const v = presentValues(X, j);
      if (v.length === 0) continue;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < v.length; i++) {
        if (v[i] < min) min = v[i];
        if (v[i] > max) max = v[i];
      }
      let range = max - min;
      if (range < 10 * Number.EPSILON) range = 1;
      const sc = (hi - lo) / range;
      // y = x * sc + (lo - min * sc) = (x - offset) * sc with offset = min - lo / sc.
      scale[j] = sc;
      offset[j] = min - lo / sc;
    }
    this.fitted = { nFeatures: p, offset, scale };
    return this;
  }

  /** Maps each feature to the range. */
  transform(X: Matrix): Matrix {
    return applyAffine(X, this.checkWidth(X), this.params.clip ? this.params.featureRange : undefined);
  }

  /** A new unfitted copy. */
  clone(): MinMaxScaler {
    return new MinMaxScaler(this.getParams());
  }

  /** Serialises the fitted scaler. */
  toArtifact(): Artifact {
    return affineArtifact(this.kind, this.getParams(), this.state());
  }

  /** Loads a scaler saved by `toArtifact`. */
  static fromArtifact(value: unknown): MinMaxScaler {
    const { params, state } = readArtifact(value, MinMaxScaler.KIND, [1], MINMAX_DEFAULTS, validateMinMax);
    const m = new MinMaxScaler(params);
    m.fitted = readAffine(state);
    return m;
  }

  /** ONNX Scaler (then Clip when `clip` is set). */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output: string } {
    const { output } = addScaler(builder, input, this.state());
    if (!this.params.clip) return { output };
    const lo = builder.addInitializer('clip_min', 'float', [], [this.params.featureRange[0]]);
    const hi = builder.addInitializer('clip_max', 'float', [], [this.params.featureRange[1]]);
    const [clipped] = builder.addNode('Clip', [output, lo, hi], [builder.uniqueName('clipped')]);
    return { output: clipped };
  }
}

/** Hyper-parameters of {@link RobustScaler}. */
export interface RobustScalerParams {
  /** Subtract the median (sklearn `with_centering`). Default true. */
  withCentering: boolean;
  /** Divide by the quantile range (sklearn `with_scaling`). Default true. */
  withScaling: boolean;
  /** Percentiles bounding the range (sklearn `quantile_range`). Default [25, 75]. */
  quantileRange: [number, number];
}

const ROBUST_DEFAULTS: Readonly<RobustScalerParams> = Object.freeze({ withCentering: true, withScaling: true, quantileRange: [25, 75] as [number, number] });

function validateRobust(p: RobustScalerParams): void {
  checkBoolParam(RobustScaler.KIND, 'withCentering', p.withCentering);
  checkBoolParam(RobustScaler.KIND, 'withScaling', p.withScaling);
  const r = p.quantileRange;
  if (!Array.isArray(r) || r.length !== 2 || !(r[0] >= 0 && r[0] < r[1] && r[1] <= 100)) {
    throw new InvalidInputError(`${RobustScaler.KIND}: parameter quantileRange must be [q1, q2] with 0 <= q1 < q2 <= 100, got ${JSON.stringify(r)}.`, 'quantileRange');
  }
}

/** Scaling by median and interquartile range. */
export class RobustScaler extends MatrixTransformerBase<RobustScalerParams, AffineState> implements MatrixTransformer<RobustScalerParams> {
  static readonly KIND = 'RobustScaler';
  readonly kind = RobustScaler.KIND;

  constructor(params: Partial<RobustScalerParams> = {}) {
    super(mergeParams(RobustScaler.KIND, ROBUST_DEFAULTS, params));
  }

  /** Learns medians and quantile ranges, ignoring missing values. */
  fit(X: Matrix): this {
    validateRobust(this.params);
    this.checkFitMatrix(X);
    const p = X.nCols;
    const offset = new Float64Array(p);
    const scale = new Float64Array(p).fill(1);
    for (let j = 0; j < p; j++) {
      const v = presentValues(X, j).sort();
      if (v.length === 0) continue;
      if (this.params.withCentering) offset[j] = percentileSorted(v, 50);
      if (this.params.withScaling) {
        const range = percentileSorted(v, this.params.quantileRange[1]) - percentileSorted(v, this.params.quantileRange[0]);
        scale[j] = range < 10 * Number.EPSILON ? 1 : 1 / range;
      }
    }
    this.fitted = { nFeatures: p, offset, scale };
    return this;
  }

  /** (x - median) / IQR. */
  transform(X: Matrix): Matrix {
    return applyAffine(X, this.checkWidth(X));
  }

  /** A new unfitted copy. */
  clone(): RobustScaler {
    return new RobustScaler(this.getParams());
  }

  /** Serialises the fitted scaler. */
  toArtifact(): Artifact {
    return affineArtifact(this.kind, this.getParams(), this.state());
  }

  /** Loads a scaler saved by `toArtifact`. */
  static fromArtifact(value: unknown): RobustScaler {
    const { params, state } = readArtifact(value, RobustScaler.KIND, [1], ROBUST_DEFAULTS, validateRobust);
    const m = new RobustScaler(params);
    m.fitted = readAffine(state);
    return m;
  }

  /** ONNX Scaler. */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output: string } {
    return addScaler(builder, input, this.state());
  }
}

/** Hyper-parameters of {@link Normalizer}. */
export interface NormalizerParams {
  /** Row norm (sklearn `norm`). Default 'l2'. */
  norm: 'l2' | 'l1' | 'max';
}

const NORMALIZER_DEFAULTS: Readonly<NormalizerParams> = Object.freeze({ norm: 'l2' });

function validateNormalizer(p: NormalizerParams): void {
  checkEnumParam(Normalizer.KIND, 'norm', p.norm, ['l2', 'l1', 'max']);
}

/** Scales each row to unit norm (rows of zeros stay zero). */
export class Normalizer extends MatrixTransformerBase<NormalizerParams, { nFeatures: number }> implements MatrixTransformer<NormalizerParams> {
  static readonly KIND = 'Normalizer';
  readonly kind = Normalizer.KIND;

  constructor(params: Partial<NormalizerParams> = {}) {
    super(mergeParams(Normalizer.KIND, NORMALIZER_DEFAULTS, params));
  }

  /** Records the width only (the transform is row-wise). */
  fit(X: Matrix): this {
    validateNormalizer(this.params);
    this.checkFitMatrix(X);
    this.fitted = { nFeatures: X.nCols };
    return this;
  }

  /** Row-wise normalisation. */
  transform(X: Matrix): Matrix {
    this.checkWidth(X);
    const n = X.nRows;
    const p = X.nCols;
    const norms = new Float64Array(n);
    for (let j = 0; j < p; j++) {
      const off = j * n;
      for (let i = 0; i < n; i++) {
        const v = X.data[off + i];
        if (this.params.norm === 'l2') norms[i] += v * v;
        else if (this.params.norm === 'l1') norms[i] += Math.abs(v);
        else if (Math.abs(v) > norms[i]) norms[i] = Math.abs(v);
      }
    }
    for (let i = 0; i < n; i++) {
      const v = this.params.norm === 'l2' ? Math.sqrt(norms[i]) : norms[i];
      norms[i] = v === 0 ? 1 : v;
    }
    const out = createMatrix(n, p);
    for (let j = 0; j < p; j++) {
      const off = j * n;
      for (let i = 0; i < n; i++) out.data[off + i] = X.data[off + i] / norms[i];
    }
    return out;
  }

  /** A new unfitted copy. */
  clone(): Normalizer {
    return new Normalizer(this.getParams());
  }

  /** Serialises the fitted transformer. */
  toArtifact(): Artifact {
    return makeArtifact(this.kind, 1, this.getParams(), { nFeatures: this.state().nFeatures });
  }

  /** Loads a transformer saved by `toArtifact`. */
  static fromArtifact(value: unknown): Normalizer {
    const { params, state } = readArtifact(value, Normalizer.KIND, [1], NORMALIZER_DEFAULTS, validateNormalizer);
    const m = new Normalizer(params);
    m.fitted = { nFeatures: readInt(state, 'nFeatures', 'state', 1) };
    return m;
  }

  /** ONNX Normalizer. */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output: string } {
    const output = builder.uniqueName('normalized');
    builder.addNode('Normalizer', [input], [output], [{ name: 'norm', type: 'string', value: this.params.norm.toUpperCase() }], 'ai.onnx.ml');
    return { output };
  }
}

/** Log1pTransformer has no hyper-parameters. */
export type Log1pParams = Record<string, never>;

/** sign(x) * log(1 + |x|) per value (log1p for non-negative data); missing stays missing. */
export class Log1pTransformer extends MatrixTransformerBase<Log1pParams, { nFeatures: number }> implements MatrixTransformer<Log1pParams> {
  static readonly KIND = 'Log1pTransformer';
  readonly kind = Log1pTransformer.KIND;

  /** Takes no parameters; passing any is an error naming it. */
  constructor(params: Record<string, unknown> = {}) {
    super(mergeParams(Log1pTransformer.KIND, {} as Log1pParams, params));
  }

  /** Records the width only. */
  fit(X: Matrix): this {
    this.checkFitMatrix(X);
    this.fitted = { nFeatures: X.nCols };
    return this;
  }

  /** Signed log1p. */
  transform(X: Matrix): Matrix {
    this.checkWidth(X);
    const out = createMatrix(X.nRows, X.nCols);
    for (let k = 0; k < X.data.length; k++) {
      const v = X.data[k];
      out.data[k] = v < 0 ? -Math.log1p(-v) : Math.log1p(v);
    }
    return out;
  }

  /** A new unfitted copy. */
  clone(): Log1pTransformer {
    return new Log1pTransformer();
  }

  /** Serialises the fitted transformer. */
  toArtifact(): Artifact {
    return makeArtifact(this.kind, 1, {}, { nFeatures: this.state().nFeatures });
  }

  /** Loads a transformer saved by `toArtifact`. */
  static fromArtifact(value: unknown): Log1pTransformer {
    const { state } = readArtifact(value, Log1pTransformer.KIND, [1], {} as Log1pParams, () => undefined);
    const m = new Log1pTransformer();
    m.fitted = { nFeatures: readInt(state, 'nFeatures', 'state', 1) };
    return m;
  }

  /** ONNX: Sign(x) * Log(1 + Abs(x)). */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output: string } {
    const one = builder.addInitializer('one', 'float', [], [1]);
    const [abs] = builder.addNode('Abs', [input], [builder.uniqueName('abs')]);
    const [plus] = builder.addNode('Add', [abs, one], [builder.uniqueName('plus_one')]);
    const [log] = builder.addNode('Log', [plus], [builder.uniqueName('log')]);
    const [sign] = builder.addNode('Sign', [input], [builder.uniqueName('sign')]);
    const [output] = builder.addNode('Mul', [log, sign], [builder.uniqueName('log1p')]);
    return { output };
  }
}
