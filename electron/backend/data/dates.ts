/**
 * Date and date-time cells in the formats spreadsheets and databases write:
 * - ISO 8601: 2024-03-15, 2024-03-15T10:30, 2024-03-15 10:30:00.250Z, ...+02:00;
 * - year first with / or .: 2024/03/15;
 * - numeric day and month with / - or .: 15/03/2024, 03/15/2024, 15.03.24 (two-digit years:
 *   00-68 -> 20xx, 69-99 -> 19xx, the POSIX strptime rule);
 * - month names in English or Spanish: 15 Mar 2024, 15-mar-2024, March 15, 2024, 15 de marzo de 2024;
 * each optionally followed by a time (HH:MM[:SS[.fff]] [AM|PM]) and a UTC offset.
 *
 * Day-first versus month-first is decided for a whole column: a first number above 12 proves
 * day-first, a second number above 12 proves month-first; when no value proves either, the
 * column is ambiguous and the caller's default order applies (with a warning). Times without an
 * offset are read as UTC, so the stored epoch milliseconds do not depend on the machine's zone.
 */
import type { DateOrder } from '../../../shared/domain/dataset.js';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, ene: 1, enero: 1,
  feb: 2, february: 2, febrero: 2,
  mar: 3, march: 3, marzo: 3,
  apr: 4, april: 4, abr: 4, abril: 4,
  may: 5, mayo: 5,
  jun: 6, june: 6, junio: 6,
  jul: 7, july: 7, julio: 7,
  aug: 8, august: 8, ago: 8, agosto: 8,
  sep: 9, sept: 9, september: 9, set: 9, septiembre: 9, setiembre: 9,
  oct: 10, october: 10, octubre: 10,
  nov: 11, november: 11, noviembre: 11,
  dec: 12, december: 12, dic: 12, diciembre: 12,
};

const TIME = String.raw`(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?`;
const YMD = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const DAY_NAME = new RegExp(String.raw`^(\d{1,2})(?:[-/ .]+|\s+de\s+)([A-Za-zÀ-ÿ]{3,10})\.?(?:[-/ .,]+|\s+de\s+)(\d{4}|\d{2})${TIME}$`);
const NAME_DAY = new RegExp(String.raw`^([A-Za-zÀ-ÿ]{3,10})\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}$`);

/** The pieces of a date cell before day/month order is applied. */
interface DateParts {
  /** `numeric`: a and b are the first two numbers, order unknown. */
  family: 'ymd' | 'numeric' | 'named';
  year: number;
  a: number;
  b: number;
  timeMs: number;
  offsetMinutes: number;
}

function parseTime(m: RegExpExecArray, first: number): { timeMs: number; offsetMinutes: number } | null {
  let hh = m[first] === undefined ? 0 : Number(m[first]);
  const mm = m[first + 1] === undefined ? 0 : Number(m[first + 1]);
  const ss = m[first + 2] === undefined ? 0 : Number(m[first + 2]);
  const frac = m[first + 3] === undefined ? 0 : Number(`0.${m[first + 3]}`);
  const ampm = m[first + 4];
  if (ampm) {
    if (hh < 1 || hh > 12) return null;
    const pm = ampm.toLowerCase() === 'pm';
    hh = (hh % 12) + (pm ? 12 : 0);
  }
  if (hh > 23 || mm > 59 || ss > 60) return null;
  let offsetMinutes = 0;
  const tz = m[first + 5];
  if (tz && tz !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0));
  }
  return { timeMs: ((hh * 60 + mm) * 60 + ss) * 1000 + Math.round(frac * 1000), offsetMinutes };
}

function fullYear(y: string): number {
  if (y.length === 4) return Number(y);
  const v = Number(y);
  return v <= 68 ? 2000 + v : 1900 + v;
}

