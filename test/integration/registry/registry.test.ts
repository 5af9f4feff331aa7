// The model registry through dispatch, on real runs: versions numbered per model, one production
// version per model (promotion demotes the previous one to archived in the same transaction, and
// the file itself refuses a second), the audit log (who, when, why), full lineage, references,
// refusals, the generated and editable model card (fairness metrics recomputed here from the
// validation rows), and bundles: export, import into another project with identical predictions,
// and a tampered bundle refused naming the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../../electron/backend/api/backend.js';
import { currentAuthor } from '../../../electron/backend/versions/commit.js';
import { getArtifactJson, getVersionByNumber } from '../../../electron/backend/storage/repos/registry.js';
import { projectModelSource } from '../../../electron/backend/registry/project-source.js';
import { parseModelRef } from '../../../electron/backend/registry/refs.js';
import { ModelPipeline, type ClassificationPrediction } from '../../../electron/ml/compose/model-pipeline.js';
import { cellText } from '../../../electron/backend/data/table.js';
import type { ModelVersionDetail } from '../../../shared/api/methods/registry.js';
import { callOk, tempDir, testBackend, type TempDir } from '../../helpers/project.js';
import { waitRuns } from '../training/helpers.js';
import { partOf, runPipeline, trainedChurnProject, type TrainedProject } from './helpers.js';

let tmp: TempDir;
let backend: Backend;
let project: TrainedProject;

async function errorOf(method: string, args: unknown) {
  const r = await backend.dispatch(method, args);
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error;
}

async function stepState(step: string): Promise<string | undefined> {
  return (await callOk(backend, 'lifecycle.status', {})).find((s) => s.step === step)?.state;
}

beforeAll(async () => {
  tmp = tempDir('ciclo-registry-');
  backend = testBackend(tmp.path);
  project = await trainedChurnProject(backend, tmp.path, [{ id: 'hgb', params: { maxIter: 40 } }, { id: 'logreg' }]);
}, 300_000);

afterAll(async () => {
  await backend.dispose();
  tmp.cleanup();
});

