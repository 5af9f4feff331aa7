/**
 * The data engine's in-memory table: typed columns plus a stable id per row.
 *
 * - `numeric`, `integer`, `boolean`, `datetime` columns hold a Float64Array (NaN = missing;
 *   booleans 0/1; date-times epoch milliseconds UTC).
 * - `categorical`, `text`, `identifier` columns hold dictionary codes (Int32Array, -1 = missing)
 *   into `levels`.
 *
 * A table is a plain object of typed arrays and string arrays, so it crosses `postMessage` by
 * structured clone, and its buffers can be transferred without copying (`tableTransferList`).
 * Row ids survive every remedy (rows kept keep their id; synthetic rows get fresh ids), which is
 * what lets a label fix, a diff or a partition refer to "the same row" across versions.
 */
import { AppError } from '../../../shared/errors.js';
import type { ColumnType } from '../../../shared/domain/dataset.js';
import type { Frame, FrameColumn } from '../../ml/core/frame.js';

/** Column types stored as Float64Array. */
export type NumberColumnType = 'numeric' | 'integer' | 'boolean' | 'datetime';
/** Column types stored as dictionary codes. */
export type CodeColumnType = 'categorical' | 'text' | 'identifier';

/** A column stored as numbers. */
export interface NumberColumn {
  readonly type: NumberColumnType;
  readonly name: string;
  readonly values: Float64Array;
  /** boolean only: how false and true were written in the source (e.g. ['no', 'yes']). */
  readonly labels?: readonly [string, string];
}

/** A column stored as dictionary codes. */
export interface CodeColumn {
  readonly type: CodeColumnType;
  readonly name: string;
  /** -1 = missing. */
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

/** One column of a table. */
export type DataColumn = NumberColumn | CodeColumn;

/** A table. */
export interface DataTable {
  readonly nRows: number;
  readonly columns: readonly DataColumn[];
  /** Stable row ids, one per row. */
  readonly rowIds: Int32Array;
}

/** True for the column types stored as numbers. */
export function isNumberType(type: ColumnType): type is NumberColumnType {
  return type === 'numeric' || type === 'integer' || type === 'boolean' || type === 'datetime';
}

/** True when the column is stored as numbers. */
export function isNumberColumn(c: DataColumn): c is NumberColumn {
  return isNumberType(c.type);
}

/** Number of entries of a column. */
export function columnLength(c: DataColumn): number {
  return isNumberColumn(c) ? c.values.length : c.codes.length;
}

/** Builds a table, checking lengths and name uniqueness; row ids default to 0..n-1. */
export function createTable(columns: DataColumn[], rowIds?: Int32Array): DataTable {
  const nRows = rowIds ? rowIds.length : columns.length > 0 ? columnLength(columns[0]) : 0;
  const seen = new Set<string>();
  for (const c of columns) {
    if (columnLength(c) !== nRows) {
      throw new AppError('INVALID_ARGUMENT', `Column "${c.name}" has ${columnLength(c)} rows, expected ${nRows}.`, {
        details: { field: c.name },
      });
    }
    if (seen.has(c.name)) {
      throw new AppError('INVALID_ARGUMENT', `Column "${c.name}" appears twice.`, { details: { field: c.name } });
    }
    seen.add(c.name);
  }
  return { nRows, columns, rowIds: rowIds ?? sequentialIds(nRows, 0) };
}

/** Ids start..start+n-1. */
export function sequentialIds(n: number, start: number): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = start + i;
  return ids;
}

/** The next unused row id of a table. */
export function nextRowId(table: DataTable): number {
  let max = -1;
  for (let i = 0; i < table.rowIds.length; i++) if (table.rowIds[i] > max) max = table.rowIds[i];
  return max + 1;
}

/** The column named `name`, or undefined. */
export function findColumn(table: DataTable, name: string): DataColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The column named `name`; throws INVALID_ARGUMENT naming it when absent. */
export function getColumn(table: DataTable, name: string): DataColumn {
  const c = findColumn(table, name);
  if (!c) {
    throw new AppError('INVALID_ARGUMENT', `Column "${name}" does not exist.`, {
      messageKey: 'errors.data.columnNotFound',
      params: { column: name },
      details: { field: name },
    });
  }
  return c;
}

