// The Features, Train and Evaluate stores against a fake API: what they call with what, and how
// backend events (job.progress, training.curve, training.runUpdated) reach the run list.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetDetail } from '../../../../shared/api/methods/data.js';
import type { EvaluationReport, FeatureSet, FeatureSuggestion, RunSummary } from '../../../../shared/api/methods/training.js';
import { defaultPipelineSpec } from '../../../../shared/domain/pipeline-spec.js';
import { setApi } from '../../../../renderer/api/client.js';
import { useDataStore } from '../../../../renderer/stores/data-store.js';
import { useEvaluationStore } from '../../../../renderer/stores/evaluation-store.js';
import { isFeaturesDirty, useFeaturesStore } from '../../../../renderer/stores/features-store.js';
import { clearProjectStores } from '../../../../renderer/stores/project-session.js';
import { subscribeToBackend } from '../../../../renderer/stores/subscriptions.js';
import { runViews } from '../../../../renderer/stores/training-logic.js';
import { useTrainingStore } from '../../../../renderer/stores/training-store.js';
import type { FakeApi } from '../fake-api.js';
import { createFakeApi } from '../fake-api.js';
import { catalog, progress, runSummary } from './fixtures.js';

const NOW = '2025-03-01T10:00:00.000Z';

function detail(versionId = 'v1', number = 1): DatasetDetail {
  const version = {
    id: versionId,
    datasetId: 'd1',
    number,
    parentId: null,
    kind: 'partition' as const,
    message: '',
    author: 'ana',
    createdAt: NOW,
    rows: 800,
    schema: [
      { name: 'age', type: 'numeric' as const, role: 'feature' as const },
      { name: 'plan', type: 'categorical' as const, role: 'feature' as const },
      { name: 'churned', type: 'categorical' as const, role: 'target' as const },
    ],
    target: 'churned',
    partition: null,
    step: null,
    source: null,
    tags: [],
    isCurrent: true,
    logicalBytes: 1,
    storedBytes: 1,
    hasProfile: false,
    hasReport: false,
  };
  return { id: 'd1', name: 'churn', createdAt: NOW, updatedAt: NOW, currentVersionId: versionId, latestVersionId: versionId, versionCount: number, rows: 800, columns: 3, target: 'churned', hasPartition: true, criticalFindings: null, current: version };
}

function spec() {
  return defaultPipelineSpec(
    [
      { name: 'age', kind: 'numeric', distinctCount: 40, rowCount: 800 },
      { name: 'plan', kind: 'categorical', distinctCount: 3, rowCount: 800 },
      { name: 'churned', kind: 'categorical', distinctCount: 2, rowCount: 800 },
    ],
    'classification',
    { target: 'churned' },
  );
}

function suggestion(versionId = 'v1'): FeatureSuggestion {
  return {
    datasetId: 'd1',
    versionId,
    target: 'churned',
    task: 'classification',
    taskSource: 'objective',
    spec: spec(),
    reasonKey: null,
    columns: [],
    relevanceRows: 600,
    isRelevanceSampled: false,
    hasQualityReport: true,
  };
}

function featureSet(versionId: string): FeatureSet {
  const s = spec();
  return { id: `fs-${versionId}`, datasetId: 'd1', versionId, name: 'f', spec: { ...s, columns: s.columns.map((c) => (c.name === 'plan' ? { ...c, role: 'ignore' as const, steps: [] } : c)) }, adaptToModel: true, author: 'ana', createdAt: NOW };
}

let api: FakeApi;
let stop: () => void;
let runs: RunSummary[];

beforeEach(() => {
  api = createFakeApi();
  setApi(api);
  stop = subscribeToBackend(api);
  clearProjectStores();
  useDataStore.setState({ status: 'ready', activeId: 'd1', detail: detail() });
  runs = [];
  api.handle('training.catalog', () => catalog());
  api.handle('training.runs', () => runs);
  api.handle('job.list', () => []);
  api.handle('lifecycle.status', () => []);
  api.handle('features.suggest', ({ versionId }) => suggestion(versionId ?? 'v1'));
  api.handle('features.get', () => null);
});

