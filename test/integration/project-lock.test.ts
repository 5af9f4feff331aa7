// Two processes must never both write one project: a real second process (child_process) holds
// the project while this one tries to open, delete and read it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { callOk, sampleObjective, tempDir, testBackend, type TempDir } from '../helpers/project.js';
import type { Backend } from '../../electron/backend/api/backend.js';

const holder = fileURLToPath(new URL('../fixtures/processes/hold-project.ts', import.meta.url));

let tmp: TempDir;
let backend: Backend;
let child: ChildProcessWithoutNullStreams | null = null;

beforeEach(() => {
  tmp = tempDir();
  backend = testBackend(tmp.path);
});
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
  }
  child = null;
  await backend.dispose();
  tmp.cleanup();
});

/** Starts the holder process and waits for its READY line. */
function hold(path: string, extra: string[] = []): Promise<number> {
  child = spawn(process.execPath, ['--import', 'tsx', holder, join(tmp.path, 'child-home'), path, ...extra], { stdio: 'pipe' });
  const proc = child;
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const ready = /READY (\d+)/.exec(out);
      if (ready) resolve(Number(ready[1]));
      if (out.includes('FAILED')) reject(new Error(out));
    });
    proc.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    proc.once('exit', (code) => reject(new Error(`holder exited early with ${code}: ${out}`)));
  });
}

async function createClosedProject(name: string): Promise<string> {
  const info = await callOk(backend, 'project.create', { name, dir: tmp.path });
  await callOk(backend, 'objective.save', { objective: sampleObjective() });
  await callOk(backend, 'project.close', {});
  return info.path;
}

describe('the project lock across processes', () => {
  it('refuses a second writer with PROJECT_LOCKED naming the holder, then frees the project when it exits', async () => {
    const path = await createClosedProject('Shared');
    const pid = await hold(path);

    const lock = JSON.parse(readFileSync(`${path}.lock`, 'utf8')) as { pid: number; host: string };
    expect(lock).toMatchObject({ pid, host: hostname() });

    const second = await backend.dispatch('project.open', { path });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.code).toBe('PROJECT_LOCKED');
    expect(second.error.message).toContain(String(pid));
    expect(second.error.params).toMatchObject({ pid, host: hostname() });

    // A clean exit releases the lock; then this process can write.
    child?.stdin.end();
    await new Promise((r) => child?.once('exit', r));
    expect(existsSync(`${path}.lock`)).toBe(false);
    const info = await callOk(backend, 'project.open', { path });
    expect(info.isReadOnly).toBe(false);
  });

  it('opens read-only while another process writes, and refuses writes with READ_ONLY', async () => {
    const path = await createClosedProject('Shared RO');
    await hold(path);
    const info = await callOk(backend, 'project.open', { path, readOnly: true });
    expect(info.isReadOnly).toBe(true);
    expect(await callOk(backend, 'objective.get', {})).toMatchObject({ metric: 'recall' });
    const write = await backend.dispatch('objective.save', { objective: sampleObjective() });
    expect(write.ok ? null : write.error.code).toBe('READ_ONLY');
    const rename = await backend.dispatch('project.rename', { name: 'Nope' });
    expect(rename.ok ? null : rename.error.code).toBe('READ_ONLY');
  });

  it('refuses to delete a project another process has open', async () => {
    const path = await createClosedProject('Busy');
    await hold(path);
    const del = await backend.dispatch('project.delete', { path });
    expect(del.ok ? null : del.error.code).toBe('PROJECT_LOCKED');
    expect(existsSync(path)).toBe(true);
  });

  it('takes over the lock of a killed process, and shows its running job as interrupted', async () => {
    const path = await createClosedProject('Crashed');
    const pid = await hold(path, ['--job']);
    child?.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    // The lock file is still there, naming a dead process: it is stale.
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8'))).toMatchObject({ pid });

    await callOk(backend, 'project.open', { path });
    const jobs = await callOk(backend, 'job.list', {});
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'data.import', state: 'interrupted' });
    expect(jobs[0].endedAt).toBeTruthy();
  });
});
