import { describe, expect, it } from 'vitest';
import { partitionTable, trainMaskOfAssignment } from '../../../../../electron/backend/data/partition.js';
import { createTable } from '../../../../../electron/backend/data/table.js';
import { PartitionSummarySchema, type PartitionSpec } from '../../../../../shared/domain/dataset.js';
import { cat, dt, num } from './helpers.js';

const fractions = { train: 0.6, validation: 0.2, test: 0.2 };
const n = 500;
const table = createTable([
  num('x', Array.from({ length: n }, (_, i) => i)),
  cat('y', Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 'rare' : i % 3 === 0 ? 'mid' : 'common'))),
  cat('patient', Array.from({ length: n }, (_, i) => `P${i % 37}`)),
  dt('t', Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + ((i * 7919) % n) * 3600000)),
]);

function split(spec: Partial<PartitionSpec>) {
  return partitionTable(table, { method: 'random', fractions, seed: 1, ...spec } as PartitionSpec);
}

describe('partitions', () => {
  it('random: requested sizes, fixed by the seed', () => {
    const a = split({});
    const b = split({});
    const c = split({ seed: 2 });

    expect(a.summary.counts).toEqual({ train: 300, validation: 100, test: 100 });
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
    expect(Array.from(a.assignment)).not.toEqual(Array.from(c.assignment));
    expect(PartitionSummarySchema.parse(a.summary)).toEqual(a.summary);
  });

  it('stratified: every part keeps the class shares', () => {
    const p = split({ method: 'stratified', column: 'y' });

    const balance = p.summary.classBalance;
    expect(p.summary.counts).toEqual({ train: 300, validation: 100, test: 100 });
    for (const part of ['train', 'validation', 'test'] as const) {
      const rare = balance?.[part].find((c) => c.label === 'rare');
      expect(rare?.share).toBeCloseTo(0.1, 2);
    }
  });

  it('grouped: no group on two sides, sizes near the shares', () => {
    const p = split({ method: 'grouped', column: 'patient' });

    const sideOf = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const g = `P${i % 37}`;
      const side = p.assignment[i];
      expect(sideOf.get(g) ?? side).toBe(side);
      sideOf.set(g, side);
    }
    expect(p.summary.groups).toMatchObject({ train: expect.any(Number) });
    expect(Math.abs(p.summary.counts.test - 100)).toBeLessThan(20);
    expect(Math.abs(p.summary.counts.train - 300)).toBeLessThan(30);
  });

  it('time: the newest rows are the test set', () => {
    const p = split({ method: 'time', column: 't', target: 'y' });

    const t = table.columns[3] as { values: Float64Array };
    let maxTrain = -Infinity;
    let minTest = Infinity;
    for (let i = 0; i < n; i++) {
      if (p.assignment[i] === 0) maxTrain = Math.max(maxTrain, t.values[i]);
      if (p.assignment[i] === 2) minTest = Math.min(minTest, t.values[i]);
    }
    expect(maxTrain).toBeLessThan(minTest);
    expect(p.summary.timeRanges?.test?.[1]).toBe(new Date(Date.UTC(2024, 0, 1) + 499 * 3600000).toISOString());
    expect(p.summary.classBalance?.test.length).toBe(3);
  });

  it('refuses a column-less stratified split, shares not adding up and times with gaps', () => {
    const gap = createTable([dt('t', ['2024-01-01', 'nope-not-a-date'].map((s) => (s.startsWith('nope') ? NaN : Date.parse(s))))]);

    expect(() => split({ method: 'stratified' })).toThrow(/needs a column/);
    expect(() => split({ fractions: { train: 0.5, validation: 0.2, test: 0.2 } })).toThrow(/add up to 1/);
    expect(() => partitionTable(gap, { method: 'time', column: 't', fractions, seed: 1 })).toThrow(/missing values/);
  });

  it('turns an assignment into the training mask remedies take', () => {
    expect(Array.from(trainMaskOfAssignment(Uint8Array.from([0, 1, 2, 0])))).toEqual([1, 0, 0, 1]);
  });
});
