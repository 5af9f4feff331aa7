import { describe, expect, it } from 'vitest';
import { assembleColumn, chunkColumn, CHUNK_ROWS } from '../../../../../electron/backend/data/chunks.js';
import { groupRows } from '../../../../../electron/backend/data/row-groups.js';
import {
  alignLevels,
  appendRows,
  classCodes,
  createTable,
  tableToFrame,
  tableTransferList,
  takeRows,
  type CodeColumn,
  type NumberColumn,
} from '../../../../../electron/backend/data/table.js';
import { cat, dt, num } from './helpers.js';

describe('table', () => {
  const table = createTable([
    num('a', [1, NaN, 3]),
    num('b', [0, 1, 1], 'boolean'),
    dt('d', ['2024-01-01', '2024-01-02', '2024-01-03']),
    cat('c', ['x', null, 'y']),
    cat('t', ['hi there', 'bye', null], 'text'),
    cat('id', ['A', 'B', 'C'], 'identifier'),
  ]);

  it('converts to the engine Frame with the right kinds, sharing the typed arrays', () => {
    const frame = tableToFrame(table);

    expect(frame.columns.map((c) => c.kind)).toEqual(['numeric', 'numeric', 'datetime', 'categorical', 'text', 'text']);
    expect(frame.columns[0].kind === 'numeric' && frame.columns[0].values).toBe((table.columns[0] as NumberColumn).values);
    expect(frame.columns[4].kind === 'text' && frame.columns[4].values).toEqual(['hi there', 'bye', null]);
    expect(tableToFrame(table, ['c', 'a']).columns.map((c) => c.name)).toEqual(['c', 'a']);
  });

  it('lists every buffer for a zero-copy transfer to another thread', () => {
    const own = takeRows(table, [0, 1, 2]);
    const list = tableTransferList(own);

    expect(list).toHaveLength(7);
    const cloned = structuredClone(own, { transfer: list });
    expect(Array.from((cloned.columns[3] as CodeColumn).codes)).toEqual([0, -1, 1]);
    expect((own.columns[0] as NumberColumn).values.length).toBe(0);
  });

  it('takes and appends rows with their ids; rejects duplicate names and ragged columns', () => {
    const t = createTable([num('a', [1, 2, 3]), cat('c', ['x', 'y', 'x'])]);

    const taken = takeRows(t, [2, 0]);
    const both = appendRows(t, taken);

    expect(Array.from(taken.rowIds)).toEqual([2, 0]);
    expect(Array.from(both.rowIds)).toEqual([0, 1, 2, 2, 0]);
    expect(() => createTable([num('a', [1]), num('a', [2])])).toThrow(/twice/);
    expect(() => createTable([num('a', [1]), num('b', [2, 3])])).toThrow(/rows/);
  });

  it('re-encodes codes against a parent dictionary so shared rows keep their codes', () => {
    const c = cat('c', ['new', 'x', null, 'y']);

    const aligned = alignLevels(c, ['y', 'x']);

    expect(aligned.levels).toEqual(['y', 'x', 'new']);
    expect(Array.from(aligned.codes)).toEqual([2, 1, -1, 0]);
  });

  it('reads classes from codes, booleans and numbers', () => {
    expect(classCodes(table.columns[1]).classes).toEqual(['0', '1']);
    expect(classCodes(num('k', [3, 1, 3, NaN], 'integer'))).toEqual({ codes: Int32Array.from([1, 0, 1, -1]), classes: ['1', '3'] });
    expect(classCodes(cat('c', ['b', 'a', 'b'])).classes).toEqual(['b', 'a']);
  });
});

describe('row groups', () => {
  it('groups equal rows (missing equals missing), optionally within a grid step', () => {
    const cols = [num('a', [1, 1, NaN, NaN, 1.00001, 2]), cat('c', ['x', 'x', null, null, 'x', 'x'])];

    const exact = groupRows(cols, 6);
    const near = groupRows(cols, 6, [0.001, 0]);

    expect(Array.from(exact.groupOf)).toEqual([0, 0, 1, 1, 2, 3]);
    expect(Array.from(exact.sizes)).toEqual([2, 2, 1, 1]);
    expect(Array.from(near.groupOf)).toEqual([0, 0, 1, 1, 0, 2]);
  });

  it('never merges different rows, even on many rows', () => {
    const n = 50000;
    const a = num('a', Array.from({ length: n }, (_, i) => i % 1000));
    const b = num('b', Array.from({ length: n }, (_, i) => Math.floor(i / 1000)));

    const g = groupRows([a, b], n);

    expect(g.nGroups).toBe(n);
  });
});

describe('column chunks', () => {
  it('chunks a column by fixed row runs, addressed by content, and reassembles it', () => {
    const n = CHUNK_ROWS * 2 + 10;
    const values = Float64Array.from({ length: n }, (_, i) => i * 0.5);
    const changed = values.slice();
    changed[CHUNK_ROWS + 3] = -1;

    const a = chunkColumn({ type: 'numeric', name: 'v', values });
    const b = chunkColumn({ type: 'numeric', name: 'v', values: changed });
    const back = assembleColumn(a.manifest, a.chunks.map((c) => c.bytes));

    expect(a.chunks.map((c) => c.rowCount)).toEqual([CHUNK_ROWS, CHUNK_ROWS, 10]);
    expect(b.manifest.chunks.filter((h, i) => h !== a.manifest.chunks[i])).toHaveLength(1);
    expect((back as NumberColumn).values).toEqual(values);
  });

  it('keeps levels and boolean labels in the manifest', () => {
    const c = cat('c', ['x', null, 'y']);

    const { manifest, chunks } = chunkColumn(c);
    const back = assembleColumn(manifest, chunks.map((k) => k.bytes)) as CodeColumn;

    expect(manifest.levels).toEqual(['x', 'y']);
    expect(Array.from(back.codes)).toEqual([0, -1, 1]);
    expect(chunkColumn(num('b', [0, 1], 'boolean')).manifest.labels).toEqual(['0', '1']);
    expect(() => assembleColumn({ ...manifest, rows: 4 }, chunks.map((k) => k.bytes))).toThrow(/bytes/);
  });
});
