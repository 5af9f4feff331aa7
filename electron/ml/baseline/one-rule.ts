/**
 * One-rule baselines: the best single-feature threshold rule, "if <feature> <= t then A else B"
 * (Holte's 1R, 1993, restricted to one numeric threshold, i.e. a decision stump). It answers the
 * checklist's "could a hand-written rule do it?" with a number: if a model barely beats this rule,
 * the rule may be the better product.
 *
 * Method: for each feature, sort its distinct values once (native numeric sort), accumulate the
 * class weights (or the target's sums) per distinct value, then scan every midpoint between two
 * consecutive distinct values. Classification keeps the split with the highest weighted training
 * accuracy; regression the one with the lowest squared error. Ties go to the lower feature index,
 * then to the lower threshold, so the result is deterministic. O(p n log n).
 */
import { createMatrix, type Matrix } from '../core/matrix.js';
import type { Classifier, FitOptions, Regressor } from '../core/interfaces.js';
import { ArtifactError } from '../core/errors.js';
import { decodeF64, encodeArray, makeArtifact, readNumber, readNumberArray, type Artifact } from '../core/serialize.js';
import type { OnnxConvertible, OnnxGraphBuilder } from '../onnx/graph.js';
import {
  EstimatorBase,
  checkFiniteTarget,
  checkFitInput,
  checkNumberParam,
  checkPredictInput,
  encodeLabels,
  expectLength,
  mergeParams,
  readArtifact,
  readFeatureNames,
  readInt,
} from './common.js';

/** Hyper-parameters of the one-rule models. */
export interface OneRuleParams {
  /** Fewest training rows on each side of the threshold (like a tree's `min_samples_leaf`). Default 1. */
  minSamplesLeaf: number;
}

const DEFAULTS: Readonly<OneRuleParams> = Object.freeze({ minSamplesLeaf: 1 });

/** One side of a rule. */
export interface OneRuleSide {
  /** Training rows on this side. */
  nSamples: number;
  /** Classification: the predicted class label. Regression: the predicted value. */
  prediction: number;
  /** Classification: class probabilities on this side, in `classes` order. */
  probabilities?: number[];
}

/** The learned rule in human terms: "if feature <= threshold then left else right". */
export interface OneRule {
  /** Index of the feature the rule reads, or -1 when no split helps (one constant prediction). */
  featureIndex: number;
  /** Name of that feature when names were given to fit. */
  featureName?: string;
  /** Rows with value <= threshold go left. Null when `featureIndex` is -1. */
  threshold: number | null;
  left: OneRuleSide;
  right: OneRuleSide;
  /** Weighted training accuracy (classification) or R² (regression) of the rule. */
  trainingScore: number;
}

interface OneRuleState {
  nFeatures: number;
  featureIndex: number;
  threshold: number;
  /** Classification: class labels. Empty for regression. */
  classes: number[];
  /** Classification: [left probs..., right probs...]; regression: [left value, right value]. */
  values: Float64Array;
  nLeft: number;
  nRight: number;
  trainingScore: number;
  featureNames?: string[];
}

function validate(kind: string, p: OneRuleParams): void {
  checkNumberParam(kind, 'minSamplesLeaf', p.minSamplesLeaf, { isInteger: true, min: 1 });
}

/**
 * Sorted distinct values of column `j` and, per row, the rank of its value among them.
 * Uses a native typed-array sort and a binary search per row: no comparator callbacks.
 */
