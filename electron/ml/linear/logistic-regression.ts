/**
 * L2-regularised logistic regression (binary logistic for two classes, multinomial softmax for
 * more), fitted by L-BFGS, with the objective of scikit-learn's `LogisticRegression(solver='lbfgs')`:
 *
 *   minimise  sum_i s_i * logloss_i(W, b) + ||W||² / (2C)        (intercepts are not penalised)
 *
 * where s_i is the sample weight times the class weight. We minimise that objective divided by
 * sum_i s_i (same minimiser, but `tol` then means the same thing whatever the number of rows).
 * Binary problems use one weight vector (class 1 = the larger label); multinomial problems use K
 * vectors, which the penalty makes identifiable. Reference: Hastie, Tibshirani & Friedman, "The
 * Elements of Statistical Learning", §4.4; Nocedal & Wright for L-BFGS.
 *
 * The loops run over blocks of rows and, within a block, one column at a time (z += w_j * x_j, then
 * g_j += x_j · r): the block stays in cache between the two, and nothing is allocated per row.
 */
import { createMatrix, type Matrix } from '../core/matrix.js';
import type { Classifier } from '../core/interfaces.js';
import { getParallelExecutor, serialExecutor, type ParallelFitOptions, type ParallelTask } from '../core/parallel.js';
import { decodeF64, encodeArray, makeArtifact, readNumberArray, type Artifact } from '../core/serialize.js';
import type { OnnxConvertible, OnnxGraphBuilder } from '../onnx/graph.js';
import {
  CLASS_WEIGHT_MODES,
  EstimatorBase,
  argmaxLabels,
  checkBoolParam,
  checkEnumParam,
  checkFitInput,
  checkNumberParam,
  checkPredictInput,
  encodeLabels,
  expectLength,
  mergeParams,
  readArtifact,
  readInt,
  rowWeights,
  sigmoid,
  softmaxInPlace,
  type ClassWeightMode,
} from '../baseline/common.js';
import { minimizeLbfgs } from './lbfgs.js';
import { addBinaryLogistic, addLinearClassifier } from './onnx.js';
import { coefficientImportances } from './importances.js';
import { addColumnDots, addWeightedColumns } from './kernels.js';

/** Hyper-parameters of {@link LogisticRegression}. */
export interface LogisticRegressionParams {
  /** Inverse regularisation strength (sklearn `C`): smaller = stronger L2 penalty. Default 1. */
  C: number;
  /** 'l2' or 'none' (sklearn `penalty`, None = no penalty). Default 'l2'. */
  penalty: 'l2' | 'none';
  /** Fit an unpenalised intercept (sklearn `fit_intercept`). Default true. */
  fitIntercept: boolean;
  /** Most L-BFGS iterations (sklearn `max_iter`). Default 100. */
  maxIter: number;
  /**
   * Stopping tolerance with sklearn's meaning (`tol`): stop when the largest gradient component of
   * the summed objective is below it, or when the objective's relative decrease falls below
   * 2.2e-9 (SciPy's rule, which usually decides first; tightened in proportion for tol < 1e-4). Default 1e-4.
   */
  tol: number;
  /** 'balanced' weighs classes by n / (K * count) (sklearn `class_weight`). Default 'none'. */
  classWeight: ClassWeightMode;
}

const DEFAULTS: Readonly<LogisticRegressionParams> = Object.freeze({
  C: 1,
  penalty: 'l2',
  fitIntercept: true,
  maxIter: 100,
  tol: 1e-4,
  classWeight: 'none',
});

interface LogisticState {
  classes: number[];
  nFeatures: number;
  /** Row-major (K' x p), K' = 1 for binary problems. */
  coef: Float64Array;
  intercept: Float64Array;
  nIter: number;
  isConverged: boolean;
}

function validate(p: LogisticRegressionParams): void {
  const k = LogisticRegression.KIND;
  checkNumberParam(k, 'C', p.C, { greaterThan: 0 });
  checkEnumParam(k, 'penalty', p.penalty, ['l2', 'none']);
  checkBoolParam(k, 'fitIntercept', p.fitIntercept);
  checkNumberParam(k, 'maxIter', p.maxIter, { isInteger: true, min: 1 });
  checkNumberParam(k, 'tol', p.tol, { greaterThan: 0 });
  checkEnumParam(k, 'classWeight', p.classWeight, CLASS_WEIGHT_MODES);
}

