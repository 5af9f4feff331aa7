/**
 * SMOTE (Chawla, Bowyer, Hall & Kegelmeyer, "SMOTE: Synthetic Minority Over-sampling Technique",
 * JAIR 2002) and SMOTE-NC for mixed numeric/categorical data (same paper, section 6.1), with
 * imbalanced-learn's semantics:
 * - `sampling_strategy='auto'`: every class but the majority grows to the majority's size, so the
 *   resulting class counts equal imbalanced-learn's;
 * - for each class, a synthetic row = x + u * (neighbour - x), u ~ U[0, 1), x a training row of
 *   the class and neighbour one of its k nearest same-class rows (k_neighbors = 5); (x, neighbour)
 *   pairs are drawn uniformly among the n*k pairs, as `_make_samples` does.
 * - SMOTE-NC: distances use the continuous features plus the categories one-hot encoded at half
 *   the median standard deviation of the continuous features in the minority class; a synthetic
 *   row's category is the most frequent among the k neighbours (random among ties).
 * Only training rows are used and only training rows are added; validation and test rows stay
 * untouched. The neighbour search runs only for rows actually drawn (the exact k-d tree search),
 * which is where the time goes in imbalanced-learn (it searches for every row of the class).
 * Number features are interpolated as is (no scaling, as imbalanced-learn); whole-number and
 * boolean columns are rounded so they keep their type; text and identifier cells of synthetic
 * rows are empty.
 */
import type { Rng } from '../../../ml/core/rng.js';
import { createMatrix, type Matrix } from '../../../ml/core/matrix.js';
import { kNearest } from '../../../ml/neighbors/nearest.js';
import { dataError } from '../errors.js';
import { isNumberColumn, type CodeColumn, type DataColumn, type DataTable, type NumberColumn } from '../table.js';
import {
  allRows,
  assemble,
  classCountsOf,
  featureColumns,
  numberMatrix,
  roundForType,
  rowsByClass,
  syntheticRows,
  targetClasses,
  trainMaskOf,
  type ParamsOf,
  type RemedyContext,
  type RemedyResult,
} from './common.js';

/** New rows of one class: seed row, neighbour row (table positions) and step. */
interface Draws {
  cls: number;
  seed: Int32Array;
  neighbour: Int32Array;
  step: Float64Array;
  /** For SMOTE-NC: the k neighbours of each seed (table positions), row-major. */
  allNeighbours?: Int32Array;
  k: number;
}

/**
 * Draws the synthetic pairs of one class. `X` holds the class's rows (encoded for distance);
 * `rows[r]` is the table position of X's row r.
 */
function drawClass(X: Matrix, rows: Int32Array, nNew: number, kWanted: number, rng: Rng, keepAll: boolean): Omit<Draws, 'cls'> {
  const n = rows.length;
  const k = Math.min(kWanted, n - 1);
  const picks = new Int32Array(nNew);
  for (let s = 0; s < nNew; s++) picks[s] = rng.int(n * k);
  const step = new Float64Array(nNew);
  for (let s = 0; s < nNew; s++) step[s] = rng.next();
  // Neighbours only for the rows that were drawn.
  const seedRows = Int32Array.from(new Set(Array.from(picks, (p) => Math.floor(p / k)))).sort();
  const slot = new Int32Array(n).fill(-1);
  seedRows.forEach((r, q) => (slot[r] = q));
  const Q = createMatrix(seedRows.length, X.nCols);
  for (let j = 0; j < X.nCols; j++) {
    for (let q = 0; q < seedRows.length; q++) Q.data[j * seedRows.length + q] = X.data[j * n + seedRows[q]];
  }
  const kk = Math.min(k + 1, n);
  const nn = kNearest(X, Q, kk);
  // Drop the row itself (or, if equal rows outrank it, the farthest) to keep k same-class neighbours.
  const neigh = new Int32Array(seedRows.length * k);
  for (let q = 0; q < seedRows.length; q++) {
    const self = seedRows[q];
    let w = 0;
    for (let r = 0; r < kk && w < k; r++) {
      const idx = nn.indices[q * kk + r];
      if (idx === self) continue;
      neigh[q * k + w++] = idx;
    }
  }
  const seed = new Int32Array(nNew);
  const neighbour = new Int32Array(nNew);
  const allNeighbours = keepAll ? new Int32Array(nNew * k) : undefined;
  for (let s = 0; s < nNew; s++) {
    const r = Math.floor(picks[s] / k);
    const c = picks[s] % k;
    const q = slot[r];
    seed[s] = rows[r];
    neighbour[s] = rows[neigh[q * k + c]];
    if (allNeighbours) for (let m = 0; m < k; m++) allNeighbours[s * k + m] = rows[neigh[q * k + m]];
  }
  return { seed, neighbour, step, allNeighbours, k };
}

