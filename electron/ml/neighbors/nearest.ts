/**
 * Exact k-nearest-neighbour search by squared Euclidean distance, the primitive under the KNN
 * models, the nearest-neighbour imputer, SMOTE and cluster-centroid undersampling.
 *
 * Two exact strategies behind one signature:
 * - a k-d tree (Bentley, "Multidimensional binary search trees used for associative searching",
 *   CACM 1975; Friedman, Bentley & Finkel, "An algorithm for finding best matches in logarithmic
 *   expected time", ACM TOMS 1977): median splits on the dimension of widest spread, leaves of a
 *   few dozen rows, and a node is skipped when the squared distance from the query to its bounding
 *   box already exceeds the current k-th best. From 6 dimensions on, with many queries, the tree is
 *   built in the principal-axis coordinates of the reference rows (an orthonormal rotation: distances are
 *   unchanged, splits follow the directions the data spreads in, and partial distances summed
 *   largest-variance first exceed the bound after a few terms). Used for low and moderate
 *   dimension.
 * - a brute-force scan over a row-major copy with partial-distance early exit (stop summing a row
 *   once it is already worse than the k-th best), used for few rows, few queries or high dimension.
 *
 * Both are exact and give bit-identical distances to the plain column-by-column brute force:
 * every reported distance is summed over the original columns in ascending order, and ties are
 * broken by the lower reference row index. Without rotation, the box bound is summed in the same
 * column order with zero terms inside the box, and IEEE rounding is monotone, so the bound never
 * exceeds a true distance and pruning with a strict comparison cannot drop a tie. With rotation,
 * pruning in the rotated coordinates only happens beyond a margin (1e-9 relative) that dwarfs
 * their rounding error, and candidates that pass are ranked by their exact original distance.
 */
import type { Matrix } from '../core/matrix.js';
import { InvalidInputError } from '../core/errors.js';

/** Result of {@link kNearest}: row-major nQueries x k, nearest first. */
export interface NeighborResult {
  k: number;
  /** indices[q * k + r] = row of `reference` that is the r-th nearest to query q. */
  indices: Int32Array;
  /** Squared Euclidean distances, same layout. */
  distances: Float64Array;
}

/** Options of {@link kNearest}. */
export interface NearestOptions {
  /**
   * When queries are the reference rows themselves (same matrix), skip each row's own index.
   * Query q is then reference row q.
   */
  excludeSelf?: boolean;
}

/** Rows per k-d tree leaf: small enough to prune well, large enough to amortise node overhead. */
const LEAF_SIZE = 32;
/** Above this dimension a k-d tree rarely prunes (the curse of dimensionality): scan instead. */
const MAX_TREE_DIM = 40;

/**
 * The `k` nearest rows of `reference` to each row of `queries` (both column-major, same columns,
 * no NaN). Ties are broken by the lower row index, so results are deterministic.
 */
export function kNearest(reference: Matrix, queries: Matrix, k: number, options: NearestOptions = {}): NeighborResult {
  if (reference.nCols !== queries.nCols) {
    throw new InvalidInputError(`Queries have ${queries.nCols} columns, the reference has ${reference.nCols}.`);
  }
  const excludeSelf = options.excludeSelf === true;
  if (excludeSelf && queries.nRows !== reference.nRows) {
    throw new InvalidInputError('excludeSelf needs the queries to be the reference rows themselves.', 'excludeSelf');
  }
  const available = reference.nRows - (excludeSelf ? 1 : 0);
  if (!Number.isInteger(k) || k < 1 || k > available) {
    throw new InvalidInputError(`k must be between 1 and ${available}, got ${k}.`, 'k');
  }
  const nR = reference.nRows;
  const nQ = queries.nRows;
  const d = reference.nCols;
  const out: NeighborResult = { k, indices: new Int32Array(nQ * k), distances: new Float64Array(nQ * k) };
  if (nQ === 0) return out;
  const useTree = d > 0 && d <= MAX_TREE_DIM && nR > 4 * LEAF_SIZE && nQ >= 16;
  if (useTree) {
    // The rotation costs two passes of d^2 per reference row; it pays off once there are many
    // queries (each saves a share of a search that visits a fraction of the rows).
    const tree = buildTree(reference, d >= MIN_ROTATED_DIM && nQ >= 64 * d);
    searchTree(tree, queries, k, excludeSelf, out);
  } else {
    bruteForce(reference, queries, k, excludeSelf, out);
  }
  return out;
}

