/**
 * Mutual information between each feature and the target, estimated as scikit-learn's
 * `mutual_info_classif` / `mutual_info_regression` do:
 * - continuous feature and continuous target: the Kraskov-Stögbauer-Grassberger estimator
 *   (KSG, algorithm 1): for each row, the distance ε to its k-th neighbour in the joint space
 *   under the max-norm; then nx, ny = neighbours strictly closer than ε in each marginal;
 *   MI = ψ(n) + ψ(k) - <ψ(nx + 1)> - <ψ(ny + 1)>. Kraskov, Stögbauer & Grassberger (2004),
 *   "Estimating mutual information", Phys. Rev. E 69, 066138;
 * - continuous and discrete: Ross's estimator: ε = distance to the k-th neighbour with the same
 *   label, m = rows of any label within ε; MI = ψ(n) + <ψ(k)> - <ψ(n_label)> - <ψ(m)>, rows
 *   whose label occurs once are left out. Ross (2014), "Mutual information between discrete and
 *   continuous data sets", PLoS ONE 9(2);
 * - discrete and discrete: the plug-in estimate from the contingency table (association.ts).
 * Negative estimates are reported as 0. As scikit-learn does, continuous columns are divided by
 * their standard deviation and get a tiny seeded noise (1e-10 × max(1, mean |x|)) to break ties;
 * the noise comes from the engine's generator, so on data with many tied values the estimate
 * differs from scikit-learn's by about as much as scikit-learn's differ between seeds (on tie-free
 * data the two agree to 1e-9, and the noise-free estimators match scikit-learn's private
 * `_compute_mi_cc` / `_compute_mi_cd` exactly; see the fixtures).
 *
 * Neighbour searches: 1-D ones walk a sorted array; the 2-D max-norm one uses a k-d tree, so a
 * feature of 200,000 rows takes O(n log n). Where scikit-learn's own neighbour code rounds
 * differently (brute-force distances |a|² - 2ab + |b|² for labels with few rows, squared
 * distances in radius counts) we round the same way, so rows on a boundary count alike.
 */
