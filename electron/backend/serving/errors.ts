/**
 * The one error type of the request path. Every refusal (bad JSON, an unknown column, a body too
 * large, no API key...) is a `RequestError` carrying its HTTP status, a stable code and, where an
 * input is at fault, the field; the protocol layer renders it in that protocol's error shape.
 * Anything else thrown while handling a request is a bug: it becomes a 500 with a generic message
 * (the stack goes to the server's log, never to the client).
 */

/** Stable codes, in MLflow's vocabulary (the OIP body carries the same code as `code`). */
export type RequestErrorCode =
  | 'MALFORMED_REQUEST'
  | 'BAD_REQUEST'
  | 'INVALID_PARAMETER_VALUE'
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'METHOD_NOT_ALLOWED'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'REQUEST_LIMIT_EXCEEDED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'TEMPORARILY_UNAVAILABLE'
  | 'REQUEST_TIMEOUT'
  | 'DEADLINE_EXCEEDED'
  | 'INTERNAL_ERROR';

/** A refusal with its HTTP status. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: RequestErrorCode,
    message: string,
    readonly field?: string,
    /** Extra response headers (Retry-After, WWW-Authenticate...). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** A 400 naming the field at fault. */
export function badInput(message: string, field?: string): RequestError {
  return new RequestError(400, 'INVALID_PARAMETER_VALUE', message, field);
}

/** A 400 for a request whose overall shape is wrong. */
export function badRequest(message: string, field?: string): RequestError {
  return new RequestError(400, 'BAD_REQUEST', message, field);
}

/** Shows a client value in a message, shortened. */
export function showValue(v: unknown): string {
  let s: string;
  if (v === undefined) s = 'nothing';
  else if (Array.isArray(v)) s = 'an array';
  else if (typeof v === 'object' && v !== null) s = 'an object';
  else s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
