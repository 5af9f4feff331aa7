/**
 * Errors of the data engine. Every error a user can cause by feeding a bad file carries a stable
 * messageKey (`errors.data.*`, texts in shared/domain/dataset-texts.ts) and, where it is about one
 * place in the file, `details.line` (1-based physical line) and `details.column` (1-based field
 * position, or the column name).
 */
import { AppError, type ErrorCode } from '../../../shared/errors.js';

/** Where in a file a problem is. */
export interface FilePlace {
  line?: number;
  column?: number | string;
}

/** A PARSE_ERROR about the file's content. */
export function parseError(key: string, message: string, params: Record<string, string | number> = {}, place: FilePlace = {}): AppError {
  const details: Record<string, unknown> = {};
  if (place.line !== undefined) details.line = place.line;
  if (place.column !== undefined) details.column = place.column;
  return new AppError('PARSE_ERROR', message, { messageKey: `errors.data.${key}`, params, details });
}

/** An error about the request (a column that does not exist, a parameter out of range...). */
export function dataError(
  code: ErrorCode,
  key: string,
  message: string,
  params: Record<string, string | number> = {},
  field?: string,
): AppError {
  return new AppError(code, message, {
    messageKey: `errors.data.${key}`,
    params,
    details: field === undefined ? undefined : { field },
  });
}

/** The error a job raises when its abort flag is set between chunks. */
export function cancelledError(): AppError {
  return new AppError('CANCELLED', 'The operation was cancelled.', { messageKey: 'errors.data.cancelled' });
}

/** The part of AbortSignal the engine reads (also satisfied by a flag backed by SharedArrayBuffer). */
export interface AbortFlag {
  readonly aborted: boolean;
}

/** Throws {@link cancelledError} when the flag is set. */
export function throwIfCancelled(signal: AbortFlag | undefined): void {
  if (signal?.aborted) throw cancelledError();
}