/** The k best candidates so far, sorted by (distance, index). */
class BestList {
  readonly dist: Float64Array;
  readonly idx: Int32Array;
  filled = 0;
  constructor(readonly k: number) {
    this.dist = new Float64Array(k);
    this.idx = new Int32Array(k);
  }

  reset(): void {
    this.filled = 0;
  }

  /** Distance a candidate must not exceed to enter (Infinity until k candidates are held). */
  worst(): number {
    return this.filled < this.k ? Infinity : this.dist[this.k - 1];
  }

  /** Inserts (v, r) if it ranks among the k best by (distance, index). */
  offer(v: number, r: number): void {
    const k = this.k;
    if (this.filled === k) {
      const wd = this.dist[k - 1];
      if (v > wd || (v === wd && r > this.idx[k - 1])) return;
    }
    let pos = this.filled < k ? this.filled++ : k - 1;
    while (pos > 0) {
      const pd = this.dist[pos - 1];
      if (pd < v || (pd === v && this.idx[pos - 1] < r)) break;
      this.dist[pos] = pd;
      this.idx[pos] = this.idx[pos - 1];
      pos--;
    }
    this.dist[pos] = v;
    this.idx[pos] = r;
  }
}

/** Row-major copy of a column-major matrix. */
function toRowMajor(m: Matrix): Float64Array {
  const { nRows: n, nCols: d, data } = m;
  const out = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    const off = j * n;
    for (let i = 0; i < n; i++) out[i * d + j] = data[off + i];
  }
  return out;
}

function bruteForce(reference: Matrix, queries: Matrix, k: number, excludeSelf: boolean, out: NeighborResult): void {
  const nR = reference.nRows;
  const nQ = queries.nRows;
  const d = reference.nCols;
  const R = toRowMajor(reference);
  const q = new Float64Array(d);
  const best = new BestList(k);
  for (let qi = 0; qi < nQ; qi++) {
    for (let j = 0; j < d; j++) q[j] = queries.data[j * nQ + qi];
    best.reset();
    let worst = Infinity;
    for (let r = 0; r < nR; r++) {
      if (excludeSelf && r === qi) continue;
      const base = r * d;
      let s = 0;
      let j = 0;
      // Rows are scanned in ascending index order, so an equal distance never beats a held one:
      // stop summing as soon as the partial sum reaches the k-th best.
      for (; j < d; j++) {
        const diff = R[base + j] - q[j];
        s += diff * diff;
        if (s >= worst) break;
      }
      if (j < d || s >= worst) continue;
      best.offer(s, r);
      worst = best.worst();
    }
    out.indices.set(best.idx, qi * k);
    out.distances.set(best.dist, qi * k);
  }
}

/** A k-d tree over a row-major, tree-ordered copy of the reference rows. */
interface KdTree {
  d: number;
  /** Reference rows in tree order, row-major, in the (possibly rotated) search coordinates. */
  points: Float64Array;
  /** The same rows in original coordinates (only when rotated; else `points` is original). */
  exact: Float64Array | null;
  /** Rotation: mean (d) and principal axes (d x d, axis a = rotation[j * d + a]); null = none. */
  mean: Float64Array | null;
  rotation: Float64Array | null;
  /** Largest distance of a reference row from the mean (scale of the pruning margin). */
  radius: number;
  /** Original row index of each tree-ordered point. */
  order: Int32Array;
  /** Per node: first and one-past-last point, children (-1 for leaves). */
  start: Int32Array;
  end: Int32Array;
  left: Int32Array;
  right: Int32Array;
  /** Per node bounding box, node * d + j. */
  lo: Float64Array;
  hi: Float64Array;
}

