import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_ROWS } from '../../../../../electron/backend/data/chunks.js';
import type { NumberColumn } from '../../../../../electron/backend/data/table.js';
import { getDataset, listVersions, readManifest } from '../../../../../electron/backend/storage/repos/datasets.js';
import { storeTable } from '../../../../../electron/backend/versions/chunk-io.js';
import { commitVersion, type NewVersion } from '../../../../../electron/backend/versions/commit.js';
import { importBase, recipeOf, requireDataset, requireVersion, versionsView } from '../../../../../electron/backend/versions/records.js';
import { sampleTable, testProject, type TestProject } from './helpers.js';

let p: TestProject;
beforeEach(() => {
  p = testProject();
});
afterEach(() => p.close());

const step = (kind: 'drop_columns' | 'remove_duplicates') => ({
  params: kind === 'drop_columns' ? { kind, columns: ['k'] } : { kind },
  seed: 1,
  fitted: {},
  rowsBefore: 10,
  rowsAfter: 10,
  added: 0,
  removed: 0,
  changedCells: 0,
  notes: {},
});

function base(over: Partial<NewVersion> & Pick<NewVersion, 'versionId' | 'manifest'>): NewVersion {
  return {
    datasetId: 'ds',
    parentId: null,
    kind: 'import',
    message: '',
    author: 'tester',
    now: '2026-01-01T00:00:00.000Z',
    partition: null,
    stepJson: null,
    sourceJson: null,
    ...over,
  };
}

describe('committing versions', () => {
  it('creates the dataset with its first version and counts what each commit stores', () => {
    const table = sampleTable(CHUNK_ROWS + 10);
    const first = storeTable(p.db, table);
    const v1 = commitVersion(p.db, base({ newDatasetName: 'Sales', versionId: 'v1', manifest: first.manifest }));
    expect(v1).toMatchObject({ seq: 1, rowCount: CHUNK_ROWS + 10, columnCount: 4, storedBytes: first.addedBytes, logicalBytes: first.logicalBytes });
    expect(getDataset(p.db, 'ds')).toMatchObject({ name: 'Sales', currentVersionId: 'v1' });

    const x = Float64Array.from((table.columns[0] as NumberColumn).values);
    x[3] = 1e9;
    const second = storeTable(p.db, { ...table, columns: [{ ...(table.columns[0] as NumberColumn), values: x }, ...table.columns.slice(1)] });
    const v2 = commitVersion(p.db, base({ versionId: 'v2', parentId: 'v1', kind: 'remedy', manifest: second.manifest, stepJson: JSON.stringify(step('drop_columns')) }));
    expect(v2).toMatchObject({ seq: 2, parentId: 'v1', storedBytes: CHUNK_ROWS * 8 });
    expect(getDataset(p.db, 'ds')?.currentVersionId).toBe('v2');
    expect(readManifest(p.db, 'v2')?.columns[0].values.hashes[0]).not.toBe(readManifest(p.db, 'v1')?.columns[0].values.hashes[0]);
  });

  it('writes nothing when a commit fails half-way (a chunk it needs is not stored)', () => {
    const stored = storeTable(p.db, sampleTable(20));
    p.db.prepare('DELETE FROM chunks WHERE hash = ?').run(stored.manifest.columns[2].values.hashes[0]);
    expect(() => commitVersion(p.db, base({ newDatasetName: 'Broken', versionId: 'v1', manifest: stored.manifest }))).toThrow(/not stored/);
    expect(p.db.prepare('SELECT count(*) FROM datasets').pluck().get()).toBe(0);
    expect(p.db.prepare('SELECT count(*) FROM dataset_versions').pluck().get()).toBe(0);
    expect(p.db.prepare('SELECT count(*) FROM version_chunks').pluck().get()).toBe(0);
  });

  it('refuses a second dataset with the same name (CONFLICT on name)', () => {
    const { manifest } = storeTable(p.db, sampleTable(5));
    commitVersion(p.db, base({ newDatasetName: 'Same', versionId: 'v1', manifest }));
    expect(() => commitVersion(p.db, base({ datasetId: 'other', newDatasetName: 'Same', versionId: 'w1', manifest }))).toThrow(
      expect.objectContaining({ code: 'CONFLICT', messageKey: 'errors.data.nameTaken' }),
    );
  });

  it('walks the ancestry for the recipe (remedies since the nearest import) and lists versions newest first', () => {
    const { manifest } = storeTable(p.db, sampleTable(10));
    commitVersion(p.db, base({ newDatasetName: 'Chain', versionId: 'a', manifest }));
    commitVersion(p.db, base({ versionId: 'b', parentId: 'a', kind: 'remedy', manifest, stepJson: JSON.stringify(step('drop_columns')) }));
    commitVersion(p.db, base({ versionId: 'c', parentId: 'b', kind: 'import', manifest }));
    commitVersion(p.db, base({ versionId: 'd', parentId: 'c', kind: 'roles', manifest }));
    commitVersion(p.db, base({ versionId: 'e', parentId: 'd', kind: 'remedy', manifest, stepJson: JSON.stringify(step('remove_duplicates')) }));
    const ds = requireDataset(p.db, 'ds');
    const e = requireVersion(p.db, ds, undefined);
    expect(e.id).toBe('e');
    expect(importBase(p.db, e).id).toBe('c');
    const r = recipeOf(p.db, e);
    expect(r.base.id).toBe('c');
    expect(r.steps.map((s) => s.params.kind)).toEqual(['remove_duplicates']);
    expect(recipeOf(p.db, requireVersion(p.db, ds, 'b')).steps.map((s) => s.params.kind)).toEqual(['drop_columns']);
    expect(versionsView(p.db, ds).map((v) => [v.number, v.kind, v.isCurrent])).toEqual([
      [5, 'remedy', true],
      [4, 'roles', false],
      [3, 'import', false],
      [2, 'remedy', false],
      [1, 'import', false],
    ]);
    expect(listVersions(p.db, 'ds')).toHaveLength(5);
    expect(() => requireVersion(p.db, ds, 'nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', messageKey: 'errors.data.versionNotFound' }));
  });
});