describe('registering runs', () => {
  let v1: ModelVersionDetail;

  it('records a run as version 1 with its full lineage and an audit entry', async () => {
    expect(await stepState('deploy')).toBe('not_started');
    const run = await callOk(backend, 'training.run', { runId: project.runs.hgb.id });

    v1 = await callOk(backend, 'registry.register', { runId: run.id, name: 'churn', comment: 'first candidate' });

    expect(v1).toMatchObject({ name: 'churn', version: 1, stage: 'none', source: 'run', runId: run.id, runNumber: run.number, comment: 'first candidate', createdBy: currentAuthor() });
    expect(v1.lineage).toMatchObject({
      source: 'run',
      runId: run.id,
      datasetId: project.datasetId,
      datasetVersionId: project.versionId,
      datasetVersionNumber: run.versionNumber,
      modelId: 'hgb',
      modelKind: run.modelKind,
      params: run.params,
      seed: run.seed,
      task: 'classification',
      target: 'leaves',
      metrics: run.metrics,
      engineVersion: run.engineVersion,
      artifactSha256: run.artifactSha256,
      artifactBytes: run.artifactBytes,
      objective: { metric: 'roc_auc', threshold: 0.7, direction: 'higher', positiveClass: 'yes', value: run.metrics?.roc_auc, meets: (run.metrics?.roc_auc ?? 0) >= 0.7 },
    });
    expect(v1.lineage.spec).toEqual(run.spec);
    expect(v1.lineage.inputTypes).toMatchObject({ plan: 'categorical', age: 'integer' });
    expect(v1.inputSchema.map((c) => c.name)).toEqual(runPipeline(backend, run.id).inputSchema.map((c) => c.name));
    expect(v1.classLabels).toEqual(['no', 'yes']);
    expect(v1).toMatchObject({ metric: 'roc_auc', metricValue: run.metrics?.roc_auc });

    const audit = await callOk(backend, 'registry.audit', { name: 'churn' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'register', name: 'churn', version: 1, fromStage: null, toStage: 'none', author: currentAuthor(), comment: 'first candidate', details: { runId: run.id, runNumber: run.number } });
    expect(await stepState('deploy')).toBe('in_progress');
  });

  it('numbers versions per model and keeps one production version: a promotion archives the previous one, both audited', async () => {
    const v2 = await callOk(backend, 'registry.register', { runId: project.runs.logreg.id, name: 'churn', stage: 'production', comment: 'simpler model' });
    expect(v2).toMatchObject({ version: 2, stage: 'production' });
    expect(await stepState('deploy')).toBe('done');
    const other = await callOk(backend, 'registry.register', { runId: project.runs.logreg.id, name: 'churn-lite' });
    expect(other.version).toBe(1);

    const model = await callOk(backend, 'registry.setStage', { name: 'churn', version: 1, stage: 'production', comment: 'better ranking' });

    expect(model.versions.map((v) => [v.version, v.stage])).toEqual([
      [2, 'archived'],
      [1, 'production'],
    ]);
    expect(model).toMatchObject({ productionVersion: 1, versionCount: 2, latestVersion: 2 });
    const audit = await callOk(backend, 'registry.audit', { name: 'churn' });
    expect(audit.slice(0, 2).map((e) => [e.action, e.version, e.fromStage, e.toStage, e.comment])).toEqual([
      ['stage', 1, 'none', 'production', 'better ranking'],
      ['stage', 2, 'production', 'archived', 'better ranking'],
    ]);
    expect(audit[1].details).toEqual({ promotedVersion: 1 });
    // The file itself refuses a second production version of a model.
    const db = backend.ctx.session.require().db;
    expect(() => db.prepare("UPDATE model_versions SET stage = 'production' WHERE model_name = 'churn' AND version = 2").run()).toThrow(/UNIQUE/);
    const again = await errorOf('registry.setStage', { name: 'churn', version: 1, stage: 'production' });
    expect(again).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.registry.sameStage', details: { field: 'stage' } });
  });

  it('resolves references to versions and refuses unknown ones, bad names and unfinished runs', async () => {
    expect((await callOk(backend, 'registry.resolve', { ref: 'churn' })).version).toBe(1);
    expect((await callOk(backend, 'registry.resolve', { ref: 'churn@production' })).version).toBe(1);
    expect((await callOk(backend, 'registry.resolve', { ref: 'churn@archived' })).version).toBe(2);
    expect((await callOk(backend, 'registry.resolve', { ref: 'churn@2' })).version).toBe(2);
    expect(await errorOf('registry.resolve', { ref: 'churn@staging' })).toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.registry.stageNotFound', params: { name: 'churn', stage: 'staging' } });
    expect(await errorOf('registry.resolve', { ref: 'churn@9' })).toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.registry.versionNotFound' });
    expect(await errorOf('registry.resolve', { ref: 'churn@someday' })).toMatchObject({ code: 'INVALID_ARGUMENT', messageKey: 'errors.registry.badRef' });
    expect(await errorOf('registry.model', { name: 'nobody' })).toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.registry.modelNotFound' });
    expect(await errorOf('registry.register', { runId: project.runs.hgb.id, name: 'has space' })).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'name' } });

    const started = await callOk(backend, 'training.start', { datasetId: project.datasetId, models: [{ id: 'rf', params: { nEstimators: 400 } }] });
    await callOk(backend, 'training.cancel', { runId: started.runs[0].runId });
    await waitRuns(backend, [started.runs[0].runId]);
    expect(await errorOf('registry.register', { runId: started.runs[0].runId, name: 'churn' })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.registry.runNotFinished', details: { field: 'runId' } });
    expect((await callOk(backend, 'registry.model', { name: 'churn' })).versionCount).toBe(2);
  });
});

