/**
 * The byte-level tokenizer of delimited text (RFC 4180 with the usual tolerances): fields split
 * by a one-byte delimiter; a field that starts with the quote character runs to the next lone
 * quote, may hold delimiters and line breaks, and writes a quote as two quotes; rows end at LF,
 * CRLF or a lone CR; blank lines are skipped; spaces after a closing quote are ignored.
 *
 * It works on the file's bytes (UTF-8 or a single-byte code page: every structural character is
 * ASCII, so no decoding is needed to split) and never makes a string: a row is handed to the
 * caller as start/end offsets into the buffer, so numbers can be parsed in place. It is fed
 * chunks: `scan` consumes whole rows and returns where the first incomplete row starts, which the
 * caller carries over to the next chunk. Errors name the physical line and the field position.
 */
import { parseError } from './errors.js';

/** Bytes of the dialect. */
export interface ScanDialect {
  delimiter: number;
  /** Quote byte, or -1 when quotes are not special. */
  quote: number;
  /** Decimal mark byte for the on-the-fly number reading (default '.'). */
  decimal?: number;
}

const POW10 = new Float64Array(16);
POW10[0] = 1;
for (let i = 1; i < 16; i++) POW10[i] = POW10[i - 1] * 10;

/**
 * Receives one row: fields f are buf[starts[f], ends[f]) (inside the quotes when quoted);
 * flags[f] = 0 unquoted, 1 quoted, 2 quoted and containing doubled quotes. `line` is the
 * physical line where the row starts (1-based). numbers[f] is the field's value when it is a
 * plain decimal number (optional minus, up to 15 digits, one decimal mark), else NaN: reading it
 * while splitting saves a second pass over the bytes for the common case.
 */
export type RowHandler = (
  buf: Buffer,
  starts: Int32Array,
  ends: Int32Array,
  flags: Uint8Array,
  nFields: number,
  line: number,
  numbers: Float64Array,
) => void;

/** Streaming tokenizer; see the module comment. */
export class CsvScanner {
  /** Physical line (1-based) where the next row starts. */
  line = 1;
  /** Rows handed to the handler. */
  rows = 0;
  /** Blank lines skipped. */
  blankLines = 0;
  /** Set by the handler to stop after the current row. */
  isStopped = false;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private flags = new Uint8Array(64);
  private numbers = new Float64Array(64);

  constructor(
    private readonly dialect: ScanDialect,
    private readonly onRow: RowHandler,
  ) {}

  private grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    const f = new Uint8Array(n);
    f.set(this.flags);
    const v = new Float64Array(n);
    v.set(this.numbers);
    this.numbers = v;
    this.starts = s;
    this.ends = e;
    this.flags = f;
  }

  /**
   * Consumes every complete row of `buf` (from offset 0) and returns the offset where the first
   * incomplete row starts (buf.length when everything was consumed). With `isLast`, a final row
   * without a line break is complete, and an open quote is an error.
   */
  scan(buf: Buffer, isLast: boolean): number {
    const delim = this.dialect.delimiter;
    const quote = this.dialect.quote;
    // A decimal comma cannot appear unquoted in a comma-separated file.
    const dec = this.dialect.decimal === undefined || this.dialect.decimal === delim ? (delim === 46 ? -2 : 46) : this.dialect.decimal;
    let numbers = this.numbers;
    let starts = this.starts;
    let ends = this.ends;
    let flags = this.flags;
    let capacity = starts.length;
    const end = buf.length;
    let pos = 0;
    while (pos < end && !this.isStopped) {
      const rowStart = pos;
      const rowLine = this.line;
      let line = rowLine;
      let nf = 0;
      for (;;) {
        if (nf === capacity) {
          this.grow();
          numbers = this.numbers;
          starts = this.starts;
          ends = this.ends;
          flags = this.flags;
          capacity = starts.length;
        }
        let c = pos < end ? buf[pos] : -1;
        if (c === quote) {
          const openLine = line;
          pos++;
          const s = pos;
          let flag = 1;
          let q: number;
          for (;;) {
            q = buf.indexOf(quote, pos);
            if (q < 0 || (q + 1 >= end && !isLast)) {
              if (!isLast) return rowStart;
              throw parseError(
                'unterminatedQuote',
                `Line ${openLine}, field ${nf + 1}: a quote opens a field that never closes.`,
                { line: openLine, column: nf + 1 },
                { line: openLine, column: nf + 1 },
              );
            }
            if (buf[q + 1] === quote) {
              flag = 2;
              pos = q + 2;
              continue;
            }
            break;
          }
          // Line breaks inside the quotes still count as physical lines.
          for (let k = buf.indexOf(10, s); k >= 0 && k < q; k = buf.indexOf(10, k + 1)) line++;
          starts[nf] = s;
          ends[nf] = q;
          flags[nf] = flag;
          numbers[nf] = NaN;
          nf++;
          pos = q + 1;
          while (pos < end && buf[pos] === 32) pos++;
          c = pos < end ? buf[pos] : -1;
          if (c !== delim && c !== 10 && c !== 13 && c !== -1) {
            throw parseError(
              'textAfterQuote',
              `Line ${line}, field ${nf}: unexpected text after a closing quote.`,
              { line, column: nf },
              { line, column: nf },
            );
          }
          if (c === -1 && !isLast) return rowStart;
        } else {
          const s = pos;
          let neg = false;
          if (c === 45) {
            neg = true;
            pos++;
          }
          // Integer digits, then (after one decimal mark) fraction digits; anything else makes
          // the field "not plain" and the rest is scanned without number work.
          let mant = 0;
          c = -1;
          while (pos < end) {
            c = buf[pos];
            const dg = c - 48;
            if (dg >>> 0 > 9) break;
            mant = mant * 10 + dg;
            pos++;
          }
          const intEnd = pos;
          let frac = 0;
          if (c === dec && pos < end) {
            pos++;
            const fracStart = pos;
            c = -1;
            while (pos < end) {
              c = buf[pos];
              const dg = c - 48;
              if (dg >>> 0 > 9) break;
              mant = mant * 10 + dg;
              pos++;
            }
            frac = pos - fracStart;
          }
          if (pos >= end) c = -1;
          const digits = intEnd - s - (neg ? 1 : 0) + frac;
          let isPlain = digits > 0 && digits <= 15;
          if (c !== -1 && c !== delim && c !== 10 && c !== 13) {
            isPlain = false;
            pos++;
            while (pos < end) {
              c = buf[pos];
              if (c === delim || c === 10 || c === 13) break;
              pos++;
            }
            if (pos >= end) c = -1;
          }
          starts[nf] = s;
          ends[nf] = pos;
          flags[nf] = 0;
          if (isPlain) {
            const v = frac > 0 ? mant / POW10[frac] : mant;
            numbers[nf] = neg ? -v : v;
          } else {
            numbers[nf] = NaN;
          }
          nf++;
        }
        if (c === delim) {
          pos++;
          continue;
        }
        if (c === -1) {
          if (!isLast) return rowStart;
          pos = end;
        } else if (c === 13) {
          if (pos + 1 >= end && !isLast) return rowStart;
          pos += buf[pos + 1] === 10 ? 2 : 1;
        } else {
          pos++;
        }
        break;
      }
      this.line = line + 1;
      if (nf === 1 && flags[0] === 0 && isBlank(buf, starts[0], ends[0])) {
        this.blankLines++;
        continue;
      }
      this.rows++;
      this.onRow(buf, starts, ends, flags, nf, rowLine, numbers);
    }
    return pos;
  }
}

function isBlank(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (buf[i] !== 32 && buf[i] !== 9) return false;
  return true;
}
