// The Evaluate step's backend on real runs: the stored report equals what the metrics module
// computes on the fitted pipeline's own predictions (what serving will predict), the objective's
// verdict and the lift over the baseline and the one-rule model, threshold tuning, permutation
// importance, the test part used once (a reuse needs confirmation and is recorded), comparison,
// the self-contained HTML export, regression reports and out-of-fold reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../../electron/backend/api/backend.js';
import { readManifest } from '../../../electron/backend/storage/repos/datasets.js';
import { getRunArtifact } from '../../../electron/backend/storage/repos/training.js';
import { loadAssignment, loadTable } from '../../../electron/backend/versions/chunk-io.js';
import { cellText, tableToFrame } from '../../../electron/backend/data/table.js';
import { ModelPipeline } from '../../../electron/ml/compose/model-pipeline.js';
import { takeFrameRows } from '../../../electron/ml/core/frame.js';
import { computeMetric, evaluateClassification, evaluateRegression } from '../../../electron/ml/metrics/index.js';
import type { RunSummary } from '../../../shared/api/methods/training.js';
import { callOk, sampleObjective, tempDir, testBackend, type TempDir } from '../../helpers/project.js';
import { projectWithData, waitJob, waitRuns } from './helpers.js';

/** The rows of one part of a version, loaded the way a test reads them (not through the training code). */
function partOf(backend: Backend, versionId: string, part: number) {
  const db = backend.ctx.session.require().db;
  const manifest = readManifest(db, versionId)!;
  const table = loadTable(db, manifest);
  const assignment = loadAssignment(db, manifest)!;
  const rows = Int32Array.from(Array.from(assignment.keys()).filter((i) => assignment[i] === part));
  return { table, rows, frame: takeFrameRows(tableToFrame(table), rows) };
}

/** The display text of a column at the given rows (yes/no for a boolean target). */
function textsOf(table: ReturnType<typeof partOf>['table'], rows: Int32Array, name: string): string[] {
  const c = table.columns.find((x) => x.name === name)!;
  return Array.from(rows, (i) => cellText(c, i) as string);
}

function pipelineOf(backend: Backend, runId: string): ModelPipeline {
  const a = getRunArtifact(backend.ctx.session.require().db, runId)!;
  return ModelPipeline.fromArtifact(JSON.parse(a.artifactJson));
}

