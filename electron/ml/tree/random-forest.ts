/**
 * Random forests (Breiman 2001, "Random Forests"): `nEstimators` CART trees, each grown on a
 * bootstrap sample of the rows and trying `maxFeatures` random features per split; predictions
 * average the trees (class probabilities, or values), as scikit-learn's RandomForest*.
 *
 * Trees are independent, so they are grown in parallel through the engine's executor
 * (core/parallel.ts) in batches, with progress and cancellation between batches. Each tree's seed
 * is drawn from `randomState` before any tree starts, and the binned data sit in shared memory,
 * so the forest is the same whatever the thread count.
 */
import { NotFittedError, throwIfAborted } from '../core/errors.js';
import type { Classifier, Regressor } from '../core/interfaces.js';
import type { Matrix } from '../core/matrix.js';
import { allocBuffer, getParallelExecutor, type ParallelFitOptions } from '../core/parallel.js';
import { Rng } from '../core/rng.js';
import { checkArtifact, makeArtifact, type Artifact } from '../core/serialize.js';
import type { OnnxConvertible, OnnxGraphBuilder } from '../onnx/graph.js';
import { checkFeatures, checkFitArgs, checkNumber, checkOption, checkTarget, combinedWeights, encodeClasses, mergeParams, type ClassWeight } from '../boosting/checks.js';
import { FlatTreesBuilder } from '../boosting/predictor.js';
import type { CartTree } from './cart.js';
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
import { forestTreeTask, type ForestTaskInput } from './forest-task.js';

/** Hyper-parameters of RandomForestRegressor (scikit-learn names in brackets). */
export interface RandomForestParams extends TreeShapeParams {
  /** Trees in the forest [n_estimators]. Default 100. */
  nEstimators: number;
  /** Grow each tree on a bootstrap sample [bootstrap]. Default true. */
  bootstrap: boolean;
}

/** Hyper-parameters of RandomForestClassifier. */
export interface RandomForestClassifierParams extends RandomForestParams {
  /** 'balanced' weighs class k by n / (K * count_k) [class_weight]. Default 'none'. */
  classWeight: ClassWeight;
}

const REGRESSOR_DEFAULTS: RandomForestParams = Object.freeze({
  nEstimators: 100,
  criterion: 'squared_error',
  maxDepth: null,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  maxFeatures: 1,
  minImpurityDecrease: 0,
  bootstrap: true,
  maxBins: 255,
  randomState: 0,
});

const CLASSIFIER_DEFAULTS: RandomForestClassifierParams = Object.freeze({ ...REGRESSOR_DEFAULTS, criterion: 'gini', maxFeatures: 'sqrt', classWeight: 'none' });

const STATE_VERSION = 1;

function validateForest(kind: string, p: RandomForestParams, task: 'classification' | 'regression'): void {
  validateShape(kind, p, task);
  checkNumber(kind, 'nEstimators', p.nEstimators, { isInteger: true, min: 1, max: 10_000 });
  checkOption(kind, 'bootstrap', p.bootstrap, [true, false]);
  if (task === 'classification') checkOption(kind, 'classWeight', (p as RandomForestClassifierParams).classWeight, ['none', 'balanced']);
}

