/**
 * Reads single cells of a stored column without rebuilding the column: the chunk holding the row
 * (and, for code columns, the level chunk holding the code) is read and kept, so a page of
 * neighbouring rows costs one chunk read per column. This is what lets the backend's main
 * thread serve a page of a million-row version (work bounded by the chunk size, not the rows),
 * and what the diff uses to show examples.
 */
import type { StoredColumn, StreamRef } from '../storage/repos/datasets.js';
import type { Db } from '../storage/db.js';
import { cellText, isNumberType, type DataColumn } from '../data/table.js';
import { requireChunk } from './chunk-io.js';

/**
 * Recently read chunks, by hash. A chunk's bytes never change (its name is their hash), so the
 * cache can never be stale and is shared by every project this process opens. Reading a 512 KiB
 * blob walks SQLite's overflow pages (a few milliseconds), so without it every page of a table
 * view would re-read one chunk per column; with it, paging through the 65,536 rows of a chunk
 * reads each chunk once.
 */
class ChunkCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** Forgets every chunk. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** The chunk's bytes (8-byte aligned, a private copy), reading it on a miss. */
  get(db: Db, hash: string): Uint8Array {
    const hit = this.entries.get(hash);
    if (hit) {
      this.entries.delete(hash);
      this.entries.set(hash, hit);
      return hit;
    }
    const b = requireChunk(db, hash);
    // Copy into an aligned buffer: a Buffer's offset in Node's pool may not be a multiple of 8.
    const copy = new Uint8Array(b.byteLength);
    copy.set(b);
    this.entries.set(hash, copy);
    this.bytes += copy.byteLength;
    for (const [h, v] of this.entries) {
      if (this.bytes <= this.maxBytes || h === hash) break;
      this.entries.delete(h);
      this.bytes -= v.byteLength;
    }
    return copy;
  }
}

/** Shared by the readers of this thread: 64 MiB of the most recently read chunks. */
const cache = new ChunkCache(64 << 20);

/** Empties this thread's chunk cache (tests use it to prove which chunks a reader touches). */
export function clearChunkCache(): void {
  cache.clear();
}

/** Prefix sums of a stream's item counts: starts[k] is the first item of chunk k. */
export function chunkStarts(ref: StreamRef): number[] {
  const starts: number[] = [];
  let s = 0;
  for (const c of ref.counts) {
    starts.push(s);
    s += c;
  }
  starts.push(s);
  return starts;
}

/** The chunk holding item `i` (binary search over `starts`). */
export function chunkIndexOf(starts: readonly number[], i: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Random access to the items of a numeric stream (Float64, Int32 or Uint8), chunk by chunk. */
export class StreamReader {
  private readonly starts: number[];
  private cachedIndex = -1;
  private cached: Float64Array | Int32Array | Uint8Array | null = null;

  constructor(
    private readonly db: Db,
    private readonly ref: StreamRef,
    private readonly kind: 'f64' | 'i32' | 'u8',
  ) {
    this.starts = chunkStarts(ref);
  }

  /** Items in the stream. */
  get length(): number {
    return this.starts[this.starts.length - 1];
  }

  /** Item `i`. */
  get(i: number): number {
    const k = chunkIndexOf(this.starts, i);
    return this.chunk(k)[i - this.starts[k]];
  }

  /** The whole chunk `k` as a typed array (cached until another chunk is read). */
  chunk(k: number): Float64Array | Int32Array | Uint8Array {
    if (k !== this.cachedIndex || !this.cached) {
      const bytes = cache.get(this.db, this.ref.hashes[k]);
      this.cached = this.kind === 'f64' ? new Float64Array(bytes.buffer) : this.kind === 'i32' ? new Int32Array(bytes.buffer) : bytes;
      this.cachedIndex = k;
    }
    return this.cached;
  }

  /** First item of chunk `k`. */
  startOf(k: number): number {
    return this.starts[k];
  }

  /** Number of chunks. */
  get chunkCount(): number {
    return this.ref.hashes.length;
  }
}

/** Random access to a level list, one level chunk at a time. */
export class LevelReader {
  private readonly starts: number[];
  private readonly cache = new Map<number, string[]>();

  constructor(
    private readonly db: Db,
    private readonly ref: StreamRef,
  ) {
    this.starts = chunkStarts(ref);
  }

  /** Level `code`. */
  get(code: number): string {
    const k = chunkIndexOf(this.starts, code);
    let part = this.cache.get(k);
    if (!part) {
      if (this.cache.size >= 8) this.cache.clear();
      const bytes = cache.get(this.db, this.ref.hashes[k]);
      part = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as string[];
      this.cache.set(k, part);
    }
    return part[code - this.starts[k]];
  }
}

/** Display text of the cells of one stored column. */
export class CellReader {
  private readonly values: StreamReader;
  private readonly levels: LevelReader | null;
  private readonly isNumber: boolean;
  private readonly one: DataColumn;

  constructor(db: Db, readonly column: StoredColumn) {
    this.isNumber = isNumberType(column.type);
    this.values = new StreamReader(db, column.values, this.isNumber ? 'f64' : 'i32');
    this.levels = column.levels ? new LevelReader(db, column.levels) : null;
    this.one = this.isNumber
      ? column.labels
        ? { type: 'boolean', name: column.name, values: new Float64Array(1), labels: column.labels }
        : { type: column.type as 'numeric', name: column.name, values: new Float64Array(1) }
      : { type: column.type as 'categorical', name: column.name, codes: new Int32Array(1), levels: [] };
  }

  /** The raw stored value of row `i` (a number, or a code with -1 = missing). */
  raw(i: number): number {
    return this.values.get(i);
  }

  /** The text of row `i` (null = missing). */
  text(i: number): string | null {
    const v = this.values.get(i);
    if (this.isNumber) {
      (this.one as { values: Float64Array }).values[0] = v;
      return cellText(this.one, 0);
    }
    return v < 0 || !this.levels ? null : this.levels.get(v);
  }
}
