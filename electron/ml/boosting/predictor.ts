/**
 * Fitted trees as flat typed arrays (structure-of-arrays, as scikit-learn's `TreePredictor` and
 * LightGBM's model): every node of every tree in one set of arrays, children by global index,
 * so prediction is a tight loop, serialisation is a handful of base64 arrays, and a whole forest
 * crosses to or from a worker thread without per-node objects.
 *
 * A node goes left when `x <= threshold` (raw feature value), right otherwise; a missing value
 * (NaN) goes left when `missingLeft` is 1. Leaves have `feature = -1` and carry `nOutputs` values.
 * Shared by gradient boosting (one value per leaf, tree t feeding output `treeOutput[t]`) and by
 * CART / random forests (class probabilities or a mean per leaf).
 */
import type { Matrix } from '../core/matrix.js';
import { ArtifactError } from '../core/errors.js';
import { decodeF64, decodeI32, decodeU8, encodeArray, readNumber, type EncodedArray } from '../core/serialize.js';

/** Every node of a set of trees. */
export interface FlatTrees {
  readonly nFeatures: number;
  /** Values per node (leaves only are read). */
  readonly nOutputs: number;
  /** Node offsets: tree t owns nodes [treeStart[t], treeStart[t + 1]); its root is the first. */
  readonly treeStart: Int32Array;
  /** Split feature, or -1 for a leaf. */
  readonly feature: Int32Array;
  /** Go left when x <= threshold (+Infinity: every non-missing value goes left). */
  readonly threshold: Float64Array;
  /** 1 when missing values go left. */
  readonly missingLeft: Uint8Array;
  /** Global index of the left child (-1 for leaves); always greater than the node's own index. */
  readonly left: Int32Array;
  /** Global index of the right child (-1 for leaves); always `left + 1`. */
  readonly right: Int32Array;
  /** nNodes * nOutputs values. */
  readonly value: Float64Array;
}

/** Number of trees. */
export function treeCount(t: FlatTrees): number {
  return t.treeStart.length - 1;
}

/** Appends trees node by node; `finish()` returns compact arrays. */
export class FlatTreesBuilder {
  private n = 0;
  private cap: number;
  private readonly starts: number[] = [0];
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;

  constructor(
    readonly nFeatures: number,
    readonly nOutputs: number,
    initialCapacity = 1024,
  ) {
    this.cap = Math.max(16, initialCapacity);
    this.feature = new Int32Array(this.cap);
    this.threshold = new Float64Array(this.cap);
    this.missingLeft = new Uint8Array(this.cap);
    this.left = new Int32Array(this.cap);
    this.right = new Int32Array(this.cap);
    this.value = new Float64Array(this.cap * nOutputs);
  }

  /** Nodes appended so far. */
  get nodeCount(): number {
    return this.n;
  }

  private grow(need: number): void {
    if (need <= this.cap) return;
    let cap = this.cap;
    while (cap < need) cap *= 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.feature = g(this.feature, cap);
    this.threshold = g(this.threshold, cap);
    this.missingLeft = g(this.missingLeft, cap);
    this.left = g(this.left, cap);
    this.right = g(this.right, cap);
    this.value = g(this.value, cap * this.nOutputs);
    this.cap = cap;
  }

  /**
   * Appends one tree given with tree-local child indices (children after their parent);
   * `value` holds nNodes * nOutputs entries.
   */
  addTree(nNodes: number, feature: ArrayLike<number>, threshold: ArrayLike<number>, missingLeft: ArrayLike<number>, left: ArrayLike<number>, right: ArrayLike<number>, value: ArrayLike<number>): void {
    const base = this.n;
    this.grow(base + nNodes);
    const K = this.nOutputs;
    for (let i = 0; i < nNodes; i++) {
      const g = base + i;
      const f = feature[i];
      this.feature[g] = f;
      this.threshold[g] = f < 0 ? 0 : threshold[i];
      this.missingLeft[g] = f < 0 ? 0 : missingLeft[i];
      if (f >= 0 && right[i] !== left[i] + 1) throw new Error('Tree node children must be adjacent (right = left + 1).');
      this.left[g] = f < 0 ? -1 : base + left[i];
      this.right[g] = f < 0 ? -1 : base + right[i];
      for (let k = 0; k < K; k++) this.value[g * K + k] = f < 0 ? value[i * K + k] : 0;
    }
    this.n = base + nNodes;
    this.starts.push(this.n);
  }

