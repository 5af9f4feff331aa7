// Content-addressed storage: a version that changes one row stores about one chunk per changed
// column, whether the change comes from re-importing an edited file under the same name or from
// a remedy (a label fixed by hand). Measured in bytes actually added to the project file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../../electron/backend/api/backend.js';
import { CHUNK_ROWS } from '../../../electron/backend/data/chunks.js';
import { callOk, tempDir, type TempDir } from '../../helpers/project.js';
import { backendWithProject, importOk, jobOk } from './helpers.js';

let tmp: TempDir;
let backend: Backend;

beforeEach(async () => {
  tmp = tempDir();
  backend = await backendWithProject(tmp.path);
});
afterEach(async () => {
  await backend.dispose();
  tmp.cleanup();
});

const ROWS = 3 * CHUNK_ROWS + 1234;
const EDITED_ROW = CHUNK_ROWS + 777;

function csv(path: string, edit: boolean): void {
  const lines = ['a,b,c,label'];
  for (let i = 0; i < ROWS; i++) {
    const b = edit && i === EDITED_ROW ? 99.5 : (i % 1000) / 10;
    lines.push(`${(i % 5000) * 0.5},${b},${(i * 7919) % 10007},${i % 4 === 0 ? 'yes' : 'no'}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

const storedTotal = (): number => backend.ctx.session.require().db.prepare('SELECT sum(size) FROM chunks').pluck().get() as number;

describe('deduplicated storage of versions', () => {
  it('stores one chunk for a re-import that changes one cell, and one chunk for a label fixed by hand', async () => {
    const path = join(tmp.path, 'sales.csv');
    csv(path, false);
    const first = await importOk(backend, path, { target: 'label' });
    const v1 = (await callOk(backend, 'data.get', { datasetId: first.datasetId })).current;
    // Three Float64 columns, a boolean label (Float64) and the Int32 row ids.
    expect(v1.logicalBytes).toBe(ROWS * (4 * 8 + 4));
    const afterFirst = storedTotal();

    // Re-import the edited file under the same name: a new version of the same dataset.
    csv(path, true);
    const second = await importOk(backend, path, { name: 'sales', target: 'label' });
    expect(second.datasetId).toBe(first.datasetId);
    const [v2] = await callOk(backend, 'data.versions', { datasetId: first.datasetId });
    expect(v2).toMatchObject({ number: 2, parentId: v1.id, kind: 'import', rows: ROWS, logicalBytes: v1.logicalBytes });
    expect(v2.storedBytes).toBe(CHUNK_ROWS * 8);
    expect(storedTotal() - afterFirst).toBe(CHUNK_ROWS * 8);

    const diff = await callOk(backend, 'data.diff', { datasetId: first.datasetId, a: v1.id, b: v2.id, maxExamples: 5 });
    expect(diff.rows).toEqual({ added: 0, removed: 0, changed: 1, unchanged: ROWS - 1 });
    expect(diff.examples.changed).toEqual([{ rowId: EDITED_ROW, changes: [{ column: 'b', before: String((EDITED_ROW % 1000) / 10), after: '99.5' }] }]);

    // A label fixed by hand (row ids are stable: the same row in every version).
    const afterSecond = storedTotal();
    const fixed = await callOk(backend, 'data.applyRemedy', {
      datasetId: first.datasetId,
      params: { kind: 'fix_labels', target: 'label', changes: [{ rowId: 2 * CHUNK_ROWS + 1, label: 'yes' }] },
    });
    await jobOk(backend, fixed.jobId);
    const [v3] = await callOk(backend, 'data.versions', { datasetId: first.datasetId });
    expect(v3).toMatchObject({ number: 3, parentId: v2.id, kind: 'remedy', step: { changedCells: 1 } });
    expect(v3.storedBytes).toBe(CHUNK_ROWS * 8);
    expect(storedTotal() - afterSecond).toBe(CHUNK_ROWS * 8);

    // Checking out v1 again costs nothing and reads v1's cells.
    await callOk(backend, 'data.checkout', { datasetId: first.datasetId, versionId: v1.id });
    const page = await callOk(backend, 'data.rows', { datasetId: first.datasetId, offset: EDITED_ROW, limit: 1 });
    expect(page.rows[0][1]).toBe(String((EDITED_ROW % 1000) / 10));
    expect(storedTotal() - afterSecond).toBe(CHUNK_ROWS * 8);
  });
});