afterEach(() => {
  stop();
  setApi(null);
});

describe('the training store', () => {
  it('loads the catalogue and the form of the active dataset, then starts the preset with the saved feature set', async () => {
    useFeaturesStore.setState({ saved: featureSet('v1') });
    api.handle('training.start', () => {
      runs = [runSummary({ number: 1, modelId: 'baseline', state: 'queued', jobId: 'j1' }), runSummary({ number: 2, modelId: 'hgb', state: 'queued', jobId: 'j2' })];
      return { batchId: 'b1', runs: [{ runId: 'run-1', jobId: 'j1', modelId: 'baseline' }, { runId: 'run-2', jobId: 'j2', modelId: 'hgb' }] };
    });
    await useTrainingStore.getState().load();

    const isStarted = await useTrainingStore.getState().start();

    expect(isStarted).toBe(true);
    expect(api.callsTo('training.start')).toEqual([
      {
        datasetId: 'd1',
        versionId: 'v1',
        featureSetId: 'fs-v1',
        models: [{ id: 'baseline' }, { id: 'onerule' }, { id: 'logreg' }, { id: 'hgb', params: { maxIter: 200 } }],
        validation: { scheme: 'holdout' },
        seed: 42,
      },
    ]);
    const state = useTrainingStore.getState();
    expect(state.runs.map((r) => r.number)).toEqual([2, 1]);
    expect(state.jobs.j1.progress.state).toBe('queued');
    expect(state.lastBatchId).toBe('b1');
  });

  it('follows job.progress, training.curve and training.runUpdated events into the run list', async () => {
    runs = [runSummary({ number: 3, modelId: 'hgb', state: 'running', jobId: 'j3' })];
    await useTrainingStore.getState().load();

    api.emit('job.progress', progress({ jobId: 'j3', subjectId: 'run-3', fraction: 0.6, etaSeconds: 12 }));
    api.emit('training.curve', { runId: 'run-3', iteration: 1, trainLoss: 0.6, validationScore: 0.65, metric: 'log_loss' });
    api.emit('training.curve', { runId: 'run-3', iteration: 2, trainLoss: 0.5, validationScore: 0.6, metric: 'log_loss' });
    const live = useTrainingStore.getState();

    expect(runViews(live.runs, live.jobs)[0].job?.progress.fraction).toBe(0.6);
    expect(live.curves['run-3'].iterations).toEqual([1, 2]);

    runs = [runSummary({ number: 3, modelId: 'hgb', state: 'done', jobId: 'j3' })];
    api.emit('job.progress', progress({ jobId: 'j3', subjectId: 'run-3', state: 'done', fraction: 1, phaseKey: 'jobs.phase.done' }));
    api.emit('training.runUpdated', { runId: 'run-3', state: 'done' });
    await useTrainingStore.getState().refreshRuns();
    const after = useTrainingStore.getState();

    expect(runViews(after.runs, after.jobs)[0].state).toBe('done');
    expect(api.callsTo('training.runs').length).toBeGreaterThanOrEqual(2);
  });

  it('marks a run as being cancelled until the backend reports it, and ignores other domains’ jobs', async () => {
    runs = [runSummary({ number: 4, state: 'running', jobId: 'j4' })];
    api.handle('training.cancel', () => ({ cancelled: true }));
    await useTrainingStore.getState().load();
    api.emit('job.progress', progress({ jobId: 'j4', subjectId: 'run-4' }));
    api.emit('job.progress', progress({ jobId: 'x', kind: 'data.profile', subjectId: 'd1' }));

    await useTrainingStore.getState().cancel('run-4');

    expect(api.callsTo('training.cancel')).toEqual([{ runId: 'run-4' }]);
    expect(useTrainingStore.getState().jobs.j4.isCancelling).toBe(true);
    expect(useTrainingStore.getState().jobs.x).toBeUndefined();
  });

  it('keeps the start error for the form', async () => {
    api.fail('training.start', { code: 'INVALID_ARGUMENT', messageKey: 'errors.training.needsPartition', message: 'no partition' });
    await useTrainingStore.getState().load();

    expect(await useTrainingStore.getState().start()).toBe(false);
    expect(useTrainingStore.getState().startError?.messageKey).toBe('errors.training.needsPartition');
  });
});

