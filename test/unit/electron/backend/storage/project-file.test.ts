import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../../../../../shared/errors.js';
import { CICLO_APPLICATION_ID } from '../../../../../electron/backend/storage/db.js';
import { latestSchemaVersion } from '../../../../../electron/backend/storage/migrations/index.js';
import {
  createProjectFile,
  deleteProjectFile,
  openProjectFile,
  renameProjectFile,
} from '../../../../../electron/backend/storage/project-file.js';
import { readMeta } from '../../../../../electron/backend/storage/repos/meta.js';
import { sha256, tempDir, type TempDir } from '../../../../helpers/project.js';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function makeProject(name = 'Sample', rows = 0): string {
  const file = createProjectFile(tmp.path, name, { createdWith: 'test', now: '2026-01-01T00:00:00.000Z' });
  const put = file.db.prepare('INSERT INTO project_meta (key, value) VALUES (?, ?)');
  for (let i = 0; i < rows; i++) put.run(`filler-${i}`, 'x'.repeat(200));
  file.close();
  return file.path;
}

async function refusal(path: string, readOnly = false, inlineCheckLimitBytes?: number): Promise<AppError> {
  try {
    const opened = await openProjectFile(path, { readOnly, inlineCheckLimitBytes });
    opened.close();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the file to be refused');
}

/** Asserts the refusal left the file unchanged and added nothing next to it. */
async function expectRefusedUntouched(path: string, code: string, readOnly = false, inlineCheckLimitBytes?: number): Promise<AppError> {
  const before = sha256(path);
  const siblingsBefore = readdirSync(tmp.path).sort();
  const err = await refusal(path, readOnly, inlineCheckLimitBytes);
  expect(err.code).toBe(code);
  expect(err.details?.field).toBe('path');
  expect(sha256(path)).toBe(before);
  expect(readdirSync(tmp.path).sort()).toEqual(siblingsBefore);
  return err;
}

describe('creating a project file', () => {
  it('writes Ciclo\'s application id, the latest schema, WAL mode and the project facts', async () => {
    const path = makeProject('Churn');
    expect(path).toBe(join(tmp.path, 'Churn.ciclo'));
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(CICLO_APPLICATION_ID);
    expect(raw.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const opened = await openProjectFile(path);
    expect(readMeta(opened.db)).toMatchObject({ name: 'Churn', createdWith: 'test', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(opened.db.pragma('foreign_keys', { simple: true })).toBe(1);
    opened.close();
  });

  it('refuses an existing file with PROJECT_EXISTS and leaves it alone', () => {
    const path = join(tmp.path, 'Taken.ciclo');
    writeFileSync(path, 'somebody else\'s notes');
    const before = sha256(path);
    expect(() => createProjectFile(tmp.path, 'Taken', { createdWith: 't', now: 'n' })).toThrow(expect.objectContaining({ code: 'PROJECT_EXISTS' }));
    expect(sha256(path)).toBe(before);
  });

  it('leaves no lock and no side files after closing', () => {
    makeProject('Clean');
    expect(readdirSync(tmp.path)).toEqual(['Clean.ciclo']);
  });
});

describe('refusing files that are not (healthy, compatible) Ciclo projects', () => {
  it('refuses a text file', async () => {
    const path = join(tmp.path, 'notes.ciclo');
    writeFileSync(path, 'name,age\nAna,31\nLuis,45\n');
    const err = await expectRefusedUntouched(path, 'NOT_A_PROJECT');
    expect(err.message).toContain('not a Ciclo project');
  });

  it('refuses random bytes', async () => {
    const path = join(tmp.path, 'noise.ciclo');
    writeFileSync(path, randomBytes(8192));
    await expectRefusedUntouched(path, 'NOT_A_PROJECT');
  });

  it('refuses an empty file', async () => {
    const path = join(tmp.path, 'empty.ciclo');
    writeFileSync(path, '');
    const err = await expectRefusedUntouched(path, 'NOT_A_PROJECT');
    expect(err.message).toContain('empty');
  });

  it('refuses a file cut inside the SQLite header', async () => {
    const source = makeProject('Whole');
    const path = join(tmp.path, 'header-cut.ciclo');
    writeFileSync(path, readFileSync(source).subarray(0, 60));
    await expectRefusedUntouched(path, 'NOT_A_PROJECT');
  });

  it('refuses a truncated Ciclo file as PROJECT_CORRUPT', async () => {
    const source = makeProject('Whole', 100);
    const bytes = readFileSync(source);
    const path = join(tmp.path, 'truncated.ciclo');
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 4096 / 2) * 4096));
    const err = await expectRefusedUntouched(path, 'PROJECT_CORRUPT');
    expect(err.message).toContain('truncated');
  });

  it('refuses a Ciclo file whose pages are damaged (quick_check) as PROJECT_CORRUPT', async () => {
    const source = makeProject('Whole', 100);
    const bytes = Buffer.from(readFileSync(source));
    // Page 2 is the root of project_meta: scribble over its cell pointers.
    for (let i = 4096 + 8; i < 4096 + 400; i++) bytes[i] = (i * 7) & 255;
    const path = join(tmp.path, 'damaged.ciclo');
    writeFileSync(path, bytes);
    await expectRefusedUntouched(path, 'PROJECT_CORRUPT');
    await expectRefusedUntouched(path, 'PROJECT_CORRUPT', true);
  });

  it('runs the integrity check in a worker for large files and still refuses damage', async () => {
    const source = makeProject('Whole', 100);
    const bytes = Buffer.from(readFileSync(source));
    for (let i = 4096 + 8; i < 4096 + 400; i++) bytes[i] = (i * 7) & 255;
    const path = join(tmp.path, 'damaged-large.ciclo');
    writeFileSync(path, bytes);
    await expectRefusedUntouched(path, 'PROJECT_CORRUPT', false, 0);
  });

  it('refuses another program\'s SQLite database, saying so', async () => {
    const path = join(tmp.path, 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (\'hi\')');
    other.close();
    const err = await expectRefusedUntouched(path, 'NOT_A_PROJECT');
    expect(err.messageKey).toBe('errors.NOT_A_PROJECT.foreignDatabase');
    expect(err.message).toContain('another program');
    await expectRefusedUntouched(path, 'NOT_A_PROJECT', true);
  });

  it('refuses an SQLite file stamped with another application id', async () => {
    const path = join(tmp.path, 'fossil.db');
    const other = new Database(path);
    other.pragma('application_id = 252006673');
    other.exec('CREATE TABLE t (x)');
    other.close();
    const err = await expectRefusedUntouched(path, 'NOT_A_PROJECT');
    expect(err.messageKey).toBe('errors.NOT_A_PROJECT.foreignDatabase');
  });

  it('refuses a file from a newer Ciclo with PROJECT_TOO_NEW naming both versions', async () => {
    const path = makeProject('Future');
    const raw = new Database(path);
    raw.pragma(`user_version = ${latestSchemaVersion() + 7}`);
    raw.close();
    const err = await expectRefusedUntouched(path, 'PROJECT_TOO_NEW');
    expect(err.params).toMatchObject({ fileVersion: latestSchemaVersion() + 7, knownVersion: latestSchemaVersion() });
    expect(err.message).toContain(String(latestSchemaVersion() + 7));
    expect(err.message).toContain(String(latestSchemaVersion()));
    await expectRefusedUntouched(path, 'PROJECT_TOO_NEW', true);
  });

  it('reports a missing file as NOT_FOUND', async () => {
    const err = await refusal(join(tmp.path, 'nowhere.ciclo'));
    expect(err.code).toBe('NOT_FOUND');
  });

  it('refuses a folder', async () => {
    const err = await refusal(tmp.path);
    expect(err.code).toBe('NOT_A_PROJECT');
  });
});

describe('read-only opens', () => {
  it('reads the project, refuses writes at the SQLite level and leaves no side files', async () => {
    const path = makeProject('Reader');
    const before = sha256(path);
    const ro = await openProjectFile(path, { readOnly: true });
    expect(ro.isReadOnly).toBe(true);
    expect(readMeta(ro.db).name).toBe('Reader');
    expect(() => ro.db.prepare("UPDATE project_meta SET value = 'x' WHERE key = 'name'").run()).toThrow(/readonly/i);
    ro.close();
    expect(sha256(path)).toBe(before);
    expect(readdirSync(tmp.path)).toEqual(['Reader.ciclo']);
  });
});

describe('renaming and deleting', () => {
  it('renames the file and keeps the contents', async () => {
    const path = makeProject('Old name');
    const opened = await openProjectFile(path);
    const renamed = await renameProjectFile(opened, 'New name');
    expect(renamed.path).toBe(join(tmp.path, 'New name.ciclo'));
    expect(readMeta(renamed.db).createdWith).toBe('test');
    renamed.close();
    expect(readdirSync(tmp.path)).toEqual(['New name.ciclo']);
  });

  it('refuses to rename onto an existing file', async () => {
    makeProject('Other');
    const opened = await openProjectFile(makeProject('Mine'));
    await expect(renameProjectFile(opened, 'Other')).rejects.toMatchObject({ code: 'PROJECT_EXISTS' });
    opened.close();
  });

  it('deletes the file with its WAL, shared-memory and lock files', async () => {
    const path = makeProject('Doomed');
    writeFileSync(`${path}-wal`, '');
    writeFileSync(`${path}-shm`, '');
    deleteProjectFile(path);
    expect(readdirSync(tmp.path)).toEqual([]);
  });

  it('refuses to delete a file that is not a Ciclo project', () => {
    const path = join(tmp.path, 'thesis.docx');
    writeFileSync(path, 'precious');
    expect(() => deleteProjectFile(path)).toThrow(expect.objectContaining({ code: 'NOT_A_PROJECT' }));
    expect(existsSync(path)).toBe(true);
  });
});
