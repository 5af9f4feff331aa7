/**
 * Tables in and out of content-addressed chunks (runs in job workers, through their own
 * connection; see storage/repos/chunks.ts).
 *
 * A version's data is a set of streams, each cut into chunks addressed by the SHA-256 of their
 * bytes (data/chunks.ts): per column its values (Float64, or Int32 dictionary codes) and, for code
 * columns, its level texts; the row ids (Int32); the partition (Uint8 part codes). Values and row
 * ids are cut every CHUNK_ROWS rows, so two versions that share rows in the same positions share
 * chunks. Levels are JSON arrays cut every ~1 MiB of text; a new version's codes are re-encoded
 * against its parent's levels (`alignLevels`) so unchanged codes and level lists keep their
 * bytes, and a level list that only grew at the end changes only its last chunk.
 */
import type { ColumnRole } from '../../../shared/domain/dataset.js';
import { AppError } from '../../../shared/errors.js';
import { CHUNK_ROWS, hashBytes } from '../data/chunks.js';
import { throwIfCancelled, type AbortFlag } from '../data/errors.js';
import { alignLevels, isNumberColumn, isNumberType, type DataColumn, type DataTable } from '../data/table.js';
import { insertChunks, readChunk, type ChunkBlob } from '../storage/repos/chunks.js';
import type { Db } from '../storage/db.js';
import type { StoredColumn, StreamRef, VersionManifest } from '../storage/repos/datasets.js';

/** Level text per chunk, about this many bytes of JSON. */
export const LEVEL_CHUNK_BYTES = 1 << 20;
/**
 * Bytes written per transaction: small enough that the backend's own short writes (job states)
 * never wait long for the worker's write lock, and that a cancel is noticed between batches.
 */
export const WRITE_BATCH_BYTES = 8 << 20;

type Typed = Float64Array | Int32Array | Uint8Array;

/** A stream cut into chunks (views, not copies) with its reference. */
export interface ChunkedStream {
  ref: StreamRef;
  blobs: ChunkBlob[];
}

/** Cuts a typed array into chunks of `rowsPerChunk` items. */
export function chunkTyped(values: Typed, rowsPerChunk = CHUNK_ROWS): ChunkedStream {
  const ref: StreamRef = { hashes: [], counts: [] };
  const blobs: ChunkBlob[] = [];
  for (let start = 0; start < values.length; start += rowsPerChunk) {
    const part = values.subarray(start, Math.min(values.length, start + rowsPerChunk));
    const bytes = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
    const hash = hashBytes(bytes);
    ref.hashes.push(hash);
    ref.counts.push(part.length);
    blobs.push({ hash, bytes });
  }
  return { ref, blobs };
}

/** Cuts a level list into JSON chunks of about {@link LEVEL_CHUNK_BYTES}. */
export function chunkLevels(levels: readonly string[], maxBytes = LEVEL_CHUNK_BYTES): ChunkedStream {
  const ref: StreamRef = { hashes: [], counts: [] };
  const blobs: ChunkBlob[] = [];
  let start = 0;
  let size = 2;
  const flush = (end: number): void => {
    const bytes = Buffer.from(JSON.stringify(levels.slice(start, end)), 'utf8');
    const hash = hashBytes(bytes);
    ref.hashes.push(hash);
    ref.counts.push(end - start);
    blobs.push({ hash, bytes });
    start = end;
    size = 2;
  };
  for (let i = 0; i < levels.length; i++) {
    // Boundaries depend only on the levels before them, so appending levels keeps earlier chunks.
    size += Buffer.byteLength(levels[i], 'utf8') + 3;
    if (size >= maxBytes) flush(i + 1);
  }
  if (start < levels.length) flush(levels.length);
  return { ref, blobs };
}

/** Writes blobs in batches (one transaction each), checking for cancellation between batches. Returns bytes added. */
export function writeBlobs(db: Db, blobs: readonly ChunkBlob[], signal?: AbortFlag, onBatch?: (written: number) => void): number {
  let added = 0;
  let batch: ChunkBlob[] = [];
  let batchBytes = 0;
  let written = 0;
  const flush = (): void => {
    throwIfCancelled(signal);
    added += insertChunks(db, batch);
    written += batch.length;
    onBatch?.(written);
    batch = [];
    batchBytes = 0;
  };
  for (const b of blobs) {
    batch.push(b);
    batchBytes += b.bytes.byteLength;
    if (batchBytes >= WRITE_BATCH_BYTES) flush();
  }
  if (batch.length > 0) flush();
  return added;
}