import { InvalidInputError } from '../core/errors.js';
import { column, type Matrix } from '../core/matrix.js';
import { Rng } from '../core/rng.js';
import { CompensatedSum, argsortStable, checkFinite, encodeLabels, uniqueLabels } from '../metrics/internal.js';
import { mutualInfoDiscrete } from './association.js';
import { digamma } from './special.js';

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** The largest double below a positive `x` (NumPy's nextafter(x, 0)); 0 stays 0. */
export function nextDown(x: number): number {
  if (x <= 0) return x;
  f64[0] = x;
  i64[0] -= 1n;
  return f64[0];
}

/**
 * Number of sorted values v with |v - c| <= r, compared exactly as scikit-learn's trees do:
 * on the differences themselves for the max-norm (KSG), on their squares for the Euclidean tree
 * of the continuous-discrete estimator (`squared`: (v - c)² <= r², which also counts a value one
 * rounding step beyond r when the squares round together).
 */
function countWithin(sorted: Float64Array, c: number, r: number, squared = false): number {
  const r2 = r * r;
  const inside = squared ? (v: number) => (v - c) * (v - c) <= r2 : (v: number) => (v < c ? c - v <= r : v - c <= r);
  // the distance falls then rises along the sorted values: find the first and last inside
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] >= c || inside(sorted[mid])) hi = mid;
    else lo = mid + 1;
  }
  const start = lo;
  hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= c || inside(sorted[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo - start;
}

/** A static 2-D k-d tree over points (xs[i], ys[i]) for max-norm k-nearest-neighbour queries. */
class KdTree2 {
  private readonly idx: Int32Array;
  private readonly split: Float64Array;
  private readonly axis: Uint8Array;
  private static readonly LEAF = 12;

  constructor(private readonly xs: Float64Array, private readonly ys: Float64Array) {
    const n = xs.length;
    this.idx = Int32Array.from({ length: n }, (_, i) => i);
    // nodes are numbered heap-style; 4n slots are plenty for a balanced tree over n points
    this.split = new Float64Array(Math.max(4, 4 * Math.ceil(n / KdTree2.LEAF) + 4));
    this.axis = new Uint8Array(this.split.length);
    this.build(1, 0, n);
  }

  private coord(i: number, axis: number): number {
    return axis === 0 ? this.xs[i] : this.ys[i];
  }

  private build(node: number, lo: number, hi: number): void {
    if (hi - lo <= KdTree2.LEAF) return;
    // split the wider side at the median
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let k = lo; k < hi; k++) {
      const i = this.idx[k];
      const x = this.xs[i];
      const y = this.ys[i];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const axis = maxX - minX >= maxY - minY ? 0 : 1;
    const mid = (lo + hi) >> 1;
    this.select(lo, hi - 1, mid, axis);
    this.axis[node] = axis;
    this.split[node] = this.coord(this.idx[mid], axis);
    this.build(2 * node, lo, mid);
    this.build(2 * node + 1, mid, hi);
  }

  /** Quickselect: idx[k] gets the k-th smallest coordinate on `axis` within [lo, hi]. */
  private select(lo: number, hi: number, k: number, axis: number): void {
    const idx = this.idx;
    while (hi > lo) {
      const pivot = this.coord(idx[(lo + hi) >> 1], axis);
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (this.coord(idx[i], axis) < pivot) i++;
        while (this.coord(idx[j], axis) > pivot) j--;
        if (i <= j) {
          const t = idx[i];
          idx[i] = idx[j];
          idx[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else return;
    }
  }

  /** Max-norm distance from point q to its k-th nearest other point. */
  kthDistance(q: number, k: number, best: Float64Array): number {
    best.fill(Infinity, 0, k);
    this.search(1, 0, this.xs.length, q, k, best);
    return best[k - 1];
  }

  private search(node: number, lo: number, hi: number, q: number, k: number, best: Float64Array): void {
    if (hi - lo <= KdTree2.LEAF) {
      const qx = this.xs[q];
      const qy = this.ys[q];
      for (let p = lo; p < hi; p++) {
        const i = this.idx[p];
        if (i === q) continue;
        const d = Math.max(Math.abs(this.xs[i] - qx), Math.abs(this.ys[i] - qy));
        if (d >= best[k - 1]) continue;
        let pos = k - 1;
        while (pos > 0 && best[pos - 1] > d) {
          best[pos] = best[pos - 1];
          pos--;
        }
        best[pos] = d;
      }
      return;
    }
    const mid = (lo + hi) >> 1;
    const diff = this.coord(q, this.axis[node]) - this.split[node];
    // points equal to the split value can sit on either side, so the far side is searched
    // whenever it could hold a point at distance <= the current k-th best
    if (diff < 0) {
      this.search(2 * node, lo, mid, q, k, best);
      if (-diff <= best[k - 1]) this.search(2 * node + 1, mid, hi, q, k, best);
    } else {
      this.search(2 * node + 1, mid, hi, q, k, best);
      if (diff <= best[k - 1]) this.search(2 * node, lo, mid, q, k, best);
    }
  }
}

function checkK(k: number, n: number): void {
  if (!Number.isInteger(k) || k < 1) throw new InvalidInputError(`nNeighbors must be a positive integer, got ${k}.`, 'nNeighbors');
  if (k >= n) throw new InvalidInputError(`nNeighbors (${k}) must be smaller than the number of rows (${n}).`, 'nNeighbors');
}

/**
 * KSG estimate (nats) between two continuous variables, without scaling or noise
 * (scikit-learn's private `_compute_mi_cc`).
 */
export function miContinuousContinuous(x: ArrayLike<number>, y: ArrayLike<number>, nNeighbors = 3): number {
  const n = x.length;
  if (y.length !== n) throw new InvalidInputError(`x has ${n} values but y has ${y.length}.`, 'y');
  checkK(nNeighbors, n);
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  const tree = new KdTree2(xs, ys);
  const sx = Float64Array.from(xs).sort();
  const sy = Float64Array.from(ys).sort();
  const best = new Float64Array(nNeighbors);
  const accX = new CompensatedSum();
  const accY = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const r = nextDown(tree.kthDistance(i, nNeighbors, best));
    // counts include the row itself; nx = count - 1 and ψ(nx + 1) = ψ(count)
    accX.add(digamma(countWithin(sx, xs[i], r)));
    accY.add(digamma(countWithin(sy, ys[i], r)));
  }
  const mi = digamma(n) + digamma(nNeighbors) - accX.value() / n - accY.value() / n;
  return Math.max(0, mi);
}

/**
 * Ross estimate (nats) between a continuous variable and discrete labels, without scaling or
 * noise (scikit-learn's private `_compute_mi_cd`).
 */
export function miContinuousDiscrete(c: ArrayLike<number>, d: ArrayLike<number>, nNeighbors = 3): number {
  const n = c.length;
  if (d.length !== n) throw new InvalidInputError(`c has ${n} values but d has ${d.length}.`, 'd');
  if (!Number.isInteger(nNeighbors) || nNeighbors < 1) throw new InvalidInputError(`nNeighbors must be a positive integer, got ${nNeighbors}.`, 'nNeighbors');
  const labels = uniqueLabels(d);
  const code = encodeLabels(d, labels);
  const byLabel: number[][] = labels.map(() => []);
  for (let i = 0; i < n; i++) byLabel[code[i]].push(i);
  const radius = new Float64Array(n);
  const kAll = new Float64Array(n);
  const labelCount = new Float64Array(n);
  for (const rows of byLabel) {
    const count = rows.length;
    for (const i of rows) labelCount[i] = count;
    if (count < 2) continue;
    const k = Math.min(nNeighbors, count - 1);
    const vals = Float64Array.from(rows, (i) => c[i]);
    if (k >= count >> 1) {
      // scikit-learn switches to brute force here (n_neighbors >= n / 2), whose distances come
      // from |a|² - 2ab + |b|² rather than |a - b|; mirror it so boundary rows count alike
      const d = new Float64Array(count - 1);
      for (let p = 0; p < count; p++) {
        const a = vals[p];
        let q = 0;
        for (let o = 0; o < count; o++) {
          if (o === p) continue;
          const b = vals[o];
          d[q++] = Math.sqrt(Math.max(0, a * a + -2 * (a * b) + b * b));
        }
        d.sort();
        radius[rows[p]] = nextDown(d[k - 1]);
        kAll[rows[p]] = k;
      }
      continue;
    }
    const order = argsortStable(vals);
    const sorted = Float64Array.from(order, (o) => vals[o]);
    for (let p = 0; p < count; p++) {
      // the k nearest in 1-D form a window around p: grow it toward the closer side k times
      let left = p - 1;
      let right = p + 1;
      let dist = 0;
      for (let step = 0; step < k; step++) {
        const dl = left >= 0 ? sorted[p] - sorted[left] : Infinity;
        const dr = right < count ? sorted[right] - sorted[p] : Infinity;
        if (dl <= dr) {
          dist = dl;
          left--;
        } else {
          dist = dr;
          right++;
        }
      }
      const i = rows[order[p]];
      radius[i] = nextDown(dist);
      kAll[i] = k;
    }
  }
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (labelCount[i] > 1) kept.push(i);
  const m = kept.length;
  if (m === 0) return NaN;
  const sortedAll = Float64Array.from(kept, (i) => c[i]).sort();
  const accK = new CompensatedSum();
  const accL = new CompensatedSum();
  const accM = new CompensatedSum();
  for (const i of kept) {
    accK.add(digamma(kAll[i]));
    accL.add(digamma(labelCount[i]));
    accM.add(digamma(countWithin(sortedAll, c[i], radius[i], true)));
  }
  const mi = digamma(m) + accK.value() / m - accL.value() / m - accM.value() / m;
  return Math.max(0, mi);
}

/** Options of the mutual-information estimators. */
export interface MutualInfoOptions {
  /** Which features are discrete (default: none); a discrete feature's values are its categories. */
  discreteFeatures?: readonly boolean[];
  /** Neighbours of the kNN estimators (default 3, as scikit-learn). */
  nNeighbors?: number;
  /** Seed of the tie-breaking noise (default 0). */
  seed?: number;
}

/** x / std(x) (population std; a constant column is left unscaled, as scikit-learn's `scale`). */
export function scaled(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i] - mean) * (x[i] - mean);
  const sd = Math.sqrt(v / n);
  const s = sd > 0 ? sd : 1;
  return Float64Array.from(x, (val) => val / s);
}

