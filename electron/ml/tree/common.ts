/**
 * What decision trees and random forests share: hyper-parameter checks, turning X into the binned
 * {@link CartData} (bins plus each bin's smallest and largest value, for midpoint thresholds),
 * prediction by averaging leaf values of flat trees, importances, artifacts and ONNX export.
 */
import { ArtifactError, InvalidInputError } from '../core/errors.js';
import { createMatrix, type Matrix } from '../core/matrix.js';
import { Rng } from '../core/rng.js';
import { decodeF64, encodeArray, readNumber, readNumberArray } from '../core/serialize.js';
import type { OnnxGraphBuilder } from '../onnx/graph.js';
import { addArgmaxLabel, addTreeEnsemble } from '../onnx/tree-ensemble.js';
import { columnMajorLayout, fitAndBin } from '../boosting/binning.js';
import type { ParallelExecutor } from '../core/parallel.js';
import { argmaxRow, checkNumber, checkOption, checkPredictFeatures, checkSeed, mergeParams } from '../boosting/checks.js';
import { addTreeOutputs, decodeTrees, encodeTrees, treeCount, type FlatTrees } from '../boosting/predictor.js';
import type { CartData, Criterion } from './cart.js';

/** Features tried per split: 'sqrt' / 'log2' of the feature count, 'all', or a fraction in (0, 1]. */
export type MaxFeatures = 'sqrt' | 'log2' | 'all' | number;

/** Tree-shape hyper-parameters shared by trees and forests (scikit-learn names in brackets). */
export interface TreeShapeParams {
  /** Split quality [criterion]: 'gini' or 'entropy' for classification, 'squared_error' for regression. */
  criterion: Criterion;
  /** Depth limit, null = grow until leaves are pure or too small [max_depth]. */
  maxDepth: number | null;
  /** Rows a node needs to be split [min_samples_split]. Default 2. */
  minSamplesSplit: number;
  /** Rows each leaf keeps at least [min_samples_leaf]. Default 1. */
  minSamplesLeaf: number;
  /** Features tried per split [max_features]. */
  maxFeatures: MaxFeatures;
  /** A split must decrease weighted impurity by at least this [min_impurity_decrease]. Default 0. */
  minImpurityDecrease: number;
  /** Bins per feature for split search (exact up to this many distinct values). Default 255. */
  maxBins: number;
  /** Seed of feature sampling (and bootstrap for forests) [random_state]. Default 0. */
  randomState: number;
}

/** Rows whose values set the bin edges (see boosting/gradient-boosting.ts). */
const BINNING_SUBSAMPLE = 50_000;

/** Checks the shared hyper-parameters. */
export function validateShape(kind: string, p: TreeShapeParams, task: 'classification' | 'regression'): void {
  checkOption(kind, 'criterion', p.criterion, task === 'classification' ? ['gini', 'entropy'] : ['squared_error']);
  checkNumber(kind, 'maxDepth', p.maxDepth, { isInteger: true, min: 1, isNullable: true });
  checkNumber(kind, 'minSamplesSplit', p.minSamplesSplit, { isInteger: true, min: 2 });
  checkNumber(kind, 'minSamplesLeaf', p.minSamplesLeaf, { isInteger: true, min: 1 });
  if (typeof p.maxFeatures === 'number') checkNumber(kind, 'maxFeatures', p.maxFeatures, { above: 0, max: 1 });
  else checkOption(kind, 'maxFeatures', p.maxFeatures, ['sqrt', 'log2', 'all']);
  checkNumber(kind, 'minImpurityDecrease', p.minImpurityDecrease, { min: 0 });
  checkNumber(kind, 'maxBins', p.maxBins, { isInteger: true, min: 2, max: 255 });
  checkSeed(kind, 'randomState', p.randomState);
}

/** maxFeatures as a count for `d` features. */
export function resolveMaxFeatures(m: MaxFeatures, d: number): number {
  if (m === 'all') return d;
  if (m === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(d)));
  if (m === 'log2') return Math.max(1, Math.floor(Math.log2(d)));
  return Math.max(1, Math.floor(m * d));
}

/**
 * Bins X for tree building: column-major codes, NaN in bin `maxBins`, and each bin's smallest and
 * largest training value. `alloc` lets forests put the codes in shared memory.
 */