/** What {@link storeTable} needs besides the table. */
export interface StoreOptions {
  /** Role of each column by name (default feature). */
  roles?: ReadonlyMap<string, ColumnRole>;
  /** The parent version's levels per code column name: codes are re-encoded against them. */
  baseLevels?: ReadonlyMap<string, readonly string[]>;
  /** Part code per row, stored with the version. */
  assignment?: Uint8Array | null;
  signal?: AbortFlag;
  /** 0..1 of the writing. */
  onProgress?: (fraction: number) => void;
}

/** A stored table: its manifest and the bytes the store actually added. */
export interface StoredTable {
  manifest: VersionManifest;
  addedBytes: number;
  /** Sum of the sizes of every chunk the manifest references. */
  logicalBytes: number;
}

/** Re-encodes code columns against the parent's levels where the parent had the same column. */
export function alignToBase(table: DataTable, baseLevels: ReadonlyMap<string, readonly string[]> | undefined): DataTable {
  if (!baseLevels || baseLevels.size === 0) return table;
  const columns = table.columns.map((c): DataColumn => {
    if (isNumberColumn(c)) return c;
    const base = baseLevels.get(c.name);
    return base ? alignLevels(c, base) : c;
  });
  return { nRows: table.nRows, columns, rowIds: table.rowIds };
}

/** A table cut into chunks, not written yet. */
interface PreparedTable {
  manifest: VersionManifest;
  blobs: ChunkBlob[];
  logicalBytes: number;
}

function prepareTable(input: DataTable, options: StoreOptions): PreparedTable {
  const table = alignToBase(input, options.baseLevels);
  const columns: StoredColumn[] = [];
  const blobs: ChunkBlob[] = [];
  for (const c of table.columns) {
    throwIfCancelled(options.signal);
    const values = chunkTyped(isNumberColumn(c) ? c.values : c.codes);
    blobs.push(...values.blobs);
    let levels: StreamRef | null = null;
    if (!isNumberColumn(c)) {
      const l = chunkLevels(c.levels);
      blobs.push(...l.blobs);
      levels = l.ref;
    }
    columns.push({
      name: c.name,
      type: c.type,
      role: options.roles?.get(c.name) ?? 'feature',
      levels,
      labels: isNumberColumn(c) && c.labels ? [c.labels[0], c.labels[1]] : null,
      values: values.ref,
    });
  }
  const rowIds = chunkTyped(table.rowIds);
  blobs.push(...rowIds.blobs);
  let partition: StreamRef | null = null;
  if (options.assignment) {
    if (options.assignment.length !== table.nRows) throw new AppError('INTERNAL', 'The partition does not match the table rows.');
    const p = chunkTyped(options.assignment);
    blobs.push(...p.blobs);
    partition = p.ref;
  }
  let logicalBytes = 0;
  for (const b of blobs) logicalBytes += b.bytes.byteLength;
  return { manifest: { rows: table.nRows, columns, rowIds: rowIds.ref, partition }, blobs, logicalBytes };
}

/** Cuts a table into chunks, writes the new ones and returns the manifest. */
export function storeTable(db: Db, input: DataTable, options: StoreOptions = {}): StoredTable {
  const prepared = prepareTable(input, options);
  const total = prepared.blobs.length;
  options.onProgress?.(0);
  const addedBytes = writeBlobs(db, prepared.blobs, options.signal, (written) => options.onProgress?.(written / Math.max(1, total)));
  return { manifest: prepared.manifest, addedBytes, logicalBytes: prepared.logicalBytes };
}

/**
 * {@link storeTable} for worker threads: it yields to the event loop between write batches, so a
 * cancel message is received (and honoured) within one batch instead of at the end.
 */
