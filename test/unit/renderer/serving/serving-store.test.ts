// The serving store against a fake API: the form's default model, what Start sends, counters from
// `serving.stats` events (through the app's one subscription), and a batch prediction followed
// from its job to the preview of its output.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchPrediction } from '../../../../shared/api/methods/serving.js';
import type { ImportPreview } from '../../../../shared/domain/dataset.js';
import { setApi } from '../../../../renderer/api/client.js';
import { useRegistryStore } from '../../../../renderer/stores/registry-store.js';
import { useServingStore } from '../../../../renderer/stores/serving-store.js';
import { subscribeToBackend } from '../../../../renderer/stores/subscriptions.js';
import type { FakeApi } from '../fake-api.js';
import { createFakeApi } from '../fake-api.js';
import { counters, modelDetail, modelSummary, servingStatus, statsEvent, versionDetail, versionSummary } from '../registry/fixtures.js';

let api: FakeApi;
let batches: BatchPrediction[];

function batch(patch: Partial<BatchPrediction> = {}): BatchPrediction {
  return {
    id: 'b1',
    jobId: 'job-b1',
    name: 'churn-model',
    version: 1,
    inputPath: '/d/new.csv',
    outputPath: '/d/new.predictions.csv',
    withProbabilities: false,
    state: 'running',
    rows: null,
    columns: null,
    durationMs: null,
    author: 'ana',
    createdAt: '2025-03-02T09:00:00.000Z',
    endedAt: null,
    error: null,
    ...patch,
  };
}

function preview(): ImportPreview {
  return {
    format: 'csv',
    bytes: 100,
    dialect: null,
    sheets: [],
    sheet: null,
    hasHeader: true,
    columns: ['age', 'plan', 'prediction'].map((name, index) => ({ index, name, originalName: name, type: 'categorical' as const, missing: 0, distinct: 2, examples: [] })),
    rows: [
      ['41', 'basic', 'yes'],
      ['29', 'pro', 'no'],
    ],
    sampledRows: 2,
    estimatedRows: 2,
    isComplete: true,
    renames: [],
    suggestedTarget: null,
    warnings: [],
  };
}

beforeEach(() => {
  api = createFakeApi();
  setApi(api);
  batches = [];
  api.handle('registry.models', () => [modelSummary({ productionVersion: 1 }), modelSummary({ name: 'other', target: 'x' })]);
  api.handle('registry.model', () => modelDetail([versionSummary({ version: 1, stage: 'production' })]));
  api.handle('registry.version', () => versionDetail());
  api.handle('registry.audit', () => []);
  api.handle('serving.status', () => servingStatus());
  api.handle('serving.batches', () => batches);
  api.handle('lifecycle.status', () => []);
});

afterEach(() => {
  useServingStore.getState().reset();
  useRegistryStore.getState().reset();
  setApi(null);
});

