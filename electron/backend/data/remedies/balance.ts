/**
 * Class balancing by resampling training rows, with imbalanced-learn's `sampling_strategy='auto'`:
 * undersamplers shrink every class but the minority to the minority's size ('not minority'),
 * oversamplers grow every class but the majority to the majority's size ('not majority').
 * Only training rows are drawn, removed or added; validation and test rows stay exactly as they
 * were, in place. Kept rows keep their original order; new rows are appended with fresh ids.
 *
 * - `random_undersample`: a uniform sample without replacement of each shrunk class.
 * - `random_oversample`: copies of uniformly drawn rows (with replacement) of each grown class.
 * - `cluster_centroids` (imbalanced-learn's ClusterCentroids): each shrunk class is replaced by
 *   the k-means centroids of its rows, k = minority size. `soft` voting writes the centroids
 *   (categories: the cluster's most frequent; whole-number and boolean columns rounded; text and
 *   identifiers left empty); `hard` keeps the real row nearest each centroid (once: a row nearest
 *   two centroids is not duplicated, unlike imbalanced-learn). Clustering uses the number
 *   features other than date-times, unscaled, as imbalanced-learn does.
 */
import type { Rng } from '../../../ml/core/rng.js';
import { kNearest } from '../../../ml/neighbors/nearest.js';
import { isNumberColumn, takeRows, type DataTable, type NumberColumn } from '../table.js';
import {
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
import { dataError } from '../errors.js';
import { kMeans } from './kmeans.js';

/** Rows of every non-train row plus `chosen` train rows, ascending. */
function keepList(mask: Uint8Array, chosen: Int32Array[]): Int32Array {
  const keep = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) if (!mask[i]) keep[i] = 1;
  for (const list of chosen) for (const i of list) keep[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < keep.length; i++) if (keep[i]) out.push(i);
  return Int32Array.from(out);
}

