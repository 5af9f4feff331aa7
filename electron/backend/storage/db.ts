/**
 * The project file's connection: checks, migrations and pragmas. A project is one SQLite file
 * (`.ciclo`) opened with better-sqlite3.
 *
 * Identity: every Ciclo file carries `PRAGMA application_id = 0x4369636C` (1130980204, the ASCII
 * bytes "Cicl"), so any other SQLite file is recognised and refused clearly. The schema version
 * is `PRAGMA user_version`, advanced by the migrations in ./migrations.
 *
 * Refusals never modify the file: the header is read with plain fs first (header.ts); the
 * integrity check opens the file read-only; only a file that passed every check is opened for
 * writing. New files are created in rollback-journal mode and switched to WAL only after the
 * first migration, so their header on disk always names Ciclo even after a crash.
 *
 * Native addon: under Electron, better-sqlite3 must be the build for Electron's ABI, not Node's.
 * The Electron main process passes its path as `nativeBinding` (better-sqlite3's own option; see
 * electron/main/main.ts, which reads it from the packaged resources or CICLO_SQLITE_BINDING).
 * Plain Node (CLI, headless studio, tests) uses the default binding.
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, statSync, unlinkSync } from 'node:fs';
import { AppError } from '../../../shared/errors.js';
import { inspectHeader, isValidPageSize, type SqliteHeader } from './header.js';
import { shippedMigrations, type Migration } from './migrations/index.js';

/** Ciclo's SQLite application id: the bytes "Cicl". */
export const CICLO_APPLICATION_ID = 0x4369636c;

/** A better-sqlite3 connection. */
export type Db = Database.Database;

/** Options shared by every open. */
export interface DbOptions {
  /** Path of a better-sqlite3 addon built for the running runtime (Electron); default: Node's. */
  nativeBinding?: string;
  /** Migrations to apply (tests pass a prefix to build old-version fixtures); default: shipped. */
  migrations?: Migration[];
}

function latestOf(migrations: Migration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
}

function notAProject(path: string, reason: string): AppError {
  return new AppError('NOT_A_PROJECT', `${path} is not a Ciclo project (${reason}).`, {
    messageKey: 'errors.NOT_A_PROJECT',
    params: { path, reason },
    details: { field: 'path' },
  });
}

function foreignDatabase(path: string): AppError {
  return new AppError(
    'NOT_A_PROJECT',
    `${path} is an SQLite database made by another program, not a Ciclo project. Ciclo leaves it untouched.`,
    { messageKey: 'errors.NOT_A_PROJECT.foreignDatabase', params: { path }, details: { field: 'path' } },
  );
}

function corrupt(path: string, reason: string): AppError {
  return new AppError('PROJECT_CORRUPT', `The project ${path} is damaged (${reason}). Ciclo leaves it untouched; restore it from a copy.`, {
    params: { path, reason },
    details: { field: 'path' },
  });
}

function tooNew(path: string, fileVersion: number, known: number): AppError {
  return new AppError(
    'PROJECT_TOO_NEW',
    `The project ${path} was saved by a newer Ciclo (schema version ${fileVersion}); this version understands up to ${known}. Update Ciclo to open it.`,
    { params: { path, fileVersion, knownVersion: known }, details: { field: 'path' } },
  );
}

/**
 * Everything that can be decided from the header bytes: not SQLite, another application's
 * database, truncated, or too new. Returns the header of a file that passed. Never writes.
 */
export function checkProjectHeader(path: string, options: DbOptions = {}): SqliteHeader {
  const known = latestOf(options.migrations ?? shippedMigrations());
  const inspection = inspectHeader(path);
  if (inspection.kind === 'not-sqlite') {
    const reasons = {
      empty: 'the file is empty',
      short: 'the file is too short to be a database',
      magic: 'it is not an SQLite database',
      directory: 'it is a folder',
    } as const;
    throw notAProject(path, reasons[inspection.reason]);
  }
  const h = inspection.header;
  // A Ciclo file always has our id; user_version 0 with id 0 is an empty or foreign database.
  if (h.applicationId !== CICLO_APPLICATION_ID) throw foreignDatabase(path);
  if (!isValidPageSize(h.pageSize)) throw corrupt(path, `impossible page size ${h.pageSize}`);
  if (h.fileSize % h.pageSize !== 0) throw corrupt(path, 'the file size is not a whole number of pages');
  // While another process checkpoints its WAL, page 1 (with the new count) can land before the
  // pages that extend the file; with a live WAL the integrity check through SQLite decides instead.
  if (h.pageCount !== null && h.fileSize < h.pageCount * h.pageSize && !hasLiveWal(path)) {
    throw corrupt(path, `the file is truncated: ${h.fileSize} bytes, the header declares ${h.pageCount * h.pageSize}`);
  }
  if (h.userVersion > known) throw tooNew(path, h.userVersion, known);
  return h;
}