describe('classification runs', () => {
  let tmp: TempDir;
  let backend: Backend;
  let versionId: string;
  let runs: Record<string, RunSummary>;

  beforeAll(async () => {
    tmp = tempDir();
    backend = testBackend(tmp.path);
    const data = await projectWithData(backend, tmp.path, 'churn.csv', 'leaves');
    versionId = data.versionId;
    await callOk(backend, 'objective.save', { objective: { ...sampleObjective(), targetColumn: 'leaves', metric: 'roc_auc', threshold: 0.9, positiveClass: 'yes' } });
    const started = await callOk(backend, 'training.start', {
      datasetId: data.datasetId,
      models: [{ id: 'baseline' }, { id: 'onerule' }, { id: 'hgb', params: { maxIter: 60 } }, { id: 'logreg' }],
    });
    const done = await waitRuns(backend, started.runs.map((r) => r.runId));
    runs = Object.fromEntries(done.map((r) => [r.modelId, r]));
    for (const r of done) expect(r.state, r.error?.message).toBe('done');
  });
  afterAll(async () => {
    await backend.dispose();
    tmp.cleanup();
  });

  it('reports exactly what the metrics module computes on the fitted pipeline\'s own predictions', async () => {
    const report = await callOk(backend, 'evaluation.report', { runId: runs.hgb.id });
    const { table, rows, frame } = partOf(backend, versionId, 1);
    const pipeline = pipelineOf(backend, runs.hgb.id);
    const pred = pipeline.predictFrame(frame, { probabilities: true });
    if (pred.task !== 'classification') throw new Error('expected classification');
    const yTrue = Float64Array.from(textsOf(table, rows, 'leaves'), (l) => pred.classLabels.indexOf(l));
    expect(pred.classLabels).toEqual(['no', 'yes']);
    const expected = evaluateClassification({ yTrue, yPred: Float64Array.from(pred.classIndex), proba: pred.probabilities, classes: [0, 1], classNames: pred.classLabels, positiveClass: 1 });

    expect(report).toMatchObject({ evaluatedOn: 'validation', nRows: 300, target: 'leaves', metric: 'roc_auc', task: 'classification' });
    expect(report.metrics).toEqual(expected.metrics);
    expect(report.metrics.roc_auc).toBeCloseTo(computeMetric('roc_auc', { yTrue, proba: pred.probabilities, classes: [0, 1], positiveClass: 1 }), 12);
    expect(report.classification?.positiveClass).toBe('yes');
    expect(report.classification?.confusionMatrix.counts).toEqual(expected.confusionMatrix.counts);
    expect(report.classification?.confusionMatrix.normalizedTrue).toEqual(expected.confusionMatrix.normalizedTrue);
    expect(report.classification?.roc[0].fpr).toEqual(expected.roc[0].fpr);
    expect(report.classification?.pr[0].precision).toEqual(expected.pr[0].precision);
    expect(report.classification?.calibration.map((c) => c.strategy)).toEqual(['uniform', 'quantile']);
    expect(report.classification?.perClass.map((c) => c.name)).toEqual(['no', 'yes']);
    // The model's own importances, largest first, by the names of the features it saw.
    const own = pipeline.featureImportances()!;
    expect(report.featureImportances?.map((f) => f.name).sort()).toEqual(own.map((f) => f.name).sort());
    const sizes = report.featureImportances!.map((f) => Math.abs(f.importance));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    // The worst errors carry the rows' original values.
    expect(report.worstErrors.rows.length).toBe(expected.worstErrors.length);
    const first = report.worstErrors.rows[0];
    const position = rows[expected.worstErrors[0].row];
    expect(first.rowId).toBe(table.rowIds[position]);
    expect(first.cells).toEqual(table.columns.map((c) => cellText(c, position)));
    expect(first.actual).not.toBe(first.predicted);
    expect(report.worstErrors.columns).toEqual(table.columns.map((c) => c.name));
  });

  it('judges every run against the objective and shows the lift over the baseline and the one-rule model', async () => {
    const report = await callOk(backend, 'evaluation.report', { runId: runs.hgb.id });
    expect(report.objective).toMatchObject({ metric: 'roc_auc', threshold: 0.9, direction: 'higher', value: report.metrics.roc_auc, meets: true });
    const base = await callOk(backend, 'evaluation.report', { runId: runs.baseline.id });
    const rule = await callOk(backend, 'evaluation.report', { runId: runs.onerule.id });
    expect(report.lift.baseline).toMatchObject({ runId: runs.baseline.id, value: base.metrics.roc_auc });
    expect(report.lift.baseline?.lift).toBeCloseTo((report.metrics.roc_auc as number) - (base.metrics.roc_auc as number), 12);
    expect(report.lift.oneRule?.lift).toBeCloseTo((report.metrics.roc_auc as number) - (rule.metrics.roc_auc as number), 12);
    expect(report.lift.baseline!.lift!).toBeGreaterThan(0.3);
    expect(base.lift.baseline).toBeNull();
    expect((await callOk(backend, 'lifecycle.status', {})).find((s) => s.step === 'evaluate')?.state).toBe('done');

    // A stricter objective re-marks the runs without retraining.
    await callOk(backend, 'objective.save', { objective: { ...sampleObjective(), targetColumn: 'leaves', metric: 'roc_auc', threshold: 0.999, positiveClass: 'yes' } });
    const strict = await callOk(backend, 'training.runs', {});
    expect(strict.every((r) => r.objective?.meets === false)).toBe(true);
    expect((await callOk(backend, 'lifecycle.status', {})).find((s) => s.step === 'evaluate')).toMatchObject({ state: 'needs_attention', reasonKey: 'lifecycle.reason.evaluate.belowThreshold' });
    await callOk(backend, 'objective.save', { objective: { ...sampleObjective(), targetColumn: 'leaves', metric: 'roc_auc', threshold: 0.9, positiveClass: 'yes' } });
  });

  it('tunes the decision threshold on the validation rows and saves the choice', async () => {
    const t = await callOk(backend, 'evaluation.thresholds', { runId: runs.hgb.id });
    const report = await callOk(backend, 'evaluation.report', { runId: runs.hgb.id });
    expect(t.positiveClass).toBe('yes');
    const th = t.candidates.map((c) => c.threshold);
    expect(th).toEqual([...th].sort((a, b) => b - a));
    for (const c of t.candidates) expect(c.tp + c.fp + c.fn + c.tn).toBe(300);
    const bestF1 = Math.max(...t.candidates.map((c) => c.f1 ?? 0));
    expect(t.best.f1?.f1).toBeCloseTo(bestF1, 12);
    // The model's own rule is the report's confusion matrix (rows: no, yes).
    const cm = report.classification!.confusionMatrix.counts;
    expect(t.current).toMatchObject({ tp: cm[1][1], fn: cm[1][0], fp: cm[0][1], tn: cm[0][0] });
    expect(t.chosen).toBeNull();

    const chosen = await callOk(backend, 'evaluation.setThreshold', { runId: runs.hgb.id, threshold: 0.3 });
    expect(chosen.chosen?.threshold).toBeGreaterThanOrEqual(0.3);
    expect(t.candidates.some((c) => c.threshold === chosen.chosen?.threshold)).toBe(true);
    expect(t.candidates.filter((c) => c.threshold >= 0.3 && c.threshold < chosen.chosen!.threshold)).toEqual([]);
    expect((await callOk(backend, 'training.run', { runId: runs.hgb.id })).chosenThreshold).toBe(chosen.chosen?.threshold);
    expect((await callOk(backend, 'evaluation.setThreshold', { runId: runs.hgb.id, threshold: null })).chosen).toBeNull();
  });

  it('computes permutation importance of the input columns in a job', async () => {
    const { jobId } = await callOk(backend, 'evaluation.permutationImportance', { runId: runs.logreg.id, nRepeats: 3 });
    expect((await waitJob(backend, jobId)).state).toBe('done');
    const report = await callOk(backend, 'evaluation.report', { runId: runs.logreg.id });
    const p = report.permutationImportance!;
    expect(p).toMatchObject({ metric: 'roc_auc', nRepeats: 3, direction: 'higher' });
    expect(p.features.map((f) => f.feature).sort()).toEqual(['age', 'monthly_minutes', 'plan', 'signup_date', 'support_calls', 'tenure_months']);
    expect(p.features[0].feature).toBe('support_calls');
    expect(p.baselineScore).toBeCloseTo(report.metrics.roc_auc as number, 12);
    // Logistic regression's coefficients are its own importances.
    expect(report.featureImportances?.length).toBeGreaterThan(5);
  });

  it('uses the test part once; a second use must be confirmed and is recorded as a reuse', async () => {
    const first = await callOk(backend, 'evaluation.test', { runId: runs.hgb.id });
    expect((await waitJob(backend, first.jobId)).state).toBe('done');
    const test = await callOk(backend, 'evaluation.report', { runId: runs.hgb.id, part: 'test' });
    expect(test).toMatchObject({ evaluatedOn: 'test', nRows: 300, test: { isConfirmedReuse: false } });
    expect(test.test?.author).not.toBe('');
    const testPart = partOf(backend, versionId, 2);
    const pred = pipelineOf(backend, runs.hgb.id).predictFrame(testPart.frame);
    if (pred.task !== 'classification') throw new Error('expected classification');
    const truth = textsOf(testPart.table, testPart.rows, 'leaves');
    const hits = pred.labels.filter((l, i) => l === truth[i]).length;
    expect(test.metrics.accuracy).toBeCloseTo(hits / 300, 12);

    const again = await backend.dispatch('evaluation.test', { runId: runs.logreg.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.evaluation.testAlreadyUsed', details: { field: 'confirm' } } });
    expect((await backend.dispatch('evaluation.report', { runId: runs.logreg.id, part: 'test' })).ok).toBe(false);
    const confirmed = await callOk(backend, 'evaluation.test', { runId: runs.logreg.id, confirm: true });
    expect((await waitJob(backend, confirmed.jobId)).state).toBe('done');
    expect((await callOk(backend, 'evaluation.report', { runId: runs.logreg.id, part: 'test' })).test?.isConfirmedReuse).toBe(true);
    const listed = await callOk(backend, 'training.runs', {});
    expect(listed.filter((r) => r.hasTestReport).map((r) => r.modelId).sort()).toEqual(['hgb', 'logreg']);
  });

  it('compares two runs side by side', async () => {
    const c = await callOk(backend, 'evaluation.compare', { a: runs.hgb.id, b: runs.logreg.id });
    expect(c.isSameData).toBe(true);
    expect(c.isSameValidation).toBe(true);
    const auc = c.metrics.find((m) => m.id === 'roc_auc')!;
    expect(auc).toMatchObject({ a: runs.hgb.metrics?.roc_auc, b: runs.logreg.metrics?.roc_auc, direction: 'higher' });
    expect(auc.better).toBe((auc.a as number) > (auc.b as number) ? 'a' : (auc.a as number) < (auc.b as number) ? 'b' : 'tie');
    expect(c.metrics.find((m) => m.id === 'log_loss')?.direction).toBe('lower');
    // Different models: every parameter either has is listed.
    expect(c.params.find((p) => p.name === 'maxIter')).toEqual({ name: 'maxIter', a: 60, b: 100 });
    expect(c.params.find((p) => p.name === 'C')).toEqual({ name: 'C', b: 1 });
    // Trees get ordinal codes and raw numbers; logistic regression one-hot and scaling.
    expect(c.features.find((f) => f.column === 'plan')).toMatchObject({ a: expect.stringContaining('ordinal'), b: expect.stringContaining('oneHot') });
  });

  it('exports a self-contained HTML report in either language', async () => {
    const path = join(tmp.path, 'report.html');
    const written = await callOk(backend, 'evaluation.exportHtml', { runId: runs.hgb.id, path });
    expect(existsSync(path)).toBe(true);
    const html = readFileSync(path, 'utf8');
    expect(written.bytes).toBe(Buffer.byteLength(html));
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('Confusion matrix');
    expect(html).toContain('Meets the objective');
    expect(html).toContain('C1'); // worst errors show customer ids
    const refused = await backend.dispatch('evaluation.exportHtml', { runId: runs.hgb.id, path });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.evaluation.fileExists' } });
    await callOk(backend, 'evaluation.exportHtml', { runId: runs.hgb.id, path, locale: 'es', overwrite: true });
    const es = readFileSync(path, 'utf8');
    expect(es).toContain('Matriz de confusión');
    expect(es).toContain('<html lang="es">');
    expect(es).not.toMatch(/https?:\/\//);
  });
});

describe('regression runs', () => {
  let tmp: TempDir;
  let backend: Backend;

  beforeAll(() => {
    tmp = tempDir();
    backend = testBackend(tmp.path);
  });
  afterAll(async () => {
    await backend.dispose();
    tmp.cleanup();
  });

  it('report metrics, residuals and worst errors from the pipeline\'s predictions; k-fold without validation rows reports out-of-fold', async () => {
    const data = await projectWithData(backend, tmp.path, 'houses.csv', 'price_k', { stratify: false });
    const started = await callOk(backend, 'training.start', { datasetId: data.datasetId, models: [{ id: 'ridge' }, { id: 'baseline' }] });
    const [ridge, baseline] = await waitRuns(backend, started.runs.map((r) => r.runId));
    expect([ridge.state, baseline.state]).toEqual(['done', 'done']);
    const report = await callOk(backend, 'evaluation.report', { runId: ridge.id });
    const { frame } = partOf(backend, data.versionId, 1);
    const pred = pipelineOf(backend, ridge.id).predictFrame(frame);
    if (pred.task !== 'regression') throw new Error('expected regression');
    const y = frame.columns.find((c) => c.name === 'price_k')!;
    if (y.kind !== 'numeric') throw new Error('expected numeric');
    const expected = evaluateRegression({ yTrue: y.values, yPred: pred.values });
    expect(report.metrics).toEqual(expected.metrics);
    expect(report.metric).toBe('rmse');
    expect(report.regression?.residuals).toEqual(expected.residuals);
    expect(report.classification).toBeNull();
    const worst = report.worstErrors.rows[0];
    expect(Number(worst.actual) - Number(worst.predicted)).toBeCloseTo(worst.residual as number, 9);
    expect(report.lift.baseline?.lift).toBeGreaterThan(0);
    expect(await backend.dispatch('evaluation.thresholds', { runId: ridge.id })).toMatchObject({ ok: false, error: { messageKey: 'errors.evaluation.thresholdsNeedBinary' } });
    expect(report.featureImportances?.length).toBeGreaterThan(0);

    // A partition without validation rows: holdout is refused, k-fold reports out-of-fold predictions.
    const parted = await callOk(backend, 'data.partition', { datasetId: data.datasetId, spec: { method: 'random', fractions: { train: 0.8, validation: 0, test: 0.2 }, seed: 2 } });
    expect((await waitJob(backend, parted.jobId)).state).toBe('done');
    const refused = await backend.dispatch('training.start', { datasetId: data.datasetId, models: [{ id: 'ridge' }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', messageKey: 'errors.training.noValidationRows' } });
    const kfold = await callOk(backend, 'training.start', { datasetId: data.datasetId, models: [{ id: 'ridge' }], validation: { scheme: 'kfold', k: 4 } });
    const [oof] = await waitRuns(backend, [kfold.runs[0].runId]);
    expect(oof).toMatchObject({ state: 'done', evaluatedOn: 'outOfFold', trainRows: 640, evaluatedRows: 640 });
    expect(oof.cv?.k).toBe(4);
    expect(oof.cv?.mean.rmse).toBeGreaterThan(0);
  });
});
