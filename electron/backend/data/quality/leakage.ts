/**
 * Data leakage: information in the features that would not exist when the model is used.
 *
 * - `leakage_target_copy`: a feature that is the target under another name or encoding. For
 *   classification, its values map one-to-one onto the classes; for regression, it is a strictly
 *   monotone function of the target (checked in O(n) after one sort of the target: walking the
 *   rows in target order, the feature never changes direction, allowing 0.1% of steps as noise).
 * - `leakage_predictive`: a single feature that predicts the target almost perfectly on rows it
 *   has not seen: the feature is cut into up to 32 quantile bins (categories as they are), each bin
 *   predicts the majority class (or the mean) learned on the other half of the rows (2-fold, even
 *   and odd rows, so no randomness), and the out-of-fold balanced accuracy >= 0.95 (or R² >= 0.95)
 *   raises the finding. Learning on the other half keeps identifiers and other unique values from
 *   looking predictive. Tables above 200,000 rows are checked on evenly spaced rows.
 * - `leakage_future_timestamp`: when the user names the column holding the time of the predicted
 *   event, any other date-time later than it in some rows was recorded after the fact.
 */
import type { Finding } from '../../../../shared/domain/dataset.js';
import { quantileSorted, type CodeStats, type NumberStats } from '../stats.js';
import { findColumn, isNumberColumn, type DataColumn, type NumberColumn } from '../table.js';
import { exampleRows, makeFinding, round4, type CheckContext } from './context.js';

/** Out-of-fold score at or above which a single column is reported as predictive leakage. */
export const LEAKAGE_SCORE = 0.95;
const BINS = 32;
/**
 * Larger tables are checked on evenly spaced rows up to this many: the out-of-fold score of a
 * 32-bin rule is already precise to about +/-0.003 there, and the check stays fast on millions.
 */
export const LEAKAGE_MAX_ROWS = 200000;

/** The column restricted to `rows` (or itself when rows is null). */
function pick(c: DataColumn, rows: Int32Array | null): DataColumn {
  if (!rows) return c;
  const n = rows.length;
  if (isNumberColumn(c)) {
    const values = new Float64Array(n);
    for (let k = 0; k < n; k++) values[k] = c.values[rows[k]];
    return { ...c, values };
  }
  const codes = new Int32Array(n);
  for (let k = 0; k < n; k++) codes[k] = c.codes[rows[k]];
  return { ...c, codes };
}

/** Bins of a column for the single-feature model: bin index per row (last bin = missing). */
function binColumn(c: DataColumn, stats: NumberStats | CodeStats): { bins: Int32Array; nBins: number } | null {
  const n = isNumberColumn(c) ? c.values.length : c.codes.length;
  const bins = new Int32Array(n);
  if (!isNumberColumn(c)) {
    const levels = c.levels.length;
    if ((stats as CodeStats).distinct > 1000) return null;
    for (let i = 0; i < n; i++) bins[i] = c.codes[i] < 0 ? levels : c.codes[i];
    return { bins, nBins: levels + 1 };
  }
  const s = stats as NumberStats;
  if (s.count === 0) return null;
  const edges: number[] = [];
  for (let b = 1; b < BINS; b++) {
    const e = quantileSorted(s.sorted, b / BINS);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  const nb = edges.length + 1;
  const v = c.values;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x !== x) {
      bins[i] = nb;
      continue;
    }
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x > edges[mid]) lo = mid + 1;
      else hi = mid;
    }
    bins[i] = lo;
  }
  return { bins, nBins: nb + 1 };
}

