import { describe, expect, it } from 'vitest';
import { applyRemedy, replayRecipe, type StepResult } from '../../../../../../electron/backend/data/remedies/recipe.js';
import { cellText, createTable, getColumn, isNumberColumn, type DataTable, type NumberColumn } from '../../../../../../electron/backend/data/table.js';
import { RecipeSchema, type Recipe, type RemedyParams } from '../../../../../../shared/domain/dataset.js';
import { cleanParts, tableFrom, num, cat } from '../helpers.js';

function snapshot(t: DataTable): string {
  return JSON.stringify({
    ids: Array.from(t.rowIds),
    cols: t.columns.map((c) => [c.name, c.type, isNumberColumn(c) ? Array.from(c.values, (v) => (Number.isNaN(v) ? 'NaN' : v)) : Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]))]),
  });
}

function messy(): { table: DataTable; mask: Uint8Array } {
  const p = cleanParts(300, 9);
  for (let i = 0; i < 300; i += 13) p.x2[i] = NaN;
  p.x1[7] = 40;
  p.y = p.y.map((v, i) => (i % 6 === 0 ? 'yes' : 'no'));
  const table = tableFrom(p);
  const mask = Uint8Array.from({ length: table.nRows }, (_, i) => (i % 5 === 0 ? 0 : 1));
  return { table, mask };
}

describe('recipes', () => {
  it('replaying a recorded recipe on the same data gives the same table and partition', () => {
    const { table, mask } = messy();
    const steps: RemedyParams[] = [
      { kind: 'impute', columns: ['x2'], strategy: 'median' },
      { kind: 'clip_outliers', columns: ['x1'], method: 'iqr' },
      { kind: 'drop_columns', columns: ['signup'] },
      { kind: 'fix_labels', target: 'y', changes: [{ rowId: 3, label: 'yes' }] },
      { kind: 'smote_nc', target: 'y' },
      { kind: 'gaussian_jitter', target: 'y', amount: 0.2 },
      { kind: 'remove_duplicates' },
    ];
    let current: StepResult = { table, trainRowMask: mask, step: undefined as never };
    const recipe: Recipe = { formatVersion: 1, steps: [] };
    steps.forEach((params, k) => {
      current = applyRemedy(current.table, params, { seed: 100 + k, trainRowMask: current.trainRowMask });
      recipe.steps.push(current.step);
    });
    const stored = RecipeSchema.parse(JSON.parse(JSON.stringify(recipe)));

    const replayed = replayRecipe(table, stored, { trainRowMask: mask });

    expect(snapshot(replayed.table)).toBe(snapshot(current.table));
    expect(Array.from(replayed.trainRowMask)).toEqual(Array.from(current.trainRowMask));
    expect(replayed.steps.map((s) => s.rowsAfter)).toEqual(recipe.steps.map((s) => s.rowsAfter));
  });

  it('replay on new data applies the recorded statistics, not new ones', () => {
    const train = createTable([num('a', [1, 2, 3, NaN]), num('b', [0, 1, 100, 2])]);
    const fresh = createTable([num('a', [NaN, 50, 60, 70]), num('b', [500, -400, 1, 1])]);
    const recipe: Recipe = {
      formatVersion: 1,
      steps: [
        applyRemedy(train, { kind: 'impute', columns: ['a'], strategy: 'mean' }, { seed: 1 }).step,
        applyRemedy(train, { kind: 'clip_outliers', columns: ['b'], method: 'iqr', factor: 1 }, { seed: 1 }).step,
      ],
    };

    const r = replayRecipe(fresh, recipe);

    expect(Array.from((getColumn(r.table, 'a') as NumberColumn).values)).toEqual([2, 50, 60, 70]);
    const [lo, hi] = (recipe.steps[1].fitted.bounds as Record<string, [number, number]>).b;
    expect(Array.from((getColumn(r.table, 'b') as NumberColumn).values)).toEqual([hi, lo, 1, 1]);
  });

  it('rejects invalid parameters with the offending path', () => {
    const { table } = messy();

    expect(() => applyRemedy(table, { kind: 'impute', columns: [], strategy: 'mean' }, { seed: 1 })).toThrow(/columns/);
    expect(() => applyRemedy(table, { kind: 'teleport' }, { seed: 1 })).toThrow(/Invalid remedy parameters/);
  });

  it('outlier removal removes training rows only; clipping changes training rows only', () => {
    const table = createTable([num('v', [1, 2, 3, 2, 1, 3, 2, 500, 600]), cat('g', ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'])]);
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 0]);

    const removed = applyRemedy(table, { kind: 'remove_outliers', columns: ['v'], method: 'mad' }, { seed: 1, trainRowMask: mask });
    const clipped = applyRemedy(table, { kind: 'clip_outliers', columns: ['v'], method: 'iqr' }, { seed: 1, trainRowMask: mask });

    expect(Array.from(removed.table.rowIds)).toEqual([0, 1, 2, 3, 4, 5, 6, 8]);
    expect(Array.from(removed.trainRowMask)).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
    const v = (getColumn(clipped.table, 'v') as NumberColumn).values;
    expect(v[7]).toBeLessThan(500);
    expect(v[8]).toBe(600);
  });

  it('duplicate removal keeps first occurrences; dropping columns and fixing labels edit every row', () => {
    const table = createTable([num('a', [1, 1, 2, 1]), cat('y', ['p', 'p', 'q', 'p'])]);

    const dedup = applyRemedy(table, { kind: 'remove_duplicates' }, { seed: 1 });
    const dropped = applyRemedy(table, { kind: 'drop_columns', columns: ['a'] }, { seed: 1 });
    const fixed = applyRemedy(table, { kind: 'fix_labels', target: 'y', changes: [{ rowId: 2, label: 'p' }, { rowId: 3, label: 'new' }] }, { seed: 1, trainRowMask: Uint8Array.from([1, 1, 0, 0]) });

    expect(Array.from(dedup.table.rowIds)).toEqual([0, 2]);
    expect(dedup.step.removed).toBe(2);
    expect(dropped.table.columns.map((c) => c.name)).toEqual(['y']);
    expect([2, 3].map((i) => cellText(getColumn(fixed.table, 'y'), i))).toEqual(['p', 'new']);
    expect(fixed.step.changedCells).toBe(2);
    expect(() => applyRemedy(table, { kind: 'fix_labels', target: 'y', changes: [{ rowId: 99, label: 'p' }] }, { seed: 1 })).toThrow(/99/);
  });

  it('Gaussian jitter adds noisy copies of training rows only', () => {
    const table = createTable([num('v', [10, 20, 30, 40]), num('k', [1, 2, 3, 4], 'integer'), cat('y', ['a', 'b', 'a', 'b'])]);
    const mask = Uint8Array.from([1, 1, 1, 0]);

    const r = applyRemedy(table, { kind: 'gaussian_jitter', target: 'y', amount: 2, classes: ['a'], noiseScale: 0.01 }, { seed: 1, trainRowMask: mask });

    expect(r.table.nRows).toBe(8);
    const v = (getColumn(r.table, 'v') as NumberColumn).values;
    const k = (getColumn(r.table, 'k') as NumberColumn).values;
    for (let i = 4; i < 8; i++) {
      expect(Math.min(Math.abs(v[i] - 10), Math.abs(v[i] - 30))).toBeLessThan(2);
      expect(Number.isInteger(k[i])).toBe(true);
      expect(cellText(getColumn(r.table, 'y'), i)).toBe('a');
    }
    expect(Array.from(r.trainRowMask)).toEqual([1, 1, 1, 0, 1, 1, 1, 1]);
  });
});