/** Adds scikit-learn's tie-breaking noise, 1e-10 × max(1, mean |x|) × N(0, 1), in place. */
export function addNoise(x: Float64Array, rng: Rng): void {
  let meanAbs = 0;
  for (let i = 0; i < x.length; i++) meanAbs += Math.abs(x[i]);
  const scale = 1e-10 * Math.max(1, meanAbs / x.length);
  for (let i = 0; i < x.length; i++) x[i] += scale * rng.normal();
}

function estimate(X: Matrix, y: ArrayLike<number>, isDiscreteTarget: boolean, options: MutualInfoOptions): Float64Array {
  if (X.nRows !== y.length) throw new InvalidInputError(`X has ${X.nRows} rows but y has ${y.length} values.`, 'y');
  checkFinite(X.data, 'X');
  checkFinite(y, 'y');
  const k = options.nNeighbors ?? 3;
  const discrete = options.discreteFeatures ?? [];
  if (discrete.length !== 0 && discrete.length !== X.nCols) {
    throw new InvalidInputError(`discreteFeatures has ${discrete.length} entries, expected ${X.nCols}.`, 'discreteFeatures');
  }
  const rng = new Rng(options.seed ?? 0);
  const cols: Float64Array[] = [];
  for (let j = 0; j < X.nCols; j++) {
    if (discrete[j]) {
      cols.push(Float64Array.from(column(X, j)));
    } else {
      const c = scaled(column(X, j));
      addNoise(c, rng);
      cols.push(c);
    }
  }
  let target: Float64Array;
  if (isDiscreteTarget) target = Float64Array.from(y);
  else {
    target = scaled(y);
    addNoise(target, rng);
  }
  const out = new Float64Array(X.nCols);
  for (let j = 0; j < X.nCols; j++) {
    if (discrete[j] && isDiscreteTarget) out[j] = mutualInfoDiscrete(toCodes(cols[j]), toCodes(target));
    else if (discrete[j]) out[j] = miContinuousDiscrete(target, cols[j], k);
    else if (isDiscreteTarget) out[j] = miContinuousDiscrete(cols[j], target, k);
    else out[j] = miContinuousContinuous(cols[j], target, k);
  }
  return out;
}

/** Arbitrary numeric categories as codes 0..K-1. */
function toCodes(v: ArrayLike<number>): Int32Array {
  return encodeLabels(v, uniqueLabels(v));
}

/** Mutual information (nats) of each feature with class labels. scikit-learn: `mutual_info_classif`. */
export function mutualInfoClassif(X: Matrix, y: ArrayLike<number>, options: MutualInfoOptions = {}): Float64Array {
  return estimate(X, y, true, options);
}

/** Mutual information (nats) of each feature with a numeric target. scikit-learn: `mutual_info_regression`. */
export function mutualInfoRegression(X: Matrix, y: ArrayLike<number>, options: MutualInfoOptions = {}): Float64Array {
  return estimate(X, y, false, options);
}
