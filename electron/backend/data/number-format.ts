/**
 * Numbers as spreadsheets write them: a decimal point or a decimal comma, an optional thousands
 * separator (comma, dot, space incl. no-break spaces, apostrophe), an optional exponent.
 *
 * `parseNumberBytes` reads a number straight from the file's bytes without making a string (the
 * import's hot path). It accumulates up to 15 significant digits in a double, which is exact,
 * and scales by an exact power of ten <= 1e22, a single correctly rounded operation (Clinger's
 * fast path, "How to read floating point numbers accurately", PLDI 1990); anything longer falls
 * back to `Number()` on a normalised string, so every result is the correctly rounded double.
 *
 * `detectNumberFormat` decides the file's convention from sample cells: "1.234,5" or "0,25" vote
 * for a decimal comma, "1,234.5" or "0.25" for a decimal point; a lone separator followed by
 * exactly three digits ("1.234") is ambiguous and only counts as a thousands separator when the
 * rest of the file uses the other character as the decimal mark.
 */
import type { DecimalSeparator, ThousandsSeparator } from '../../../shared/domain/dataset.js';

/** Byte-level form of a number format. */
export interface NumberFormatBytes {
  /** 46 '.' or 44 ','. */
  decimal: number;
  /** -1 none, 44 ',', 46 '.', 32 ' ' (also U+00A0 and U+202F), 39 "'". */
  thousands: number;
}

/** The byte form of a decimal and thousands separator. */
export function numberFormatBytes(decimal: DecimalSeparator, thousands: ThousandsSeparator): NumberFormatBytes {
  return { decimal: decimal.charCodeAt(0), thousands: thousands === '' ? -1 : thousands.charCodeAt(0) };
}

const POW10 = new Float64Array(23);
POW10[0] = 1;
for (let i = 1; i < 23; i++) POW10[i] = POW10[i - 1] * 10;

/**
 * The number in bytes [s, e), or NaN when the cell is empty or is not a plain number in this
 * format (the caller then checks for missing-value words and other text). Leading and trailing
 * spaces are ignored.
 */
export function parseNumberBytes(buf: Uint8Array, s: number, e: number, decimal: number, thousands: number): number {
  while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
  while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
  if (s === e) return NaN;
  let i = s;
  let neg = false;
  let c = buf[i];
  if (c === 45) {
    neg = true;
    i++;
  } else if (c === 43) {
    i++;
  }
  let mant = 0;
  let sig = 0;
  let exp10 = 0;
  let sawDigit = false;
  // Thousands grouping: the first group has 1-3 digits, every later group exactly 3.
  let groupDigits = 0;
  let sawGroup = false;
  for (; i < e; i++) {
    c = buf[i];
    const dg = c - 48;
    if (dg >= 0 && dg <= 9) {
      sawDigit = true;
      groupDigits++;
      if (sig > 0 || dg !== 0) {
        if (sig >= 15) return slowParse(buf, s, e, decimal, thousands);
        mant = mant * 10 + dg;
        sig++;
      }
      continue;
    }
    if (thousands >= 0 && sawDigit) {
      let width = 0;
      if (c === thousands) width = 1;
      else if (thousands === 32) {
        if (c === 0xa0) width = 1;
        else if (c === 0xc2 && buf[i + 1] === 0xa0) width = 2;
        else if (c === 0xe2 && buf[i + 1] === 0x80 && buf[i + 2] === 0xaf) width = 3;
      }
      if (width > 0) {
        if (sawGroup ? groupDigits !== 3 : groupDigits > 3) return NaN;
        sawGroup = true;
        groupDigits = 0;
        i += width - 1;
        continue;
      }
    }
    break;
  }
  if (sawGroup && groupDigits !== 3) return NaN;
  if (i < e && buf[i] === decimal) {
    i++;
    for (; i < e; i++) {
      const dg = buf[i] - 48;
      if (dg < 0 || dg > 9) break;
      sawDigit = true;
      if (sig > 0 || dg !== 0) {
        if (sig >= 15) return slowParse(buf, s, e, decimal, thousands);
        mant = mant * 10 + dg;
        sig++;
      }
      exp10--;
    }
  }
  if (!sawDigit) return NaN;
  if (i < e && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    let eneg = false;
    if (buf[i] === 45) {
      eneg = true;
      i++;
    } else if (buf[i] === 43) {
      i++;
    }
    let ev = 0;
    let sawExp = false;
    for (; i < e; i++) {
      const dg = buf[i] - 48;
      if (dg < 0 || dg > 9) break;
      sawExp = true;
      if (ev < 100000) ev = ev * 10 + dg;
    }
    if (!sawExp) return NaN;
    exp10 += eneg ? -ev : ev;
  }
  if (i !== e) return NaN;
  let v: number;
  if (mant === 0) v = 0;
  else if (exp10 === 0) v = mant;
  else if (exp10 > 0 && exp10 <= 22) v = mant * POW10[exp10];
  else if (exp10 < 0 && exp10 >= -22) v = mant / POW10[-exp10];
  else return slowParse(buf, s, e, decimal, thousands);
  return neg ? -v : v;
}

