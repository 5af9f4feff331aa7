// React access to translations, bound to the language in ui-store.
import { useCallback } from 'react';
import type { MessageKey } from './en.js';
import type { Locale, MessageParams } from './translate.js';
import { formatDateTime, formatNumber, translate, translateDynamic, translateError } from './translate.js';
import { selectLocale, useUiStore } from '../stores/ui-store.js';

/** Translator functions for the current language. */
export interface Translator {
  locale: Locale;
  t: (key: MessageKey, params?: MessageParams) => string;
  /** For keys from the backend (errors, verdict reasons, lifecycle reasons). */
  tDynamic: (key: string, params?: MessageParams, fallback?: string) => string;
  /** For errors from the backend: falls back sensibly when the key is unknown. */
  tError: (error: { key: string; params?: MessageParams; fallback?: string; code?: string }) => string;
  number: (value: number) => string;
  dateTime: (iso: string) => string;
}

/** The translator for the current language; re-renders when the language changes. */
export function useT(): Translator {
  const locale = useUiStore(selectLocale);
  const t = useCallback((key: MessageKey, params?: MessageParams) => translate(locale, key, params), [locale]);
  const tDynamic = useCallback(
    (key: string, params?: MessageParams, fallback?: string) => translateDynamic(locale, key, params, fallback),
    [locale],
  );
  const tError = useCallback(
    (error: { key: string; params?: MessageParams; fallback?: string; code?: string }) => translateError(locale, error),
    [locale],
  );
  const number = useCallback((value: number) => formatNumber(value, locale), [locale]);
  const dateTime = useCallback((iso: string) => formatDateTime(iso, locale), [locale]);
  return { locale, t, tDynamic, tError, number, dateTime };
}
