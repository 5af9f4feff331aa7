/**
 * Missing-value imputation for numeric features (NaN = missing), as scikit-learn's imputers:
 * - SimpleImputer: per-feature mean, median, most frequent value or a constant, optionally with
 *   one 0/1 indicator column per feature that had missing values in training (`addIndicator`);
 * - KNNImputer: the mean of the k nearest training rows that have the feature (Troyanskaya et al.,
 *   "Missing value estimation methods for DNA microarrays", 2001), with scikit-learn's
 *   nan-Euclidean distance: sqrt(p / present * sum over coordinates present in both rows).
 * One deviation: a feature with no value at all in training is imputed with `fillValue` (0 by
 * default) instead of being dropped, so the output width never depends on the training data.
 */
import { createMatrix, type Matrix } from '../core/matrix.js';
import { ArtifactError } from '../core/errors.js';
import { decodeF64, decodeI32, encodeArray, makeArtifact, type Artifact } from '../core/serialize.js';
import type { OnnxGraphBuilder } from '../onnx/graph.js';
import { checkBoolParam, checkEnumParam, checkNumberParam, expectLength, mergeParams, readArtifact, readInt } from '../baseline/common.js';
import { MatrixTransformerBase, percentileSorted, presentValues, type MatrixTransformer } from './types.js';

/** Strategies of {@link SimpleImputer}. */
export const IMPUTE_STRATEGIES = ['mean', 'median', 'mostFrequent', 'constant'] as const;

/** Hyper-parameters of {@link SimpleImputer}. */
export interface SimpleImputerParams {
  /** What replaces a missing value (sklearn `strategy`: mean, median, most_frequent, constant). Default 'mean'. */
  strategy: (typeof IMPUTE_STRATEGIES)[number];
  /** The constant for strategy 'constant' and for features never observed in training (sklearn `fill_value`). Default 0. */
  fillValue: number;
  /** Append a 0/1 "was missing" column for each feature that had missing values in training (sklearn `add_indicator`). Default false. */
  addIndicator: boolean;
}

const SIMPLE_DEFAULTS: Readonly<SimpleImputerParams> = Object.freeze({ strategy: 'mean', fillValue: 0, addIndicator: false });

function validateSimple(p: SimpleImputerParams): void {
  checkEnumParam(SimpleImputer.KIND, 'strategy', p.strategy, IMPUTE_STRATEGIES);
  checkNumberParam(SimpleImputer.KIND, 'fillValue', p.fillValue);
  checkBoolParam(SimpleImputer.KIND, 'addIndicator', p.addIndicator);
}

interface SimpleState {
  nFeatures: number;
  statistics: Float64Array;
  /** Features that get an indicator column. */
  indicator: Int32Array;
}

function mostFrequent(sorted: Float64Array): number {
  let best = sorted[0];
  let bestCount = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    // Strictly greater: ties keep the smaller value (sorted order), as scikit-learn.
    if (j - i > bestCount) {
      bestCount = j - i;
      best = sorted[i];
    }
    i = j;
  }
  return best;
}

/** Per-feature imputation by a statistic. */
export class SimpleImputer extends MatrixTransformerBase<SimpleImputerParams, SimpleState> implements MatrixTransformer<SimpleImputerParams> {
  static readonly KIND = 'SimpleImputer';
  readonly kind = SimpleImputer.KIND;

  constructor(params: Partial<SimpleImputerParams> = {}) {
    super(mergeParams(SimpleImputer.KIND, SIMPLE_DEFAULTS, params));
  }

  /** Learns the replacement value of each feature. */
  fit(X: Matrix): this {
    validateSimple(this.params);
    this.checkFitMatrix(X);
    const p = X.nCols;
    const statistics = new Float64Array(p);
    const indicator: number[] = [];
    for (let j = 0; j < p; j++) {
      const v = presentValues(X, j);
      if (v.length < X.nRows) indicator.push(j);
      if (v.length === 0 || this.params.strategy === 'constant') {
        statistics[j] = this.params.fillValue;
        continue;
      }
      switch (this.params.strategy) {
        case 'mean': {
          let s = 0;
          for (let i = 0; i < v.length; i++) s += v[i];
          statistics[j] = s / v.length;
          break;
        }
        case 'median':
          statistics[j] = percentileSorted(v.sort(), 50);
          break;
        case 'mostFrequent':
          statistics[j] = mostFrequent(v.sort());
          break;
      }
    }
    this.fitted = { nFeatures: p, statistics, indicator: Int32Array.from(this.params.addIndicator ? indicator : []) };
    return this;
  }

