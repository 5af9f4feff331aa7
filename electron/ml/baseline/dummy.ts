/**
 * Dummy baselines (scikit-learn's DummyClassifier / DummyRegressor): models that ignore the
 * features. They answer "what does no ML at all score?", the number every real model must beat.
 * Classifier strategies: `mostFrequent` (always the majority class, probability 1 for it),
 * `prior` (majority class, class frequencies as probabilities), `stratified` (random labels drawn
 * from the class frequencies), `uniform` (random labels, equal probabilities). Regressor: the
 * training mean or median.
 */
import { createMatrix, type Matrix } from '../core/matrix.js';
import type { Classifier, FitOptions, Regressor } from '../core/interfaces.js';
import { InvalidInputError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { decodeF64, encodeArray, makeArtifact, readNumber, readNumberArray, type Artifact } from '../core/serialize.js';
import type { OnnxConvertible, OnnxGraphBuilder } from '../onnx/graph.js';
import { addLinearClassifier, addLinearRegressor } from '../linear/onnx.js';
import {
  EstimatorBase,
  checkEnumParam,
  checkFiniteTarget,
  checkFitInput,
  checkPredictInput,
  checkSeedParam,
  encodeLabels,
  expectLength,
  mergeParams,
  readArtifact,
  readInt,
} from './common.js';

/** Strategies of {@link DummyClassifier}. */
export const DUMMY_CLASSIFIER_STRATEGIES = ['mostFrequent', 'prior', 'stratified', 'uniform'] as const;

/** Hyper-parameters of {@link DummyClassifier}. */
export interface DummyClassifierParams {
  /** How to predict (sklearn `strategy`: most_frequent, prior, stratified, uniform). Default 'prior'. */
  strategy: (typeof DUMMY_CLASSIFIER_STRATEGIES)[number];
  /** Seed of the random strategies (sklearn `random_state`); each predict call restarts from it. */
  randomState: number;
}

const CLS_DEFAULTS: Readonly<DummyClassifierParams> = Object.freeze({ strategy: 'prior', randomState: 0 });

interface DummyClassifierState {
  classes: number[];
  /** Weighted class frequencies. */
  prior: Float64Array;
  nFeatures: number;
}

/** A classifier that ignores the features. */
export class DummyClassifier extends EstimatorBase<DummyClassifierParams, DummyClassifierState> implements Classifier<DummyClassifierParams>, OnnxConvertible {
  static readonly KIND = 'DummyClassifier';
  readonly kind = DummyClassifier.KIND;
  readonly task = 'classification' as const;

  constructor(params: Partial<DummyClassifierParams> = {}) {
    super(mergeParams(DummyClassifier.KIND, CLS_DEFAULTS, params));
  }

  private static validate(p: DummyClassifierParams): void {
    checkEnumParam(DummyClassifier.KIND, 'strategy', p.strategy, DUMMY_CLASSIFIER_STRATEGIES);
    checkSeedParam(DummyClassifier.KIND, 'randomState', p.randomState);
  }

  /** Learns the class frequencies (weighted by `sampleWeight`). The features are not read beyond their shape. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    DummyClassifier.validate(this.params);
    checkFitInput(this.kind, X, y, options, true);
    const labels = encodeLabels(this.kind, y);
    const prior = new Float64Array(labels.classes.length);
    const sw = options.sampleWeight;
    let total = 0;
    for (let i = 0; i < labels.index.length; i++) {
      const w = sw ? sw[i] : 1;
      prior[labels.index[i]] += w;
      total += w;
    }
    for (let k = 0; k < prior.length; k++) prior[k] /= total;
    this.fitted = { classes: labels.classes, prior, nFeatures: X.nCols };
    return this;
  }

  get classes(): readonly number[] {
    return this.state().classes;
  }

  /** Class probabilities per the strategy (nRows x nClasses). */
  predictProba(X: Matrix): Matrix {
    const s = this.state();
    checkPredictInput(this.kind, X, s.nFeatures, undefined, true);
    const n = X.nRows;
    const K = s.classes.length;
    const P = createMatrix(n, K);
    const majority = argmax(s.prior);
    switch (this.params.strategy) {
      case 'mostFrequent':
        P.data.fill(1, majority * n, (majority + 1) * n);
        break;
      case 'prior':
        for (let k = 0; k < K; k++) P.data.fill(s.prior[k], k * n, (k + 1) * n);
        break;
      case 'uniform':
        P.data.fill(1 / K);
        break;
      case 'stratified': {
        const rng = new Rng(this.params.randomState);
        for (let i = 0; i < n; i++) P.data[drawClass(rng, s.prior) * n + i] = 1;
        break;
      }
    }
    return P;
  }

  /** Predicted labels per the strategy. */
  predict(X: Matrix): Float64Array {
    const s = this.state();
    checkPredictInput(this.kind, X, s.nFeatures, undefined, true);
    const n = X.nRows;
    const out = new Float64Array(n);
    const K = s.classes.length;
    switch (this.params.strategy) {
      case 'mostFrequent':
      case 'prior':
        out.fill(s.classes[argmax(s.prior)]);
        break;
      case 'uniform': {
        const rng = new Rng(this.params.randomState);
        for (let i = 0; i < n; i++) out[i] = s.classes[rng.int(K)];
        break;
      }
      case 'stratified': {
        const rng = new Rng(this.params.randomState);
        for (let i = 0; i < n; i++) out[i] = s.classes[drawClass(rng, s.prior)];
        break;
      }
    }
    return out;
  }

  /** A new unfitted copy with the same params. */
  clone(): DummyClassifier {
    return new DummyClassifier(this.getParams());
  }

  /** Serialises the fitted model. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), { classes: s.classes, prior: encodeArray(s.prior), nFeatures: s.nFeatures });
  }

  /**
   * ONNX for the deterministic strategies: a LinearClassifier with zero coefficients whose
   * intercepts (log class frequencies, or 0 / -1e4 for mostFrequent) give the same softmax
   * probabilities. The random strategies (stratified, uniform) cannot be reproduced and throw.
   */
  toOnnx(builder: OnnxGraphBuilder, input: string): { label: string; probabilities: string } {
    const s = this.state();
    const K = s.classes.length;
    if (this.params.strategy === 'stratified' || this.params.strategy === 'uniform') {
      throw new InvalidInputError(`DummyClassifier with strategy ${this.params.strategy} predicts at random and cannot be exported to ONNX.`, 'strategy');
    }
    const majority = argmax(s.prior);
    const intercepts = Array.from(s.prior, (q, k) => (this.params.strategy === 'prior' ? Math.log(q) : k === majority ? 0 : -1e4));
    return addLinearClassifier(builder, input, new Float64Array(K * s.nFeatures), intercepts, 'SOFTMAX');
  }

  /** Loads a model saved by {@link DummyClassifier.toArtifact}. */
  static fromArtifact(value: unknown): DummyClassifier {
    const { params, state } = readArtifact(value, DummyClassifier.KIND, [1], CLS_DEFAULTS, DummyClassifier.validate);
    const m = new DummyClassifier(params);
    const classes = readNumberArray(state, 'classes', 'state');
    const prior = decodeF64(state.prior, 'state.prior');
    expectLength(prior, classes.length, 'state.prior');
    m.fitted = { classes, prior, nFeatures: readInt(state, 'nFeatures', 'state') };
    return m;
  }
}

/** Strategies of {@link DummyRegressor}. */
export const DUMMY_REGRESSOR_STRATEGIES = ['mean', 'median'] as const;

/** Hyper-parameters of {@link DummyRegressor}. */
export interface DummyRegressorParams {
  /** The constant predicted (sklearn `strategy`: mean or median of the training target). Default 'mean'. */
  strategy: (typeof DUMMY_REGRESSOR_STRATEGIES)[number];
}

const REG_DEFAULTS: Readonly<DummyRegressorParams> = Object.freeze({ strategy: 'mean' });

interface DummyRegressorState {
  constant: number;
  nFeatures: number;
}

/** A regressor that predicts one constant. */
export class DummyRegressor extends EstimatorBase<DummyRegressorParams, DummyRegressorState> implements Regressor<DummyRegressorParams>, OnnxConvertible {
  static readonly KIND = 'DummyRegressor';
  readonly kind = DummyRegressor.KIND;
  readonly task = 'regression' as const;

  constructor(params: Partial<DummyRegressorParams> = {}) {
    super(mergeParams(DummyRegressor.KIND, REG_DEFAULTS, params));
  }

  private static validate(p: DummyRegressorParams): void {
    checkEnumParam(DummyRegressor.KIND, 'strategy', p.strategy, DUMMY_REGRESSOR_STRATEGIES);
  }

  /** Learns the weighted mean or median of `y`. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    DummyRegressor.validate(this.params);
    checkFitInput(this.kind, X, y, options, true);
    checkFiniteTarget(this.kind, y);
    const sw = options.sampleWeight;
    const constant = this.params.strategy === 'mean' ? weightedMean(y, sw) : sw ? weightedMedian(y, sw) : median(y);
    this.fitted = { constant, nFeatures: X.nCols };
    return this;
  }

  /** The learned constant. */
  get constant(): number {
    return this.state().constant;
  }

  /** The constant, once per row. */
  predict(X: Matrix): Float64Array {
    const s = this.state();
    checkPredictInput(this.kind, X, s.nFeatures, undefined, true);
    return new Float64Array(X.nRows).fill(s.constant);
  }

  /** A new unfitted copy with the same params. */
  clone(): DummyRegressor {
    return new DummyRegressor(this.getParams());
  }

  /** Serialises the fitted model. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), { constant: s.constant, nFeatures: s.nFeatures });
  }

  /** ONNX: a LinearRegressor with zero coefficients and the constant as intercept. */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output: string } {
    const s = this.state();
    return addLinearRegressor(builder, input, new Float64Array(s.nFeatures), s.constant);
  }

  /** Loads a model saved by {@link DummyRegressor.toArtifact}. */
  static fromArtifact(value: unknown): DummyRegressor {
    const { params, state } = readArtifact(value, DummyRegressor.KIND, [1], REG_DEFAULTS, DummyRegressor.validate);
    const m = new DummyRegressor(params);
    m.fitted = { constant: readNumber(state, 'constant', 'state'), nFeatures: readInt(state, 'nFeatures', 'state') };
    return m;
  }
}

