/** The envelope every call resolves to, on every transport: nothing is thrown across a boundary. */
import type { ApiError } from '../errors.js';

/** Success or a typed error. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Wraps a value as a successful result. */
export function ok<T>(data: T): ApiResult<T> {
  return { ok: true, data };
}

/** Wraps an error as a failed result. */
export function fail<T = never>(error: ApiError): ApiResult<T> {
  return { ok: false, error };
}
