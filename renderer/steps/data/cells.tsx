// Cells of data tables: numbers of numeric columns in the reader's style and at a readable
// precision (the exact value on hover), everything else as the backend wrote it, missing cells
// marked the same way everywhere.
import type { ReactNode } from 'react';
import type { ColumnType } from '../../../shared/domain/dataset.js';
import { textCell } from '../../components/DataTable.js';
import type { DataTranslator } from './texts.js';

/** True for the types shown right-aligned as numbers. */
export function isNumericType(type: ColumnType | undefined): boolean {
  return type === 'numeric' || type === 'integer';
}

/** One cell of a column of the given type. */
export function valueCell(text: string | null | undefined, type: ColumnType | undefined, tr: DataTranslator): ReactNode {
  if (text === null || text === undefined || !isNumericType(type)) return textCell(text);
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return text;
  const shown = type === 'integer' && Number.isInteger(value) ? tr.count(value) : tr.stat(value);
  return (
    <span className="cell-number" title={shown === text ? undefined : text}>
      {shown}
    </span>
  );
}