/** A uniform sample of `m` of `rows` without replacement (partial Fisher-Yates), ascending. */
function sampleWithout(rows: Int32Array, m: number, rng: Rng): Int32Array {
  const a = rows.slice();
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(a.length - i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a.subarray(0, m).slice().sort();
}

function notes(table: DataTable, out: { table: DataTable; trainRowMask: Uint8Array }, target: string, mask: Uint8Array) {
  return { before: classCountsOf(table, target, mask), after: classCountsOf(out.table, target, out.trainRowMask) };
}

/** `random_undersample`. */
export function applyRandomUndersample(table: DataTable, params: ParamsOf<'random_undersample'>, rng: Rng, ctx: RemedyContext): RemedyResult {
  const mask = trainMaskOf(table, ctx);
  const cc = targetClasses(table, params.target, mask);
  const byClass = rowsByClass(cc, mask).filter((r) => r.length > 0);
  const nMin = Math.min(...byClass.map((r) => r.length));
  const chosen = byClass.map((rows) => (rows.length === nMin ? rows : sampleWithout(rows, nMin, rng)));
  const out = assemble(table, mask, keepList(mask, chosen), null);
  return { ...out, fitted: {}, notes: notes(table, out, params.target, mask), added: 0, removed: table.nRows - out.table.nRows, changedCells: 0 };
}

/** `random_oversample`. */
export function applyRandomOversample(table: DataTable, params: ParamsOf<'random_oversample'>, rng: Rng, ctx: RemedyContext): RemedyResult {
  const mask = trainMaskOf(table, ctx);
  const cc = targetClasses(table, params.target, mask);
  const byClass = rowsByClass(cc, mask).filter((r) => r.length > 0);
  const nMax = Math.max(...byClass.map((r) => r.length));
  const picks: number[] = [];
  for (const rows of byClass) {
    for (let s = rows.length; s < nMax; s++) picks.push(rows[rng.int(rows.length)]);
  }
  const copies = takeRows(table, picks);
  const extra = syntheticRows(table, picks.length, (c, j) => (isNumberColumn(c) ? (copies.columns[j] as NumberColumn).values : (copies.columns[j] as { codes: Int32Array }).codes));
  const out = assemble(table, mask, Int32Array.from({ length: table.nRows }, (_, i) => i), extra);
  return { ...out, fitted: {}, notes: notes(table, out, params.target, mask), added: picks.length, removed: 0, changedCells: 0 };
}

/** `cluster_centroids`. */
export function applyClusterCentroids(table: DataTable, params: ParamsOf<'cluster_centroids'>, rng: Rng, ctx: RemedyContext): RemedyResult {
  const mask = trainMaskOf(table, ctx);
  const cc = targetClasses(table, params.target, mask);
  const byClass = rowsByClass(cc, mask);
  const present = byClass.filter((r) => r.length > 0);
  const nMin = Math.min(...present.map((r) => r.length));
  const voting = params.voting ?? 'soft';
  const features = featureColumns(table, params.target);
  const clusterCols = features.filter(isNumberColumn).filter((c) => c.type !== 'datetime');
  if (clusterCols.length === 0) {
    throw dataError('INVALID_ARGUMENT', 'needsNumericFeatures', 'Cluster-centroid undersampling needs at least one number feature.', {}, 'target');
  }
  const kept: Int32Array[] = [];
  const centroidTables: DataTable[] = [];
  const targetIdx = table.columns.findIndex((c) => c.name === params.target);
  byClass.forEach((rows) => {
    if (rows.length === 0) return;
    if (rows.length === nMin) {
      kept.push(rows);
      return;
    }
    const X = numberMatrix(clusterCols, rows, 'cluster-centroid undersampling');
    const km = kMeans(X, nMin, rng, params.maxIter ?? 30);
    if (voting === 'hard') {
      // The real row nearest each centroid is kept (once, even if nearest to two centroids).
      const nn = kNearest(X, km.centroids, 1);
      kept.push(Int32Array.from(new Set(Array.from(nn.indices, (r) => rows[r]))).sort());
      return;
    }
    // Soft: one new row per centroid.
    const k = nMin;
    const members: number[][] = Array.from({ length: k }, () => []);
    for (let r = 0; r < rows.length; r++) members[km.labels[r]].push(rows[r]);
    const synth = syntheticRows(table, k, (c, j) => {
      if (j === targetIdx) {
        if (isNumberColumn(c)) {
          const v = c.values[rows[0]];
          return new Float64Array(k).fill(v);
        }
        return new Int32Array(k).fill(c.codes[rows[0]]);
      }
      if (isNumberColumn(c)) {
        const out = new Float64Array(k);
        for (let m = 0; m < k; m++) {
          const list = members[m];
          if (list.length === 0) {
            out[m] = NaN;
            continue;
          }
          if (c.type === 'boolean') {
            let ones = 0;
            for (const i of list) ones += c.values[i] === 1 ? 1 : 0;
            out[m] = ones * 2 >= list.length ? 1 : 0;
            continue;
          }
          let s = 0;
          let cnt = 0;
          for (const i of list) {
            const v = c.values[i];
            if (v === v) {
              s += v;
              cnt++;
            }
          }
          out[m] = cnt > 0 ? roundForType(c, s / cnt) : NaN;
        }
        return out;
      }
      const out = new Int32Array(k).fill(-1);
      if (c.type !== 'categorical') return out;
      for (let m = 0; m < k; m++) {
        const counts = new Map<number, number>();
        let best = -1;
        let bestCount = 0;
        for (const i of members[m]) {
          const code = c.codes[i];
          if (code < 0) continue;
          const n = (counts.get(code) ?? 0) + 1;
          counts.set(code, n);
          if (n > bestCount || (n === bestCount && code < best)) {
            bestCount = n;
            best = code;
          }
        }
        out[m] = best;
      }
      return out;
    });
    // Centroid rows use the exact centroid for clustering columns.
    clusterCols.forEach((c, j) => {
      const idx = table.columns.indexOf(c);
      const col = synth.columns[idx] as NumberColumn;
      for (let m = 0; m < k; m++) if (members[m].length > 0) col.values[m] = roundForType(c, km.centroids.data[j * k + m]);
    });
    centroidTables.push(synth);
  });
  // Concatenate centroid rows (fresh ids continue across classes).
  let extra: DataTable | null = null;
  let nextId = 0;
  for (let i = 0; i < table.nRows; i++) if (table.rowIds[i] >= nextId) nextId = table.rowIds[i] + 1;
  for (const t of centroidTables) {
    const ids = Int32Array.from({ length: t.nRows }, (_, r) => nextId + r);
    nextId += t.nRows;
    const withIds: DataTable = { ...t, rowIds: ids };
    extra = extra === null ? withIds : { nRows: extra.nRows + withIds.nRows, columns: concatColumns(extra, withIds), rowIds: concatIds(extra.rowIds, withIds.rowIds) };
  }
  const out = assemble(table, mask, keepList(mask, kept), extra);
  return {
    ...out,
    fitted: {},
    notes: { ...notes(table, out, params.target, mask), voting },
    added: extra ? extra.nRows : 0,
    removed: table.nRows - (out.table.nRows - (extra ? extra.nRows : 0)),
    changedCells: 0,
  };
}

function concatIds(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function concatColumns(a: DataTable, b: DataTable): DataTable['columns'] {
  return a.columns.map((c, j) => {
    const d = b.columns[j];
    if (isNumberColumn(c)) {
      const v = new Float64Array(a.nRows + b.nRows);
      v.set(c.values, 0);
      v.set((d as NumberColumn).values, a.nRows);
      return { ...c, values: v };
    }
    const codes = new Int32Array(a.nRows + b.nRows);
    codes.set(c.codes, 0);
    codes.set((d as { codes: Int32Array }).codes, a.nRows);
    return { ...c, codes };
  });
}
