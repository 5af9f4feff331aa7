/**
 * Column type inference and type conversion.
 *
 * The import reads a column either as numbers (when the sample says so) or as a dictionary of
 * distinct texts. Afterwards the type is decided from the whole column, cheaply, because only
 * distinct values are examined:
 * - numbers: `boolean` when every value is 0 or 1, `identifier` when the values are unique
 *   integers that count up by one or the name says id, `integer` when all are whole, else `numeric`;
 * - texts, in this order: `boolean` (yes/no, sí/no, true/false, verdadero/falso, y/n, t/f, s/n,
 *   1/0), numbers in the file's format, dates (see dates.ts), then `identifier` (unique, short, no
 *   spaces, at least 20 rows or an id-like name), `text` (long or multi-word values, mostly
 *   unique), else `categorical`.
 * Missing: empty cells and the usual words for "no value" (NA, N/A, null, NaN, None, ?, #N/A...);
 * `inf`/`-inf` cells are also read as missing, so one of them does not turn a numeric column into text.
 */
import type { ColumnType, DateOrder, DecimalSeparator, ThousandsSeparator } from '../../../shared/domain/dataset.js';
import { detectDates, parseDate } from './dates.js';
import { parseNumberText } from './number-format.js';
import type { CodeColumn, DataColumn, NumberColumn } from './table.js';
import { isNumberColumn } from './table.js';

/** Cell texts (compared trimmed and lower-cased) that mean "missing". */
export const MISSING_WORDS: ReadonlySet<string> = new Set([
  '',
  'na',
  'n/a',
  'nan',
  '-nan',
  'null',
  'none',
  'nil',
  '<na>',
  '#n/a',
  '#na',
  '#n/a n/a',
  '#null!',
  '#value!',
  '#div/0!',
  '-1.#ind',
  '1.#ind',
  '-1.#qnan',
  '1.#qnan',
  '?',
  'inf',
  '-inf',
  '+inf',
  'infinity',
  '-infinity',
  '+infinity',
]);

/** A missing-value test for one import (the defaults plus the user's words). */
export function missingTest(extra: readonly string[] = []): (text: string) => boolean {
  const words = extra.length === 0 ? MISSING_WORDS : new Set([...MISSING_WORDS, ...extra.map((w) => w.trim().toLowerCase())]);
  return (text) => words.has(text.trim().toLowerCase());
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', 't', 'sí', 'si', 's', 'verdadero', 'v', '1', '1.0']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'f', 'falso', '0', '0.0']);

/** 1 for a true word, 0 for a false word, NaN otherwise. */
export function parseBooleanText(text: string): number {
  const t = text.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return 1;
  if (FALSE_WORDS.has(t)) return 0;
  return NaN;
}

const ID_NAME = /(^|[^a-z])(id|uuid|guid|key|code|codigo|código|dni|nif|ssn)($|[^a-z])|_id$|Id$|ID$/i;

/** True when a column name looks like an identifier's (customer_id, ID, uuid, código...). */
export function isIdLikeName(name: string): boolean {
  return ID_NAME.test(name);
}

/** Settings that type inference needs from the import. */
export interface InferSettings {
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator;
  dateOrder: DateOrder;
}

/** The decision for a text column. */
export interface TextInference {
  type: ColumnType;
  /** datetime: the order used; `isAmbiguous` when the data did not prove it. */
  dateOrder?: DateOrder;
  isDateAmbiguous?: boolean;
}

/**
 * Infers the type of a column from its distinct non-missing texts and their counts.
 * `nonMissing` = number of non-missing cells.
 */
export function inferTextType(name: string, levels: readonly string[], counts: ArrayLike<number>, settings: InferSettings): TextInference {
  let nonMissing = 0;
  for (let i = 0; i < counts.length; i++) nonMissing += counts[i];
  if (levels.length === 0) return { type: 'categorical' };
  // A column of only "1"/"0" written as text is still boolean; a single "yes" too.
  if (levels.every((l) => !Number.isNaN(parseBooleanText(l)))) return { type: 'boolean' };
  // Leading zeros ("00123", a postcode or an account number) are part of the value: keep it as text.
  const hasLeadingZero = levels.some((l) => /^[+-]?0\d/.test(l.trim()));
  if (!hasLeadingZero && levels.every((l) => !Number.isNaN(parseNumberText(l, settings.decimal, settings.thousands)))) {
    const allWhole = levels.every((l) => Number.isInteger(parseNumberText(l, settings.decimal, settings.thousands)));
    return { type: allWhole ? 'integer' : 'numeric' };
  }
  const dates = detectDates(levels, settings.dateOrder);
  if (dates.isDate) return { type: 'datetime', dateOrder: dates.order, isDateAmbiguous: dates.isAmbiguous };
  const isUnique = levels.length === nonMissing;
  let totalLength = 0;
  let withSpace = 0;
  let maxLength = 0;
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i];
    const c = counts[i];
    totalLength += l.length * c;
    if (l.length > maxLength) maxLength = l.length;
    if (/\s/.test(l)) withSpace += c;
  }
  const meanLength = totalLength / Math.max(1, nonMissing);
  if (isUnique && maxLength <= 64 && withSpace === 0 && (nonMissing >= 20 || isIdLikeName(name))) return { type: 'identifier' };
  if (levels.length / nonMissing >= 0.9 && isIdLikeName(name) && withSpace === 0) return { type: 'identifier' };
  if ((meanLength >= 30 || withSpace / nonMissing >= 0.5) && levels.length / nonMissing >= 0.5 && nonMissing >= 5) {
    return { type: 'text' };
  }
  return { type: 'categorical' };
}

