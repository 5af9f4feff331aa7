// The server in its own worker thread, as the backend and `ciclo serve` start it: counters pushed to
// the host, the host's source and sink reached by messages (or a sink created in the worker),
// reload after a stage move, graceful stop, start-up failures, and requests answered while the
// host thread is blocked.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ModelPipeline } from '../../../electron/ml/compose/model-pipeline.js';
import { startInferenceServer, type InferenceServerHandle } from '../../../electron/backend/serving/host.js';
import { resolveWorkerEntry } from '../../../electron/backend/workers/entry.js';
import type { PredictionRecord, ServingStats } from '../../../electron/backend/serving/types.js';
import { churnClassifier, churnInputs, pipelineSource } from '../../unit/electron/backend/serving/pipelines.js';
import { tempDir } from '../../helpers/project.js';
import { call, waitFor } from './http.js';

let v1: ModelPipeline;
let v2: ModelPipeline;
const handles: InferenceServerHandle[] = [];
const ROWS = churnInputs(20, 500);

beforeAll(() => {
  v1 = churnClassifier();
  v2 = churnClassifier();
});

afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.stop(100)));
});

function labelsOf(p: ModelPipeline): string[] {
  const r = p.predictRows(ROWS);
  return r.task === 'classification' ? r.labels : [];
}

describe('startInferenceServer (worker thread)', () => {
  it('serves, pushes counters, sends log batches to the host sink, and stops cleanly', async () => {
    const records: PredictionRecord[] = [];
    const pushed: ServingStats[] = [];
    const h = await startInferenceServer({
      source: pipelineSource([{ name: 'churn', version: '1', pipeline: v1, stages: ['production'] }]),
      sink: { write: (batch) => void records.push(...batch) },
      log: { flushIntervalMs: 5 },
      statsIntervalMs: 50,
      onStats: (s) => pushed.push(s),
    });
    handles.push(h);
    expect(h.url).toBe(`http://127.0.0.1:${h.port}`);

    const r = await call(`${h.url}/invocations`, { body: { dataframe_records: ROWS } });
    expect(r.json.predictions).toEqual(labelsOf(v1));
    await waitFor(() => records.length === 1 && pushed.some((s) => s.predictionRequests === 1));
    expect(records[0].requestId).toBe(r.headers.get('x-request-id'));
    const fresh = await h.stats();
    expect(fresh).toMatchObject({ state: 'ready', predictionRequests: 1, rowsPredicted: ROWS.length, log: { written: 1 } });
    expect(fresh.models).toEqual([{ name: 'churn', version: '1', isLoaded: true, requests: 1, rows: ROWS.length }]);

    await h.setLogging(false);
    await call(`${h.url}/invocations`, { body: { dataframe_records: ROWS } });
    expect((await h.stats()).log.enabled).toBe(false);

    const exits: boolean[] = [];
    h.onExit((e) => exits.push(e.isClean));
    await h.stop();
    expect(h.isRunning).toBe(false);
    await waitFor(() => exits.length === 1);
    expect(exits).toEqual([true]);
    expect(h.latestStats().predictionRequests).toBe(2);
    expect(records).toHaveLength(1);
    await expect(fetch(`${h.url}/ping`)).rejects.toThrow();
  });

  it('follows a stage move after reload(), loading the new production version', async () => {
    const source = pipelineSource([
      { name: 'churn', version: '1', pipeline: v1, stages: ['production'] },
      { name: 'churn', version: '2', pipeline: v2, stages: ['staging'] },
    ]);
    const h = await startInferenceServer({ source });
    handles.push(h);
    expect((await call(`${h.url}/v2/models/churn`)).json.parameters.version).toBe('1');

    source.entries[0].versions[0].stages = ['archived'];
    source.entries[0].versions[1].stages = ['production'];
    await h.reload();

    const meta = await call(`${h.url}/v2/models/churn`);
    expect(meta.json.parameters).toMatchObject({ version: '2', stages: ['production'] });
    expect((await call(`${h.url}/invocations`, { body: { inputs: ROWS } })).json.predictions).toEqual(labelsOf(v2));
    expect(source.loads).toEqual(['churn/1', 'churn/2']);
  });

  it('creates a sink inside the worker from a module (the JSON-lines log)', async () => {
    const tmp = tempDir('ciclo-serve-log-');
    try {
      const path = join(tmp.path, 'predictions.jsonl');
      const h = await startInferenceServer({
        source: pipelineSource([{ name: 'churn', version: '1', pipeline: v1 }]),
        sink: { module: resolveWorkerEntry(import.meta.url, '../../../electron/backend/serving/jsonl-sink').url.href, options: { path } },
      });
      const a = await call(`${h.url}/invocations`, { body: { inputs: ROWS.slice(0, 2) } });
      const b = await call(`${h.url}/invocations`, { body: { inputs: ROWS.slice(2, 3), params: { probabilities: true } } });
      await h.stop();

      const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as PredictionRecord);
      expect(lines.map((l) => l.requestId)).toEqual([a.headers.get('x-request-id'), b.headers.get('x-request-id')]);
      expect(lines[0]).toMatchObject({ model: 'churn', version: '1', nRows: 2, predictions: a.json.predictions });
      expect(lines[1].probabilities).toEqual(b.json.probabilities);
    } finally {
      tmp.cleanup();
    }
  });

  it('answers requests while the host thread is blocked', async () => {
    const h = await startInferenceServer({ source: pipelineSource([{ name: 'churn', version: '1', pipeline: v1 }]) });
    handles.push(h);
    const script = `fetch(${JSON.stringify(`${h.url}/invocations`)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(JSON.stringify({ inputs: ROWS }))} }).then(async (r) => { process.stdout.write(String(r.status) + ' ' + (await r.text())); })`;

    // spawnSync blocks this thread until the child has its answer: only the worker can give it.
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });

    expect(child.stdout.slice(0, 3)).toBe('200');
    expect(JSON.parse(child.stdout.slice(4)).predictions).toEqual(labelsOf(v1));
  });

  it('rejects start-up failures with their cause: a busy port, a broken source, a network host without key', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startInferenceServer({ source: pipelineSource([{ name: 'churn', version: '1', pipeline: v1 }]), port })).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'port' } });
    } finally {
      blocker.close();
    }
    await expect(
      startInferenceServer({
        source: {
          list: () => [{ name: 'churn', versions: [{ version: '1', stages: [] }] }],
          load: () => ({ artifact: { kind: 'ModelPipeline', version: 1, params: {}, state: {} }, metadata: {} }),
        },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/could not be loaded/) });
    await expect(startInferenceServer({ source: pipelineSource([]), host: '0.0.0.0' })).rejects.toThrow(/without an API key/);
    await expect(startInferenceServer({ source: pipelineSource([]) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
