/**
 * Imputation of missing values, fitted on training rows only, filling training rows only
 * (validation and test rows stay as they were: the trained pipeline meets them raw, as it will
 * meet production data).
 *
 * Strategies follow scikit-learn's SimpleImputer: `mean`, `median` (number columns),
 * `most_frequent` (the smallest value among ties, as SimpleImputer does), `constant`. Integer and
 * boolean columns get their fill rounded so the column keeps its type. The learned fill values
 * are recorded, and replay applies them as they are (a transform, like `SimpleImputer.transform`).
 *
 * `knn` follows KNNImputer's idea: a missing value becomes the mean of that column over the k
 * nearest training rows that have it. Distance: Euclidean over the other selected columns, each
 * standardised with training mean and deviation, with their own missing coordinates set to the
 * mean (KNNImputer instead re-weights nan_euclidean distances; the choice here lets the exact
 * k-d tree search do the work). At least two columns must be selected. Replay re-fits on the
 * training rows of the data it runs on (the donors are data, not a statistic worth storing).
 */
import type { JsonValue } from '../../../../shared/domain/dataset.js';
import { createMatrix } from '../../../ml/core/matrix.js';
import { kNearest } from '../../../ml/neighbors/nearest.js';
import { dataError } from '../errors.js';
import { parseNumberText } from '../number-format.js';
import { quantileSorted } from '../stats.js';
import { getColumn, isNumberColumn, replaceColumn, type CodeColumn, type DataColumn, type DataTable, type NumberColumn } from '../table.js';
import { roundForType, trainMaskOf, type ParamsOf, type RemedyContext, type RemedyResult } from './common.js';

type ImputeParams = ParamsOf<'impute'>;

function trainValues(c: NumberColumn, mask: Uint8Array): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < c.values.length; i++) if (mask[i] && c.values[i] === c.values[i]) out.push(c.values[i]);
  return Float64Array.from(out).sort();
}

/** The fill value of one column learned from training rows (null when nothing to learn from). */
function fitColumn(c: DataColumn, params: ImputeParams, mask: Uint8Array): number | string | null {
  const { strategy } = params;
  if (strategy === 'constant') {
    if (params.fillValue === undefined) {
      throw dataError('INVALID_ARGUMENT', 'fillValueRequired', 'The constant strategy needs a fill value.', {}, 'fillValue');
    }
    if (isNumberColumn(c)) {
      const v = typeof params.fillValue === 'number' ? params.fillValue : parseNumberText(params.fillValue, '.', '');
      if (!Number.isFinite(v)) {
        throw dataError('INVALID_ARGUMENT', 'fillValueNotNumber', `Column "${c.name}" holds numbers; the fill value must be a number.`, { column: c.name }, 'fillValue');
      }
      return v;
    }
    return String(params.fillValue);
  }
  if (isNumberColumn(c)) {
    const v = trainValues(c, mask);
    if (v.length === 0) return null;
    if (strategy === 'mean') {
      let s = 0;
      for (let i = 0; i < v.length; i++) s += v[i];
      return roundForType(c, s / v.length);
    }
    if (strategy === 'median') return roundForType(c, quantileSorted(v, 0.5));
    // most_frequent: longest run in the sorted values, first (smallest) on ties.
    let best = v[0];
    let bestRun = 0;
    let run = 0;
    for (let i = 0; i < v.length; i++) {
      run = i > 0 && v[i] === v[i - 1] ? run + 1 : 1;
      if (run > bestRun) {
        bestRun = run;
        best = v[i];
      }
    }
    return best;
  }
  if (strategy !== 'most_frequent') {
    throw dataError('INVALID_ARGUMENT', 'imputeStrategyType', `Column "${c.name}" holds categories: use most_frequent or constant.`, { column: c.name, strategy }, 'strategy');
  }
  const counts = new Int32Array(c.levels.length);
  for (let i = 0; i < c.codes.length; i++) if (mask[i] && c.codes[i] >= 0) counts[c.codes[i]]++;
  let best = -1;
  for (let l = 0; l < counts.length; l++) {
    if (counts[l] === 0) continue;
    if (best < 0 || counts[l] > counts[best] || (counts[l] === counts[best] && c.levels[l] < c.levels[best])) best = l;
  }
  return best < 0 ? null : c.levels[best];
}

