import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { acquireLock, isPidAlive, lockHolder, lockPathOf } from '../../../../../electron/backend/storage/lock.js';
import { tempDir, type TempDir } from '../../../../helpers/project.js';

let tmp: TempDir;
let project: string;
beforeEach(() => {
  tmp = tempDir();
  project = join(tmp.path, 'p.ciclo');
});
afterEach(() => tmp.cleanup());

/** A pid that surely belongs to no running process: a child that has already exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('project lock', () => {
  it('writes pid, host and time, and removes the file on release', () => {
    const lock = acquireLock(project);
    expect(JSON.parse(readFileSync(lockPathOf(project), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname(), app: 'ciclo' });
    lock.release();
    lock.release();
    expect(existsSync(lockPathOf(project))).toBe(false);
  });

  it('refuses a second acquisition while held, even from the same process', () => {
    const lock = acquireLock(project);
    expect(() => acquireLock(project)).toThrow(expect.objectContaining({ code: 'PROJECT_LOCKED' }));
    lock.release();
  });

  it('names a holder on another host and never presumes it stale', () => {
    writeFileSync(lockPathOf(project), JSON.stringify({ pid: 1, host: 'other-machine', since: '2026-01-01T00:00:00Z', app: 'ciclo' }));
    expect(lockHolder(project)).toMatchObject({ host: 'other-machine' });
    expect(() => acquireLock(project)).toThrow(/other-machine/);
  });

  it('takes over a lock whose process is dead on this host', () => {
    const pid = deadPid();
    expect(isPidAlive(pid)).toBe(false);
    writeFileSync(lockPathOf(project), JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00Z', app: 'ciclo' }));
    expect(lockHolder(project)).toBeNull();
    const lock = acquireLock(project);
    expect(JSON.parse(readFileSync(lockPathOf(project), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('treats a fresh unreadable lock as held and an old one as stale', () => {
    writeFileSync(lockPathOf(project), '');
    expect(() => acquireLock(project)).toThrow(expect.objectContaining({ code: 'PROJECT_LOCKED' }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathOf(project), old, old);
    acquireLock(project).release();
  });

  it('does not remove a lock that another process took after ours was broken', () => {
    const lock = acquireLock(project);
    writeFileSync(lockPathOf(project), JSON.stringify({ pid: 12345, host: 'elsewhere', since: 'now', app: 'ciclo' }));
    lock.release();
    expect(existsSync(lockPathOf(project))).toBe(true);
  });
});
