/**
 * Histogram-based gradient boosting (Friedman 2001, "Greedy function approximation: a gradient
 * boosting machine"; second-order leaf values and gains of Chen & Guestrin 2016; binned features
 * and leaf-wise growth of LightGBM, Ke et al. 2017), following scikit-learn's
 * HistGradientBoostingClassifier/Regressor: same defaults, same binning, same split gain and the
 * same early-stopping rule, so a model trained here scores like scikit-learn's on the same data.
 *
 * The loop: raw = baseline; each iteration computes gradients/hessians of the loss, grows one
 * tree per output on them (shrunk by the learning rate) and adds its leaf values to the raw
 * predictions. With early stopping, a stratified `validationFraction` of the rows is held out and
 * fitting stops once the validation loss has not improved by more than `tol` for `nIterNoChange`
 * iterations. NaN is a first-class value: it gets its own bin and each split learns where it goes.
 */
import { ArtifactError, InvalidInputError, NotFittedError, throwIfAborted } from '../core/errors.js';
import type { Classifier, Regressor } from '../core/interfaces.js';
import { allocBuffer, getParallelExecutor, type ParallelFitOptions } from '../core/parallel.js';
import { ParallelHistograms, runPerRowChunk, type PerRowInput } from './parallel-histogram.js';
import { createMatrix, type Matrix } from '../core/matrix.js';
import { Rng } from '../core/rng.js';
import { checkArtifact, decodeF64, encodeArray, makeArtifact, readNumber, readNumberArray, type Artifact } from '../core/serialize.js';
import type { OnnxConvertible, OnnxGraphBuilder } from '../onnx/graph.js';
import { addBinaryLogisticHead, addSoftmaxHead, addTreeEnsemble } from '../onnx/tree-ensemble.js';
import { applyBins, fitAndBin, rowMajorLayout, type BinMapper, type RowMajorBins } from './binning.js';
import { ROW_CHUNK, SCALE_STRIDE, combineScales } from './histogram.js';
import {
  argmaxRow,
  checkFeatures,
  checkFitArgs,
  checkNumber,
  checkOption,
  checkPredictFeatures,
  checkSeed,
  checkTarget,
  combinedWeights,
  encodeClasses,
  mergeParams,
  type ClassWeight,
} from './checks.js';
import { binGoesLeft, GrowerWorkspace, growTree, type GrownTree, type GrowerParams } from './grower.js';
import { objectiveFromSpec, type Objective, type ObjectiveSpec } from './losses.js';
import { addTreeOutputs, decodeTrees, encodeTrees, FlatTreesBuilder, type FlatTrees } from './predictor.js';

/** Hyper-parameters shared by the classifier and the regressor (scikit-learn names in brackets). */
export interface HistGradientBoostingParams {
  /** Shrinkage of every leaf value [learning_rate]. Default 0.1. */
  learningRate: number;
  /** Boosting iterations (trees per output) [max_iter]. Default 100. */
  maxIter: number;
  /** Leaves per tree at most, null = unlimited [max_leaf_nodes]. Default 31. */
  maxLeafNodes: number | null;
  /** Depth limit (edges from the root), null = none [max_depth]; with maxLeafNodes null this is depth-wise growth. */
  maxDepth: number | null;
  /** Rows per leaf at least [min_samples_leaf]. Default 20. */
  minSamplesLeaf: number;
  /** L2 penalty on leaf values [l2_regularization]. Default 0. */
  l2Regularization: number;
  /** Bins per feature for non-missing values, 2..255 [max_bins]. Default 255. */
  maxBins: number;
  /** 'auto' = on when there are more than 10,000 rows; 'on'/'off' (or true/false) force it [early_stopping]. */
  earlyStopping: 'auto' | 'on' | 'off' | boolean;
  /** Share of rows held out for early stopping [validation_fraction]. Default 0.1. */
  validationFraction: number;
  /** Iterations without improvement before stopping [n_iter_no_change]. Default 10. */
  nIterNoChange: number;
  /** Smallest validation-loss improvement that counts [tol]. Default 1e-7. */
  tol: number;
  /** Seed of the validation split and of bin subsampling [random_state]. Default 0. */
  randomState: number;
}

