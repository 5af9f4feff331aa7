// The Features step's backend: the suggested spec (identifiers out, defaults per column with
// their rationale), relevance computed on the training rows, leakage warnings from relevance and
// from the stored quality report, the preview fitted on training rows, feature sets saved with
// their version and used by training (adapted to each model, or exactly as saved), and the
// refusals when data is missing a target, a partition or a column.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../../electron/backend/api/backend.js';
import { readManifest } from '../../../electron/backend/storage/repos/datasets.js';
import { loadAssignment, loadTable } from '../../../electron/backend/versions/chunk-io.js';
import { isNumberColumn } from '../../../electron/backend/data/table.js';
import type { PipelineSpec } from '../../../shared/domain/pipeline-spec.js';
import { callOk, tempDir, testBackend, type TempDir } from '../../helpers/project.js';
import { fixture, projectWithData, waitJob, waitRuns } from './helpers.js';

let tmp: TempDir;
let backend: Backend;

beforeEach(() => {
  tmp = tempDir();
  backend = testBackend(tmp.path);
});
afterEach(async () => {
  await backend.dispose();
  tmp.cleanup();
});

/** churn.csv plus `cancel_code`, a copy of the target under another name (a leak). */
function leakyChurn(): string {
  const lines = readFileSync(fixture('churn.csv'), 'utf8').trim().split('\n');
  const out = lines.map((line, i) => (i === 0 ? `${line},cancel_code` : `${line},${line.endsWith(',yes') ? 'CX' : 'OK'}`));
  const path = join(tmp.path, 'leaky.csv');
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

describe('features', () => {
  it('suggests a spec with rationale, relevance on the training rows and leakage warnings', async () => {
    await callOk(backend, 'project.create', { name: 'Leaky', dir: tmp.path });
    const imported = await callOk(backend, 'data.import', { path: leakyChurn(), options: { target: 'leaves' } });
    expect((await waitJob(backend, imported.jobId)).state).toBe('done');
    const parted = await callOk(backend, 'data.partition', { datasetId: imported.datasetId, spec: { method: 'stratified', column: 'leaves', target: 'leaves', fractions: { train: 0.6, validation: 0.2, test: 0.2 }, seed: 1 } });
    expect((await waitJob(backend, parted.jobId)).state).toBe('done');
    const datasetId = imported.datasetId;

    const s = await callOk(backend, 'features.suggest', { datasetId });
    expect(s).toMatchObject({ target: 'leaves', task: 'classification', taskSource: 'inferred', reasonKey: null, relevanceRows: 900, isRelevanceSampled: false, hasQualityReport: false });
    const col = (name: string) => s.columns.find((c) => c.name === name)!;
    expect(col('customer_id')).toMatchObject({ role: 'id', rationaleKey: 'features.rationale.identifier', relevance: null, distinct: 1500 });
    expect(col('leaves')).toMatchObject({ role: 'target', rationaleKey: 'features.rationale.target' });
    expect(col('plan')).toMatchObject({ role: 'feature', kind: 'categorical', rationaleKey: 'features.rationale.categoricalOneHot', distinct: 3 });
    expect(col('monthly_minutes').missing).toBeGreaterThan(0);
    expect(col('signup_date').rationaleKey).toBe('features.rationale.datetimeParts');
    expect(s.spec?.columns.find((c) => c.name === 'monthly_minutes')?.steps).toEqual([{ op: 'impute', strategy: 'median', addIndicator: true }, { op: 'standardScale' }]);
    // Relevance: the leak is near-perfect and flagged; among honest columns the calls tell most.
    expect(col('cancel_code').relevance?.isLeakSuspect).toBe(true);
    expect(col('cancel_code').leakage).toEqual([expect.objectContaining({ source: 'relevance', kind: 'leak_suspect', messageKey: 'features.leakSuspect' })]);
    const honest = s.columns.filter((c) => c.relevance && c.name !== 'cancel_code').sort((a, b) => (b.relevance!.mutualInfo ?? 0) - (a.relevance!.mutualInfo ?? 0));
    expect(honest[0].name).toBe('support_calls');
    expect(col('support_calls').relevance).toMatchObject({ rowsUsed: 900, test: 'anova' });
    expect(col('support_calls').relevance!.pValue).toBeLessThan(1e-6);

    // After the Data step's quality check, its leakage finding shows too.
    const check = await callOk(backend, 'data.check', { datasetId });
    expect((await waitJob(backend, check.jobId)).state).toBe('done');
    const after = await callOk(backend, 'features.suggest', { datasetId });
    expect(after.hasQualityReport).toBe(true);
    const leak = after.columns.find((c) => c.name === 'cancel_code')!.leakage;
    expect(leak.some((w) => w.source === 'qualityReport' && w.kind.startsWith('leakage_') && w.messageKey.startsWith('data.finding.leakage_'))).toBe(true);
  });

  it('previews the transformed training rows with the preprocessing fitted on them', async () => {
    const { datasetId, versionId } = await projectWithData(backend, tmp.path, 'churn.csv', 'leaves');
    const { spec } = await callOk(backend, 'features.suggest', { datasetId });
    const preview = await callOk(backend, 'features.preview', { datasetId, spec: spec!, offset: 5, limit: 4 });
    expect(preview).toMatchObject({ fittedRows: 900, fittedOn: 'train' });
    expect(preview.rows).toHaveLength(4);
    expect(preview.featureNames).toContain('plan_basic');
    expect(preview.sources[preview.featureNames.indexOf('plan_basic')]).toBe('plan');
    expect(preview.sources[preview.featureNames.indexOf('missingindicator_monthly_minutes')]).toBe('monthly_minutes');
    // `age` standardised with the training rows' mean and (population) standard deviation.
    const db = backend.ctx.session.require().db;
    const manifest = readManifest(db, versionId)!;
    const table = loadTable(db, manifest);
    const parts = loadAssignment(db, manifest)!;
    const age = table.columns.find((c) => c.name === 'age')!;
    if (!isNumberColumn(age)) throw new Error('age should be numeric');
    const train = Array.from(parts.keys()).filter((i) => parts[i] === 0);
    const values = train.map((i) => age.values[i]);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    const j = preview.featureNames.indexOf('age');
    expect(preview.rowIds[0]).toBe(table.rowIds[train[5]]);
    expect(preview.rows[0][j]).toBeCloseTo((age.values[train[5]] - mean) / std, 10);
  });

  it('saves feature sets with their version; training uses the newest, adapted to each model or exactly as saved', async () => {
    const { datasetId, versionId } = await projectWithData(backend, tmp.path, 'churn.csv', 'leaves');
    expect((await callOk(backend, 'lifecycle.status', {})).find((x) => x.step === 'features')?.state).toBe('not_started');
    const { spec } = await callOk(backend, 'features.suggest', { datasetId });
    const custom: PipelineSpec = {
      ...spec!,
      columns: spec!.columns.map((c) =>
        c.name === 'age' ? { ...c, steps: [{ op: 'log1p' }, { op: 'standardScale' }] } : c.name === 'signup_date' ? { name: c.name, kind: c.kind, role: 'ignore', steps: [] } : c,
      ),
    };
    const exact = await callOk(backend, 'features.save', { datasetId, versionId, spec: custom, name: 'Log age, no date', adaptToModel: false });
    expect(exact).toMatchObject({ datasetId, versionId, name: 'Log age, no date', adaptToModel: false });
    expect(await callOk(backend, 'features.get', { datasetId })).toEqual(exact);
    expect((await callOk(backend, 'lifecycle.status', {})).find((x) => x.step === 'features')?.state).toBe('done');

    const first = await callOk(backend, 'training.start', { datasetId, models: [{ id: 'logreg' }] });
    const [asSaved] = await waitRuns(backend, [first.runs[0].runId]);
    expect(asSaved).toMatchObject({ state: 'done', featureSetId: exact.id });
    const fitted = await callOk(backend, 'training.run', { runId: asSaved.id });
    expect(fitted.spec.columns).toEqual(custom.columns);
    expect(fitted.featureNames.some((n) => n.startsWith('signup_date'))).toBe(false);

    const adapted = await callOk(backend, 'features.save', { datasetId, versionId, spec: custom });
    expect(adapted.adaptToModel).toBe(true);
    expect((await callOk(backend, 'features.list', { datasetId })).map((f) => f.id)).toEqual([adapted.id, exact.id]);
    const second = await callOk(backend, 'training.start', { datasetId, models: [{ id: 'hgb', params: { maxIter: 20 } }] });
    const [tree] = await waitRuns(backend, [second.runs[0].runId]);
    const treeSpec = (await callOk(backend, 'training.run', { runId: tree.id })).spec;
    expect(treeSpec.columns.find((c) => c.name === 'plan')?.steps[0].op).toBe('ordinal');
    expect(treeSpec.columns.find((c) => c.name === 'signup_date')?.role).toBe('ignore');

    const wrong = await backend.dispatch('features.save', { datasetId, versionId, spec: { ...custom, columns: [...custom.columns, { name: 'no_such', kind: 'numeric', role: 'feature', steps: [] }] } });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', messageKey: 'errors.training.specMismatch', params: { column: 'no_such' } } });
  });

  it('says what is missing: a target, a partition', async () => {
    await callOk(backend, 'project.create', { name: 'Bare', dir: tmp.path });
    const imported = await callOk(backend, 'data.import', { path: fixture('tiny.csv') });
    expect((await waitJob(backend, imported.jobId)).state).toBe('done');
    const datasetId = imported.datasetId;
    const s = await callOk(backend, 'features.suggest', { datasetId });
    expect(s).toMatchObject({ target: null, spec: null, reasonKey: 'features.reason.noTarget' });
    expect(s.columns.every((c) => c.relevance === null)).toBe(true);
    expect((await callOk(backend, 'training.catalog', { datasetId })).recommended).toEqual([]);
    expect(await backend.dispatch('training.start', { datasetId, models: [{ id: 'baseline' }] })).toMatchObject({ ok: false, error: { messageKey: 'errors.training.noTarget' } });

    await callOk(backend, 'data.setRoles', { datasetId, target: 'leaves' });
    const catalog = await callOk(backend, 'training.catalog', { datasetId });
    expect(catalog.task).toBe('classification');
    expect(catalog.recommended.map((m) => m.id).slice(0, 2)).toEqual(['baseline', 'onerule']);
    expect(await backend.dispatch('training.start', { datasetId, models: [{ id: 'baseline' }] })).toMatchObject({ ok: false, error: { messageKey: 'errors.training.needsPartition' } });
    const parted = await callOk(backend, 'data.partition', { datasetId, spec: { method: 'random', fractions: { train: 0.7, validation: 0.3, test: 0 }, seed: 1 } });
    expect((await waitJob(backend, parted.jobId)).state).toBe('done');
    expect(await backend.dispatch('training.start', { datasetId, models: [{ id: 'ridge' }] })).toMatchObject({ ok: false, error: { messageKey: 'errors.training.modelNotForTask', details: { field: 'models.0.id' } } });
    expect(await backend.dispatch('training.start', { datasetId, models: [{ id: 'baseline', params: { nope: 1 } }] })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'models.0.params' } } });
  });
});
