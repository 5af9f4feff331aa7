/**
 * The one entry point both transports call: (method, raw args) -> ApiResult. It validates the
 * arguments with the method's zod input schema, runs the handler, checks the result against the
 * output schema, and turns every failure into the typed error shape. Nothing is thrown out of
 * here: Electron's ipcMain.handle would pass on only an error's message, and HTTP clients must
 * never see a stack.
 *
 * Error mapping: AppError -> its code; engine errors carrying `code` (INVALID_ARGUMENT,
 * NOT_FITTED, CANCELLED) -> that code; SQLite's read-only refusal -> READ_ONLY; anything else ->
 * INTERNAL (stack logged here, a generic message sent).
 */
import type { z } from 'zod';
import { apiMethods, isMethodName, type ApiHandlers, type MethodName } from '../../../shared/api/contract.js';
import { fail, ok, type ApiResult } from '../../../shared/api/result.js';
import { AppError, type ApiError } from '../../../shared/errors.js';
import type { BackendContext } from './context.js';

/** Calls a contract method by name with untrusted arguments. */
export type Dispatch = (method: string, rawArgs: unknown) => Promise<ApiResult<unknown>>;

/** Options of {@link createDispatch}. */
export interface DispatchOptions {
  /** Where unexpected errors are logged (default console.error). */
  log?: (message: string, err: unknown) => void;
}

const ENGINE_CODES = new Set(['INVALID_ARGUMENT', 'NOT_FITTED', 'CANCELLED']);

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => String(p)).join('.');
}

/** INVALID_ARGUMENT from a zod error: details.field is the first issue's path. */
export function invalidArgument(error: z.ZodError): ApiError {
  const issues = error.issues.map((i) => ({ path: pathOf(i.path), message: i.message }));
  const first = issues[0];
  return {
    code: 'INVALID_ARGUMENT',
    messageKey: 'errors.INVALID_ARGUMENT',
    message: first ? `Invalid argument${first.path ? ` "${first.path}"` : ''}: ${first.message}` : 'Invalid arguments.',
    details: { ...(first?.path ? { field: first.path } : {}), issues },
  };
}

/** Maps anything thrown by a handler to the wire error. */
export function toApiError(err: unknown, log: (message: string, err: unknown) => void): ApiError {
  if (err instanceof AppError) return err.toApiError();
  const e = err as { code?: unknown; message?: unknown; field?: unknown };
  if (typeof e?.code === 'string' && ENGINE_CODES.has(e.code)) {
    const out: ApiError = { code: e.code as ApiError['code'], messageKey: `errors.${e.code}`, message: String(e.message ?? e.code) };
    if (typeof e.field === 'string') out.details = { field: e.field };
    return out;
  }
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_READONLY')) {
    return { code: 'READ_ONLY', messageKey: 'errors.READ_ONLY', message: 'The project is open read-only; changes cannot be saved.' };
  }
  log('[api] unexpected error:', err);
  return { code: 'INTERNAL', messageKey: 'errors.INTERNAL', message: 'Something went wrong inside Ciclo; the details are in its log.' };
}

/** Builds the dispatch function over `handlers` and `ctx`. */
export function createDispatch(handlers: ApiHandlers<BackendContext>, ctx: BackendContext, options: DispatchOptions = {}): Dispatch {
  const log = options.log ?? ((message, err) => console.error(message, err instanceof Error ? err.stack : err));
  return async (method, rawArgs) => {
    if (typeof method !== 'string' || !isMethodName(method)) {
      return fail({
        code: 'UNKNOWN_METHOD',
        messageKey: 'errors.UNKNOWN_METHOD',
        message: `There is no method called "${String(method)}".`,
        params: { method: String(method) },
      });
    }
    const def = apiMethods[method as MethodName];
    const parsed = def.input.safeParse(rawArgs ?? {});
    if (!parsed.success) return fail(invalidArgument(parsed.error));
    try {
      const handler = handlers[method] as (args: unknown, c: BackendContext) => unknown;
      const value = await handler(parsed.data, ctx);
      const checked = def.output.safeParse(value);
      if (!checked.success) {
        log(`[api] ${method} returned a value that breaks its output schema:`, checked.error);
        return fail({ code: 'INTERNAL', messageKey: 'errors.INTERNAL', message: 'Something went wrong inside Ciclo; the details are in its log.' });
      }
      return ok(checked.data);
    } catch (err) {
      return fail(toApiError(err, log));
    }
  };
}
