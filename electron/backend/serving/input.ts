/**
 * Turns a prediction request's rows into the Frame the pipeline reads, checking every value
 * against the model's input schema on the way, so a bad request is refused with a message that
 * names the row and the column instead of failing inside the model.
 *
 * The conversions are those of the engine's `frameFromRows` (what `ModelPipeline.predictRows`
 * uses), so a valid request is predicted exactly as in-process: numbers as numbers, numeric
 * strings or booleans (0/1); categories and text as strings (numbers and booleans stringified);
 * dates as ISO strings or epoch milliseconds; null, absent-as-null or "" = missing. The server is
 * stricter on purpose where the engine would accept nonsense: non-finite numbers ("Infinity",
 * 1e999) and whitespace-only numbers are refused or treated as missing, never as 0.
 *
 * Layouts accepted (the protocol modules pick one):
 *  - records: `[{col: value, ...}, ...]`
 *  - split: `{columns: [...], data: [[...], ...]}`
 *  - columnar: `{col: [values...], ...}`
 *  - positional rows: `[[v1, v2, ...], ...]` in the input schema's column order.
 * Columns the model does not take are refused (naming them), as are missing ones.
 */
import type { Frame, FrameColumn, FrameSchemaEntry } from '../../ml/core/frame.js';
import { badInput, badRequest, RequestError, showValue } from './errors.js';

/** Reads one cell of column `j` (schema order) at row `i`. */
export type CellReader = (i: number) => unknown;

/** Refuses more than `max` rows with a 413 naming the limit. */
export function checkBatchSize(nRows: number, max: number): void {
  if (nRows > max) {
    throw new RequestError(413, 'REQUEST_LIMIT_EXCEEDED', `The request has ${nRows} rows; this server takes at most ${max} rows per request (maxBatchRows). Split it into smaller batches.`, 'maxBatchRows');
  }
}

/** Column names of a schema as a set, computed once per schema (served models keep theirs). */
const NAME_SETS = new WeakMap<readonly FrameSchemaEntry[], Set<string>>();
function namesOf(schema: readonly FrameSchemaEntry[]): Set<string> {
  let set = NAME_SETS.get(schema);
  if (!set) {
    set = new Set(schema.map((c) => c.name));
    NAME_SETS.set(schema, set);
  }
  return set;
}

function describeColumns(schema: readonly FrameSchemaEntry[]): string {
  const names = schema.map((c) => `"${c.name}"`);
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')} and ${names.length - 12} more`;
}

function unknownColumn(name: string, schema: readonly FrameSchemaEntry[]): RequestError {
  return badInput(`Unknown column "${name}": the model takes ${describeColumns(schema)}.`, name);
}

function missingColumn(name: string, row?: number): RequestError {
  return badInput(`Column "${name}" is missing${row === undefined ? '' : ` in row ${row}`} (send null for a missing value).`, name);
}

function where(row: number, name: string): string {
  return `Row ${row}, column "${name}"`;
}

/** Builds one frame column from `n` cells, converting as `frameFromRows` does. */
function buildColumn(entry: FrameSchemaEntry, n: number, at: CellReader): FrameColumn {
  const name = entry.name;
  switch (entry.kind) {
    case 'numeric': {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = at(i);
        if (typeof x === 'number') {
          if (!Number.isFinite(x)) throw badInput(`${where(i, name)}: ${x} is not a finite number.`, name);
          values[i] = x;
        } else values[i] = toNumber(x, i, name);
      }
      return { kind: 'numeric', name, values };
    }
    case 'datetime': {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = toDate(at(i), i, name);
      return { kind: 'datetime', name, values };
    }
    case 'categorical': {
      const codes = new Int32Array(n);
      const levels: string[] = [];
      const index = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const s = toText(at(i), i, name);
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
      const values: (string | null)[] = new Array(n);
      for (let i = 0; i < n; i++) values[i] = toText(at(i), i, name);
      return { kind: 'text', name, values };
    }
  }
}

function toNumber(x: unknown, i: number, name: string): number {
  if (x === null || x === undefined) return NaN;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'string') {
    const t = x.trim();
    if (t === '') return NaN;
    const v = Number(t);
    if (Number.isFinite(v)) return v;
    if (!Number.isNaN(v)) throw badInput(`${where(i, name)}: ${showValue(x)} is not a finite number.`, name);
  }
  throw badInput(`${where(i, name)}: expected a number, got ${showValue(x)}.`, name);
}

