/**
 * Decision trees (CART, Breiman et al. 1984) for classification and regression, with
 * scikit-learn's parameters and defaults: fully grown unless limited by maxDepth / minSamples*,
 * Gini or entropy for classes, squared error for numbers, class and sample weights, weighted
 * impurity-decrease importances. The building itself is in cart.ts; this file is the estimator
 * surface (fit, predict, artifacts, ONNX) shared with the random forests in random-forest.ts.
 */
import { NotFittedError } from '../core/errors.js';
import type { Classifier, FitOptions, Regressor } from '../core/interfaces.js';
import type { Matrix } from '../core/matrix.js';
import { Rng } from '../core/rng.js';
import { checkArtifact, makeArtifact, type Artifact } from '../core/serialize.js';
import type { OnnxConvertible, OnnxGraphBuilder } from '../onnx/graph.js';
import { checkFeatures, checkFitArgs, checkOption, checkTarget, combinedWeights, encodeClasses, mergeParams, type ClassWeight } from '../boosting/checks.js';
import { FlatTreesBuilder } from '../boosting/predictor.js';
import { CartBuilder } from './cart.js';
import {
  averageTrees,
  decodeTreeState,
  encodeTreeState,
  labelsFromProba,
  normalize,
  paramsFromSpec,
  prepareCartData,
  resolveMaxFeatures,
  treesToOnnx,
  validateShape,
  type TreeModelState,
  type TreeShapeParams,
} from './common.js';

/** Hyper-parameters of DecisionTreeRegressor (see {@link TreeShapeParams}). */
export type DecisionTreeParams = TreeShapeParams;

/** Hyper-parameters of DecisionTreeClassifier. */
export interface DecisionTreeClassifierParams extends TreeShapeParams {
  /** 'balanced' weighs class k by n / (K * count_k) [class_weight]. Default 'none'. */
  classWeight: ClassWeight;
}

const REGRESSOR_DEFAULTS: DecisionTreeParams = Object.freeze({
  criterion: 'squared_error',
  maxDepth: null,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  maxFeatures: 'all',
  minImpurityDecrease: 0,
  maxBins: 255,
  randomState: 0,
});

const CLASSIFIER_DEFAULTS: DecisionTreeClassifierParams = Object.freeze({ ...REGRESSOR_DEFAULTS, criterion: 'gini', classWeight: 'none' });

const STATE_VERSION = 1;

/**
 * Fits one CART tree. NaN in features is supported (learned direction per split); infinities are
 * rejected.
 */
function fitOneTree(p: TreeShapeParams, X: Matrix, target: { yClass: Int32Array; nClasses: number } | { yValue: Float64Array }, weight: Float64Array | null, classes: number[]): TreeModelState {
  const data = prepareCartData(X, p.maxBins, p.randomState, target);
  const n = X.nRows;
  const w = weight ?? new Float64Array(n).fill(1);
  let m = 0;
  for (let i = 0; i < n; i++) if (w[i] > 0) m++;
  const rows = new Uint32Array(m);
  for (let i = 0, k = 0; i < n; i++) if (w[i] > 0) rows[k++] = i;
  const cartParams = {
    criterion: p.criterion,
    maxDepth: p.maxDepth,
    minSamplesSplit: p.minSamplesSplit,
    minSamplesLeaf: p.minSamplesLeaf,
    maxFeatures: resolveMaxFeatures(p.maxFeatures, X.nCols),
    minImpurityDecrease: p.minImpurityDecrease,
  };
  const tree = new CartBuilder(data, cartParams).build(rows, w, new Rng(p.randomState));
  const nOut = 'yClass' in target ? target.nClasses : 1;
  const b = new FlatTreesBuilder(X.nCols, nOut, tree.nNodes);
  b.addTree(tree.nNodes, tree.feature, tree.threshold, tree.missingLeft, tree.left, tree.right, tree.value);
  return { nFeatures: X.nCols, classes, trees: b.finish(), importances: normalize(tree.importances) };
}

/** A CART classification tree. */
export class DecisionTreeClassifier implements Classifier<DecisionTreeClassifierParams>, OnnxConvertible {
  static readonly KIND = 'DecisionTreeClassifier';
  readonly kind = DecisionTreeClassifier.KIND;
  readonly task = 'classification' as const;
  private readonly params: DecisionTreeClassifierParams;
  private fitted?: TreeModelState;

  constructor(params: Partial<DecisionTreeClassifierParams> = {}) {
    this.params = mergeParams(this.kind, CLASSIFIER_DEFAULTS, params);
  }

  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  getParams(): DecisionTreeClassifierParams {
    return { ...this.params };
  }

  clone(): DecisionTreeClassifier {
    return new DecisionTreeClassifier(this.getParams());
  }

  private state(): TreeModelState {
    if (!this.fitted) throw new NotFittedError(this.kind);
    return this.fitted;
  }

  get classes(): readonly number[] {
    return this.state().classes;
  }

