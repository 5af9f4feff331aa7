/**
 * One random-forest tree as a parallel task (Breiman 2001, "Random Forests"): draw the tree's
 * bootstrap sample from its own seed, then grow a CART tree that tries `maxFeatures` random
 * features per node. The tree depends only on (data, params, seed), so a forest is identical
 * whichever thread grows which tree.
 */
import type { ParallelTask } from '../core/parallel.js';
import { Rng } from '../core/rng.js';
import { CartBuilder, type CartData, type CartParams, type CartTree } from './cart.js';

/** Input shared by every tree of a forest (large arrays in shared memory when threaded). */
export interface ForestTaskInput {
  data: CartData;
  params: CartParams;
  /** Per-row weights (sample weight x class weight), or null for all ones. */
  baseWeight: Float64Array | null;
  bootstrap: boolean;
  /** One seed per tree. */
  seeds: Uint32Array;
  /** Index of the first tree of this batch (task index i grows tree firstTree + i). */
  firstTree: number;
}

/** Grows one tree of the forest. */
export function growForestTree(input: ForestTaskInput, tree: number): CartTree {
  const { data, baseWeight } = input;
  const n = data.nRows;
  const rng = new Rng(input.seeds[tree]);
  const weight = new Float64Array(n);
  if (input.bootstrap) {
    for (let k = 0; k < n; k++) weight[rng.int(n)] += 1;
    if (baseWeight) for (let i = 0; i < n; i++) weight[i] *= baseWeight[i];
  } else if (baseWeight) weight.set(baseWeight);
  else weight.fill(1);
  let m = 0;
  for (let i = 0; i < n; i++) if (weight[i] > 0) m++;
  const rows = new Uint32Array(m);
  for (let i = 0, k = 0; i < n; i++) if (weight[i] > 0) rows[k++] = i;
  return new CartBuilder(data, input.params).build(rows, weight, rng);
}

/** The parallel task: index i grows tree `firstTree + i`. */
export const forestTreeTask: ParallelTask<ForestTaskInput, CartTree> = {
  name: 'tree.forest-tree',
  run(input, index) {
    return growForestTree(input, input.firstTree + index);
  },
};