function toDate(x: unknown, i: number, name: string): number {
  if (x === null || x === undefined || x === '') return NaN;
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x === 'string') {
    const t = Date.parse(x);
    if (!Number.isNaN(t)) return t;
  }
  throw badInput(`${where(i, name)}: expected a date (ISO 8601 text or epoch milliseconds), got ${showValue(x)}.`, name);
}

function toText(x: unknown, i: number, name: string): string | null {
  if (x === null || x === undefined || x === '') return null;
  if (typeof x === 'string') return x;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw badInput(`${where(i, name)}: ${x} is not a finite number.`, name);
    return String(x);
  }
  if (typeof x === 'boolean') return String(x);
  throw badInput(`${where(i, name)}: expected text, got ${showValue(x)}.`, name);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Builds a frame of `n` rows from one cell reader per schema column (`reader(j)` for column j). */
export function frameOf(schema: readonly FrameSchemaEntry[], n: number, reader: (j: number) => CellReader): Frame {
  return { nRows: n, columns: schema.map((entry, j) => buildColumn(entry, n, reader(j))) };
}

/** `[{col: value}, ...]`. `what` names the request field for messages (e.g. "dataframe_records"). */
export function frameFromRecords(rows: unknown[], schema: readonly FrameSchemaEntry[], maxRows: number, what: string): Frame {
  checkBatchSize(rows.length, maxRows);
  const known = namesOf(schema);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!isPlainObject(r)) throw badRequest(`${what}[${i}] must be an object of column values, got ${showValue(r)}.`, what);
    for (const key in r) {
      if (!known.has(key) && Object.prototype.hasOwnProperty.call(r, key)) throw unknownColumn(key, schema);
    }
    for (const c of schema) {
      if (!Object.prototype.hasOwnProperty.call(r, c.name)) throw missingColumn(c.name, rows.length > 1 ? i : undefined);
    }
  }
  const recs = rows as Record<string, unknown>[];
  return frameOf(schema, rows.length, (j) => {
    const name = schema[j].name;
    return (i) => recs[i][name];
  });
}

/** `{columns: [...], data: [[...]]}` (pandas' "split" orientation). */
export function frameFromSplit(value: unknown, schema: readonly FrameSchemaEntry[], maxRows: number, what: string): Frame {
  if (!isPlainObject(value)) throw badRequest(`${what} must be an object with "columns" and "data".`, what);
  const { columns, data } = value;
  if (!Array.isArray(data)) throw badRequest(`${what}.data must be an array of rows.`, `${what}.data`);
  checkBatchSize(data.length, maxRows);
  if (columns === undefined) return frameFromPositional(data, schema, maxRows, `${what}.data`);
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) throw badRequest(`${what}.columns must be an array of column names.`, `${what}.columns`);
  const position = new Map<string, number>();
  const known = namesOf(schema);
  columns.forEach((c: string, k) => {
    if (!known.has(c)) throw unknownColumn(c, schema);
    if (position.has(c)) throw badInput(`Column "${c}" appears twice in ${what}.columns.`, c);
    position.set(c, k);
  });
  for (const c of schema) if (!position.has(c.name)) throw missingColumn(c.name);
  const width = columns.length;
  for (let i = 0; i < data.length; i++) {
    const row: unknown = data[i];
    if (!Array.isArray(row) || row.length !== width) {
      throw badRequest(`${what}.data[${i}] must be an array of ${width} values (one per column), got ${Array.isArray(row) ? `${row.length} values` : showValue(row)}.`, `${what}.data`);
    }
  }
  const rows = data as unknown[][];
  return frameOf(schema, rows.length, (j) => {
    const p = position.get(schema[j].name) as number;
    return (i) => rows[i][p];
  });
}

/** `[[v1, v2, ...], ...]` in the schema's column order. */
export function frameFromPositional(rows: unknown[], schema: readonly FrameSchemaEntry[], maxRows: number, what: string): Frame {
  checkBatchSize(rows.length, maxRows);
  const width = schema.length;
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row) || row.length !== width) {
      throw badRequest(
        `${what}[${i}] must hold ${width} values in the model's column order (${describeColumns(schema)}), got ${Array.isArray(row) ? `${row.length} values` : showValue(row)}.`,
        what,
      );
    }
  }
  const data = rows as unknown[][];
  return frameOf(schema, data.length, (j) => (i) => data[i][j]);
}