/** Normalises the cell to JavaScript number syntax and lets `Number` round it. */
function slowParse(buf: Uint8Array, s: number, e: number, decimal: number, thousands: number): number {
  let out = '';
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c === decimal) out += '.';
    else if (thousands >= 0 && (c === thousands || (thousands === 32 && (c === 0xa0 || c === 0xc2 || c === 0xe2 || c === 0x80 || c === 0xaf)))) continue;
    else if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 101 || c === 69) out += String.fromCharCode(c);
    else return NaN;
  }
  return parseNumberText(out, '.', '');
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number written in `text` in this format, or NaN (empty, or not a number). */
export function parseNumberText(text: string, decimal: DecimalSeparator, thousands: ThousandsSeparator): number {
  let t = text.trim();
  if (t === '') return NaN;
  if (thousands !== '') {
    const sep = thousands === ' ' ? '[ \u00a0\u202f]' : thousands === '.' ? '\\.' : thousands;
    const grouped = new RegExp(`^[+-]?\\d{1,3}(?:${sep}\\d{3})+(?=$|[${decimal === '.' ? '.' : ','}eE])`);
    const m = grouped.exec(t);
    if (m) t = m[0].replace(new RegExp(sep, 'g'), '') + t.slice(m[0].length);
  }
  if (decimal === ',') {
    if (t.includes('.')) return NaN;
    t = t.replace(',', '.');
  }
  if (!PLAIN_NUMBER.test(t)) return NaN;
  return Number(t);
}

/** What the sample says about the number format. */
export interface NumberFormatGuess {
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator;
  /** True when the thousands separator was inferred from ambiguous cells only ("1.234"). */
  isThousandsAssumed: boolean;
}

const NUMBERISH = /^[+-]?[\d.,' \u00a0\u202f]*\d[\d.,' \u00a0\u202f]*(?:[eE][+-]?\d+)?$/;

/**
 * Decides the decimal and thousands separators from sample cells (any columns). `delimiter` is a
 * hint for cells that prove nothing ("1,234" alone): a semicolon-separated file is the way
 * decimal-comma locales export, so there a lone comma is read as the decimal mark.
 */
export function detectNumberFormat(cells: Iterable<string>, delimiter = ','): NumberFormatGuess {
  let commaDecimal = 0;
  let dotDecimal = 0;
  let ambiguousDot = 0;
  let ambiguousComma = 0;
  const thousandsVotes = new Map<ThousandsSeparator, number>();
  const vote = (t: ThousandsSeparator): void => {
    thousandsVotes.set(t, (thousandsVotes.get(t) ?? 0) + 1);
  };
  for (const raw of cells) {
    const t = raw.trim();
    if (t.length === 0 || t.length > 40 || !NUMBERISH.test(t)) continue;
    const body = t.replace(/^[+-]/, '').replace(/[eE][+-]?\d+$/, '');
    if (/\d[ \u00a0\u202f]\d{3}(?!\d)/.test(body)) vote(' ');
    if (/\d'\d{3}(?!\d)/.test(body)) vote("'");
    const dots = (body.match(/\./g) ?? []).length;
    const commas = (body.match(/,/g) ?? []).length;
    if (dots > 0 && commas > 0) {
      if (body.lastIndexOf(',') > body.lastIndexOf('.')) {
        commaDecimal++;
        vote('.');
      } else {
        dotDecimal++;
        vote(',');
      }
      continue;
    }
    if (commas > 1) {
      dotDecimal++;
      vote(',');
      continue;
    }
    if (dots > 1) {
      commaDecimal++;
      vote('.');
      continue;
    }
    if (commas === 1) {
      const [a, b] = body.split(',');
      if (b.length !== 3 || /^0*$/.test(a.replace(/[ '\u00a0\u202f]/g, ''))) commaDecimal++;
      else ambiguousComma++;
    } else if (dots === 1) {
      const [a, b] = body.split('.');
      if (b.length !== 3 || /^0*$/.test(a.replace(/[ '\u00a0\u202f]/g, ''))) dotDecimal++;
      else ambiguousDot++;
    }
  }
  let decimal: DecimalSeparator = commaDecimal > dotDecimal ? ',' : '.';
  if (commaDecimal === 0 && dotDecimal === 0 && ambiguousComma > 0 && delimiter === ';') {
    decimal = ',';
    ambiguousComma = 0;
  }
  let thousands: ThousandsSeparator = '';
  let best = 0;
  for (const [sep, n] of thousandsVotes) {
    if (sep === decimal) continue;
    if (n > best) {
      best = n;
      thousands = sep;
    }
  }
  let isThousandsAssumed = false;
  if (thousands === '') {
    if (decimal === ',' && ambiguousDot > 0 && commaDecimal > 0) {
      thousands = '.';
      isThousandsAssumed = true;
    } else if (decimal === '.' && ambiguousComma > 0) {
      thousands = ',';
      isThousandsAssumed = true;
    }
  }
  return { decimal, thousands, isThousandsAssumed };
}
