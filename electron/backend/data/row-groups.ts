/**
 * Groups rows that hold the same values in chosen columns: the basis of duplicate detection,
 * duplicate removal, label-conflict detection and grouped partitions.
 *
 * Each row gets a 32-bit hash of its values' bits, rows are inserted into an open-addressing
 * table keyed by the hash, and a hash match is confirmed by comparing the actual values, so
 * collisions never merge different rows.
 * O(rows x columns) time, no sorting, no string per row. Missing equals missing. An optional
 * grid per numeric column (value rounded to a multiple of the step) turns "identical" into
 * "identical within the step".
 */
import { isNumberColumn, type DataColumn, type DataTable } from './table.js';

/** Rows grouped by equal values. */
export interface RowGroups {
  /** Group id of each row (0-based, in order of first appearance). */
  groupOf: Int32Array;
  nGroups: number;
  /** First row of each group. */
  firstRow: Int32Array;
  /** Rows in each group. */
  sizes: Int32Array;
}

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);

/** The value used for hashing and comparing (quantised when a step is given; -0 -> 0). */
function keyValue(v: number, step: number): number {
  if (v !== v) return NaN;
  const q = step > 0 ? Math.round(v / step) : v;
  return q === 0 ? 0 : q;
}

const cache = new WeakMap<DataTable, Map<string, RowGroups>>();

/**
 * Groups the rows by their values in `columns`. `steps[j]` (numeric columns only) rounds values
 * to multiples of the step before comparing; 0 or absent means exact. When `table` is given the
 * result is cached on it (tables are immutable), so the profile and the quality check share it.
 */
export function groupRows(columns: readonly DataColumn[], nRows: number, steps?: readonly number[], table?: DataTable): RowGroups {
  const key = columns.map((c, j) => `${c.name}\u0000${steps?.[j] ?? 0}`).join('\u0001');
  const cached = table ? cache.get(table)?.get(key) : undefined;
  if (cached) return cached;
  const result = computeGroups(columns, nRows, steps);
  if (table) {
    let m = cache.get(table);
    if (!m) {
      m = new Map();
      cache.set(table, m);
    }
    m.set(key, result);
  }
  return result;
}

function computeGroups(columns: readonly DataColumn[], nRows: number, steps?: readonly number[]): RowGroups {
  // One 32-bit hash per row (a multiply-xorshift mix of each value's bits); equal hashes are
  // confirmed by comparing values, so collisions only cost a comparison.
  const h = new Int32Array(nRows).fill(0x2545f491);
  columns.forEach((c, j) => {
    if (isNumberColumn(c)) {
      const step = steps?.[j] ?? 0;
      const v = c.values;
      // The value's own bits (a view, no copy); zeros, NaNs and rounded values are normalised.
      const bits = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
      for (let i = 0; i < nRows; i++) {
        let lo = bits[2 * i];
        let hi = bits[2 * i + 1];
        const x = v[i];
        if (step > 0 || x === 0 || x !== x) {
          const k = keyValue(x, step);
          if (k !== k) {
            lo = 0;
            hi = 0x7ff80000;
          } else {
            f64[0] = k;
            lo = i32[0];
            hi = i32[1];
          }
        }
        let a = Math.imul(h[i] ^ lo, 0x9e3779b1);
        a = Math.imul(a ^ (a >>> 15) ^ hi, 0x85ebca77);
        h[i] = a ^ (a >>> 13);
      }
    } else {
      const codes = c.codes;
      for (let i = 0; i < nRows; i++) {
        const a = Math.imul(h[i] ^ (codes[i] + j), 0x9e3779b1);
        h[i] = a ^ (a >>> 16);
      }
    }
  });
  let size = 1;
  while (size < nRows * 2) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const groupOf = new Int32Array(nRows);
  const firstRowList = new Int32Array(nRows);
  const sizeList = new Int32Array(nRows);
  let nGroups = 0;
  for (let i = 0; i < nRows; i++) {
    const hi = h[i];
    let s = (Math.imul(hi, 0x27d4eb2f) >>> 0) & mask;
    for (;;) {
      const g = slots[s];
      if (g < 0) {
        slots[s] = nGroups;
        firstRowList[nGroups] = i;
        sizeList[nGroups] = 1;
        groupOf[i] = nGroups++;
        break;
      }
      const r = firstRowList[g];
      if (h[r] === hi && rowsEqual(columns, r, i, steps)) {
        groupOf[i] = g;
        sizeList[g]++;
        break;
      }
      s = (s + 1) & mask;
    }
  }
  return { groupOf, nGroups, firstRow: firstRowList.slice(0, nGroups), sizes: sizeList.slice(0, nGroups) };
}

function rowsEqual(columns: readonly DataColumn[], a: number, b: number, steps?: readonly number[]): boolean {
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j];
    if (isNumberColumn(c)) {
      const step = steps?.[j] ?? 0;
      const x = keyValue(c.values[a], step);
      const y = keyValue(c.values[b], step);
      if (x !== y && !(x !== x && y !== y)) return false;
    } else if (c.codes[a] !== c.codes[b]) {
      return false;
    }
  }
  return true;
}
