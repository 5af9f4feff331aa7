/**
 * Ordinary least squares (LinearRegression) and ridge regression (Ridge), both on the normal
 * equations of the centred, weighted design, as scikit-learn does with `fit_intercept=True`:
 *
 *   Ridge:  (Xcᵀ W Xc + alpha I) beta = Xcᵀ W yc, solved by Cholesky; intercept = ȳ - x̄ · beta
 *   OLS:    the same with alpha = 0; a rank-deficient design (collinear or one-hot columns) gets
 *           the minimum-norm solution, as numpy's `lstsq`, through an eigen-decomposition.
 *
 * Building the Gram matrix costs O(n p²) and the solve O(p³), so it suits the tens to low
 * thousands of features a tabular pipeline produces. Reference: Hastie et al., ESL §3.2 and §3.4.1.
 */
import type { Matrix } from '../core/matrix.js';
import type { FitOptions, Regressor } from '../core/interfaces.js';
import { decodeF64, encodeArray, makeArtifact, readNumber, type Artifact } from '../core/serialize.js';
import type { OnnxConvertible, OnnxGraphBuilder } from '../onnx/graph.js';
import {
  EstimatorBase,
  checkBoolParam,
  checkFiniteTarget,
  checkFitInput,
  checkNumberParam,
  checkPredictInput,
  expectLength,
  mergeParams,
  readArtifact,
  readInt,
} from '../baseline/common.js';
import { centeredGram, cholesky, choleskySolve, pseudoSolve, weightedColumnMeans } from './linalg.js';
import { addLinearRegressor } from './onnx.js';
import { coefficientImportances } from './importances.js';

interface LinearState {
  nFeatures: number;
  coef: Float64Array;
  intercept: number;
}

/** Weighted least squares with an L2 penalty `alpha` on the coefficients (not the intercept). */
function solveLeastSquares(X: Matrix, y: ArrayLike<number>, sw: Float64Array | undefined, alpha: number, fitIntercept: boolean): LinearState {
  const n = X.nRows;
  const p = X.nCols;
  let total = 0;
  if (sw) for (let i = 0; i < n; i++) total += sw[i];
  else total = n;
  const means = fitIntercept ? weightedColumnMeans(X, sw, total) : new Float64Array(p);
  let yMean = 0;
  if (fitIntercept) {
    for (let i = 0; i < n; i++) yMean += (sw ? sw[i] : 1) * y[i];
    yMean /= total;
  }
  const { G, b } = centeredGram(X, y, sw, means, yMean);
  let coef: Float64Array | undefined;
  if (alpha > 0) {
    const A = Float64Array.from(G);
    for (let j = 0; j < p; j++) A[j * p + j] += alpha;
    if (cholesky(A, p)) coef = choleskySolve(A, p, b);
  } else {
    // Plain OLS: Cholesky when the design is well conditioned, otherwise the minimum-norm solution.
    const A = Float64Array.from(G);
    if (cholesky(A, p)) {
      let minD = Infinity;
      let maxD = 0;
      for (let j = 0; j < p; j++) {
        const d = A[j * p + j];
        if (d < minD) minD = d;
        if (d > maxD) maxD = d;
      }
      if ((minD / maxD) ** 2 > 1e-10) coef = choleskySolve(A, p, b);
    }
  }
  if (!coef) coef = pseudoSolve(G, p, b, 1e-12);
  let intercept = 0;
  if (fitIntercept) {
    intercept = yMean;
    for (let j = 0; j < p; j++) intercept -= means[j] * coef[j];
  }
  return { nFeatures: p, coef, intercept };
}

function predictLinear(X: Matrix, s: LinearState): Float64Array {
  const n = X.nRows;
  const out = new Float64Array(n).fill(s.intercept);
  for (let j = 0; j < s.nFeatures; j++) {
    const w = s.coef[j];
    if (w === 0) continue;
    const off = j * n;
    for (let i = 0; i < n; i++) out[i] += w * X.data[off + i];
  }
  return out;
}

abstract class LinearRegressorBase<P extends { fitIntercept: boolean }> extends EstimatorBase<P, LinearState> implements OnnxConvertible {
  readonly task = 'regression' as const;

  /** Coefficients (sklearn `coef_`). */
  get coef(): Float64Array {
    return this.state().coef.slice();
  }

  /** Intercept (sklearn `intercept_`). */
  get intercept(): number {
    return this.state().intercept;
  }

  /** x · coef + intercept per row. */
  predict(X: Matrix): Float64Array {
    const s = this.state();
    checkPredictInput(this.kind, X, s.nFeatures);
    return predictLinear(X, s);
  }