/** `{col: [values...]}` (or `{col: value}` for a single row). */
export function frameFromColumnar(value: Record<string, unknown>, schema: readonly FrameSchemaEntry[], maxRows: number, what: string): Frame {
  const known = namesOf(schema);
  for (const key of Object.keys(value)) if (!known.has(key)) throw unknownColumn(key, schema);
  for (const c of schema) if (!Object.prototype.hasOwnProperty.call(value, c.name)) throw missingColumn(c.name);
  const arrays = schema.map((c) => Array.isArray(value[c.name]));
  if (arrays.every((a) => !a)) {
    return frameOf(schema, 1, (j) => {
      const v = value[schema[j].name];
      return () => v;
    });
  }
  const firstScalar = schema.findIndex((_, j) => !arrays[j]);
  if (firstScalar >= 0) throw badInput(`${what}."${schema[firstScalar].name}" must be an array of values like the other columns.`, schema[firstScalar].name);
  const n = (value[schema[0].name] as unknown[]).length;
  checkBatchSize(n, maxRows);
  for (const c of schema) {
    const len = (value[c.name] as unknown[]).length;
    if (len !== n) throw badInput(`Column "${c.name}" has ${len} values but "${schema[0].name}" has ${n}; every column needs one value per row.`, c.name);
  }
  return frameOf(schema, n, (j) => {
    const col = value[schema[j].name] as unknown[];
    return (i) => col[i];
  });
}

/**
 * Rows of `list` in whichever row layout it uses: records (objects) or positional rows (arrays).
 * An empty list is a valid request for zero predictions.
 */
export function frameFromRowList(list: unknown[], schema: readonly FrameSchemaEntry[], maxRows: number, what: string): Frame {
  if (list.length === 0) return frameOf(schema, 0, () => () => null);
  if (Array.isArray(list[0])) return frameFromPositional(list, schema, maxRows, what);
  if (isPlainObject(list[0])) return frameFromRecords(list, schema, maxRows, what);
  // A flat list of scalars: one row for a one-column model, else ambiguous.
  if (schema.length === 1) return frameFromPositional(list.map((v) => [v]), schema, maxRows, what);
  throw badRequest(`${what} must be a list of rows (objects keyed by column, or arrays in the model's column order).`, what);
}

/** The frame's values by column, for the prediction log (NaN and missing as null). */
export function frameToColumns(frame: Frame): Record<string, (number | string | null)[]> {
  const out: Record<string, (number | string | null)[]> = {};
  for (const c of frame.columns) {
    switch (c.kind) {
      case 'numeric':
      case 'datetime':
        out[c.name] = Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
        break;
      case 'categorical':
        out[c.name] = Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]));
        break;
      case 'text':
        out[c.name] = [...c.values];
        break;
    }
  }
  return out;
}

/**
 * Rows [start, end) of a frame. By default typed columns are views sharing the frame's buffers;
 * with `copy` they are fresh arrays (what a message to another thread needs: posting a view would
 * copy its whole underlying buffer).
 */
export function sliceFrame(frame: Frame, start: number, end: number, copy = false): Frame {
  const columns = frame.columns.map((c): FrameColumn => {
    switch (c.kind) {
      case 'numeric':
      case 'datetime':
        return { ...c, values: copy ? c.values.slice(start, end) : c.values.subarray(start, end) };
      case 'categorical':
        return { ...c, codes: copy ? c.codes.slice(start, end) : c.codes.subarray(start, end) };
      case 'text':
        return { ...c, values: c.values.slice(start, end) };
    }
  });
  return { nRows: end - start, columns };
}

/** Columns holding at least one missing value, with the first row where each does. */
export function missingCells(frame: Frame): { name: string; row: number }[] {
  const out: { name: string; row: number }[] = [];
  for (const c of frame.columns) {
    let row = -1;
    if (c.kind === 'numeric' || c.kind === 'datetime') row = c.values.findIndex((v) => Number.isNaN(v));
    else if (c.kind === 'categorical') row = c.codes.findIndex((k) => k < 0);
    else row = c.values.findIndex((v) => v === null);
    if (row >= 0) out.push({ name: c.name, row });
  }
  return out;
}
