/**
 * Remedies that are edits rather than learned steps: removing duplicate rows (keeping the first
 * occurrence), dropping columns, and fixing labels by hand (row id -> correct label). They apply
 * to every row, whatever its part: a duplicate or a wrong label is wrong everywhere.
 */
import { dataError } from '../errors.js';
import { parseBooleanText } from '../infer.js';
import { parseNumberText } from '../number-format.js';
import { duplicateColumns } from '../quality/duplicates.js';
import { groupRows } from '../row-groups.js';
import { dropColumns, getColumn, isNumberColumn, replaceColumn, type DataColumn, type DataTable } from '../table.js';
import { assemble, trainMaskOf, type ParamsOf, type RemedyContext, type RemedyResult } from './common.js';

/** `remove_duplicates`: rows equal to an earlier row in the compared columns (default: all but identifiers). */
export function applyRemoveDuplicates(table: DataTable, params: ParamsOf<'remove_duplicates'>, ctx: RemedyContext): RemedyResult {
  const mask = trainMaskOf(table, ctx);
  const cols: DataColumn[] = params.columns ? params.columns.map((n) => getColumn(table, n)) : duplicateColumns(table.columns);
  const groups = groupRows(cols, table.nRows);
  const keep: number[] = [];
  for (let i = 0; i < table.nRows; i++) if (groups.firstRow[groups.groupOf[i]] === i) keep.push(i);
  const r = assemble(table, mask, Int32Array.from(keep), null);
  return {
    table: r.table,
    trainRowMask: r.trainRowMask,
    fitted: {},
    notes: { comparedColumns: cols.map((c) => c.name) },
    added: 0,
    removed: table.nRows - keep.length,
    changedCells: 0,
  };
}

/** `drop_columns`. With `isReplay`, columns absent from new data are skipped instead of refused. */
export function applyDropColumns(table: DataTable, params: ParamsOf<'drop_columns'>, ctx: RemedyContext, isReplay = false): RemedyResult {
  const mask = trainMaskOf(table, ctx);
  const present = params.columns.filter((n) => table.columns.some((c) => c.name === n));
  if (!isReplay) for (const n of params.columns) getColumn(table, n);
  return {
    table: dropColumns(table, present),
    trainRowMask: mask,
    fitted: {},
    notes: { dropped: present },
    added: 0,
    removed: 0,
    changedCells: 0,
  };
}

/** `fix_labels`: sets the target of the rows with the given ids. */
export function applyFixLabels(table: DataTable, params: ParamsOf<'fix_labels'>, ctx: RemedyContext, isReplay = false): RemedyResult {
  const mask = trainMaskOf(table, ctx);
  const col = getColumn(table, params.target);
  const position = new Map<number, number>();
  for (let i = 0; i < table.nRows; i++) position.set(table.rowIds[i], i);
  let changed = 0;
  const missingIds: number[] = [];
  let out: DataColumn;
  if (isNumberColumn(col)) {
    const values = col.values.slice();
    for (const ch of params.changes) {
      const i = position.get(ch.rowId);
      if (i === undefined) {
        missingIds.push(ch.rowId);
        continue;
      }
      let v: number;
      if (col.type === 'boolean') {
        v = col.labels && ch.label === col.labels[0] ? 0 : col.labels && ch.label === col.labels[1] ? 1 : parseBooleanText(ch.label);
      } else {
        v = parseNumberText(ch.label, '.', '');
      }
      if (v !== v) {
        throw dataError('INVALID_ARGUMENT', 'labelNotValid', `"${ch.label}" is not a valid value for "${params.target}".`, { label: ch.label, column: params.target }, 'changes');
      }
      if (values[i] !== v) changed++;
      values[i] = v;
    }
    out = { ...col, values };
  } else {
    const codes = col.codes.slice();
    const levels = col.levels.slice();
    for (const ch of params.changes) {
      const i = position.get(ch.rowId);
      if (i === undefined) {
        missingIds.push(ch.rowId);
        continue;
      }
      let code = levels.indexOf(ch.label);
      if (code < 0) {
        code = levels.length;
        levels.push(ch.label);
      }
      if (codes[i] !== code) changed++;
      codes[i] = code;
    }
    out = { ...col, codes, levels };
  }
  if (missingIds.length > 0 && !isReplay) {
    throw dataError('NOT_FOUND', 'rowNotFound', `No row has id ${missingIds[0]}.`, { rowId: missingIds[0] }, 'changes');
  }
  return {
    table: replaceColumn(table, params.target, out),
    trainRowMask: mask,
    fitted: {},
    notes: { notFound: missingIds },
    added: 0,
    removed: 0,
    changedCells: changed,
  };
}
