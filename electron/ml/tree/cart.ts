/**
 * CART tree building (Breiman, Friedman, Olshen & Stone 1984, "Classification and Regression
 * Trees"): greedy binary splits that most reduce Gini impurity, entropy (log2) or squared error,
 * grown depth-first, as scikit-learn's DecisionTree. Used alone (DecisionTree*) and for every tree
 * of a random forest (Breiman 2001: bootstrap rows, `maxFeatures` random features per node).
 *
 * Split search uses binned features (boosting/binning.ts): a node accumulates, per candidate
 * feature, row counts and class weights (or weight and weighted target) per bin, then scans the
 * bins it touched. A node of m rows costs O(m) per feature instead of O(m log m) for sorting, so
 * fitting is far from the O(n^2) of naive CART. With at most `maxBins` distinct values per feature
 * (255 by default) the search is exact; above that, candidate thresholds are the bin edges.
 * The threshold stored for prediction is the midpoint between the largest training value on the
 * left and the smallest on the right, as exact CART does.
 *
 * Missing values (NaN) have their own bin; each split tries sending them left and right and keeps
 * the better (scikit-learn >= 1.3 does the same); a split never saw NaN sends it to the larger child.
 */
import type { Rng } from '../core/rng.js';

/** Impurity criteria. */
export type Criterion = 'gini' | 'entropy' | 'squared_error';

/** Tree-shape parameters, resolved (maxFeatures as a count). */
export interface CartParams {
  criterion: Criterion;
  maxDepth: number | null;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Features drawn per node (>= nFeatures means all, in column order). */
  maxFeatures: number;
  minImpurityDecrease: number;
}

/** Binned training data shared by every tree (column-major bins, n x d). */
export interface CartData {
  bins: Uint8Array;
  nRows: number;
  nFeatures: number;
  /** Bin holding NaN; value bins are 0..maxBins-1. */
  missingBin: number;
  /** Per feature and bin (d x (missingBin + 1)): smallest and largest training value. */
  binLow: Float64Array;
  binHigh: Float64Array;
  /** Class index per row (classification) or null. */
  yClass: Int32Array | null;
  nClasses: number;
  /** Target per row (regression) or null. */
  yValue: Float64Array | null;
}

/** One grown tree, tree-local indices (children after parents). */
export interface CartTree {
  nNodes: number;
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** nNodes * nOutputs: class probabilities or the mean target (leaves only are meaningful). */
  value: Float64Array;
  /** Weighted impurity decrease per feature (not normalised). */
  importances: Float64Array;
}

const EPSILON = 2.220446049250313e-16;

/** Bin statistics and the bins a node touched, for one feature at a time. */
class FeatureScan {
  readonly hist: Float64Array;
  readonly touched: Uint32Array;
  readonly order: Int32Array;

  constructor(
    nBinsTotal: number,
    readonly stride: number,
  ) {
    this.hist = new Float64Array(nBinsTotal * stride);
    this.touched = new Uint32Array(Math.ceil(nBinsTotal / 32));
    this.order = new Int32Array(nBinsTotal);
  }
}

interface Best {
  score: number;
  feature: number;
  /** Last bin on the left, and first touched bin on the right (-1: split non-missing vs missing). */
  leftBin: number;
  rightBin: number;
  missingLeft: boolean;
  countLeft: number;
  /** Classification: [count, class weights...] of the left side, missing rows included when they go left. */
  left: Float64Array;
}

interface NodeTask {
  id: number;
  start: number;
  end: number;
  depth: number;
  /** [count, W, class weights...] when the parent's split already gave them (classification). */
  stats: Float64Array | null;
}

