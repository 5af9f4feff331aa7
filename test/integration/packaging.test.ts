// The desktop package: electron-builder packages the built app into a folder (with a stub
// Electron, since its binary cannot be downloaded offline) and the layout check finds every entry
// point, worker entry, migration and runtime dependency, and no development tool.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('desktop packaging', () => {
  it('packages the built app with every worker entry and migration', () => {
    expect(existsSync(join(root, 'electron-builder.yml'))).toBe(true);
    const r = spawnSync(process.execPath, [join(root, 'build', 'scripts', 'package-check.mjs'), '--json'], { cwd: root, encoding: 'utf8', timeout: 110_000 });
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as { workers: number; migrations: number; problems: string[] };
    expect(summary.problems).toEqual([]);
    expect(summary.workers).toBeGreaterThan(5);
    expect(summary.migrations).toBeGreaterThanOrEqual(4);
  });
});
