import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_ROWS } from '../../../../../electron/backend/data/chunks.js';
import { takeRows, type CodeColumn, type DataTable, type NumberColumn } from '../../../../../electron/backend/data/table.js';
import type { VersionManifest } from '../../../../../electron/backend/storage/repos/datasets.js';
import { storeTable } from '../../../../../electron/backend/versions/chunk-io.js';
import { clearChunkCache } from '../../../../../electron/backend/versions/cell-reader.js';
import { diffVersions } from '../../../../../electron/backend/versions/diff.js';
import { sampleTable, testProject, type TestProject } from './helpers.js';

let p: TestProject;
beforeEach(() => {
  p = testProject();
});
afterEach(() => p.close());

const store = (t: DataTable, roles: [string, 'target' | 'ignored'][] = []): VersionManifest => storeTable(p.db, t, { roles: new Map(roles) }).manifest;
const diff = (a: VersionManifest, b: VersionManifest, maxExamples = 10) => diffVersions(p.db, { datasetId: 'd', a: { id: 'A', manifest: a }, b: { id: 'B', manifest: b }, maxExamples });

function withColumn(t: DataTable, j: number, column: DataTable['columns'][number]): DataTable {
  const columns = t.columns.slice();
  columns[j] = column;
  return { ...t, columns };
}

describe('diff of two versions', () => {
  it('finds changed cells by row id, reading only the chunks that differ', () => {
    const n = 3 * CHUNK_ROWS;
    const a = sampleTable(n);
    const x = Float64Array.from((a.columns[0] as NumberColumn).values);
    x[CHUNK_ROWS + 3] = 0.5;
    const codes = Int32Array.from((a.columns[2] as CodeColumn).codes);
    codes[2 * CHUNK_ROWS + 1] = -1;
    const b = withColumn(withColumn(a, 0, { ...(a.columns[0] as NumberColumn), values: x }), 2, { ...(a.columns[2] as CodeColumn), codes });
    const ma = store(a);
    const mb = store(b);
    const d = diff(ma, mb);
    expect(d.rows).toEqual({ added: 0, removed: 0, changed: 2, unchanged: n - 2 });
    expect(d.changedByColumn).toEqual([
      { column: 'x', rows: 1 },
      { column: 'c', rows: 1 },
    ]);
    expect(d.examples.changed).toEqual([
      { rowId: CHUNK_ROWS + 3, changes: [{ column: 'x', before: String(CHUNK_ROWS + 3), after: '0.5' }] },
      { rowId: 2 * CHUNK_ROWS + 1, changes: [{ column: 'c', before: ['red', 'green', 'blue'][(2 * CHUNK_ROWS + 1) % 3], after: null }] },
    ]);

    // Remove every data chunk the two versions share: counting changes must not need any of them.
    const onlyB = new Set(mb.columns.flatMap((c) => c.values.hashes).filter((h) => !ma.columns.some((c) => c.values.hashes.includes(h))));
    const differingInA = new Set([ma.columns[0].values.hashes[1], ma.columns[2].values.hashes[2]]);
    const del = p.db.prepare('DELETE FROM chunks WHERE hash = ?');
    let removed = 0;
    for (const h of new Set(ma.columns.flatMap((c) => c.values.hashes))) {
      if (!onlyB.has(h) && !differingInA.has(h)) removed += del.run(h).changes;
    }
    // 10 distinct chunks in A (the boolean column repeats one chunk three times), minus the two that differ.
    expect(removed).toBe(8);
    clearChunkCache();
    const counted = diff(ma, mb, 0);
    expect(counted.rows).toEqual(d.rows);
    expect(counted.changedByColumn).toEqual(d.changedByColumn);
    expect(d.partitionChanged).toBe(false);
  });

  it('matches rows by id when rows were removed and added', () => {
    const a = sampleTable(100);
    const kept = takeRows(a, Int32Array.from({ length: 90 }, (_, i) => i + 10));
    const extra = sampleTable(3);
    const b: DataTable = {
      nRows: 93,
      rowIds: Int32Array.from([...kept.rowIds, 500, 501, 502]),
      columns: kept.columns.map((c, j) => {
        const e = extra.columns[j];
        if ('values' in c) return { ...c, values: Float64Array.from([...c.values, ...(e as NumberColumn).values]) };
        return { ...c, codes: Int32Array.from([...c.codes, ...(e as CodeColumn).codes]) };
      }),
    };
    (b.columns[1] as NumberColumn).values[0] = 99; // row id 10
    const d = diff(store(a), store(b), 2);
    expect(d.rows).toEqual({ added: 3, removed: 10, changed: 1, unchanged: 89 });
    expect(d.examples.added).toEqual([
      { rowId: 500, cells: ['0', '0', 'red', 'no'] },
      { rowId: 501, cells: ['1', '1', 'green', 'yes'] },
    ]);
    expect(d.examples.removed.map((r) => r.rowId)).toEqual([0, 1]);
    expect(d.examples.changed).toEqual([{ rowId: 10, changes: [{ column: 'k', before: '3', after: '99' }] }]);
  });

  it('reports schema changes and compares codes by their text', () => {
    const a = sampleTable(30);
    const c = a.columns[2] as CodeColumn;
    // Same codes, levels swapped: red and green rows now read differently, blue rows do not.
    const swapped: CodeColumn = { ...c, levels: ['green', 'red', 'blue'] };
    const k = a.columns[1] as NumberColumn;
    const b = {
      ...a,
      columns: [{ ...k, type: 'numeric' as const }, swapped, a.columns[3], { type: 'numeric' as const, name: 'new', values: new Float64Array(30) }],
    };
    const d = diff(store(a, [['flag', 'target']]), store(b));
    expect(d.schema).toEqual({
      added: [{ name: 'new', type: 'numeric', role: 'feature' }],
      removed: [{ name: 'x', type: 'numeric', role: 'feature' }],
      retyped: [{ name: 'k', from: 'integer', to: 'numeric' }],
      roles: [{ name: 'flag', from: 'target', to: 'feature' }],
    });
    expect(d.changedByColumn).toEqual([{ column: 'c', rows: 20 }]);
    expect(d.rows.changed).toBe(20);
  });
});