/** Builds CART trees over one {@link CartData}; reusable for many trees (forest). */
export class CartBuilder {
  private readonly K: number;
  private readonly stride: number;
  private readonly scan: FeatureScan;
  private readonly scratch: Uint32Array;
  private readonly nodeStats: Float64Array;
  private readonly leftStats: Float64Array;
  private readonly featureOrder: Int32Array;
  // Per-row weight and target in the current order of `rows` (moved with them when partitioning),
  // so every pass over a node reads them sequentially instead of by random row index.
  private posW = new Float64Array(0);
  private posClass = new Int32Array(0);
  private posValue = new Float64Array(0);
  private scratchW = new Float64Array(0);
  private scratchClass = new Int32Array(0);
  private scratchValue = new Float64Array(0);

  constructor(
    private readonly data: CartData,
    private readonly params: CartParams,
  ) {
    this.K = data.yClass ? data.nClasses : 1;
    // Per bin: count, then K class weights (classification) or weight and weighted target.
    this.stride = data.yClass ? 1 + this.K : 3;
    this.scan = new FeatureScan(data.missingBin + 1, this.stride);
    this.scratch = new Uint32Array(data.nRows);
    this.nodeStats = new Float64Array(this.stride + 1);
    this.leftStats = new Float64Array(this.stride + 1);
    this.featureOrder = new Int32Array(data.nFeatures);
  }

