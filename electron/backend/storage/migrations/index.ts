/**
 * Schema migrations of the project file. Each migration is one file in this folder named
 * `NNNN_description.sql`; its number is the `user_version` the file has once it is applied.
 * Adding a migration is adding one file (the build copies *.sql next to the compiled code).
 *
 * Numbers are reserved per domain so parallel work never collides: 0001 foundation, 0002 data,
 * 0003 training, 0004 registry/serving, 0005 monitor; later changes take the next free number.
 * Migrations only move forward, each inside its own transaction (see db.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** One migration step. */
export interface Migration {
  /** The `user_version` after applying it. */
  version: number;
  /** File name, for messages. */
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{4})_[a-z0-9_-]+\.sql$/;

/** Loads every migration of `dir` (this folder by default), sorted, checking that numbers run 1, 2, 3... */
export function loadMigrations(dir: string = fileURLToPath(new URL('.', import.meta.url))): Migration[] {
  const migrations = readdirSync(dir)
    .map((name) => ({ name, match: FILE_PATTERN.exec(name) }))
    .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
    .map(({ name, match }) => ({ version: Number(match[1]), name, sql: readFileSync(join(dir, name), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration numbering has a gap or a duplicate at ${m.name}: expected ${String(i + 1).padStart(4, '0')}.`);
    }
  });
  return migrations;
}

let cached: Migration[] | null = null;

/** The migrations shipped with this build (read once). */
export function shippedMigrations(): Migration[] {
  cached ??= loadMigrations();
  return cached;
}

/** The schema version this build writes: the number of the last migration. */
export function latestSchemaVersion(): number {
  const all = shippedMigrations();
  return all.length === 0 ? 0 : all[all.length - 1].version;
}
