/**
 * Naive Bayes classifiers (features independent given the class), as scikit-learn's:
 * - GaussianNB: each feature normal within each class; the variances get `varSmoothing` times the
 *   largest feature variance added for stability (Chan, Golub & LeVeque's weighted moments);
 * - MultinomialNB: non-negative counts (word counts, TF-IDF, one-hot), with additive (Laplace /
 *   Lidstone) smoothing `alpha` (Manning, Raghavan & Schütze, IIR ch. 13).
 * Probabilities are the normalised exp of the joint log-likelihoods. Both export to ONNX: the
 * multinomial model is linear in the features (LinearClassifier); the Gaussian one is written with
 * default-domain operators.
 */
import { createMatrix, type Matrix } from '../core/matrix.js';
import type { Classifier, FitOptions } from '../core/interfaces.js';
import { InvalidInputError } from '../core/errors.js';
import { decodeF64, encodeArray, makeArtifact, readNumber, readNumberArray, type Artifact } from '../core/serialize.js';
import type { OnnxConvertible, OnnxGraphBuilder } from '../onnx/graph.js';
import {
  EstimatorBase,
  argmaxLabels,
  checkBoolParam,
  checkFitInput,
  checkNumberParam,
  checkPredictInput,
  encodeLabels,
  expectLength,
  mergeParams,
  readArtifact,
  readInt,
  softmaxInPlace,
} from '../baseline/common.js';
import { addLinearClassifier } from '../linear/onnx.js';

/** Hyper-parameters of {@link GaussianNB}. */
export interface GaussianNBParams {
  /** Share of the largest feature variance added to every variance (sklearn `var_smoothing`). Default 1e-9. */
  varSmoothing: number;
}

const GAUSSIAN_DEFAULTS: Readonly<GaussianNBParams> = Object.freeze({ varSmoothing: 1e-9 });

function validateGaussian(p: GaussianNBParams): void {
  checkNumberParam(GaussianNB.KIND, 'varSmoothing', p.varSmoothing, { min: 0 });
}

interface GaussianState {
  classes: number[];
  nFeatures: number;
  /** Row-major K x p means and (smoothed) variances. */
  theta: Float64Array;
  variance: Float64Array;
  logPrior: Float64Array;
  epsilon: number;
}

/** Gaussian naive Bayes. */
export class GaussianNB extends EstimatorBase<GaussianNBParams, GaussianState> implements Classifier<GaussianNBParams>, OnnxConvertible {
  static readonly KIND = 'GaussianNB';
  readonly kind = GaussianNB.KIND;
  readonly task = 'classification' as const;

  constructor(params: Partial<GaussianNBParams> = {}) {
    super(mergeParams(GaussianNB.KIND, GAUSSIAN_DEFAULTS, params));
  }

  /** Learns per-class weighted means and variances. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    validateGaussian(this.params);
    checkFitInput(this.kind, X, y, options);
    const labels = encodeLabels(this.kind, y);
    const K = labels.classes.length;
    const n = X.nRows;
    const p = X.nCols;
    const sw = options.sampleWeight;
    // epsilon from the unweighted variances of all rows, as scikit-learn.
    let maxVar = 0;
    for (let j = 0; j < p; j++) {
      const off = j * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += X.data[off + i];
      const mean = s / n;
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (X.data[off + i] - mean) ** 2;
      maxVar = Math.max(maxVar, ss / n);
    }
    const epsilon = this.params.varSmoothing * maxVar;
    const weight = new Float64Array(K);
    for (let i = 0; i < n; i++) weight[labels.index[i]] += sw ? sw[i] : 1;
    const theta = new Float64Array(K * p);
    const variance = new Float64Array(K * p);
    for (let j = 0; j < p; j++) {
      const off = j * n;
      for (let i = 0; i < n; i++) theta[labels.index[i] * p + j] += (sw ? sw[i] : 1) * X.data[off + i];
      for (let k = 0; k < K; k++) theta[k * p + j] /= weight[k];
      for (let i = 0; i < n; i++) {
        const k = labels.index[i];
        variance[k * p + j] += (sw ? sw[i] : 1) * (X.data[off + i] - theta[k * p + j]) ** 2;
      }
      for (let k = 0; k < K; k++) variance[k * p + j] = variance[k * p + j] / weight[k] + epsilon;
    }
    for (let k = 0; k < K; k++) {
      if (!(weight[k] > 0)) throw new InvalidInputError(`${this.kind}: class ${labels.classes[k]} has zero total sample weight.`, 'sampleWeight');
    }
    let total = 0;
    for (let k = 0; k < K; k++) total += weight[k];
    const logPrior = Float64Array.from(weight, (w) => Math.log(w / total));
    for (let k = 0; k < K * p; k++) {
      if (!(variance[k] > 0)) throw new InvalidInputError(`${this.kind}: a feature has zero variance within a class; raise varSmoothing.`, 'varSmoothing');
    }
    this.fitted = { classes: labels.classes, nFeatures: p, theta, variance, logPrior, epsilon };
    return this;
  }

  get classes(): readonly number[] {
    return this.state().classes;
  }

  /** Per-class means (row-major K x p), as sklearn's `theta_`. */
  get theta(): Float64Array {
    return this.state().theta.slice();
  }