/** Classifier hyper-parameters. */
export interface HistGradientBoostingClassifierParams extends HistGradientBoostingParams {
  /** 'balanced' weighs class k by n / (K * count_k) [class_weight]. Default 'none'. */
  classWeight: ClassWeight;
}

const COMMON_DEFAULTS: HistGradientBoostingParams = Object.freeze({
  learningRate: 0.1,
  maxIter: 100,
  maxLeafNodes: 31,
  maxDepth: null,
  minSamplesLeaf: 20,
  l2Regularization: 0,
  maxBins: 255,
  earlyStopping: 'auto',
  validationFraction: 0.1,
  nIterNoChange: 10,
  tol: 1e-7,
  randomState: 0,
});

const CLASSIFIER_DEFAULTS: HistGradientBoostingClassifierParams = Object.freeze({ ...COMMON_DEFAULTS, classWeight: 'none' });

/** Rows whose values set the bin edges (scikit-learn uses 2e5; quantiles of 5e4 rows bin as well and sort 4x faster). */
const BINNING_SUBSAMPLE = 50_000;
const MIN_HESSIAN_TO_SPLIT = 1e-3;
/** Below this many training rows, threads cost more than they save. */
const MIN_ROWS_FOR_THREADS = 20_000;
const STATE_VERSION = 1;

/** What a fitted booster holds. */
interface BoostingState {
  nFeatures: number;
  /** Raw baseline per output. */
  baseline: Float64Array;
  /** nIter * nOutputs trees; tree t feeds output t % nOutputs. */
  trees: FlatTrees;
  nIter: number;
  /** Gain-based importances (sum 1, or all 0 for stumps). */
  importances: Float64Array;
  /** Training loss per iteration (iteration 0 = baseline), when recorded. */
  trainLoss: number[];
  /** Validation loss per iteration when early stopping ran. */
  validationLoss: number[];
}

function validateParams(kind: string, p: HistGradientBoostingParams): void {
  checkNumber(kind, 'learningRate', p.learningRate, { above: 0 });
  checkNumber(kind, 'maxIter', p.maxIter, { isInteger: true, min: 1 });
  checkNumber(kind, 'maxLeafNodes', p.maxLeafNodes, { isInteger: true, min: 2, isNullable: true });
  checkNumber(kind, 'maxDepth', p.maxDepth, { isInteger: true, min: 1, isNullable: true });
  checkNumber(kind, 'minSamplesLeaf', p.minSamplesLeaf, { isInteger: true, min: 1 });
  checkNumber(kind, 'l2Regularization', p.l2Regularization, { min: 0 });
  checkNumber(kind, 'maxBins', p.maxBins, { isInteger: true, min: 2, max: 255 });
  checkOption(kind, 'earlyStopping', p.earlyStopping, ['auto', 'on', 'off', true, false]);
  checkNumber(kind, 'validationFraction', p.validationFraction, { above: 0, max: 0.9 });
  checkNumber(kind, 'nIterNoChange', p.nIterNoChange, { isInteger: true, min: 1 });
  checkNumber(kind, 'tol', p.tol, { min: 0 });
  checkSeed(kind, 'randomState', p.randomState);
}

/** Splits rows into sorted train / validation index lists (stratified by `strata` when given). */
function validationSplit(n: number, fraction: number, strata: Int32Array | null, nStrata: number, rng: Rng): { train: Uint32Array; val: Uint32Array } {
  const nVal = Math.ceil(fraction * n);
  const isVal = new Uint8Array(n);
  if (strata) {
    const groups: number[][] = Array.from({ length: nStrata }, () => []);
    for (let i = 0; i < n; i++) groups[strata[i]].push(i);
    // Floor of each class's share, then the leftover rows to the largest remainders.
    const want = groups.map((g) => (g.length * nVal) / n);
    const take = want.map(Math.floor);
    let left = nVal - take.reduce((a, b) => a + b, 0);
    const order = want.map((w, k) => [w - Math.floor(w), k]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, k] of order) {
      if (left === 0) break;
      if (take[k] < groups[k].length) {
        take[k]++;
        left--;
      }
    }
    for (let k = 0; k < nStrata; k++) {
      const g = rng.shuffle(groups[k]);
      for (let j = 0; j < take[k]; j++) isVal[g[j]] = 1;
    }
  } else {
    const idx = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    for (let j = 0; j < nVal; j++) isVal[idx[j]] = 1;
  }
  const train = new Uint32Array(n - nVal);
  const val = new Uint32Array(nVal);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (isVal[i]) val[b++] = i;
    else train[a++] = i;
  }
  return { train, val };
}

