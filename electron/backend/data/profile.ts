/**
 * The profile of a table: per column type, counts, missing, distinct, exact summary statistics
 * and chart-ready histograms or bars; for the table, rows, duplicate rows, the Pearson
 * correlation matrix of numeric columns (pairwise complete rows) and the target's class balance
 * or distribution. Every number is JSON-safe (undefined statistics are null).
 */
import type { ColumnProfile, ColumnRole, CorrelationMatrix, TableProfile, TargetProfile } from '../../../shared/domain/dataset.js';
import type { TaskType } from '../../../shared/domain/metrics.js';
import { throwIfCancelled, type AbortFlag } from './errors.js';
import { groupRows } from './row-groups.js';
import { duplicateColumns } from './quality/duplicates.js';
import {
  computeTableStats,
  histogramCounts,
  histogramEdges,
  numberStats,
  numericSummary,
  type CodeStats,
  type NumberStats,
  type TableStats,
} from './stats.js';
import { classCodes, getColumn, isNumberColumn, type CodeColumn, type DataColumn, type DataTable, type NumberColumn } from './table.js';

/** What the profile needs to know besides the data. */
export interface ProfileOptions {
  target?: string;
  task?: TaskType;
  ignored?: readonly string[];
  /** Columns beyond this many numeric ones are left out of the correlation matrix (cost grows with the square). */
  maxCorrelationColumns?: number;
  /** Bars shown for categorical columns. */
  maxBars?: number;
}

/** Progress and cancellation of a profile or check. */
export interface WorkHooks {
  onProgress?: (fraction: number) => void;
  signal?: AbortFlag;
}

/**
 * The task a target column implies: categorical, boolean and text targets are classification;
 * whole numbers with at most 20 distinct values too; other numbers are regression.
 */
export function inferTask(c: DataColumn, stats?: NumberStats | CodeStats): TaskType {
  if (!isNumberColumn(c)) return 'classification';
  if (c.type === 'boolean') return 'classification';
  if (c.type === 'integer') {
    const s = stats && stats.kind === 'number' ? stats : numberStats(c);
    return s.distinct <= 20 ? 'classification' : 'regression';
  }
  return 'regression';
}

function bars(c: CodeColumn, s: CodeStats, max: number): ColumnProfile['bars'] {
  const order = Array.from({ length: c.levels.length }, (_, l) => l)
    .filter((l) => s.counts[l] > 0)
    .sort((a, b) => s.counts[b] - s.counts[a] || a - b);
  const shown = order.slice(0, max);
  let other = 0;
  for (const l of order.slice(max)) other += s.counts[l];
  return { labels: shown.map((l) => c.levels[l]), counts: shown.map((l) => s.counts[l]), otherCount: other };
}

function columnProfile(c: DataColumn, s: NumberStats | CodeStats, role: ColumnRole, maxBars: number): ColumnProfile {
  const base = { name: c.name, type: c.type, role, count: s.count, missing: s.missing, distinct: s.distinct };
  if (isNumberColumn(c) && s.kind === 'number') {
    if (c.type === 'boolean') {
      let ones = 0;
      for (let i = 0; i < s.sorted.length; i++) if (s.sorted[i] === 1) ones++;
      const labels = c.labels ?? ['false', 'true'];
      return { ...base, stats: null, histogram: null, bars: { labels: [labels[0], labels[1]], counts: [s.count - ones, ones], otherCount: 0 }, textLength: null };
    }
    const edges = histogramEdges(s.sorted, c.type === 'integer');
    return {
      ...base,
      stats: numericSummary(s),
      histogram: edges.length > 0 ? { edges, counts: histogramCounts(s.sorted, edges) } : null,
      bars: null,
      textLength: null,
    };
  }
  const cs = s as CodeStats;
  const cc = c as CodeColumn;
  let textLength: ColumnProfile['textLength'] = null;
  if (c.type === 'text' && cs.count > 0) {
    let min = Infinity;
    let max = 0;
    let total = 0;
    cc.levels.forEach((l, i) => {
      if (cs.counts[i] === 0) return;
      if (l.length < min) min = l.length;
      if (l.length > max) max = l.length;
      total += l.length * cs.counts[i];
    });
    textLength = { min, mean: total / cs.count, max };
  }
  return { ...base, stats: null, histogram: null, bars: bars(cc, cs, maxBars), textLength };
}

/**
 * Pearson correlations of the given number columns over pairwise complete rows.
 *
 * Columns without missing values go through one pass over the rows: blocks of rows are copied
 * and centred, and the cross-products of every pair are summed over that cached block (the data
 * is read from memory once, instead of once per pair). Pairs involving a column with missing
 * values are computed over their complete rows, two-pass.
 */