  /**
   * Grows a tree on `rows` (each with weight > 0; partitioned in place) weighted by `weight`
   * (indexed by row). `rng` draws the features tried per node when maxFeatures < nFeatures.
   */
  build(rows: Uint32Array, weight: Float64Array, rng: Rng | null): CartTree {
    const d = this.data;
    const p = this.params;
    const K = this.K;
    const nOut = d.yClass ? K : 1;
    let cap = 64;
    let feature = new Int32Array(cap);
    let threshold = new Float64Array(cap);
    let missingLeft = new Uint8Array(cap);
    let left = new Int32Array(cap);
    let right = new Int32Array(cap);
    let value = new Float64Array(cap * nOut);
    let nNodes = 0;
    const importances = new Float64Array(d.nFeatures);
    const newNode = (): number => {
      if (nNodes === cap) {
        cap *= 2;
        feature = grow(feature, cap);
        threshold = grow(threshold, cap);
        missingLeft = grow(missingLeft, cap);
        left = grow(left, cap);
        right = grow(right, cap);
        value = grow(value, cap * nOut);
      }
      feature[nNodes] = -1;
      left[nNodes] = -1;
      right[nNodes] = -1;
      return nNodes++;
    };

    const m0 = rows.length;
    if (this.posW.length < m0) {
      this.posW = new Float64Array(m0);
      this.scratchW = new Float64Array(m0);
      if (d.yClass) {
        this.posClass = new Int32Array(m0);
        this.scratchClass = new Int32Array(m0);
      } else {
        this.posValue = new Float64Array(m0);
        this.scratchValue = new Float64Array(m0);
      }
    }
    const posW = this.posW;
    const posClass = this.posClass;
    const posValue = this.posValue;
    for (let k = 0; k < m0; k++) {
      const r = rows[k];
      posW[k] = weight[r];
      if (d.yClass) posClass[k] = d.yClass[r];
      else posValue[k] = (d.yValue as Float64Array)[r];
    }
    const stack: NodeTask[] = [{ id: newNode(), start: 0, end: rows.length, depth: 0, stats: null }];
    let rootWeight = -1;
    const best: Best = { score: -Infinity, feature: -1, leftBin: 0, rightBin: 0, missingLeft: false, countLeft: 0, left: new Float64Array(this.stride) };
    while (stack.length > 0) {
      const node = stack.pop() as NodeTask;
      const m = node.end - node.start;
      const stats = this.nodeStats;
      if (node.stats) stats.set(node.stats);
      else this.computeStats(node.start, node.end, stats);
      const W = stats[1];
      if (rootWeight < 0) rootWeight = W;
      // Leaf value. A child's class sums are its parent's minus its sibling's: with fractional
      // weights an absent class can come out as -1e-16, which must not become a probability.
      if (d.yClass) for (let k = 0; k < K; k++) value[node.id * K + k] = Math.max(0, stats[2 + k]) / W;
      else value[node.id] = stats[2] / W;
      const impurity = this.impurity(stats);
      if ((p.maxDepth !== null && node.depth >= p.maxDepth) || m < p.minSamplesSplit || m < 2 * p.minSamplesLeaf || impurity <= EPSILON) continue;
      if (!this.findSplit(rows, node.start, node.end, stats, rng, best)) continue;
      // Partition (stable), moving weights and targets with their rows.
      const f = best.feature;
      const col = f * d.nRows;
      const bins = d.bins;
      const mb = d.missingBin;
      const lb = best.leftBin;
      const ml = best.missingLeft;
      const scratch = this.scratch;
      const sw = this.scratchW;
      const isClass = d.yClass !== null;
      const sc = this.scratchClass;
      const sv = this.scratchValue;
      let l = node.start;
      let r = 0;
      for (let k = node.start; k < node.end; k++) {
        const row = rows[k];
        const b = bins[col + row];
        if (b === mb ? ml : b <= lb) {
          rows[l] = row;
          posW[l] = posW[k];
          if (isClass) posClass[l] = posClass[k];
          else posValue[l] = posValue[k];
          l++;
        } else {
          scratch[r] = row;
          sw[r] = posW[k];
          if (isClass) sc[r] = posClass[k];
          else sv[r] = posValue[k];
          r++;
        }
      }
      rows.set(scratch.subarray(0, r), l);
      posW.set(sw.subarray(0, r), l);
      if (isClass) posClass.set(sc.subarray(0, r), l);
      else posValue.set(sv.subarray(0, r), l);
      const mid = l;
      // Impurity decrease (weighted, as scikit-learn's feature_importances_).
      const ls = this.leftStats;
      if (isClass) {
        // The split search already summed the left side by class: no pass over the rows.
        ls[0] = best.left[0];
        ls[1] = 0;
        for (let k = 0; k < K; k++) {
          ls[2 + k] = best.left[1 + k];
          ls[1] += best.left[1 + k];
        }
      } else this.computeStats(node.start, mid, ls);
      const WL = ls[1];
      const WR = W - WL;
      const rs = this.nodeStats; // reuse: right = node - left
      for (let q = 0; q < rs.length; q++) rs[q] -= ls[q];
      const decrease = (W / rootWeight) * (impurity - (WL / W) * this.impurity(ls) - (WR / W) * this.impurity(rs));
      if (decrease + EPSILON < p.minImpurityDecrease) continue;
      importances[f] += W * impurity - WL * this.impurity(ls) - WR * this.impurity(rs);
      feature[node.id] = f;
      threshold[node.id] = best.rightBin < 0 ? Infinity : midpoint(d.binHigh[f * (mb + 1) + lb], d.binLow[f * (mb + 1) + best.rightBin]);
      missingLeft[node.id] = ml ? 1 : 0;
      const lc = newNode();
      const rc = newNode();
      left[node.id] = lc;
      right[node.id] = rc;
      // Depth-first, left subtree first.
      stack.push({ id: rc, start: mid, end: node.end, depth: node.depth + 1, stats: isClass ? rs.slice(0, 2 + K) : null });
      stack.push({ id: lc, start: node.start, end: mid, depth: node.depth + 1, stats: isClass ? ls.slice(0, 2 + K) : null });
    }
    return {
      nNodes,
      feature: feature.slice(0, nNodes),
      threshold: threshold.slice(0, nNodes),
      missingLeft: missingLeft.slice(0, nNodes),
      left: left.slice(0, nNodes),
      right: right.slice(0, nNodes),
      value: value.slice(0, nNodes * nOut),
      importances,
    };
  }

