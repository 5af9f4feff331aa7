/**
 * Train / validation / test partitions, seeded so a saved spec reproduces the same split:
 * - `random`: a shuffle cut at the requested shares;
 * - `stratified`: each class is shuffled and cut separately; per class part sizes are rounded
 *   down and the remaining rows handed out by largest remainder so every part's total matches the
 *   random split's, keeping the class shares of every part as close to the whole as counts allow;
 * - `grouped`: all rows sharing a value of the group column land in one part (no patient, store
 *   or customer on both sides); shuffled groups go, one by one, to the part furthest below its
 *   share;
 * - `time`: rows ordered by the time column, oldest to train and newest to test (what a model
 *   deployed today faces); rows with the same time as the boundary go to the later part.
 * Part codes per row: 0 train, 1 validation, 2 test.
 */
import { PartitionSpecSchema, type ClassCount, type PartitionSpec, type PartitionSummary } from '../../../shared/domain/dataset.js';
import { AppError } from '../../../shared/errors.js';
import { Rng } from '../../ml/core/rng.js';
import { dataError } from './errors.js';
import { groupRows } from './row-groups.js';
import { classCodes, getColumn, isNumberColumn, type DataTable } from './table.js';

/** A computed partition. */
export interface Partition {
  /** Part code per row: 0 train, 1 validation, 2 test. */
  assignment: Uint8Array;
  summary: PartitionSummary;
}

/** Part sizes for n rows (rounded, validation and test first, train takes the rest). */
export function partSizes(n: number, f: PartitionSpec['fractions']): [number, number, number] {
  const test = Math.round(n * f.test);
  const validation = Math.min(n - test, Math.round(n * f.validation));
  return [n - test - validation, validation, test];
}

function shuffled(n: number, rng: Rng): Int32Array {
  const a = Int32Array.from({ length: n }, (_, i) => i);
  return rng.shuffle(a);
}

function assignRandom(n: number, spec: PartitionSpec, rng: Rng): Uint8Array {
  const [train, validation] = partSizes(n, spec.fractions);
  const order = shuffled(n, rng);
  const out = new Uint8Array(n);
  for (let k = 0; k < n; k++) out[order[k]] = k < train ? 0 : k < train + validation ? 1 : 2;
  return out;
}

function assignStratified(table: DataTable, spec: PartitionSpec, rng: Rng): Uint8Array {
  const col = getColumn(table, spec.column as string);
  const { codes, classes } = classCodes(col);
  const n = table.nRows;
  const byClass: number[][] = classes.map(() => []);
  const missing: number[] = [];
  for (let i = 0; i < n; i++) (codes[i] < 0 ? missing : byClass[codes[i]]).push(i);
  if (missing.length > 0) byClass.push(missing);
  const totals = partSizes(n, spec.fractions);
  const shares = [spec.fractions.train, spec.fractions.validation, spec.fractions.test];
  // Floor per class and part, then hand out the rest by largest remainder, part by part.
  const alloc = byClass.map((rows) => shares.map((s) => Math.floor(rows.length * s)));
  for (let p = 1; p < 3; p++) {
    let given = alloc.reduce((a, r) => a + r[p], 0);
    const order = byClass
      .map((rows, c) => ({ c, rem: rows.length * shares[p] - alloc[c][p] }))
      .sort((a, b) => b.rem - a.rem || a.c - b.c);
    for (let k = 0; given < totals[p] && k < order.length * 2; k++) {
      const c = order[k % order.length].c;
      if (alloc[c][1] + alloc[c][2] < byClass[c].length) {
        alloc[c][p]++;
        given++;
      }
    }
  }
  const out = new Uint8Array(n);
  byClass.forEach((rows, c) => {
    const a = Int32Array.from(rows);
    rng.shuffle(a);
    const v = alloc[c][1];
    const t = alloc[c][2];
    const trainCount = a.length - v - t;
    for (let k = 0; k < a.length; k++) out[a[k]] = k < trainCount ? 0 : k < trainCount + v ? 1 : 2;
  });
  return out;
}