function rankColumn(X: Matrix, j: number, uniq: Float64Array, rank: Int32Array): number {
  const n = X.nRows;
  const col = X.data.subarray(j * n, (j + 1) * n);
  uniq.set(col);
  uniq.sort();
  let u = 0;
  for (let i = 0; i < n; i++) if (i === 0 || uniq[i] !== uniq[u - 1]) uniq[u++] = uniq[i];
  for (let i = 0; i < n; i++) {
    const v = col[i];
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (uniq[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
  }
  return u;
}

/** Midpoint threshold between two consecutive distinct values (as a tree does), never equal to the upper one. */
function midpoint(a: number, b: number): number {
  const t = a / 2 + b / 2;
  return t >= b ? a : t;
}

abstract class OneRuleBase extends EstimatorBase<OneRuleParams, OneRuleState> implements OnnxConvertible {
  protected constructor(params: Partial<OneRuleParams>, kind: string) {
    super(mergeParams(kind, DEFAULTS, params));
  }

  /** The learned rule in human terms. */
  rule(): OneRule {
    const s = this.state();
    const K = s.classes.length;
    const side = (which: 0 | 1): OneRuleSide => {
      const n = which === 0 ? s.nLeft : s.nRight;
      if (K === 0) return { nSamples: n, prediction: s.values[which] };
      const probs = Array.from(s.values.subarray(which * K, (which + 1) * K));
      let best = 0;
      for (let k = 1; k < K; k++) if (probs[k] > probs[best]) best = k;
      return { nSamples: n, prediction: s.classes[best], probabilities: probs };
    };
    return {
      featureIndex: s.featureIndex,
      featureName: s.featureIndex >= 0 ? s.featureNames?.[s.featureIndex] : undefined,
      threshold: s.featureIndex >= 0 ? s.threshold : null,
      left: side(0),
      right: side(1),
      trainingScore: s.trainingScore,
    };
  }

  /** Importance 1 on the feature the rule reads, 0 elsewhere. */
  featureImportances(): Float64Array {
    const s = this.state();
    const out = new Float64Array(s.nFeatures);
    if (s.featureIndex >= 0) out[s.featureIndex] = 1;
    return out;
  }

  /** True per row when the row goes to the right side. */
  protected goesRight(X: Matrix, i: number): boolean {
    const s = this.fitted as OneRuleState;
    return s.featureIndex >= 0 && X.data[s.featureIndex * X.nRows + i] > s.threshold;
  }

  /** Serialises the fitted model. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), {
      nFeatures: s.nFeatures,
      featureIndex: s.featureIndex,
      threshold: s.threshold,
      classes: s.classes,
      values: encodeArray(s.values),
      nLeft: s.nLeft,
      nRight: s.nRight,
      trainingScore: s.trainingScore,
      featureNames: s.featureNames ?? null,
    });
  }

  protected static readState(state: Record<string, unknown>, isClassifier: boolean): OneRuleState {
    const nFeatures = readInt(state, 'nFeatures', 'state', 1);
    const featureIndex = readInt(state, 'featureIndex', 'state', -1, nFeatures - 1);
    const classes = readNumberArray(state, 'classes', 'state');
    if (isClassifier ? classes.length < 2 : classes.length !== 0) throw new ArtifactError('Model spec field state.classes does not fit the model.');
    const values = decodeF64(state.values, 'state.values');
    expectLength(values, isClassifier ? 2 * classes.length : 2, 'state.values');
    return {
      nFeatures,
      featureIndex,
      threshold: readNumber(state, 'threshold', 'state'),
      classes,
      values,
      nLeft: readInt(state, 'nLeft', 'state'),
      nRight: readInt(state, 'nRight', 'state'),
      trainingScore: readNumber(state, 'trainingScore', 'state'),
      featureNames: readFeatureNames(state, 'state', nFeatures),
    };
  }

  /**
   * ONNX: a one-split tree. Classification emits TreeEnsembleClassifier (probabilities per side);
   * regression TreeEnsembleRegressor. A constant rule becomes a single-leaf tree.
   */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output?: string; label?: string; probabilities?: string } {
    const s = this.state();
    const K = s.classes.length;
    const hasSplit = s.featureIndex >= 0;
    // Node 0 is the split (or the only leaf); nodes 1 and 2 are the leaves.
    const nodeIds = hasSplit ? [0, 1, 2] : [0];
    const modes = hasSplit ? ['BRANCH_LEQ', 'LEAF', 'LEAF'] : ['LEAF'];
    const featureIds = hasSplit ? [s.featureIndex, 0, 0] : [0];
    // ONNX thresholds are float: compare in float32 as ONNX Runtime does (inputs are float).
    const values = hasSplit ? [Math.fround(s.threshold), 0, 0] : [0];
    const common = [
      { name: 'nodes_treeids', type: 'ints' as const, value: nodeIds.map(() => 0) },
      { name: 'nodes_nodeids', type: 'ints' as const, value: nodeIds },
      { name: 'nodes_featureids', type: 'ints' as const, value: featureIds },
      { name: 'nodes_modes', type: 'strings' as const, value: modes },
      { name: 'nodes_values', type: 'floats' as const, value: values },
      { name: 'nodes_truenodeids', type: 'ints' as const, value: hasSplit ? [1, 0, 0] : [0] },
      { name: 'nodes_falsenodeids', type: 'ints' as const, value: hasSplit ? [2, 0, 0] : [0] },
      { name: 'nodes_missing_value_tracks_true', type: 'ints' as const, value: nodeIds.map(() => 0) },
      { name: 'nodes_hitrates', type: 'floats' as const, value: nodeIds.map(() => 1) },
    ];
    const leaves = hasSplit ? [[1, 0], [2, 1]] : [[0, 0]];
    if (K > 0) {
      const tIds: number[] = [];
      const tNodes: number[] = [];
      const tTree: number[] = [];
      const tW: number[] = [];
      for (const [node, side] of leaves) {
        for (let k = 0; k < K; k++) {
          tIds.push(k);
          tNodes.push(node);
          tTree.push(0);
          tW.push(s.values[side * K + k]);
        }
      }
      // The label comes from ArgMax of the probabilities: ONNX Runtime's own label output of a
      // two-class TreeEnsembleClassifier does not follow the larger probability.
      const ensembleLabel = builder.uniqueName('tree_label');
      const probabilities = builder.uniqueName('probabilities');
      builder.addNode(
        'TreeEnsembleClassifier',
        [input],
        [ensembleLabel, probabilities],
        [
          ...common,
          { name: 'class_ids', type: 'ints', value: tIds },
          { name: 'class_nodeids', type: 'ints', value: tNodes },
          { name: 'class_treeids', type: 'ints', value: tTree },
          { name: 'class_weights', type: 'floats', value: tW },
          { name: 'classlabels_int64s', type: 'ints', value: s.classes.map((_, k) => k) },
          { name: 'post_transform', type: 'string', value: 'NONE' },
        ],
        'ai.onnx.ml',
      );
      const label = builder.uniqueName('label');
      builder.addNode('ArgMax', [probabilities], [label], [
        { name: 'axis', type: 'int', value: 1 },
        { name: 'keepdims', type: 'int', value: 0 },
      ]);
      return { label, probabilities };
    }
    const output = builder.uniqueName('variable');
    builder.addNode(
      'TreeEnsembleRegressor',
      [input],
      [output],
      [
        ...common,
        { name: 'n_targets', type: 'int', value: 1 },
        { name: 'target_ids', type: 'ints', value: leaves.map(() => 0) },
        { name: 'target_nodeids', type: 'ints', value: leaves.map(([node]) => node) },
        { name: 'target_treeids', type: 'ints', value: leaves.map(() => 0) },
        { name: 'target_weights', type: 'floats', value: leaves.map(([, side]) => s.values[side]) },
        { name: 'post_transform', type: 'string', value: 'NONE' },
      ],
      'ai.onnx.ml',
    );
    return { output };
  }
}

/** The best single-feature threshold rule for classification. */
export class OneRuleClassifier extends OneRuleBase implements Classifier<OneRuleParams> {
  static readonly KIND = 'OneRuleClassifier';
  readonly kind = OneRuleClassifier.KIND;
  readonly task = 'classification' as const;

  constructor(params: Partial<OneRuleParams> = {}) {
    super(params, OneRuleClassifier.KIND);
  }

  /** Finds the rule with the highest weighted training accuracy. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    validate(this.kind, this.params);
    checkFitInput(this.kind, X, y, options);
    const labels = encodeLabels(this.kind, y);
    const K = labels.classes.length;
    const n = X.nRows;
    const sw = options.sampleWeight;
    const minLeaf = this.params.minSamplesLeaf;
    const total = new Float64Array(K);
    for (let i = 0; i < n; i++) total[labels.index[i]] += sw ? sw[i] : 1;
    let totalW = 0;
    for (let k = 0; k < K; k++) totalW += total[k];

    const uniq = new Float64Array(n);
    const rank = new Int32Array(n);
    const perValue = new Float64Array(n * K);
    const countPerValue = new Int32Array(n);
    const left = new Float64Array(K);

    // Start from the constant rule (majority class everywhere).
    let bestCorrect = Math.max(...total);
    let bestFeature = -1;
    let bestThreshold = 0;
    let bestLeft = total.slice();
    let bestNLeft = n;
    for (let j = 0; j < X.nCols; j++) {
      const u = rankColumn(X, j, uniq, rank);
      if (u < 2) continue;
      perValue.fill(0, 0, u * K);
      countPerValue.fill(0, 0, u);
      for (let i = 0; i < n; i++) {
        perValue[rank[i] * K + labels.index[i]] += sw ? sw[i] : 1;
        countPerValue[rank[i]] += 1;
      }
      left.fill(0);
      let nLeft = 0;
      for (let r = 0; r < u - 1; r++) {
        for (let k = 0; k < K; k++) left[k] += perValue[r * K + k];
        nLeft += countPerValue[r];
        if (nLeft < minLeaf || n - nLeft < minLeaf) continue;
        let maxL = 0;
        let maxR = 0;
        for (let k = 0; k < K; k++) {
          if (left[k] > maxL) maxL = left[k];
          const rk = total[k] - left[k];
          if (rk > maxR) maxR = rk;
        }
        // A relative margin keeps float noise in the running sums from deciding ties.
        if (maxL + maxR > bestCorrect * (1 + 1e-12) + 1e-12) {
          bestCorrect = maxL + maxR;
          bestFeature = j;
          bestThreshold = midpoint(uniq[r], uniq[r + 1]);
          bestLeft = left.slice();
          bestNLeft = nLeft;
        }
      }
    }
    const values = new Float64Array(2 * K);
    const leftW = bestLeft.reduce((a, b) => a + b, 0);
    const rightW = totalW - leftW;
    for (let k = 0; k < K; k++) {
      values[k] = leftW > 0 ? bestLeft[k] / leftW : total[k] / totalW;
      values[K + k] = rightW > 0 ? (total[k] - bestLeft[k]) / rightW : total[k] / totalW;
    }
    this.fitted = {
      nFeatures: X.nCols,
      featureIndex: bestFeature,
      threshold: bestFeature >= 0 ? bestThreshold : 0,
      classes: labels.classes,
      values,
      nLeft: bestNLeft,
      nRight: n - bestNLeft,
      trainingScore: bestCorrect / totalW,
      featureNames: options.featureNames ? [...options.featureNames] : undefined,
    };
    return this;
  }

  get classes(): readonly number[] {
    return this.state().classes;
  }

  /** The class frequencies of the side each row falls on. */
  predictProba(X: Matrix): Matrix {
    const s = this.state();
    checkPredictInput(this.kind, X, s.nFeatures);
    const n = X.nRows;
    const K = s.classes.length;
    const P = createMatrix(n, K);
    for (let i = 0; i < n; i++) {
      const off = this.goesRight(X, i) ? K : 0;
      for (let k = 0; k < K; k++) P.data[k * n + i] = s.values[off + k];
    }
    return P;
  }

  /** The class of the side each row falls on. */
  predict(X: Matrix): Float64Array {
    const s = this.state();
    const r = this.rule();
    checkPredictInput(this.kind, X, s.nFeatures);
    const out = new Float64Array(X.nRows);
    for (let i = 0; i < X.nRows; i++) out[i] = this.goesRight(X, i) ? r.right.prediction : r.left.prediction;
    return out;
  }

  /** A new unfitted copy with the same params. */
  clone(): OneRuleClassifier {
    return new OneRuleClassifier(this.getParams());
  }

  /** Loads a model saved by `toArtifact`. */
  static fromArtifact(value: unknown): OneRuleClassifier {
    const { params, state } = readArtifact(value, OneRuleClassifier.KIND, [1], DEFAULTS, (p) => validate(OneRuleClassifier.KIND, p));
    const m = new OneRuleClassifier(params);
    m.fitted = OneRuleBase.readState(state, true);
    return m;
  }
}

/** The best single-feature threshold rule for regression (two constants). */
export class OneRuleRegressor extends OneRuleBase implements Regressor<OneRuleParams> {
  static readonly KIND = 'OneRuleRegressor';
  readonly kind = OneRuleRegressor.KIND;
  readonly task = 'regression' as const;

  constructor(params: Partial<OneRuleParams> = {}) {
    super(params, OneRuleRegressor.KIND);
  }

  /** Finds the rule with the lowest weighted squared error. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    validate(this.kind, this.params);
    checkFitInput(this.kind, X, y, options);
    checkFiniteTarget(this.kind, y);
    const n = X.nRows;
    const sw = options.sampleWeight;
    const minLeaf = this.params.minSamplesLeaf;
    let W = 0;
    let S = 0;
    let Q = 0;
    for (let i = 0; i < n; i++) {
      const w = sw ? sw[i] : 1;
      W += w;
      S += w * y[i];
      Q += w * y[i] * y[i];
    }
    const baseSse = Q - (S * S) / W;
    const uniq = new Float64Array(n);
    const rank = new Int32Array(n);
    const wPer = new Float64Array(n);
    const sPer = new Float64Array(n);
    const cPer = new Int32Array(n);
    // Minimising SSE = maximising sum_side S_side^2 / W_side.
    let bestGain = (S * S) / W;
    let bestFeature = -1;
    let bestThreshold = 0;
    let bestWL = W;
    let bestSL = S;
    let bestNLeft = n;
    for (let j = 0; j < X.nCols; j++) {
      const u = rankColumn(X, j, uniq, rank);
      if (u < 2) continue;
      wPer.fill(0, 0, u);
      sPer.fill(0, 0, u);
      cPer.fill(0, 0, u);
      for (let i = 0; i < n; i++) {
        const w = sw ? sw[i] : 1;
        const r = rank[i];
        wPer[r] += w;
        sPer[r] += w * y[i];
        cPer[r] += 1;
      }
      let wl = 0;
      let sl = 0;
      let nl = 0;
      for (let r = 0; r < u - 1; r++) {
        wl += wPer[r];
        sl += sPer[r];
        nl += cPer[r];
        if (nl < minLeaf || n - nl < minLeaf) continue;
        const wr = W - wl;
        if (wl <= 0 || wr <= 0) continue;
        const sr = S - sl;
        const gain = (sl * sl) / wl + (sr * sr) / wr;
        if (gain > bestGain * (1 + 1e-12) + 1e-12) {
          bestGain = gain;
          bestFeature = j;
          bestThreshold = midpoint(uniq[r], uniq[r + 1]);
          bestWL = wl;
          bestSL = sl;
          bestNLeft = nl;
        }
      }
    }
    const mean = S / W;
    const values = new Float64Array(2);
    values[0] = bestWL > 0 ? bestSL / bestWL : mean;
    values[1] = W - bestWL > 0 ? (S - bestSL) / (W - bestWL) : mean;
    const sse = Q - bestGain;
    this.fitted = {
      nFeatures: X.nCols,
      featureIndex: bestFeature,
      threshold: bestFeature >= 0 ? bestThreshold : 0,
      classes: [],
      values,
      nLeft: bestNLeft,
      nRight: n - bestNLeft,
      trainingScore: baseSse > 0 ? 1 - sse / baseSse : 0,
      featureNames: options.featureNames ? [...options.featureNames] : undefined,
    };
    return this;
  }

  /** The value of the side each row falls on. */
  predict(X: Matrix): Float64Array {
    const s = this.state();
    checkPredictInput(this.kind, X, s.nFeatures);
    const out = new Float64Array(X.nRows);
    for (let i = 0; i < X.nRows; i++) out[i] = s.values[this.goesRight(X, i) ? 1 : 0];
    return out;
  }

  /** A new unfitted copy with the same params. */
  clone(): OneRuleRegressor {
    return new OneRuleRegressor(this.getParams());
  }

  /** Loads a model saved by `toArtifact`. */
  static fromArtifact(value: unknown): OneRuleRegressor {
    const { params, state } = readArtifact(value, OneRuleRegressor.KIND, [1], DEFAULTS, (p) => validate(OneRuleRegressor.KIND, p));
    const m = new OneRuleRegressor(params);
    m.fitted = OneRuleBase.readState(state, false);
    return m;
  }
}