export async function storeTableYielding(db: Db, input: DataTable, options: StoreOptions = {}): Promise<StoredTable> {
  const prepared = prepareTable(input, options);
  const total = prepared.blobs.length;
  options.onProgress?.(0);
  let addedBytes = 0;
  let written = 0;
  let batch: ChunkBlob[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    throwIfCancelled(options.signal);
    addedBytes += insertChunks(db, batch);
    written += batch.length;
    options.onProgress?.(written / Math.max(1, total));
    batch = [];
    batchBytes = 0;
  };
  for (const b of prepared.blobs) {
    batch.push(b);
    batchBytes += b.bytes.byteLength;
    if (batchBytes >= WRITE_BATCH_BYTES) await flush();
  }
  if (batch.length > 0) await flush();
  return { manifest: prepared.manifest, addedBytes, logicalBytes: prepared.logicalBytes };
}

function missingChunk(hash: string): AppError {
  return new AppError('PROJECT_CORRUPT', `A data chunk (${hash.slice(0, 12)}…) of this version is missing from the project file.`, {
    messageKey: 'errors.data.chunkMissing',
    params: { hash },
  });
}

/** Reads one chunk or fails clearly. */
export function requireChunk(db: Db, hash: string): Buffer {
  const b = readChunk(db, hash);
  if (!b) throw missingChunk(hash);
  return b;
}

/** Reads a whole numeric stream into a fresh typed array of `width` bytes per item. */
export function loadStream<T extends Typed>(db: Db, ref: StreamRef, make: (buf: ArrayBuffer) => T, width: number, signal?: AbortFlag): T {
  const total = ref.counts.reduce((a, b) => a + b, 0);
  const buf = new ArrayBuffer(total * width);
  const dst = new Uint8Array(buf);
  let off = 0;
  ref.hashes.forEach((h, k) => {
    throwIfCancelled(signal);
    const b = requireChunk(db, h);
    if (b.byteLength !== ref.counts[k] * width) throw missingChunk(h);
    dst.set(b, off);
    off += b.byteLength;
  });
  return make(buf);
}

/** Reads a level list. */
export function loadLevels(db: Db, ref: StreamRef): string[] {
  const out: string[] = [];
  for (const h of ref.hashes) {
    const part = JSON.parse(requireChunk(db, h).toString('utf8')) as string[];
    for (const s of part) out.push(s);
  }
  return out;
}

/** Rebuilds one column. */
export function loadColumn(db: Db, c: StoredColumn, signal?: AbortFlag): DataColumn {
  if (isNumberType(c.type)) {
    const values = loadStream(db, c.values, (b) => new Float64Array(b), 8, signal);
    return c.labels
      ? { type: c.type as 'boolean', name: c.name, values, labels: c.labels }
      : { type: c.type as 'numeric', name: c.name, values };
  }
  const codes = loadStream(db, c.values, (b) => new Int32Array(b), 4, signal);
  return { type: c.type as 'categorical', name: c.name, codes, levels: c.levels ? loadLevels(db, c.levels) : [] };
}

/** Rebuilds a version's table (all columns, or the named ones in that order). */
export function loadTable(db: Db, manifest: VersionManifest, options: { columns?: readonly string[]; signal?: AbortFlag; onProgress?: (f: number) => void } = {}): DataTable {
  const chosen = options.columns
    ? options.columns.map((n) => {
        const c = manifest.columns.find((x) => x.name === n);
        if (!c) throw new AppError('INVALID_ARGUMENT', `Column "${n}" does not exist.`, { messageKey: 'errors.data.columnNotFound', params: { column: n }, details: { field: n } });
        return c;
      })
    : manifest.columns;
  const columns: DataColumn[] = [];
  chosen.forEach((c, j) => {
    columns.push(loadColumn(db, c, options.signal));
    options.onProgress?.((j + 1) / (chosen.length + 1));
  });
  const rowIds = loadStream(db, manifest.rowIds, (b) => new Int32Array(b), 4, options.signal);
  options.onProgress?.(1);
  return { nRows: manifest.rows, columns, rowIds };
}

/** The part code of every row, or null when the version has no partition. */
export function loadAssignment(db: Db, manifest: VersionManifest, signal?: AbortFlag): Uint8Array | null {
  return manifest.partition ? loadStream(db, manifest.partition, (b) => new Uint8Array(b), 1, signal) : null;
}

/** The levels of every code column of a manifest, by column name (to align a child version with). */
export function levelsByName(db: Db, manifest: VersionManifest | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!manifest) return out;
  for (const c of manifest.columns) if (c.levels) out.set(c.name, loadLevels(db, c.levels));
  return out;
}