/** Writes `fill` into the missing training cells of a column. */
function fillColumn(c: DataColumn, fill: number | string, mask: Uint8Array): { column: DataColumn; changed: number } {
  let changed = 0;
  if (isNumberColumn(c)) {
    const v = c.values.slice();
    const f = typeof fill === 'number' ? fill : Number(fill);
    for (let i = 0; i < v.length; i++) {
      if (mask[i] && v[i] !== v[i]) {
        v[i] = f;
        changed++;
      }
    }
    return { column: { ...c, values: v }, changed };
  }
  const text = String(fill);
  let code = c.levels.indexOf(text);
  const levels = code < 0 ? [...c.levels, text] : c.levels;
  if (code < 0) code = c.levels.length;
  const codes = c.codes.slice();
  for (let i = 0; i < codes.length; i++) {
    if (mask[i] && codes[i] < 0) {
      codes[i] = code;
      changed++;
    }
  }
  const out: CodeColumn = { ...c, codes, levels };
  return { column: out, changed };
}

/** Applies recorded fill values (replay of the statistic strategies). */
export function transformImpute(table: DataTable, fills: Record<string, number | string | null>, mask: Uint8Array): { table: DataTable; changed: number } {
  let out = table;
  let changed = 0;
  for (const [name, fill] of Object.entries(fills)) {
    if (fill === null) continue;
    const r = fillColumn(getColumn(out, name), fill, mask);
    out = replaceColumn(out, name, r.column);
    changed += r.changed;
  }
  return { table: out, changed };
}

function knnImpute(table: DataTable, params: ImputeParams, mask: Uint8Array): { table: DataTable; changed: number; fitted: Record<string, JsonValue> } {
  const cols = params.columns.map((n) => getColumn(table, n));
  const numeric = cols.filter(isNumberColumn);
  if (numeric.length !== cols.length) {
    throw dataError('INVALID_ARGUMENT', 'knnNumericOnly', 'Nearest-neighbour imputation fills number columns only.', {}, 'columns');
  }
  if (numeric.length < 2) {
    throw dataError('INVALID_ARGUMENT', 'knnNeedsColumns', 'Select at least two number columns: the others define who is near.', {}, 'columns');
  }
  const k0 = params.kNeighbors ?? 5;
  const n = table.nRows;
  // Training mean and standard deviation of each column.
  const means: number[] = [];
  const stds: number[] = [];
  for (const c of numeric) {
    let s = 0;
    let q = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = c.values[i];
      if (!mask[i] || v !== v) continue;
      m++;
      s += v;
      q += v * v;
    }
    const mean = m > 0 ? s / m : 0;
    const variance = m > 1 ? Math.max(0, (q - m * mean * mean) / (m - 1)) : 0;
    means.push(mean);
    stds.push(variance > 0 ? Math.sqrt(variance) : 1);
  }
  let out = table;
  let changed = 0;
  numeric.forEach((target, t) => {
    const others = numeric.map((_, j) => j).filter((j) => j !== t);
    const donors: number[] = [];
    const queries: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      if (target.values[i] === target.values[i]) donors.push(i);
      else queries.push(i);
    }
    if (queries.length === 0 || donors.length === 0) return;
    const build = (rows: number[]) => {
      const m = createMatrix(rows.length, others.length);
      others.forEach((j, o) => {
        const v = numeric[j].values;
        for (let r = 0; r < rows.length; r++) {
          const x = v[rows[r]];
          m.data[o * rows.length + r] = x === x ? (x - means[j]) / stds[j] : 0;
        }
      });
      return m;
    };
    const k = Math.min(k0, donors.length);
    const nn = kNearest(build(donors), build(queries), k);
    const values = (getColumn(out, target.name) as NumberColumn).values.slice();
    for (let q = 0; q < queries.length; q++) {
      let s = 0;
      for (let r = 0; r < k; r++) s += target.values[donors[nn.indices[q * k + r]]];
      values[queries[q]] = roundForType(target, s / k);
      changed++;
    }
    out = replaceColumn(out, target.name, { ...target, values });
  });
  return { table: out, changed, fitted: { means, stds, kNeighbors: k0 } };
}

/** Fits and applies the imputation. */
export function applyImpute(table: DataTable, params: ImputeParams, ctx: RemedyContext): RemedyResult {
  const mask = trainMaskOf(table, ctx);
  if (params.strategy === 'knn') {
    const r = knnImpute(table, params, mask);
    return { table: r.table, trainRowMask: mask, fitted: r.fitted, notes: {}, added: 0, removed: 0, changedCells: r.changed };
  }
  const fills: Record<string, number | string | null> = {};
  for (const name of params.columns) fills[name] = fitColumn(getColumn(table, name), params, mask);
  const r = transformImpute(table, fills, mask);
  const untouched = Object.entries(fills)
    .filter(([, v]) => v === null)
    .map(([k]) => k);
  return { table: r.table, trainRowMask: mask, fitted: { fills }, notes: { untouched }, added: 0, removed: 0, changedCells: r.changed };
}
