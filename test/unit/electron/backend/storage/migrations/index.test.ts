import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CICLO_APPLICATION_ID, openDb } from '../../../../../../electron/backend/storage/db.js';
import { latestSchemaVersion, loadMigrations, shippedMigrations } from '../../../../../../electron/backend/storage/migrations/index.js';
import { createProjectFile, openProjectFile } from '../../../../../../electron/backend/storage/project-file.js';
import { readMeta } from '../../../../../../electron/backend/storage/repos/meta.js';
import { readObjective } from '../../../../../../electron/backend/storage/repos/objective.js';
import { listJobs } from '../../../../../../electron/backend/storage/repos/jobs.js';
import { dumpSchema, tempDir, type TempDir } from '../../../../../helpers/project.js';

const fixtures = fileURLToPath(new URL('../../../../../fixtures/migrations/', import.meta.url));
const snapshot = readFileSync(fileURLToPath(new URL('../../../../../fixtures/schema/project-schema.sql', import.meta.url)), 'utf8');
const fixtureOf = (v: number): string => join(fixtures, `v${String(v).padStart(4, '0')}.db`);

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('shipped migrations', () => {
  it('are numbered 1, 2, 3... without gaps, starting with the foundation', () => {
    const all = shippedMigrations();
    expect(all.map((m) => m.version)).toEqual(all.map((_m, i) => i + 1));
    expect(all[0].name).toBe('0001_foundation.sql');
    expect(latestSchemaVersion()).toBe(all.length);
  });

  it('give a fresh project exactly the committed schema snapshot', () => {
    const file = createProjectFile(tmp.path, 'Fresh', { createdWith: 't', now: 'n' });
    const schema = dumpSchema(file.db);
    file.close();
    // On a deliberate schema change, refresh with test/fixtures/migrations/generate.ts --snapshot-only.
    expect(schema).toBe(snapshot);
  });

  it('have a committed fixture for every schema version below the latest', () => {
    for (let v = 0; v < latestSchemaVersion(); v++) expect(existsSync(fixtureOf(v)), `fixture v${v}`).toBe(true);
  });

  it.each(Array.from({ length: latestSchemaVersion() + 1 }, (_x, v) => v))('upgrade the version %i fixture to the snapshot schema', async (v) => {
    const path = join(tmp.path, `from-v${v}.ciclo`);
    copyFileSync(fixtureOf(v), path);
    const file = await openProjectFile(path);
    const schema = dumpSchema(file.db);
    const meta = readMeta(file.db);
    const objective = readObjective(file.db);
    const jobs = listJobs(file.db);
    file.close();
    expect(schema).toBe(snapshot);
    if (v >= 1) {
      // Rows written by version 1 survive every later migration.
      expect(meta.name).toBe('Fixture v1');
      expect(objective).toMatchObject({ metric: 'recall', threshold: 0.8, positiveClass: 'yes' });
      // The fixture's job was left "running" by a process that no longer exists.
      expect(jobs.find((j) => j.jobId === 'job-1')?.state).toBe('interrupted');
    }
  });
});

describe('applying migrations', () => {
  function dirWith(files: Record<string, string>): string {
    const dir = join(tmp.path, 'migrations');
    mkdirSync(dir, { recursive: true });
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
    return dir;
  }

  it('refuse a numbering gap', () => {
    const dir = dirWith({ '0001_a.sql': 'CREATE TABLE a (x);', '0003_c.sql': 'CREATE TABLE c (x);' });
    expect(() => loadMigrations(dir)).toThrow(/gap or a duplicate/);
  });

  it('run each in its own transaction: a failing one leaves the previous version intact', () => {
    const dir = dirWith({
      '0001_foundation.sql': shippedMigrations()[0].sql,
      '0002_broken.sql': 'CREATE TABLE half_done (x INTEGER); CREATE TABLE oops (;',
    });
    const migrations = loadMigrations(dir);
    const path = join(tmp.path, 'upgrade.ciclo');
    copyFileSync(fixtureOf(0), path);
    expect(() => openDb(path, false, { migrations })).toThrow();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.pragma('application_id', { simple: true })).toBe(CICLO_APPLICATION_ID);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'objective'").get()).toEqual({ n: 1 });
    raw.close();
  });
});
