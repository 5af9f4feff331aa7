// The renderer's only door to the backend. `ApiClient` is typed from the contract in shared/;
// two transports implement it (IPC when the Electron preload exposes `window.bridge`, HTTP +
// server-sent events in the headless studio). Stores call `getApi()`; components never do.
import type { MethodArgs, MethodName, MethodOutput } from '../../shared/api/contract.js';
import type { EventName, EventPayload } from '../../shared/api/events.js';
import type { ApiError, ErrorCode } from '../../shared/errors.js';
import { ERROR_CODES } from '../../shared/errors.js';

/** What the rest of the renderer sees of the backend. */
export interface ApiClient {
  /** Calls a method; resolves to its result or rejects with an {@link ApiCallError}. */
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodOutput<M>>;
  /** Listens to a backend event; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/**
 * A failed call, with the same fields as the shared `ApiError` so the UI can translate
 * `messageKey` and point at `details.field`.
 */
export class ApiCallError extends Error implements ApiError {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly params?: Record<string, string | number>;
  readonly details?: ApiError['details'];

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.messageKey = error.messageKey;
    this.params = error.params;
    this.details = error.details;
  }

  /** The plain, serialisable error. */
  toApiError(): ApiError {
    const out: ApiError = { code: this.code, messageKey: this.messageKey, message: this.message };
    if (this.params) out.params = this.params;
    if (this.details) out.details = this.details;
    return out;
  }
}

/** An error the client itself produces (network down, malformed reply). */
export function clientError(messageKey: string, message: string, code: ErrorCode = 'INTERNAL'): ApiCallError {
  return new ApiCallError({ code, messageKey, message });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an error that crossed a transport. Tolerant on purpose: an unknown code becomes
 * INTERNAL rather than hiding the backend's message.
 */
function readError(value: unknown): ApiCallError {
  if (!isRecord(value)) return clientError('errors.badResponse', 'The backend sent an error without details.');
  const code = (ERROR_CODES as readonly string[]).includes(String(value.code)) ? (value.code as ErrorCode) : 'INTERNAL';
  const message = typeof value.message === 'string' ? value.message : String(value.code ?? 'error');
  const messageKey = typeof value.messageKey === 'string' ? value.messageKey : `errors.${code}`;
  const error: ApiError = { code, messageKey, message };
  if (isRecord(value.params)) error.params = value.params as Record<string, string | number>;
  if (isRecord(value.details)) error.details = value.details as ApiError['details'];
  return new ApiCallError(error);
}

/** Unwraps the `{ok, data} | {ok:false, error}` envelope: returns `data` or throws an ApiCallError. */
export function unwrapResult<T>(envelope: unknown): T {
  if (isRecord(envelope) && envelope.ok === true && 'data' in envelope) return envelope.data as T;
  if (isRecord(envelope) && envelope.ok === false) throw readError(envelope.error);
  throw clientError('errors.badResponse', 'The backend sent a reply Ciclo does not understand.');
}

/** True for errors produced by the API client (as opposed to bugs in the renderer). */
export function isApiCallError(error: unknown): error is ApiCallError {
  return error instanceof ApiCallError;
}

let current: ApiClient | null = null;

/** The client the stores use. Throws when none was installed (a wiring bug, not a user error). */
export function getApi(): ApiClient {
  if (!current) throw new Error('No API client installed: call setApi() at start-up.');
  return current;
}

/** Installs the client (at start-up, or a fake one in tests). */
export function setApi(client: ApiClient | null): void {
  current = client;
}