/** The type of a column read as numbers (NaN = missing). */
export function inferNumberType(name: string, values: Float64Array): 'numeric' | 'integer' | 'boolean' | 'identifier' {
  let allWhole = true;
  let allBinary = true;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    n++;
    if (v !== 0 && v !== 1) {
      allBinary = false;
      if (!Number.isInteger(v)) {
        allWhole = false;
        break;
      }
    }
  }
  if (n === 0) return 'numeric';
  if (!allWhole) return 'numeric';
  if (allBinary) return 'boolean';
  if (n >= 20 && isIdentifierSequence(name, values, n)) return 'identifier';
  return 'integer';
}

/** Unique integers that are either named like an id or a row counter (consecutive from 0 or 1). */
function isIdentifierSequence(name: string, values: Float64Array, n: number): boolean {
  const present = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) present[k++] = values[i];
  present.sort();
  for (let i = 1; i < n; i++) if (present[i] === present[i - 1]) return false;
  if (isIdLikeName(name)) return true;
  return (present[0] === 0 || present[0] === 1) && present[n - 1] - present[0] === n - 1;
}

/** Result of a type conversion: the new column and how many present values did not convert. */
export interface Conversion {
  column: DataColumn;
  failed: number;
  /** First row whose value did not convert. */
  firstFailedRow: number;
}

/** Texts of the distinct values of a number column, with codes per row. */
function numberToCodes(c: NumberColumn): { codes: Int32Array; levels: string[] } {
  const index = new Map<number, number>();
  const levels: string[] = [];
  const codes = new Int32Array(c.values.length);
  for (let i = 0; i < c.values.length; i++) {
    const v = c.values[i];
    if (v !== v) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = levels.length;
      index.set(v, code);
      if (c.type === 'datetime') levels.push(new Date(v).toISOString());
      else if (c.type === 'boolean') levels.push(c.labels ? c.labels[v === 0 ? 0 : 1] : v === 0 ? 'false' : 'true');
      else levels.push(String(v));
    }
    codes[i] = code;
  }
  return { codes, levels };
}

/** Most frequent spellings of false and true among the levels (for display and export). */
function booleanLabels(levels: readonly string[], counts: ArrayLike<number>): [string, string] {
  let f = 'false';
  let t = 'true';
  let fc = -1;
  let tc = -1;
  levels.forEach((l, i) => {
    const b = parseBooleanText(l);
    if (b === 0 && counts[i] > fc) {
      fc = counts[i];
      f = l.trim();
    } else if (b === 1 && counts[i] > tc) {
      tc = counts[i];
      t = l.trim();
    }
  });
  if (fc < 0 && tc >= 0) f = FALSE_FOR[t.toLowerCase()] ?? 'false';
  if (tc < 0 && fc >= 0) t = TRUE_FOR[f.toLowerCase()] ?? 'true';
  return [f, t];
}

