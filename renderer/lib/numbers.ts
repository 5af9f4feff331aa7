// Numbers as people read them in each language: counts with thousands grouping (1,234,567 /
// 1.234.567), statistics with a sensible number of significant digits, shares as percentages,
// byte sizes. Pure functions; the UI passes its locale.
import type { Locale } from '../i18n/translate.js';

/** A whole count with grouping ("1,234,567" / "1.234.567"). */
export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: true }).format(value);
}

/**
 * A statistic: four significant digits for ordinary magnitudes, grouping for large ones,
 * scientific notation for very small or very large ones (so a column's mean never prints 17 digits).
 */
export function formatStat(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e12)) {
    return new Intl.NumberFormat(locale, { notation: 'scientific', maximumSignificantDigits: 3 }).format(value);
  }
  if (abs >= 1e4) return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, useGrouping: true }).format(value);
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 4, useGrouping: true }).format(value);
}

/** A share in [0, 1] as a percentage ("12.5 %" / "12,5 %"), with one decimal below 10 %. */
export function formatShare(share: number, locale: Locale): string {
  const digits = share > 0 && share < 0.1 ? 1 : 0;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(share);
}

/** A byte size in the largest unit under 1024 ("12.3 MB"). */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${text} ${units[unit]}`;
}
