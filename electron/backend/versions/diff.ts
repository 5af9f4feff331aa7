/**
 * Diff of two versions of a dataset, rows matched by their stable row id (runs in a worker).
 *
 * - Schema: columns added, removed, retyped, and role changes.
 * - Rows: ids only in B are added, only in A removed; a row in both is changed when any shared
 *   column's value differs (numbers by value with missing = missing; code columns by their text,
 *   whatever their codes; retyped columns by their display text).
 * - When both versions have the same row ids in the same order (every in-place remedy, a
 *   partition, a re-import of a file with edited cells), columns and chunks whose hashes are equal
 *   are skipped without being read: diffing two versions of a million rows that differ in one
 *   cell reads one chunk per changed column.
 */
import type { ColumnRole, ColumnType } from '../../../shared/domain/dataset.js';
import type { VersionDiff } from '../../../shared/api/methods/data.js';
import { throwIfCancelled, type AbortFlag } from '../data/errors.js';
import { isNumberType } from '../data/table.js';
import type { Db } from '../storage/db.js';
import type { StoredColumn, StreamRef, VersionManifest } from '../storage/repos/datasets.js';
import { CellReader, StreamReader } from './cell-reader.js';
import { loadLevels, loadStream } from './chunk-io.js';

/** Inputs of a diff. */
export interface DiffInput {
  datasetId: string;
  a: { id: string; manifest: VersionManifest };
  b: { id: string; manifest: VersionManifest };
  maxExamples: number;
}

function sameStream(x: StreamRef | null, y: StreamRef | null): boolean {
  if (!x || !y) return x === y;
  return x.hashes.length === y.hashes.length && x.hashes.every((h, k) => h === y.hashes[k]);
}

function schemaDiff(a: VersionManifest, b: VersionManifest): VersionDiff['schema'] {
  const byName = (m: VersionManifest): Map<string, StoredColumn> => new Map(m.columns.map((c) => [c.name, c]));
  const ca = byName(a);
  const cb = byName(b);
  const plain = (c: StoredColumn): { name: string; type: ColumnType; role: ColumnRole } => ({ name: c.name, type: c.type, role: c.role });
  const retyped: VersionDiff['schema']['retyped'] = [];
  const roles: VersionDiff['schema']['roles'] = [];
  for (const c of b.columns) {
    const old = ca.get(c.name);
    if (!old) continue;
    if (old.type !== c.type) retyped.push({ name: c.name, from: old.type, to: c.type });
    if (old.role !== c.role) roles.push({ name: c.name, from: old.role, to: c.role });
  }
  return {
    added: b.columns.filter((c) => !ca.has(c.name)).map(plain),
    removed: a.columns.filter((c) => !cb.has(c.name)).map(plain),
    retyped,
    roles,
  };
}

/** How the cells of one shared column are compared. */
type Comparer = (ia: number, ib: number) => boolean;

/** Builds an equality test of one shared column, loading it whole (general path). */
function fullComparer(db: Db, ca: StoredColumn, cb: StoredColumn, signal?: AbortFlag): Comparer {
  if (ca.type === cb.type && isNumberType(ca.type)) {
    const va = loadStream(db, ca.values, (x) => new Float64Array(x), 8, signal);
    const vb = loadStream(db, cb.values, (x) => new Float64Array(x), 8, signal);
    return (i, j) => va[i] === vb[j] || (va[i] !== va[i] && vb[j] !== vb[j]);
  }
  if (!isNumberType(ca.type) && !isNumberType(cb.type) && ca.levels && cb.levels) {
    const remap = levelRemap(db, ca.levels, cb.levels);
    const va = loadStream(db, ca.values, (x) => new Int32Array(x), 4, signal);
    const vb = loadStream(db, cb.values, (x) => new Int32Array(x), 4, signal);
    return (i, j) => (va[i] < 0 ? vb[j] < 0 : remap[va[i]] === vb[j]);
  }
  const ra = new CellReader(db, ca);
  const rb = new CellReader(db, cb);
  return (i, j) => ra.text(i) === rb.text(j);
}