function splitDate(text: string): DateParts | null {
  const t = text.trim();
  if (t.length < 6 || t.length > 40) return null;
  let m = YMD.exec(t);
  if (m) {
    const time = parseTime(m, 5);
    if (!time) return null;
    return { family: 'ymd', year: Number(m[1]), a: Number(m[3]), b: Number(m[4]), ...time };
  }
  m = NUMERIC.exec(t);
  if (m) {
    const time = parseTime(m, 5);
    if (!time) return null;
    return { family: 'numeric', year: fullYear(m[4]), a: Number(m[1]), b: Number(m[3]), ...time };
  }
  m = DAY_NAME.exec(t);
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    const time = parseTime(m, 4);
    if (!month || !time) return null;
    return { family: 'named', year: fullYear(m[3]), a: Number(m[1]), b: month, ...time };
  }
  m = NAME_DAY.exec(t);
  if (m) {
    const month = MONTHS[m[1].toLowerCase()];
    const time = parseTime(m, 4);
    if (!month || !time) return null;
    return { family: 'named', year: Number(m[3]), a: Number(m[2]), b: month, ...time };
  }
  return null;
}

function toEpoch(year: number, month: number, day: number, timeMs: number, offsetMinutes: number): number {
  if (month < 1 || month > 12 || day < 1) return NaN;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > dim) return NaN;
  const base = Date.UTC(year, month - 1, day);
  // Date.UTC maps years 0-99 to 1900-1999; set the year explicitly.
  const d = new Date(base);
  d.setUTCFullYear(year);
  return d.getTime() + timeMs - offsetMinutes * 60000;
}

/** Epoch milliseconds (UTC) of a date cell, or NaN when it is not a date in `order`. */
export function parseDate(text: string, order: DateOrder): number {
  const p = splitDate(text);
  if (!p) return NaN;
  if (p.family === 'ymd') return toEpoch(p.year, p.a, p.b, p.timeMs, p.offsetMinutes);
  if (p.family === 'named') return toEpoch(p.year, p.b, p.a, p.timeMs, p.offsetMinutes);
  return order === 'mdy'
    ? toEpoch(p.year, p.a, p.b, p.timeMs, p.offsetMinutes)
    : toEpoch(p.year, p.b, p.a, p.timeMs, p.offsetMinutes);
}

/** What a column's values say about dates. */
export interface DateDetection {
  /** True when every value is a valid date in `order`. */
  isDate: boolean;
  order: DateOrder;
  /** True when numeric day/month values could be read either way. */
  isAmbiguous: boolean;
}

/**
 * Decides whether all `values` (distinct, non-missing) are dates, and in which order.
 * `defaultOrder` applies when numeric dates prove neither order.
 */
export function detectDates(values: Iterable<string>, defaultOrder: DateOrder = 'dmy'): DateDetection {
  let count = 0;
  let hasNumeric = false;
  let maxA = 0;
  let maxB = 0;
  const parts: DateParts[] = [];
  for (const v of values) {
    const p = splitDate(v);
    if (!p) return { isDate: false, order: defaultOrder, isAmbiguous: false };
    count++;
    parts.push(p);
    if (p.family === 'numeric') {
      hasNumeric = true;
      if (p.a > maxA) maxA = p.a;
      if (p.b > maxB) maxB = p.b;
    }
  }
  if (count === 0) return { isDate: false, order: defaultOrder, isAmbiguous: false };
  let order: DateOrder = defaultOrder === 'ymd' ? 'dmy' : defaultOrder;
  let isAmbiguous = false;
  if (hasNumeric) {
    if (maxA > 12 && maxB > 12) return { isDate: false, order, isAmbiguous: false };
    if (maxA > 12) order = 'dmy';
    else if (maxB > 12) order = 'mdy';
    else isAmbiguous = true;
  } else {
    order = 'ymd';
  }
  for (const p of parts) {
    const t =
      p.family === 'ymd'
        ? toEpoch(p.year, p.a, p.b, p.timeMs, p.offsetMinutes)
        : p.family === 'named' || order !== 'mdy'
          ? toEpoch(p.year, p.b, p.a, p.timeMs, p.offsetMinutes)
          : toEpoch(p.year, p.a, p.b, p.timeMs, p.offsetMinutes);
    if (Number.isNaN(t)) return { isDate: false, order, isAmbiguous: false };
  }
  return { isDate: true, order, isAmbiguous };
}