  /** The finished trees (compact copies). */
  finish(): FlatTrees {
    const n = this.n;
    return {
      nFeatures: this.nFeatures,
      nOutputs: this.nOutputs,
      treeStart: Int32Array.from(this.starts),
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      missingLeft: this.missingLeft.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n * this.nOutputs),
    };
  }
}

/** Concatenates tree sets with the same feature and output counts (e.g. forest trees built apart). */
export function concatTrees(parts: readonly FlatTrees[], nFeatures: number, nOutputs: number): FlatTrees {
  let total = 0;
  for (const p of parts) total += p.feature.length;
  const b = new FlatTreesBuilder(nFeatures, nOutputs, total);
  for (const p of parts) {
    for (let t = 0; t < treeCount(p); t++) {
      const s = p.treeStart[t];
      const e = p.treeStart[t + 1];
      const local = (a: Int32Array): Int32Array => a.subarray(s, e).map((x) => (x < 0 ? -1 : x - s));
      b.addTree(e - s, p.feature.subarray(s, e), p.threshold.subarray(s, e), p.missingLeft.subarray(s, e), local(p.left), local(p.right), p.value.subarray(s * nOutputs, e * nOutputs));
    }
  }
  return b.finish();
}

/**
 * A prediction-only copy of the trees with each node in 16 bytes (threshold, left child, feature
 * and missing-value flag), so a node visit touches one cache line instead of one per array; the
 * right child is always `left + 1` (both growers create children together; decodeTrees checks it).
 */
interface CompiledTrees {
  /** f64 view: threshold of node i at [2i]. */
  thr: Float64Array;
  /** i32 view of the same bytes: left child at [4i + 2], feature | flags at [4i + 3] (-1 = leaf). */
  meta: Int32Array;
}

const MISSING_LEFT_FLAG = 0x40000000;
const FEATURE_MASK = 0x00ffffff;
const compiled = new WeakMap<FlatTrees, CompiledTrees>();

function compile(t: FlatTrees): CompiledTrees {
  let c = compiled.get(t);
  if (c) return c;
  const n = t.feature.length;
  const buf = new ArrayBuffer(n * 16);
  const thr = new Float64Array(buf);
  const meta = new Int32Array(buf);
  for (let i = 0; i < n; i++) {
    const f = t.feature[i];
    thr[2 * i] = t.threshold[i];
    meta[4 * i + 2] = t.left[i];
    meta[4 * i + 3] = f < 0 ? -1 : f | (t.missingLeft[i] ? MISSING_LEFT_FLAG : 0);
  }
  c = { thr, meta };
  compiled.set(t, c);
  return c;
}

/** Leaf reached by a row (values by feature in `row[rowOffset + f]`) from node `root`. */
function leafFrom(thr: Float64Array, meta: Int32Array, root: number, row: Float64Array, rowOffset: number): number {
  let node = root;
  let ff = meta[4 * node + 3];
  while (ff >= 0) {
    const x = row[rowOffset + (ff & FEATURE_MASK)];
    const left = meta[4 * node + 2];
    // NaN fails every comparison: it goes left only when the split learned so.
    node = x <= thr[2 * node] || (x !== x && (ff & MISSING_LEFT_FLAG) !== 0) ? left : left + 1;
    ff = meta[4 * node + 3];
  }
  return node;
}

/** Leaf reached by a row (values by feature in `row[rowOffset + f]`) in tree `tree`. */
export function leafOf(t: FlatTrees, tree: number, row: Float64Array, rowOffset: number): number {
  const c = compile(t);
  return leafFrom(c.thr, c.meta, t.treeStart[tree], row, rowOffset);
}

const BLOCK = 128;
const LANES = 8;
/** Above this many nodes (1 MB of node records) walks are interleaved (see addTreeOutputs). */
const LOCKSTEP_MIN_NODES = 65_536;