/** Out-of-fold balanced accuracy of "majority class per bin". */
function binnedBalancedAccuracy(bins: Int32Array, nBins: number, y: Int32Array, nClasses: number): number {
  const n = y.length;
  const counts = [new Int32Array(nBins * nClasses), new Int32Array(nBins * nClasses)];
  const global = [new Int32Array(nClasses), new Int32Array(nClasses)];
  for (let i = 0; i < n; i++) {
    if (y[i] < 0) continue;
    const f = i & 1;
    counts[f][bins[i] * nClasses + y[i]]++;
    global[f][y[i]]++;
  }
  const correct = new Float64Array(nClasses);
  const total = new Float64Array(nClasses);
  for (let f = 0; f < 2; f++) {
    const other = counts[1 - f];
    const g = global[1 - f];
    let gBest = 0;
    for (let k = 1; k < nClasses; k++) if (g[k] > g[gBest]) gBest = k;
    const pred = new Int32Array(nBins);
    for (let b = 0; b < nBins; b++) {
      let best = gBest;
      let bestCount = 0;
      for (let k = 0; k < nClasses; k++) {
        const c = other[b * nClasses + k];
        if (c > bestCount) {
          bestCount = c;
          best = k;
        }
      }
      pred[b] = best;
    }
    for (let i = f; i < n; i += 2) {
      if (y[i] < 0) continue;
      total[y[i]]++;
      if (pred[bins[i]] === y[i]) correct[y[i]]++;
    }
  }
  let sum = 0;
  let present = 0;
  for (let k = 0; k < nClasses; k++) {
    if (total[k] === 0) continue;
    sum += correct[k] / total[k];
    present++;
  }
  return present === 0 ? 0 : sum / present;
}

/** Out-of-fold R² of "mean target per bin". */
function binnedR2(bins: Int32Array, nBins: number, y: Float64Array): number {
  const n = y.length;
  const sums = [new Float64Array(nBins), new Float64Array(nBins)];
  const cnts = [new Float64Array(nBins), new Float64Array(nBins)];
  const gs = [0, 0];
  const gc = [0, 0];
  for (let i = 0; i < n; i++) {
    if (y[i] !== y[i]) continue;
    const f = i & 1;
    sums[f][bins[i]] += y[i];
    cnts[f][bins[i]]++;
    gs[f] += y[i];
    gc[f]++;
  }
  let sse = 0;
  let sst = 0;
  const mean = (gs[0] + gs[1]) / Math.max(1, gc[0] + gc[1]);
  for (let i = 0; i < n; i++) {
    if (y[i] !== y[i]) continue;
    const o = 1 - (i & 1);
    const b = bins[i];
    const pred = cnts[o][b] > 0 ? sums[o][b] / cnts[o][b] : gs[o] / Math.max(1, gc[o]);
    sse += (y[i] - pred) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  return sst > 0 ? 1 - sse / sst : 0;
}

/** True when feature values correspond one-to-one to the classes (missing rows ignored). */
function isClassCopy(c: DataColumn, stats: NumberStats | CodeStats, y: Int32Array, nClasses: number): boolean {
  if (stats.distinct !== nClasses || nClasses < 2) return false;
  const valueToClass = new Map<number, number>();
  const classToValue = new Map<number, number>();
  const n = y.length;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] < 0) continue;
    const v = isNumberColumn(c) ? c.values[i] : c.codes[i];
    if (v !== v || v === -1) continue;
    seen++;
    const k = valueToClass.get(v);
    if (k === undefined) valueToClass.set(v, y[i]);
    else if (k !== y[i]) return false;
    const w = classToValue.get(y[i]);
    if (w === undefined) classToValue.set(y[i], v);
    else if (w !== v) return false;
  }
  return seen > 0;
}

/** True when `x` is a strictly monotone function of `y` along target order (0.1% tolerance). */
function isMonotoneCopy(x: Float64Array, order: Int32Array): boolean {
  let up = 0;
  let down = 0;
  let steps = 0;
  let prev = NaN;
  for (let k = 0; k < order.length; k++) {
    const v = x[order[k]];
    if (v !== v) continue;
    if (prev === prev) {
      steps++;
      if (v > prev) up++;
      else if (v < prev) down++;
    }
    prev = v;
  }
  if (steps < 10) return false;
  const tolerance = Math.floor(steps * 0.001);
  return Math.min(up, down) <= tolerance && Math.max(up, down) >= steps * 0.5;
}