function pick<T extends Float64Array | Int32Array>(a: T, rows: Uint32Array): T {
  const out = new (a.constructor as new (k: number) => T)(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = a[rows[k]];
  return out;
}

/** Adds one grown tree's leaf values to raw predictions of binned rows (validation set). */
function addBinnedTree(tree: GrownTree, bins: RowMajorBins, missingBin: number, raw: Float64Array, offset: number): void {
  const { feature, binThreshold, missingLeft, left, value } = tree;
  const binned = bins.bins;
  const stride = bins.stride;
  for (let i = 0; i < bins.nRows; i++) {
    let node = 0;
    let f = feature[0];
    while (f >= 0) {
      // The right child is left + 1 (the grower adds both together).
      node = left[node] + 1 - binGoesLeft(binned[i * stride + f], binThreshold[node], missingBin, missingLeft[node]);
      f = feature[node];
    }
    raw[offset + i] += value[node];
  }
}

/** scikit-learn's rule: stop when none of the last nIterNoChange scores beats the one before them by tol. */
function shouldStop(scores: number[], nIterNoChange: number, tol: number): boolean {
  const ref = nIterNoChange + 1;
  if (scores.length < ref) return false;
  const reference = scores[scores.length - ref] + tol;
  for (let k = scores.length - ref + 1; k < scores.length; k++) if (scores[k] > reference) return false;
  return true;
}

/** Everything the boosting iterations work on, prepared once per fit. */
interface BoostContext {
  p: HistGradientBoostingParams;
  nFeatures: number;
  mapper: BinMapper;
  /** Training rows: bins, targets, weights, raw predictions (class-major). */
  binTr: RowMajorBins;
  yTr: Float64Array;
  wTr: Float64Array | null;
  rawTr: Float64Array;
  /** Validation rows (early stopping), or nulls. */
  binVal: RowMajorBins | null;
  yVal: Float64Array | null;
  wVal: Float64Array | null;
  rawVal: Float64Array;
  baseline: Float64Array;
  /** What the per-row passes (gradients, statistics, packing) read and write. */
  perRow: PerRowInput;
  /** Per output, 2 * nTr interleaved gradient / packed count + hessian (shared memory when threaded). */
  gp: Float64Array;
  rows: Uint32Array;
  /** The grower's column-major codes and partition scratch (shared with helpers when threaded). */
  columns: Uint8Array;
  scratch: Uint32Array;
}

/**
 * The boosting loop shared by the classifier and the regressor. `y` holds class indices
 * (classification) or targets; `strata` enables the stratified validation split.
 */
function boost(kind: string, X: Matrix, y: Float64Array, weight: Float64Array | null, spec: ObjectiveSpec, p: HistGradientBoostingParams, strata: Int32Array | null, nStrata: number, options: ParallelFitOptions | undefined): BoostingState {
  const objective = objectiveFromSpec(spec);
  const n = X.nRows;
  const d = X.nCols;
  const rng = new Rng(p.randomState);
  options?.onProgress?.({ fraction: 0, phase: 'binning' });

  const early = p.earlyStopping === 'auto' ? n > 10_000 : p.earlyStopping === true || p.earlyStopping === 'on';
  let trainRows: Uint32Array | null = null;
  let valRows: Uint32Array | null = null;
  if (early) {
    const split = validationSplit(n, p.validationFraction, strata, nStrata, rng);
    if (split.train.length < 2 || split.val.length < 1) {
      throw new InvalidInputError(`${kind}: ${n} rows are too few for early stopping's validation split; set earlyStopping to false.`, 'earlyStopping');
    }
    trainRows = split.train;
    valRows = split.val;
  }
  const nTr = trainRows ? trainRows.length : n;
  const executor = options?.executor ?? getParallelExecutor();
  const threaded = executor.threads > 1 && nTr >= MIN_ROWS_FOR_THREADS;
  const alloc = (bytes: number): ArrayBuffer | SharedArrayBuffer => allocBuffer(bytes, threaded);
  const binTr = rowMajorLayout(nTr, d, alloc);
  const mapper = fitAndBin(X, p.maxBins, trainRows, BINNING_SUBSAMPLE, rng, binTr, executor);
  let binVal: RowMajorBins | null = null;
  if (valRows) {
    const layout = rowMajorLayout(valRows.length, d, (b) => new ArrayBuffer(b));
    applyBins(X, mapper, valRows, layout);
    binVal = layout;
  }
  throwIfAborted(options?.signal);

  const K = objective.nOutputs;
  // Arrays the helper threads read live in shared memory when threaded.
  const shared = (a: Float64Array): Float64Array => {
    const out = new Float64Array(alloc(a.length * 8));
    out.set(a);
    return out;
  };
  const yTr = shared(trainRows ? pick(y, trainRows) : y);
  const wTr = weight ? shared(trainRows ? pick(weight, trainRows) : weight) : null;
  const baseline = objective.baseline(yTr, wTr);
  const nVal = valRows ? valRows.length : 0;
  const rawTr = new Float64Array(alloc(8 * K * nTr));
  const rawVal = new Float64Array(K * nVal);
  for (let k = 0; k < K; k++) {
    rawTr.fill(baseline[k], k * nTr, (k + 1) * nTr);
    rawVal.fill(baseline[k], k * nVal, (k + 1) * nVal);
  }
  const ctx: BoostContext = {
    p,
    nFeatures: d,
    mapper,
    binTr,
    yTr,
    wTr,
    rawTr,
    binVal,
    yVal: valRows ? pick(y, valRows) : null,
    wVal: weight && valRows ? pick(weight, valRows) : null,
    rawVal,
    baseline,
    perRow: {
      objective: spec,
      nOutputs: K,
      raw: rawTr,
      y: yTr,
      weight: wTr,
      grad: new Float64Array(alloc(8 * K * nTr)),
      hess: new Float64Array(alloc(objective.isHessianConstant ? 0 : 8 * K * nTr)),
      stats: new Float64Array(alloc(16 * K * Math.ceil(nTr / ROW_CHUNK))),
      scales: new Float64Array(alloc(8 * SCALE_STRIDE * K)),
    },
    gp: new Float64Array(alloc(16 * K * nTr)),
    rows: new Uint32Array(alloc(4 * nTr)),
    columns: new Uint8Array(alloc(nTr * d)),
    scratch: new Uint32Array(alloc(4 * nTr)),
  };
  // Every leaf keeps at least minSamplesLeaf rows, which bounds the leaves of any tree.
  const maxLeaves = Math.min(p.maxLeafNodes ?? Infinity, Math.floor(nTr / Math.max(1, p.minSamplesLeaf)) + 1);
  const parallel = threaded ? ParallelHistograms.start(executor, binTr, p.maxBins + 1, ctx.gp, ctx.rows, ctx.perRow, ctx.columns, ctx.scratch, maxLeaves) : null;
  try {
    return iterate(ctx, objective, parallel, options);
  } finally {
    parallel?.stop();
  }
}

/** The iterations: gradients, one tree per output, predictions, early stopping, progress. */
function iterate(c: BoostContext, objective: Objective, parallel: ParallelHistograms | null, options: ParallelFitOptions | undefined): BoostingState {
  const { p, mapper, binTr, yTr, wTr, rawTr, binVal, rawVal, gp, perRow } = c;
  const onProgress = options?.onProgress;
  const nTr = binTr.nRows;
  const nVal = binVal ? binVal.nRows : 0;
  const K = objective.nOutputs;
  const d = c.nFeatures;
  const builder = new FlatTreesBuilder(d, 1, 64 * p.maxIter * K);
  const gainByFeature = new Float64Array(d);
  const ws = new GrowerWorkspace(binTr, p.maxBins + 1, parallel?.build, c.rows, parallel?.partition, c.columns, c.scratch);
  const hessianScale = new Float64Array(K);
  const growerParams: GrowerParams = {
    maxLeafNodes: p.maxLeafNodes,
    maxDepth: p.maxDepth,
    minSamplesLeaf: p.minSamplesLeaf,
    l2Regularization: p.l2Regularization,
    minGainToSplit: 0,
    minHessianToSplit: MIN_HESSIAN_TO_SPLIT,
    shrinkage: p.learningRate,
  };
  const trainLoss: number[] = [];
  const validationLoss: number[] = [];
  const scores: number[] = [];
  const reportScale = objective.name === 'squared_error' ? 2 : 1; // report MSE, not half of it
  const validationLossNow = (): number => objective.loss(rawVal, c.yVal as Float64Array, c.wVal);
  if (onProgress) trainLoss.push(objective.loss(rawTr, yTr, wTr));
  if (binVal) {
    const v = validationLossNow();
    validationLoss.push(v);
    scores.push(-v);
  }

  let nIter = 0;
  for (let it = 0; it < p.maxIter; it++) {
    throwIfAborted(options?.signal);
    // Gradients and their statistics, then the exact packed pairs (chunked, on every thread).
    const nChunks = Math.ceil(nTr / ROW_CHUNK);
    if (parallel) parallel.perRowPass('gradients', objective);
    else for (let q = 0; q < nChunks; q++) runPerRowChunk('gradients', perRow, objective, gp, q);
    combineScales(perRow.stats, nChunks, K, nTr, !objective.isHessianConstant, perRow.scales);
    if (parallel) parallel.perRowPass('pack', objective);
    else for (let q = 0; q < nChunks; q++) runPerRowChunk('pack', perRow, objective, gp, q);
    for (let k = 0; k < K; k++) hessianScale[k] = perRow.scales[k * SCALE_STRIDE + SCALE_STRIDE - 1];
    for (let k = 0; k < K; k++) {
      const tree = growTree(mapper, gp.subarray(2 * k * nTr, 2 * (k + 1) * nTr), hessianScale[k], growerParams, ws);
      // Training predictions: every leaf knows its rows.
      const off = k * nTr;
      if (!parallel?.addLeafValues(tree.leafNode, tree.leafStart, tree.leafEnd, tree.value, off)) {
        for (let l = 0; l < tree.leafNode.length; l++) {
          const v = tree.value[tree.leafNode[l]];
          for (let q = tree.leafStart[l]; q < tree.leafEnd[l]; q++) rawTr[off + ws.rows[q]] += v;
        }
      }
      if (binVal) addBinnedTree(tree, binVal, mapper.maxBins, rawVal, k * nVal);
      appendTree(builder, tree, mapper);
      for (let i = 0; i < tree.nNodes; i++) if (tree.feature[i] >= 0) gainByFeature[tree.feature[i]] += tree.gain[i];
    }
    nIter = it + 1;
    let stop = false;
    let vLoss: number | undefined;
    if (binVal) {
      vLoss = validationLossNow();
      validationLoss.push(vLoss);
      scores.push(-vLoss);
      stop = shouldStop(scores, p.nIterNoChange, p.tol);
    }
    if (onProgress) {
      const tLoss = objective.loss(rawTr, yTr, wTr);
      trainLoss.push(tLoss);
      onProgress({
        fraction: stop ? 1 : nIter / p.maxIter,
        phase: 'iteration',
        iteration: nIter,
        totalIterations: p.maxIter,
        trainLoss: tLoss * reportScale,
        validationScore: vLoss === undefined ? undefined : vLoss * reportScale,
        validationMetric: vLoss === undefined ? undefined : objective.name,
      });
    }
    if (stop) break;
  }
  let total = 0;
  for (let j = 0; j < d; j++) total += gainByFeature[j];
  if (total > 0) for (let j = 0; j < d; j++) gainByFeature[j] /= total;
  return { nFeatures: d, baseline: c.baseline, trees: builder.finish(), nIter, importances: gainByFeature, trainLoss, validationLoss };
}

/** Converts a grown tree (bin thresholds) to raw-value thresholds and appends it. */
function appendTree(builder: FlatTreesBuilder, tree: GrownTree, mapper: BinMapper): void {
  const thr = new Float64Array(tree.nNodes);
  for (let i = 0; i < tree.nNodes; i++) {
    const f = tree.feature[i];
    if (f < 0) continue;
    const b = tree.binThreshold[i];
    // A split on the last non-missing bin separates values from NaN: every value goes left.
    thr[i] = b === mapper.nBinsNonMissing[f] - 1 ? Infinity : mapper.thresholds[f][b];
  }
  builder.addTree(tree.nNodes, tree.feature, thr, tree.missingLeft, tree.left, tree.right, tree.value);
}

function rawPredict(kind: string, s: BoostingState, X: Matrix): Float64Array {
  checkPredictFeatures(kind, X, s.nFeatures, true);
  const K = s.baseline.length;
  const n = X.nRows;
  const raw = new Float64Array(K * n);
  for (let k = 0; k < K; k++) raw.fill(s.baseline[k], k * n, (k + 1) * n);
  const nTrees = s.trees.treeStart.length - 1;
  const treeOutput = new Int32Array(nTrees);
  for (let t = 0; t < nTrees; t++) treeOutput[t] = t % K;
  addTreeOutputs(s.trees, X, raw, treeOutput);
  return raw;
}

function encodeState(s: BoostingState): Record<string, unknown> {
  return {
    nFeatures: s.nFeatures,
    baseline: Array.from(s.baseline),
    nIter: s.nIter,
    trees: encodeTrees(s.trees),
    importances: encodeArray(s.importances),
    trainLoss: s.trainLoss,
    validationLoss: s.validationLoss,
  };
}

function decodeState(st: Record<string, unknown>, nOutputs: number, kind: string): BoostingState {
  const nFeatures = readNumber(st, 'nFeatures', 'state');
  if (!Number.isInteger(nFeatures) || nFeatures < 1) throw new ArtifactError(`${kind} spec: nFeatures must be a positive integer.`);
  const baseline = Float64Array.from(readNumberArray(st, 'baseline', 'state'));
  if (baseline.length !== nOutputs) throw new ArtifactError(`${kind} spec: baseline has ${baseline.length} values, expected ${nOutputs}.`);
  const nIter = readNumber(st, 'nIter', 'state');
  const trees = decodeTrees(st.trees, nFeatures, 'state.trees');
  if (trees.nOutputs !== 1 || trees.treeStart.length - 1 !== nIter * nOutputs) throw new ArtifactError(`${kind} spec: expected ${nIter * nOutputs} trees.`);
  const importances = decodeF64(st.importances, 'state.importances');
  if (importances.length !== nFeatures) throw new ArtifactError(`${kind} spec: importances has the wrong length.`);
  return {
    nFeatures,
    baseline,
    nIter,
    trees,
    importances,
    trainLoss: readNumberArray(st, 'trainLoss', 'state'),
    validationLoss: readNumberArray(st, 'validationLoss', 'state'),
  };
}

/** Params of a spec, merged and checked; any problem is reported as a malformed spec. */
function paramsFromSpec<P extends object>(kind: string, params: Record<string, unknown>, defaults: Readonly<P>): P {
  try {
    return mergeParams(kind, defaults, params);
  } catch (e) {
    throw new ArtifactError(`${kind} spec has invalid params: ${(e as Error).message}`);
  }
}

function toOnnxScores(b: OnnxGraphBuilder, input: string, s: BoostingState): string {
  const K = s.baseline.length;
  const nTrees = s.trees.treeStart.length - 1;
  const treeOutput = new Int32Array(nTrees);
  for (let t = 0; t < nTrees; t++) treeOutput[t] = t % K;
  return addTreeEnsemble(b, input, s.trees, { nTargets: K, treeOutput, scale: 1, baseValues: s.baseline });
}

/** Gradient-boosted trees for classification (binary log loss, or softmax over K classes). */
export class HistGradientBoostingClassifier implements Classifier<HistGradientBoostingClassifierParams>, OnnxConvertible {
  static readonly KIND = 'HistGradientBoostingClassifier';
  readonly kind = HistGradientBoostingClassifier.KIND;
  readonly task = 'classification' as const;
  private readonly params: HistGradientBoostingClassifierParams;
  private fitted?: BoostingState & { classes: number[] };

  constructor(params: Partial<HistGradientBoostingClassifierParams> = {}) {
    this.params = mergeParams(this.kind, CLASSIFIER_DEFAULTS, params);
  }

  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  getParams(): HistGradientBoostingClassifierParams {
    return { ...this.params };
  }

  clone(): HistGradientBoostingClassifier {
    return new HistGradientBoostingClassifier(this.getParams());
  }

  private state(): BoostingState & { classes: number[] } {
    if (!this.fitted) throw new NotFittedError(this.kind);
    return this.fitted;
  }

  get classes(): readonly number[] {
    return this.state().classes;
  }

  /** Iterations actually run (fewer than maxIter after early stopping). */
  get nIter(): number {
    return this.state().nIter;
  }

  /** Validation loss per iteration (index 0 = baseline) when early stopping was on. */
  get validationLoss(): readonly number[] {
    return this.state().validationLoss;
  }

  fit(X: Matrix, y: ArrayLike<number>, options?: ParallelFitOptions): this {
    validateParams(this.kind, this.params);
    checkOption(this.kind, 'classWeight', this.params.classWeight, ['none', 'balanced']);
    checkFitArgs(this.kind, X, y, options);
    checkFeatures(this.kind, X, true, options?.featureNames);
    const labels = encodeClasses(this.kind, y);
    const K = labels.classes.length;
    const weight = combinedWeights(labels, this.params.classWeight, options?.sampleWeight);
    const yIdx = Float64Array.from(labels.index);
    const spec: ObjectiveSpec = K === 2 ? { kind: 'binary', nClasses: 2, hasWeights: weight !== null } : { kind: 'multinomial', nClasses: K, hasWeights: weight !== null };
    const s = boost(this.kind, X, yIdx, weight, spec, this.params, labels.index, K, options);
    this.fitted = { ...s, classes: labels.classes };
    return this;
  }

  /** Raw scores (log-odds, or per-class scores before the softmax), column-major n x (1 or K). */
  decisionFunction(X: Matrix): Matrix {
    const s = this.state();
    const raw = rawPredict(this.kind, s, X);
    return createMatrix(X.nRows, s.baseline.length, raw);
  }

  predictProba(X: Matrix): Matrix {
    const s = this.state();
    const raw = rawPredict(this.kind, s, X);
    const n = X.nRows;
    const K = s.classes.length;
    const P = new Float64Array(n * K);
    if (K === 2) {
      for (let i = 0; i < n; i++) {
        const p1 = 1 / (1 + Math.exp(-raw[i]));
        P[i] = 1 - p1;
        P[n + i] = p1;
      }
    } else {
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let k = 0; k < K; k++) if (raw[k * n + i] > max) max = raw[k * n + i];
        let sum = 0;
        for (let k = 0; k < K; k++) {
          const e = Math.exp(raw[k * n + i] - max);
          P[k * n + i] = e;
          sum += e;
        }
        for (let k = 0; k < K; k++) P[k * n + i] /= sum;
      }
    }
    return createMatrix(n, K, P);
  }

  predict(X: Matrix): Float64Array {
    const s = this.state();
    const P = this.predictProba(X);
    const out = new Float64Array(X.nRows);
    for (let i = 0; i < X.nRows; i++) out[i] = s.classes[argmaxRow(P.data, X.nRows, s.classes.length, i)];
    return out;
  }

  /** Total split gain per feature, normalised to sum 1 (LightGBM's "gain" importance). */
  featureImportances(): Float64Array {
    return this.state().importances.slice();
  }

  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, STATE_VERSION, this.getParams(), { classes: s.classes, ...encodeState(s) });
  }

  /** Loads a fitted classifier from {@link toArtifact}'s output (validated; never executes anything). */
  static fromArtifact(value: unknown): HistGradientBoostingClassifier {
    const a = checkArtifact(value, HistGradientBoostingClassifier.KIND, [STATE_VERSION]);
    const m = new HistGradientBoostingClassifier(paramsFromSpec(HistGradientBoostingClassifier.KIND, a.params, CLASSIFIER_DEFAULTS));
    validateParams(m.kind, m.params);
    checkOption(m.kind, 'classWeight', m.params.classWeight, ['none', 'balanced']);
    const classes = readNumberArray(a.state, 'classes', 'state');
    if (classes.length < 2) throw new ArtifactError(`${m.kind} spec: at least two classes are needed.`);
    const s = decodeState(a.state, classes.length === 2 ? 1 : classes.length, m.kind);
    m.fitted = { ...s, classes };
    return m;
  }

  toOnnx(b: OnnxGraphBuilder, input: string): { label: string; probabilities: string } {
    const s = this.state();
    const scores = toOnnxScores(b, input, s);
    return s.classes.length === 2 ? addBinaryLogisticHead(b, scores) : addSoftmaxHead(b, scores);
  }
}

