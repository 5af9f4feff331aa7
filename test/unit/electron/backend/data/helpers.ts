/** Builders of small crafted tables for the data engine's tests (not a test file). */
import { Rng } from '../../../../../electron/ml/core/rng.js';
import { createTable, type CodeColumn, type DataColumn, type DataTable, type NumberColumn } from '../../../../../electron/backend/data/table.js';

/** A number column. */
export function num(name: string, values: ArrayLike<number>, type: NumberColumn['type'] = 'numeric'): NumberColumn {
  return { type, name, values: Float64Array.from(values as ArrayLike<number>), ...(type === 'boolean' ? { labels: ['0', '1'] as const } : {}) };
}

/** A code column from texts (null = missing). */
export function cat(name: string, values: readonly (string | null)[], type: CodeColumn['type'] = 'categorical'): CodeColumn {
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let c = index.get(v);
    if (c === undefined) {
      c = levels.length;
      levels.push(v);
      index.set(v, c);
    }
    return c;
  });
  return { type, name, codes, levels };
}

/** A date-time column from ISO strings or epoch milliseconds. */
export function dt(name: string, values: readonly (string | number)[]): NumberColumn {
  return { type: 'datetime', name, values: Float64Array.from(values, (v) => (typeof v === 'number' ? v : Date.parse(v))) };
}

/** Import time used by the crafted datasets. */
export const IMPORTED_AT = '2024-06-30T00:00:00.000Z';
const DAY = 86400000;

/** Columns of the clean dataset, by name, for tests that alter one of them. */
export interface CleanParts {
  n: number;
  x1: number[];
  x2: number[];
  count: number[];
  color: string[];
  when: number[];
  signup: number[];
  flag: number[];
  y: string[];
  rng: Rng;
}

/** The pieces of a clean dataset: nothing in it should raise a finding. */
export function cleanParts(n = 600, seed = 1): CleanParts {
  const rng = new Rng(seed);
  const colors = ['red', 'green', 'blue'];
  const end = Date.parse(IMPORTED_AT);
  const p: CleanParts = { n, x1: [], x2: [], count: [], color: [], when: [], signup: [], flag: [], y: [], rng };
  for (let i = 0; i < n; i++) {
    const x1 = rng.normal();
    p.x1.push(x1);
    p.x2.push(5 + 2 * rng.normal());
    p.count.push(rng.int(10));
    p.color.push(colors[rng.int(3)]);
    const when = end - (1 + rng.int(90)) * DAY - rng.int(DAY);
    p.when.push(when);
    p.signup.push(when - (30 + rng.int(400)) * DAY);
    p.flag.push(rng.next() < 0.4 ? 1 : 0);
    p.y.push(0.7 * x1 + 0.7 * rng.normal() > 0 ? 'yes' : 'no');
  }
  return p;
}

/** A table from parts, with optional extra columns. */
export function tableFrom(p: CleanParts, extra: DataColumn[] = []): DataTable {
  return createTable([
    num('x1', p.x1),
    num('x2', p.x2),
    num('count', p.count, 'integer'),
    cat('color', p.color),
    dt('when', p.when),
    dt('signup', p.signup),
    num('flag', p.flag, 'boolean'),
    cat('y', p.y),
    ...extra,
  ]);
}

/** The clean dataset. */
export function cleanTable(n = 600, seed = 1): DataTable {
  return tableFrom(cleanParts(n, seed));
}
