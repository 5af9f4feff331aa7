/**
 * Estimator interfaces, in the spirit of scikit-learn: hyper-parameters go into the constructor
 * (merged into frozen defaults), `fit` learns and returns `this`, fitted models predict and
 * serialise to an {@link Artifact}.
 *
 * Conventions every estimator follows (STYLE.md section 6):
 * - the constructor only merges `Partial<Params>` into `DEFAULTS`; params are validated in `fit`;
 * - learned state lives in one `fitted?: State`; reading it before `fit` throws NotFittedError;
 * - `fit` replaces all learned state and never keeps X or y;
 * - every random step takes `randomState` (a seed) from the params.
 */
import type { Matrix } from './matrix.js';
import type { Artifact } from './serialize.js';
import type { AbortSignalLike } from './errors.js';

/** Progress reported while fitting (boosting and the MLP report a validation curve too). */
export interface FitProgress {
  /** 0..1 of the whole fit. */
  fraction: number;
  /** e.g. 'binning', 'iteration', 'tree' (free text; the backend maps it to an i18n key). */
  phase: string;
  iteration?: number;
  totalIterations?: number;
  /** Training loss at this iteration. */
  trainLoss?: number;
  /** Validation score at this iteration (for a learning curve). */
  validationScore?: number;
  /** Name of the validation score (e.g. 'log_loss'). */
  validationMetric?: string;
}

/** Options of `fit` that are not hyper-parameters. */
export interface FitOptions {
  /** Per-row weights (length nRows). */
  sampleWeight?: Float64Array;
  /** Stops the fit between iterations with CancelledError. */
  signal?: AbortSignalLike;
  /** Called between iterations; keep it cheap. */
  onProgress?: (p: FitProgress) => void;
  /** Column names, used in error messages and feature importances. */
  featureNames?: readonly string[];
}

/** Whatever every estimator has. */
export interface BaseEstimator<P extends object = object> {
  /** Registry kind, e.g. 'HistGradientBoostingClassifier'. */
  readonly kind: string;
  /** True once fitted. */
  readonly isFitted: boolean;
  getParams(): P;
  /** A new unfitted estimator with the same params. */
  clone(): BaseEstimator<P>;
  /** Serialises the fitted model. Throws NotFittedError before fit. */
  toArtifact(): Artifact;
}

/** A classifier. `y` holds class labels as numbers (the pipeline maps strings to codes 0..K-1). */
export interface Classifier<P extends object = object> extends BaseEstimator<P> {
  readonly task: 'classification';
  fit(X: Matrix, y: ArrayLike<number>, options?: FitOptions): this;
  /** Predicted labels (values from `classes`). */
  predict(X: Matrix): Float64Array;
  /** nRows x nClasses probabilities, columns in `classes` order. */
  predictProba(X: Matrix): Matrix;
  /** Sorted distinct labels seen in fit. */
  readonly classes: readonly number[];
  /** Impurity-based or coefficient-based importances, length nFeatures, where the model has them. */
  featureImportances?(): Float64Array;
}

/** A regressor. */
export interface Regressor<P extends object = object> extends BaseEstimator<P> {
  readonly task: 'regression';
  fit(X: Matrix, y: ArrayLike<number>, options?: FitOptions): this;
  predict(X: Matrix): Float64Array;
  featureImportances?(): Float64Array;
}

/** A supervised estimator. */
export type Estimator = Classifier | Regressor;

/** A numeric transformer (scalers, imputers on matrices...). */
export interface Transformer<P extends object = object> extends BaseEstimator<P> {
  fit(X: Matrix, y?: ArrayLike<number>): this;
  transform(X: Matrix): Matrix;
  fitTransform(X: Matrix, y?: ArrayLike<number>): Matrix;
}
