/**
 * Grows one regression tree on gradients and hessians (the inner step of gradient boosting).
 *
 * Growth is best-first ("leaf-wise", LightGBM, Ke et al. 2017; Shi 2007): the leaf whose best
 * split has the largest gain is split next, until `maxLeafNodes` leaves exist, no leaf can be split,
 * or leaves reach `maxDepth`. With `maxLeafNodes` null and a `maxDepth`, every splittable node
 * is split down to that depth: depth-wise growth (XGBoost's default) falls out of the same loop.
 * A node needs at least 2 * minSamplesLeaf rows to be considered. The smaller child's histograms
 * are built from its rows and the larger child's by subtraction from the parent's.
 *
 * Rows live in one index array that is partitioned in place (stably, so every node's rows stay
 * in increasing order and histogram sums are reproducible); a leaf owns a contiguous range of it.
 */
import { accumulateHistograms, histogramLength, subtractHistograms } from './histogram.js';
import { emptySplit, findBestSplit, leafValue, type SplitConstraints, type SplitInfo } from './split-finder.js';
import type { BinMapper, RowMajorBins } from './binning.js';

/** Tree-shape parameters of the grower. */
export interface GrowerParams {
  maxLeafNodes: number | null;
  maxDepth: number | null;
  minSamplesLeaf: number;
  l2Regularization: number;
  minGainToSplit: number;
  minHessianToSplit: number;
  /** Learning rate, applied to leaf values. */
  shrinkage: number;
}

/** Histograms kept alive at most (beyond it, a node rebuilds its children without subtraction). */
const MAX_POOLED_HISTOGRAMS = 256;

/**
 * Builds a node's histograms (cleared first) from `rows[start..end)`, or from the row range
 * start..end when `rows` is null. The default runs on the calling thread; a parallel one splits
 * the rows between threads (the sums are exact, so the result is the same).
 */
export type HistogramBuildFn = (rows: Uint32Array | null, start: number, end: number, gp: Float64Array, out: Float64Array) => void;

/**
 * Stable partition of `rows[start..end)` of a node on (feature, bin, missingLeft), with the
 * workspace's columns and scratch; returns the first index of the right part. The default runs
 * on the calling thread; a parallel one cuts the range into chunks (same result).
 */
export type PartitionFn = (start: number, end: number, feature: number, bin: number, missingLeft: boolean) => number;

/** Buffers reused by every tree of one fit. */
export class GrowerWorkspace {
  readonly rows: Uint32Array;
  readonly scratch: Uint32Array;
  readonly histLength: number;
  readonly buildHistograms: HistogramBuildFn;
  readonly partition: PartitionFn;
  private readonly free: Float64Array[] = [];
  private live = 0;

  /**
   * Column-major copy of the codes (feature f's codes at `columns[f * nRows ..]`): partitioning
   * reads one feature of many rows, which is a short contiguous column instead of one cache line
   * per row of the row-major codes the histograms use.
   */
  readonly columns: Uint8Array;

  /**
   * `rows`, `columns` and `scratch` may be passed in shared memory for a parallel `build` and
   * `partition` (`columns` is filled here).
   */
  constructor(
    readonly bins: RowMajorBins,
    readonly nBinsTotal: number,
    build?: HistogramBuildFn,
    rows?: Uint32Array,
    parallelPartition?: PartitionFn,
    columns?: Uint8Array,
    scratch?: Uint32Array,
  ) {
    this.rows = rows ?? new Uint32Array(bins.nRows);
    const n = bins.nRows;
    this.columns = columns ?? new Uint8Array(n * bins.nFeatures);
    for (let i = 0; i < n; i++) {
      const src = i * bins.stride;
      for (let f = 0; f < bins.nFeatures; f++) this.columns[f * n + i] = bins.bins[src + f];
    }
    this.scratch = scratch ?? new Uint32Array(bins.nRows);
    // The missing-value bin is the last one (binning.ts).
    const missingBin = nBinsTotal - 1;
    this.partition =
      parallelPartition ??
      ((start, end, feature, bin, missingLeft) => partitionRows(this.rows, this.scratch, start, end, this.columns.subarray(feature * n, (feature + 1) * n), bin, missingBin, missingLeft));
    this.histLength = histogramLength(bins, nBinsTotal);
    this.buildHistograms =
      build ??
      ((r, start, end, gp, out) => {
        out.fill(0);
        accumulateHistograms(bins, nBinsTotal, r, start, end, gp, out);
      });
  }

