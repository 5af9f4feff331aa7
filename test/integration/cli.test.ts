// The real `ciclo` command, spawned as users and scripts run it (from the TypeScript sources via
// build/bin/ciclo.mjs with CICLO_FROM_SOURCE=1, so the test does not depend on a fresh build).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { sha256, tempDir, type TempDir } from '../helpers/project.js';
import { latestSchemaVersion } from '../../electron/backend/storage/migrations/index.js';

const bin = fileURLToPath(new URL('../../build/bin/ciclo.mjs', import.meta.url));
let tmp: TempDir;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  tmp = tempDir();
  env = { ...process.env, CICLO_HOME: join(tmp.path, 'home'), CICLO_FROM_SOURCE: '1' };
});
afterEach(() => tmp.cleanup());

function ciclo(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ciclo project', () => {
  it('creates a project and describes it as JSON', () => {
    const created = ciclo('project', 'create', 'Churn study', '--dir', tmp.path, '--json');
    expect(created.code).toBe(0);
    const info = JSON.parse(created.stdout);
    expect(info).toMatchObject({ ok: true, data: { name: 'Churn study', path: join(tmp.path, 'Churn study.ciclo'), schemaVersion: latestSchemaVersion(), isReadOnly: false } });
    // Closed cleanly: no lock, no WAL left behind.
    expect(readdirSync(tmp.path).filter((f) => f.startsWith('Churn'))).toEqual(['Churn study.ciclo']);

    const before = sha256(info.data.path);
    const described = ciclo('project', 'info', info.data.path, '--json');
    expect(described.code).toBe(0);
    const out = JSON.parse(described.stdout);
    expect(out.ok).toBe(true);
    expect(out.data).toMatchObject({
      name: 'Churn study',
      path: info.data.path,
      schemaVersion: latestSchemaVersion(),
      createdAt: info.data.createdAt,
      objective: null,
      checklist: { verdict: 'incomplete', answered: 0, questions: 9 },
    });
    expect(out.data.steps).toHaveLength(10);
    // `info` opens read-only: the file is unchanged and nothing is left beside it.
    expect(sha256(info.data.path)).toBe(before);
    expect(readdirSync(tmp.path).filter((f) => f.startsWith('Churn'))).toEqual(['Churn study.ciclo']);
  });

  it('prints a readable summary without --json', () => {
    ciclo('project', 'create', 'Plain', '--dir', tmp.path);
    const r = ciclo('project', 'info', join(tmp.path, 'Plain.ciclo'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Project:   Plain');
    expect(r.stdout).toContain('Objective: not defined yet');
  });

  it('fails with exit code 1 and `error [CODE]: message` for a bad file, leaving it untouched', () => {
    const path = join(tmp.path, 'list.txt');
    writeFileSync(path, 'milk\neggs\n');
    const before = sha256(path);
    const r = ciclo('project', 'info', path, '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error \[NOT_A_PROJECT\]: .*not a Ciclo project/m);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_A_PROJECT' } });
    expect(sha256(path)).toBe(before);
  });

  it('refuses to create over an existing project (exit 1, PROJECT_EXISTS)', () => {
    expect(ciclo('project', 'create', 'Twice', '--dir', tmp.path).code).toBe(0);
    const again = ciclo('project', 'create', 'Twice', '--dir', tmp.path);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('error [PROJECT_EXISTS]');
  });

  it('exits 2 on usage errors', () => {
    expect(ciclo('project', 'info', 'a', 'b').code).toBe(2);
    const unknownOption = ciclo('project', 'create', 'X', '--colour', 'red');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('usage: ciclo project create');
    const remote = ciclo('studio', '--host', '0.0.0.0');
    expect(remote.code).toBe(2);
    expect(remote.stderr).toContain('--allow-remote');
  });

  it('lists its commands with --help', () => {
    const r = ciclo('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ciclo studio');
    expect(r.stdout).toContain('ciclo project create');
  });
});

describe('ciclo studio', () => {
  it('serves the API at the printed URL and closes the project cleanly on SIGTERM', async () => {
    const created = JSON.parse(ciclo('project', 'create', 'Served', '--dir', tmp.path, '--json').stdout);
    const child = spawn(process.execPath, [bin, 'studio', '--port', '0', '--project', created.data.path], { env, stdio: 'pipe' });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`studio exited with ${code}: ${out}`)));
    });
    const origin = url.slice(0, url.indexOf('/#'));
    const token = url.slice(url.indexOf('#token=') + 7);
    const res = await fetch(`${origin}/api/project.current`, { method: 'POST', headers: { 'x-ciclo-token': token, 'content-type': 'application/json' }, body: '{}' });
    expect(await res.json()).toMatchObject({ ok: true, data: { name: 'Served', isReadOnly: false } });
    expect(existsSync(`${created.data.path}.lock`)).toBe(true);

    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(existsSync(`${created.data.path}.lock`)).toBe(false);
    expect(existsSync(`${created.data.path}-wal`)).toBe(false);
  });
});
