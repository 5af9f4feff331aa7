/**
 * One writer per project, across processes. SQLite's own locking keeps single transactions
 * consistent, but two Ciclo processes interleaving whole workflows (a migration in one, a training
 * job committing in the other) would still step on each other; so a process that opens a project
 * for writing first creates `<project>.lock` with O_EXCL, holding who owns it.
 *
 * A lock is stale (and taken over) when its pid is dead on this host, or when it is unreadable
 * and older than a few seconds (a crash between create and write). A lock held from another host
 * (a shared network folder) is never presumed stale: the message names that host.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { AppError } from '../../../shared/errors.js';

/** What the lock file holds. */
export interface LockInfo {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  app: 'ciclo';
}

/** A held lock; `release` is idempotent. */
export interface ProjectLock {
  readonly path: string;
  readonly info: LockInfo;
  release(): void;
}

/** An unreadable lock younger than this is presumed to be in the middle of being written. */
const UNREADABLE_GRACE_MS = 5000;

/** The lock file of a project. */
export function lockPathOf(projectPath: string): string {
  return `${projectPath}.lock`;
}

/** True when a process with this pid exists on this machine. */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else, which still means alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads a lock file; null when it is missing or unreadable. */
export function readLock(lockPath: string): LockInfo | null {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? ''), app: 'ciclo' };
  } catch {
    return null;
  }
}

/**
 * Who holds the project's lock, when it is held by a live process other than this one.
 * Stale locks count as free.
 */
export function lockHolder(projectPath: string): LockInfo | null {
  const lockPath = lockPathOf(projectPath);
  const info = readLock(lockPath);
  if (info) {
    // Our own pid counts as held: another part of this process has the project open.
    if (info.host === hostname() && !isPidAlive(info.pid)) return null;
    return info;
  }
  try {
    const age = Date.now() - statSync(lockPath).mtimeMs;
    return age < UNREADABLE_GRACE_MS ? { pid: 0, host: '?', since: '', app: 'ciclo' } : null;
  } catch {
    return null;
  }
}

function lockedError(projectPath: string, holder: LockInfo): AppError {
  const who = holder.pid > 0 ? `process ${holder.pid} on ${holder.host}${holder.since ? ` since ${holder.since}` : ''}` : 'another process';
  return new AppError(
    'PROJECT_LOCKED',
    `The project ${projectPath} is open in another Ciclo (${who}). Close it there, or open this project read-only.`,
    { params: { path: projectPath, pid: holder.pid, host: holder.host, since: holder.since }, details: { field: 'path' } },
  );
}

/** Takes the project's lock or throws PROJECT_LOCKED naming the holder. */
export function acquireLock(projectPath: string): ProjectLock {
  const lockPath = lockPathOf(projectPath);
  const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString(), app: 'ciclo' };
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = lockHolder(projectPath);
      if (holder) throw lockedError(projectPath, holder);
      // Stale (dead pid on this host): remove it and try once more.
      // If another process takes it in between, the second O_EXCL create fails and we report it.
      try {
        unlinkSync(lockPath);
      } catch (unlinkErr) {
        if ((unlinkErr as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkErr;
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(info));
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      path: lockPath,
      info,
      release() {
        if (released) return;
        released = true;
        const current = readLock(lockPath);
        // Only remove the file if it is still ours (never someone else's fresh lock).
        if (current && current.pid === info.pid && current.host === info.host && current.since === info.since) {
          try {
            unlinkSync(lockPath);
          } catch {
            // Already gone: nothing to release.
          }
        }
      },
    };
  }
  throw lockedError(projectPath, readLock(lockPath) ?? { pid: 0, host: '?', since: '', app: 'ciclo' });
}
