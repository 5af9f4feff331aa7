import { describe, expect, it } from 'vitest';
import { applyRemedy } from '../../../../../../electron/backend/data/remedies/recipe.js';
import { Rng } from '../../../../../../electron/ml/core/rng.js';
import { createTable, getColumn, type CodeColumn, type DataTable, type NumberColumn } from '../../../../../../electron/backend/data/table.js';
import { cat, num } from '../helpers.js';

function dataset(seed: number, withCategory: boolean): DataTable {
  const rng = new Rng(seed);
  const a: number[] = [];
  const b: number[] = [];
  const c: string[] = [];
  const y: string[] = [];
  for (let i = 0; i < 120; i++) {
    const minority = i < 25;
    a.push((minority ? 3 : 0) + rng.normal());
    b.push((minority ? -2 : 1) + rng.normal());
    c.push(['red', 'green', 'blue'][rng.int(3)]);
    y.push(minority ? 'rare' : 'common');
  }
  const cols = [num('a', a), num('b', b), ...(withCategory ? [cat('c', c)] : []), cat('y', y)];
  return createTable(cols);
}

/** The 5 nearest same-class training rows of row i (brute force, ties by index). */
function neighbours(table: DataTable, rows: number[], i: number, k: number): number[] {
  const a = (getColumn(table, 'a') as NumberColumn).values;
  const b = (getColumn(table, 'b') as NumberColumn).values;
  return rows
    .filter((r) => r !== i)
    .map((r) => ({ r, d: (a[r] - a[i]) ** 2 + (b[r] - b[i]) ** 2 }))
    .sort((p, q) => p.d - q.d || p.r - q.r)
    .slice(0, k)
    .map((p) => p.r);
}

/** Whether point s lies on the segment from row x to row n: s = x + u (n - x), 0 <= u < 1. */
function onSegment(table: DataTable, s: number, x: number, n: number): boolean {
  const cols = ['a', 'b'].map((name) => (getColumn(table, name) as NumberColumn).values);
  let u: number | null = null;
  for (const v of cols) {
    const d = v[n] - v[x];
    const off = v[s] - v[x];
    if (Math.abs(d) < 1e-12) {
      if (Math.abs(off) > 1e-9) return false;
      continue;
    }
    const w = off / d;
    if (u === null) u = w;
    else if (Math.abs(u - w) > 1e-9) return false;
  }
  return u === null || (u >= -1e-12 && u < 1);
}

describe('SMOTE', () => {
  it('puts every synthetic row on a segment between a training row and one of its 5 nearest same-class training neighbours', () => {
    const table = dataset(11, false);
    const mask = Uint8Array.from({ length: table.nRows }, (_, i) => (i % 5 === 4 ? 0 : 1));
    const y = getColumn(table, 'y') as CodeColumn;
    const rare = Array.from({ length: table.nRows }, (_, i) => i).filter((i) => mask[i] && y.levels[y.codes[i]] === 'rare');
    const commonTrain = Array.from({ length: table.nRows }, (_, i) => i).filter((i) => mask[i] && y.levels[y.codes[i]] === 'common').length;

    const r = applyRemedy(table, { kind: 'smote', target: 'y' }, { seed: 2, trainRowMask: mask });

    // Synthetic rows are appended after the original ones; look them up by position.
    const out = r.table;
    const synth = Array.from({ length: out.nRows - table.nRows }, (_, k) => table.nRows + k);
    expect(synth.length).toBe(commonTrain - rare.length);
    expect(synth.length).toBe(56);
    const merged = createTable(out.columns.map((c) => c), out.rowIds);
    for (const s of synth) {
      const ok = rare.some((x) => neighbours(merged, rare, x, 5).some((n) => onSegment(merged, s, x, n)));
      expect(ok).toBe(true);
      expect(r.trainRowMask[s]).toBe(1);
    }
  });

  it('SMOTE-NC interpolates numbers and takes categories from the neighbours', () => {
    const table = dataset(12, true);

    const r = applyRemedy(table, { kind: 'smote_nc', target: 'y' }, { seed: 4 });

    const c = getColumn(r.table, 'c') as CodeColumn;
    const y = getColumn(r.table, 'y') as CodeColumn;
    for (let s = table.nRows; s < r.table.nRows; s++) {
      expect(['red', 'green', 'blue']).toContain(c.levels[c.codes[s]]);
      expect(y.levels[y.codes[s]]).toBe('rare');
    }
    expect(r.step.notes.categorical).toEqual(['c']);
    expect(Number(r.step.notes.medianStd)).toBeGreaterThan(0);
  });

  it('asks for SMOTE-NC when features hold categories, and for imputation when they hold gaps', () => {
    const withCategory = dataset(13, true);
    const gap = dataset(13, false);
    (getColumn(gap, 'a') as NumberColumn).values[3] = NaN;

    expect(() => applyRemedy(withCategory, { kind: 'smote', target: 'y' }, { seed: 1 })).toThrow(/SMOTE-NC/);
    expect(() => applyRemedy(gap, { kind: 'smote', target: 'y' }, { seed: 1 })).toThrow(/impute/);
  });

  it('rounds whole-number and boolean features so they keep their type', () => {
    const rng = new Rng(3);
    const rows = 40;
    const table = createTable([
      num('n', Array.from({ length: rows }, () => rng.int(100)), 'integer'),
      num('f', Array.from({ length: rows }, () => rng.int(2)), 'boolean'),
      cat('y', Array.from({ length: rows }, (_, i) => (i < 10 ? 'p' : 'q'))),
    ]);

    const r = applyRemedy(table, { kind: 'smote', target: 'y' }, { seed: 1 });

    const n = (getColumn(r.table, 'n') as NumberColumn).values;
    const f = (getColumn(r.table, 'f') as NumberColumn).values;
    expect(Array.from(n).every(Number.isInteger)).toBe(true);
    expect(Array.from(f).every((v) => v === 0 || v === 1)).toBe(true);
  });
});