  /** A histogram buffer (recycled when possible). */
  takeHistogram(): Float64Array {
    this.live++;
    return this.free.pop() ?? new Float64Array(this.histLength);
  }

  /** Histogram buffers currently handed out. */
  get liveHistograms(): number {
    return this.live;
  }

  /** Returns a buffer to the pool. */
  releaseHistogram(h: Float64Array | null): void {
    if (!h) return;
    this.live--;
    this.free.push(h);
  }
}

/** A grown tree with tree-local indices, and where its leaves' rows are in the workspace. */
export interface GrownTree {
  nNodes: number;
  feature: Int32Array;
  /** Bin of the split (rows with bin <= it go left); used to predict on binned validation rows. */
  binThreshold: Uint8Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** Leaf values, shrinkage included. */
  value: Float64Array;
  /** Split gain per node (0 for leaves), for gain-based feature importances. */
  gain: Float64Array;
  /** For each leaf: node index, and its rows as [start, end) of `workspace.rows`. */
  leafNode: Int32Array;
  leafStart: Int32Array;
  leafEnd: Int32Array;
}

interface GrowNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  sumGrad: number;
  sumHess: number;
  hist: Float64Array | null;
  split: SplitInfo;
}

/** Growable per-node arrays of one tree (tree-local indices). */
class NodeArrays {
  n = 0;
  feature: Int32Array;
  binThreshold: Uint8Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  gain: Float64Array;

  constructor(cap: number) {
    this.feature = new Int32Array(cap);
    this.binThreshold = new Uint8Array(cap);
    this.missingLeft = new Uint8Array(cap);
    this.left = new Int32Array(cap);
    this.right = new Int32Array(cap);
    this.value = new Float64Array(cap);
    this.gain = new Float64Array(cap);
  }

  /** A new node, a leaf until split. */
  add(): number {
    if (this.n === this.feature.length) {
      const cap = this.n * 2;
      this.feature = resized(this.feature, cap);
      this.binThreshold = resized(this.binThreshold, cap);
      this.missingLeft = resized(this.missingLeft, cap);
      this.left = resized(this.left, cap);
      this.right = resized(this.right, cap);
      this.value = resized(this.value, cap);
      this.gain = resized(this.gain, cap);
    }
    const id = this.n++;
    this.feature[id] = -1;
    this.left[id] = -1;
    this.right[id] = -1;
    return id;
  }
}

function resized<T extends Int32Array | Uint8Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (k: number) => T)(size);
  b.set(a);
  return b;
}

/**
 * 1 when a row whose code is `b` goes left of a split at `bin`, else 0: b <= bin, or b is the
 * missing-value bin and missing values go left (`missingLeft` 0 or 1). Integer arithmetic only,
 * because V8 turns `cond ? 1 : 0` into a branch, and the side is a coin flip the CPU cannot
 * predict: split bins are <= 254 and codes <= 255, so `(bin - b) >>> 31` is 1 exactly when
 * b > bin, and `(x + 255) >> 8` with x = b ^ missingBin in [0, 255] is 0 exactly when b is the
 * missing bin.
 */
export function binGoesLeft(b: number, bin: number, missingBin: number, missingLeft: number): number {
  return (((bin - b) >>> 31) ^ 1) | ((1 - (((b ^ missingBin) + 255) >> 8)) & missingLeft);
}

/**
 * Stable partition of rows[start..end) on (feature, bin, missingLeft): the left rows end up
 * compacted at rows[start..), the right rows at scratch[scratchStart..); returns the number of
 * left rows.
 */
export function partitionChunk(rows: Uint32Array, scratch: Uint32Array, scratchStart: number, start: number, end: number, column: Uint8Array, bin: number, missingBin: number, missingLeft: boolean): number {
  let l = start;
  let r = scratchStart;
  const ml = missingLeft ? 1 : 0;
  // Branch-free: write the row to both sides and advance one.
  for (let k = start; k < end; k++) {
    const row = rows[k];
    const goLeft = binGoesLeft(column[row], bin, missingBin, ml);
    rows[l] = row;
    scratch[r] = row;
    l += goLeft;
    r += 1 - goLeft;
  }
  return l - start;
}

