/**
 * The import front door: picks the reader by format (option or file extension) and returns a
 * preview (nothing written) or a finished table. Designed to run inside a worker thread: the
 * result's typed arrays go back to the main thread without a copy, e.g.
 *
 *   const result = await importFile(path, options, { onProgress, signal });
 *   parentPort.postMessage(result, tableTransferList(result.table));
 *
 * `signal` may be an AbortSignal (the worker awaits between chunks, so a cancel message is
 * processed) or any object with an `aborted` getter (e.g. backed by a SharedArrayBuffer flag).
 */
import { extname } from 'node:path';
import { access } from 'node:fs/promises';
import type { ImportFormat, ImportOptions, ImportPreview } from '../../../shared/domain/dataset.js';
import { importCsv, previewCsv, type ImportHooks, type ImportResult } from './csv-import.js';
import { dataError } from './errors.js';
import { importXlsx, previewXlsx } from './xlsx-import.js';

export type { ImportHooks, ImportProgress, ImportResult } from './csv-import.js';

/** The format of a file: the option if given, else .xlsx by extension, else CSV/TSV. */
export function formatOf(path: string, options: ImportOptions): ImportFormat {
  if (options.format) return options.format;
  return extname(path).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv';
}

async function assertReadable(path: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw dataError('NOT_FOUND', 'fileNotFound', `The file "${path}" does not exist or cannot be read.`, { path }, 'path');
  }
}

/** The preview of a file (reads at most the first megabyte of a CSV). */
export async function previewFile(path: string, options: ImportOptions = {}): Promise<ImportPreview> {
  await assertReadable(path);
  return formatOf(path, options) === 'xlsx' ? previewXlsx(path, options) : previewCsv(path, options);
}

/** Reads a whole file into a table, with the user's choices from the preview applied. */
export async function importFile(path: string, options: ImportOptions = {}, hooks: ImportHooks = {}): Promise<ImportResult> {
  await assertReadable(path);
  return formatOf(path, options) === 'xlsx' ? importXlsx(path, options, hooks) : importCsv(path, options, hooks);
}