describe('model cards', () => {
  it('are generated from the objective, the data, the metrics, the quality report and per-group validation metrics', async () => {
    const card = await callOk(backend, 'registry.card', { name: 'churn', version: 1, locale: 'en' });

    expect(card.sections.map((s) => s.id)).toEqual(['overview', 'intendedUse', 'trainingData', 'metrics', 'limitations', 'fairness', 'lineage']);
    const section = (id: string) => card.sections.find((s) => s.id === id)!.markdown;
    expect(section('intendedUse')).toContain('roc_auc ≥ 0.7');
    expect(card.facts.metrics[0]).toMatchObject({ id: 'roc_auc', threshold: 0.7, value: project.runs.hgb.metrics?.roc_auc });
    expect(section('metrics').split('\n')[2]).toContain('| roc_auc |');
    const report = await callOk(backend, 'data.getReport', { datasetId: project.datasetId });
    expect(card.facts.limits?.map((l) => l.kind)).toEqual(report?.report.findings.map((f) => f.kind));
    expect(card.facts.data).toMatchObject({ datasetName: 'churn', versionNumber: project.runs.hgb.versionNumber, trainRows: project.runs.hgb.trainRows, evaluatedOn: 'validation' });

    // Fairness: `plan` was watched in the quality check; recompute each group's accuracy here.
    expect(card.facts.fairness.status).toBe('computed');
    const plan = card.facts.fairness.columns.find((c) => c.column === 'plan')!;
    expect(plan.isModelInput).toBe(true);
    const { table, rows, frame } = partOf(backend, project.versionId, 1);
    const predicted = runPipeline(backend, project.runs.hgb.id).predictFrame(frame) as ClassificationPrediction;
    const planCol = table.columns.find((c) => c.name === 'plan')!;
    const leaves = table.columns.find((c) => c.name === 'leaves')!;
    for (const g of plan.groups) {
      const mine = Array.from(rows.keys()).filter((k) => cellText(planCol, rows[k]) === g.group);
      const correct = mine.filter((k) => predicted.labels[k] === cellText(leaves, rows[k])).length;
      expect(g.rows).toBe(mine.length);
      expect(g.metrics.accuracy).toBeCloseTo(correct / mine.length, 12);
    }
    expect(plan.groups.reduce((a, g) => a + g.rows, 0)).toBe(rows.length);
    expect(section('fairness')).toContain('Column **plan**');
    expect(card.markdown.startsWith('# Model card: churn version 1\n')).toBe(true);

    const es = await callOk(backend, 'registry.card', { name: 'churn', version: 1, locale: 'es' });
    expect(es.sections.map((s) => s.title)).toEqual(['Resumen', 'Uso previsto', 'Datos de entrenamiento', 'Métricas', 'Límites conocidos', 'Equidad', 'Trazabilidad']);
  });

  it('keep edited sections per version (audited) until reverted to the generated text', async () => {
    const edited = await callOk(backend, 'registry.saveCard', { name: 'churn', version: 1, sections: [{ id: 'intendedUse', markdown: 'Rank customers for the retention team only.' }], comment: 'scope' });

    const s = edited.sections.find((x) => x.id === 'intendedUse')!;
    expect(s).toMatchObject({ markdown: 'Rank customers for the retention team only.', isEdited: true, editedBy: currentAuthor() });
    expect(s.generatedMarkdown).toContain('roc_auc');
    expect(edited.markdown).toContain('## Intended use\n\nRank customers for the retention team only.');
    expect((await callOk(backend, 'registry.card', { name: 'churn', version: 2 })).sections.every((x) => !x.isEdited)).toBe(true);
    expect((await callOk(backend, 'registry.model', { name: 'churn' })).versions.find((v) => v.version === 1)?.hasEditedCard).toBe(true);
    expect((await callOk(backend, 'registry.audit', { name: 'churn', limit: 1 }))[0]).toMatchObject({ action: 'card', version: 1, comment: 'scope', details: { sections: ['intendedUse'] } });

    const reverted = await callOk(backend, 'registry.saveCard', { name: 'churn', version: 2, sections: [{ id: 'lineage', markdown: 'temporary' }] });
    expect(reverted.sections.find((x) => x.id === 'lineage')?.isEdited).toBe(true);
    const back = await callOk(backend, 'registry.saveCard', { name: 'churn', version: 2, sections: [{ id: 'lineage', markdown: null }] });
    const lineage = back.sections.find((x) => x.id === 'lineage')!;
    expect(lineage.isEdited).toBe(false);
    expect(lineage.markdown).toBe(lineage.generatedMarkdown);
  });
});

