/**
 * What every remedy shares: the context (which rows are training rows), the result shape, and
 * helpers to pick feature columns, build matrices of training rows, and assemble the output
 * table (kept rows in their original order, synthetic rows appended with fresh row ids).
 *
 * The rule every learned remedy follows: statistics are fitted on training rows only, and
 * validation/test rows are never changed, removed or duplicated. Otherwise the evaluation would
 * measure the model on data shaped by what was learned from it (leakage).
 */
import type { JsonValue, RemedyParams } from '../../../../shared/domain/dataset.js';
import { createMatrix, type Matrix } from '../../../ml/core/matrix.js';
import { dataError } from '../errors.js';
import {
  classCodes,
  getColumn,
  isNumberColumn,
  nextRowId,
  sequentialIds,
  takeRows,
  appendRows,
  type ClassCodes,
  type DataColumn,
  type DataTable,
  type NumberColumn,
} from '../table.js';

/** Which rows are training rows (1) and which are validation/test (0); absent = all training. */
export interface RemedyContext {
  trainRowMask?: Uint8Array;
}

/** What a remedy returns (the recipe layer adds seed and counts). */
export interface RemedyResult {
  table: DataTable;
  /** Aligned with the output table's rows. */
  trainRowMask: Uint8Array;
  fitted: Record<string, JsonValue>;
  notes: Record<string, JsonValue>;
  added: number;
  removed: number;
  changedCells: number;
}

/** The training mask of a table (all ones when none is given), checked against its length. */
export function trainMaskOf(table: DataTable, ctx: RemedyContext): Uint8Array {
  if (!ctx.trainRowMask) return new Uint8Array(table.nRows).fill(1);
  if (ctx.trainRowMask.length !== table.nRows) {
    throw dataError('INVALID_ARGUMENT', 'maskLength', `The partition has ${ctx.trainRowMask.length} rows, the table ${table.nRows}.`, {}, 'trainRowMask');
  }
  return ctx.trainRowMask;
}

/** Parameters of one remedy kind. */
export type ParamsOf<K extends RemedyParams['kind']> = Extract<RemedyParams, { kind: K }>;

/** Feature columns of a balancing remedy: every column but the target, identifiers and free text. */
export function featureColumns(table: DataTable, target: string): DataColumn[] {
  return table.columns.filter((c) => c.name !== target && c.type !== 'identifier' && c.type !== 'text');
}

/** The target as classes, with a clear error when it is missing in training rows. */
export function targetClasses(table: DataTable, target: string, mask: Uint8Array): ClassCodes {
  const col = getColumn(table, target);
  const cc = classCodes(col);
  for (let i = 0; i < table.nRows; i++) {
    if (mask[i] && cc.codes[i] < 0) {
      throw dataError('INVALID_ARGUMENT', 'targetMissing', `The target "${target}" is missing in row ${i + 1}; fix or remove those rows first.`, { column: target, row: i + 1 }, 'target');
    }
  }
  return cc;
}

/** Training rows of each class. */
export function rowsByClass(cc: ClassCodes, mask: Uint8Array): Int32Array[] {
  const lists: number[][] = cc.classes.map(() => []);
  for (let i = 0; i < cc.codes.length; i++) if (mask[i] && cc.codes[i] >= 0) lists[cc.codes[i]].push(i);
  return lists.map((l) => Int32Array.from(l));
}

/** Column-major matrix of `columns` at `rows`; NaN raises a clear error asking for imputation. */
export function numberMatrix(columns: readonly NumberColumn[], rows: ArrayLike<number>, remedy: string): Matrix {
  const n = rows.length;
  const m = createMatrix(n, columns.length);
  columns.forEach((c, j) => {
    const off = j * n;
    for (let k = 0; k < n; k++) {
      const v = c.values[rows[k]];
      if (v !== v) {
        throw dataError(
          'INVALID_ARGUMENT',
          'missingInFeatures',
          `Column "${c.name}" has missing values (row ${rows[k] + 1}); impute them before ${remedy}.`,
          { column: c.name, row: rows[k] + 1, remedy },
          c.name,
        );
      }
      m.data[off + k] = v;
    }
  });
  return m;
}

/** Number columns among `columns`. */
export function numberColumns(columns: readonly DataColumn[]): NumberColumn[] {
  return columns.filter(isNumberColumn);
}

/** Counts of training rows per class label (for notes). */
export function classCountsOf(table: DataTable, target: string, mask: Uint8Array): Record<string, number> {
  const cc = classCodes(getColumn(table, target));
  const out: Record<string, number> = {};
  for (const c of cc.classes) out[c] = 0;
  for (let i = 0; i < table.nRows; i++) if (mask[i] && cc.codes[i] >= 0) out[cc.classes[cc.codes[i]]]++;
  return out;
}

/**
 * Builds synthetic rows: `make(j, column)` returns the values (number columns) or codes (code
 * columns) of the new rows for column j. Row ids continue after the table's largest.
 */
export function syntheticRows(
  table: DataTable,
  count: number,
  make: (column: DataColumn, j: number) => Float64Array | Int32Array,
): DataTable {
  const columns = table.columns.map((c, j): DataColumn => {
    const data = make(c, j);
    if (data.length !== count) throw new Error(`Synthetic column ${c.name} has ${data.length} rows, expected ${count}.`);
    return isNumberColumn(c) ? { ...c, values: data as Float64Array } : { ...c, codes: data as Int32Array };
  });
  return { nRows: count, columns, rowIds: sequentialIds(count, nextRowId(table)) };
}

/**
 * The output of a row-level remedy: rows `keep` (ascending) in order, then `extra` rows (marked
 * training). Returns the table and its training mask.
 */
export function assemble(table: DataTable, mask: Uint8Array, keep: Int32Array, extra: DataTable | null): { table: DataTable; trainRowMask: Uint8Array } {
  const kept = keep.length === table.nRows ? table : takeRows(table, keep);
  const out = extra && extra.nRows > 0 ? appendRows(kept, extra) : kept;
  const outMask = new Uint8Array(out.nRows);
  for (let k = 0; k < keep.length; k++) outMask[k] = mask[keep[k]];
  outMask.fill(1, keep.length);
  return { table: out, trainRowMask: outMask };
}

/** All row positions 0..n-1. */
export function allRows(n: number): Int32Array {
  return sequentialIds(n, 0);
}

/** The column a value was rounded for, when its type needs whole numbers. */
export function roundForType(c: NumberColumn, v: number): number {
  if (v !== v) return v;
  if (c.type === 'integer') return Math.round(v);
  if (c.type === 'boolean') return v >= 0.5 ? 1 : 0;
  if (c.type === 'datetime') return Math.round(v);
  return v;
}