  /** Per-class variances with the smoothing added (sklearn `var_`). */
  get variance(): Float64Array {
    return this.state().variance.slice();
  }

  /** Joint log-likelihood of each row and class (n x K). */
  jointLogLikelihood(X: Matrix): Matrix {
    const s = this.state();
    checkPredictInput(this.kind, X, s.nFeatures);
    const n = X.nRows;
    const p = s.nFeatures;
    const K = s.classes.length;
    const out = createMatrix(n, K);
    for (let k = 0; k < K; k++) {
      let c = s.logPrior[k];
      for (let j = 0; j < p; j++) c -= 0.5 * Math.log(2 * Math.PI * s.variance[k * p + j]);
      const zo = k * n;
      out.data.fill(c, zo, zo + n);
      for (let j = 0; j < p; j++) {
        const mu = s.theta[k * p + j];
        const inv = 0.5 / s.variance[k * p + j];
        const off = j * n;
        for (let i = 0; i < n; i++) {
          const d = X.data[off + i] - mu;
          out.data[zo + i] -= d * d * inv;
        }
      }
    }
    return out;
  }

  /** Class probabilities. */
  predictProba(X: Matrix): Matrix {
    const J = this.jointLogLikelihood(X);
    softmaxInPlace(J);
    return J;
  }

  /** Most probable class. */
  predict(X: Matrix): Float64Array {
    return argmaxLabels(this.jointLogLikelihood(X), this.state().classes);
  }

  /** A new unfitted copy. */
  clone(): GaussianNB {
    return new GaussianNB(this.getParams());
  }

  /** Serialises the fitted model. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), {
      classes: s.classes,
      nFeatures: s.nFeatures,
      theta: encodeArray(s.theta),
      variance: encodeArray(s.variance),
      logPrior: encodeArray(s.logPrior),
      epsilon: s.epsilon,
    });
  }

  /** Loads a model saved by `toArtifact`. */
  static fromArtifact(value: unknown): GaussianNB {
    const { params, state } = readArtifact(value, GaussianNB.KIND, [1], GAUSSIAN_DEFAULTS, validateGaussian);
    const m = new GaussianNB(params);
    const classes = readNumberArray(state, 'classes', 'state');
    const nFeatures = readInt(state, 'nFeatures', 'state', 1);
    const theta = decodeF64(state.theta, 'state.theta');
    const variance = decodeF64(state.variance, 'state.variance');
    const logPrior = decodeF64(state.logPrior, 'state.logPrior');
    expectLength(theta, classes.length * nFeatures, 'state.theta');
    expectLength(variance, classes.length * nFeatures, 'state.variance');
    expectLength(logPrior, classes.length, 'state.logPrior');
    m.fitted = { classes, nFeatures, theta, variance, logPrior, epsilon: readNumber(state, 'epsilon', 'state') };
    return m;
  }