/**
 * Stable in-place partition of rows[start..end) on (feature, bin, missingLeft); returns the
 * first index of the right part.
 */
export function partitionRows(rows: Uint32Array, scratch: Uint32Array, start: number, end: number, column: Uint8Array, bin: number, missingBin: number, missingLeft: boolean): number {
  const nLeft = partitionChunk(rows, scratch, 0, start, end, column, bin, missingBin, missingLeft);
  const mid = start + nLeft;
  rows.set(scratch.subarray(0, end - mid), mid);
  return mid;
}

/** Grows one tree (see {@link growTree}). */
class TreeGrower {
  private readonly nodes: NodeArrays;
  private readonly leaves: GrowNode[] = [];
  private readonly heap: GrowNode[] = [];
  private readonly constraints: SplitConstraints;
  private nLeaves = 1;

  constructor(
    private readonly mapper: BinMapper,
    private readonly gp: Float64Array,
    private readonly hessianScale: number,
    private readonly params: GrowerParams,
    private readonly ws: GrowerWorkspace,
  ) {
    this.nodes = new NodeArrays(params.maxLeafNodes !== null ? 2 * params.maxLeafNodes - 1 : 255);
    this.constraints = {
      minSamplesLeaf: params.minSamplesLeaf,
      minHessianToSplit: params.minHessianToSplit,
      l2Regularization: params.l2Regularization,
      minGainToSplit: params.minGainToSplit,
      hessianScale,
    };
  }

  private finalize(node: GrowNode): void {
    this.nodes.value[node.id] = this.params.shrinkage * leafValue(node.sumGrad, node.sumHess, this.params.l2Regularization);
    this.ws.releaseHistogram(node.hist);
    node.hist = null;
    this.leaves.push(node);
  }

  private pushIfSplittable(node: GrowNode): void {
    const m = this.mapper;
    findBestSplit(node.hist as Float64Array, this.ws.nBinsTotal, m.nBinsNonMissing, m.hasMissing, node.sumGrad, node.sumHess, node.end - node.start, this.constraints, node.split);
    if (node.split.gain <= 0) this.finalize(node);
    else heapPush(this.heap, node);
  }

  private canSplit(count: number, depth: number): boolean {
    const p = this.params;
    return count >= 2 * p.minSamplesLeaf && !(p.maxDepth !== null && depth >= p.maxDepth);
  }

  grow(): GrownTree {
    const { ws, params, gp, nodes, heap } = this;
    const n = ws.bins.nRows;
    const rows = ws.rows;
    for (let i = 0; i < n; i++) rows[i] = i;
    const root: GrowNode = { id: nodes.add(), start: 0, end: n, depth: 0, sumGrad: 0, sumHess: 0, hist: null, split: emptySplit() };
    let sumGrad = 0;
    let sumPacked = 0;
    if ((params.maxLeafNodes !== null && params.maxLeafNodes <= 1) || !this.canSplit(n, 0)) {
      for (let i = 0; i < n; i++) {
        sumGrad += gp[2 * i];
        sumPacked += gp[2 * i + 1];
      }
    } else {
      root.hist = ws.takeHistogram();
      ws.buildHistograms(null, 0, n, gp, root.hist);
      // Every row is in one bin of feature 0 (the missing-value bin included), and these sums
      // are exact (histogram.ts), so its bins add up to the totals: no pass over the rows.
      const h = root.hist;
      for (let b = 0; b < ws.nBinsTotal; b++) {
        sumGrad += h[2 * b];
        sumPacked += h[2 * b + 1];
      }
    }
    root.sumGrad = sumGrad;
    root.sumHess = this.hessianScale === 0 ? n : (sumPacked - n) * this.hessianScale;
    if (root.hist) this.pushIfSplittable(root);
    else this.finalize(root);
    while (heap.length > 0) {
      const node = heapPop(heap);
      this.split(node);
    }
    return this.result();
  }

