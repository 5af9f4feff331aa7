import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_ROWS } from '../../../../../electron/backend/data/chunks.js';
import { storeTable } from '../../../../../electron/backend/versions/chunk-io.js';
import { chunkPartCounts } from '../../../../../electron/backend/versions/partition-info.js';
import { readRowsPage } from '../../../../../electron/backend/versions/rows-page.js';
import { sampleTable, testProject, type TestProject } from './helpers.js';

let p: TestProject;
beforeEach(() => {
  p = testProject();
});
afterEach(() => p.close());

const summary = { spec: { method: 'random' as const, fractions: { train: 0.8, validation: 0.1, test: 0.1 }, seed: 1 }, counts: { train: 0, validation: 0, test: 0 }, classBalance: null, groups: null, timeRanges: null };

describe('pages of rows', () => {
  it('reads a page of a whole version as display texts', () => {
    const { manifest } = storeTable(p.db, sampleTable(10));
    const page = readRowsPage(p.db, manifest, null, { offset: 8, limit: 5 });
    expect(page).toEqual({
      total: 10,
      rowIds: [8, 9],
      parts: null,
      rows: [
        ['8', '1', 'blue', 'no'],
        ['9', '2', 'red', 'yes'],
      ],
    });
  });

  it('pages through one part across chunk boundaries using the stored per-chunk counts', () => {
    const n = 2 * CHUNK_ROWS + 500;
    // Test rows: every 1000th row, so pages of the part cross chunk boundaries.
    const assignment = Uint8Array.from({ length: n }, (_, i) => (i % 1000 === 0 ? 2 : 0));
    const { manifest } = storeTable(p.db, sampleTable(n), { assignment });
    const info = { summary, chunkCounts: chunkPartCounts(assignment) };
    const expected: number[] = [];
    for (let i = 0; i < n; i++) if (assignment[i] === 2) expected.push(i);
    const page = readRowsPage(p.db, manifest, info, { offset: 64, limit: 5, part: 'test' });
    expect(page.total).toBe(expected.length);
    expect(page.rowIds).toEqual(expected.slice(64, 69));
    expect(page.rows.map((r) => r[0])).toEqual(expected.slice(64, 69).map(String));
    expect(page.parts).toEqual(['test', 'test', 'test', 'test', 'test']);
    const last = readRowsPage(p.db, manifest, info, { offset: expected.length - 1, limit: 10, part: 'test' });
    expect(last.rowIds).toEqual([expected[expected.length - 1]]);
    expect(readRowsPage(p.db, manifest, null, { offset: 0, limit: 10, part: 'test' })).toMatchObject({ total: 0, rows: [] });
  });
});
