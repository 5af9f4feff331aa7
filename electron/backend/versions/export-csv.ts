/**
 * Writes a table as CSV (RFC 4180: comma, double quotes, CRLF line ends, UTF-8 without BOM).
 * Numbers are written in JavaScript's shortest round-trip form with a dot, date-times as ISO
 * 8601 UTC, booleans as they were written in the source; a missing cell is empty. With a
 * partition, a last column `partition` holds train / validation / test.
 *
 * The file appears all at once: rows go to a temporary file beside the target, which is renamed
 * over it only when complete, so a cancelled or failed export leaves no half-written file.
 */
import { closeSync, existsSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { PART_NAMES } from '../../../shared/domain/dataset.js';
import { dataError, throwIfCancelled, type AbortFlag } from '../data/errors.js';
import { cellText, type DataTable } from '../data/table.js';

/** Quotes a field when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(text: string): string {
  if (/[",\r\n]/.test(text) || /^\s|\s$/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** Name of the partition column: `partition`, or `partition_2`, `partition_3`... if the table has one. */
export function partitionColumnName(table: DataTable): string {
  const names = new Set(table.columns.map((c) => c.name));
  if (!names.has('partition')) return 'partition';
  let k = 2;
  while (names.has(`partition_${k}`)) k++;
  return `partition_${k}`;
}

/** Options of {@link writeCsv}. */
export interface CsvExportOptions {
  assignment?: Uint8Array | null;
  overwrite?: boolean;
  signal?: AbortFlag;
  onProgress?: (fraction: number) => void;
}

/** Writes `table` to `path`; returns the bytes written. */
export function writeCsv(table: DataTable, path: string, options: CsvExportOptions = {}): { bytes: number; rows: number } {
  if (!options.overwrite && existsSync(path)) {
    throw dataError('CONFLICT', 'exportExists', `The file ${path} already exists; choose another name or allow replacing it.`, { path }, 'path');
  }
  const tmp = `${path}.${process.pid}.part`;
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (err) {
    throw dataError('INVALID_ARGUMENT', 'exportNotWritable', `Cannot write ${path}: ${(err as Error).message}`, { path }, 'path');
  }
  let bytes = 0;
  let buffer: string[] = [];
  let pending = 0;
  const flush = (): void => {
    const b = Buffer.from(buffer.join(''), 'utf8');
    writeSync(fd, b);
    bytes += b.byteLength;
    buffer = [];
    pending = 0;
  };
  let ok = false;
  try {
    const header = table.columns.map((c) => csvField(c.name));
    if (options.assignment) header.push(partitionColumnName(table));
    buffer.push(`${header.join(',')}\r\n`);
    const cells: string[] = new Array(table.columns.length + (options.assignment ? 1 : 0));
    for (let i = 0; i < table.nRows; i++) {
      for (let j = 0; j < table.columns.length; j++) {
        const t = cellText(table.columns[j], i);
        cells[j] = t === null ? '' : csvField(t);
      }
      if (options.assignment) cells[table.columns.length] = PART_NAMES[options.assignment[i]];
      const line = `${cells.join(',')}\r\n`;
      buffer.push(line);
      pending += line.length;
      if (pending >= 1 << 20) {
        flush();
        throwIfCancelled(options.signal);
        options.onProgress?.(i / Math.max(1, table.nRows));
      }
    }
    flush();
    closeSync(fd);
    renameSync(tmp, path);
    ok = true;
  } finally {
    if (!ok) {
      try {
        closeSync(fd);
      } catch {
        // Already closed.
      }
      try {
        unlinkSync(tmp);
      } catch {
        // Never created or already gone.
      }
    }
  }
  return { bytes, rows: table.nRows };
}