function assignGrouped(table: DataTable, spec: PartitionSpec, rng: Rng): { assignment: Uint8Array; groups: [number, number, number] } {
  const col = getColumn(table, spec.column as string);
  const n = table.nRows;
  const g = groupRows([col], n);
  if (g.nGroups < 2) {
    throw dataError('INVALID_ARGUMENT', 'tooFewGroups', `Column "${col.name}" has a single group: a grouped split needs several.`, { column: col.name }, 'column');
  }
  const order = shuffled(g.nGroups, rng);
  const targets = partSizes(n, spec.fractions);
  const filled = [0, 0, 0];
  const partOfGroup = new Uint8Array(g.nGroups);
  const groupCounts: [number, number, number] = [0, 0, 0];
  for (let k = 0; k < order.length; k++) {
    const grp = order[k];
    // The part furthest below its target share (ties: test, then validation, then train).
    let best = 0;
    let bestDeficit = -Infinity;
    for (const p of [2, 1, 0]) {
      if (targets[p] === 0) continue;
      const deficit = (targets[p] - filled[p]) / targets[p];
      if (deficit > bestDeficit) {
        bestDeficit = deficit;
        best = p;
      }
    }
    partOfGroup[grp] = best;
    filled[best] += g.sizes[grp];
    groupCounts[best]++;
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = partOfGroup[g.groupOf[i]];
  return { assignment: out, groups: groupCounts };
}

function assignByTime(table: DataTable, spec: PartitionSpec): { assignment: Uint8Array; ranges: PartitionSummary['timeRanges'] } {
  const col = getColumn(table, spec.column as string);
  if (!isNumberColumn(col) || (col.type !== 'datetime' && col.type !== 'integer' && col.type !== 'numeric')) {
    throw dataError('INVALID_ARGUMENT', 'timeColumnType', `Column "${col.name}" is not a date-time.`, { column: col.name }, 'column');
  }
  const n = table.nRows;
  const t = col.values;
  let missing = 0;
  for (let i = 0; i < n; i++) if (t[i] !== t[i]) missing++;
  if (missing > 0) {
    throw dataError('INVALID_ARGUMENT', 'timeColumnMissing', `Column "${col.name}" has ${missing} missing values: a time split needs a time on every row.`, { column: col.name, count: missing }, 'column');
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => t[a] - t[b] || a - b);
  const [train, validation] = partSizes(n, spec.fractions);
  // Boundaries move back so rows with equal times stay together (in the later part).
  let b1 = train;
  while (b1 > 0 && b1 < n && t[order[b1 - 1]] === t[order[b1]]) b1--;
  let b2 = Math.max(b1, train + validation);
  while (b2 > b1 && b2 < n && t[order[b2 - 1]] === t[order[b2]]) b2--;
  const out = new Uint8Array(n);
  for (let k = 0; k < n; k++) out[order[k]] = k < b1 ? 0 : k < b2 ? 1 : 2;
  const iso = (v: number): string => (col.type === 'datetime' ? new Date(v).toISOString() : String(v));
  const range = (a: number, b: number): [string, string] | null => (b > a ? [iso(t[order[a]]), iso(t[order[b - 1]])] : null);
  return { assignment: out, ranges: { train: range(0, b1), validation: range(b1, b2), test: range(b2, n) } };
}

/** Class counts per part (classification target). */
export function classBalance(table: DataTable, target: string, assignment: Uint8Array): PartitionSummary['classBalance'] {
  const { codes, classes } = classCodes(getColumn(table, target));
  const counts = [0, 1, 2].map(() => new Array<number>(classes.length).fill(0));
  for (let i = 0; i < table.nRows; i++) if (codes[i] >= 0) counts[assignment[i]][codes[i]]++;
  const part = (p: number): ClassCount[] => {
    const total = counts[p].reduce((a, b) => a + b, 0);
    return classes.map((label, k) => ({ label, count: counts[p][k], share: total > 0 ? counts[p][k] / total : 0 }));
  };
  return { train: part(0), validation: part(1), test: part(2) };
}

/** Splits the rows of a table as the spec says. */
export function partitionTable(table: DataTable, spec: PartitionSpec): Partition {
  const parsed = PartitionSpecSchema.safeParse(spec);
  if (!parsed.success) {
    throw new AppError('INVALID_ARGUMENT', `Invalid partition: ${parsed.error.issues.map((i) => i.message).join('; ')}`, {
      messageKey: 'errors.data.partitionSpec',
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  }
  const s = parsed.data;
  if (s.method !== 'random' && !s.column) {
    throw dataError('INVALID_ARGUMENT', 'partitionColumn', `A ${s.method} split needs a column.`, { method: s.method }, 'column');
  }
  const rng = new Rng(s.seed);
  let assignment: Uint8Array;
  let groups: PartitionSummary['groups'] = null;
  let timeRanges: PartitionSummary['timeRanges'] = null;
  if (s.method === 'random') assignment = assignRandom(table.nRows, s, rng);
  else if (s.method === 'stratified') assignment = assignStratified(table, s, rng);
  else if (s.method === 'grouped') {
    const r = assignGrouped(table, s, rng);
    assignment = r.assignment;
    groups = { train: r.groups[0], validation: r.groups[1], test: r.groups[2] };
  } else {
    const r = assignByTime(table, s);
    assignment = r.assignment;
    timeRanges = r.ranges;
  }
  const counts = { train: 0, validation: 0, test: 0 };
  for (let i = 0; i < assignment.length; i++) counts[(['train', 'validation', 'test'] as const)[assignment[i]]]++;
  const target = s.target ?? (s.method === 'stratified' ? s.column : undefined);
  return {
    assignment,
    summary: { spec: s, counts, classBalance: target ? classBalance(table, target, assignment) : null, groups, timeRanges },
  };
}

/** The training mask (1 = train) of an assignment, as remedies take it. */
export function trainMaskOfAssignment(assignment: Uint8Array): Uint8Array {
  return Uint8Array.from(assignment, (p) => (p === 0 ? 1 : 0));
}