  /**
   * ONNX: jll = c - sum_j (x_j - mu_kj)² / (2 var_kj), computed in double as differences (Cast,
   * Unsqueeze, Sub, Mul, ReduceSum) rather than an expanded float quadratic, which loses everything
   * to rounding when a variance is tiny (a one-hot column constant within a class). Then Softmax
   * and ArgMax.
   */
  toOnnx(builder: OnnxGraphBuilder, input: string): { label: string; probabilities: string } {
    const s = this.state();
    const p = s.nFeatures;
    const K = s.classes.length;
    const halfInv = new Float64Array(K * p);
    const c = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      c[k] = s.logPrior[k];
      for (let j = 0; j < p; j++) {
        halfInv[k * p + j] = 0.5 / s.variance[k * p + j];
        c[k] -= 0.5 * Math.log(2 * Math.PI * s.variance[k * p + j]);
      }
    }
    // In double: with a tiny variance the log-likelihoods reach ~1e9, where float32 keeps no digits.
    const mu = builder.addInitializer('nb_theta', 'double', [K, p], s.theta);
    const w = builder.addInitializer('nb_half_inverse_variance', 'double', [K, p], halfInv);
    const cName = builder.addInitializer('nb_constant', 'double', [K], c);
    const [x64] = builder.addNode('Cast', [input], [builder.uniqueName('nb_x64')], [{ name: 'to', type: 'int', value: 11 }]);
    const axes = builder.addInitializer('axes', 'int64', [1], [1]);
    const [x3] = builder.addNode('Unsqueeze', [x64, axes], [builder.uniqueName('nb_x')]);
    const [diff] = builder.addNode('Sub', [x3, mu], [builder.uniqueName('nb_diff')]);
    const [sq] = builder.addNode('Mul', [diff, diff], [builder.uniqueName('nb_sq')]);
    const [scaled] = builder.addNode('Mul', [sq, w], [builder.uniqueName('nb_scaled')]);
    const sumAxes = builder.addInitializer('axes', 'int64', [1], [2]);
    const [dist] = builder.addNode('ReduceSum', [scaled, sumAxes], [builder.uniqueName('nb_distance')], [{ name: 'keepdims', type: 'int', value: 0 }]);
    const [jll] = builder.addNode('Sub', [cName, dist], [builder.uniqueName('nb_jll')]);
    const probabilities = builder.uniqueName('probabilities');
    const label = builder.uniqueName('label');
    const [p64] = builder.addNode('Softmax', [jll], [builder.uniqueName('nb_p64')], [{ name: 'axis', type: 'int', value: 1 }]);
    builder.addNode('Cast', [p64], [probabilities], [{ name: 'to', type: 'int', value: 1 }]);
    builder.addNode('ArgMax', [jll], [label], [
      { name: 'axis', type: 'int', value: 1 },
      { name: 'keepdims', type: 'int', value: 0 },
    ]);
    return { label, probabilities };
  }
}

/** Hyper-parameters of {@link MultinomialNB}. */
export interface MultinomialNBParams {
  /** Additive smoothing (sklearn `alpha`; values below 1e-10 are raised to 1e-10). Default 1. */
  alpha: number;
  /** Learn class priors from the data; otherwise uniform (sklearn `fit_prior`). Default true. */
  fitPrior: boolean;
}

const MULTINOMIAL_DEFAULTS: Readonly<MultinomialNBParams> = Object.freeze({ alpha: 1, fitPrior: true });

function validateMultinomial(p: MultinomialNBParams): void {
  checkNumberParam(MultinomialNB.KIND, 'alpha', p.alpha, { min: 0 });
  checkBoolParam(MultinomialNB.KIND, 'fitPrior', p.fitPrior);
}

interface MultinomialState {
  classes: number[];
  nFeatures: number;
  /** Row-major K x p log P(feature | class). */
  featureLogProb: Float64Array;
  classLogPrior: Float64Array;
}

/** Multinomial naive Bayes (non-negative features). */
export class MultinomialNB extends EstimatorBase<MultinomialNBParams, MultinomialState> implements Classifier<MultinomialNBParams>, OnnxConvertible {
  static readonly KIND = 'MultinomialNB';
  readonly kind = MultinomialNB.KIND;
  readonly task = 'classification' as const;

  constructor(params: Partial<MultinomialNBParams> = {}) {
    super(mergeParams(MultinomialNB.KIND, MULTINOMIAL_DEFAULTS, params));
  }

