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

// ISO date-times from the backend ("2024-02-06T00:00:00.000Z"): a date alone when the time is midnight UTC.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

function dateCell(text: string, tr: DataTranslator): ReactNode {
  const ms = Date.parse(text);
  if (!ISO.test(text) || !Number.isFinite(ms)) return text;
  const isMidnight = ms % 86_400_000 === 0;
  const shown = new Intl.DateTimeFormat(tr.locale, isMidnight ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(ms);
  return <span title={text}>{shown}</span>;
}

/** One cell of a column of the given type. */
export function valueCell(text: string | null | undefined, type: ColumnType | undefined, tr: DataTranslator): ReactNode {
  if (text !== null && text !== undefined && type === 'datetime') return dateCell(text, tr);
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