/** Code of each A level in B's level list (-2 when B lacks it). */
function levelRemap(db: Db, la: StreamRef, lb: StreamRef): Int32Array {
  const a = loadLevels(db, la);
  const index = new Map(loadLevels(db, lb).map((l, k) => [l, k]));
  return Int32Array.from(a, (l) => index.get(l) ?? -2);
}

function isIdentity(remap: Int32Array): boolean {
  for (let k = 0; k < remap.length; k++) if (remap[k] !== k) return false;
  return true;
}

/**
 * Aligned path: marks changed rows of one shared column, reading only chunks whose hashes differ
 * (all chunks when the level lists disagree on a code's meaning or the type changed).
 */
function markAligned(db: Db, ca: StoredColumn, cb: StoredColumn, changed: Uint8Array, signal?: AbortFlag): number {
  const sameLevels = sameStream(ca.levels, cb.levels);
  if (ca.type === cb.type && sameStream(ca.values, cb.values) && sameLevels) return 0;
  const n = changed.length;
  let count = 0;
  const mark = (i: number): void => {
    count++;
    changed[i] = 1;
  };
  const numeric = ca.type === cb.type && isNumberType(ca.type);
  const codes = !isNumberType(ca.type) && !isNumberType(cb.type) && ca.levels !== null && cb.levels !== null;
  const remap = codes && !sameLevels ? levelRemap(db, ca.levels as StreamRef, cb.levels as StreamRef) : null;
  // Equal code chunks mean equal texts only when every A code keeps its meaning in B.
  const chunkSkipOk = numeric || (codes && (remap === null || isIdentity(remap)));
  if ((numeric || codes) && ca.values.hashes.length === cb.values.hashes.length && ca.values.counts.every((c, k) => c === cb.values.counts[k])) {
    const ra = new StreamReader(db, ca.values, numeric ? 'f64' : 'i32');
    const rb = new StreamReader(db, cb.values, numeric ? 'f64' : 'i32');
    for (let k = 0; k < ra.chunkCount; k++) {
      if (chunkSkipOk && ca.values.hashes[k] === cb.values.hashes[k]) continue;
      throwIfCancelled(signal);
      const xa = ra.chunk(k);
      const xb = rb.chunk(k);
      const start = ra.startOf(k);
      for (let t = 0; t < xa.length; t++) {
        const u = xa[t];
        const v = xb[t];
        const equal = numeric ? u === v || (u !== u && v !== v) : u < 0 ? v < 0 : (remap ? remap[u] : u) === v;
        if (!equal) mark(start + t);
      }
    }
    return count;
  }
  const ra = new CellReader(db, ca);
  const rb = new CellReader(db, cb);
  for (let i = 0; i < n; i++) {
    if ((i & 0xffff) === 0) throwIfCancelled(signal);
    if (ra.text(i) !== rb.text(i)) mark(i);
  }
  return count;
}