  /** |coef| normalised to sum 1 (meaningful on standardised features). */
  featureImportances(): Float64Array {
    const s = this.state();
    return coefficientImportances(s.coef, s.nFeatures);
  }

  /** Serialises the fitted model. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), { nFeatures: s.nFeatures, coef: encodeArray(s.coef), intercept: s.intercept });
  }

  protected static readLinearState(state: Record<string, unknown>): LinearState {
    const nFeatures = readInt(state, 'nFeatures', 'state', 1);
    const coef = decodeF64(state.coef, 'state.coef');
    expectLength(coef, nFeatures, 'state.coef');
    return { nFeatures, coef, intercept: readNumber(state, 'intercept', 'state') };
  }

  /** ONNX: LinearRegressor. */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output: string } {
    const s = this.state();
    return addLinearRegressor(builder, input, s.coef, s.intercept);
  }

  protected fitLeastSquares(X: Matrix, y: ArrayLike<number>, options: FitOptions, alpha: number): void {
    checkFitInput(this.kind, X, y, options);
    checkFiniteTarget(this.kind, y);
    this.fitted = solveLeastSquares(X, y, options.sampleWeight, alpha, this.params.fitIntercept);
  }
}

/** Hyper-parameters of {@link LinearRegression}. */
export interface LinearRegressionParams {
  /** Fit an intercept (sklearn `fit_intercept`). Default true. */
  fitIntercept: boolean;
}

const OLS_DEFAULTS: Readonly<LinearRegressionParams> = Object.freeze({ fitIntercept: true });

function validateOls(p: LinearRegressionParams): void {
  checkBoolParam(LinearRegression.KIND, 'fitIntercept', p.fitIntercept);
}

/** Ordinary least squares. */
export class LinearRegression extends LinearRegressorBase<LinearRegressionParams> implements Regressor<LinearRegressionParams> {
  static readonly KIND = 'LinearRegression';
  readonly kind = LinearRegression.KIND;

  constructor(params: Partial<LinearRegressionParams> = {}) {
    super(mergeParams(LinearRegression.KIND, OLS_DEFAULTS, params));
  }

  /** Fits by least squares (minimum-norm when the design is rank-deficient). */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    validateOls(this.params);
    this.fitLeastSquares(X, y, options, 0);
    return this;
  }

  /** A new unfitted copy with the same params. */
  clone(): LinearRegression {
    return new LinearRegression(this.getParams());
  }

  /** Loads a model saved by `toArtifact`. */
  static fromArtifact(value: unknown): LinearRegression {
    const { params, state } = readArtifact(value, LinearRegression.KIND, [1], OLS_DEFAULTS, validateOls);
    const m = new LinearRegression(params);
    m.fitted = LinearRegressorBase.readLinearState(state);
    return m;
  }
}

/** Hyper-parameters of {@link Ridge}. */
export interface RidgeParams {
  /** L2 penalty strength (sklearn `alpha`). Default 1. */
  alpha: number;
  /** Fit an unpenalised intercept (sklearn `fit_intercept`). Default true. */
  fitIntercept: boolean;
}

const RIDGE_DEFAULTS: Readonly<RidgeParams> = Object.freeze({ alpha: 1, fitIntercept: true });

function validateRidge(p: RidgeParams): void {
  checkNumberParam(Ridge.KIND, 'alpha', p.alpha, { min: 0 });
  checkBoolParam(Ridge.KIND, 'fitIntercept', p.fitIntercept);
}

/** Ridge regression (closed form via Cholesky). */
export class Ridge extends LinearRegressorBase<RidgeParams> implements Regressor<RidgeParams> {
  static readonly KIND = 'Ridge';
  readonly kind = Ridge.KIND;

  constructor(params: Partial<RidgeParams> = {}) {
    super(mergeParams(Ridge.KIND, RIDGE_DEFAULTS, params));
  }

  /** Fits in closed form. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    validateRidge(this.params);
    this.fitLeastSquares(X, y, options, this.params.alpha);
    return this;
  }

  /** A new unfitted copy with the same params. */
  clone(): Ridge {
    return new Ridge(this.getParams());
  }

  /** Loads a model saved by `toArtifact`. */
  static fromArtifact(value: unknown): Ridge {
    const { params, state } = readArtifact(value, Ridge.KIND, [1], RIDGE_DEFAULTS, validateRidge);
    const m = new Ridge(params);
    m.fitted = LinearRegressorBase.readLinearState(state);
    return m;
  }
}