export function prepareCartData(
  X: Matrix,
  maxBins: number,
  seed: number,
  target: { yClass: Int32Array; nClasses: number } | { yValue: Float64Array },
  alloc: (bytes: number) => ArrayBuffer | SharedArrayBuffer = (b) => new ArrayBuffer(b),
  executor: ParallelExecutor | null = null,
): CartData {
  const n = X.nRows;
  const d = X.nCols;
  const layout = columnMajorLayout(n, d, alloc);
  fitAndBin(X, maxBins, null, BINNING_SUBSAMPLE, new Rng(seed), layout, executor);
  const bins = layout.bins;
  const nb = maxBins + 1;
  const binLow = new Float64Array(d * nb).fill(Infinity);
  const binHigh = new Float64Array(d * nb).fill(-Infinity);
  for (let j = 0; j < d; j++) {
    const off = j * n;
    const base = j * nb;
    for (let i = 0; i < n; i++) {
      const v = X.data[off + i];
      if (v !== v) continue;
      const b = base + bins[off + i];
      if (v < binLow[b]) binLow[b] = v;
      if (v > binHigh[b]) binHigh[b] = v;
    }
  }
  const isClass = 'yClass' in target;
  return {
    bins,
    nRows: n,
    nFeatures: d,
    missingBin: maxBins,
    binLow,
    binHigh,
    yClass: isClass ? target.yClass : null,
    nClasses: isClass ? target.nClasses : 0,
    yValue: isClass ? null : target.yValue,
  };
}

/** Averages the trees' leaf values: class probabilities (n x K) or predictions (n x 1). */
export function averageTrees(kind: string, trees: FlatTrees, X: Matrix, allowNaN: boolean): Matrix {
  checkPredictFeatures(kind, X, trees.nFeatures, allowNaN);
  const K = trees.nOutputs;
  const out = new Float64Array(X.nRows * K);
  addTreeOutputs(trees, X, out, null, 1 / treeCount(trees));
  return createMatrix(X.nRows, K, out);
}

/** Labels from class probabilities (first class on ties). */
export function labelsFromProba(P: Matrix, classes: readonly number[]): Float64Array {
  const out = new Float64Array(P.nRows);
  for (let i = 0; i < P.nRows; i++) out[i] = classes[argmaxRow(P.data, P.nRows, P.nCols, i)];
  return out;
}

/** Normalises to sum 1 (all zeros stay zeros). */
export function normalize(v: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  if (s > 0) for (let i = 0; i < v.length; i++) v[i] /= s;
  return v;
}

/** Fitted state of a tree model. */
export interface TreeModelState {
  nFeatures: number;
  /** Empty for regressors. */
  classes: number[];
  trees: FlatTrees;
  importances: Float64Array;
}

/** The state part of an artifact. */
export function encodeTreeState(s: TreeModelState): Record<string, unknown> {
  return { nFeatures: s.nFeatures, classes: s.classes, trees: encodeTrees(s.trees), importances: encodeArray(s.importances) };
}

/** Reads and validates a tree model's state. */
export function decodeTreeState(kind: string, st: Record<string, unknown>, task: 'classification' | 'regression', expectedTrees: number | null): TreeModelState {
  const nFeatures = readNumber(st, 'nFeatures', 'state');
  if (!Number.isInteger(nFeatures) || nFeatures < 1) throw new ArtifactError(`${kind} spec: nFeatures must be a positive integer.`);
  const classes = readNumberArray(st, 'classes', 'state');
  if (task === 'classification' && classes.length < 2) throw new ArtifactError(`${kind} spec: at least two classes are needed.`);
  const trees = decodeTrees(st.trees, nFeatures, 'state.trees');
  const nOut = task === 'classification' ? classes.length : 1;
  if (trees.nOutputs !== nOut) throw new ArtifactError(`${kind} spec: trees have ${trees.nOutputs} outputs, expected ${nOut}.`);
  if (expectedTrees !== null && treeCount(trees) !== expectedTrees) throw new ArtifactError(`${kind} spec: expected ${expectedTrees} trees, found ${treeCount(trees)}.`);
  const importances = decodeF64(st.importances, 'state.importances');
  if (importances.length !== nFeatures) throw new ArtifactError(`${kind} spec: importances has the wrong length.`);
  return { nFeatures, classes, trees, importances };
}

/** Params of a spec merged over defaults; problems are reported as a malformed spec. */
export function paramsFromSpec<P extends object>(kind: string, params: Record<string, unknown>, defaults: Readonly<P>, validate: (p: P) => void): P {
  try {
    const p = mergeParams(kind, defaults, params);
    validate(p);
    return p;
  } catch (e) {
    if (e instanceof InvalidInputError) throw new ArtifactError(`${kind} spec has invalid params: ${e.message}`);
    throw e;
  }
}

/** ONNX of averaged trees: classifier -> probabilities + label, regressor -> output. */
export function treesToOnnx(b: OnnxGraphBuilder, input: string, s: TreeModelState): { label?: string; probabilities?: string; output?: string } {
  const K = s.trees.nOutputs;
  const scores = addTreeEnsemble(b, input, s.trees, { nTargets: K, treeOutput: null, scale: 1 / treeCount(s.trees) });
  if (s.classes.length === 0) return { output: scores };
  return { label: addArgmaxLabel(b, scores), probabilities: scores };
}
