// Contract-shaped values for the Features / Train / Evaluate store tests: a run summary, a small
// catalogue and a job report. Every field is set, so a test changes only what it is about.
import type { RunSummary } from '../../../../shared/api/methods/training.js';
import type { JobProgress } from '../../../../shared/domain/jobs.js';
import type { TrainingCatalog } from '../../../../renderer/stores/training-logic.js';

/** A finished classification run on dataset d1 version v1 (override anything). */
export function runSummary(patch: Partial<RunSummary> = {}): RunSummary {
  const number = patch.number ?? 1;
  return {
    id: `run-${number}`,
    number,
    batchId: 'batch-1',
    datasetId: 'd1',
    datasetName: 'churn',
    versionId: 'v1',
    versionNumber: 1,
    featureSetId: null,
    modelId: 'logreg',
    modelKind: 'LogisticRegression',
    params: {},
    seed: 42,
    task: 'classification',
    target: 'churned',
    validation: { scheme: 'holdout', k: null },
    search: null,
    engineVersion: '0.1.0',
    state: 'done',
    createdAt: '2025-03-01T10:00:00.000Z',
    startedAt: '2025-03-01T10:00:01.000Z',
    endedAt: '2025-03-01T10:00:03.000Z',
    durationMs: 2000,
    jobId: `job-${number}`,
    error: null,
    evaluatedOn: 'validation',
    trainRows: 600,
    evaluatedRows: 200,
    metrics: { accuracy: 0.8 },
    cv: null,
    objective: null,
    rerunOf: null,
    artifactBytes: 1000,
    artifactSha256: 'ab',
    chosenThreshold: null,
    hasTestReport: false,
    ...patch,
  };
}

/** A catalogue with the references, logistic regression, boosting and the MLP. */
export function catalog(): TrainingCatalog {
  return {
    task: 'classification',
    rows: 600,
    models: [
      { id: 'baseline', kinds: { classification: 'DummyClassifier', regression: 'DummyRegressor' }, family: 'baseline', params: { classification: [{ name: 'strategy', type: 'enum', default: 'prior', options: ['mostFrequent', 'prior'] }] }, isOnnxExportable: true, hasClassWeight: false },
      { id: 'onerule', kinds: { classification: 'OneRuleClassifier' }, family: 'baseline', params: { classification: [{ name: 'minSamplesLeaf', type: 'int', default: 1, min: 1, max: 1000 }] }, isOnnxExportable: true, hasClassWeight: false },
      {
        id: 'logreg',
        kinds: { classification: 'LogisticRegression' },
        family: 'linear',
        params: {
          classification: [
            { name: 'C', type: 'float', default: 1, min: 1e-4, max: 1e4, isLogScale: true },
            { name: 'fitIntercept', type: 'bool', default: true },
          ],
        },
        isOnnxExportable: true,
        hasClassWeight: true,
      },
      {
        id: 'hgb',
        kinds: { classification: 'HistGradientBoostingClassifier' },
        family: 'ensemble',
        params: {
          classification: [
            { name: 'maxIter', type: 'int', default: 100, min: 10, max: 1000 },
            { name: 'maxDepth', type: 'int', default: null, min: 2, max: 16, isNullable: true },
          ],
        },
        isOnnxExportable: true,
        hasClassWeight: true,
      },
      { id: 'ridge', kinds: { regression: 'Ridge' }, family: 'linear', params: { regression: [] }, isOnnxExportable: true, hasClassWeight: false },
      { id: 'mlp', kinds: { classification: 'MLPClassifier' }, family: 'neural', params: { classification: [{ name: 'maxIter', type: 'int', default: 200, min: 10, max: 2000 }] }, isOnnxExportable: true, hasClassWeight: false },
    ],
    recommended: [
      { id: 'baseline', params: {}, reasonKey: 'training.preset.reason.baseline' },
      { id: 'onerule', params: {}, reasonKey: 'training.preset.reason.onerule' },
      { id: 'logreg', params: {}, reasonKey: 'training.preset.reason.logreg' },
      { id: 'hgb', params: { maxIter: 200 }, reasonKey: 'training.preset.reason.hgb' },
    ],
  };
}

/** A progress report of a training job. */
export function progress(patch: Partial<JobProgress> & { jobId: string }): JobProgress {
  return { kind: 'training.run', state: 'running', fraction: 0.5, phaseKey: 'jobs.phase.training.fitting', startedAt: '2025-03-01T10:00:01.000Z', ...patch };
}
