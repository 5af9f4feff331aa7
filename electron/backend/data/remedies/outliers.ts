/**
 * Outlier remedies with bounds learned from training rows:
 * - `iqr`: Tukey's fences Q1 - f*IQR .. Q3 + f*IQR (default f = 3, as the detector);
 * - `mad`: median +/- f * 1.4826 * MAD (the median absolute deviation scaled to estimate a
 *   normal standard deviation; Leys et al., "Detecting outliers: Do not use standard deviation
 *   around the mean, use absolute deviation around the median", JESP 2013; default f = 3.5,
 *   Iglewicz & Hoaglin's cut-off).
 * `clip_outliers` moves training values beyond a bound onto it (winsorising; whole-number
 * columns get whole bounds); `remove_outliers` removes training rows with a value beyond a bound.
 * Validation and test rows are never changed or removed. Replay uses the recorded bounds.
 */
import { dataError } from '../errors.js';
import { quantileSorted } from '../stats.js';
import { getColumn, isNumberColumn, replaceColumn, type DataTable, type NumberColumn } from '../table.js';
import { assemble, trainMaskOf, type ParamsOf, type RemedyContext, type RemedyResult } from './common.js';

type OutlierParams = ParamsOf<'clip_outliers'> | ParamsOf<'remove_outliers'>;
/** Bounds per column. */
export type Bounds = Record<string, [number, number]>;

function numberColumn(table: DataTable, name: string): NumberColumn {
  const c = getColumn(table, name);
  if (!isNumberColumn(c) || c.type === 'boolean') {
    throw dataError('INVALID_ARGUMENT', 'outliersNumericOnly', `Column "${name}" does not hold numbers.`, { column: name }, 'columns');
  }
  return c;
}

/** Learns the bounds of each column from training rows. */
export function fitBounds(table: DataTable, params: OutlierParams, mask: Uint8Array): Bounds {
  const bounds: Bounds = {};
  for (const name of params.columns) {
    const c = numberColumn(table, name);
    const vals: number[] = [];
    for (let i = 0; i < table.nRows; i++) if (mask[i] && c.values[i] === c.values[i]) vals.push(c.values[i]);
    const sorted = Float64Array.from(vals).sort();
    if (sorted.length === 0) continue;
    let lo: number;
    let hi: number;
    if (params.method === 'iqr') {
      const f = params.factor ?? 3;
      const q1 = quantileSorted(sorted, 0.25);
      const q3 = quantileSorted(sorted, 0.75);
      lo = q1 - f * (q3 - q1);
      hi = q3 + f * (q3 - q1);
    } else {
      const f = params.factor ?? 3.5;
      const med = quantileSorted(sorted, 0.5);
      const dev = Float64Array.from(sorted, (v) => Math.abs(v - med)).sort();
      const mad = 1.4826 * quantileSorted(dev, 0.5);
      lo = med - f * mad;
      hi = med + f * mad;
    }
    if (c.type === 'integer') {
      lo = Math.ceil(lo);
      hi = Math.floor(hi);
    }
    bounds[name] = [lo, hi];
  }
  return bounds;
}

/** Clips training values to recorded bounds. */
export function transformClip(table: DataTable, bounds: Bounds, mask: Uint8Array): { table: DataTable; changed: number } {
  let out = table;
  let changed = 0;
  for (const [name, [lo, hi]] of Object.entries(bounds)) {
    const c = numberColumn(out, name);
    const v = c.values.slice();
    for (let i = 0; i < v.length; i++) {
      if (!mask[i]) continue;
      if (v[i] < lo) {
        v[i] = lo;
        changed++;
      } else if (v[i] > hi) {
        v[i] = hi;
        changed++;
      }
    }
    out = replaceColumn(out, name, { ...c, values: v });
  }
  return { table: out, changed };
}

/** Removes training rows beyond recorded bounds. */
export function transformRemove(table: DataTable, bounds: Bounds, mask: Uint8Array): { table: DataTable; trainRowMask: Uint8Array; removed: number } {
  const drop = new Uint8Array(table.nRows);
  for (const [name, [lo, hi]] of Object.entries(bounds)) {
    const c = numberColumn(table, name);
    for (let i = 0; i < table.nRows; i++) if (mask[i] && (c.values[i] < lo || c.values[i] > hi)) drop[i] = 1;
  }
  const keep: number[] = [];
  for (let i = 0; i < table.nRows; i++) if (!drop[i]) keep.push(i);
  const r = assemble(table, mask, Int32Array.from(keep), null);
  return { ...r, removed: table.nRows - keep.length };
}

/** `clip_outliers`. */
export function applyClip(table: DataTable, params: ParamsOf<'clip_outliers'>, ctx: RemedyContext): RemedyResult {
  const mask = trainMaskOf(table, ctx);
  const bounds = fitBounds(table, params, mask);
  const r = transformClip(table, bounds, mask);
  return { table: r.table, trainRowMask: mask, fitted: { bounds }, notes: {}, added: 0, removed: 0, changedCells: r.changed };
}

/** `remove_outliers`. */
export function applyRemoveOutliers(table: DataTable, params: ParamsOf<'remove_outliers'>, ctx: RemedyContext): RemedyResult {
  const mask = trainMaskOf(table, ctx);
  const bounds = fitBounds(table, params, mask);
  const r = transformRemove(table, bounds, mask);
  return { table: r.table, trainRowMask: r.trainRowMask, fitted: { bounds }, notes: {}, added: 0, removed: r.removed, changedCells: 0 };
}
