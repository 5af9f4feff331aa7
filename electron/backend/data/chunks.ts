/**
 * Column chunks for content-addressed storage (the versions store builds on this).
 *
 * A column is cut into fixed runs of CHUNK_ROWS rows; each chunk's bytes are the typed array's
 * little-endian bytes (Float64 for number columns, Int32 codes for code columns, Int32 for row
 * ids) and its address is the SHA-256 of those bytes. Two versions that share rows in the same
 * positions share chunks, so a version that changes one row of a million stores one new chunk
 * per changed column. Levels of code columns are a separate small blob (JSON); re-encoding a new
 * version's codes against its parent's levels (`alignLevels` in table.ts) keeps codes stable so
 * chunks keep matching. Fixed row runs (rather than content-defined boundaries) are the simple
 * choice for columnar data whose edits are mostly in place or appended at the end.
 */
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import type { ColumnType } from '../../../shared/domain/dataset.js';
import { AppError } from '../../../shared/errors.js';
import { isNumberColumn, isNumberType, type DataColumn } from './table.js';

/** Rows per chunk: 64 Ki rows = 512 KiB of Float64, a size SQLite blobs handle well. */
export const CHUNK_ROWS = 65536;

/** One chunk of a column. */
export interface ColumnChunk {
  /** SHA-256 of `bytes`, hex. */
  hash: string;
  rowStart: number;
  rowCount: number;
  bytes: Uint8Array;
}

/** What is stored about a column besides its chunks. */
export interface ColumnManifest {
  name: string;
  type: ColumnType;
  rows: number;
  /** Code columns: the level texts. */
  levels?: string[];
  /** Boolean columns: how false and true were written. */
  labels?: [string, string];
  /** Chunk hashes in row order. */
  chunks: string[];
}

if (endianness() !== 'LE') {
  // Chunk bytes are the platform's typed-array bytes; every platform Ciclo ships on is little-endian.
  throw new AppError('INTERNAL', 'Ciclo stores data in little-endian byte order and cannot run on this machine.');
}

/** SHA-256 hex of bytes. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Cuts a typed array into chunks (views, not copies). */
export function chunkArray(values: Float64Array | Int32Array, rowsPerChunk = CHUNK_ROWS): ColumnChunk[] {
  const out: ColumnChunk[] = [];
  for (let start = 0; start < values.length; start += rowsPerChunk) {
    const part = values.subarray(start, Math.min(values.length, start + rowsPerChunk));
    const bytes = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
    out.push({ hash: hashBytes(bytes), rowStart: start, rowCount: part.length, bytes });
  }
  return out;
}

/** A column's manifest and chunks. */
export function chunkColumn(c: DataColumn, rowsPerChunk = CHUNK_ROWS): { manifest: ColumnManifest; chunks: ColumnChunk[] } {
  const chunks = chunkArray(isNumberColumn(c) ? c.values : c.codes, rowsPerChunk);
  const manifest: ColumnManifest = { name: c.name, type: c.type, rows: isNumberColumn(c) ? c.values.length : c.codes.length, chunks: chunks.map((k) => k.hash) };
  if (!isNumberColumn(c)) manifest.levels = c.levels.slice();
  else if (c.labels) manifest.labels = [c.labels[0], c.labels[1]];
  return { manifest, chunks };
}

/** Rebuilds a column from its manifest and its chunks' bytes (in manifest order). */
export function assembleColumn(manifest: ColumnManifest, chunkBytes: readonly Uint8Array[]): DataColumn {
  const isNumber = isNumberType(manifest.type);
  const width = isNumber ? 8 : 4;
  const buf = new ArrayBuffer(manifest.rows * width);
  const dst = new Uint8Array(buf);
  let off = 0;
  for (const b of chunkBytes) {
    dst.set(b, off);
    off += b.length;
  }
  if (off !== buf.byteLength) {
    throw new AppError('PROJECT_CORRUPT', `Column "${manifest.name}" has ${off} bytes of chunks, expected ${buf.byteLength}.`);
  }
  if (isNumber) {
    const values = new Float64Array(buf);
    return manifest.labels
      ? { type: manifest.type as 'boolean', name: manifest.name, values, labels: manifest.labels }
      : { type: manifest.type as 'numeric', name: manifest.name, values };
  }
  return { type: manifest.type as 'categorical', name: manifest.name, codes: new Int32Array(buf), levels: manifest.levels ?? [] };
}
