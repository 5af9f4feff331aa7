/** Queries of `project_meta`: the project's identity and timestamps. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db.js';

/** The project's own facts. */
export interface ProjectMeta {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  /** Ciclo version that created the file. */
  createdWith: string;
}

/** Writes the facts of a new project. */
export function initMeta(db: Db, init: { name: string; createdWith: string; now: string }): void {
  const put = db.prepare('INSERT INTO project_meta (key, value) VALUES (?, ?)');
  put.run('id', randomUUID());
  put.run('name', init.name);
  put.run('created_at', init.now);
  put.run('updated_at', init.now);
  put.run('created_with', init.createdWith);
}

/** Reads the project's facts. */
export function readMeta(db: Db): ProjectMeta {
  const rows = db.prepare('SELECT key, value FROM project_meta').all() as Array<{ key: string; value: string }>;
  const m = new Map(rows.map((r) => [r.key, r.value]));
  return {
    id: m.get('id') ?? '',
    name: m.get('name') ?? '',
    createdAt: m.get('created_at') ?? '',
    updatedAt: m.get('updated_at') ?? m.get('created_at') ?? '',
    createdWith: m.get('created_with') ?? '',
  };
}

/** Records that the project changed now. */
export function touch(db: Db, now: string): void {
  db.prepare("INSERT INTO project_meta (key, value) VALUES ('updated_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(now);
}

/** Renames the project (display name). */
export function setName(db: Db, name: string, now: string): void {
  db.prepare("INSERT INTO project_meta (key, value) VALUES ('name', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(name);
  touch(db, now);
}