/** Builds the synthetic rows from the draws of every class. */
function buildRows(table: DataTable, target: string, draws: Draws[], continuous: Set<DataColumn>, categorical: Set<DataColumn>, rng: Rng): DataTable {
  const total = draws.reduce((a, d) => a + d.seed.length, 0);
  return syntheticRows(table, total, (c) => {
    if (isNumberColumn(c)) {
      const out = new Float64Array(total);
      let o = 0;
      for (const d of draws) {
        for (let s = 0; s < d.seed.length; s++, o++) {
          if (c.name === target) out[o] = c.values[d.seed[s]];
          else if (continuous.has(c)) {
            const x = c.values[d.seed[s]];
            out[o] = roundForType(c, x + d.step[s] * (c.values[d.neighbour[s]] - x));
          } else if (categorical.has(c)) out[o] = modeOf(c.values, d, s, rng);
          else out[o] = NaN;
        }
      }
      return out;
    }
    const out = new Int32Array(total).fill(-1);
    let o = 0;
    for (const d of draws) {
      for (let s = 0; s < d.seed.length; s++, o++) {
        if (c.name === target) out[o] = c.codes[d.seed[s]];
        else if (categorical.has(c)) out[o] = modeOf(c.codes, d, s, rng);
      }
    }
    return out;
  });
}

/** Most frequent value among the k neighbours of draw s (random among ties; missing never wins). */
function modeOf(values: ArrayLike<number>, d: Draws, s: number, rng: Rng): number {
  const all = d.allNeighbours as Int32Array;
  const counts = new Map<number, number>();
  let best = 0;
  for (let m = 0; m < d.k; m++) {
    const v = values[all[s * d.k + m]];
    if (v !== v || v < 0) continue;
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > best) best = n;
  }
  if (best === 0) return values[d.seed[s]];
  const tied = [...counts].filter(([, n]) => n === best).map(([v]) => v).sort((a, b) => a - b);
  return tied.length === 1 ? tied[0] : tied[rng.int(tied.length)];
}

function prepare(table: DataTable, target: string, ctx: RemedyContext) {
  const mask = trainMaskOf(table, ctx);
  const cc = targetClasses(table, target, mask);
  const byClass = rowsByClass(cc, mask);
  const nMax = Math.max(...byClass.map((r) => r.length));
  return { mask, cc, byClass, nMax };
}

function checkClassSize(rows: Int32Array, label: string): void {
  if (rows.length < 2) {
    throw dataError('INVALID_ARGUMENT', 'classTooSmallForSmote', `Class "${label}" has ${rows.length} training row(s); SMOTE needs at least 2 to interpolate.`, { class: label, rows: rows.length }, 'target');
  }
}

/** `smote`. */
export function applySmote(table: DataTable, params: ParamsOf<'smote'>, rng: Rng, ctx: RemedyContext): RemedyResult {
  const { mask, cc, byClass, nMax } = prepare(table, params.target, ctx);
  const features = featureColumns(table, params.target);
  const categorical = features.filter((c) => !isNumberColumn(c));
  if (categorical.length > 0) {
    throw dataError('INVALID_ARGUMENT', 'smoteNeedsNumbers', `SMOTE works on numbers; "${categorical[0].name}" holds categories. Use SMOTE-NC, or drop the column.`, { column: categorical[0].name }, 'kind');
  }
  const continuous = features as NumberColumn[];
  if (continuous.length === 0) throw dataError('INVALID_ARGUMENT', 'needsNumericFeatures', 'SMOTE needs at least one number feature.', {}, 'target');
  const kWanted = params.kNeighbors ?? 5;
  const draws: Draws[] = [];
  let kUsed = kWanted;
  byClass.forEach((rows, cls) => {
    const nNew = nMax - rows.length;
    if (nNew === 0 || rows.length === 0) return;
    checkClassSize(rows, cc.classes[cls]);
    const X = numberMatrix(continuous, rows, 'SMOTE');
    const d = drawClass(X, rows, nNew, kWanted, rng, false);
    kUsed = Math.min(kUsed, d.k);
    draws.push({ cls, ...d });
  });
  const extra = buildRows(table, params.target, draws, new Set(continuous), new Set(), rng);
  const out = assemble(table, mask, allRows(table.nRows), extra);
  return {
    ...out,
    fitted: {},
    notes: { before: classCountsOf(table, params.target, mask), after: classCountsOf(out.table, params.target, out.trainRowMask), kUsed },
    added: extra.nRows,
    removed: 0,
    changedCells: 0,
  };
}