/**
 * Adds leaf values of every tree to `out` (class-major, `out[k * nRows + i]`): tree t's leaf
 * values j = 0..nOutputs-1 go to output `(treeOutput ? treeOutput[t] : 0) + j`, times `scale`.
 *
 * Rows are copied to a small row-major block so walks read cache-resident rows. A single walk
 * down a tree is a chain of dependent loads; deep forests are bound by cache misses on that
 * chain, so eight walks advance in lockstep (eight misses in flight), and a lane that reaches a
 * leaf immediately takes the next walk: the rows of one tree in a block, or, when a block has
 * few rows (single-row serving), the trees of one row. Sums are added in tree order either way.
 */
export function addTreeOutputs(t: FlatTrees, X: Matrix, out: Float64Array, treeOutput: Int32Array | null, scale = 1): void {
  const n = X.nRows;
  const d = X.nCols;
  const K = t.nOutputs;
  const nTrees = treeCount(t);
  const { thr, meta } = compile(t);
  const starts = t.treeStart;
  const block = new Float64Array(Math.min(BLOCK, n) * d);
  const value = t.value;
  const node = new Int32Array(LANES);
  const item = new Int32Array(LANES);
  const leafOfItem = new Int32Array(Math.max(BLOCK, nTrees));
  // Small ensembles (boosting's shallow trees) stay in cache: plain walks are faster there.
  const lockstep = t.feature.length > LOCKSTEP_MIN_NODES;
  for (let start = 0; start < n; start += BLOCK) {
    const m = Math.min(BLOCK, n - start);
    for (let j = 0; j < d; j++) {
      const src = j * n + start;
      for (let r = 0; r < m; r++) block[r * d + j] = X.data[src + r];
    }
    if (!lockstep) {
      for (let tr = 0; tr < nTrees; tr++) {
        const root = starts[tr];
        const outBase = (treeOutput ? treeOutput[tr] : 0) * n + start;
        for (let r = 0; r < m; r++) {
          const leaf = leafFrom(thr, meta, root, block, r * d);
          if (K === 1) out[outBase + r] += value[leaf] * scale;
          else for (let k = 0; k < K; k++) out[outBase + k * n + r] += value[leaf * K + k] * scale;
        }
      }
    } else if (m >= LANES) {
      // Items are the rows of one tree.
      for (let tr = 0; tr < nTrees; tr++) {
        const root = starts[tr];
        let next = 0;
        let busy = 0;
        for (let l = 0; l < LANES; l++) {
          item[l] = next < m ? next++ : -1;
          node[l] = root;
          if (item[l] >= 0) busy++;
        }
        while (busy > 0) {
          for (let l = 0; l < LANES; l++) {
            const it = item[l];
            if (it < 0) continue;
            const i = node[l];
            const ff = meta[4 * i + 3];
            if (ff < 0) {
              leafOfItem[it] = i;
              if (next < m) {
                item[l] = next++;
                node[l] = root;
              } else {
                item[l] = -1;
                busy--;
              }
              continue;
            }
            const x = block[it * d + (ff & FEATURE_MASK)];
            const left = meta[4 * i + 2];
            // NaN fails every comparison: it goes left only when the split learned so.
            node[l] = x <= thr[2 * i] || (x !== x && (ff & MISSING_LEFT_FLAG) !== 0) ? left : left + 1;
          }
        }
        const outBase = (treeOutput ? treeOutput[tr] : 0) * n + start;
        for (let r = 0; r < m; r++) {
          const leaf = leafOfItem[r];
          if (K === 1) out[outBase + r] += value[leaf] * scale;
          else for (let k = 0; k < K; k++) out[outBase + k * n + r] += value[leaf * K + k] * scale;
        }
      }
    } else {
      // Items are the trees of one row.
      for (let r = 0; r < m; r++) {
        const off = r * d;
        let next = 0;
        let busy = 0;
        for (let l = 0; l < LANES; l++) {
          item[l] = next < nTrees ? next++ : -1;
          if (item[l] >= 0) {
            node[l] = starts[item[l]];
            busy++;
          }
        }
        while (busy > 0) {
          for (let l = 0; l < LANES; l++) {
            const it = item[l];
            if (it < 0) continue;
            const i = node[l];
            const ff = meta[4 * i + 3];
            if (ff < 0) {
              leafOfItem[it] = i;
              if (next < nTrees) {
                item[l] = next;
                node[l] = starts[next++];
              } else {
                item[l] = -1;
                busy--;
              }
              continue;
            }
            const x = block[off + (ff & FEATURE_MASK)];
            const left = meta[4 * i + 2];
            node[l] = x <= thr[2 * i] || (x !== x && (ff & MISSING_LEFT_FLAG) !== 0) ? left : left + 1;
          }
        }
        for (let tr = 0; tr < nTrees; tr++) {
          const leaf = leafOfItem[tr];
          const outBase = (treeOutput ? treeOutput[tr] : 0) * n + start + r;
          if (K === 1) out[outBase] += value[leaf] * scale;
          else for (let k = 0; k < K; k++) out[outBase + k * n] += value[leaf * K + k] * scale;
        }
      }
    }
  }
}

