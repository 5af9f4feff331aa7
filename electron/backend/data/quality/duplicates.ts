/**
 * Duplicate rows: rows equal in every column to an earlier row. Identifier columns are left
 * out of the comparison (a record entered twice usually got two ids), and the finding names the
 * compared columns so the removal remedy compares the same ones.
 */
import type { Finding } from '../../../../shared/domain/dataset.js';
import { groupRows } from '../row-groups.js';
import type { DataColumn } from '../table.js';
import { makeFinding, type CheckContext } from './context.js';

/** Columns compared for duplicates: all but identifiers. */
export function duplicateColumns(columns: readonly DataColumn[]): DataColumn[] {
  return columns.filter((c) => c.type !== 'identifier');
}

/** `duplicate_rows`. */
export function detectDuplicates(ctx: CheckContext): Finding[] {
  const cols = duplicateColumns(ctx.table.columns);
  if (cols.length === 0) return [];
  const n = ctx.table.nRows;
  const groups = groupRows(cols, n, undefined, ctx.table);
  const extra = n - groups.nGroups;
  if (extra === 0) return [];
  const examples: number[] = [];
  for (let i = 0; i < n && examples.length < 10; i++) if (groups.firstRow[groups.groupOf[i]] !== i) examples.push(i);
  const firstOfExamples = examples.map((i) => groups.firstRow[groups.groupOf[i]]);
  return [
    makeFinding(
      ctx,
      'duplicate_rows',
      extra / n >= 0.01 ? 'warning' : 'info',
      cols.map((c) => c.name),
      extra,
      examples,
      { copiesOf: firstOfExamples, groups: groups.sizes.filter((s) => s > 1).length },
      ['remove_duplicates'],
    ),
  ];
}
