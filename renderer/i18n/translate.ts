// Pure translation functions (no React): used by the hook, by stores, and by tests.
import type { MessageKey, Messages } from './en.js';
import { en } from './en.js';
import { es } from './es.js';

/** Languages the UI speaks. */
export type Locale = 'en' | 'es';

/** Every dictionary, by locale. */
export const DICTIONARIES: Readonly<Record<Locale, Messages>> = { en, es };

/** Values interpolated into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** True when `key` exists in the dictionaries (for keys that come from the backend). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** Replaces `{name}` placeholders; a missing value leaves the placeholder visible, so the gap is noticed. */
export function interpolate(template: string, params?: MessageParams, locale: Locale = 'en'): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, locale) : value;
  });
}

/** Translates a known key. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return interpolate(DICTIONARIES[locale][key], params, locale);
}

/**
 * Translates a key that arrived at run time (an error's messageKey, a verdict reason): falls back
 * to `fallback` (the backend's English message) when the UI does not know the key.
 */
export function translateDynamic(locale: Locale, key: string, params?: MessageParams, fallback?: string): string {
  if (isMessageKey(key)) return translate(locale, key, params);
  return fallback ?? key;
}

/**
 * Translates an error from the backend. A specific key the UI does not know yet falls back to the
 * backend's English message in English, and to the translated generic message of its code in
 * other languages (better a general sentence in the user's language than a precise one in English).
 */
export function translateError(
  locale: Locale,
  error: { key: string; params?: MessageParams; fallback?: string; code?: string },
): string {
  if (isMessageKey(error.key)) return translate(locale, error.key, error.params);
  const generic = error.code ? `errors.${error.code}` : null;
  if (locale !== 'en' && generic && isMessageKey(generic)) return translate(locale, generic, error.params);
  if (error.fallback) return error.fallback;
  return generic && isMessageKey(generic) ? translate(locale, generic, error.params) : error.key;
}

/** 'es', 'es-CL'... -> es; anything else -> en. */
export function localeFromTag(tag: string | null | undefined): Locale {
  return tag && /^es(?:[-_]|$)/i.test(tag) ? 'es' : 'en';
}

/** The language to show: the user's choice, else the system's (from the backend), else the browser's. */
export function resolveLocale(choice: Locale | null, systemLocale: Locale | null, browserTag: string | null | undefined): Locale {
  return choice ?? systemLocale ?? localeFromTag(browserTag);
}

/** A number in the locale's style (0.85 / 0,85), without losing digits the user typed. */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 10, useGrouping: false }).format(value);
}

/** A date and time in the locale's style. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
