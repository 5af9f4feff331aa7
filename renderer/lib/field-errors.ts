// Maps errors to the form fields they concern, so messages appear next to the input at fault.
// The backend puts the field in `details.field` (an AppError) or lists zod issues in
// `details.issues` (contract validation, paths like "objective.threshold"), and some handlers add
// `details.fieldErrors` ([{field, messageKey, params}]) to mark every broken field at once.
import type { ApiError, ErrorCode } from '../../shared/errors.js';
import type { MessageParams } from '../i18n/translate.js';

/** A message attached to one field. */
export interface FieldError {
  /** i18n key (UI or backend). */
  key: string;
  params?: MessageParams;
  /** English text from the backend, shown when the UI does not know `key`. */
  fallback?: string;
  /** The error code when the message came from the backend (lets a form offer a way out, e.g. read-only). */
  code?: ErrorCode;
}

/** Field name -> message. */
export type FieldErrors<F extends string = string> = Partial<Record<F, FieldError>>;

/** The last segment of a dotted path that names one of `fields` ("objective.threshold" -> "threshold"). */
function matchField<F extends string>(path: string, fields: readonly F[]): F | null {
  const parts = path.split(/[.[\]]/).filter(Boolean);
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const part = parts[i] as F;
    if (fields.includes(part)) return part;
  }
  return null;
}

/**
 * The field errors an API error carries for a form with `fields`. Empty when the error is not
 * about any of them (the caller then shows it as a form-level message or a toast).
 */
export function fieldErrorsFromApi<F extends string>(error: ApiError, fields: readonly F[]): FieldErrors<F> {
  const out: FieldErrors<F> = {};
  // The most precise form first: one translated key per broken field (e.g. objective.save).
  const perField = error.details?.fieldErrors;
  if (Array.isArray(perField)) {
    for (const item of perField as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const { field, messageKey, params } = item as { field?: unknown; messageKey?: unknown; params?: unknown };
      const matched = typeof field === 'string' ? matchField(field, fields) : null;
      if (matched && typeof messageKey === 'string' && !out[matched]) {
        out[matched] = { key: messageKey, params: params as FieldError['params'], code: error.code };
      }
    }
  }
  const own = error.details?.field ? matchField(error.details.field, fields) : null;
  if (own && !out[own]) out[own] = { key: error.messageKey, params: error.params, fallback: error.message, code: error.code };
  for (const issue of error.details?.issues ?? []) {
    const field = matchField(issue.path, fields);
    if (field && !out[field]) out[field] = { key: error.messageKey, params: error.params, fallback: issue.message, code: error.code };
  }
  return out;
}

/** True when there is at least one error. */
export function hasFieldErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}