  fit(X: Matrix, y: ArrayLike<number>, options?: FitOptions): this {
    validateClassifier(this.kind, this.params);
    checkFitArgs(this.kind, X, y, options);
    checkFeatures(this.kind, X, true, options?.featureNames);
    const labels = encodeClasses(this.kind, y);
    const weight = combinedWeights(labels, this.params.classWeight, options?.sampleWeight);
    this.fitted = fitOneTree(this.params, X, { yClass: labels.index, nClasses: labels.classes.length }, weight, labels.classes);
    return this;
  }

  predictProba(X: Matrix): Matrix {
    return averageTrees(this.kind, this.state().trees, X, true);
  }

  predict(X: Matrix): Float64Array {
    return labelsFromProba(this.predictProba(X), this.state().classes);
  }

  /** Weighted impurity decrease per feature, normalised to sum 1 (scikit-learn's feature_importances_). */
  featureImportances(): Float64Array {
    return this.state().importances.slice();
  }

  /** Number of leaves. */
  get leafCount(): number {
    const t = this.state().trees;
    let c = 0;
    for (let i = 0; i < t.feature.length; i++) if (t.feature[i] < 0) c++;
    return c;
  }

  toArtifact(): Artifact {
    return makeArtifact(this.kind, STATE_VERSION, this.getParams(), encodeTreeState(this.state()));
  }

  /** Loads a fitted tree from {@link toArtifact}'s output (validated; never executes anything). */
  static fromArtifact(value: unknown): DecisionTreeClassifier {
    const a = checkArtifact(value, DecisionTreeClassifier.KIND, [STATE_VERSION]);
    const m = new DecisionTreeClassifier(paramsFromSpec(DecisionTreeClassifier.KIND, a.params, CLASSIFIER_DEFAULTS, (p) => validateClassifier(DecisionTreeClassifier.KIND, p)));
    m.fitted = decodeTreeState(m.kind, a.state, 'classification', 1);
    return m;
  }

  toOnnx(b: OnnxGraphBuilder, input: string): { label?: string; probabilities?: string } {
    return treesToOnnx(b, input, this.state());
  }
}

/** A CART regression tree. */
export class DecisionTreeRegressor implements Regressor<DecisionTreeParams>, OnnxConvertible {
  static readonly KIND = 'DecisionTreeRegressor';
  readonly kind = DecisionTreeRegressor.KIND;
  readonly task = 'regression' as const;
  private readonly params: DecisionTreeParams;
  private fitted?: TreeModelState;

  constructor(params: Partial<DecisionTreeParams> = {}) {
    this.params = mergeParams(this.kind, REGRESSOR_DEFAULTS, params);
  }

  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  getParams(): DecisionTreeParams {
    return { ...this.params };
  }

  clone(): DecisionTreeRegressor {
    return new DecisionTreeRegressor(this.getParams());
  }

  private state(): TreeModelState {
    if (!this.fitted) throw new NotFittedError(this.kind);
    return this.fitted;
  }

  fit(X: Matrix, y: ArrayLike<number>, options?: FitOptions): this {
    validateShape(this.kind, this.params, 'regression');
    checkFitArgs(this.kind, X, y, options);
    checkFeatures(this.kind, X, true, options?.featureNames);
    const yValue = checkTarget(this.kind, y);
    const weight = combinedWeights(null, 'none', options?.sampleWeight);
    this.fitted = fitOneTree(this.params, X, { yValue }, weight, []);
    return this;
  }

  predict(X: Matrix): Float64Array {
    return averageTrees(this.kind, this.state().trees, X, true).data;
  }

  /** Weighted impurity decrease per feature, normalised to sum 1 (scikit-learn's feature_importances_). */
  featureImportances(): Float64Array {
    return this.state().importances.slice();
  }

  toArtifact(): Artifact {
    return makeArtifact(this.kind, STATE_VERSION, this.getParams(), encodeTreeState(this.state()));
  }

  /** Loads a fitted tree from {@link toArtifact}'s output (validated; never executes anything). */
  static fromArtifact(value: unknown): DecisionTreeRegressor {
    const a = checkArtifact(value, DecisionTreeRegressor.KIND, [STATE_VERSION]);
    const m = new DecisionTreeRegressor(paramsFromSpec(DecisionTreeRegressor.KIND, a.params, REGRESSOR_DEFAULTS, (p) => validateShape(DecisionTreeRegressor.KIND, p, 'regression')));
    m.fitted = decodeTreeState(m.kind, a.state, 'regression', 1);
    return m;
  }

  toOnnx(b: OnnxGraphBuilder, input: string): { output?: string } {
    return treesToOnnx(b, input, this.state());
  }
}

function validateClassifier(kind: string, p: DecisionTreeClassifierParams): void {
  validateShape(kind, p, 'classification');
  checkOption(kind, 'classWeight', p.classWeight, ['none', 'balanced']);
}