  /** Replaces NaN by the learned values (and appends the indicators). */
  transform(X: Matrix): Matrix {
    const s = this.checkWidth(X);
    const n = X.nRows;
    const out = createMatrix(n, s.nFeatures + s.indicator.length);
    for (let j = 0; j < s.nFeatures; j++) {
      const off = j * n;
      const fill = s.statistics[j];
      for (let i = 0; i < n; i++) {
        const v = X.data[off + i];
        out.data[off + i] = Number.isNaN(v) ? fill : v;
      }
    }
    for (let k = 0; k < s.indicator.length; k++) {
      const src = s.indicator[k] * n;
      const dst = (s.nFeatures + k) * n;
      for (let i = 0; i < n; i++) out.data[dst + i] = Number.isNaN(X.data[src + i]) ? 1 : 0;
    }
    return out;
  }

  /** The learned replacement values (sklearn `statistics_`). */
  get statistics(): Float64Array {
    return this.state().statistics.slice();
  }

  /** Input names, then `missingindicator_<name>` per indicator column. */
  override featureNamesOut(inputNames: readonly string[]): string[] {
    const s = this.state();
    return [...inputNames, ...Array.from(s.indicator, (j) => `missingindicator_${inputNames[j]}`)];
  }

  /** A new unfitted copy. */
  clone(): SimpleImputer {
    return new SimpleImputer(this.getParams());
  }

  /** Serialises the fitted imputer. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), { nFeatures: s.nFeatures, statistics: encodeArray(s.statistics), indicator: encodeArray(s.indicator) });
  }

  /** Loads an imputer saved by `toArtifact`. */
  static fromArtifact(value: unknown): SimpleImputer {
    const { params, state } = readArtifact(value, SimpleImputer.KIND, [1], SIMPLE_DEFAULTS, validateSimple);
    const m = new SimpleImputer(params);
    const nFeatures = readInt(state, 'nFeatures', 'state', 1);
    const statistics = decodeF64(state.statistics, 'state.statistics');
    expectLength(statistics, nFeatures, 'state.statistics');
    const indicator = decodeI32(state.indicator, 'state.indicator');
    if (!indicator.every((j) => j >= 0 && j < nFeatures)) throw new ArtifactError('Model spec field state.indicator names a feature out of range.');
    m.fitted = { nFeatures, statistics, indicator };
    return m;
  }

  /** ONNX: ai.onnx.ml Imputer (NaN -> value); indicators by IsNaN, Gather and Cast. */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output: string } {
    const s = this.state();
    const imputed = builder.uniqueName('imputed');
    builder.addNode(
      'Imputer',
      [input],
      [imputed],
      [
        { name: 'imputed_value_floats', type: 'floats', value: Array.from(s.statistics) },
        { name: 'replaced_value_float', type: 'float', value: NaN },
      ],
      'ai.onnx.ml',
    );
    if (s.indicator.length === 0) return { output: imputed };
    const [isNan] = builder.addNode('IsNaN', [input], [builder.uniqueName('is_nan')]);
    const idx = builder.addInitializer('indicator_columns', 'int64', [s.indicator.length], s.indicator);
    const [picked] = builder.addNode('Gather', [isNan, idx], [builder.uniqueName('indicator_bool')], [{ name: 'axis', type: 'int', value: 1 }]);
    const [asFloat] = builder.addNode('Cast', [picked], [builder.uniqueName('indicator')], [{ name: 'to', type: 'int', value: 1 }]);
    const [output] = builder.addNode('Concat', [imputed, asFloat], [builder.uniqueName('imputed_with_indicator')], [{ name: 'axis', type: 'int', value: 1 }]);
    return { output };
  }
}

/** Hyper-parameters of {@link KNNImputer}. */
export interface KNNImputerParams {
  /** Neighbours averaged (sklearn `n_neighbors`). Default 5. */
  nNeighbors: number;
  /** 'uniform' mean or 'distance' (inverse-distance) weighted mean (sklearn `weights`). Default 'uniform'. */
  weights: 'uniform' | 'distance';
}

const KNN_DEFAULTS: Readonly<KNNImputerParams> = Object.freeze({ nNeighbors: 5, weights: 'uniform' });

function validateKnn(p: KNNImputerParams): void {
  checkNumberParam(KNNImputer.KIND, 'nNeighbors', p.nNeighbors, { isInteger: true, min: 1 });
  checkEnumParam(KNNImputer.KIND, 'weights', p.weights, ['uniform', 'distance']);
}

interface KnnImputerState {
  nFeatures: number;
  /** Training rows, column-major (the donors). */
  donors: Matrix;
  /** Column means of the training data (fallback when no donor has the feature). */
  means: Float64Array;
}

