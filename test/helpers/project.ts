/**
 * Test helpers for project files and backends: a private temp folder per test (also used as
 * CICLO_HOME so the recent list never touches the real one), a backend on it, file hashing for
 * the "left byte-for-byte unchanged" assertions.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../electron/backend/api/backend.js';
import type { BackendConfig } from '../../electron/backend/api/context.js';
import type { MethodArgs, MethodName, MethodOutput } from '../../shared/api/contract.js';
import type { ChecklistAnswers } from '../../shared/domain/checklist.js';
import { emptyAnswers } from '../../shared/domain/checklist.js';

/** A temporary folder removed by `cleanup`. */
export interface TempDir {
  path: string;
  cleanup(): void;
}

/** Creates a temporary folder. */
export function tempDir(prefix = 'ciclo-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** SHA-256 of a file's bytes. */
export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A backend whose config dir and default project dir live in `dir`. */
export function testBackend(dir: string, overrides: Partial<BackendConfig> = {}): Backend {
  return createBackend(
    {
      mode: 'headless',
      appVersion: '0.0.0-test',
      configDir: join(dir, 'home'),
      defaultProjectDir: join(dir, 'projects'),
      systemLocale: 'en',
      ...overrides,
    },
    {},
    { log: () => undefined },
  );
}

/** Calls a method and returns its data, failing the test with the error otherwise. */
export async function callOk<M extends MethodName>(backend: Backend, method: M, args: MethodArgs<M>): Promise<MethodOutput<M>> {
  const r = await backend.dispatch(method, args);
  if (!r.ok) throw new Error(`${method} failed: [${r.error.code}] ${r.error.message}`);
  return r.data as MethodOutput<M>;
}

/** Answers with the given values (others unanswered). */
export function answers(values: Partial<Record<keyof ChecklistAnswers, 'yes' | 'no' | 'unsure' | null>>): ChecklistAnswers {
  const out = emptyAnswers();
  for (const [q, v] of Object.entries(values)) out[q as keyof ChecklistAnswers] = { value: v ?? null, note: '' };
  return out;
}

/** A valid classification objective. */
export function sampleObjective() {
  return {
    inputs: 'Age, plan, monthly minutes and support calls of each customer',
    target: 'Whether the customer leaves next month',
    taskType: 'classification' as const,
    metric: 'recall' as const,
    threshold: 0.8,
    positiveClass: 'leaves',
    costNotes: 'Missing a leaving customer costs more than a false alarm.',
  };
}

/**
 * The schema of a database as comparable text: application id, user_version, then every table,
 * index, view and trigger's SQL in name order (SQLite's own objects excluded).
 */
export function dumpSchema(db: Database.Database): string {
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY type, name")
    .all() as Array<{ type: string; name: string; sql: string }>;
  return [
    `-- application_id ${String(db.pragma('application_id', { simple: true }))}`,
    `-- user_version ${String(db.pragma('user_version', { simple: true }))}`,
    ...rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql.replace(/\r\n/g, '\n').trim()};`),
  ].join('\n') + '\n';
}
