/**
 * Linear support vector classifier, the model of scikit-learn's `LinearSVC` (liblinear):
 *
 *   minimise  ||w||² / 2 + sum_i C_i * loss(y_i (w · x_i + b))      y_i in {-1, +1}
 *
 * with the hinge loss max(0, 1 - m) or the squared hinge max(0, 1 - m)², C_i = C * sample weight *
 * class weight. As liblinear, the intercept is an extra feature of constant value
 * `interceptScaling` and is therefore penalised too. Solver: dual coordinate descent (Hsieh, Chang,
 * Lin, Keerthi & Sundararajan, "A Dual Coordinate Descent Method for Large-scale Linear SVM",
 * ICML 2008), one pass over the rows in a seeded random order per iteration, stopping when the
 * spread of the projected gradient falls below `tol`. More than two classes: one-vs-rest.
 *
 * Probabilities: an SVM gives scores, not probabilities. `predictProba` maps each class's score
 * through a sigmoid fitted by Platt scaling (Platt, 1999, with the Newton method of Lin, Lin & Weng,
 * 2007) on the training scores; with several classes the one-vs-rest sigmoids are normalised to sum
 * to one. Calibrated on training data, they can be somewhat over-confident: read them as ranked
 * confidence; `predict` uses the scores and does not depend on the calibration.
 */
import { createMatrix, type Matrix } from '../core/matrix.js';
import type { Classifier, FitOptions } from '../core/interfaces.js';
import { throwIfAborted } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { decodeF64, encodeArray, makeArtifact, readNumberArray, type Artifact } from '../core/serialize.js';
import type { OnnxConvertible, OnnxGraphBuilder } from '../onnx/graph.js';
import {
  CLASS_WEIGHT_MODES,
  EstimatorBase,
  checkBoolParam,
  checkEnumParam,
  checkFitInput,
  checkNumberParam,
  checkPredictInput,
  checkSeedParam,
  encodeLabels,
  expectLength,
  mergeParams,
  readArtifact,
  readInt,
  rowWeights,
  sigmoid,
  type ClassWeightMode,
} from '../baseline/common.js';
import { coefficientImportances } from './importances.js';

/** Hyper-parameters of {@link LinearSVC}. */
export interface LinearSVCParams {
  /** Penalty of margin violations (sklearn `C`): larger = less regularisation. Default 1. */
  C: number;
  /** 'squaredHinge' (sklearn default 'squared_hinge') or 'hinge'. */
  loss: 'squaredHinge' | 'hinge';
  /** Stop when the projected-gradient spread is below this (sklearn `tol`). Default 1e-4. */
  tol: number;
  /** Most passes over the data (sklearn `max_iter`). Default 1000. */
  maxIter: number;
  /** Learn an intercept (as a penalised constant feature; sklearn `fit_intercept`). Default true. */
  fitIntercept: boolean;
  /** Value of that constant feature (sklearn `intercept_scaling`). Default 1. */
  interceptScaling: number;
  /** 'balanced' weighs classes by n / (K * count) (sklearn `class_weight`). Default 'none'. */
  classWeight: ClassWeightMode;
  /** Seed of the row order (sklearn `random_state`). Default 0. */
  randomState: number;
}

const DEFAULTS: Readonly<LinearSVCParams> = Object.freeze({
  C: 1,
  loss: 'squaredHinge',
  tol: 1e-4,
  maxIter: 1000,
  fitIntercept: true,
  interceptScaling: 1,
  classWeight: 'none',
  randomState: 0,
});

function validate(p: LinearSVCParams): void {
  const k = LinearSVC.KIND;
  checkNumberParam(k, 'C', p.C, { greaterThan: 0 });
  checkEnumParam(k, 'loss', p.loss, ['squaredHinge', 'hinge']);
  checkNumberParam(k, 'tol', p.tol, { greaterThan: 0 });
  checkNumberParam(k, 'maxIter', p.maxIter, { isInteger: true, min: 1 });
  checkBoolParam(k, 'fitIntercept', p.fitIntercept);
  checkNumberParam(k, 'interceptScaling', p.interceptScaling, { greaterThan: 0 });
  checkEnumParam(k, 'classWeight', p.classWeight, CLASS_WEIGHT_MODES);
  checkSeedParam(k, 'randomState', p.randomState);
}

interface SvcState {
  classes: number[];
  nFeatures: number;
  /** Row-major K' x p (K' = 1 for two classes). */
  coef: Float64Array;
  intercept: Float64Array;
  /** Platt parameters per score row: p = 1 / (1 + exp(A f + B)), stored [A0, B0, A1, B1, ...]. */
  platt: Float64Array;
  nIter: number;
}

