// All-or-nothing writes: an import that is cancelled, whose worker thread is killed while it
// writes chunks, or whose whole process is killed, leaves the project openable, consistent
// (`PRAGMA integrity_check`), and without a trace of a partial version; leftover chunk blobs are
// swept by the next data job.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Backend } from '../../../electron/backend/api/backend.js';
import type { Db } from '../../../electron/backend/storage/db.js';
import { openProjectFile } from '../../../electron/backend/storage/project-file.js';
import { listJobs } from '../../../electron/backend/storage/repos/jobs.js';
import { runWorker } from '../../../electron/backend/workers/run-worker.js';
import type { WorkerEntry } from '../../../electron/backend/workers/entry.js';
import type { ImportWork } from '../../../electron/backend/versions/work.js';
import { callOk, tempDir, testBackend, type TempDir } from '../../helpers/project.js';
import { importOk, SMALL_HEADER, smallRows, waitJob, writeCsv } from './helpers.js';

const childScript = fileURLToPath(new URL('../../fixtures/data/import-child.ts', import.meta.url));
const importEntry: WorkerEntry = { url: new URL('../../../electron/backend/workers/data-import.worker.ts', import.meta.url), isTypeScript: true };

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

/** A numeric CSV big enough that reading and storing take several progress reports and write batches. */
function bigCsv(rows: number): string {
  const path = join(tmp.path, 'big.csv');
  const lines = ['a,b,c,d'];
  for (let i = 0; i < rows; i++) lines.push(`${i * 0.5},${(i * 31) % 977},${(i % 1013) / 7},${i % 3}`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

function counts(db: Db): { datasets: number; versions: number; manifests: number; chunks: number; unreferenced: number } {
  const one = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    datasets: one('SELECT count(*) FROM datasets'),
    versions: one('SELECT count(*) FROM dataset_versions'),
    manifests: one('SELECT count(*) FROM version_chunks'),
    chunks: one('SELECT count(*) FROM chunks'),
    unreferenced: one('SELECT count(*) FROM chunks WHERE hash NOT IN (SELECT chunk_hash FROM version_chunks)'),
  };
}

const integrity = (db: Db) => db.pragma('integrity_check', { simple: true });

describe('all-or-nothing data writes', () => {
  it('a cancelled import leaves no dataset, version or chunk', async () => {
    await callOk(backend, 'project.create', { name: 'Cancel', dir: tmp.path });
    const path = bigCsv(400_000);
    const started = await callOk(backend, 'data.import', { path });
    await new Promise<void>((resolve) => {
      const off = backend.ctx.events.subscribe((name, payload) => {
        const p = payload as { jobId: string; state: string; phaseKey: string; fraction: number };
        // After the first write batch: chunks are in the file, no version refers to them yet.
        if (name === 'job.progress' && p.jobId === started.jobId && p.state === 'running' && p.phaseKey === 'jobs.phase.storing' && p.fraction > 0.8) {
          off();
          backend.ctx.jobs.cancel(started.jobId);
          resolve();
        }
      });
    });
    const end = await waitJob(backend, started.jobId);
    expect(end.state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 50));
    const db = backend.ctx.session.require().db;
    expect(counts(db)).toEqual({ datasets: 0, versions: 0, manifests: 0, chunks: 0, unreferenced: 0 });
    expect(await callOk(backend, 'data.list', {})).toEqual([]);
    expect(integrity(db)).toBe('ok');
  });

  it('a worker killed while writing chunks leaves no version; the project stays consistent and the next import sweeps the leftovers', async () => {
    const info = await callOk(backend, 'project.create', { name: 'Killed worker', dir: tmp.path });
    const path = bigCsv(400_000);
    const input: ImportWork = { projectPath: info.path, path, options: {}, parent: null };
    let sawStoring = false;
    const run = runWorker<ImportWork, unknown>(importEntry, input, {
      cancelGraceMs: 0,
      onProgress: (m) => {
        if (m.phaseKey === 'jobs.phase.storing' && m.fraction > 0.8 && !sawStoring) {
          // Mid-write: at least one batch is in; terminate the thread without waiting for it.
          sawStoring = true;
          run.cancel();
        }
      },
    });
    const outcome = await run.outcome;
    expect(sawStoring).toBe(true);
    expect(outcome.state).toBe('cancelled');
    const db = backend.ctx.session.require().db;
    const after = counts(db);
    expect(after).toMatchObject({ datasets: 0, versions: 0, manifests: 0 });
    // Some chunks were written before the kill, and none of them belongs to a version.
    expect(after.chunks).toBeGreaterThan(0);
    expect(after.chunks).toBe(after.unreferenced);
    expect(integrity(db)).toBe('ok');
    expect(await callOk(backend, 'data.list', {})).toEqual([]);

    // Reopen: the file opens (no half-written state), then a new import clears the leftovers.
    await callOk(backend, 'project.close', {});
    await callOk(backend, 'project.open', { path: info.path });
    const small = writeCsv(tmp.path, 'small.csv', SMALL_HEADER, smallRows(20));
    await importOk(backend, small);
    const db2 = backend.ctx.session.require().db;
    expect(counts(db2)).toMatchObject({ datasets: 1, versions: 1, unreferenced: 0 });
  });

  it('a process killed in the middle of an import leaves a project that opens with no partial version', async () => {
    const info = await callOk(backend, 'project.create', { name: 'Killed process', dir: tmp.path });
    await callOk(backend, 'project.close', {});
    const path = bigCsv(400_000);
    child = spawn(process.execPath, ['--import', 'tsx', childScript, join(tmp.path, 'child-home'), info.path, path], { stdio: 'pipe' });
    const proc = child;
    const killedAt = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /PROGRESS (jobs\.phase\.storing) ([\d.]+)/.exec(out);
        if (m) {
          proc.kill('SIGKILL');
          resolve(`${m[1]} ${m[2]}`);
        }
        if (/DONE|FAILED/.test(out)) reject(new Error(`the import ended before it could be killed: ${out}`));
      });
      proc.stderr.on('data', (d: Buffer) => process.stderr.write(d));
      proc.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child exited by itself (${code}): ${out}`));
      });
    });
    expect(killedAt).toMatch(/^jobs\.phase\.storing/);
    await new Promise((r) => proc.once('exit', r));

    // The project opens (the dead process's lock is stale), passes the integrity check, and
    // shows no dataset; the import job it was running is marked interrupted.
    const file = await openProjectFile(info.path);
    try {
      expect(integrity(file.db)).toBe('ok');
      expect(counts(file.db)).toMatchObject({ datasets: 0, versions: 0, manifests: 0 });
      expect(listJobs(file.db).map((j) => [j.kind, j.state])).toEqual([['data.import', 'interrupted']]);
    } finally {
      file.close();
    }
  });
});
