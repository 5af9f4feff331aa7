import { describe, expect, it } from 'vitest';
import { correlationMatrix, inferTask, profileTable } from '../../../../../electron/backend/data/profile.js';
import { computeTableStats, sortDoubles } from '../../../../../electron/backend/data/stats.js';
import { createTable } from '../../../../../electron/backend/data/table.js';
import { TableProfileSchema } from '../../../../../shared/domain/dataset.js';
import { cat, dt, num } from './helpers.js';

describe('profile', () => {
  const table = createTable([
    num('a', [1, 2, 3, 4, NaN, 10]),
    num('b', [2, 4, 6, 8, 10, 20]),
    num('n', [1, 1, 2, 2, 3, 3], 'integer'),
    cat('c', ['x', 'y', 'x', null, 'x', 'z']),
    dt('d', ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06']),
    num('t', [0, 1, 0, 1, 0, 0], 'boolean'),
    cat('note', ['a long free text one', 'another long text here', null, 'x', 'y', 'z'], 'text'),
  ]);

  it('summarises numeric columns exactly (numpy linear quantiles) with a histogram', () => {
    const p = profileTable(table, { target: 't' });

    const a = p.columns[0];
    expect(a).toMatchObject({ name: 'a', count: 5, missing: 1, distinct: 5 });
    expect(a.stats).toMatchObject({ min: 1, max: 10, mean: 4, median: 3, q25: 2, q75: 4 });
    expect(a.stats?.std).toBeCloseTo(Math.sqrt(((1 - 4) ** 2 + (2 - 4) ** 2 + (3 - 4) ** 2 + 0 + 36) / 4), 12);
    expect(a.stats?.q05).toBeCloseTo(1.2, 12);
    expect(a.histogram?.counts.reduce((x, y) => x + y, 0)).toBe(5);
    expect(a.histogram?.edges.length).toBe((a.histogram?.counts.length ?? 0) + 1);
  });

  it('uses unit bins for small whole numbers, bars for categories and booleans, lengths for text', () => {
    const p = profileTable(table);

    const n = p.columns.find((c) => c.name === 'n');
    expect(n?.histogram).toEqual({ edges: [0.5, 1.5, 2.5, 3.5], counts: [2, 2, 2] });
    expect(p.columns.find((c) => c.name === 'c')?.bars).toEqual({ labels: ['x', 'y', 'z'], counts: [3, 1, 1], otherCount: 0 });
    expect(p.columns.find((c) => c.name === 't')?.bars).toEqual({ labels: ['0', '1'], counts: [4, 2], otherCount: 0 });
    expect(p.columns.find((c) => c.name === 'note')?.textLength).toEqual({ min: 1, max: 22, mean: (20 + 22 + 3) / 5 });
    expect(p.columns.find((c) => c.name === 'd')?.stats?.min).toBe(Date.parse('2024-01-01'));
  });

  it('computes the correlation matrix over pairwise complete rows', () => {
    const p = profileTable(table);

    const ia = p.correlation.columns.indexOf('a');
    const ib = p.correlation.columns.indexOf('b');
    expect(p.correlation.columns).toEqual(['a', 'b', 'n', 't']);
    expect(p.correlation.values[ia][ia]).toBeCloseTo(1, 12);
    expect(p.correlation.values[ib][ia]).toBeCloseTo(1, 12);
    expect(p.correlation.values[ib][p.correlation.columns.indexOf('n')]).toBeGreaterThan(0.8);
  });

  it('reports duplicates, the target balance or distribution, and is JSON-safe', () => {
    const dup = createTable([num('a', [1, 1, 2, NaN, NaN]), cat('b', ['u', 'u', 'v', null, null])]);

    const p = profileTable(dup);
    const cls = profileTable(table, { target: 't' });
    const reg = profileTable(table, { target: 'b' });

    expect(p.duplicateRows).toBe(2);
    expect(cls.target).toMatchObject({ task: 'classification', classes: [{ label: '0', count: 4 }, { label: '1', count: 2 }] });
    expect(reg.target?.task).toBe('regression');
    expect(reg.target?.stats?.max).toBe(20);
    expect(TableProfileSchema.parse(JSON.parse(JSON.stringify(cls)))).toEqual(cls);
  });

  it('shares statistics with the caller and infers the task from the target type', () => {
    const stats = computeTableStats(table);

    const p = profileTable(table, {}, {}, stats);

    expect(p.columns[1].stats?.mean).toBe(50 / 6);
    expect(inferTask(table.columns[2])).toBe('classification');
    expect(inferTask(table.columns[1])).toBe('regression');
    expect(inferTask(table.columns[3])).toBe('classification');
  });
});

describe('sortDoubles', () => {
  it('sorts like the built-in typed-array sort, negatives, zeros, infinities and duplicates included', () => {
    const n = 20000;
    const v = Float64Array.from({ length: n }, (_, i) => {
      const x = Math.sin(i * 12.9898) * 43758.5453;
      if (i % 97 === 0) return -Infinity;
      if (i % 89 === 0) return Infinity;
      if (i % 83 === 0) return 0;
      if (i % 79 === 0) return -1e-300;
      return i % 7 === 0 ? Math.round(x) : x - Math.floor(x) - 0.5;
    });

    const sorted = sortDoubles(v);

    expect(Array.from(sorted)).toEqual(Array.from(v.slice().sort()));
    expect(sorted).not.toBe(v);
  });
});

describe('correlationMatrix', () => {
  it('gives the same correlations through the one-pass block path and the pairwise path', () => {
    const n = 5000;
    const cols = [0, 1, 2, 3].map((k) =>
      num(`c${k}`, Array.from({ length: n }, (_, i) => Math.sin(i * (k + 1) * 0.37) * (k + 1) + (i % (k + 3)) + 1e6 * (k === 2 ? 1 : 0))),
    );
    const withGap = num('gap', Array.from({ length: n }, (_, i) => (i === 17 ? NaN : Math.cos(i * 0.11) + i * 1e-4)));

    const fast = correlationMatrix(cols);
    const mixed = correlationMatrix([...cols, withGap]);

    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        const x = cols[a].values;
        const y = cols[b].values;
        const mx = x.reduce((s, v) => s + v, 0) / n;
        const my = y.reduce((s, v) => s + v, 0) / n;
        let sxy = 0;
        let sxx = 0;
        let syy = 0;
        for (let i = 0; i < n; i++) {
          sxy += (x[i] - mx) * (y[i] - my);
          sxx += (x[i] - mx) ** 2;
          syy += (y[i] - my) ** 2;
        }
        expect(fast.values[a][b]).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 10);
        expect(mixed.values[a][b]).toBeCloseTo(fast.values[a][b] as number, 12);
      }
    }
    expect(mixed.values[4][4]).toBeCloseTo(1, 12);
    expect(mixed.values[0][4]).not.toBeNull();
  });
});