/** Gradient-boosted trees for regression (squared error). */
export class HistGradientBoostingRegressor implements Regressor<HistGradientBoostingParams>, OnnxConvertible {
  static readonly KIND = 'HistGradientBoostingRegressor';
  readonly kind = HistGradientBoostingRegressor.KIND;
  readonly task = 'regression' as const;
  private readonly params: HistGradientBoostingParams;
  private fitted?: BoostingState;

  constructor(params: Partial<HistGradientBoostingParams> = {}) {
    this.params = mergeParams(this.kind, COMMON_DEFAULTS, params);
  }

  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  getParams(): HistGradientBoostingParams {
    return { ...this.params };
  }

  clone(): HistGradientBoostingRegressor {
    return new HistGradientBoostingRegressor(this.getParams());
  }

  private state(): BoostingState {
    if (!this.fitted) throw new NotFittedError(this.kind);
    return this.fitted;
  }

  /** Iterations actually run (fewer than maxIter after early stopping). */
  get nIter(): number {
    return this.state().nIter;
  }

  /** Validation loss (half squared error) per iteration when early stopping was on. */
  get validationLoss(): readonly number[] {
    return this.state().validationLoss;
  }

  fit(X: Matrix, y: ArrayLike<number>, options?: ParallelFitOptions): this {
    validateParams(this.kind, this.params);
    checkFitArgs(this.kind, X, y, options);
    checkFeatures(this.kind, X, true, options?.featureNames);
    const target = checkTarget(this.kind, y);
    const weight = combinedWeights(null, 'none', options?.sampleWeight);
    this.fitted = boost(this.kind, X, target, weight, { kind: 'squared', nClasses: 0, hasWeights: weight !== null }, this.params, null, 0, options);
    return this;
  }

  predict(X: Matrix): Float64Array {
    return rawPredict(this.kind, this.state(), X);
  }

  /** Total split gain per feature, normalised to sum 1 (LightGBM's "gain" importance). */
  featureImportances(): Float64Array {
    return this.state().importances.slice();
  }

  toArtifact(): Artifact {
    return makeArtifact(this.kind, STATE_VERSION, this.getParams(), encodeState(this.state()));
  }

  /** Loads a fitted regressor from {@link toArtifact}'s output (validated; never executes anything). */
  static fromArtifact(value: unknown): HistGradientBoostingRegressor {
    const a = checkArtifact(value, HistGradientBoostingRegressor.KIND, [STATE_VERSION]);
    const m = new HistGradientBoostingRegressor(paramsFromSpec(HistGradientBoostingRegressor.KIND, a.params, COMMON_DEFAULTS));
    validateParams(m.kind, m.params);
    m.fitted = decodeState(a.state, 1, m.kind);
    return m;
  }

  toOnnx(b: OnnxGraphBuilder, input: string): { output: string } {
    return { output: toOnnxScores(b, input, this.state()) };
  }
}
