// Turns errors into something a person can read, and reports the unexpected ones as toasts.
import type { ApiError } from '../../shared/errors.js';
import { isApiCallError } from '../api/client.js';
import { useUiStore } from '../stores/ui-store.js';

/** The ApiError behind any thrown value; a renderer bug becomes INTERNAL (and is logged). */
export function toApiError(error: unknown): ApiError {
  if (isApiCallError(error)) return error.toApiError();
  console.error('ciclo: unexpected error in the renderer', error);
  return { code: 'INTERNAL', messageKey: 'errors.INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** Shows an error that has no better place on screen as a toast, and logs it. */
export function reportUnexpected(error: unknown): ApiError {
  const apiError = toApiError(error);
  console.warn(`ciclo: ${apiError.code}: ${apiError.message}`);
  useUiStore.getState().pushToast({
    kind: 'error',
    titleKey: 'toast.unexpected',
    messageKey: apiError.messageKey,
    params: apiError.params,
    fallback: apiError.message,
    code: apiError.code,
  });
  return apiError;
}
