import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyRemedy } from '../../../../../../electron/backend/data/remedies/recipe.js';
import { classCodes, createTable, getColumn, isNumberColumn, type DataTable } from '../../../../../../electron/backend/data/table.js';
import type { RemedyParams } from '../../../../../../shared/domain/dataset.js';
import { cat, num } from '../helpers.js';

const expected = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../../fixtures/data/imblearn-counts.json', import.meta.url)), 'utf8')) as Record<string, Record<string, number>>;

/** The dataset of imblearn_counts.py: classes a/b/c of 60/24/9 rows. */
function imblearnDataset(): DataTable {
  const x0: number[] = [];
  const x1: number[] = [];
  const c: string[] = [];
  const y: string[] = [];
  Object.entries({ a: 60, b: 24, c: 9 }).forEach(([label, size], k) => {
    for (let i = 0; i < size; i++) {
      x0.push((i % 7) + k * 10);
      x1.push((i * 3) % 11);
      c.push('abc'[i % 3]);
      y.push(label);
    }
  });
  return createTable([num('x0', x0), num('x1', x1), cat('c', c), cat('y', y)]);
}

function counts(table: DataTable, mask?: Uint8Array): Record<string, number> {
  const cc = classCodes(getColumn(table, 'y'));
  const out: Record<string, number> = {};
  for (let i = 0; i < table.nRows; i++) if (!mask || mask[i]) out[cc.classes[cc.codes[i]]] = (out[cc.classes[cc.codes[i]]] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort());
}

function numericOnly(t: DataTable): DataTable {
  return createTable(t.columns.filter((c) => c.name !== 'c'));
}

/** Every non-train row, in order, with its id and values. */
function heldOut(table: DataTable, mask: Uint8Array): string {
  const rows: string[] = [];
  for (let i = 0; i < table.nRows; i++) {
    if (mask[i]) continue;
    rows.push([table.rowIds[i], ...table.columns.map((c) => (isNumberColumn(c) ? c.values[i] : c.levels[c.codes[i]]))].join('|'));
  }
  return rows.join('\n');
}

describe('balancing remedies', () => {
  const cases: [RemedyParams['kind'], boolean][] = [
    ['smote', false],
    ['smote_nc', true],
    ['random_oversample', false],
    ['random_undersample', false],
    ['cluster_centroids', false],
  ];

  for (const [kind, withCategories] of cases) {
    it(`${kind} gives imbalanced-learn's class counts for sampling_strategy='auto'`, () => {
      const table = withCategories ? imblearnDataset() : numericOnly(imblearnDataset());

      const r = applyRemedy(table, { kind, target: 'y' }, { seed: 7 });

      expect(counts(table)).toEqual(expected.input);
      expect(counts(r.table)).toEqual(expected[kind]);
      expect(r.step.notes.after).toEqual(expected[kind]);
    });
  }

  for (const kind of ['smote', 'random_oversample', 'random_undersample', 'cluster_centroids'] as const) {
    it(`${kind} leaves validation and test rows untouched and counts only training rows`, () => {
      const table = numericOnly(imblearnDataset());
      const mask = Uint8Array.from({ length: table.nRows }, (_, i) => (i % 4 === 0 ? 0 : 1));

      const r = applyRemedy(table, { kind, target: 'y' }, { seed: 3, trainRowMask: mask });

      expect(heldOut(r.table, r.trainRowMask)).toBe(heldOut(table, mask));
      const trainCounts = Object.values(counts(r.table, r.trainRowMask));
      expect(new Set(trainCounts).size).toBe(1);
    });
  }

  it('random undersampling keeps real rows in their original order', () => {
    const table = numericOnly(imblearnDataset());

    const r = applyRemedy(table, { kind: 'random_undersample', target: 'y' }, { seed: 1 });

    const ids = Array.from(r.table.rowIds);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids.every((id) => id < table.nRows)).toBe(true);
  });

  it('cluster centroids (soft) writes centroids as new rows; hard keeps real rows', () => {
    const table = numericOnly(imblearnDataset());

    const soft = applyRemedy(table, { kind: 'cluster_centroids', target: 'y' }, { seed: 1 });
    const hard = applyRemedy(table, { kind: 'cluster_centroids', target: 'y', voting: 'hard' }, { seed: 1 });

    expect(Array.from(soft.table.rowIds).filter((id) => id >= table.nRows)).toHaveLength(18);
    expect(Array.from(hard.table.rowIds).every((id) => id < table.nRows)).toBe(true);
    const x0 = getColumn(soft.table, 'x0');
    expect(isNumberColumn(x0) && x0.values.every((v) => v >= 0 && v <= 26)).toBe(true);
  });

  it('same seed, same result; another seed, another draw', () => {
    const table = numericOnly(imblearnDataset());

    const a = applyRemedy(table, { kind: 'random_oversample', target: 'y' }, { seed: 5 });
    const b = applyRemedy(table, { kind: 'random_oversample', target: 'y' }, { seed: 5 });
    const c = applyRemedy(table, { kind: 'random_oversample', target: 'y' }, { seed: 6 });

    const x = (t: DataTable) => Array.from((getColumn(t, 'x1') as { values: Float64Array }).values);
    expect(x(a.table)).toEqual(x(b.table));
    expect(x(a.table)).not.toEqual(x(c.table));
  });

  it('refuses a target missing in training rows and a class too small for SMOTE', () => {
    const missing = createTable([num('x', [1, 2, 3, 4]), cat('y', ['a', 'a', null, 'b'])]);
    const tiny = createTable([num('x', [1, 2, 3, 4]), cat('y', ['a', 'a', 'a', 'b'])]);

    expect(() => applyRemedy(missing, { kind: 'random_oversample', target: 'y' }, { seed: 1 })).toThrow(/missing in row 3/);
    expect(() => applyRemedy(tiny, { kind: 'smote', target: 'y' }, { seed: 1 })).toThrow(/at least 2/);
  });
});