function buildTree(reference: Matrix, isRotated: boolean): KdTree {
  const n = reference.nRows;
  const d = reference.nCols;
  const pca = isRotated ? principalAxes(reference) : null;
  const data = pca ? rotate(reference, pca.mean, pca.rotation) : reference.data;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const maxNodes = 2 * Math.ceil(n / (LEAF_SIZE / 2)) + 1;
  const start = new Int32Array(maxNodes);
  const end = new Int32Array(maxNodes);
  const left = new Int32Array(maxNodes).fill(-1);
  const right = new Int32Array(maxNodes).fill(-1);
  const lo = new Float64Array(maxNodes * d);
  const hi = new Float64Array(maxNodes * d);
  let nNodes = 0;
  const key = new Float64Array(n);

  const stack: number[] = [];
  const root = nNodes++;
  start[root] = 0;
  end[root] = n;
  stack.push(root);
  while (stack.length > 0) {
    const node = stack.pop() as number;
    const s = start[node];
    const e = end[node];
    // Bounding box of the node's rows.
    let widest = 0;
    let widestSpread = -1;
    for (let j = 0; j < d; j++) {
      const off = j * n;
      let mn = Infinity;
      let mx = -Infinity;
      for (let t = s; t < e; t++) {
        const v = data[off + order[t]];
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      lo[node * d + j] = mn;
      hi[node * d + j] = mx;
      if (mx - mn > widestSpread) {
        widestSpread = mx - mn;
        widest = j;
      }
    }
    if (e - s <= LEAF_SIZE || widestSpread <= 0) continue;
    // Median split on the widest dimension (quickselect over the index range).
    const off = widest * n;
    for (let t = s; t < e; t++) key[t] = data[off + order[t]];
    const mid = (s + e) >> 1;
    select(key, order, s, e - 1, mid);
    const l = nNodes++;
    const r = nNodes++;
    start[l] = s;
    end[l] = mid;
    start[r] = mid;
    end[r] = e;
    left[node] = l;
    right[node] = r;
    stack.push(r, l);
  }
  const points = new Float64Array(n * d);
  const exact = pca ? new Float64Array(n * d) : null;
  let radius = 0;
  for (let t = 0; t < n; t++) {
    const i = order[t];
    let r2 = 0;
    for (let j = 0; j < d; j++) {
      const v = data[j * n + i];
      points[t * d + j] = v;
      r2 += v * v;
    }
    if (exact) for (let j = 0; j < d; j++) exact[t * d + j] = reference.data[j * n + i];
    if (r2 > radius) radius = r2;
  }
  return {
    d,
    points,
    exact,
    mean: pca ? pca.mean : null,
    rotation: pca ? pca.rotation : null,
    radius: Math.sqrt(radius),
    order,
    start: start.subarray(0, nNodes),
    end: end.subarray(0, nNodes),
    left: left.subarray(0, nNodes),
    right: right.subarray(0, nNodes),
    lo: lo.subarray(0, nNodes * d),
    hi: hi.subarray(0, nNodes * d),
  };
}

/** Hoare-style quickselect: after it, key[lo..kth-1] <= key[kth] <= key[kth+1..hi] (order moves with key). */
function select(key: Float64Array, order: Int32Array, lo: number, hi: number, kth: number): void {
  while (hi > lo) {
    const pivot = median3(key[lo], key[(lo + hi) >> 1], key[hi]);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (key[i] < pivot) i++;
      while (key[j] > pivot) j--;
      if (i <= j) {
        const tk = key[i];
        key[i] = key[j];
        key[j] = tk;
        const to = order[i];
        order[i] = order[j];
        order[j] = to;
        i++;
        j--;
      }
    }
    if (kth <= j) hi = j;
    else if (kth >= i) lo = i;
    else return;
  }
}

