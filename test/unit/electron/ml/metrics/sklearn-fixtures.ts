/**
 * Reads the scikit-learn parity fixtures (test/fixtures/sklearn-metrics, written by its
 * generate.py) and compares numbers with a stated tolerance. Non-finite values are stored as
 * the strings "NaN", "Infinity", "-Infinity".
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { fromColumns, fromRows, type Matrix } from '../../../../../electron/ml/core/matrix.js';

const DIR = fileURLToPath(new URL('../../../../fixtures/sklearn-metrics/', import.meta.url));

function decode(v: unknown): unknown {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  return v;
}

/** The `cases` of a fixture file, with non-finite numbers decoded. */
export function loadFixture<T = any>(name: string): T {
  const raw = JSON.parse(readFileSync(DIR + name, 'utf8')) as { cases: unknown };
  return decode(raw.cases) as T;
}

/** |a - e| <= tol * max(1, |e|), with NaN equal to NaN and infinities equal to themselves. */
export function expectClose(actual: number, expected: number, tol = 1e-9, what = ''): void {
  if (Number.isNaN(expected)) {
    expect(actual, `${what}: expected NaN`).toBeNaN();
    return;
  }
  if (!Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  const err = Math.abs(actual - expected);
  const bound = tol * Math.max(1, Math.abs(expected));
  if (!(err <= bound)) expect.fail(`${what}: got ${actual}, expected ${expected} (|diff| ${err} > ${bound})`);
}

/** Element-wise {@link expectClose}, lengths equal. */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-9, what = ''): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], tol, `${what}[${i}]`);
}

/** A row-major nested array as a column-major Matrix. */
export function matrixFromRows(rows: number[][]): Matrix {
  return fromRows(rows);
}

/** Feature-major nested array (one array per feature) as a Matrix. */
export function matrixFromColumns(cols: number[][]): Matrix {
  return fromColumns(cols);
}

/** Optional weights from a fixture (null = none). */
export function weightsOf(w: number[] | null): Float64Array | undefined {
  return w === null ? undefined : Float64Array.from(w);
}
