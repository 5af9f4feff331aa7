// Pure transitions of ui-store.
import type { MessageKey } from '../i18n/en.js';
import type { MessageParams } from '../i18n/translate.js';

/** A notification. Keys, not text, so a language switch re-translates it. */
export interface Toast {
  id: number;
  kind: 'error' | 'info';
  titleKey: MessageKey;
  /** A key from the UI or the backend (error messageKey). */
  messageKey?: string;
  params?: MessageParams;
  /** Shown when `messageKey` is unknown to the UI (the backend's English message). */
  fallback?: string;
  /** The error code, for a translated generic message when `messageKey` is unknown. */
  code?: string;
}

/** A toast before it gets an id. */
export type ToastInput = Omit<Toast, 'id'>;

/** At most this many toasts at once: older ones give way, so a burst of errors cannot bury the screen. */
export const MAX_TOASTS = 3;

/** Adds a toast; an identical one already showing is not repeated. */
export function addToast(toasts: readonly Toast[], toast: Toast): Toast[] {
  const same = toasts.find((x) => x.kind === toast.kind && x.titleKey === toast.titleKey && x.messageKey === toast.messageKey && x.fallback === toast.fallback);
  if (same) return [...toasts];
  return [...toasts, toast].slice(-MAX_TOASTS);
}

/** Removes a toast by id. */
export function removeToast(toasts: readonly Toast[], id: number): Toast[] {
  return toasts.filter((x) => x.id !== id);
}