  /** stats = [count, W, then class weights (K) or Σwy, Σwy²] of positions [start, end). */
  private computeStats(start: number, end: number, stats: Float64Array): void {
    stats.fill(0);
    stats[0] = end - start;
    const pw = this.posW;
    if (this.data.yClass) {
      const y = this.posClass;
      for (let k = start; k < end; k++) {
        const w = pw[k];
        stats[1] += w;
        stats[2 + y[k]] += w;
      }
    } else {
      const y = this.posValue;
      for (let k = start; k < end; k++) {
        const w = pw[k];
        const v = y[k];
        stats[1] += w;
        stats[2] += w * v;
        stats[3] += w * v * v;
      }
    }
  }

  private impurity(stats: Float64Array): number {
    const W = stats[1];
    if (!(W > 0)) return 0;
    if (!this.data.yClass) {
      const mean = stats[2] / W;
      return Math.max(0, stats[3] / W - mean * mean);
    }
    const K = this.K;
    if (this.params.criterion === 'entropy') {
      let h = 0;
      for (let k = 0; k < K; k++) {
        const p = stats[2 + k] / W;
        if (p > 0) h -= p * Math.log2(p);
      }
      return h;
    }
    let s = 0;
    for (let k = 0; k < K; k++) {
      const p = stats[2 + k] / W;
      s += p * p;
    }
    return 1 - s;
  }

  /** Finds the best split of a node into `best`; false when no valid split exists. */
  private findSplit(rows: Uint32Array, start: number, end: number, stats: Float64Array, rng: Rng | null, best: Best): boolean {
    const d = this.data;
    const nF = d.nFeatures;
    const order = this.featureOrder;
    for (let j = 0; j < nF; j++) order[j] = j;
    const sample = this.params.maxFeatures < nF && rng !== null;
    best.score = -Infinity;
    best.feature = -1;
    let visited = 0;
    for (let j = 0; j < nF; j++) {
      if (sample) {
        if (visited >= this.params.maxFeatures) break;
        const pick = j + rng.int(nF - j);
        const t = order[j];
        order[j] = order[pick];
        order[pick] = t;
      }
      const f = order[j];
      if (this.scanFeature(f, rows, start, end, stats, best)) visited++;
    }
    return best.feature >= 0;
  }

  /**
   * Accumulates feature f's bins over the node's rows and scans the candidate splits, updating
   * `best`. Returns false when the feature is constant in the node (it then does not count
   * towards maxFeatures, as in scikit-learn).
   */
  private scanFeature(f: number, rows: Uint32Array, start: number, end: number, stats: Float64Array, best: Best): boolean {
    const d = this.data;
    const { hist, touched, order } = this.scan;
    const S = this.stride;
    const mb = d.missingBin;
    const col = f * d.nRows;
    const bins = d.bins;
    const pw = this.posW;
    if (d.yClass !== null) {
      const yc = this.posClass;
      for (let k = start; k < end; k++) {
        const b = bins[col + rows[k]];
        const o = b * S;
        touched[b >>> 5] |= 1 << (b & 31);
        hist[o] += 1;
        hist[o + 1 + yc[k]] += pw[k];
      }
    } else {
      const yv = this.posValue;
      for (let k = start; k < end; k++) {
        const b = bins[col + rows[k]];
        const o = b * S;
        touched[b >>> 5] |= 1 << (b & 31);
        const w = pw[k];
        hist[o] += 1;
        hist[o + 1] += w;
        hist[o + 2] += w * yv[k];
      }
    }
    touched[mb >>> 5] &= ~(1 << (mb & 31));
    // Touched value bins in increasing order.
    let t = 0;
    for (let wi = 0; wi < touched.length; wi++) {
      let word = touched[wi];
      while (word !== 0) {
        const low = word & -word;
        order[t++] = wi * 32 + (31 - Math.clz32(low));
        word ^= low;
      }
      touched[wi] = 0;
    }
    const mo = mb * S;
    const nMissing = hist[mo];
    const constant = t + (nMissing > 0 ? 1 : 0) <= 1;
    const isClass = d.yClass !== null;
    if (!constant) {
      const count = stats[0];
      const minLeaf = this.params.minSamplesLeaf;
      const left = this.leftStats;
      left.fill(0);
      for (let q = 0; q < t; q++) {
        const b = order[q];
        const o = b * S;
        for (let s2 = 0; s2 < S; s2++) left[s2] += hist[o + s2];
        const last = q === t - 1;
        // A boundary after bin b (not after the last touched bin, unless it splits off the missing values).
        if (last && nMissing === 0) break;
        const rightBin = last ? -1 : order[q + 1];
        for (let m = 0; m < 2; m++) {
          const withMissing = m === 1;
          if (withMissing && (nMissing === 0 || last)) continue;
          const cL = left[0] + (withMissing ? nMissing : 0);
          if (cL < minLeaf || count - cL < minLeaf) continue;
          const score = this.proxy(left, withMissing ? mo : -1, stats);
          if (score > best.score) {
            best.score = score;
            best.feature = f;
            best.leftBin = b;
            best.rightBin = rightBin;
            best.missingLeft = withMissing;
            best.countLeft = cL;
            if (isClass) {
              best.left[0] = cL;
              for (let s2 = 1; s2 < S; s2++) best.left[s2] = left[s2] + (withMissing ? hist[mo + s2] : 0);
            }
          }
        }
      }
      // A split with no missing value in the node sends NaN to the larger child.
      if (best.feature === f && nMissing === 0) best.missingLeft = best.countLeft > count - best.countLeft;
    }
    for (let q = 0; q < t; q++) {
      const o = order[q] * S;
      for (let s2 = 0; s2 < S; s2++) hist[o + s2] = 0;
    }
    for (let s2 = 0; s2 < S; s2++) hist[mo + s2] = 0;
    return !constant;
  }