/** Serialised form of {@link FlatTrees}. */
export function encodeTrees(t: FlatTrees): Record<string, unknown> {
  return {
    nOutputs: t.nOutputs,
    treeStart: encodeArray(t.treeStart),
    feature: encodeArray(t.feature),
    threshold: encodeArray(t.threshold),
    missingLeft: encodeArray(t.missingLeft),
    left: encodeArray(t.left),
    right: encodeArray(t.right),
    value: encodeArray(t.value),
  };
}

/**
 * Reads and validates trees from a spec: consistent lengths, features in range, children inside
 * their tree and after their parent (so walking a tree always ends), finite values.
 */
export function decodeTrees(obj: unknown, nFeatures: number, what: string): FlatTrees {
  if (typeof obj !== 'object' || obj === null) throw new ArtifactError(`Model spec field ${what} is missing.`);
  const o = obj as Record<string, EncodedArray | number>;
  const nOutputs = readNumber(o as Record<string, unknown>, 'nOutputs', what);
  if (!Number.isInteger(nOutputs) || nOutputs < 1) throw new ArtifactError(`Model spec field ${what}.nOutputs must be a positive integer.`);
  const trees: FlatTrees = {
    nFeatures,
    nOutputs,
    treeStart: decodeI32(o.treeStart, `${what}.treeStart`),
    feature: decodeI32(o.feature, `${what}.feature`),
    threshold: decodeF64(o.threshold, `${what}.threshold`),
    missingLeft: decodeU8(o.missingLeft, `${what}.missingLeft`),
    left: decodeI32(o.left, `${what}.left`),
    right: decodeI32(o.right, `${what}.right`),
    value: decodeF64(o.value, `${what}.value`),
  };
  const n = trees.feature.length;
  const bad = (why: string): never => {
    throw new ArtifactError(`Model spec field ${what} is inconsistent: ${why}.`);
  };
  if (trees.threshold.length !== n || trees.missingLeft.length !== n || trees.left.length !== n || trees.right.length !== n) bad('node arrays differ in length');
  if (trees.value.length !== n * nOutputs) bad('value has the wrong length');
  const ts = trees.treeStart;
  if (ts.length < 1 || ts[0] !== 0 || ts[ts.length - 1] !== n) bad('tree offsets do not cover the nodes');
  for (let t = 0; t + 1 < ts.length; t++) {
    const s = ts[t];
    const e = ts[t + 1];
    if (!(e > s)) bad(`tree ${t} is empty`);
    for (let i = s; i < e; i++) {
      const f = trees.feature[i];
      if (f === -1) {
        for (let k = 0; k < nOutputs; k++) if (!Number.isFinite(trees.value[i * nOutputs + k])) bad(`leaf ${i} has a non-finite value`);
        continue;
      }
      if (!Number.isInteger(f) || f < 0 || f >= nFeatures) bad(`node ${i} splits on feature ${f}`);
      if (Number.isNaN(trees.threshold[i]) || trees.threshold[i] === -Infinity) bad(`node ${i} has an invalid threshold`);
      const l = trees.left[i];
      const r = trees.right[i];
      if (!(l > i && l < e && r > i && r < e)) bad(`node ${i} has children outside its tree`);
      if (r !== l + 1) bad(`node ${i} has non-adjacent children`);
      if (trees.missingLeft[i] > 1) bad(`node ${i} has an invalid missing-value direction`);
    }
  }
  return trees;
}
