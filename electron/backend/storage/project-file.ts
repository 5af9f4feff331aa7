/**
 * Project files as whole objects: create, open (with every check, in the order that keeps refused
 * files untouched), rename, delete. The order of opening is:
 *   1. header bytes (plain fs read): not SQLite, another program's database, truncated, too new;
 *   2. the lock (read-write opens only): PROJECT_LOCKED names the process that holds it;
 *   3. integrity (`quick_check` on a read-only connection; in a worker for large files);
 *   4. the read-write (or read-only) connection, migrations, interrupted jobs marked.
 */
import { existsSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { CICLO_APPLICATION_ID, checkProjectHeader, createDb, openDb, removeProjectFiles, verifyIntegrity, type Db, type DbOptions } from './db.js';
import { acquireLock, lockHolder, type ProjectLock } from './lock.js';
import { inspectHeader } from './header.js';
import { initMeta } from './repos/meta.js';
import { markInterrupted } from './repos/jobs.js';
import { PROJECT_EXTENSION } from './paths.js';
import { resolveWorkerEntry } from '../workers/entry.js';
import { runWorker } from '../workers/run-worker.js';
import type { IntegrityInput } from '../workers/integrity.worker.js';

/** An open project file. */
export interface ProjectFile {
  readonly path: string;
  readonly db: Db;
  readonly isReadOnly: boolean;
  /** `user_version` after migrations. */
  readonly schemaVersion: number;
  /** Closes the connection (checkpointing the WAL) and releases the lock. Idempotent. */
  close(): void;
}

/** Options of {@link openProjectFile}. */
export interface OpenOptions extends DbOptions {
  readOnly?: boolean;
  /** Files larger than this are integrity-checked in a worker thread (default 32 MiB). */
  inlineCheckLimitBytes?: number;
}

const DEFAULT_INLINE_CHECK_LIMIT = 32 * 1024 * 1024;

function wrap(path: string, db: Db, readOnly: boolean, lock: ProjectLock | null, madeSideFiles = false): ProjectFile {
  let closed = false;
  return {
    path,
    db,
    isReadOnly: readOnly,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    close() {
      if (closed) return;
      closed = true;
      try {
        // Closing the last read-write connection checkpoints the WAL and removes -wal/-shm.
        if (db.open) db.close();
      } finally {
        lock?.release();
      }
      if (madeSideFiles) removeReadOnlyLeftovers(path);
    },
  };
}

/**
 * A read-only connection to a WAL file creates empty -wal/-shm files it cannot remove itself.
 * When this open created them, they are removed on close, but only while holding the lock
 * (every writer takes the lock before opening, so none can be using them) and only when the
 * WAL is empty.
 */
function removeReadOnlyLeftovers(path: string): void {
  let lock: ProjectLock;
  try {
    lock = acquireLock(path);
  } catch {
    return; // A writer has it open now: the files are its own.
  }
  try {
    const wal = `${path}-wal`;
    if (!existsSync(wal) || statSync(wal).size === 0) {
      for (const p of [wal, `${path}-shm`]) {
        try {
          unlinkSync(p);
        } catch {
          // Already gone.
        }
      }
    }
  } finally {
    lock.release();
  }
}

/** The file path of a project called `name` in `dir`. */
export function projectPathFor(dir: string, name: string): string {
  return join(resolve(dir), `${name}${PROJECT_EXTENSION}`);
}

/** The display name a file path suggests (its base name without `.ciclo`). */
export function nameFromPath(path: string): string {
  const base = basename(path);
  return extname(base) === PROJECT_EXTENSION ? base.slice(0, -PROJECT_EXTENSION.length) : base;
}

function existsError(path: string): AppError {
  return new AppError('PROJECT_EXISTS', `A file already exists at ${path}; choose another name or folder.`, {
    params: { path },
    details: { field: 'name' },
  });
}

/** Creates a new project (locked for this process) at `<dir>/<name>.ciclo`. */
export function createProjectFile(
  dir: string,
  name: string,
  init: { createdWith: string; now: string },
  options: DbOptions = {},
): ProjectFile {
  const path = projectPathFor(dir, name);
  if (existsSync(path)) throw existsError(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (err) {
    throw new AppError('INVALID_ARGUMENT', `Cannot create the folder ${dirname(path)}: ${(err as Error).message}`, {
      messageKey: 'errors.INVALID_ARGUMENT.folder',
      params: { path: dirname(path) },
      details: { field: 'dir' },
    });
  }
  const lock = acquireLock(path);
  try {
    const db = createDb(path, (d) => initMeta(d, { name, createdWith: init.createdWith, now: init.now }), options);
    return wrap(path, db, false, lock);
  } catch (err) {
    lock.release();
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw existsError(path);
    throw err;
  }
}

/** Runs the integrity check inline for small files and in a worker thread for large ones. */
async function checkIntegrity(path: string, options: OpenOptions): Promise<void> {
  const limit = options.inlineCheckLimitBytes ?? DEFAULT_INLINE_CHECK_LIMIT;
  if (statSync(path).size <= limit || options.migrations) {
    verifyIntegrity(path, options);
    return;
  }
  const input: IntegrityInput = { path, nativeBinding: options.nativeBinding };
  const run = runWorker<IntegrityInput, { ok: boolean }>(resolveWorkerEntry(import.meta.url, '../workers/integrity.worker'), input);
  const outcome = await run.outcome;
  if (outcome.state === 'failed') {
    const e = outcome.error;
    throw new AppError(e.code, e.message, { messageKey: e.messageKey, params: e.params, details: e.details });
  }
  if (outcome.state === 'cancelled') throw new AppError('CANCELLED', 'The integrity check was cancelled.');
}

/** Opens an existing project after every check; see the file comment for the order. */
export async function openProjectFile(rawPath: string, options: OpenOptions = {}): Promise<ProjectFile> {
  const path = resolve(rawPath);
  const readOnly = options.readOnly === true;
  checkProjectHeader(path, options);
  const lock = readOnly ? null : acquireLock(path);
  const hadSideFiles = existsSync(`${path}-wal`) || existsSync(`${path}-shm`);
  try {
    await checkIntegrity(path, options);
    const db = openDb(path, readOnly, options);
    try {
      if (!readOnly) markInterrupted(db, new Date().toISOString());
    } catch (err) {
      db.close();
      throw err;
    }
    return wrap(path, db, readOnly, lock, readOnly && !hadSideFiles);
  } catch (err) {
    lock?.release();
    // The read-only integrity check may have created -wal/-shm beside a file we refuse.
    if (!hadSideFiles) removeReadOnlyLeftovers(path);
    throw err;
  }
}

/**
 * Renames an open (read-write) project's file to `<same dir>/<newName>.ciclo`: the connection is
 * closed (checkpointing the WAL so the file is complete on its own), the new path is locked, the
 * file moved, the old lock released, and the file reopened. Returns the reopened project.
 */
export async function renameProjectFile(project: ProjectFile, newName: string, options: DbOptions = {}): Promise<ProjectFile> {
  const target = projectPathFor(dirname(project.path), newName);
  if (target === project.path) {
    // Same file name (only the display name changes): hand back a fresh connection.
    project.close();
    return openProjectFile(target, options);
  }
  // A case-only rename on a case-insensitive disk reports the target as existing: it is the same file.
  const sameFileOtherCase = target.toLowerCase() === project.path.toLowerCase();
  if (existsSync(target) && !sameFileOtherCase) throw existsError(target);
  const newLock = acquireLock(target);
  const oldPath = project.path;
  try {
    project.close();
    renameSync(oldPath, target);
  } catch (err) {
    newLock.release();
    throw err;
  }
  newLock.release();
  return openProjectFile(target, options);
}

/** Deletes a project file with its side files and lock. Refuses while another process has it open. */
export function deleteProjectFile(rawPath: string): void {
  const path = resolve(rawPath);
  if (!existsSync(path)) {
    throw new AppError('NOT_FOUND', `There is no file at ${path}.`, { messageKey: 'errors.NOT_FOUND.projectFile', params: { path }, details: { field: 'path' } });
  }
  // Only Ciclo projects are deleted: a mistyped path must never remove someone's other file.
  // (Damaged or newer-version Ciclo files may be deleted: only the identity is checked.)
  const inspection = inspectHeader(path);
  if (inspection.kind !== 'sqlite' || inspection.header.applicationId !== CICLO_APPLICATION_ID) {
    throw new AppError('NOT_A_PROJECT', `${path} is not a Ciclo project; Ciclo deletes only its own files.`, {
      messageKey: 'errors.NOT_A_PROJECT.notDeleted',
      params: { path },
      details: { field: 'path' },
    });
  }
  const holder = lockHolder(path);
  if (holder) {
    throw new AppError('PROJECT_LOCKED', `The project ${path} is open in another Ciclo (process ${holder.pid} on ${holder.host}); close it there first.`, {
      params: { path, pid: holder.pid, host: holder.host, since: holder.since },
      details: { field: 'path' },
    });
  }
  // Take the lock while deleting so no one opens it half-way.
  const lock = acquireLock(path);
  try {
    removeProjectFiles(path);
  } finally {
    lock.release();
  }
}
