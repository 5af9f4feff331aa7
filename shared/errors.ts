/**
 * The one error shape that crosses every boundary (IPC, HTTP, CLI --json, worker messages).
 * `code` is stable and machine-readable; `messageKey` is an i18n key the UI translates
 * (with `params` interpolated); `message` is an English fallback for logs and scripts;
 * `details.field` names the offending input field where there is one.
 */
import { z } from 'zod';

/** Every error code Ciclo emits. Add codes here, never ad hoc strings. */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'NO_PROJECT_OPEN',
  'NOT_A_PROJECT',
  'PROJECT_CORRUPT',
  'PROJECT_TOO_NEW',
  'PROJECT_LOCKED',
  'PROJECT_EXISTS',
  'READ_ONLY',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'PARSE_ERROR',
  'NOT_FITTED',
  'TRAINING_FAILED',
  'CANCELLED',
  'UNSUPPORTED',
  'INTERNAL',
] as const;

/** A stable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Extra, JSON-safe facts about an error: the offending field, a line/column, a path... */
export const ApiErrorDetailsSchema = z
  .object({
    field: z.string().optional(),
    line: z.number().int().optional(),
    column: z.union([z.number().int(), z.string()]).optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .catchall(z.unknown());

/** The serialised error. */
export const ApiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  messageKey: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  details: ApiErrorDetailsSchema.optional(),
});

/** The serialised error. */
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Arguments of {@link AppError}. */
export interface AppErrorInit {
  /** i18n key; defaults to `errors.<code>`. */
  messageKey?: string;
  /** Values interpolated into the translated message. */
  params?: Record<string, string | number>;
  details?: ApiError['details'];
  cause?: unknown;
}

/** The error the backend throws on purpose; `dispatch` turns it into an {@link ApiError}. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly params?: Record<string, string | number>;
  readonly details?: ApiError['details'];

  constructor(code: ErrorCode, message: string, init: AppErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AppError';
    this.code = code;
    this.messageKey = init.messageKey ?? `errors.${code}`;
    this.params = init.params;
    this.details = init.details;
  }

  /** The JSON-safe form sent over the wire. */
  toApiError(): ApiError {
    const out: ApiError = { code: this.code, messageKey: this.messageKey, message: this.message };
    if (this.params) out.params = this.params;
    if (this.details) out.details = this.details;
    return out;
  }
}

/** True when `value` has the shape of an {@link ApiError} (e.g. after crossing a transport). */
export function isApiError(value: unknown): value is ApiError {
  return ApiErrorSchema.safeParse(value).success;
}
