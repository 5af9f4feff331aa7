/** Helpers of the versions unit tests: a real project file per test and small tables. */
import type { Db } from '../../../../../electron/backend/storage/db.js';
import { createProjectFile, type ProjectFile } from '../../../../../electron/backend/storage/project-file.js';
import { createTable, type DataTable } from '../../../../../electron/backend/data/table.js';
import { tempDir, type TempDir } from '../../../../helpers/project.js';

/** A fresh project file (migrated) in a temp folder. */
export interface TestProject {
  dir: TempDir;
  file: ProjectFile;
  db: Db;
  close(): void;
}

/** Creates a project for one test. */
export function testProject(): TestProject {
  const dir = tempDir();
  const file = createProjectFile(dir.path, 'Versions', { createdWith: 'test', now: '2026-01-01T00:00:00.000Z' });
  return {
    dir,
    file,
    db: file.db,
    close() {
      file.close();
      dir.cleanup();
    },
  };
}

/** A table of n rows: x = i (numeric), k = i % 7 (integer), c = one of three colours, flag = i odd (boolean yes/no). */
export function sampleTable(n: number): DataTable {
  const x = new Float64Array(n);
  const k = new Float64Array(n);
  const codes = new Int32Array(n);
  const flag = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i;
    k[i] = i % 7;
    codes[i] = i % 3;
    flag[i] = i % 2;
  }
  return createTable([
    { type: 'numeric', name: 'x', values: x },
    { type: 'integer', name: 'k', values: k },
    { type: 'categorical', name: 'c', codes, levels: ['red', 'green', 'blue'] },
    { type: 'boolean', name: 'flag', values: flag, labels: ['no', 'yes'] },
  ]);
}

/** Sum of the sizes of every stored chunk. */
export function storedChunkBytes(db: Db): number {
  return db.prepare('SELECT coalesce(sum(size), 0) FROM chunks').pluck().get() as number;
}