/** Logistic regression classifier. */
export class LogisticRegression extends EstimatorBase<LogisticRegressionParams, LogisticState> implements Classifier<LogisticRegressionParams>, OnnxConvertible {
  static readonly KIND = 'LogisticRegression';
  readonly kind = LogisticRegression.KIND;
  readonly task = 'classification' as const;

  constructor(params: Partial<LogisticRegressionParams> = {}) {
    super(mergeParams(LogisticRegression.KIND, DEFAULTS, params));
  }

  /** Fits by L-BFGS. Features must be finite; standardise them for fast, well-conditioned fits. */
  fit(X: Matrix, y: ArrayLike<number>, options: ParallelFitOptions = {}): this {
    validate(this.params);
    checkFitInput(this.kind, X, y, options);
    const labels = encodeLabels(this.kind, y);
    const K = labels.classes.length;
    const n = X.nRows;
    const p = X.nCols;
    const s = rowWeights(labels, this.params.classWeight, options.sampleWeight);
    let sw = 0;
    for (let i = 0; i < n; i++) sw += s[i];
    const invSw = 1 / sw;
    const lambda = this.params.penalty === 'l2' ? 1 / (this.params.C * sw) : 0;
    const fitIntercept = this.params.fitIntercept;
    const Kp = K === 2 ? 1 : K;
    const dim = Kp * p + (fitIntercept ? Kp : 0);
    const data = X.data;

    // Start the intercepts at the (weighted) log-odds of the classes: same optimum, fewer iterations.
    const x0 = new Float64Array(dim);
    if (fitIntercept) {
      const freq = new Float64Array(K);
      for (let i = 0; i < n; i++) freq[labels.index[i]] += s[i];
      if (Kp === 1) x0[p] = Math.log(Math.max(freq[1], 1e-300) / Math.max(freq[0], 1e-300));
      else {
        let mean = 0;
        for (let k = 0; k < K; k++) mean += Math.log(Math.max(freq[k] * invSw, 1e-300)) / K;
        for (let k = 0; k < K; k++) x0[Kp * p + k] = Math.log(Math.max(freq[k] * invSw, 1e-300)) - mean;
      }
    }

    // The objective is a sum over fixed chunks of rows (logisticChunkTask), added in chunk order,
    // so the result is the same whether one thread computes every chunk or several share them.
    // With a thread pool, the rows live in shared memory so helpers read them without copies.
    const executor = options.executor ?? getParallelExecutor();
    const threaded = executor.threads > 1 && n * p >= PARALLEL_MIN_CELLS;
    const share = <T extends Float64Array | Int32Array>(a: T): T => {
      if (!threaded || a.buffer instanceof SharedArrayBuffer) return a;
      const b = new (a.constructor as new (buf: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
      b.set(a);
      return b;
    };
    const job: LogisticChunkInput = {
      data: share(data),
      n,
      p,
      K,
      fitIntercept,
      // Per-row constants: the weight over the weight sum, and the class index.
      c: share(Float64Array.from(s, (v) => v * invSw)),
      y: share(Int32Array.from(labels.index)),
      w: x0,
    };
    const nChunks = Math.ceil(n / OBJECTIVE_CHUNK);
    const penalised = Kp * p;
    const fg = (w: Float64Array, g: Float64Array): number => {
      job.w = w;
      const parts = threaded ? executor.map(logisticChunkTask, job, nChunks) : serialExecutor.map(logisticChunkTask, job, nChunks);
      g.fill(0);
      let loss = 0;
      for (const part of parts) {
        loss += part[0];
        for (let q = 0; q < dim; q++) g[q] += part[q + 1];
      }
      let pen = 0;
      for (let q = 0; q < penalised; q++) {
        g[q] += lambda * w[q];
        pen += w[q] * w[q];
      }
      return loss + 0.5 * lambda * pen;
    };

    const maxIter = this.params.maxIter;
    const tol = this.params.tol;
    const result = minimizeLbfgs(fg, x0, {
      maxIter,
      // Our objective is sklearn's divided by sum(s): scale the gradient rule the same way.
      gtol: tol * invSw,
      ftol: Math.min(2.220446049250313e-9, tol * 2.220446049250313e-5),
      signal: options.signal,
      onIteration: options.onProgress
        ? (it, f) => options.onProgress?.({ fraction: Math.min(1, it / maxIter), phase: 'iteration', iteration: it, totalIterations: maxIter, trainLoss: f })
        : undefined,
    });
    const coef = result.x.slice(0, Kp * p);
    const intercept = fitIntercept ? result.x.slice(Kp * p, Kp * p + Kp) : new Float64Array(Kp);
    this.fitted = { classes: labels.classes, nFeatures: p, coef, intercept, nIter: result.iterations, isConverged: result.isConverged };
    return this;
  }

  get classes(): readonly number[] {
    return this.state().classes;
  }

  /** Coefficients, row-major (1 x p for binary problems, K x p otherwise), as sklearn's `coef_`. */
  get coef(): Float64Array {
    return this.state().coef.slice();
  }

  /** Intercepts (length 1 or K), as sklearn's `intercept_`. */
  get intercept(): Float64Array {
    return this.state().intercept.slice();
  }

  /** L-BFGS iterations run and whether the stopping rule was met before `maxIter`. */
  get convergence(): { iterations: number; isConverged: boolean } {
    const s = this.state();
    return { iterations: s.nIter, isConverged: s.isConverged };
  }

  /** Linear scores: n x 1 for binary problems (log-odds of class 1), n x K otherwise. */
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

  /** Class probabilities (sigmoid or softmax of the scores). */
  predictProba(X: Matrix): Matrix {
    const Z = this.decisionFunction(X);
    if (Z.nCols === 1) {
      const n = Z.nRows;
      const P = createMatrix(n, 2);
      for (let i = 0; i < n; i++) {
        const q = sigmoid(Z.data[i]);
        P.data[i] = 1 - q;
        P.data[n + i] = q;
      }
      return P;
    }
    softmaxInPlace(Z);
    return Z;
  }

  /** Most probable class per row. */
  predict(X: Matrix): Float64Array {
    return argmaxLabels(this.predictProba(X), this.state().classes);
  }

  /** Mean |coefficient| per feature across classes, normalised to sum 1 (meaningful on standardised features). */
  featureImportances(): Float64Array {
    const s = this.state();
    return coefficientImportances(s.coef, s.nFeatures);
  }

  /** A new unfitted copy with the same params. */
  clone(): LogisticRegression {
    return new LogisticRegression(this.getParams());
  }

  /** Serialises the fitted model. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), {
      classes: s.classes,
      nFeatures: s.nFeatures,
      coef: encodeArray(s.coef),
      intercept: encodeArray(s.intercept),
      nIter: s.nIter,
      isConverged: s.isConverged,
    });
  }

  /** Loads a model saved by {@link LogisticRegression.toArtifact}. */
  static fromArtifact(value: unknown): LogisticRegression {
    const { params, state } = readArtifact(value, LogisticRegression.KIND, [1], DEFAULTS, validate);
    const m = new LogisticRegression(params);
    const classes = readNumberArray(state, 'classes', 'state');
    const nFeatures = readInt(state, 'nFeatures', 'state', 1);
    const Kp = classes.length === 2 ? 1 : classes.length;
    const coef = decodeF64(state.coef, 'state.coef');
    const intercept = decodeF64(state.intercept, 'state.intercept');
    expectLength(coef, Kp * nFeatures, 'state.coef');
    expectLength(intercept, Kp, 'state.intercept');
    m.fitted = { classes, nFeatures, coef, intercept, nIter: readInt(state, 'nIter', 'state'), isConverged: state.isConverged === true };
    return m;
  }

  /** ONNX: LinearClassifier with a softmax post-transform (binary models as the two-row form [0; w]). */
  toOnnx(builder: OnnxGraphBuilder, input: string): { label: string; probabilities: string } {
    const s = this.state();
    if (s.intercept.length === 1) return addBinaryLogistic(builder, input, s.coef, s.intercept[0]);
    return addLinearClassifier(builder, input, s.coef, s.intercept, 'SOFTMAX');
  }
}

/** Rows per chunk of the objective (fixed, so sums do not depend on the thread count). */
const OBJECTIVE_CHUNK = 16_384;
/** Smallest problem (rows x features) whose objective is shared between threads. */
const PARALLEL_MIN_CELLS = 400_000;
/** Rows per block inside a chunk: a block's slice of every column stays in cache between passes. */
const BLOCK = 2048;

/** What a chunk of the logistic objective reads. */
export interface LogisticChunkInput {
  /** Column-major n x p features. */
  data: Float64Array;
  n: number;
  p: number;
  /** Number of classes (2 = binary: one weight vector). */
  K: number;
  fitIntercept: boolean;
  /** Per row: its weight over the weight sum. */
  c: Float64Array;
  /** Per row: its class index. */
  y: Int32Array;
  /** Current weights: Kp x p coefficients (row-major), then Kp intercepts. */
  w: Float64Array;
}

/**
 * One chunk of the logistic objective (divided by the weight sum, penalty excluded): returns
 * [loss, gradient...]. Within the chunk, rows go in blocks: scores of a block, then residuals,
 * then the gradient, so X is read from memory once per evaluation.
 */
export const logisticChunkTask: ParallelTask<LogisticChunkInput, Float64Array> = {
  name: 'linear.logistic-objective-chunk',
  run(input, index) {
    const { data, n, p, K, fitIntercept, c, y: yk, w } = input;
    const Kp = K === 2 ? 1 : K;
    const dim = Kp * p + (fitIntercept ? Kp : 0);
    const out = new Float64Array(dim + 1);
    const g = out.subarray(1);
    const first = index * OBJECTIVE_CHUNK;
    const last = Math.min(n, first + OBJECTIVE_CHUNK);
    let loss = 0;
    if (Kp === 1) {
      const z = new Float64Array(BLOCK);
      const b0 = fitIntercept ? w[p] : 0;
      let gb = 0;
      for (let start = first; start < last; start += BLOCK) {
        const m = Math.min(BLOCK, last - start);
        z.fill(b0, 0, m);
        addWeightedColumns(data, n, start, m, p, w, 0, 1, z, 0);
        for (let i = 0; i < m; i++) {
          const zi = z[i];
          const ci = c[start + i];
          const yi = yk[start + i];
          // One exp serves both the loss and the gradient: e = exp(-|z|) in (0, 1]. log(1 + e)
          // rather than log1p: only its absolute value matters here, and it is cheaper.
          const e = Math.exp(-Math.abs(zi));
          loss += ci * ((zi > 0 ? zi : 0) + Math.log(1 + e) - yi * zi);
          const q = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
          const r = ci * (q - yi);
          z[i] = r; // z now holds the residuals of the block
          gb += r;
        }
        addColumnDots(data, n, start, m, p, z, 0, g, 0, 1);
      }
      if (fitIntercept) g[p] += gb;
    } else {
      const Z = new Float64Array(BLOCK * K);
      for (let start = first; start < last; start += BLOCK) {
        const m = Math.min(BLOCK, last - start);
        for (let k = 0; k < K; k++) Z.fill(fitIntercept ? w[K * p + k] : 0, k * BLOCK, k * BLOCK + m);
        for (let k = 0; k < K; k++) addWeightedColumns(data, n, start, m, p, w, k * p, 1, Z, k * BLOCK);
        for (let i = 0; i < m; i++) {
          let max = -Infinity;
          for (let k = 0; k < K; k++) if (Z[k * BLOCK + i] > max) max = Z[k * BLOCK + i];
          let sum = 0;
          for (let k = 0; k < K; k++) sum += Math.exp(Z[k * BLOCK + i] - max);
          const lse = max + Math.log(sum);
          const ci = c[start + i];
          const yi = yk[start + i];
          loss += ci * (lse - Z[yi * BLOCK + i]);
          for (let k = 0; k < K; k++) Z[k * BLOCK + i] = ci * Math.exp(Z[k * BLOCK + i] - lse);
          Z[yi * BLOCK + i] -= ci;
        }
        for (let k = 0; k < K; k++) {
          const zo = k * BLOCK;
          addColumnDots(data, n, start, m, p, Z, zo, g, k * p, 1);
          if (fitIntercept) {
            let gb = 0;
            for (let i = 0; i < m; i++) gb += Z[zo + i];
            g[K * p + k] += gb;
          }
        }
      }
    }
    out[0] = loss;
    return out;
  },
};
