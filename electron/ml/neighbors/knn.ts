/**
 * k-nearest-neighbour classification and regression (Cover & Hart, 1967), as scikit-learn's
 * `KNeighborsClassifier` / `KNeighborsRegressor` with the Euclidean metric: a prediction looks up
 * the k training rows closest to the query (exact search, {@link kNearest}) and takes their class
 * shares or mean value, each neighbour weighing 1 ('uniform') or 1 / distance ('distance'; a
 * neighbour at distance 0 then takes all the weight, as in scikit-learn). Features should share a
 * scale (standardise them), since the distance adds them up. The fitted model is the training data.
 */
import { createMatrix, type Matrix } from '../core/matrix.js';
import type { Classifier, FitOptions, Regressor } from '../core/interfaces.js';
import { ArtifactError, InvalidInputError } from '../core/errors.js';
import { decodeF64, encodeArray, makeArtifact, readNumberArray, type Artifact } from '../core/serialize.js';
import {
  EstimatorBase,
  argmaxLabels,
  checkEnumParam,
  checkFiniteTarget,
  checkFitInput,
  checkNumberParam,
  checkPredictInput,
  encodeLabels,
  expectLength,
  mergeParams,
  readArtifact,
  readInt,
} from '../baseline/common.js';
import { kNearest } from './nearest.js';

/** Hyper-parameters of the k-NN models. */
export interface KNeighborsParams {
  /** Neighbours consulted (sklearn `n_neighbors`). Default 5. */
  nNeighbors: number;
  /** 'uniform' or 'distance' (inverse-distance) weighting (sklearn `weights`). Default 'uniform'. */
  weights: 'uniform' | 'distance';
}

const DEFAULTS: Readonly<KNeighborsParams> = Object.freeze({ nNeighbors: 5, weights: 'uniform' });

interface KnnState {
  /** Training rows (column-major). */
  X: Matrix;
  /** Class index (classifier) or target value (regressor) per training row. */
  y: Float64Array;
  /** Classifier labels; empty for the regressor. */
  classes: number[];
}

/** Queries per search call: bounds the neighbour buffers whatever the batch size. */
const CHUNK = 4096;

abstract class KNeighborsBase extends EstimatorBase<KNeighborsParams, KnnState> {
  protected constructor(kind: string, params: Partial<KNeighborsParams>) {
    super(mergeParams(kind, DEFAULTS, params));
  }

  protected validate(): void {
    checkNumberParam(this.kind, 'nNeighbors', this.params.nNeighbors, { isInteger: true, min: 1 });
    checkEnumParam(this.kind, 'weights', this.params.weights, ['uniform', 'distance']);
  }

  protected checkFit(X: Matrix, y: ArrayLike<number>, options: FitOptions): void {
    this.validate();
    checkFitInput(this.kind, X, y, options);
    if (options.sampleWeight) throw new InvalidInputError(`${this.kind} does not use sample weights.`, 'sampleWeight');
    if (this.params.nNeighbors > X.nRows) {
      throw new InvalidInputError(`${this.kind}: nNeighbors is ${this.params.nNeighbors}, but there are only ${X.nRows} training rows.`, 'nNeighbors');
    }
  }

  /**
   * For each query row, calls `visit(q, neighbourRow, weight)` for its k neighbours, weights
   * normalised per row, processing the queries in chunks.
   */
  protected forEachNeighbour(Q: Matrix, visit: (q: number, row: number, weight: number) => void): void {
    const s = this.state();
    checkPredictInput(this.kind, Q, s.X.nCols);
    const k = this.params.nNeighbors;
    const isDistance = this.params.weights === 'distance';
    const w = new Float64Array(k);
    for (let start = 0; start < Q.nRows; start += CHUNK) {
      const end = Math.min(Q.nRows, start + CHUNK);
      const chunk = start === 0 && end === Q.nRows ? Q : sliceRows(Q, start, end);
      const res = kNearest(s.X, chunk, k);
      for (let q = 0; q < end - start; q++) {
        let hasZero = false;
        if (isDistance) for (let r = 0; r < k; r++) if (res.distances[q * k + r] === 0) hasZero = true;
        let total = 0;
        for (let r = 0; r < k; r++) {
          const d = res.distances[q * k + r];
          w[r] = !isDistance ? 1 : hasZero ? (d === 0 ? 1 : 0) : 1 / Math.sqrt(d);
          total += w[r];
        }
        for (let r = 0; r < k; r++) visit(start + q, res.indices[q * k + r], w[r] / total);
      }
    }
  }