function median3(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

/**
 * Squared distance from q to the box of `node`, summed in column order (a lower bound). Stops
 * once the sum exceeds `limit`: a partial sum is still a lower bound, and the search only ever
 * lowers its limit, so the node stays pruned.
 */
function boxDistance(tree: KdTree, node: number, q: Float64Array, limit = Infinity): number {
  const d = tree.d;
  const base = node * d;
  let s = 0;
  for (let j = 0; j < d; j++) {
    const v = q[j];
    const a = tree.lo[base + j];
    if (v < a) {
      const diff = a - v;
      s += diff * diff;
      if (s > limit) return s;
      continue;
    }
    const b = tree.hi[base + j];
    if (v > b) {
      const diff = v - b;
      s += diff * diff;
      if (s > limit) return s;
    }
  }
  return s;
}

function searchTree(tree: KdTree, queries: Matrix, k: number, excludeSelf: boolean, out: NeighborResult): void {
  const d = tree.d;
  const nQ = queries.nRows;
  const { points, order, start, end, left, right } = tree;
  const exact = tree.exact;
  const q = new Float64Array(d);
  const zq = new Float64Array(d);
  const best = new BestList(k);
  // Explicit stack of (node, lower bound); depth is O(log n), 2 entries per level.
  const stackNode = new Int32Array(256);
  const stackBound = new Float64Array(256);
  for (let qi = 0; qi < nQ; qi++) {
    for (let j = 0; j < d; j++) q[j] = queries.data[j * nQ + qi];
    let margin = 0;
    if (tree.rotation && tree.mean) {
      rotateRow(q, tree.mean, tree.rotation, zq);
      let r2 = 0;
      for (let j = 0; j < d; j++) r2 += zq[j] * zq[j];
      // Rotated coordinates carry rounding error (about d^1.5 * 1e-16 of the radius); prune
      // only beyond a margin far larger than that, so no true neighbour is ever skipped.
      margin = 1e-9 * (tree.radius + Math.sqrt(r2));
    } else {
      zq.set(q);
    }
    best.reset();
    let worst = Infinity;
    // Pruning threshold in search coordinates for the current k-th best exact distance.
    let bound = Infinity;
    let sp = 0;
    stackNode[sp] = 0;
    stackBound[sp] = boxDistance(tree, 0, zq);
    sp++;
    while (sp > 0) {
      sp--;
      const node = stackNode[sp];
      if (stackBound[sp] > bound) continue;
      const l = left[node];
      if (l < 0) {
        const e = end[node];
        for (let t = start[node]; t < e; t++) {
          const r = order[t];
          if (excludeSelf && r === qi) continue;
          const base = t * d;
          let s = 0;
          let j = 0;
          for (; j < d; j++) {
            const diff = points[base + j] - zq[j];
            s += diff * diff;
            if (s > bound) break;
          }
          if (j < d) continue;
          if (exact) {
            // The ranking uses the distance in original coordinates, summed in column order.
            s = 0;
            for (j = 0; j < d; j++) {
              const diff = exact[base + j] - q[j];
              s += diff * diff;
            }
            if (s > worst) continue;
          }
          best.offer(s, r);
          worst = best.worst();
          if (worst !== Infinity) {
            const w = Math.sqrt(worst) * (1 + 1e-9) + margin;
            bound = exact ? w * w : worst;
          }
        }
        continue;
      }
      const r = right[node];
      const bl = boxDistance(tree, l, zq, bound);
      const br = boxDistance(tree, r, zq, bound);
      // Push the farther child first so the nearer one is searched first.
      if (bl <= br) {
        if (br <= bound) {
          stackNode[sp] = r;
          stackBound[sp++] = br;
        }
        if (bl <= bound) {
          stackNode[sp] = l;
          stackBound[sp++] = bl;
        }
      } else {
        if (bl <= bound) {
          stackNode[sp] = l;
          stackBound[sp++] = bl;
        }
        if (br <= bound) {
          stackNode[sp] = r;
          stackBound[sp++] = br;
        }
      }
    }
    out.indices.set(best.idx, qi * k);
    out.distances.set(best.dist, qi * k);
  }
}

/** Dimension from which the search runs in principal-axis coordinates. */
const MIN_ROTATED_DIM = 6;

/**
 * Mean and principal axes of the rows (eigenvectors of the covariance by cyclic Jacobi
 * rotations, largest variance first). Distances are the same in any orthonormal basis; in this
 * one the k-d tree splits along the directions the data actually spreads, and partial distances
 * grow fastest, so far fewer rows are examined in moderate dimension.
 */
function principalAxes(m: Matrix): { mean: Float64Array; rotation: Float64Array } {
  const n = m.nRows;
  const d = m.nCols;
  const mean = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += m.data[j * n + i];
    mean[j] = s / n;
  }
  const A = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = m.data[j * n + i] - mean[j];
    for (let a = 0; a < d; a++) {
      const x = row[a];
      for (let b = a; b < d; b++) A[a * d + b] += x * row[b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) A[a * d + b] = A[b * d + a];
  const V = new Float64Array(d * d);
  for (let a = 0; a < d; a++) V[a * d + a] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    let diag = 0;
    for (let a = 0; a < d; a++) {
      diag += A[a * d + a] * A[a * d + a];
      for (let b = a + 1; b < d; b++) off += A[a * d + b] * A[a * d + b];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < d - 1; p++) {
      for (let r = p + 1; r < d; r++) {
        const apr = A[p * d + r];
        if (apr === 0) continue;
        const theta = (A[r * d + r] - A[p * d + p]) / (2 * apr);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let x = 0; x < d; x++) {
          const axp = A[x * d + p];
          const axr = A[x * d + r];
          A[x * d + p] = c * axp - s * axr;
          A[x * d + r] = s * axp + c * axr;
        }
        for (let x = 0; x < d; x++) {
          const apx = A[p * d + x];
          const arx = A[r * d + x];
          A[p * d + x] = c * apx - s * arx;
          A[r * d + x] = s * apx + c * arx;
        }
        for (let x = 0; x < d; x++) {
          const vxp = V[x * d + p];
          const vxr = V[x * d + r];
          V[x * d + p] = c * vxp - s * vxr;
          V[x * d + r] = s * vxp + c * vxr;
        }
      }
    }
  }
  // Axes by decreasing variance: rotation[j * d + a] = component j of axis a.
  const axes = Array.from({ length: d }, (_, a) => a).sort((a, b) => A[b * d + b] - A[a * d + a]);
  const rotation = new Float64Array(d * d);
  axes.forEach((src, a) => {
    for (let j = 0; j < d; j++) rotation[j * d + a] = V[j * d + src];
  });
  return { mean, rotation };
}

/** The rows of m in principal-axis coordinates, column-major. */
function rotate(m: Matrix, mean: Float64Array, rotation: Float64Array): Float64Array {
  const n = m.nRows;
  const d = m.nCols;
  const out = new Float64Array(n * d);
  const row = new Float64Array(d);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = m.data[j * n + i];
    rotateRow(row, mean, rotation, z);
    for (let a = 0; a < d; a++) out[a * n + i] = z[a];
  }
  return out;
}

function rotateRow(x: Float64Array, mean: Float64Array, rotation: Float64Array, out: Float64Array): void {
  const d = x.length;
  out.fill(0);
  for (let j = 0; j < d; j++) {
    const v = x[j] - mean[j];
    const base = j * d;
    for (let a = 0; a < d; a++) out[a] += v * rotation[base + a];
  }
}
