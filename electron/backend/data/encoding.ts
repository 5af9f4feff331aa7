/**
 * Text encodings of imported files: detection and decoding.
 *
 * Detection, in order: a byte-order mark (UTF-8, UTF-16 LE/BE); UTF-16 without a mark when
 * every other byte of the first kilobytes is zero; then any NUL byte or many control bytes mean
 * a binary file (a spreadsheet, an archive, an image), refused with a clear message; then bytes
 * that are valid UTF-8 are UTF-8, and anything else is Windows-1252 (the superset of Latin-1 that
 * Windows spreadsheets write in Western locales).
 *
 * Windows-1252 is decoded here with our own table for 0x80-0x9F: Node's TextDecoder treats the
 * label as ISO-8859-1 and would turn the euro sign (0x80) and curly quotes into control characters.
 */
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { TextEncoding } from '../../../shared/domain/dataset.js';
import { parseError } from './errors.js';

/** Result of encoding detection. */
export interface EncodingGuess {
  encoding: TextEncoding;
  hasBom: boolean;
  /** Bytes of the byte-order mark to skip. */
  bomLength: number;
}

/**
 * Detects the encoding from the first bytes of a file. `isWholeFile` tells whether `head` is the
 * entire file (otherwise a multi-byte character cut at the end is not held against UTF-8).
 */
export function detectEncoding(head: Uint8Array, isWholeFile: boolean): EncodingGuess {
  if (head.length === 0) throw parseError('emptyFile', 'The file is empty.');
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', hasBom: true, bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', hasBom: true, bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', hasBom: true, bomLength: 2 };
  const probe = Math.min(head.length, 4096) & ~1;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < probe; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = probe / 2;
  if (pairs >= 4) {
    if (oddZeros > 0.4 * pairs && evenZeros < 0.05 * pairs) return { encoding: 'utf-16le', hasBom: false, bomLength: 0 };
    if (evenZeros > 0.4 * pairs && oddZeros < 0.05 * pairs) return { encoding: 'utf-16be', hasBom: false, bomLength: 0 };
  }
  assertText(head);
  let end = head.length;
  if (!isWholeFile) end = trimPartialUtf8(head);
  const encoding: TextEncoding = isUtf8(head.subarray(0, end)) ? 'utf-8' : 'windows-1252';
  return { encoding, hasBom: false, bomLength: 0 };
}

/**
 * Throws a binary-file error when bytes hold a NUL or more than 1% control bytes (other than
 * tab, line feed, form feed, carriage return and escape). `firstLine` is the line of byte 0.
 */
export function assertText(bytes: Uint8Array, firstLine = 1): void {
  const nul = bytes.indexOf(0);
  let controls = 0;
  if (nul < 0) {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) controls++;
    }
    if (controls <= Math.max(2, bytes.length * 0.01)) return;
  }
  let line = firstLine;
  const stop = nul < 0 ? bytes.length : nul;
  for (let i = 0; i < stop; i++) if (bytes[i] === 10) line++;
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
  throw parseError(
    isZip ? 'binaryFileZip' : 'binaryFile',
    isZip
      ? 'This is not a text file: it looks like a spreadsheet or an archive (.xlsx, .zip). Import .xlsx files as Excel.'
      : `This is not a text file: it holds binary data (first seen near line ${line}).`,
    { line: line },
    { line: line },
  );
}

/** End offset that excludes a UTF-8 sequence cut off at the end of a partial read. */
export function trimPartialUtf8(b: Uint8Array): number {
  let i = b.length;
  // Walk back over at most 3 continuation bytes to the lead byte.
  let back = 0;
  while (back < 3 && i - back - 1 >= 0 && (b[i - back - 1] & 0xc0) === 0x80) back++;
  const leadPos = i - back - 1;
  if (leadPos < 0) return i;
  const lead = b[leadPos];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (need > back + 1) i = leadPos;
  return i;
}

/** Code points of Windows-1252 bytes 0x80..0x9F (undefined bytes keep their Latin-1 value). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Decodes Windows-1252 bytes [s, e) of `buf`. */
export function decodeWindows1252(buf: Buffer, s: number, e: number): string {
  let hasHigh = false;
  for (let i = s; i < e; i++) {
    const b = buf[i];
    if (b >= 0x80 && b < 0xa0) {
      hasHigh = true;
      break;
    }
  }
  const latin = buf.toString('latin1', s, e);
  if (!hasHigh) return latin;
  let out = '';
  for (let i = 0; i < latin.length; i++) {
    const c = latin.charCodeAt(i);
    out += c >= 0x80 && c < 0xa0 ? String.fromCharCode(CP1252_HIGH[c - 0x80]) : latin[i];
  }
  return out;
}

/** A decoder of byte ranges for scanned bytes: UTF-8 (also what UTF-16 is transcoded to) or Windows-1252. */
export function rangeDecoder(encoding: TextEncoding): (buf: Buffer, s: number, e: number) => string {
  if (encoding === 'windows-1252') return decodeWindows1252;
  return (buf, s, e) => buf.toString('utf8', s, e);
}

/**
 * Turns chunks of a file into chunks the scanner reads: UTF-16 is transcoded to UTF-8 (streaming,
 * so a character split between chunks is kept whole); UTF-8 and Windows-1252 pass through.
 */
export class ChunkTranscoder {
  private readonly decoder: TextDecoder | null;
  constructor(encoding: TextEncoding) {
    this.decoder = encoding === 'utf-16le' || encoding === 'utf-16be' ? new TextDecoder(encoding) : null;
  }

  /** The scanner bytes of `chunk`; `isLast` flushes a pending half character. */
  push(chunk: Buffer, isLast: boolean): Buffer {
    if (!this.decoder) return chunk;
    return Buffer.from(this.decoder.decode(chunk, { stream: !isLast }), 'utf8');
  }

  /** True when the output is UTF-8 whatever the input. */
  get isTranscoding(): boolean {
    return this.decoder !== null;
  }
}