/** Linear SVM classifier. */
export class LinearSVC extends EstimatorBase<LinearSVCParams, SvcState> implements Classifier<LinearSVCParams>, OnnxConvertible {
  static readonly KIND = 'LinearSVC';
  readonly kind = LinearSVC.KIND;
  readonly task = 'classification' as const;

  constructor(params: Partial<LinearSVCParams> = {}) {
    super(mergeParams(LinearSVC.KIND, DEFAULTS, params));
  }

  /** Fits one binary SVM per score row by dual coordinate descent, then the Platt sigmoids. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    validate(this.params);
    checkFitInput(this.kind, X, y, options);
    const labels = encodeLabels(this.kind, y);
    const K = labels.classes.length;
    const n = X.nRows;
    const p = X.nCols;
    const cw = rowWeights(labels, this.params.classWeight, options.sampleWeight);
    // Row-major copy (plus the intercept feature): the solver reads one row at a time.
    const bias = this.params.fitIntercept ? this.params.interceptScaling : 0;
    const d = p + (bias > 0 ? 1 : 0);
    const R = new Float64Array(n * d);
    for (let j = 0; j < p; j++) {
      const off = j * n;
      for (let i = 0; i < n; i++) R[i * d + j] = X.data[off + i];
    }
    if (bias > 0) for (let i = 0; i < n; i++) R[i * d + p] = bias;
    const sq = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += R[i * d + j] * R[i * d + j];
      sq[i] = s;
    }
    const Kp = K === 2 ? 1 : K;
    const coef = new Float64Array(Kp * p);
    const intercept = new Float64Array(Kp);
    const platt = new Float64Array(2 * Kp);
    const rng = new Rng(this.params.randomState);
    const sign = new Int8Array(n);
    let totalIter = 0;
    const scores = new Float64Array(n);
    for (let k = 0; k < Kp; k++) {
      const positive = Kp === 1 ? 1 : k;
      for (let i = 0; i < n; i++) sign[i] = labels.index[i] === positive ? 1 : -1;
      const { w, iterations } = this.solveDual(R, sq, sign, cw, n, d, rng, options, k, Kp);
      totalIter = Math.max(totalIter, iterations);
      coef.set(w.subarray(0, p), k * p);
      intercept[k] = bias > 0 ? w[p] * bias : 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += w[j] * R[i * d + j];
        scores[i] = s;
      }
      const [A, B] = plattScaling(scores, sign, options.sampleWeight);
      platt[2 * k] = A;
      platt[2 * k + 1] = B;
    }
    this.fitted = { classes: labels.classes, nFeatures: p, coef, intercept, platt, nIter: totalIter };
    return this;
  }

  private solveDual(
    R: Float64Array,
    sq: Float64Array,
    sign: Int8Array,
    cw: Float64Array,
    n: number,
    d: number,
    rng: Rng,
    options: FitOptions,
    task: number,
    nTasks: number,
  ): { w: Float64Array; iterations: number } {
    const C = this.params.C;
    const isHinge = this.params.loss === 'hinge';
    const w = new Float64Array(d);
    const alpha = new Float64Array(n);
    const upper = new Float64Array(n);
    const diag = new Float64Array(n);
    const order = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const Ci = C * cw[i];
      if (!(Ci > 0)) continue; // a zero-weight row never enters the dual
      order[m++] = i;
      upper[i] = isHinge ? Ci : Infinity;
      diag[i] = isHinge ? 0 : 0.5 / Ci;
    }
    const active = order.subarray(0, m);
    const maxIter = this.params.maxIter;
    const tol = this.params.tol;
    let iter = 0;
    for (; iter < maxIter; iter++) {
      if (iter % 8 === 0) throwIfAborted(options.signal);
      rng.shuffle(active);
      let pgMax = -Infinity;
      let pgMin = Infinity;
      for (let t = 0; t < m; t++) {
        const i = active[t];
        const off = i * d;
        const yi = sign[i];
        let wx = 0;
        for (let j = 0; j < d; j++) wx += w[j] * R[off + j];
        const G = yi * wx - 1 + diag[i] * alpha[i];
        const a = alpha[i];
        let pg = G;
        if (a === 0) pg = Math.min(G, 0);
        else if (a === upper[i]) pg = Math.max(G, 0);
        if (pg > pgMax) pgMax = pg;
        if (pg < pgMin) pgMin = pg;
        if (Math.abs(pg) > 1e-12) {
          const q = sq[i] + diag[i];
          const next = Math.min(Math.max(a - G / q, 0), upper[i]);
          const delta = (next - a) * yi;
          alpha[i] = next;
          if (delta !== 0) for (let j = 0; j < d; j++) w[j] += delta * R[off + j];
        }
      }
      options.onProgress?.({ fraction: (task + Math.min(1, (iter + 1) / maxIter)) / nTasks, phase: 'iteration', iteration: iter + 1, totalIterations: maxIter });
      if (pgMax - pgMin <= tol) {
        iter += 1;
        break;
      }
    }
    return { w, iterations: iter };
  }

  get classes(): readonly number[] {
    return this.state().classes;
  }

  /** Coefficients, row-major (1 x p for two classes, K x p otherwise), as sklearn's `coef_`. */
  get coef(): Float64Array {
    return this.state().coef.slice();
  }

