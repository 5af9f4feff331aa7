/**
 * Label noise.
 *
 * `label_conflict`: rows whose features are identical (numbers equal after rounding to 1/10,000
 * of the column's standard deviation, which absorbs formatting differences but never merges
 * genuinely different measurements) but whose classes differ: at most one of them can be right.
 * Identifier columns are left out of the comparison (they make every row unique).
 *
 * `label_suspect` (`findSuspectLabels`): given out-of-sample predicted probabilities (the caller
 * runs a cross-validated model), flags rows the model strongly contradicts, with confident
 * learning's rule (Northcutt, Jiang & Chuang, "Confident Learning: Estimating Uncertainty in
 * Dataset Labels", JAIR 2021): each class j has a threshold t_j = the mean predicted probability
 * of j over rows labelled j; a row labelled y is suspect when some other class j reaches t_j
 * (the most probable such j is the suggested label) while its own class stays below t_y.
 */
import type { Finding } from '../../../../shared/domain/dataset.js';
import { dataError } from '../errors.js';
import { groupRows } from '../row-groups.js';
import type { NumberStats } from '../stats.js';
import { classCodes, getColumn, isNumberColumn, type DataColumn, type DataTable } from '../table.js';
import { makeFinding, round4, type CheckContext } from './context.js';

/** `label_conflict` (classification only). */
export function detectLabelConflicts(ctx: CheckContext): Finding[] {
  if (ctx.task !== 'classification' || !ctx.classes || !ctx.target) return [];
  const cols = ctx.features.filter((c) => c.type !== 'identifier' && c.type !== 'text');
  if (cols.length === 0) return [];
  const steps = cols.map((c) => {
    if (!isNumberColumn(c) || c.type !== 'numeric') return 0;
    const s = ctx.stats.get(c.name) as NumberStats;
    return s.std > 0 ? s.std * 1e-4 : 0;
  });
  const n = ctx.table.nRows;
  const groups = groupRows(cols, n, steps);
  const codes = ctx.classes.codes;
  // For each group: the first class seen, and whether a different one appears.
  const firstClass = new Int32Array(groups.nGroups).fill(-1);
  const conflicted = new Uint8Array(groups.nGroups);
  for (let i = 0; i < n; i++) {
    const y = codes[i];
    if (y < 0) continue;
    const g = groups.groupOf[i];
    if (firstClass[g] < 0) firstClass[g] = y;
    else if (firstClass[g] !== y) conflicted[g] = 1;
  }
  let groupsWithConflict = 0;
  for (let g = 0; g < groups.nGroups; g++) if (conflicted[g]) groupsWithConflict++;
  if (groupsWithConflict === 0) return [];
  let rows = 0;
  const examples: number[] = [];
  for (let i = 0; i < n; i++) {
    if (codes[i] >= 0 && conflicted[groups.groupOf[i]]) {
      rows++;
      if (examples.length < 10) examples.push(i);
    }
  }
  const share = rows / n;
  return [
    makeFinding(
      ctx,
      'label_conflict',
      share >= 0.05 ? 'critical' : 'warning',
      [ctx.target.name],
      rows,
      examples,
      { groups: groupsWithConflict, comparedColumns: cols.map((c) => c.name) },
      ['fix_labels'],
      { groups: groupsWithConflict },
    ),
  ];
}

/** One row whose label a model contradicts. */
export interface SuspectLabel {
  row: number;
  rowId: number;
  given: string;
  suggested: string;
  /** Predicted probability of the given and the suggested class. */
  givenProbability: number;
  suggestedProbability: number;
}

/** Result of {@link findSuspectLabels}. */
export interface SuspectLabels {
  finding: Finding | null;
  /** All suspect rows, most contradicted first. */
  rows: SuspectLabel[];
}

/**
 * Rows whose label cross-validated probabilities strongly contradict (see the module comment).
 * `probabilities` is row-major n x classes.length; `classes[k]` is the label of column k (as
 * text, matching the target's class labels).
 */
export function findSuspectLabels(table: DataTable, target: string, probabilities: Float64Array, classes: readonly string[]): SuspectLabels {
  const col: DataColumn = getColumn(table, target);
  const n = table.nRows;
  const k = classes.length;
  if (probabilities.length !== n * k) {
    throw dataError('INVALID_ARGUMENT', 'probabilitiesShape', `Expected ${n} x ${k} probabilities, got ${probabilities.length} values.`, { rows: n, classes: k }, 'probabilities');
  }
  const cc = classCodes(col);
  const index = new Map(classes.map((c, j) => [c, j]));
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const code = cc.codes[i];
    y[i] = code < 0 ? -1 : (index.get(cc.classes[code]) ?? -1);
  }
  const sum = new Float64Array(k);
  const cnt = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    if (y[i] < 0) continue;
    sum[y[i]] += probabilities[i * k + y[i]];
    cnt[y[i]]++;
  }
  const t = Array.from(sum, (s, j) => (cnt[j] > 0 ? s / cnt[j] : Infinity));
  const rows: SuspectLabel[] = [];
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    if (yi < 0) continue;
    const py = probabilities[i * k + yi];
    if (py >= t[yi]) continue;
    let best = -1;
    let bestP = -1;
    for (let j = 0; j < k; j++) {
      if (j === yi) continue;
      const p = probabilities[i * k + j];
      if (p >= t[j] && p > bestP) {
        best = j;
        bestP = p;
      }
    }
    if (best < 0 || bestP <= py) continue;
    rows.push({ row: i, rowId: table.rowIds[i], given: classes[yi], suggested: classes[best], givenProbability: py, suggestedProbability: bestP });
  }
  rows.sort((a, b) => b.suggestedProbability - b.givenProbability - (a.suggestedProbability - a.givenProbability) || a.row - b.row);
  if (rows.length === 0) return { finding: null, rows };
  const share = rows.length / n;
  const finding = makeFinding(
    { table },
    'label_suspect',
    share >= 0.05 ? 'critical' : 'warning',
    [target],
    rows.length,
    rows.slice(0, 10).map((r) => r.row),
    {
      suggested: rows.slice(0, 10).map((r) => r.suggested),
      thresholds: t.map((v) => (Number.isFinite(v) ? round4(v) : 0)),
    },
    ['fix_labels'],
  );
  return { finding, rows };
}