  /** Serialises the fitted model (the training rows and targets). */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), { nRows: s.X.nRows, nFeatures: s.X.nCols, X: encodeArray(s.X.data), y: encodeArray(s.y), classes: s.classes });
  }

  protected static readKnnState(state: Record<string, unknown>, isClassifier: boolean): KnnState {
    const nRows = readInt(state, 'nRows', 'state', 1);
    const nFeatures = readInt(state, 'nFeatures', 'state', 1);
    const data = decodeF64(state.X, 'state.X');
    expectLength(data, nRows * nFeatures, 'state.X');
    const y = decodeF64(state.y, 'state.y');
    expectLength(y, nRows, 'state.y');
    const classes = readNumberArray(state, 'classes', 'state');
    if (isClassifier) {
      if (classes.length < 2) throw new ArtifactError('Model spec field state.classes needs at least two classes.');
      for (const v of y) if (!Number.isInteger(v) || v < 0 || v >= classes.length) throw new ArtifactError('Model spec field state.y holds an invalid class index.');
    } else if (classes.length !== 0) throw new ArtifactError('Model spec field state.classes must be empty for a regressor.');
    return { X: { nRows, nCols: nFeatures, data }, y, classes };
  }
}

function sliceRows(Q: Matrix, start: number, end: number): Matrix {
  const n = end - start;
  const out = createMatrix(n, Q.nCols);
  for (let j = 0; j < Q.nCols; j++) out.data.set(Q.data.subarray(j * Q.nRows + start, j * Q.nRows + end), j * n);
  return out;
}

/** k-NN classifier. */
export class KNeighborsClassifier extends KNeighborsBase implements Classifier<KNeighborsParams> {
  static readonly KIND = 'KNeighborsClassifier';
  readonly kind = KNeighborsClassifier.KIND;
  readonly task = 'classification' as const;

  constructor(params: Partial<KNeighborsParams> = {}) {
    super(KNeighborsClassifier.KIND, params);
  }

  /** Stores the training rows. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    this.checkFit(X, y, options);
    const labels = encodeLabels(this.kind, y);
    this.fitted = { X: { nRows: X.nRows, nCols: X.nCols, data: X.data.slice() }, y: Float64Array.from(labels.index), classes: labels.classes };
    return this;
  }

  get classes(): readonly number[] {
    return this.state().classes;
  }

  /** Weighted class shares among the k neighbours. */
  predictProba(X: Matrix): Matrix {
    const s = this.state();
    const n = X.nRows;
    const P = createMatrix(n, s.classes.length);
    this.forEachNeighbour(X, (q, row, w) => {
      P.data[s.y[row] * n + q] += w;
    });
    return P;
  }

  /** The class with the largest share (lowest label on ties). */
  predict(X: Matrix): Float64Array {
    return argmaxLabels(this.predictProba(X), this.state().classes);
  }

  /** A new unfitted copy. */
  clone(): KNeighborsClassifier {
    return new KNeighborsClassifier(this.getParams());
  }

  /** Loads a model saved by `toArtifact`. */
  static fromArtifact(value: unknown): KNeighborsClassifier {
    const { params, state } = readArtifact(value, KNeighborsClassifier.KIND, [1], DEFAULTS, (p) => new KNeighborsClassifier(p).validate());
    const loaded = new KNeighborsClassifier(params);
    loaded.fitted = KNeighborsBase.readKnnState(state, true);
    return loaded;
  }
}

/** k-NN regressor. */
export class KNeighborsRegressor extends KNeighborsBase implements Regressor<KNeighborsParams> {
  static readonly KIND = 'KNeighborsRegressor';
  readonly kind = KNeighborsRegressor.KIND;
  readonly task = 'regression' as const;

  constructor(params: Partial<KNeighborsParams> = {}) {
    super(KNeighborsRegressor.KIND, params);
  }

  /** Stores the training rows. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    this.checkFit(X, y, options);
    checkFiniteTarget(this.kind, y);
    this.fitted = { X: { nRows: X.nRows, nCols: X.nCols, data: X.data.slice() }, y: Float64Array.from(y as ArrayLike<number>), classes: [] };
    return this;
  }

  /** Weighted mean target of the k neighbours. */
  predict(X: Matrix): Float64Array {
    const s = this.state();
    const out = new Float64Array(X.nRows);
    this.forEachNeighbour(X, (q, row, w) => {
      out[q] += w * s.y[row];
    });
    return out;
  }

  /** A new unfitted copy. */
  clone(): KNeighborsRegressor {
    return new KNeighborsRegressor(this.getParams());
  }

  /** Loads a model saved by `toArtifact`. */
  static fromArtifact(value: unknown): KNeighborsRegressor {
    const { params, state } = readArtifact(value, KNeighborsRegressor.KIND, [1], DEFAULTS, (p) => new KNeighborsRegressor(p).validate());
    const loaded = new KNeighborsRegressor(params);
    loaded.fitted = KNeighborsBase.readKnnState(state, false);
    return loaded;
  }
}
