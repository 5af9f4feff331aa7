/**
 * A raw table as the pipeline sees it before preprocessing: named columns of four kinds.
 * Training reads a Frame built from a dataset version; serving builds one from the request's
 * rows with `frameFromRows`, so both go through exactly the same fitted pipeline.
 */
import { InvalidInputError } from './errors.js';

/** Numeric column (integers and booleans as 0/1 too). Missing = NaN. */
export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly values: Float64Array;
}

/** Categorical column, dictionary-encoded: `levels[codes[i]]`; missing = code -1. */
export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

/** Free-text column. Missing = null. */
export interface TextColumn {
  readonly kind: 'text';
  readonly name: string;
  readonly values: readonly (string | null)[];
}

/** Date/time column as epoch milliseconds (UTC). Missing = NaN. */
export interface DatetimeColumn {
  readonly kind: 'datetime';
  readonly name: string;
  readonly values: Float64Array;
}

/** One column of a frame. */
export type FrameColumn = NumericColumn | CategoricalColumn | TextColumn | DatetimeColumn;

/** The kind of a column. */
export type FrameColumnKind = FrameColumn['kind'];

/** A raw table. */
export interface Frame {
  readonly nRows: number;
  readonly columns: readonly FrameColumn[];
}

/** The declared input of a pipeline: the columns (and their kinds) it needs at prediction time. */
export interface FrameSchemaEntry {
  name: string;
  kind: FrameColumnKind;
}

/** Builds a frame, checking that every column has `nRows` entries. */
export function createFrame(columns: FrameColumn[]): Frame {
  const nRows = columns.length === 0 ? 0 : columnLength(columns[0]);
  for (const c of columns) {
    if (columnLength(c) !== nRows) {
      throw new InvalidInputError(`Column "${c.name}" has ${columnLength(c)} rows, expected ${nRows}.`, c.name);
    }
  }
  return { nRows, columns };
}

/** Number of entries of a column. */
export function columnLength(c: FrameColumn): number {
  return c.kind === 'categorical' ? c.codes.length : c.values.length;
}

/** The column named `name`; throws a clear error naming it when absent. */
export function getColumn(frame: Frame, name: string): FrameColumn {
  const c = frame.columns.find((col) => col.name === name);
  if (!c) throw new InvalidInputError(`Column "${name}" is missing.`, name);
  return c;
}

/** The rows at `indices` (copies). */
export function takeFrameRows(frame: Frame, indices: ArrayLike<number>): Frame {
  const n = indices.length;
  const cols = frame.columns.map((c): FrameColumn => {
    switch (c.kind) {
      case 'numeric':
      case 'datetime': {
        const v = new Float64Array(n);
        for (let k = 0; k < n; k++) v[k] = c.values[indices[k]];
        return { ...c, values: v };
      }
      case 'categorical': {
        const codes = new Int32Array(n);
        for (let k = 0; k < n; k++) codes[k] = c.codes[indices[k]];
        return { ...c, codes };
      }
      case 'text': {
        const v: (string | null)[] = new Array(n);
        for (let k = 0; k < n; k++) v[k] = c.values[indices[k]];
        return { ...c, values: v };
      }
    }
  });
  return { nRows: n, columns: cols };
}

/**
 * Builds a frame from row objects (as a client sends them) following `schema`.
 * Numbers may arrive as numbers or numeric strings; null/undefined/'' are missing; dates as ISO
 * strings or epoch milliseconds; categories as strings (numbers and booleans are stringified).
 * A value of the wrong type raises an error naming the row and column.
 */
export function frameFromRows(rows: readonly Record<string, unknown>[], schema: readonly FrameSchemaEntry[]): Frame {
  const n = rows.length;
  const columns: FrameColumn[] = schema.map((entry) => {
    const name = entry.name;
    switch (entry.kind) {
      case 'numeric': {
        const v = new Float64Array(n);
        for (let i = 0; i < n; i++) v[i] = toNumber(rows[i][name], i, name);
        return { kind: 'numeric', name, values: v };
      }
      case 'datetime': {
        const v = new Float64Array(n);
        for (let i = 0; i < n; i++) v[i] = toDate(rows[i][name], i, name);
        return { kind: 'datetime', name, values: v };
      }
      case 'categorical': {
        const codes = new Int32Array(n);
        const levels: string[] = [];
        const index = new Map<string, number>();
        for (let i = 0; i < n; i++) {
          const s = toCategory(rows[i][name], i, name);
          if (s === null) {
            codes[i] = -1;
            continue;
          }
          let code = index.get(s);
          if (code === undefined) {
            code = levels.length;
            levels.push(s);
            index.set(s, code);
          }
          codes[i] = code;
        }
        return { kind: 'categorical', name, codes, levels };
      }
      case 'text': {
        const v: (string | null)[] = new Array(n);
        for (let i = 0; i < n; i++) v[i] = toCategory(rows[i][name], i, name);
        return { kind: 'text', name, values: v };
      }
    }
  });
  return { nRows: n, columns };
}

function isMissing(x: unknown): boolean {
  return x === null || x === undefined || x === '';
}

function toNumber(x: unknown, i: number, name: string): number {
  if (isMissing(x)) return NaN;
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'string') {
    const v = Number(x.trim());
    if (!Number.isNaN(v)) return v;
  }
  throw new InvalidInputError(`Row ${i}, column "${name}": expected a number, got ${JSON.stringify(x)}.`, name);
}

function toDate(x: unknown, i: number, name: string): number {
  if (isMissing(x)) return NaN;
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x === 'string') {
    const t = Date.parse(x);
    if (!Number.isNaN(t)) return t;
  }
  throw new InvalidInputError(`Row ${i}, column "${name}": expected a date, got ${JSON.stringify(x)}.`, name);
}

function toCategory(x: unknown, i: number, name: string): string | null {
  if (isMissing(x)) return null;
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  throw new InvalidInputError(`Row ${i}, column "${name}": expected text, got ${JSON.stringify(x)}.`, name);
}