export function correlationMatrix(columns: readonly NumberColumn[], signal?: AbortFlag, missing?: readonly number[]): CorrelationMatrix {
  const k = columns.length;
  const values: (number | null)[][] = Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  const hasNaN = columns.map((c, a) => (missing ? missing[a] > 0 : countNaN(c.values) > 0));
  const complete = columns.map((_, a) => a).filter((a) => !hasNaN[a]);
  const n = k > 0 ? columns[0].values.length : 0;
  const m = complete.length;
  if (m > 0 && n >= 2) {
    const mean = complete.map((a) => {
      const x = columns[a].values;
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i];
      return s / n;
    });
    const cross = new Float64Array(m * m);
    // Blocks of rows, column-major and centred: each pair's sum runs over a block that is in cache.
    const BLOCK = 4096;
    const buf = new Float64Array(BLOCK * m);
    for (let start = 0; start < n; start += BLOCK) {
      if ((start & 0x3ffff) === 0) throwIfCancelled(signal);
      const rows = Math.min(BLOCK, n - start);
      for (let c = 0; c < m; c++) {
        const x = columns[complete[c]].values;
        const mu = mean[c];
        const off = c * BLOCK;
        for (let r = 0; r < rows; r++) buf[off + r] = x[start + r] - mu;
      }
      for (let a = 0; a < m; a++) {
        const oa = a * BLOCK;
        for (let b = a; b < m; b++) {
          const ob = b * BLOCK;
          let s = 0;
          for (let r = 0; r < rows; r++) s += buf[oa + r] * buf[ob + r];
          cross[a * m + b] += s;
        }
      }
    }
    for (let a = 0; a < m; a++) {
      for (let b = a; b < m; b++) {
        const saa = cross[a * m + a];
        const sbb = cross[b * m + b];
        const r = saa > 0 && sbb > 0 ? Math.max(-1, Math.min(1, cross[a * m + b] / Math.sqrt(saa * sbb))) : null;
        values[complete[a]][complete[b]] = r;
        values[complete[b]][complete[a]] = r;
      }
    }
  }
  for (let a = 0; a < k; a++) {
    throwIfCancelled(signal);
    for (let b = a; b < k; b++) {
      if (!hasNaN[a] && !hasNaN[b]) continue;
      const r = pairwiseComplete(columns[a].values, columns[b].values);
      values[a][b] = r;
      values[b][a] = r;
    }
  }
  return { columns: columns.map((c) => c.name), values };
}

function countNaN(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== x[i]) m++;
  return m;
}

/** Pearson correlation over the rows where both values are present (two-pass). */
function pairwiseComplete(x: Float64Array, y: Float64Array): number | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const yi = y[i];
    if (xi !== xi || yi !== yi) continue;
    sx += xi;
    sy += yi;
    n++;
  }
  if (n < 2) return null;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    if (dx !== dx || dy !== dy) continue;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return sxx > 0 && syy > 0 ? Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))) : null;
}

/** The target's profile. */
export function targetProfile(table: DataTable, target: string, task: TaskType | undefined, stats: TableStats): TargetProfile {
  const c = getColumn(table, target);
  const s = stats.get(target) ?? (isNumberColumn(c) ? numberStats(c) : undefined);
  const t = task ?? inferTask(c, s);
  if (t === 'classification') {
    const { codes, classes } = classCodes(c);
    const counts = new Array<number>(classes.length).fill(0);
    let missing = 0;
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] < 0) missing++;
      else counts[codes[i]]++;
    }
    const present = table.nRows - missing;
    const list = classes
      .map((label, i) => ({ label, count: counts[i], share: present > 0 ? counts[i] / present : 0 }))
      .sort((a, b) => b.count - a.count);
    return { column: target, task: t, classes: list, stats: null, histogram: null, missing };
  }
  const ns = s && s.kind === 'number' ? s : numberStats(c as NumberColumn);
  const edges = histogramEdges(ns.sorted, c.type === 'integer');
  return {
    column: target,
    task: t,
    classes: null,
    stats: numericSummary(ns),
    histogram: edges.length > 0 ? { edges, counts: histogramCounts(ns.sorted, edges) } : null,
    missing: ns.missing,
  };
}

/** Profiles a table. Pass `stats` from `computeTableStats` to share the work with the quality check. */
export function profileTable(table: DataTable, options: ProfileOptions = {}, hooks: WorkHooks = {}, stats?: TableStats): TableProfile {
  const st = stats ?? computeTableStats(table, (done, total) => {
    throwIfCancelled(hooks.signal);
    hooks.onProgress?.(0.6 * (done / total));
  });
  const ignored = new Set(options.ignored ?? []);
  const roleOf = (name: string): ColumnRole => (name === options.target ? 'target' : ignored.has(name) ? 'ignored' : 'feature');
  const maxBars = options.maxBars ?? 20;
  const columns = table.columns.map((c) => columnProfile(c, st.get(c.name) as NumberStats | CodeStats, roleOf(c.name), maxBars));
  let missingCells = 0;
  for (const p of columns) missingCells += p.missing;
  throwIfCancelled(hooks.signal);
  hooks.onProgress?.(0.65);
  const groups = groupRows(duplicateColumns(table.columns), table.nRows, undefined, table);
  hooks.onProgress?.(0.75);
  const numeric = table.columns.filter(
    (c): c is NumberColumn => isNumberColumn(c) && c.type !== 'datetime' && !ignored.has(c.name) && (st.get(c.name)?.count ?? 0) > 1,
  );
  const chosen = numeric.slice(0, options.maxCorrelationColumns ?? 60);
  const correlation = correlationMatrix(chosen, hooks.signal, chosen.map((c) => (st.get(c.name) as NumberStats).missing));
  hooks.onProgress?.(0.95);
  const target = options.target === undefined ? null : targetProfile(table, options.target, options.task, st);
  hooks.onProgress?.(1);
  return { rows: table.nRows, duplicateRows: table.nRows - groups.nGroups, missingCells, columns, correlation, target };
}