describe('the features store', () => {
  it('opens the saved design of the working version, and knows when the draft differs', async () => {
    api.handle('features.get', () => featureSet('v1'));

    await useFeaturesStore.getState().load();
    const loaded = useFeaturesStore.getState();

    expect(loaded.draft?.columns.find((c) => c.name === 'plan')?.role).toBe('ignore');
    expect(isFeaturesDirty(loaded)).toBe(false);

    useFeaturesStore.getState().setRole('plan', 'feature');

    expect(isFeaturesDirty(useFeaturesStore.getState())).toBe(true);
  });

  it('carries a design saved on another version over to the working one, unsaved', async () => {
    useDataStore.setState({ detail: detail('v2', 2) });
    api.handle('features.get', () => featureSet('v1'));

    await useFeaturesStore.getState().load();
    const state = useFeaturesStore.getState();

    expect(state.dataset?.versionId).toBe('v2');
    expect(state.draft?.columns.find((c) => c.name === 'plan')?.role).toBe('ignore');
    expect(isFeaturesDirty(state)).toBe(true);
  });

  it('turns "adapt to each model" off when the user designs a step by hand, and saves with the version', async () => {
    api.handle('features.save', (args) => ({ ...featureSet('v1'), spec: args.spec, adaptToModel: args.adaptToModel ?? true }));
    await useFeaturesStore.getState().load();

    useFeaturesStore.getState().setChoices('age', { encode: null, missing: 'mean', shape: 'log1p', scale: 'robust' });
    const saved = await useFeaturesStore.getState().save();

    expect(useFeaturesStore.getState().adaptToModel).toBe(false);
    const call = api.callsTo('features.save')[0] as { versionId: string; adaptToModel: boolean };
    expect(call.versionId).toBe('v1');
    expect(call.adaptToModel).toBe(false);
    expect(saved?.spec.columns.find((c) => c.name === 'age')?.steps.map((s) => s.op)).toEqual(['impute', 'log1p', 'robustScale']);
    expect(isFeaturesDirty(useFeaturesStore.getState())).toBe(false);
  });

  it('computes the suggestion once per version, again when a quality report appears or the version changes', async () => {
    api.handle('features.suggest', ({ versionId }) => ({ ...suggestion(versionId ?? 'v1'), hasQualityReport: false }));
    await useFeaturesStore.getState().load();
    await useFeaturesStore.getState().load();

    expect(api.callsTo('features.suggest')).toHaveLength(1);
    expect(api.callsTo('features.get')).toHaveLength(2);

    const withReport = detail();
    useDataStore.setState({ detail: { ...withReport, current: { ...withReport.current, hasReport: true } } });
    await useFeaturesStore.getState().load();
    useDataStore.setState({ detail: detail('v2', 2) });
    await useFeaturesStore.getState().load();

    expect(api.callsTo('features.suggest')).toEqual([{ datasetId: 'd1', versionId: 'v1' }, { datasetId: 'd1', versionId: 'v1' }, { datasetId: 'd1', versionId: 'v2' }]);
  });

  it('marks the preview stale after an edit', async () => {
    api.handle('features.preview', () => ({ featureNames: ['age'], sources: ['age'], rowIds: [0], rows: [[0.5]], fittedRows: 600, fittedOn: 'train' }));
    await useFeaturesStore.getState().load();
    await useFeaturesStore.getState().loadPreview(0);

    useFeaturesStore.getState().setRole('age', 'ignore');

    expect(useFeaturesStore.getState().preview.isStale).toBe(true);
  });
});