function argmax(a: Float64Array): number {
  let best = 0;
  for (let k = 1; k < a.length; k++) if (a[k] > a[best]) best = k;
  return best;
}

function drawClass(rng: Rng, prior: Float64Array): number {
  const u = rng.next();
  let acc = 0;
  for (let k = 0; k < prior.length - 1; k++) {
    acc += prior[k];
    if (u < acc) return k;
  }
  return prior.length - 1;
}

function weightedMean(y: ArrayLike<number>, sw?: Float64Array): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = sw ? sw[i] : 1;
    s += wi * y[i];
    w += wi;
  }
  return s / w;
}

/** numpy's median: the middle value, or the mean of the two middle values. */
function median(y: ArrayLike<number>): number {
  const v = Float64Array.from(y as ArrayLike<number>).sort();
  const n = v.length;
  if (n === 0) throw new InvalidInputError('Cannot take the median of zero values.');
  return n % 2 === 1 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/**
 * Weighted median as scikit-learn's `_weighted_percentile(y, w, 50)`: the smallest value whose
 * cumulative weight reaches half of the total.
 */
function weightedMedian(y: ArrayLike<number>, sw: Float64Array): number {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => y[a] - y[b] || a - b);
  let total = 0;
  for (let i = 0; i < n; i++) total += sw[i];
  const half = total / 2;
  let acc = 0;
  for (const i of order) {
    acc += sw[i];
    if (acc >= half) return y[i];
  }
  return y[order[n - 1]];
}