const FALSE_FOR: Record<string, string> = { yes: 'no', y: 'n', 'sí': 'no', si: 'no', s: 'n', t: 'f', verdadero: 'falso', v: 'f', '1': '0' };
const TRUE_FOR: Record<string, string> = { no: 'yes', n: 'y', f: 't', falso: 'verdadero', '0': '1', false: 'true' };

/** Counts of each level of a code column. */
export function levelCounts(c: CodeColumn): Int32Array {
  const counts = new Int32Array(c.levels.length);
  for (let i = 0; i < c.codes.length; i++) if (c.codes[i] >= 0) counts[c.codes[i]]++;
  return counts;
}

/**
 * Converts a column to `type`. Values that do not convert become missing and are counted.
 * Text -> date uses `settings.dateOrder`; text -> number uses the import's number format.
 */
export function convertColumn(c: DataColumn, type: ColumnType, settings: InferSettings): Conversion {
  if (c.type === type) return { column: c, failed: 0, firstFailedRow: -1 };
  const n = isNumberColumn(c) ? c.values.length : c.codes.length;
  if (type === 'categorical' || type === 'text' || type === 'identifier') {
    if (!isNumberColumn(c)) return { column: { ...c, type }, failed: 0, firstFailedRow: -1 };
    const { codes, levels } = numberToCodes(c);
    return { column: { type, name: c.name, codes, levels }, failed: 0, firstFailedRow: -1 };
  }
  // Target is a number type.
  const values = new Float64Array(n);
  let failed = 0;
  let firstFailedRow = -1;
  const fail = (i: number): void => {
    values[i] = NaN;
    failed++;
    if (firstFailedRow < 0) firstFailedRow = i;
  };
  if (isNumberColumn(c)) {
    for (let i = 0; i < n; i++) {
      const v = c.values[i];
      if (v !== v) {
        values[i] = NaN;
        continue;
      }
      if (type === 'boolean') {
        if (v === 0 || v === 1) values[i] = v;
        else fail(i);
      } else if (type === 'integer') {
        if (Number.isInteger(v)) values[i] = v;
        else fail(i);
      } else if (type === 'datetime') {
        // Numbers carry no unit we could trust (seconds? days since 1900?): refuse them.
        fail(i);
      } else {
        values[i] = v;
      }
    }
    const labels = type === 'boolean' ? (['0', '1'] as const) : undefined;
    return { column: { type, name: c.name, values, ...(labels ? { labels } : {}) }, failed, firstFailedRow };
  }
  // Text -> number type: convert each level once.
  const levelValues = new Float64Array(c.levels.length);
  for (let l = 0; l < c.levels.length; l++) {
    const text = c.levels[l];
    let v: number;
    if (type === 'boolean') v = parseBooleanText(text);
    else if (type === 'datetime') v = parseDate(text, settings.dateOrder);
    else v = parseNumberText(text, settings.decimal, settings.thousands);
    if (type === 'integer' && !Number.isInteger(v)) v = NaN;
    levelValues[l] = v;
  }
  for (let i = 0; i < n; i++) {
    const code = c.codes[i];
    if (code < 0) {
      values[i] = NaN;
      continue;
    }
    const v = levelValues[code];
    if (v !== v) fail(i);
    else values[i] = v;
  }
  if (type === 'boolean') {
    const labels = booleanLabels(c.levels, levelCounts(c));
    return { column: { type, name: c.name, values, labels }, failed, firstFailedRow };
  }
  return { column: { type, name: c.name, values }, failed, firstFailedRow };
}

/** Decides and applies the final type of a freshly read column. */
export function finalizeColumn(c: DataColumn, settings: InferSettings): { column: DataColumn; inference: TextInference } {
  if (isNumberColumn(c)) {
    const type = inferNumberType(c.name, c.values);
    if (type === 'boolean') return { column: { type, name: c.name, values: c.values, labels: ['0', '1'] }, inference: { type } };
    if (type === 'identifier') return { column: convertColumn(c, 'identifier', settings).column, inference: { type } };
    return { column: { type, name: c.name, values: c.values }, inference: { type } };
  }
  const counts = levelCounts(c);
  const inference = inferTextType(c.name, c.levels, counts, settings);
  const conv = convertColumn(c, inference.type, { ...settings, dateOrder: inference.dateOrder ?? settings.dateOrder });
  return { column: conv.column, inference };
}