describe('serving store', () => {
  it('starts with the production model on 127.0.0.1 and sends exactly the form', async () => {
    await useServingStore.getState().load();
    expect(useServingStore.getState().form).toEqual({ ref: 'churn-model@production', host: '127.0.0.1', port: '8080', apiKey: '', logPredictions: true });
    api.handle('serving.start', () => servingStatus({ state: 'running', url: 'http://127.0.0.1:8081', counters: counters({ requests: 0, predictionRequests: 0, errors: 0 }) }));
    useServingStore.getState().updateForm((f) => ({ ...f, port: '8081', apiKey: 'a-key-of-twenty-chars' }));
    // Act
    const ok = await useServingStore.getState().start();
    // Assert
    expect(ok).toBe(true);
    expect(api.callsTo('serving.start')).toEqual([{ models: ['churn-model@production'], host: '127.0.0.1', port: 8081, apiKey: 'a-key-of-twenty-chars', logPredictions: true }]);
    expect(useServingStore.getState().live).toMatchObject({ state: 'running', session: 1 });
    expect(useServingStore.getState().activeApiKey).toBe('a-key-of-twenty-chars');
  });

  it('keeps a busy port as the start error, naming the field', async () => {
    await useServingStore.getState().load();
    api.fail('serving.start', { code: 'CONFLICT', messageKey: 'errors.serving.portInUse', message: 'busy', params: { port: 8080 }, details: { field: 'port' } });
    expect(await useServingStore.getState().start()).toBe(false);
    expect(useServingStore.getState().startError).toMatchObject({ messageKey: 'errors.serving.portInUse', details: { field: 'port' } });
  });

  it('counts requests from serving.stats events received through the app subscription', async () => {
    await useServingStore.getState().load();
    const stop = subscribeToBackend(api);
    // Act
    api.emit('serving.stats', statsEvent({ counters: counters({ uptimeSeconds: 3, requests: 2, predictionRequests: 1 }) }));
    api.emit('serving.stats', statsEvent({ counters: counters({ uptimeSeconds: 4, requests: 5, predictionRequests: 4, latency: { p50: 1, p95: 2, p99: 9, count: 4, windowSeconds: 60 } }) }));
    api.emit('serving.stats', statsEvent({ counters: counters({ uptimeSeconds: 3, requests: 2, predictionRequests: 1 }) }));
    // Assert
    const live = useServingStore.getState().live;
    expect(live.counters?.predictionRequests).toBe(4);
    expect(live.counters?.latency.p99).toBe(9);
    stop();
  });

  it('follows a batch prediction to its end and previews the first rows of the output', async () => {
    await useServingStore.getState().load();
    api.handle('serving.predictBatch', () => {
      batches = [batch()];
      return { batchId: 'b1', jobId: 'job-b1', outputPath: '/d/new.predictions.csv' };
    });
    api.handle('data.preview', () => preview());
    const stop = subscribeToBackend(api);
    useServingStore.getState().updateBatchForm((f) => ({ ...f, inputPath: '/d/new.csv', probabilities: true }));
    // Act
    expect(await useServingStore.getState().startBatch()).toBe(true);
    batches = [batch({ state: 'done', rows: 2, columns: ['age', 'plan', 'prediction'], durationMs: 40 })];
    api.emit('job.progress', { jobId: 'job-b1', kind: 'prediction.batch', state: 'done', fraction: 1, phaseKey: 'jobs.phase.prediction.writing', startedAt: '2025-03-02T09:00:00.000Z', subjectId: 'b1' });
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    // Assert
    expect(api.callsTo('serving.predictBatch')).toEqual([{ model: 'churn-model@production', inputPath: '/d/new.csv', probabilities: true, overwrite: false }]);
    expect(api.callsTo('data.preview')).toEqual([{ path: '/d/new.predictions.csv' }]);
    const s = useServingStore.getState();
    expect(s.batchJobs['job-b1'].progress.state).toBe('done');
    expect(s.preview).toMatchObject({ status: 'ready', batchId: 'b1', columns: ['prediction', 'age', 'plan'], totalRows: 2 });
    expect(s.preview.rows[0]).toEqual(['yes', '41', 'basic']);
    stop();
  });

  it('cancels the batch it follows through job.cancel', async () => {
    await useServingStore.getState().load();
    api.handle('serving.predictBatch', () => ({ batchId: 'b1', jobId: 'job-b1', outputPath: '/o.csv' }));
    api.handle('job.cancel', () => ({ cancelled: true }));
    useServingStore.getState().updateBatchForm((f) => ({ ...f, inputPath: '/d/new.csv' }));
    await useServingStore.getState().startBatch();
    await useServingStore.getState().cancelBatch();
    expect(api.callsTo('job.cancel')).toEqual([{ jobId: 'job-b1' }]);
    expect(useServingStore.getState().batchJobs['job-b1'].isCancelling).toBe(true);
  });
});