/**
 * Opens the file read-only and runs `PRAGMA quick_check`, plus the identity checks again through
 * SQLite (authoritative when a WAL holds a newer first page). Cost grows with the file size, so
 * callers run it in a worker for large files (see project-file.ts).
 */
export function verifyIntegrity(path: string, options: DbOptions = {}): void {
  const known = latestOf(options.migrations ?? shippedMigrations());
  let db: Db | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== CICLO_APPLICATION_ID) throw foreignDatabase(path);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > known) throw tooNew(path, version, known);
    const rows = db.pragma('quick_check(20)') as Array<{ quick_check: string }>;
    const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
    if (problems.length > 0) throw corrupt(path, `integrity check: ${problems.slice(0, 3).join('; ')}`);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_IOERR_SHORT_READ') {
      throw corrupt(path, (err as Error).message);
    }
    throw err;
  } finally {
    db?.close();
  }
}

function hasLiveWal(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

/** Applies every migration newer than the file's version, each in its own transaction. */
export function migrate(db: Db, migrations: Migration[]): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= version) continue;
    db.transaction(() => {
      db.exec(m.sql);
      // user_version lives in the header page, which is written inside this transaction.
      db.pragma(`user_version = ${m.version}`);
    })();
    version = m.version;
  }
  return version;
}

function applyConnectionPragmas(db: Db, readOnly: boolean): void {
  if (!readOnly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // NORMAL is durable in WAL mode up to the last checkpoint-safe commit and much faster than FULL.
  if (!readOnly) db.pragma('synchronous = NORMAL');
}

/**
 * Opens a project file that passed {@link checkProjectHeader} and {@link verifyIntegrity}.
 * Read-write: WAL, foreign keys, pending migrations applied, then a checkpoint so the header on
 * disk carries the new version. Read-only: refuses a file that still needs migrating.
 */
export function openDb(path: string, readOnly: boolean, options: DbOptions = {}): Db {
  const migrations = options.migrations ?? shippedMigrations();
  const db = new Database(path, { readonly: readOnly, fileMustExist: true, nativeBinding: options.nativeBinding });
  try {
    applyConnectionPragmas(db, readOnly);
    const version = db.pragma('user_version', { simple: true }) as number;
    const known = latestOf(migrations);
    if (version > known) throw tooNew(path, version, known);
    if (version < known) {
      if (readOnly) {
        throw new AppError(
          'READ_ONLY',
          `The project ${path} was saved by an older Ciclo and must be upgraded once before it can be read; open it for writing.`,
          { messageKey: 'errors.READ_ONLY.needsUpgrade', params: { path, fileVersion: version, knownVersion: known } },
        );
      }
      migrate(db, migrations);
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Creates a new project file at `path` (which must not exist: the empty file is created with
 * O_EXCL, so two creators cannot both win), stamps Ciclo's id, applies every migration, runs
 * `init` in a transaction, then switches to WAL. On failure the half-made file is removed.
 */
export function createDb(path: string, init: (db: Db) => void, options: DbOptions = {}): Db {
  const migrations = options.migrations ?? shippedMigrations();
  closeSync(openSync(path, 'wx'));
  let db: Db | null = null;
  try {
    db = new Database(path, { fileMustExist: true, nativeBinding: options.nativeBinding });
    db.pragma('journal_mode = DELETE');
    db.pragma(`application_id = ${CICLO_APPLICATION_ID}`);
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    db.transaction(() => init(db as Db))();
    applyConnectionPragmas(db, false);
    return db;
  } catch (err) {
    db?.close();
    try {
      removeProjectFiles(path);
    } catch {
      // Best effort: the creation error below is what the user needs to see.
    }
    throw err;
  }
}

/** Paths of the SQLite side files of a project. */
export function sideFiles(path: string): string[] {
  return [`${path}-wal`, `${path}-shm`, `${path}-journal`];
}

/** Removes a project file and its SQLite side files; missing ones are fine. */
export function removeProjectFiles(path: string): void {
  for (const p of [path, ...sideFiles(path)]) {
    try {
      unlinkSync(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}
