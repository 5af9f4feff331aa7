/**
 * Sniffing the dialect of a delimited text file from a sample of its first rows.
 *
 * - Delimiter: each candidate (comma, semicolon, tab, pipe) splits the sample's records with
 *   quotes respected; a candidate is plausible when it gives at least two fields on most records
 *   and the same count on nearly all of them. Among plausible ones the score also counts fields
 *   that look clean, i.e. hold no other candidate delimiter unless quoted or a decimal-comma
 *   number: that is what tells "1,5;2,3" (semicolon file, decimal comma) from a comma file.
 * - Quote: `"` when some field starts with it, else `'` when fields are consistently wrapped in
 *   it, else none.
 * - Header: the first row is a header when its cells do not fit the types of the columns below
 *   them (a text above numbers or dates), or, for all-text columns, when its cells are unique
 *   non-numeric words that do not reappear below.
 */
import type { Delimiter } from '../../../shared/domain/dataset.js';
import { inferTextType, type InferSettings, missingTest } from './infer.js';
import { parseNumberText } from './number-format.js';
import { parseDate } from './dates.js';
import { parseBooleanText } from './infer.js';

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t', '|'];

/** Splits text into records of fields (quotes respected), at most `maxRecords`. */
export function splitRecords(text: string, delimiter: string, quote: string | null, maxRecords: number): string[][] {
  const records: string[][] = [];
  let field = '';
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  let inQuotes = false;
  let atFieldStart = true;
  while (i < n && records.length < maxRecords) {
    const c = text[i];
    if (inQuotes) {
      if (c === quote) {
        if (text[i + 1] === quote) {
          field += quote;
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (atFieldStart && quote !== null && c === quote) {
      inQuotes = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (c === delimiter) {
      row.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      row.push(field);
      if (!(row.length === 1 && row[0].trim() === '')) records.push(row);
      row = [];
      field = '';
      atFieldStart = true;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    atFieldStart = false;
    i++;
  }
  if (i >= n && records.length < maxRecords && (field !== '' || row.length > 0)) {
    row.push(field);
    records.push(row);
  }
  return records;
}

/** Drops the last record when the sample was cut in the middle of it. */
function completeRecords(text: string, delimiter: string, quote: string | null, maxRecords: number, isWhole: boolean): string[][] {
  const recs = splitRecords(text, delimiter, quote, maxRecords);
  if (!isWhole && recs.length > 1 && recs.length < maxRecords) recs.pop();
  return recs;
}

const DECIMAL_COMMA_CELL = /^\s*[+-]?\d{1,3}(?:[. \u00a0]\d{3})*,\d+\s*$|^\s*[+-]?\d+,\d+\s*$/;

/** Guesses the quote character from the sample text. */
export function detectQuote(text: string): '"' | "'" | null {
  if (/(^|[,;\t|\r\n])\s*"/.test(text)) return '"';
  const singles = text.match(/(^|[,;\t|\r\n])'[^'\r\n]*'(?=$|[,;\t|\r\n])/g);
  if (singles && singles.length >= 3) return "'";
  return null;
}

/** Scores the candidates and returns the most plausible delimiter (comma when nothing fits). */
export function detectDelimiter(text: string, quote: string | null, isWhole: boolean): Delimiter {
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const recs = completeRecords(text, d, quote, 200, isWhole);
    if (recs.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of recs) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let mode = 1;
    let modeCount = 0;
    for (const [len, c] of counts) {
      if (c > modeCount || (c === modeCount && len > mode)) {
        mode = len;
        modeCount = c;
      }
    }
    if (mode < 2) continue;
    const consistency = modeCount / recs.length;
    let clean = 0;
    let total = 0;
    const others = CANDIDATES.filter((o) => o !== d);
    for (const r of recs) {
      for (const cell of r) {
        total++;
        if (!others.some((o) => cell.includes(o)) || DECIMAL_COMMA_CELL.test(cell)) clean++;
      }
    }
    const cleanliness = total === 0 ? 0 : clean / total;
    const score = consistency * 0.6 + cleanliness * 0.4 + Math.min(mode, 50) * 1e-4;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** True when the first row looks like column names for the rows below it. */
export function detectHeader(rows: readonly (readonly string[])[], settings: InferSettings): boolean {
  if (rows.length === 0) return true;
  const first = rows[0];
  const isMissing = missingTest();
  const looksLikeValue = (t: string): boolean =>
    !Number.isNaN(parseNumberText(t, settings.decimal, settings.thousands)) || !Number.isNaN(parseDate(t, settings.dateOrder));
  if (rows.length === 1) return first.every((c) => c.trim() !== '' && !looksLikeValue(c));
  let votes = 0;
  for (let j = 0; j < first.length; j++) {
    const h = first[j].trim();
    if (h === '') continue;
    const counts = new Map<string, number>();
    for (let i = 1; i < rows.length; i++) {
      const v = rows[i][j];
      if (v === undefined || isMissing(v)) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    if (counts.size === 0) continue;
    const levels = [...counts.keys()];
    const type = inferTextType('', levels, [...counts.values()], settings).type;
    if (type === 'numeric' || type === 'integer') {
      votes += Number.isNaN(parseNumberText(h, settings.decimal, settings.thousands)) ? 1 : -1;
    } else if (type === 'datetime') {
      votes += Number.isNaN(parseDate(h, settings.dateOrder)) ? 1 : -1;
    } else if (type === 'boolean') {
      votes += Number.isNaN(parseBooleanText(h)) ? 1 : -1;
    } else if (counts.has(first[j])) {
      votes -= 1;
    }
  }
  if (votes !== 0) return votes > 0;
  const names = first.map((c) => c.trim());
  return names.every((c) => c !== '' && !looksLikeValue(c)) && new Set(names).size === names.length;
}
