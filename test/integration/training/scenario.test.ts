// The backend scenario of the Train and Evaluate steps, through the same dispatch as the UI:
// import a CSV, partition it, accept the suggested features, train the recommended preset (which
// always holds the baseline and the one-rule model), and find a run that beats the baseline and
// meets the objective; the stepper follows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/api/backend.js';
import type { RunSummary } from '../../../shared/api/methods/training.js';
import { callOk, sampleObjective, tempDir, testBackend, type TempDir } from '../../helpers/project.js';
import { projectWithData, waitRuns } from './helpers.js';

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

describe('import, partition, features, train the preset, evaluate', () => {
  it('the best run of the recommended preset beats the baseline and the one-rule model, and meets the objective', async () => {
    const { datasetId, versionId } = await projectWithData(backend, tmp.path, 'churn.csv', 'leaves');
    await callOk(backend, 'objective.save', { objective: { ...sampleObjective(), targetColumn: 'leaves', metric: 'balanced_accuracy', threshold: 0.75, positiveClass: 'yes' } });
    const suggestion = await callOk(backend, 'features.suggest', { datasetId });
    await callOk(backend, 'features.save', { datasetId, versionId, spec: suggestion.spec! });
    const catalog = await callOk(backend, 'training.catalog', { datasetId });
    expect(catalog.recommended.map((m) => m.id)).toEqual(expect.arrayContaining(['baseline', 'onerule']));
    const curves: number[] = [];
    const stop = backend.ctx.events.subscribe((name, payload) => {
      if (name === 'training.curve') curves.push((payload as { iteration: number }).iteration);
    });
    const started = await callOk(backend, 'training.start', { datasetId, models: catalog.recommended.map((m) => ({ id: m.id })) });
    const runs = await waitRuns(backend, started.runs.map((r) => r.runId));
    stop();
    for (const r of runs) expect(r.state, `${r.modelId}: ${r.error?.message}`).toBe('done');
    expect(curves.length).toBeGreaterThan(0);

    const score = (r: RunSummary) => r.metrics?.balanced_accuracy ?? -Infinity;
    const baseline = runs.find((r) => r.modelId === 'baseline')!;
    const oneRule = runs.find((r) => r.modelId === 'onerule')!;
    const best = [...runs].sort((a, b) => score(b) - score(a))[0];
    expect(['baseline', 'onerule']).not.toContain(best.modelId);
    expect(score(best)).toBeGreaterThan(score(baseline) + 0.2);
    expect(score(best)).toBeGreaterThan(score(oneRule));
    expect(best.objective).toMatchObject({ metric: 'balanced_accuracy', meets: true });
    expect(baseline.objective?.meets).toBe(false);
    const report = await callOk(backend, 'evaluation.report', { runId: best.id });
    expect(report.lift.baseline?.lift).toBeGreaterThan(0.2);
    expect(report.lift.oneRule?.lift).toBeGreaterThan(0);

    const steps = Object.fromEntries((await callOk(backend, 'lifecycle.status', {})).map((s) => [s.step, s]));
    expect(steps.features).toMatchObject({ state: 'done', isAvailable: true });
    expect(steps.train).toMatchObject({ state: 'done', isAvailable: true });
    expect(steps.evaluate).toMatchObject({ state: 'done', isAvailable: true });
  });
});
