/**
 * Queries of `chunks`: content-addressed blobs (the SHA-256 of the bytes is the key). Writing the
 * same bytes twice stores them once, which is how dataset versions share data. Job workers write
 * chunks through their own connection before the backend commits the version that references
 * them; chunks no version references (a failed or cancelled job, a deleted dataset) are removed
 * by {@link sweepOrphanChunks}, which the backend runs only while no data job is writing.
 */
import Database from 'better-sqlite3';
import type { Db } from '../db.js';

/**
 * A job worker's own connection to an open project, for reading and writing chunk blobs only
 * (metadata commits stay with the backend's connection). The project is already open, checked,
 * migrated and in WAL mode; this connection waits for the backend's short write transactions
 * instead of failing with SQLITE_BUSY. `nativeBinding` is the backend's (see storage/db.ts).
 */
export function openChunkConnection(path: string, nativeBinding?: string): Db {
  const db = new Database(path, { fileMustExist: true, nativeBinding, timeout: 60_000 });
  db.pragma('synchronous = NORMAL');
  return db;
}

/** A chunk to store. */
export interface ChunkBlob {
  hash: string;
  bytes: Uint8Array;
}

/**
 * Stores chunks that are not there yet, in one transaction. Returns the bytes actually added
 * (chunks already present cost nothing).
 */
export function insertChunks(db: Db, chunks: readonly ChunkBlob[]): number {
  if (chunks.length === 0) return 0;
  const exists = db.prepare('SELECT 1 FROM chunks WHERE hash = ?').pluck();
  const put = db.prepare('INSERT OR IGNORE INTO chunks (hash, size, bytes) VALUES (?, ?, ?)');
  let added = 0;
  db.transaction(() => {
    for (const c of chunks) {
      // Checking first avoids binding (copying) megabytes for a chunk that is already stored.
      if (exists.get(c.hash) !== undefined) continue;
      // better-sqlite3 binds Buffers: wrap the typed array's memory without copying it.
      const buf = Buffer.isBuffer(c.bytes) ? c.bytes : Buffer.from(c.bytes.buffer, c.bytes.byteOffset, c.bytes.byteLength);
      const r = put.run(c.hash, c.bytes.byteLength, buf);
      if (r.changes > 0) added += c.bytes.byteLength;
    }
  })();
  return added;
}

/** The bytes of a chunk, or undefined when it is not stored. */
export function readChunk(db: Db, hash: string): Buffer | undefined {
  return db.prepare('SELECT bytes FROM chunks WHERE hash = ?').pluck().get(hash) as Buffer | undefined;
}

/** `length` bytes of a chunk from `offset` (0-based), or undefined when it is not stored. */
export function readChunkSlice(db: Db, hash: string, offset: number, length: number): Buffer | undefined {
  // substr() on a BLOB counts bytes and is 1-based.
  return db.prepare('SELECT substr(bytes, ?, ?) FROM chunks WHERE hash = ?').pluck().get(offset + 1, length, hash) as Buffer | undefined;
}

/** Sizes of the given chunks (missing ones are absent from the map). */
export function chunkSizes(db: Db, hashes: Iterable<string>): Map<string, number> {
  const q = db.prepare('SELECT size FROM chunks WHERE hash = ?').pluck();
  const out = new Map<string, number>();
  for (const h of hashes) {
    if (out.has(h)) continue;
    const size = q.get(h) as number | undefined;
    if (size !== undefined) out.set(h, size);
  }
  return out;
}

/** Removes every chunk no version references. Returns how many and how many bytes. */
export function sweepOrphanChunks(db: Db): { chunks: number; bytes: number } {
  return db.transaction(() => {
    const orphan = 'NOT EXISTS (SELECT 1 FROM version_chunks v WHERE v.chunk_hash = chunks.hash)';
    const stat = db.prepare(`SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM chunks WHERE ${orphan}`).get() as { n: number; bytes: number };
    if (stat.n > 0) db.prepare(`DELETE FROM chunks WHERE ${orphan}`).run();
    return { chunks: stat.n, bytes: stat.bytes };
  })();
}

/** Number of chunks and their total bytes (the project's data footprint). */
export function chunkTotals(db: Db): { chunks: number; bytes: number } {
  return db.prepare('SELECT count(*) AS chunks, coalesce(sum(size), 0) AS bytes FROM chunks').get() as { chunks: number; bytes: number };
}