  /** Intercepts, as sklearn's `intercept_`. */
  get intercept(): Float64Array {
    return this.state().intercept.slice();
  }

  /** Signed distances to the separating hyperplanes: n x 1 for two classes, n x K otherwise. */
  decisionFunction(X: Matrix): Matrix {
    const s = this.state();
    checkPredictInput(this.kind, X, s.nFeatures);
    const n = X.nRows;
    const p = s.nFeatures;
    const Kp = s.intercept.length;
    const out = createMatrix(n, Kp);
    for (let k = 0; k < Kp; k++) {
      const zo = k * n;
      out.data.fill(s.intercept[k], zo, zo + n);
      for (let j = 0; j < p; j++) {
        const w = s.coef[k * p + j];
        if (w === 0) continue;
        const off = j * n;
        for (let i = 0; i < n; i++) out.data[zo + i] += w * X.data[off + i];
      }
    }
    return out;
  }

  /** Class with the highest score (two classes: the second when the score is positive). */
  predict(X: Matrix): Float64Array {
    const s = this.state();
    const Z = this.decisionFunction(X);
    const n = X.nRows;
    const out = new Float64Array(n);
    if (Z.nCols === 1) {
      for (let i = 0; i < n; i++) out[i] = s.classes[Z.data[i] > 0 ? 1 : 0];
      return out;
    }
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < Z.nCols; k++) if (Z.data[k * n + i] > Z.data[best * n + i]) best = k;
      out[i] = s.classes[best];
    }
    return out;
  }

  /** Platt-scaled probabilities (see the file header for what they mean). */
  predictProba(X: Matrix): Matrix {
    const s = this.state();
    const Z = this.decisionFunction(X);
    const n = X.nRows;
    if (Z.nCols === 1) {
      const P = createMatrix(n, 2);
      for (let i = 0; i < n; i++) {
        const q = sigmoid(-(s.platt[0] * Z.data[i] + s.platt[1]));
        P.data[i] = 1 - q;
        P.data[n + i] = q;
      }
      return P;
    }
    const K = Z.nCols;
    for (let k = 0; k < K; k++) {
      const A = s.platt[2 * k];
      const B = s.platt[2 * k + 1];
      for (let i = 0; i < n; i++) Z.data[k * n + i] = sigmoid(-(A * Z.data[k * n + i] + B));
    }
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Z.data[k * n + i];
      if (sum > 0) for (let k = 0; k < K; k++) Z.data[k * n + i] /= sum;
      else for (let k = 0; k < K; k++) Z.data[k * n + i] = 1 / K;
    }
    return Z;
  }

  /** Mean |coefficient| per feature, normalised to sum 1. */
  featureImportances(): Float64Array {
    const s = this.state();
    return coefficientImportances(s.coef, s.nFeatures);
  }

  /** A new unfitted copy with the same params. */
  clone(): LinearSVC {
    return new LinearSVC(this.getParams());
  }

  /** Serialises the fitted model. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), {
      classes: s.classes,
      nFeatures: s.nFeatures,
      coef: encodeArray(s.coef),
      intercept: encodeArray(s.intercept),
      platt: encodeArray(s.platt),
      nIter: s.nIter,
    });
  }

  /** Loads a model saved by {@link LinearSVC.toArtifact}. */
  static fromArtifact(value: unknown): LinearSVC {
    const { params, state } = readArtifact(value, LinearSVC.KIND, [1], DEFAULTS, validate);
    const m = new LinearSVC(params);
    const classes = readNumberArray(state, 'classes', 'state');
    const nFeatures = readInt(state, 'nFeatures', 'state', 1);
    const Kp = classes.length === 2 ? 1 : classes.length;
    const coef = decodeF64(state.coef, 'state.coef');
    const intercept = decodeF64(state.intercept, 'state.intercept');
    const platt = decodeF64(state.platt, 'state.platt');
    expectLength(coef, Kp * nFeatures, 'state.coef');
    expectLength(intercept, Kp, 'state.intercept');
    expectLength(platt, 2 * Kp, 'state.platt');
    m.fitted = { classes, nFeatures, coef, intercept, platt, nIter: readInt(state, 'nIter', 'state') };
    return m;
  }

  /**
   * ONNX in default-domain operators: scores = X Wᵀ + b (MatMul, Add); label from the scores
   * (Greater for two classes, ArgMax otherwise); probabilities from the Platt sigmoids.
   */
  toOnnx(builder: OnnxGraphBuilder, input: string): { label: string; probabilities: string } {
    const s = this.state();
    const p = s.nFeatures;
    const Kp = s.intercept.length;
    const Wt = new Float64Array(p * Kp);
    for (let k = 0; k < Kp; k++) for (let j = 0; j < p; j++) Wt[j * Kp + k] = s.coef[k * p + j];
    const wName = builder.addInitializer('svc_coef', 'float', [p, Kp], Wt);
    const bName = builder.addInitializer('svc_intercept', 'float', [Kp], s.intercept);
    const [prod] = builder.addNode('MatMul', [input, wName], [builder.uniqueName('svc_prod')]);
    const [scores] = builder.addNode('Add', [prod, bName], [builder.uniqueName('svc_scores')]);
    const aName = builder.addInitializer('platt_a', 'float', [Kp], Array.from({ length: Kp }, (_, k) => -s.platt[2 * k]));
    const bbName = builder.addInitializer('platt_b', 'float', [Kp], Array.from({ length: Kp }, (_, k) => -s.platt[2 * k + 1]));
    const [scaled] = builder.addNode('Mul', [scores, aName], [builder.uniqueName('platt_scaled')]);
    const [shifted] = builder.addNode('Add', [scaled, bbName], [builder.uniqueName('platt_shifted')]);
    const [sig] = builder.addNode('Sigmoid', [shifted], [builder.uniqueName('platt_sigmoid')]);
    const label = builder.uniqueName('label');
    const probabilities = builder.uniqueName('probabilities');
    if (Kp === 1) {
      const zero = builder.addInitializer('zero', 'float', [], [0]);
      const one = builder.addInitializer('one', 'float', [], [1]);
      const [gt] = builder.addNode('Greater', [scores, zero], [builder.uniqueName('svc_positive')]);
      const [asInt] = builder.addNode('Cast', [gt], [builder.uniqueName('svc_label2d')], [{ name: 'to', type: 'int', value: 7 }]);
      const axes = builder.addInitializer('axes', 'int64', [1], [1]);
      builder.addNode('Squeeze', [asInt, axes], [label]);
      const [neg] = builder.addNode('Sub', [one, sig], [builder.uniqueName('platt_negative')]);
      builder.addNode('Concat', [neg, sig], [probabilities], [{ name: 'axis', type: 'int', value: 1 }]);
      return { label, probabilities };
    }
    builder.addNode('ArgMax', [scores], [label], [
      { name: 'axis', type: 'int', value: 1 },
      { name: 'keepdims', type: 'int', value: 0 },
    ]);
    const sumAxes = builder.addInitializer('axes', 'int64', [1], [1]);
    const [sum] = builder.addNode('ReduceSum', [sig, sumAxes], [builder.uniqueName('platt_sum')], [{ name: 'keepdims', type: 'int', value: 1 }]);
    builder.addNode('Div', [sig, sum], [probabilities]);
    return { label, probabilities };
  }
}

