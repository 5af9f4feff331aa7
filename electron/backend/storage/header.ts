/**
 * Reads a file's first 100 bytes and decides, before SQLite ever touches it, whether it can be a
 * Ciclo project. SQLite itself would happily "open" a text file (and fail later) or add a journal
 * next to a foreign database; reading the header with plain fs keeps every refused file
 * byte-for-byte unchanged.
 *
 * Header layout (https://www.sqlite.org/fileformat.html, section 1.3), all integers big-endian:
 *   0..15  "SQLite format 3\0"     16..17 page size (1 means 65536)
 *   18     write version (2 = WAL) 24..27 file change counter
 *   28..31 database size in pages (valid only when 92..95 equals the change counter)
 *   60..63 user_version            68..71 application_id
 *   92..95 version-valid-for number
 */
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { AppError } from '../../../shared/errors.js';

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;

/** What the header says about a file that looks like SQLite. */
export interface SqliteHeader {
  fileSize: number;
  pageSize: number;
  /** Pages the header declares, or null when that field is not trustworthy (legacy writers). */
  pageCount: number | null;
  userVersion: number;
  applicationId: number;
  isWal: boolean;
}

/** The result of looking at a file's first bytes. */
export type HeaderInspection =
  | { kind: 'sqlite'; header: SqliteHeader }
  | { kind: 'not-sqlite'; reason: 'empty' | 'short' | 'magic' | 'directory' };

/** Reads the header of `path` without writing anything. Throws NOT_FOUND when there is no such file. */
export function inspectHeader(path: string): HeaderInspection {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new AppError('NOT_FOUND', `There is no file at ${path}.`, {
        messageKey: 'errors.NOT_FOUND.projectFile',
        params: { path },
        details: { field: 'path' },
      });
    }
    if (code === 'EISDIR') return { kind: 'not-sqlite', reason: 'directory' };
    throw err;
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { kind: 'not-sqlite', reason: 'directory' };
    const fileSize = stat.size;
    if (fileSize === 0) return { kind: 'not-sqlite', reason: 'empty' };
    const buf = Buffer.alloc(HEADER_SIZE);
    const read = readSync(fd, buf, 0, HEADER_SIZE, 0);
    if (read < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return { kind: 'not-sqlite', reason: 'magic' };
    if (read < HEADER_SIZE) return { kind: 'not-sqlite', reason: 'short' };
    const rawPageSize = buf.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    const changeCounter = buf.readUInt32BE(24);
    const validFor = buf.readUInt32BE(92);
    const declared = buf.readUInt32BE(28);
    return {
      kind: 'sqlite',
      header: {
        fileSize,
        pageSize,
        pageCount: declared > 0 && validFor === changeCounter ? declared : null,
        userVersion: buf.readInt32BE(60),
        applicationId: buf.readInt32BE(68),
        isWal: buf[18] === 2,
      },
    };
  } finally {
    closeSync(fd);
  }
}

/** True when `pageSize` is one SQLite can write: a power of two from 512 to 65536. */
export function isValidPageSize(pageSize: number): boolean {
  return pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
}