/** True when cell `i` of `c` is missing. */
export function isMissingAt(c: DataColumn, i: number): boolean {
  return isNumberColumn(c) ? Number.isNaN(c.values[i]) : c.codes[i] < 0;
}

/** Number of missing cells of a column. */
export function missingCount(c: DataColumn): number {
  let m = 0;
  if (isNumberColumn(c)) {
    const v = c.values;
    for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) m++;
  } else {
    const codes = c.codes;
    for (let i = 0; i < codes.length; i++) if (codes[i] < 0) m++;
  }
  return m;
}

/** Cell `i` as the text a user would read (null when missing). Dates as ISO strings. */
export function cellText(c: DataColumn, i: number): string | null {
  if (isNumberColumn(c)) {
    const v = c.values[i];
    if (Number.isNaN(v)) return null;
    if (c.type === 'datetime') return new Date(v).toISOString();
    if (c.type === 'boolean') return c.labels ? c.labels[v === 0 ? 0 : 1] : v === 0 ? 'false' : 'true';
    return String(v);
  }
  const code = c.codes[i];
  return code < 0 ? null : c.levels[code];
}

/** The rows at `indices`, in that order (copies; row ids follow their rows). */
export function takeRows(table: DataTable, indices: ArrayLike<number>): DataTable {
  const n = indices.length;
  const columns = table.columns.map((c): DataColumn => {
    if (isNumberColumn(c)) {
      const v = new Float64Array(n);
      for (let k = 0; k < n; k++) v[k] = c.values[indices[k]];
      return { ...c, values: v };
    }
    const codes = new Int32Array(n);
    for (let k = 0; k < n; k++) codes[k] = c.codes[indices[k]];
    return { ...c, codes };
  });
  const rowIds = new Int32Array(n);
  for (let k = 0; k < n; k++) rowIds[k] = table.rowIds[indices[k]];
  return { nRows: n, columns, rowIds };
}

/** Rows whose mask entry is non-zero, in order. */
export function maskToIndices(mask: ArrayLike<number>, want = true): Int32Array {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if ((mask[i] !== 0) === want) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if ((mask[i] !== 0) === want) out[k++] = i;
  return out;
}

/** A copy of the table without the named columns. */
export function dropColumns(table: DataTable, names: readonly string[]): DataTable {
  const drop = new Set(names);
  return { nRows: table.nRows, columns: table.columns.filter((c) => !drop.has(c.name)), rowIds: table.rowIds };
}

/** The table with column `name` replaced by `column` (same position). */
export function replaceColumn(table: DataTable, name: string, column: DataColumn): DataTable {
  const idx = table.columns.findIndex((c) => c.name === name);
  if (idx < 0) throw new AppError('INVALID_ARGUMENT', `Column "${name}" does not exist.`, { details: { field: name } });
  const columns = table.columns.slice();
  columns[idx] = column;
  return createTable(columns, table.rowIds);
}

/**
 * Appends rows to a table. `extra` has the same columns (same names, types and, for code
 * columns, codes into the same levels, which may have grown: the longer level list wins).
 */
export function appendRows(table: DataTable, extra: DataTable): DataTable {
  const n = table.nRows + extra.nRows;
  const columns = table.columns.map((c, j): DataColumn => {
    const e = extra.columns[j];
    if (!e || e.name !== c.name || e.type !== c.type) {
      throw new AppError('INTERNAL', `Appended rows do not match column "${c.name}".`);
    }
    if (isNumberColumn(c)) {
      const v = new Float64Array(n);
      v.set(c.values, 0);
      v.set((e as NumberColumn).values, table.nRows);
      return { ...c, values: v };
    }
    const ec = e as CodeColumn;
    const codes = new Int32Array(n);
    codes.set(c.codes, 0);
    codes.set(ec.codes, table.nRows);
    return { ...c, codes, levels: ec.levels.length > c.levels.length ? ec.levels : c.levels };
  });
  const rowIds = new Int32Array(n);
  rowIds.set(table.rowIds, 0);
  rowIds.set(extra.rowIds, table.nRows);
  return { nRows: n, columns, rowIds };
}

/**
 * Re-encodes a code column against `baseLevels`: levels already there keep their code, new ones
 * are appended. Versions of a dataset that share a dictionary share their code chunks.
 */