  /** Learns smoothed per-class feature frequencies. Features must be non-negative. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    validateMultinomial(this.params);
    checkFitInput(this.kind, X, y, options);
    const labels = encodeLabels(this.kind, y);
    const K = labels.classes.length;
    const n = X.nRows;
    const p = X.nCols;
    const sw = options.sampleWeight;
    assertNonNegative(this.kind, X, options.featureNames);
    const alpha = Math.max(this.params.alpha, 1e-10);
    const counts = new Float64Array(K * p);
    const classCount = new Float64Array(K);
    for (let i = 0; i < n; i++) classCount[labels.index[i]] += sw ? sw[i] : 1;
    for (let j = 0; j < p; j++) {
      const off = j * n;
      for (let i = 0; i < n; i++) counts[labels.index[i] * p + j] += (sw ? sw[i] : 1) * X.data[off + i];
    }
    const featureLogProb = new Float64Array(K * p);
    for (let k = 0; k < K; k++) {
      let total = 0;
      for (let j = 0; j < p; j++) total += counts[k * p + j] + alpha;
      const logTotal = Math.log(total);
      for (let j = 0; j < p; j++) featureLogProb[k * p + j] = Math.log(counts[k * p + j] + alpha) - logTotal;
    }
    let total = 0;
    for (let k = 0; k < K; k++) total += classCount[k];
    const classLogPrior = Float64Array.from(classCount, (c) => (this.params.fitPrior ? Math.log(c) - Math.log(total) : -Math.log(K)));
    this.fitted = { classes: labels.classes, nFeatures: p, featureLogProb, classLogPrior };
    return this;
  }

  get classes(): readonly number[] {
    return this.state().classes;
  }

  /** log P(feature | class), row-major K x p (sklearn `feature_log_prob_`). */
  get featureLogProb(): Float64Array {
    return this.state().featureLogProb.slice();
  }

  /** Joint log-likelihood (n x K). */
  jointLogLikelihood(X: Matrix): Matrix {
    const s = this.state();
    checkPredictInput(this.kind, X, s.nFeatures);
    const n = X.nRows;
    const p = s.nFeatures;
    const K = s.classes.length;
    const out = createMatrix(n, K);
    for (let k = 0; k < K; k++) {
      const zo = k * n;
      out.data.fill(s.classLogPrior[k], zo, zo + n);
      for (let j = 0; j < p; j++) {
        const w = s.featureLogProb[k * p + j];
        const off = j * n;
        for (let i = 0; i < n; i++) out.data[zo + i] += w * X.data[off + i];
      }
    }
    return out;
  }

  /** Class probabilities. */
  predictProba(X: Matrix): Matrix {
    const J = this.jointLogLikelihood(X);
    softmaxInPlace(J);
    return J;
  }

  /** Most probable class. */
  predict(X: Matrix): Float64Array {
    return argmaxLabels(this.jointLogLikelihood(X), this.state().classes);
  }

  /** A new unfitted copy. */
  clone(): MultinomialNB {
    return new MultinomialNB(this.getParams());
  }

  /** Serialises the fitted model. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), {
      classes: s.classes,
      nFeatures: s.nFeatures,
      featureLogProb: encodeArray(s.featureLogProb),
      classLogPrior: encodeArray(s.classLogPrior),
    });
  }

  /** Loads a model saved by `toArtifact`. */
  static fromArtifact(value: unknown): MultinomialNB {
    const { params, state } = readArtifact(value, MultinomialNB.KIND, [1], MULTINOMIAL_DEFAULTS, validateMultinomial);
    const m = new MultinomialNB(params);
    const classes = readNumberArray(state, 'classes', 'state');
    const nFeatures = readInt(state, 'nFeatures', 'state', 1);
    const featureLogProb = decodeF64(state.featureLogProb, 'state.featureLogProb');
    const classLogPrior = decodeF64(state.classLogPrior, 'state.classLogPrior');
    expectLength(featureLogProb, classes.length * nFeatures, 'state.featureLogProb');
    expectLength(classLogPrior, classes.length, 'state.classLogPrior');
    m.fitted = { classes, nFeatures, featureLogProb, classLogPrior };
    return m;
  }

  /** ONNX: a LinearClassifier (coefficients = log feature probabilities) with a softmax. */
  toOnnx(builder: OnnxGraphBuilder, input: string): { label: string; probabilities: string } {
    const s = this.state();
    return addLinearClassifier(builder, input, s.featureLogProb, s.classLogPrior, 'SOFTMAX');
  }
}

function assertNonNegative(kind: string, X: Matrix, names?: readonly string[]): void {
  for (let j = 0; j < X.nCols; j++) {
    const off = j * X.nRows;
    for (let i = 0; i < X.nRows; i++) {
      if (X.data[off + i] < 0) {
        const name = names?.[j] ?? `feature ${j}`;
        throw new InvalidInputError(`${kind} needs non-negative features (counts, frequencies): ${name} is negative at row ${i}; use min-max scaling instead of standardisation.`, names?.[j]);
      }
    }
  }
}