/** Computes the diff of two versions. */
export function diffVersions(db: Db, input: DiffInput, hooks: { signal?: AbortFlag; onProgress?: (f: number) => void } = {}): VersionDiff {
  const { a, b } = input;
  const A = a.manifest;
  const B = b.manifest;
  const schema = schemaDiff(A, B);
  const bByName = new Map(B.columns.map((c) => [c.name, c]));
  const shared = A.columns.filter((c) => bByName.has(c.name)).map((c) => [c, bByName.get(c.name) as StoredColumn] as const);
  const changedByColumn: VersionDiff['changedByColumn'] = [];
  const max = input.maxExamples;
  const readersA = new Map<string, CellReader>();
  const readersB = new Map<string, CellReader>();
  const readerOf = (m: Map<string, CellReader>, c: StoredColumn): CellReader => {
    let r = m.get(c.name);
    if (!r) {
      r = new CellReader(db, c);
      m.set(c.name, r);
    }
    return r;
  };
  const cellsOf = (m: Map<string, CellReader>, cols: StoredColumn[], i: number): (string | null)[] => cols.map((c) => readerOf(m, c).text(i));
  // Examples read only the columns that changed somewhere (unchanged columns' chunks stay unread).
  const changesOf = (ia: number, ib: number): VersionDiff['examples']['changed'][number]['changes'] => {
    const out: VersionDiff['examples']['changed'][number]['changes'] = [];
    const changedNames = new Set(changedByColumn.map((c) => c.column));
    for (const [ca, cb] of shared) {
      if (!changedNames.has(ca.name)) continue;
      const before = readerOf(readersA, ca).text(ia);
      const after = readerOf(readersB, cb).text(ib);
      if (before !== after) out.push({ column: ca.name, before, after });
    }
    return out;
  };

  let added = 0;
  let removed = 0;
  let changedRows = 0;
  const examples: VersionDiff['examples'] = {
    columnsA: A.columns.map((c) => c.name),
    columnsB: B.columns.map((c) => c.name),
    added: [],
    removed: [],
    changed: [],
  };

  if (sameStream(A.rowIds, B.rowIds)) {
    const changed = new Uint8Array(B.rows);
    shared.forEach(([ca, cb], k) => {
      const count = markAligned(db, ca, cb, changed, hooks.signal);
      if (count > 0) changedByColumn.push({ column: ca.name, rows: count });
      hooks.onProgress?.((k + 1) / (shared.length + 1));
    });
    const ids = new StreamReader(db, B.rowIds, 'i32');
    for (let i = 0; i < changed.length; i++) {
      if (!changed[i]) continue;
      changedRows++;
      if (examples.changed.length < max) examples.changed.push({ rowId: ids.get(i), changes: changesOf(i, i) });
    }
  } else {
    const idsA = loadStream(db, A.rowIds, (x) => new Int32Array(x), 4, hooks.signal);
    const idsB = loadStream(db, B.rowIds, (x) => new Int32Array(x), 4, hooks.signal);
    let maxId = -1;
    for (let i = 0; i < idsA.length; i++) if (idsA[i] > maxId) maxId = idsA[i];
    const posA = new Int32Array(maxId + 1).fill(-1);
    for (let i = 0; i < idsA.length; i++) posA[idsA[i]] = i;
    const matchedA = new Uint8Array(idsA.length);
    const pairA = new Int32Array(idsB.length).fill(-1);
    for (let j = 0; j < idsB.length; j++) {
      const id = idsB[j];
      const p = id >= 0 && id <= maxId ? posA[id] : -1;
      if (p >= 0) {
        pairA[j] = p;
        matchedA[p] = 1;
      } else {
        added++;
        if (examples.added.length < max) examples.added.push({ rowId: id, cells: cellsOf(readersB, B.columns, j) });
      }
    }
    for (let i = 0; i < idsA.length; i++) {
      if (matchedA[i]) continue;
      removed++;
      if (examples.removed.length < max) examples.removed.push({ rowId: idsA[i], cells: cellsOf(readersA, A.columns, i) });
    }
    const changed = new Uint8Array(idsB.length);
    shared.forEach(([ca, cb], k) => {
      throwIfCancelled(hooks.signal);
      const equal = fullComparer(db, ca, cb, hooks.signal);
      let count = 0;
      for (let j = 0; j < idsB.length; j++) {
        const p = pairA[j];
        if (p >= 0 && !equal(p, j)) {
          changed[j] = 1;
          count++;
        }
      }
      if (count > 0) changedByColumn.push({ column: ca.name, rows: count });
      hooks.onProgress?.((k + 1) / (shared.length + 1));
    });
    for (let j = 0; j < changed.length; j++) {
      if (!changed[j]) continue;
      changedRows++;
      if (examples.changed.length < max) examples.changed.push({ rowId: idsB[j], changes: changesOf(pairA[j], j) });
    }
  }
  const common = B.rows - added;
  return {
    datasetId: input.datasetId,
    a: a.id,
    b: b.id,
    rowsA: A.rows,
    rowsB: B.rows,
    rows: { added, removed, changed: changedRows, unchanged: common - changedRows },
    schema,
    changedByColumn,
    examples,
    partitionChanged: !sameStream(A.partition, B.partition),
  };
}