/** `smote_nc`. */
export function applySmoteNc(table: DataTable, params: ParamsOf<'smote_nc'>, rng: Rng, ctx: RemedyContext): RemedyResult {
  const { mask, cc, byClass, nMax } = prepare(table, params.target, ctx);
  const features = featureColumns(table, params.target);
  const chosen = params.categoricalColumns ? new Set(params.categoricalColumns) : null;
  const isCategorical = (c: DataColumn): boolean => (chosen ? chosen.has(c.name) : c.type === 'categorical' || c.type === 'boolean');
  const categorical = features.filter(isCategorical);
  const continuous = features.filter((c) => !isCategorical(c)) as DataColumn[];
  const notNumeric = continuous.find((c) => !isNumberColumn(c));
  if (notNumeric) {
    throw dataError('INVALID_ARGUMENT', 'smoteNcCategorical', `Column "${notNumeric.name}" holds categories; list it among the categorical columns.`, { column: notNumeric.name }, 'categoricalColumns');
  }
  if (continuous.length === 0) {
    throw dataError('INVALID_ARGUMENT', 'smoteNcNeedsNumbers', 'SMOTE-NC needs at least one number feature besides the categories (use random oversampling otherwise).', {}, 'categoricalColumns');
  }
  if (categorical.length === 0) {
    throw dataError('INVALID_ARGUMENT', 'smoteNcNeedsCategories', 'No categorical feature: use SMOTE.', {}, 'categoricalColumns');
  }
  const cont = continuous as NumberColumn[];
  // Median of the continuous features' standard deviations (ddof 0) in the overall minority class.
  let minority = -1;
  byClass.forEach((r, k) => {
    if (r.length > 0 && (minority < 0 || r.length < byClass[minority].length)) minority = k;
  });
  const minRows = byClass[minority];
  const stds = cont.map((c) => {
    let s = 0;
    let q = 0;
    for (const i of minRows) {
      s += c.values[i];
      q += c.values[i] * c.values[i];
    }
    const m = s / minRows.length;
    return Math.sqrt(Math.max(0, q / minRows.length - m * m));
  }).sort((a, b) => a - b);
  const medianStd = stds.length % 2 === 1 ? stds[(stds.length - 1) / 2] : (stds[stds.length / 2 - 1] + stds[stds.length / 2]) / 2;
  const scale = medianStd / 2;
  const kWanted = params.kNeighbors ?? 5;
  const draws: Draws[] = [];
  byClass.forEach((rows, cls) => {
    const nNew = nMax - rows.length;
    if (nNew === 0 || rows.length === 0) return;
    checkClassSize(rows, cc.classes[cls]);
    const numeric = numberMatrix(cont, rows, 'SMOTE-NC');
    // One-hot blocks of the categories, each present level at `scale` (missing = all zeros).
    const blocks: { col: DataColumn; levels: number[] }[] = categorical.map((c) => {
      const seen = new Set<number>();
      for (const i of rows) {
        const v = isNumberColumn(c) ? c.values[i] : (c as CodeColumn).codes[i];
        if (v === v && v >= 0) seen.add(v);
      }
      return { col: c, levels: [...seen].sort((a, b) => a - b) };
    });
    const width = cont.length + blocks.reduce((a, b) => a + b.levels.length, 0);
    const n = rows.length;
    const X = createMatrix(n, width);
    X.data.set(numeric.data, 0);
    let j = cont.length;
    for (const b of blocks) {
      const pos = new Map(b.levels.map((v, l) => [v, l]));
      for (let r = 0; r < n; r++) {
        const v = isNumberColumn(b.col) ? b.col.values[rows[r]] : (b.col as CodeColumn).codes[rows[r]];
        const l = pos.get(v);
        if (l !== undefined) X.data[(j + l) * n + r] = scale;
      }
      j += b.levels.length;
    }
    draws.push({ cls, ...drawClass(X, rows, nNew, kWanted, rng, true) });
  });
  const extra = buildRows(table, params.target, draws, new Set<DataColumn>(cont), new Set(categorical), rng);
  const out = assemble(table, mask, allRows(table.nRows), extra);
  return {
    ...out,
    fitted: {},
    notes: {
      before: classCountsOf(table, params.target, mask),
      after: classCountsOf(out.table, params.target, out.trainRowMask),
      medianStd,
      categorical: categorical.map((c) => c.name),
    },
    added: extra.nRows,
    removed: 0,
    changedCells: 0,
  };
}