describe('the evaluation store', () => {
  function report(runId: string, patch: Partial<EvaluationReport> = {}): EvaluationReport {
    return {
      runId,
      task: 'classification',
      evaluatedOn: 'validation',
      nRows: 200,
      target: 'churned',
      metric: 'accuracy',
      metrics: { accuracy: 0.8 },
      objective: null,
      lift: { baseline: null, oneRule: null },
      classification: null,
      regression: null,
      featureImportances: null,
      permutationImportance: null,
      worstErrors: { columns: [], rows: [] },
      test: null,
      createdAt: NOW,
      ...patch,
    };
  }

  it('asks before a second use of the test part, and sends the confirmation', async () => {
    api.handle('evaluation.report', ({ runId }) => report(runId));
    api.fail('evaluation.test', { code: 'CONFLICT', messageKey: 'errors.evaluation.testAlreadyUsed', message: 'used', params: { usedAt: NOW, author: 'ana', runId: 'run-1' } });
    await useEvaluationStore.getState().select('run-2');

    await useEvaluationStore.getState().runFinalCheck(false);

    expect(useEvaluationStore.getState().finalCheck.reuse).toEqual({ usedAt: NOW, author: 'ana', runId: 'run-1' });
    expect(useEvaluationStore.getState().finalCheck.error).toBeNull();

    api.handle('evaluation.test', () => ({ jobId: 'tj' }));
    await useEvaluationStore.getState().runFinalCheck(true);

    expect(api.callsTo('evaluation.test').at(-1)).toEqual({ runId: 'run-2', confirm: true });
    expect(useEvaluationStore.getState().finalCheck.jobId).toBe('tj');
  });

  it('refreshes the report when permutation importance finishes, even if its first report beat the call', async () => {
    let withImportance = false;
    api.handle('evaluation.report', ({ runId }) =>
      report(runId, withImportance ? { permutationImportance: { metric: 'accuracy', direction: 'higher', baselineScore: 0.8, nRepeats: 5, seed: 0, features: [], computedAt: NOW } } : {}),
    );
    api.handle('evaluation.permutationImportance', () => {
      api.emit('job.progress', progress({ jobId: 'pj', kind: 'evaluation.run', subjectId: 'run-1', fraction: 0.2, phaseKey: 'jobs.phase.evaluation.permutation' }));
      return { jobId: 'pj' };
    });
    await useEvaluationStore.getState().select('run-1');

    await useEvaluationStore.getState().runPermutation();
    await Promise.resolve();

    expect(useEvaluationStore.getState().jobs.pj.progress.fraction).toBe(0.2);

    withImportance = true;
    api.emit('job.progress', progress({ jobId: 'pj', kind: 'evaluation.run', subjectId: 'run-1', state: 'done', fraction: 1, phaseKey: 'jobs.phase.done' }));
    await expect.poll(() => useEvaluationStore.getState().report.data?.permutationImportance?.nRepeats).toBe(5);
    expect(useEvaluationStore.getState().permutationJobId).toBeNull();
  });

  it('keeps the saved threshold the backend answers with', async () => {
    const candidates = [{ threshold: 0.7, precision: 0.9, recall: 0.5, f1: 0.64, tp: 5, fp: 1, fn: 5, tn: 9 }];
    api.handle('evaluation.report', ({ runId }) => report(runId));
    api.handle('evaluation.thresholds', () => ({ runId: 'run-1', positiveClass: 'yes', candidates, best: { f1: null, balancedAccuracy: null, accuracy: null }, current: null, chosen: null }));
    api.handle('evaluation.setThreshold', ({ threshold }) => ({ runId: 'run-1', positiveClass: 'yes', candidates, best: { f1: null, balancedAccuracy: null, accuracy: null }, current: null, chosen: threshold === null ? null : { ...candidates[0], author: 'ana', at: NOW } }));
    await useEvaluationStore.getState().select('run-1');
    await useEvaluationStore.getState().loadThresholds();

    await useEvaluationStore.getState().saveThreshold(0.72);

    expect(api.callsTo('evaluation.setThreshold')).toEqual([{ runId: 'run-1', threshold: 0.72 }]);
    expect(useEvaluationStore.getState().thresholds.data?.chosen?.threshold).toBe(0.7);
    expect(useEvaluationStore.getState().thresholds.value).toBe(0.7);
  });
});
