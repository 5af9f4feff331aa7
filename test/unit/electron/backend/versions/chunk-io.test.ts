import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_ROWS } from '../../../../../electron/backend/data/chunks.js';
import { hashBytes } from '../../../../../electron/backend/data/chunks.js';
import type { CodeColumn, NumberColumn } from '../../../../../electron/backend/data/table.js';
import { sweepOrphanChunks } from '../../../../../electron/backend/storage/repos/chunks.js';
import {
  alignToBase,
  chunkLevels,
  loadAssignment,
  loadTable,
  storeTable,
  writeBlobs,
  WRITE_BATCH_BYTES,
} from '../../../../../electron/backend/versions/chunk-io.js';
import { sampleTable, storedChunkBytes, testProject, type TestProject } from './helpers.js';

let p: TestProject;
beforeEach(() => {
  p = testProject();
});
afterEach(() => p.close());

describe('storing tables as content-addressed chunks', () => {
  it('round-trips every column kind, the row ids, roles and the partition', () => {
    const table = sampleTable(1000);
    const assignment = Uint8Array.from({ length: 1000 }, (_, i) => i % 3);
    const { manifest } = storeTable(p.db, table, { roles: new Map([['flag', 'target']]), assignment });
    expect(manifest.columns.map((c) => [c.name, c.type, c.role])).toEqual([
      ['x', 'numeric', 'feature'],
      ['k', 'integer', 'feature'],
      ['c', 'categorical', 'feature'],
      ['flag', 'boolean', 'target'],
    ]);
    const back = loadTable(p.db, manifest);
    expect(back.nRows).toBe(1000);
    expect(Array.from(back.rowIds)).toEqual(Array.from(table.rowIds));
    expect(Array.from((back.columns[0] as NumberColumn).values)).toEqual(Array.from((table.columns[0] as NumberColumn).values));
    expect((back.columns[2] as CodeColumn).levels).toEqual(['red', 'green', 'blue']);
    expect(Array.from((back.columns[2] as CodeColumn).codes)).toEqual(Array.from((table.columns[2] as CodeColumn).codes));
    expect((back.columns[3] as NumberColumn).labels).toEqual(['no', 'yes']);
    expect(Array.from(loadAssignment(p.db, manifest) ?? [])).toEqual(Array.from(assignment));
    const some = loadTable(p.db, manifest, { columns: ['c', 'x'] });
    expect(some.columns.map((c) => c.name)).toEqual(['c', 'x']);
  });

  it('stores a table once however often it is stored, and a one-cell change as one chunk', () => {
    const n = 2 * CHUNK_ROWS + 1000;
    const table = sampleTable(n);
    const first = storeTable(p.db, table);
    expect(first.addedBytes).toBe(storedChunkBytes(p.db));
    expect(storeTable(p.db, table).addedBytes).toBe(0);

    const x = Float64Array.from((table.columns[0] as NumberColumn).values);
    x[CHUNK_ROWS + 5] = -1;
    const edited = { ...table, columns: [{ ...(table.columns[0] as NumberColumn), values: x }, ...table.columns.slice(1)] };
    const before = storedChunkBytes(p.db);
    const second = storeTable(p.db, edited);
    expect(second.addedBytes).toBe(CHUNK_ROWS * 8);
    expect(storedChunkBytes(p.db) - before).toBe(CHUNK_ROWS * 8);
    expect(second.manifest.columns[0].values.hashes.filter((h, k) => h !== first.manifest.columns[0].values.hashes[k])).toHaveLength(1);
  });

  it('re-encodes codes against the parent levels so unchanged code chunks keep their bytes', () => {
    const table = sampleTable(500);
    const parent = storeTable(p.db, table);
    const c = table.columns[2] as CodeColumn;
    // The same values, written with the levels in another order (as a re-import may find them).
    const reordered: CodeColumn = { ...c, levels: ['blue', 'red', 'green'], codes: Int32Array.from(c.codes, (code) => [1, 2, 0][code]) };
    const child = alignToBase({ ...table, columns: [table.columns[0], table.columns[1], reordered, table.columns[3]] }, new Map([['c', ['red', 'green', 'blue']]]));
    const stored = storeTable(p.db, child);
    expect(stored.manifest.columns[2].values.hashes).toEqual(parent.manifest.columns[2].values.hashes);
    expect(stored.addedBytes).toBe(0);
  });

  it('cuts levels so that appending levels keeps the earlier level chunks', () => {
    const levels = Array.from({ length: 300 }, (_, i) => `level-${i}-${'x'.repeat(20)}`);
    const a = chunkLevels(levels, 1024);
    const b = chunkLevels([...levels, 'new one'], 1024);
    expect(a.ref.hashes.length).toBeGreaterThan(5);
    expect(b.ref.hashes.slice(0, -1)).toEqual(a.ref.hashes.slice(0, -1));
    expect(a.ref.counts.reduce((s, x) => s + x, 0)).toBe(300);
    expect(JSON.parse(Buffer.from(a.blobs[0].bytes).toString('utf8'))).toEqual(levels.slice(0, a.ref.counts[0]));
  });

  it('stops between batches when cancelled; the sweep removes what was written', () => {
    const blob = (seed: number) => {
      const bytes = new Uint8Array(WRITE_BATCH_BYTES / 2 + 1).fill(seed);
      return { hash: hashBytes(bytes), bytes };
    };
    const blobs = [blob(1), blob(2), blob(3), blob(4), blob(5)];
    let flushes = 0;
    const signal = {
      get aborted() {
        return flushes >= 1;
      },
    };
    expect(() => writeBlobs(p.db, blobs, signal, () => flushes++)).toThrow(expect.objectContaining({ code: 'CANCELLED' }));
    const written = p.db.prepare('SELECT count(*) FROM chunks').pluck().get() as number;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(blobs.length);
    expect(sweepOrphanChunks(p.db).chunks).toBe(written);
    expect(p.db.prepare('SELECT count(*) FROM chunks').pluck().get()).toBe(0);
  });

  it('names a missing chunk as a damaged project', () => {
    const { manifest } = storeTable(p.db, sampleTable(10));
    p.db.prepare('DELETE FROM chunks WHERE hash = ?').run(manifest.columns[1].values.hashes[0]);
    expect(() => loadTable(p.db, manifest)).toThrow(expect.objectContaining({ code: 'PROJECT_CORRUPT', messageKey: 'errors.data.chunkMissing' }));
  });
});
