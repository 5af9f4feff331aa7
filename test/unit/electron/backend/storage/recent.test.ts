import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecentProjects } from '../../../../../electron/backend/storage/recent.js';
import { tempDir, type TempDir } from '../../../../helpers/project.js';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('recent projects', () => {
  it('keeps the most recent first, without duplicates, and marks missing files', () => {
    const recent = new RecentProjects(join(tmp.path, 'config'));
    const a = join(tmp.path, 'a.ciclo');
    const b = join(tmp.path, 'b.ciclo');
    writeFileSync(a, '');
    writeFileSync(b, '');
    recent.touch(a, 'A', '2026-01-01T00:00:00Z');
    recent.touch(b, 'B', '2026-01-02T00:00:00Z');
    recent.touch(a, 'A', '2026-01-03T00:00:00Z');
    rmSync(b);
    expect(recent.list()).toEqual([
      { path: a, name: 'A', openedAt: '2026-01-03T00:00:00Z', exists: true },
      { path: b, name: 'B', openedAt: '2026-01-02T00:00:00Z', exists: false },
    ]);
    expect(recent.forget(b).map((e) => e.name)).toEqual(['A']);
  });

  it('survives across instances (it is a file in the config dir) and follows renames', () => {
    const dir = join(tmp.path, 'config');
    new RecentProjects(dir).touch(join(tmp.path, 'old.ciclo'), 'Old', 't1');
    const again = new RecentProjects(dir);
    again.replace(join(tmp.path, 'old.ciclo'), join(tmp.path, 'new.ciclo'), 'New', 't2');
    expect(again.list().map((e) => [e.name, e.path])).toEqual([['New', join(tmp.path, 'new.ciclo')]]);
  });

  it('starts afresh when the list file is damaged', () => {
    const dir = join(tmp.path, 'config');
    const recent = new RecentProjects(dir);
    recent.touch(join(tmp.path, 'x.ciclo'), 'X', 't');
    writeFileSync(join(dir, 'recent-projects.json'), '{oops');
    expect(recent.list()).toEqual([]);
  });

  it('keeps at most 20 entries', () => {
    const recent = new RecentProjects(join(tmp.path, 'config'));
    for (let i = 0; i < 25; i++) recent.touch(join(tmp.path, `p${i}.ciclo`), `P${i}`, `t${i}`);
    const names = recent.list().map((e) => e.name);
    expect(names).toHaveLength(20);
    expect(names[0]).toBe('P24');
  });
});