/**
 * Platt scaling: A, B minimising the (weighted) cross-entropy of 1 / (1 + exp(A f + B)) against
 * Platt's smoothed targets, by Newton's method with backtracking (Lin, Lin & Weng, 2007, Algorithm 1).
 */
export function plattScaling(f: Float64Array, sign: Int8Array, weights?: Float64Array): [number, number] {
  const n = f.length;
  let prior1 = 0;
  let prior0 = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    if (sign[i] > 0) prior1 += w;
    else prior0 += w;
  }
  const hiTarget = (prior1 + 1) / (prior1 + 2);
  const loTarget = 1 / (prior0 + 2);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = sign[i] > 0 ? hiTarget : loTarget;
  const objective = (A: number, B: number): number => {
    let fval = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      const fApB = f[i] * A + B;
      fval += w * (fApB >= 0 ? t[i] * fApB + Math.log1p(Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log1p(Math.exp(fApB)));
    }
    return fval;
  };
  let A = 0;
  let B = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = objective(A, B);
  const sigma = 1e-12;
  for (let it = 0; it < 100; it++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      const fApB = f[i] * A + B;
      let p: number;
      let q: number;
      if (fApB >= 0) {
        const e = Math.exp(-fApB);
        p = e / (1 + e);
        q = 1 / (1 + e);
      } else {
        const e = Math.exp(fApB);
        p = 1 / (1 + e);
        q = e / (1 + e);
      }
      const d2 = w * p * q;
      h11 += f[i] * f[i] * d2;
      h22 += d2;
      h21 += f[i] * d2;
      const d1 = w * (t[i] - p);
      g1 += f[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const nA = A + step * dA;
      const nB = B + step * dB;
      const nf = objective(nA, nB);
      if (nf < fval + 1e-4 * step * gd) {
        A = nA;
        B = nB;
        fval = nf;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  return [A, B];
}
