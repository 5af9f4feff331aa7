/**
 * ONNX converters for flat trees ({@link FlatTrees}): one `ai.onnx.ml` TreeEnsembleRegressor
 * node that sums leaf values into `nTargets` outputs, plus the small heads that turn scores into
 * class probabilities and labels (Sigmoid / Softmax / ArgMax from the default domain).
 *
 * Why a regressor even for classifiers: TreeEnsembleClassifier's post-transforms and binary
 * special cases differ between ONNX runtimes, while Regressor + explicit Sigmoid/Softmax is
 * unambiguous, so the exported probabilities equal the engine's everywhere.
 *
 * ONNX evaluates trees in float32. A split `x <= t` (t float64) is exported with the largest
 * float32 not above t: for any float32 input x, `x <= t` and `x <= below32(t)` then agree exactly,
 * so a float32-rounded row follows the same path in ONNX Runtime as in the engine. Missing values
 * follow `nodes_missing_value_tracks_true` (the "true" branch of BRANCH_LEQ is the left child).
 */
import type { OnnxGraphBuilder } from './graph.js';
import type { FlatTrees } from '../boosting/predictor.js';
import { treeCount } from '../boosting/predictor.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The largest float32 value that is <= t (t itself when representable; infinities kept). */
export function float32AtOrBelow(t: number): number {
  const r = Math.fround(t);
  if (r <= t || !Number.isFinite(t)) return r;
  // r rounded up: step one float32 towards -Infinity.
  f32[0] = r;
  if (r > 0) u32[0] -= 1;
  else if (r < 0) u32[0] += 1;
  else u32[0] = 0x80000001; // below +0 is the smallest negative subnormal
  return f32[0];
}

/** Options of {@link addTreeEnsemble}. */
export interface TreeEnsembleExport {
  /** Number of outputs of the ensemble (columns of the result). */
  nTargets: number;
  /** Output receiving tree t's first leaf value (boosting: t % K); null = 0 for every tree. */
  treeOutput: Int32Array | null;
  /** Factor applied to every leaf value (e.g. 1 / nTrees to average a forest). */
  scale: number;
  /** Added to each output (boosting baseline); zeros when absent. */
  baseValues?: ArrayLike<number>;
}

/** Appends a TreeEnsembleRegressor over `input` (float [N, nFeatures]); returns the float [N, nTargets] scores. */
export function addTreeEnsemble(b: OnnxGraphBuilder, input: string, trees: FlatTrees, opts: TreeEnsembleExport): string {
  const nTrees = treeCount(trees);
  const K = trees.nOutputs;
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const values: number[] = [];
  const modes: string[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const missingTrue: number[] = [];
  const tTree: number[] = [];
  const tNode: number[] = [];
  const tId: number[] = [];
  const tWeight: number[] = [];
  for (let t = 0; t < nTrees; t++) {
    const s = trees.treeStart[t];
    const e = trees.treeStart[t + 1];
    const out0 = opts.treeOutput ? opts.treeOutput[t] : 0;
    for (let i = s; i < e; i++) {
      const f = trees.feature[i];
      treeIds.push(t);
      nodeIds.push(i - s);
      if (f < 0) {
        featureIds.push(0);
        values.push(0);
        modes.push('LEAF');
        trueIds.push(0);
        falseIds.push(0);
        missingTrue.push(0);
        for (let k = 0; k < K; k++) {
          const v = trees.value[i * K + k] * opts.scale;
          if (v === 0) continue;
          tTree.push(t);
          tNode.push(i - s);
          tId.push(out0 + k);
          tWeight.push(v);
        }
      } else {
        featureIds.push(f);
        values.push(float32AtOrBelow(trees.threshold[i]));
        modes.push('BRANCH_LEQ');
        trueIds.push(trees.left[i] - s);
        falseIds.push(trees.right[i] - s);
        missingTrue.push(trees.missingLeft[i]);
      }
    }
  }
  const out = b.uniqueName('tree_scores');
  const base = opts.baseValues ? Array.from(opts.baseValues) : new Array<number>(opts.nTargets).fill(0);
  b.addNode('TreeEnsembleRegressor', [input], [out], [
    { name: 'n_targets', type: 'int', value: opts.nTargets },
    { name: 'aggregate_function', type: 'string', value: 'SUM' },
    { name: 'post_transform', type: 'string', value: 'NONE' },
    { name: 'base_values', type: 'floats', value: base },
    { name: 'nodes_treeids', type: 'ints', value: treeIds },
    { name: 'nodes_nodeids', type: 'ints', value: nodeIds },
    { name: 'nodes_featureids', type: 'ints', value: featureIds },
    { name: 'nodes_values', type: 'floats', value: values },
    { name: 'nodes_modes', type: 'strings', value: modes },
    { name: 'nodes_truenodeids', type: 'ints', value: trueIds },
    { name: 'nodes_falsenodeids', type: 'ints', value: falseIds },
    { name: 'nodes_missing_value_tracks_true', type: 'ints', value: missingTrue },
    { name: 'target_treeids', type: 'ints', value: tTree },
    { name: 'target_nodeids', type: 'ints', value: tNode },
    { name: 'target_ids', type: 'ints', value: tId },
    { name: 'target_weights', type: 'floats', value: tWeight },
  ], 'ai.onnx.ml');
  return out;
}

/** Label (int64 [N], index of the largest probability, first on ties) from probabilities [N, K]. */
export function addArgmaxLabel(b: OnnxGraphBuilder, probabilities: string): string {
  const label = b.uniqueName('label');
  b.addNode('ArgMax', [probabilities], [label], [
    { name: 'axis', type: 'int', value: 1 },
    { name: 'keepdims', type: 'int', value: 0 },
  ]);
  return label;
}

/** Two-class head: scores [N, 1] (log-odds of class 1) -> probabilities [N, 2] = [1 - p, p] and label. */
export function addBinaryLogisticHead(b: OnnxGraphBuilder, scores: string): { label: string; probabilities: string } {
  const p1 = b.uniqueName('p1');
  b.addNode('Sigmoid', [scores], [p1]);
  const one = b.addInitializer('one', 'float', [1], [1]);
  const p0 = b.uniqueName('p0');
  b.addNode('Sub', [one, p1], [p0]);
  const probabilities = b.uniqueName('probabilities');
  b.addNode('Concat', [p0, p1], [probabilities], [{ name: 'axis', type: 'int', value: 1 }]);
  return { label: addArgmaxLabel(b, probabilities), probabilities };
}

/** Multiclass head: scores [N, K] -> softmax probabilities and label. */
export function addSoftmaxHead(b: OnnxGraphBuilder, scores: string): { label: string; probabilities: string } {
  const probabilities = b.uniqueName('probabilities');
  b.addNode('Softmax', [scores], [probabilities], [{ name: 'axis', type: 'int', value: 1 }]);
  return { label: addArgmaxLabel(b, probabilities), probabilities };
}