/** `leakage_target_copy` and `leakage_predictive`. */
export function detectTargetLeakage(ctx: CheckContext): Finding[] {
  if (!ctx.target || !ctx.task) return [];
  const out: Finding[] = [];
  const total = ctx.table.nRows;
  const step = Math.ceil(total / LEAKAGE_MAX_ROWS);
  let rows: Int32Array | null = null;
  if (step > 1) {
    rows = new Int32Array(Math.ceil(total / step));
    for (let k = 0; k < rows.length; k++) rows[k] = k * step;
  }
  const n = rows ? rows.length : total;
  const target = pick(ctx.target, rows);
  const classCodesOf = ctx.classes ? (pick({ type: 'categorical', name: '', codes: ctx.classes.codes, levels: [] }, rows) as { codes: Int32Array }).codes : null;
  let order: Int32Array | null = null;
  if (ctx.task === 'regression' && isNumberColumn(target)) {
    const t = target.values;
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (t[i] === t[i]) idx.push(i);
    idx.sort((a, b) => t[a] - t[b] || a - b);
    order = Int32Array.from(idx);
  }
  for (const full of ctx.features) {
    if (full.type === 'identifier' || full.type === 'text') continue;
    const s = ctx.stats.get(full.name) as NumberStats | CodeStats;
    if (s.count < 10) continue;
    const c = pick(full, rows);
    let isCopy = false;
    if (ctx.task === 'classification' && ctx.classes && classCodesOf) {
      isCopy = isClassCopy(c, s, classCodesOf, ctx.classes.classes.length);
    } else if (order && isNumberColumn(c) && c.type !== 'boolean') {
      isCopy = isMonotoneCopy(c.values, order);
    }
    if (isCopy) {
      out.push(makeFinding(ctx, 'leakage_target_copy', 'critical', [c.name, target.name], 0, [], {}, ['drop_columns'], { target: target.name }));
      continue;
    }
    const binned = binColumn(c, s);
    if (!binned) continue;
    let score: number;
    if (ctx.task === 'classification' && ctx.classes && classCodesOf) {
      score = binnedBalancedAccuracy(binned.bins, binned.nBins, classCodesOf, ctx.classes.classes.length);
    } else {
      score = binnedR2(binned.bins, binned.nBins, (target as NumberColumn).values);
    }
    if (score >= LEAKAGE_SCORE) {
      const metric = ctx.task === 'classification' ? 'balanced_accuracy' : 'r2';
      out.push(
        makeFinding(ctx, 'leakage_predictive', score >= 0.99 ? 'critical' : 'warning', [c.name, target.name], 0, [], { score: round4(score), metric }, ['drop_columns'], {
          target: target.name,
          score: round4(score),
          metric,
        }),
      );
    }
  }
  return out;
}

/** `leakage_future_timestamp`: date-times later than the event-time column. */
export function detectFutureTimestamps(ctx: CheckContext): Finding[] {
  const name = ctx.options.eventTimeColumn;
  if (!name) return [];
  const event = findColumn(ctx.table, name);
  if (!event || event.type !== 'datetime' || !isNumberColumn(event)) return [];
  const out: Finding[] = [];
  const n = ctx.table.nRows;
  for (const c of ctx.table.columns) {
    if (c === event || c.type !== 'datetime' || !isNumberColumn(c) || c === ctx.target) continue;
    if ((ctx.options.ignored ?? []).includes(c.name)) continue;
    const after = (i: number): boolean => c.values[i] > event.values[i];
    let count = 0;
    let maxLeadDays = 0;
    for (let i = 0; i < n; i++) {
      if (after(i)) {
        count++;
        maxLeadDays = Math.max(maxLeadDays, (c.values[i] - event.values[i]) / 86400000);
      }
    }
    if (count === 0) continue;
    out.push(
      makeFinding(
        ctx,
        'leakage_future_timestamp',
        count / n >= 0.5 ? 'critical' : 'warning',
        [c.name, name],
        count,
        exampleRows(n, after),
        { maxDaysAfter: round4(maxLeadDays) },
        ['drop_columns'],
        { eventColumn: name },
      ),
    );
  }
  return out;
}