  /**
   * A score that ranks splits like the impurity decrease (larger is better): for Gini
   * Σ_k wL_k²/WL + Σ_k wR_k²/WR, for entropy -(children's weighted entropy), for squared error
   * SL²/WL + SR²/WR. `missingOffset` >= 0 adds the missing bin to the left side.
   */
  private proxy(left: Float64Array, missingOffset: number, stats: Float64Array): number {
    const hist = this.scan.hist;
    const m = missingOffset >= 0;
    if (!this.data.yClass) {
      const WL = left[1] + (m ? hist[missingOffset + 1] : 0);
      const SL = left[2] + (m ? hist[missingOffset + 2] : 0);
      const WR = stats[1] - WL;
      const SR = stats[2] - SL;
      if (!(WL > 0) || !(WR > 0)) return -Infinity;
      return (SL * SL) / WL + (SR * SR) / WR;
    }
    const K = this.K;
    let WL = 0;
    for (let k = 0; k < K; k++) WL += left[1 + k] + (m ? hist[missingOffset + 1 + k] : 0);
    const WR = stats[1] - WL;
    if (!(WL > 0) || !(WR > 0)) return -Infinity;
    if (this.params.criterion === 'entropy') {
      let e = 0;
      for (let k = 0; k < K; k++) {
        const wl = left[1 + k] + (m ? hist[missingOffset + 1 + k] : 0);
        const wr = stats[2 + k] - wl;
        if (wl > 0) e += wl * Math.log2(wl / WL);
        if (wr > 0) e += wr * Math.log2(wr / WR);
      }
      return e;
    }
    let sl = 0;
    let sr = 0;
    for (let k = 0; k < K; k++) {
      const wl = left[1 + k] + (m ? hist[missingOffset + 1 + k] : 0);
      const wr = stats[2 + k] - wl;
      sl += wl * wl;
      sr += wr * wr;
    }
    return sl / WL + sr / WR;
  }
}

function midpoint(a: number, b: number): number {
  const m = a / 2 + b / 2;
  return m >= b ? a : m;
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (k: number) => T)(size);
  b.set(a);
  return b;
}
