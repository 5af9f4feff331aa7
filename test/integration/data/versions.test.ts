// Dataset versions end to end, with a real project file and real worker threads: import ->
// version 1; partition -> version 2; a remedy -> version 3 with its parent and recorded step;
// diff, checkout, tags, recipe, pages of rows, roles, the Data step's status, export.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend } from '../../../electron/backend/api/backend.js';
import { callOk, tempDir, type TempDir } from '../../helpers/project.js';
import { backendWithProject, importOk, jobOk, SMALL_HEADER, smallRows, waitJob, writeCsv } from './helpers.js';

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

const dataStep = async () => (await callOk(backend, 'lifecycle.status', {})).find((s) => s.step === 'data');

describe('dataset versions', () => {
  it('commits import, partition and remedy as a chain of versions, with diff, checkout, tags and recipe', async () => {
    expect(await dataStep()).toEqual({ step: 'data', state: 'not_started', isAvailable: true });
    const events: string[] = [];
    backend.ctx.events.subscribe((name, payload) => {
      if (name === 'data.versionCreated') events.push((payload as { versionId: string }).versionId);
    });
    const path = writeCsv(tmp.path, 'churn.csv', SMALL_HEADER, smallRows(400));

    // Import -> version 1 (the dataset is named after the file).
    const imported = await importOk(backend, path, { target: 'label' });
    const list = await callOk(backend, 'data.list', {});
    expect(list).toEqual([
      expect.objectContaining({ id: imported.datasetId, name: 'churn', rows: 400, columns: 5, target: 'label', versionCount: 1, hasPartition: false, criticalFindings: null }),
    ]);
    const v1 = (await callOk(backend, 'data.get', { datasetId: imported.datasetId })).current;
    expect(v1).toMatchObject({ id: imported.versionId, number: 1, parentId: null, kind: 'import', rows: 400, isCurrent: true, step: null, partition: null });
    expect(v1.author.length).toBeGreaterThan(0);
    expect(v1.source).toMatchObject({ path, summary: { rows: 400, format: 'csv' } });
    expect(v1.schema.find((c) => c.name === 'label')).toEqual({ name: 'label', type: 'boolean', role: 'target' });
    // The first commit stores every chunk once (the identifier's codes 0..399 equal the row ids: one chunk for both).
    const db = backend.ctx.session.require().db;
    expect(v1.storedBytes).toBe(db.prepare('SELECT sum(size) FROM chunks').pluck().get());
    expect(v1.logicalBytes - v1.storedBytes).toBe(400 * 4);
    expect(await dataStep()).toMatchObject({ state: 'in_progress', reasonKey: 'lifecycle.reason.data.noPartition' });

    // Balancing is refused before a partition exists.
    const refused = await backend.dispatch('data.applyRemedy', { datasetId: imported.datasetId, params: { kind: 'random_oversample', target: 'label' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', messageKey: 'errors.data.balanceNeedsPartition', details: { field: 'params.kind' } } });

    // Partition -> version 2 (shares every data chunk: only the part codes are new).
    const parted = await callOk(backend, 'data.partition', {
      datasetId: imported.datasetId,
      spec: { method: 'stratified', column: 'label', fractions: { train: 0.6, validation: 0.2, test: 0.2 }, seed: 7 },
    });
    await jobOk(backend, parted.jobId);
    const afterPartition = await callOk(backend, 'data.versions', { datasetId: imported.datasetId });
    const v2 = afterPartition[0];
    expect(v2).toMatchObject({ id: parted.versionId, number: 2, parentId: v1.id, kind: 'partition', rows: 400, isCurrent: true });
    expect(v2.partition?.counts).toEqual({ train: 240, validation: 80, test: 80 });
    expect(v2.partition?.classBalance?.test.find((c) => c.label === 'yes')?.count).toBe(16);
    expect(v2.storedBytes).toBe(400); // one byte of part code per row, nothing else
    expect(await dataStep()).toEqual({ step: 'data', state: 'done', isAvailable: true });

    // Random oversampling -> version 3: new rows are training rows, validation/test untouched.
    const balanced = await callOk(backend, 'data.applyRemedy', {
      datasetId: imported.datasetId,
      params: { kind: 'random_oversample', target: 'label' },
      seed: 3,
      message: 'balance the classes',
    });
    await jobOk(backend, balanced.jobId);
    const versions = await callOk(backend, 'data.versions', { datasetId: imported.datasetId });
    expect(versions.map((v) => v.number)).toEqual([3, 2, 1]);
    const v3 = versions[0];
    expect(v3).toMatchObject({ id: balanced.versionId, parentId: v2.id, kind: 'remedy', message: 'balance the classes', isCurrent: true });
    expect(v3.step).toMatchObject({ params: { kind: 'random_oversample', target: 'label' }, seed: 3, rowsBefore: 400, removed: 0 });
    expect(v3.rows).toBe(400 + (v3.step?.added ?? -1));
    expect(v3.partition?.counts).toEqual({ train: 240 + (v3.step?.added ?? 0), validation: 80, test: 80 });
    const trainBalance = v3.partition?.classBalance?.train ?? [];
    expect(trainBalance.find((c) => c.label === 'yes')?.count).toBe(trainBalance.find((c) => c.label === 'no')?.count);
    expect(events).toEqual([imported.versionId, parted.versionId, balanced.versionId]);

    // Diff 2 -> 3: only added rows, no schema change, same partition for the kept rows.
    const diff = await callOk(backend, 'data.diff', { datasetId: imported.datasetId, a: v2.id, b: v3.id, maxExamples: 3 });
    expect(diff.rows).toEqual({ added: v3.step?.added, removed: 0, changed: 0, unchanged: 400 });
    expect(diff.schema).toEqual({ added: [], removed: [], retyped: [], roles: [] });
    expect(diff.examples.added).toHaveLength(3);
    expect(diff.examples.added[0].rowId).toBeGreaterThanOrEqual(400);
    expect(diff.examples.added[0].cells[4]).toBe('yes');

    // The recipe from the import: one step.
    const recipe = await callOk(backend, 'data.recipe', { datasetId: imported.datasetId });
    expect(recipe).toMatchObject({ versionId: v3.id, baseVersionId: v1.id, stepVersionIds: [v3.id] });
    expect(recipe.recipe.steps.map((s) => s.params.kind)).toEqual(['random_oversample']);

    // Tags name versions; tagging again moves a tag; names that look like numbers are refused.
    await callOk(backend, 'data.tag', { datasetId: imported.datasetId, versionId: v1.id, tag: 'raw' });
    expect((await callOk(backend, 'data.tag', { datasetId: imported.datasetId, versionId: v2.id, tag: 'raw' })).tags).toEqual(['raw']);
    expect((await callOk(backend, 'data.versions', { datasetId: imported.datasetId })).map((v) => v.tags)).toEqual([[], ['raw'], []]);
    expect(await backend.dispatch('data.tag', { datasetId: imported.datasetId, versionId: v1.id, tag: 'v2' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'tag' } } });
    expect(await callOk(backend, 'data.untag', { datasetId: imported.datasetId, tag: 'raw' })).toEqual({ removed: true });
    expect(await callOk(backend, 'data.untag', { datasetId: imported.datasetId, tag: 'raw' })).toEqual({ removed: false });

    // Checkout moves the working pointer (no new version); pages then read that version.
    const checkedOut = await callOk(backend, 'data.checkout', { datasetId: imported.datasetId, versionId: v1.id });
    expect(checkedOut).toMatchObject({ currentVersionId: v1.id, latestVersionId: v3.id, versionCount: 3, rows: 400, hasPartition: false });
    const page = await callOk(backend, 'data.rows', { datasetId: imported.datasetId, offset: 398, limit: 10 });
    expect(page).toMatchObject({ versionId: v1.id, total: 400, offset: 398, rowIds: [398, 399], parts: null });
    expect(page.rows[1]).toEqual(['R399', String((399 * 37) % 101), String(((399 * 13) % 17) / 4), 'red', 'no']);
    expect(await dataStep()).toMatchObject({ state: 'in_progress' });

    // A page of one part of version 3.
    const testPage = await callOk(backend, 'data.rows', { datasetId: imported.datasetId, versionId: v3.id, part: 'test', offset: 0, limit: 500 });
    expect(testPage.total).toBe(80);
    expect(testPage.rows).toHaveLength(80);
    expect(new Set(testPage.parts)).toEqual(new Set(['test']));
  });

  it('sets roles as a cheap new version, caches profile and report, and flags critical findings on the stepper', async () => {
    // `dup` copies the label: a leak the quality report calls critical.
    const rows = smallRows(300).map((r) => [...r, r[4] === 'yes' ? 'Y' : 'N']);
    const path = writeCsv(tmp.path, 'leaky.csv', [...SMALL_HEADER, 'dup'], rows);
    const imported = await importOk(backend, path, { name: 'Leaky', target: 'label' });

    const roles = await callOk(backend, 'data.setRoles', { datasetId: imported.datasetId, target: 'label', ignored: ['code'] });
    expect(roles).toMatchObject({ number: 2, kind: 'roles', storedBytes: 0, isCurrent: true });
    expect(roles.schema.find((c) => c.name === 'code')?.role).toBe('ignored');
    expect(await backend.dispatch('data.setRoles', { datasetId: imported.datasetId, target: 'nope', ignored: [] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', messageKey: 'errors.data.columnNotFound', details: { field: 'target' } },
    });

    expect(await callOk(backend, 'data.getProfile', { datasetId: imported.datasetId })).toBeNull();
    const profiled = await callOk(backend, 'data.profile', { datasetId: imported.datasetId });
    await jobOk(backend, profiled.jobId);
    const profile = await callOk(backend, 'data.getProfile', { datasetId: imported.datasetId });
    expect(profile).toMatchObject({ versionId: roles.id, profile: { rows: 300, target: { column: 'label', task: 'classification' } } });

    const checked = await callOk(backend, 'data.check', { datasetId: imported.datasetId });
    await jobOk(backend, checked.jobId);
    const report = await callOk(backend, 'data.getReport', { datasetId: imported.datasetId });
    const leak = report?.report.findings.find((f) => f.kind === 'leakage_target_copy' || f.kind === 'leakage_predictive');
    expect(leak?.severity).toBe('critical');
    expect(leak?.evidence.columns).toContain('dup');
    expect(report?.options).toMatchObject({ target: 'label', ignored: ['code'], labelCheck: false, referenceVersionId: null });
    expect((await callOk(backend, 'data.list', {}))[0].criticalFindings).toBe(report?.report.counts.critical);
    expect(await dataStep()).toMatchObject({ state: 'needs_attention', reasonKey: 'lifecycle.reason.data.criticalFindings' });
    const listed = await callOk(backend, 'data.versions', { datasetId: imported.datasetId });
    expect(listed.map((v) => [v.number, v.hasProfile, v.hasReport])).toEqual([
      [2, true, true],
      [1, false, false],
    ]);
  });

  it('exports a version as CSV with a partition column, refusing to overwrite unless told', async () => {
    const path = writeCsv(tmp.path, 'small.csv', SMALL_HEADER, smallRows(50));
    const imported = await importOk(backend, path, { target: 'label' });
    const parted = await callOk(backend, 'data.partition', {
      datasetId: imported.datasetId,
      spec: { method: 'random', fractions: { train: 0.8, validation: 0, test: 0.2 }, seed: 1 },
    });
    await jobOk(backend, parted.jobId);
    const out = join(tmp.path, 'out.csv');
    await jobOk(backend, (await callOk(backend, 'data.export', { datasetId: imported.datasetId, path: out })).jobId);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('code,x,y,color,label,partition');
    expect(lines).toHaveLength(51);
    expect(lines[1]).toMatch(/^R0,0,0,red,yes,(train|test)$/);
    expect(lines.filter((l) => l.endsWith(',test'))).toHaveLength(10);
    expect(await backend.dispatch('data.export', { datasetId: imported.datasetId, path: out })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', messageKey: 'errors.data.exportExists', details: { field: 'path' } },
    });
    await jobOk(backend, (await callOk(backend, 'data.export', { datasetId: imported.datasetId, path: out, includePartition: false, overwrite: true })).jobId);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe('code,x,y,color,label');
  });

  it('deletes a dataset with its versions and the chunks nothing else uses', async () => {
    const a = await importOk(backend, writeCsv(tmp.path, 'a.csv', SMALL_HEADER, smallRows(30)));
    await importOk(backend, writeCsv(tmp.path, 'b.csv', SMALL_HEADER, smallRows(30)));
    const db = backend.ctx.session.require().db;
    const chunksBefore = db.prepare('SELECT count(*) FROM chunks').pluck().get() as number;
    expect(await callOk(backend, 'data.delete', { datasetId: a.datasetId })).toEqual({ deleted: true });
    expect((await callOk(backend, 'data.list', {})).map((d) => d.name)).toEqual(['b']);
    // Both files hold the same rows: every chunk of `a` is also `b`'s, so none may go.
    expect(db.prepare('SELECT count(*) FROM chunks').pluck().get()).toBe(chunksBefore);
    expect(db.prepare('SELECT count(*) FROM dataset_versions').pluck().get()).toBe(1);
    expect(await backend.dispatch('data.get', { datasetId: a.datasetId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.data.datasetNotFound' } });
  });
});

describe('workbooks', () => {
  it('previews an .xlsx file in a worker and imports its first sheet as a version', async () => {
    const book = fileURLToPath(new URL('../../fixtures/data/book.xlsx', import.meta.url));
    const preview = await callOk(backend, 'data.preview', { path: book });
    expect(preview.format).toBe('xlsx');
    expect(preview.sheets.length).toBeGreaterThan(0);
    expect(preview.columns.length).toBeGreaterThan(0);
    const imported = await importOk(backend, book);
    const detail = await callOk(backend, 'data.get', { datasetId: imported.datasetId });
    expect(detail).toMatchObject({ name: 'book', rows: preview.estimatedRows, columns: preview.columns.length });
    expect(detail.current.source?.summary).toMatchObject({ format: 'xlsx', sheet: preview.sheet });
  });
});

describe('quality check options', () => {
  it('compares with a reference dataset and runs the cross-validated label check', async () => {
    // y follows x (x > 50 -> yes); rows 0..9 carry the wrong label on purpose.
    const rows = Array.from({ length: 400 }, (_, i) => {
      const x = (i * 37) % 101;
      const truth = x > 50 ? 'yes' : 'no';
      return [x, (i % 7) / 2, i < 10 ? (truth === 'yes' ? 'no' : 'yes') : truth];
    });
    const main = await importOk(backend, writeCsv(tmp.path, 'now.csv', ['x', 'z', 'y'], rows), { target: 'y' });
    // The reference: same columns, x shifted far away.
    const ref = await importOk(backend, writeCsv(tmp.path, 'before.csv', ['x', 'z', 'y'], rows.map((r) => [Number(r[0]) + 500, r[1], r[2]])), { target: 'y' });
    const checked = await callOk(backend, 'data.check', { datasetId: main.datasetId, options: { referenceDatasetId: ref.datasetId, labelCheck: true } });
    await jobOk(backend, checked.jobId);
    const stored = await callOk(backend, 'data.getReport', { datasetId: main.datasetId });
    expect(stored?.options).toMatchObject({ target: 'y', labelCheck: true, referenceVersionId: ref.versionId });
    expect(stored?.report.findings.find((f) => f.kind === 'reference_drift')?.evidence.columns).toContain('x');
    expect(stored?.labelCheck).toMatchObject({ model: expect.stringContaining('HistGradientBoosting'), folds: 5 });
    const suspects = new Set(stored?.labelCheck?.suspects.map((s) => s.rowId));
    // Most of the deliberately wrong labels are among the suspects.
    expect([...Array(10).keys()].filter((id) => suspects.has(id)).length).toBeGreaterThanOrEqual(7);
    expect(stored?.report.findings.some((f) => f.kind === 'label_suspect')).toBe(true);

    // The label check needs classes: a numeric target is refused with a clear key.
    await callOk(backend, 'data.setRoles', { datasetId: main.datasetId, target: 'z', ignored: [] });
    const numeric = await callOk(backend, 'data.check', { datasetId: main.datasetId, options: { labelCheck: true, task: 'regression' } });
    const failed = await waitJob(backend, numeric.jobId);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'INVALID_ARGUMENT', messageKey: 'errors.data.labelCheckNeedsClassification' } });
  });
});