/** Imputation from the nearest training rows. Keeps the training matrix (it is the model). */
export class KNNImputer extends MatrixTransformerBase<KNNImputerParams, KnnImputerState> implements MatrixTransformer<KNNImputerParams> {
  static readonly KIND = 'KNNImputer';
  readonly kind = KNNImputer.KIND;

  constructor(params: Partial<KNNImputerParams> = {}) {
    super(mergeParams(KNNImputer.KIND, KNN_DEFAULTS, params));
  }

  /** Stores the training rows as donors. */
  fit(X: Matrix): this {
    validateKnn(this.params);
    this.checkFitMatrix(X);
    const means = new Float64Array(X.nCols);
    for (let j = 0; j < X.nCols; j++) {
      const v = presentValues(X, j);
      let s = 0;
      for (let i = 0; i < v.length; i++) s += v[i];
      means[j] = v.length > 0 ? s / v.length : 0;
    }
    this.fitted = { nFeatures: X.nCols, donors: { nRows: X.nRows, nCols: X.nCols, data: X.data.slice() }, means };
    return this;
  }

  /** Fills each missing value from the k nearest donors that have it. */
  transform(X: Matrix): Matrix {
    const s = this.checkWidth(X);
    const n = X.nRows;
    const p = s.nFeatures;
    const D = s.donors;
    const m = D.nRows;
    const out = createMatrix(n, p, X.data.slice());
    const dist = new Float64Array(m);
    const present = new Int32Array(m);
    const k = this.params.nNeighbors;
    const bestD = new Float64Array(k);
    const bestI = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      let hasMissing = false;
      for (let j = 0; j < p; j++) if (Number.isNaN(X.data[j * n + i])) hasMissing = true;
      if (!hasMissing) continue;
      dist.fill(0);
      present.fill(0);
      for (let j = 0; j < p; j++) {
        const v = X.data[j * n + i];
        if (Number.isNaN(v)) continue;
        const off = j * m;
        for (let r = 0; r < m; r++) {
          const d = D.data[off + r];
          if (Number.isNaN(d)) continue;
          dist[r] += (d - v) * (d - v);
          present[r] += 1;
        }
      }
      for (let r = 0; r < m; r++) dist[r] = present[r] > 0 ? Math.sqrt((dist[r] * p) / present[r]) : NaN;
      for (let j = 0; j < p; j++) {
        if (!Number.isNaN(X.data[j * n + i])) continue;
        const off = j * m;
        // k nearest donors having feature j (ties: lower row first).
        let filled = 0;
        for (let r = 0; r < m; r++) {
          const dr = dist[r];
          if (Number.isNaN(dr) || Number.isNaN(D.data[off + r])) continue;
          if (filled === k && dr >= bestD[k - 1]) continue;
          let pos = filled < k ? filled++ : k - 1;
          while (pos > 0 && bestD[pos - 1] > dr) {
            bestD[pos] = bestD[pos - 1];
            bestI[pos] = bestI[pos - 1];
            pos--;
          }
          bestD[pos] = dr;
          bestI[pos] = r;
        }
        if (filled === 0) {
          out.data[j * n + i] = s.means[j];
          continue;
        }
        let num = 0;
        let den = 0;
        const hasZero = this.params.weights === 'distance' && bestD[0] === 0;
        for (let t = 0; t < filled; t++) {
          let w = 1;
          if (this.params.weights === 'distance') w = hasZero ? (bestD[t] === 0 ? 1 : 0) : 1 / bestD[t];
          num += w * D.data[off + bestI[t]];
          den += w;
        }
        out.data[j * n + i] = num / den;
      }
    }
    return out;
  }

  /** A new unfitted copy. */
  clone(): KNNImputer {
    return new KNNImputer(this.getParams());
  }

  /** Serialises the fitted imputer (including its donor rows). */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), { nFeatures: s.nFeatures, nDonors: s.donors.nRows, donors: encodeArray(s.donors.data), means: encodeArray(s.means) });
  }

  /** Loads an imputer saved by `toArtifact`. */
  static fromArtifact(value: unknown): KNNImputer {
    const { params, state } = readArtifact(value, KNNImputer.KIND, [1], KNN_DEFAULTS, validateKnn);
    const m = new KNNImputer(params);
    const nFeatures = readInt(state, 'nFeatures', 'state', 1);
    const nDonors = readInt(state, 'nDonors', 'state', 1);
    const donors = decodeF64(state.donors, 'state.donors');
    expectLength(donors, nFeatures * nDonors, 'state.donors');
    const means = decodeF64(state.means, 'state.means');
    expectLength(means, nFeatures, 'state.means');
    m.fitted = { nFeatures, donors: { nRows: nDonors, nCols: nFeatures, data: donors }, means };
    return m;
  }
}