  private split(node: GrowNode): void {
    const { ws, params, nodes } = this;
    const s = node.split;
    const mid = ws.partition(node.start, node.end, s.feature, s.bin, s.missingLeft);
    nodes.feature[node.id] = s.feature;
    nodes.binThreshold[node.id] = s.bin;
    nodes.missingLeft[node.id] = s.missingLeft ? 1 : 0;
    nodes.gain[node.id] = s.gain;
    const depth = node.depth + 1;
    const lc: GrowNode = { id: nodes.add(), start: node.start, end: mid, depth, sumGrad: s.sumGradLeft, sumHess: s.sumHessLeft, hist: null, split: emptySplit() };
    const rc: GrowNode = { id: nodes.add(), start: mid, end: node.end, depth, sumGrad: s.sumGradRight, sumHess: s.sumHessRight, hist: null, split: emptySplit() };
    nodes.left[node.id] = lc.id;
    nodes.right[node.id] = rc.id;
    this.nLeaves++;
    if (params.maxLeafNodes !== null && this.nLeaves >= params.maxLeafNodes) {
      ws.releaseHistogram(node.hist);
      node.hist = null;
      this.finalize(lc);
      this.finalize(rc);
      while (this.heap.length > 0) this.finalize(heapPop(this.heap));
      return;
    }
    const leftOk = this.canSplit(lc.end - lc.start, depth);
    const rightOk = this.canSplit(rc.end - rc.start, depth);
    if (leftOk || rightOk) {
      const small = lc.end - lc.start < rc.end - rc.start ? lc : rc;
      const large = small === lc ? rc : lc;
      const smallHist = ws.takeHistogram();
      const largeHist = ws.takeHistogram();
      small.hist = smallHist;
      large.hist = largeHist;
      ws.buildHistograms(ws.rows, small.start, small.end, this.gp, smallHist);
      if (node.hist) subtractHistograms(node.hist, smallHist, largeHist);
      else ws.buildHistograms(ws.rows, large.start, large.end, this.gp, largeHist);
    }
    ws.releaseHistogram(node.hist);
    node.hist = null;
    this.settle(lc, leftOk);
    this.settle(rc, rightOk);
  }

  private settle(child: GrowNode, splittable: boolean): void {
    if (!splittable) {
      this.finalize(child);
      return;
    }
    this.pushIfSplittable(child);
    // Past the pool cap a waiting node drops its histograms; its children are then built directly.
    if (child.hist && this.ws.liveHistograms > MAX_POOLED_HISTOGRAMS) {
      this.ws.releaseHistogram(child.hist);
      child.hist = null;
    }
  }

  private result(): GrownTree {
    const nodes = this.nodes;
    const nl = this.leaves.length;
    const leafNode = new Int32Array(nl);
    const leafStart = new Int32Array(nl);
    const leafEnd = new Int32Array(nl);
    for (let k = 0; k < nl; k++) {
      leafNode[k] = this.leaves[k].id;
      leafStart[k] = this.leaves[k].start;
      leafEnd[k] = this.leaves[k].end;
    }
    const nn = nodes.n;
    return {
      nNodes: nn,
      feature: nodes.feature.slice(0, nn),
      binThreshold: nodes.binThreshold.slice(0, nn),
      missingLeft: nodes.missingLeft.slice(0, nn),
      left: nodes.left.slice(0, nn),
      right: nodes.right.slice(0, nn),
      value: nodes.value.slice(0, nn),
      gain: nodes.gain.slice(0, nn),
      leafNode,
      leafStart,
      leafEnd,
    };
  }
}

/**
 * Grows one tree on every row of the workspace's bins from interleaved gradient / packed-hessian
 * pairs (histogram.ts `packChunk`, whose scale is `hessianScale`; 0 = constant hessians).
 */
export function growTree(mapper: BinMapper, gp: Float64Array, hessianScale: number, params: GrowerParams, ws: GrowerWorkspace): GrownTree {
  return new TreeGrower(mapper, gp, hessianScale, params, ws).grow();
}

// A binary max-heap on split gain; ties go to the older node (lower id) for determinism.
function before(a: GrowNode, b: GrowNode): boolean {
  return a.split.gain > b.split.gain || (a.split.gain === b.split.gain && a.id < b.id);
}

function heapPush(h: GrowNode[], x: GrowNode): void {
  h.push(x);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(h[i], h[p])) break;
    [h[i], h[p]] = [h[p], h[i]];
    i = p;
  }
}

function heapPop(h: GrowNode[]): GrowNode {
  const top = h[0];
  const last = h.pop() as GrowNode;
  if (h.length > 0) {
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l], h[m])) m = l;
      if (r < h.length && before(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
  return top;
}