describe('bundles', () => {
  let bundleDir: string;

  it('export a version with its pipeline, ONNX status, schema, card, lineage and checksums', async () => {
    bundleDir = join(tmp.path, 'bundles', 'churn-prod');

    const out = await callOk(backend, 'registry.export', { ref: 'churn@production', dir: bundleDir });

    expect(out).toMatchObject({ dir: bundleDir, name: 'churn', version: 1 });
    const files = out.files.map((f) => f.path).sort();
    expect(files).toEqual(expect.arrayContaining(['input-schema.json', 'lineage.json', 'model-card.md', 'pipeline.json']));
    if (out.onnx.status === 'exported') expect(existsSync(join(bundleDir, 'model.onnx'))).toBe(true);
    else expect(readFileSync(join(bundleDir, 'onnx-unsupported.md'), 'utf8')).toContain(out.onnx.steps[0]);
    expect(readFileSync(join(bundleDir, 'model-card.md'), 'utf8')).toContain('Rank customers for the retention team only.');
    const manifest = JSON.parse(readFileSync(join(bundleDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'churn', version: '1', stages: ['production'] });
    expect((await callOk(backend, 'registry.audit', { name: 'churn', limit: 1 }))[0]).toMatchObject({ action: 'export', version: 1, details: { path: bundleDir, onnx: out.onnx.status } });
    const again = await errorOf('registry.export', { ref: 'churn', dir: bundleDir });
    expect(again).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.registry.exportFolderNotEmpty', details: { field: 'dir' } });
  });

  it('import into another project as a new version that predicts exactly as the original', async () => {
    const other = testBackend(join(tmp.path, 'other'));
    try {
      await callOk(other, 'project.create', { name: 'Elsewhere', dir: join(tmp.path, 'other') });

      const imported = await callOk(other, 'registry.import', { dir: bundleDir, name: 'churn-imported', stage: 'staging', comment: 'from the lab' });

      expect(imported).toMatchObject({ name: 'churn-imported', version: 1, stage: 'staging', source: 'bundle', runId: null });
      expect(imported.lineage).toMatchObject({ source: 'bundle', runId: project.runs.hgb.id, modelId: 'hgb', seed: project.runs.hgb.seed, bundle: { path: bundleDir, name: 'churn', version: '1' } });
      const card = await callOk(other, 'registry.card', { name: 'churn-imported', version: 1 });
      expect(card.facts.fairness.status).toBe('computed');
      expect(card.sections.find((s) => s.id === 'intendedUse')).toMatchObject({ isEdited: true, markdown: 'Rank customers for the retention team only.' });
      expect((await callOk(other, 'registry.audit', {}))[0]).toMatchObject({ action: 'import', toStage: 'staging', comment: 'from the lab', details: { path: bundleDir } });

      const db = other.ctx.session.require().db;
      const stored = getVersionByNumber(db, 'churn-imported', 1)!;
      const importedPipeline = ModelPipeline.fromArtifact(JSON.parse(getArtifactJson(db, stored.artifactSha256)!));
      const { frame } = partOf(backend, project.versionId, 1);
      const a = runPipeline(backend, project.runs.hgb.id).predictFrame(frame, { probabilities: true }) as ClassificationPrediction;
      const b = importedPipeline.predictFrame(frame, { probabilities: true }) as ClassificationPrediction;
      expect(b.labels).toEqual(a.labels);
      expect(Array.from(b.probabilities!.data)).toEqual(Array.from(a.probabilities!.data));
      expect(stored.artifactSha256).toBe(project.runs.hgb.artifactSha256);
    } finally {
      await other.dispose();
    }
  });

  it('refuse a tampered bundle with the checksum error naming the file', async () => {
    const tampered = join(tmp.path, 'bundles', 'tampered');
    mkdirSync(tampered, { recursive: true });
    cpSync(bundleDir, tampered, { recursive: true });
    const path = join(tampered, 'input-schema.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"plan"', '"plan "'));

    const error = await errorOf('registry.import', { dir: tampered, name: 'churn' });

    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', messageKey: 'errors.registry.bundleTampered', params: { file: 'input-schema.json' }, details: { field: 'dir', file: 'input-schema.json' } });
    expect(error.message).toMatch(/input-schema\.json does not match its checksum/);
    expect((await callOk(backend, 'registry.model', { name: 'churn' })).versionCount).toBe(2);
  });
});

describe('the project model source', () => {
  it('lists every version with its stage, serves what each reference resolves to now, and loads the registered artifact', async () => {
    const db = backend.ctx.session.require().db;
    const source = projectModelSource(() => db, [parseModelRef('churn@archived'), parseModelRef('churn-lite')]);

    expect(await source.list()).toEqual([
      { name: 'churn', versions: [{ version: '1', stages: ['production'] }, { version: '2', stages: ['archived'] }], defaultVersion: '2' },
      { name: 'churn-lite', versions: [{ version: '1', stages: [] }], defaultVersion: '1' },
    ]);
    const payload = await source.load('churn', '1');
    expect(payload.artifact).toEqual(JSON.parse(getArtifactJson(db, project.runs.hgb.artifactSha256 as string)!));
    expect(payload.metadata).toMatchObject({ stage: 'production', lineage: { runId: project.runs.hgb.id, modelId: 'hgb' } });
    expect(() => source.load('churn', '9')).toThrow(/no version 9/);
    expect(() => projectModelSource(() => db, [parseModelRef('churn@staging')])).toThrow(expect.objectContaining({ messageKey: 'errors.registry.stageNotFound' }));

    // A stage move shows in the next listing (the server re-reads it on reload).
    await callOk(backend, 'registry.setStage', { name: 'churn', version: 2, stage: 'staging' });
    expect((await source.list())[0]).toMatchObject({ versions: [{ version: '1', stages: ['production'] }, { version: '2', stages: ['staging'] }] });
    expect((await source.list())[0].defaultVersion).toBeUndefined();
  });
});
