import { describe, expect, it } from 'vitest';
import { createTable } from '../../../../../electron/backend/data/table.js';
import { carryAssignment, chunkPartCounts, summarizeAssignment } from '../../../../../electron/backend/versions/partition-info.js';

describe('partition facts of a version', () => {
  it('keeps each surviving row in its part and sends new rows to training', () => {
    const parentIds = Int32Array.from([0, 1, 2, 3, 4]);
    const parts = Uint8Array.from([0, 1, 2, 0, 2]);
    // Row 1 removed, rows 7 and 8 synthetic.
    expect(Array.from(carryAssignment(parentIds, parts, Int32Array.from([0, 2, 3, 4, 7, 8])))).toEqual([0, 2, 0, 2, 0, 0]);
  });

  it('counts the parts of each chunk', () => {
    expect(chunkPartCounts(Uint8Array.from([0, 0, 1, 2, 2, 0, 1]), 3)).toEqual([
      [2, 1, 0],
      [1, 0, 2],
      [0, 1, 0],
    ]);
  });

  it('summarises counts, class balance, groups and time ranges of a derived table', () => {
    const table = createTable([
      { type: 'categorical', name: 'y', codes: Int32Array.from([0, 1, 0, 0, 1, 0]), levels: ['a', 'b'] },
      { type: 'categorical', name: 'g', codes: Int32Array.from([0, 0, 1, 1, 2, 2]), levels: ['p', 'q', 'r'] },
      { type: 'datetime', name: 't', values: Float64Array.from([0, 1, 2, 3, 4, 5].map((d) => Date.UTC(2024, 0, 1 + d))) },
    ]);
    const assignment = Uint8Array.from([0, 0, 0, 0, 2, 2]);
    const fractions = { train: 0.6, validation: 0.1, test: 0.3 };
    const grouped = summarizeAssignment(table, assignment, { method: 'grouped', column: 'g', target: 'y', fractions, seed: 1 });
    expect(grouped.counts).toEqual({ train: 4, validation: 0, test: 2 });
    expect(grouped.groups).toEqual({ train: 2, validation: 0, test: 1 });
    expect(grouped.classBalance?.test).toEqual([
      { label: 'a', count: 1, share: 0.5 },
      { label: 'b', count: 1, share: 0.5 },
    ]);
    const timed = summarizeAssignment(table, assignment, { method: 'time', column: 't', fractions, seed: 1 });
    expect(timed.timeRanges).toEqual({
      train: ['2024-01-01T00:00:00.000Z', '2024-01-04T00:00:00.000Z'],
      validation: null,
      test: ['2024-01-05T00:00:00.000Z', '2024-01-06T00:00:00.000Z'],
    });
    expect(timed.classBalance).toBeNull();
  });
});