export function alignLevels(c: CodeColumn, baseLevels: readonly string[]): CodeColumn {
  const index = new Map<string, number>();
  baseLevels.forEach((l, i) => index.set(l, i));
  const levels = baseLevels.slice();
  const remap = new Int32Array(c.levels.length);
  c.levels.forEach((l, i) => {
    let code = index.get(l);
    if (code === undefined) {
      code = levels.length;
      levels.push(l);
      index.set(l, code);
    }
    remap[i] = code;
  });
  const codes = new Int32Array(c.codes.length);
  for (let i = 0; i < codes.length; i++) codes[i] = c.codes[i] < 0 ? -1 : remap[c.codes[i]];
  return { ...c, codes, levels };
}

/**
 * The buffers to pass as `transferList` when posting a table from a worker: the receiver gets
 * the typed arrays without a copy (the sender's become detached). Levels are cloned.
 */
export function tableTransferList(table: DataTable): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  const add = (a: Float64Array | Int32Array): void => {
    const buf = a.buffer;
    if (buf instanceof ArrayBuffer) seen.add(buf);
  };
  add(table.rowIds);
  for (const c of table.columns) add(isNumberColumn(c) ? c.values : c.codes);
  return [...seen];
}

/** Class labels and per-row class codes of a column used as a classification target. */
export interface ClassCodes {
  /** -1 = missing. */
  codes: Int32Array;
  classes: string[];
}

/**
 * The column as classes: code columns use their levels, booleans their labels, numbers their
 * distinct values (sorted) as text. Classes with no row are dropped.
 */
export function classCodes(c: DataColumn): ClassCodes {
  const n = columnLength(c);
  if (!isNumberColumn(c)) {
    const used = new Int32Array(c.levels.length).fill(-1);
    const classes: string[] = [];
    const codes = new Int32Array(n);
    // Classes in level order, keeping only levels that occur.
    const present = new Uint8Array(c.levels.length);
    for (let i = 0; i < n; i++) if (c.codes[i] >= 0) present[c.codes[i]] = 1;
    for (let l = 0; l < c.levels.length; l++) {
      if (present[l]) {
        used[l] = classes.length;
        classes.push(c.levels[l]);
      }
    }
    for (let i = 0; i < n; i++) codes[i] = c.codes[i] < 0 ? -1 : used[c.codes[i]];
    return { codes, classes };
  }
  const index = new Map<number, number>();
  const seen: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = c.values[i];
    if (v === v && !index.has(v)) {
      index.set(v, 0);
      seen.push(v);
    }
  }
  const distinct = seen.sort((a, b) => a - b);
  distinct.forEach((v, i) => index.set(v, i));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = c.values[i];
    codes[i] = v !== v ? -1 : (index.get(v) as number);
  }
  const classes = distinct.map((v) => {
    if (c.type === 'boolean') return c.labels ? c.labels[v === 0 ? 0 : 1] : v === 0 ? 'false' : 'true';
    if (c.type === 'datetime') return new Date(v).toISOString();
    return String(v);
  });
  return { codes, classes };
}

/**
 * Converts to the ML engine's Frame. numeric/integer/boolean -> numeric; datetime -> datetime;
 * categorical -> categorical; text and identifier -> text (an identifier is never a category).
 * `columns` selects and orders the columns (default: all).
 */
export function tableToFrame(table: DataTable, columns?: readonly string[]): Frame {
  const chosen = columns ? columns.map((n) => getColumn(table, n)) : table.columns;
  const out = chosen.map((c): FrameColumn => {
    if (isNumberColumn(c)) {
      return c.type === 'datetime'
        ? { kind: 'datetime', name: c.name, values: c.values }
        : { kind: 'numeric', name: c.name, values: c.values };
    }
    if (c.type === 'categorical') return { kind: 'categorical', name: c.name, codes: c.codes, levels: c.levels };
    const values: (string | null)[] = new Array(c.codes.length);
    for (let i = 0; i < c.codes.length; i++) values[i] = c.codes[i] < 0 ? null : c.levels[c.codes[i]];
    return { kind: 'text', name: c.name, values };
  });
  return { nRows: table.nRows, columns: out };
}