/** Grows the forest (in parallel batches) and averages per-tree normalised importances. */
function fitForest(p: RandomForestParams, X: Matrix, target: { yClass: Int32Array; nClasses: number } | { yValue: Float64Array }, weight: Float64Array | null, classes: number[], options: ParallelFitOptions | undefined): TreeModelState {
  const executor = options?.executor ?? getParallelExecutor();
  const shared = executor.threads > 1 && p.nEstimators > 1;
  const alloc = (bytes: number): ArrayBuffer | SharedArrayBuffer => allocBuffer(bytes, shared);
  options?.onProgress?.({ fraction: 0, phase: 'binning' });
  const data = prepareCartData(X, p.maxBins, p.randomState, sharedTarget(target, alloc), alloc, executor);
  let baseWeight: Float64Array | null = null;
  if (weight) {
    baseWeight = new Float64Array(alloc(weight.length * 8));
    baseWeight.set(weight);
  }
  const rng = new Rng(p.randomState);
  const seeds = new Uint32Array(p.nEstimators);
  for (let t = 0; t < p.nEstimators; t++) seeds[t] = rng.nextU32();
  const input: ForestTaskInput = {
    data,
    params: {
      criterion: p.criterion,
      maxDepth: p.maxDepth,
      minSamplesSplit: p.minSamplesSplit,
      minSamplesLeaf: p.minSamplesLeaf,
      maxFeatures: resolveMaxFeatures(p.maxFeatures, X.nCols),
      minImpurityDecrease: p.minImpurityDecrease,
    },
    baseWeight,
    bootstrap: p.bootstrap,
    seeds,
    firstTree: 0,
  };
  const nOut = 'yClass' in target ? target.nClasses : 1;
  const builder = new FlatTreesBuilder(X.nCols, nOut, 1024);
  const importances = new Float64Array(X.nCols);
  // Batches keep progress and cancellation responsive without idling threads much.
  const batch = Math.max(1, executor.threads * 8);
  for (let first = 0; first < p.nEstimators; first += batch) {
    throwIfAborted(options?.signal);
    const count = Math.min(batch, p.nEstimators - first);
    const trees: CartTree[] = executor.map(forestTreeTask, { ...input, firstTree: first }, count);
    for (const t of trees) {
      builder.addTree(t.nNodes, t.feature, t.threshold, t.missingLeft, t.left, t.right, t.value);
      const imp = normalize(Float64Array.from(t.importances));
      for (let j = 0; j < imp.length; j++) importances[j] += imp[j];
    }
    const done = first + count;
    options?.onProgress?.({ fraction: done / p.nEstimators, phase: 'tree', iteration: done, totalIterations: p.nEstimators });
  }
  return { nFeatures: X.nCols, classes, trees: builder.finish(), importances: normalize(importances) };
}

function sharedTarget(target: { yClass: Int32Array; nClasses: number } | { yValue: Float64Array }, alloc: (bytes: number) => ArrayBuffer | SharedArrayBuffer): { yClass: Int32Array; nClasses: number } | { yValue: Float64Array } {
  if ('yClass' in target) {
    const yClass = new Int32Array(alloc(target.yClass.length * 4));
    yClass.set(target.yClass);
    return { yClass, nClasses: target.nClasses };
  }
  const yValue = new Float64Array(alloc(target.yValue.length * 8));
  yValue.set(target.yValue);
  return { yValue };
}

/** A random forest of classification trees. */
export class RandomForestClassifier implements Classifier<RandomForestClassifierParams>, OnnxConvertible {
  static readonly KIND = 'RandomForestClassifier';
  readonly kind = RandomForestClassifier.KIND;
  readonly task = 'classification' as const;
  private readonly params: RandomForestClassifierParams;
  private fitted?: TreeModelState;

  constructor(params: Partial<RandomForestClassifierParams> = {}) {
    this.params = mergeParams(this.kind, CLASSIFIER_DEFAULTS, params);
  }

  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  getParams(): RandomForestClassifierParams {
    return { ...this.params };
  }

  clone(): RandomForestClassifier {
    return new RandomForestClassifier(this.getParams());
  }

  private state(): TreeModelState {
    if (!this.fitted) throw new NotFittedError(this.kind);
    return this.fitted;
  }

  get classes(): readonly number[] {
    return this.state().classes;
  }

  /** Trees in the fitted forest. */
  get treeCount(): number {
    return this.state().trees.treeStart.length - 1;
  }

  fit(X: Matrix, y: ArrayLike<number>, options?: ParallelFitOptions): this {
    validateForest(this.kind, this.params, 'classification');
    checkFitArgs(this.kind, X, y, options);
    checkFeatures(this.kind, X, true, options?.featureNames);
    const labels = encodeClasses(this.kind, y);
    const weight = combinedWeights(labels, this.params.classWeight, options?.sampleWeight);
    this.fitted = fitForest(this.params, X, { yClass: labels.index, nClasses: labels.classes.length }, weight, labels.classes, options);
    return this;
  }

