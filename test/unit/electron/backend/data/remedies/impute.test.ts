import { describe, expect, it } from 'vitest';
import { applyRemedy } from '../../../../../../electron/backend/data/remedies/recipe.js';
import { cellText, createTable, getColumn, type NumberColumn } from '../../../../../../electron/backend/data/table.js';
import { cat, num } from '../helpers.js';

const values = (t: ReturnType<typeof createTable>, name: string): number[] => Array.from((getColumn(t, name) as NumberColumn).values);

describe('imputation', () => {
  // Rows 0-5 train, 6-7 held out (validation/test).
  const mask = Uint8Array.from([1, 1, 1, 1, 1, 1, 0, 0]);
  const table = createTable([
    num('a', [1, 2, NaN, 4, 10, NaN, 1000, NaN]),
    num('n', [1, 2, 2, NaN, 7, 3, 50, NaN], 'integer'),
    cat('c', ['x', null, 'y', 'y', 'x', 'x', 'z', null]),
  ]);

  it('mean and median are learned on training rows and fill training rows only', () => {
    const mean = applyRemedy(table, { kind: 'impute', columns: ['a'], strategy: 'mean' }, { seed: 0, trainRowMask: mask });
    const median = applyRemedy(table, { kind: 'impute', columns: ['a', 'n'], strategy: 'median' }, { seed: 0, trainRowMask: mask });

    expect(values(mean.table, 'a')).toEqual([1, 2, 4.25, 4, 10, 4.25, 1000, NaN]);
    expect(mean.step.fitted).toEqual({ fills: { a: 4.25 } });
    expect(values(median.table, 'a').slice(0, 6)).toEqual([1, 2, 3, 4, 10, 3]);
    expect(values(median.table, 'n')).toEqual([1, 2, 2, 2, 7, 3, 50, NaN]);
    expect(median.step.changedCells).toBe(3);
  });

  it('most frequent (smallest on ties) and constant work for categories too', () => {
    const frequent = applyRemedy(table, { kind: 'impute', columns: ['c'], strategy: 'most_frequent' }, { seed: 0, trainRowMask: mask });
    const constant = applyRemedy(table, { kind: 'impute', columns: ['c'], strategy: 'constant', fillValue: 'unknown' }, { seed: 0 });

    const c = getColumn(frequent.table, 'c');
    expect(cellText(c, 1)).toBe('x');
    expect(cellText(c, 7)).toBeNull();
    expect(cellText(getColumn(constant.table, 'c'), 7)).toBe('unknown');
  });

  it('held-out values never influence what is learned', () => {
    const changed = createTable([num('a', [1, 2, NaN, 4, 10, NaN, -5e6, 7e9]), table.columns[1], table.columns[2]]);

    const a = applyRemedy(table, { kind: 'impute', columns: ['a'], strategy: 'mean' }, { seed: 0, trainRowMask: mask });
    const b = applyRemedy(changed, { kind: 'impute', columns: ['a'], strategy: 'mean' }, { seed: 0, trainRowMask: mask });

    expect(b.step.fitted).toEqual(a.step.fitted);
  });

  it('k-nearest-neighbour imputation averages the nearest training donors', () => {
    const knnTable = createTable([
      num('x', [0, 0.1, 5, 5.1, 0.05, 5.05, 0.02]),
      num('y', [10, 12, 50, 52, NaN, NaN, NaN]),
    ]);
    const knnMask = Uint8Array.from([1, 1, 1, 1, 1, 1, 0]);

    const r = applyRemedy(knnTable, { kind: 'impute', columns: ['x', 'y'], strategy: 'knn', kNeighbors: 2 }, { seed: 0, trainRowMask: knnMask });

    expect(values(r.table, 'y')).toEqual([10, 12, 50, 52, 11, 51, NaN]);
  });

  it('rejects mean for categories and knn with a single column', () => {
    expect(() => applyRemedy(table, { kind: 'impute', columns: ['c'], strategy: 'mean' }, { seed: 0 })).toThrow(/most_frequent or constant/);
    expect(() => applyRemedy(table, { kind: 'impute', columns: ['a'], strategy: 'knn' }, { seed: 0 })).toThrow(/at least two/);
  });
});