  predictProba(X: Matrix): Matrix {
    return averageTrees(this.kind, this.state().trees, X, true);
  }

  predict(X: Matrix): Float64Array {
    return labelsFromProba(this.predictProba(X), this.state().classes);
  }

  /** Mean over trees of each tree's normalised impurity decrease (scikit-learn's feature_importances_). */
  featureImportances(): Float64Array {
    return this.state().importances.slice();
  }

  toArtifact(): Artifact {
    return makeArtifact(this.kind, STATE_VERSION, this.getParams(), encodeTreeState(this.state()));
  }

  /** Loads a fitted forest from {@link toArtifact}'s output (validated; never executes anything). */
  static fromArtifact(value: unknown): RandomForestClassifier {
    const a = checkArtifact(value, RandomForestClassifier.KIND, [STATE_VERSION]);
    const params = paramsFromSpec(RandomForestClassifier.KIND, a.params, CLASSIFIER_DEFAULTS, (p) => validateForest(RandomForestClassifier.KIND, p, 'classification'));
    const m = new RandomForestClassifier(params);
    m.fitted = decodeTreeState(m.kind, a.state, 'classification', params.nEstimators);
    return m;
  }

  toOnnx(b: OnnxGraphBuilder, input: string): { label?: string; probabilities?: string } {
    return treesToOnnx(b, input, this.state());
  }
}

/** A random forest of regression trees. */
export class RandomForestRegressor implements Regressor<RandomForestParams>, OnnxConvertible {
  static readonly KIND = 'RandomForestRegressor';
  readonly kind = RandomForestRegressor.KIND;
  readonly task = 'regression' as const;
  private readonly params: RandomForestParams;
  private fitted?: TreeModelState;

  constructor(params: Partial<RandomForestParams> = {}) {
    this.params = mergeParams(this.kind, REGRESSOR_DEFAULTS, params);
  }

  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  getParams(): RandomForestParams {
    return { ...this.params };
  }

  clone(): RandomForestRegressor {
    return new RandomForestRegressor(this.getParams());
  }

  private state(): TreeModelState {
    if (!this.fitted) throw new NotFittedError(this.kind);
    return this.fitted;
  }

  /** Trees in the fitted forest. */
  get treeCount(): number {
    return this.state().trees.treeStart.length - 1;
  }

  fit(X: Matrix, y: ArrayLike<number>, options?: ParallelFitOptions): this {
    validateForest(this.kind, this.params, 'regression');
    checkFitArgs(this.kind, X, y, options);
    checkFeatures(this.kind, X, true, options?.featureNames);
    const yValue = checkTarget(this.kind, y);
    const weight = combinedWeights(null, 'none', options?.sampleWeight);
    this.fitted = fitForest(this.params, X, { yValue }, weight, [], options);
    return this;
  }

  predict(X: Matrix): Float64Array {
    return averageTrees(this.kind, this.state().trees, X, true).data;
  }

  /** Mean over trees of each tree's normalised impurity decrease (scikit-learn's feature_importances_). */
  featureImportances(): Float64Array {
    return this.state().importances.slice();
  }

  toArtifact(): Artifact {
    return makeArtifact(this.kind, STATE_VERSION, this.getParams(), encodeTreeState(this.state()));
  }

  /** Loads a fitted forest from {@link toArtifact}'s output (validated; never executes anything). */
  static fromArtifact(value: unknown): RandomForestRegressor {
    const a = checkArtifact(value, RandomForestRegressor.KIND, [STATE_VERSION]);
    const params = paramsFromSpec(RandomForestRegressor.KIND, a.params, REGRESSOR_DEFAULTS, (p) => validateForest(RandomForestRegressor.KIND, p, 'regression'));
    const m = new RandomForestRegressor(params);
    m.fitted = decodeTreeState(m.kind, a.state, 'regression', params.nEstimators);
    return m;
  }

  toOnnx(b: OnnxGraphBuilder, input: string): { output?: string } {
    return treesToOnnx(b, input, this.state());
  }
}
