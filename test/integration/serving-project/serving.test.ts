// Serving registered models from the open project through the contract (serving.*): the server's
// predictions equal the Evaluate step's on the validation rows by both protocols, every request
// is logged to the project with its request id after the response (and not while the log is off),
// a promotion reaches the running server without a restart, live counters arrive as events, the
// curl example is a real row that the server answers, the API-key rule, and the step states.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/api/backend.js';
import { cellText } from '../../../electron/backend/data/table.js';
import type { ClassificationPrediction } from '../../../electron/ml/compose/model-pipeline.js';
import type { Frame, FrameColumn } from '../../../electron/ml/core/frame.js';
import type { ServingStatsEvent } from '../../../shared/api/methods/serving.js';
import { createProjectPredictionSink } from '../../../electron/backend/monitor/prediction-sink.js';
import { projectModelSource } from '../../../electron/backend/registry/project-source.js';
import { parseModelRef } from '../../../electron/backend/registry/refs.js';
import { startInferenceServer } from '../../../electron/backend/serving/host.js';
import { predictionLogCounts, recentPredictionLogRows } from '../../../electron/backend/storage/repos/serving.js';
import type { PredictionRecord } from '../../../electron/backend/serving/types.js';
import { callOk, tempDir, testBackend, type TempDir } from '../../helpers/project.js';
import { call } from '../serving/http.js';
import { partOf, runPipeline, trainedChurnProject, type TrainedProject } from '../registry/helpers.js';

let tmp: TempDir;
let backend: Backend;
let project: TrainedProject;
const events: ServingStatsEvent[] = [];

/** A frame column's value at row i as a client would send it in JSON. */
function jsonValue(c: FrameColumn, i: number): number | string | null {
  if (c.kind === 'numeric') return Number.isNaN(c.values[i]) ? null : c.values[i];
  if (c.kind === 'datetime') return Number.isNaN(c.values[i]) ? null : new Date(c.values[i]).toISOString();
  if (c.kind === 'categorical') return c.codes[i] < 0 ? null : c.levels[c.codes[i]];
  return c.values[i];
}

/** `dataframe_split` of `frame`'s `columns`. */
function split(frame: Frame, columns: string[]): { columns: string[]; data: (number | string | null)[][] } {
  const cols = columns.map((n) => frame.columns.find((c) => c.name === n)!);
  return { columns, data: Array.from({ length: frame.nRows }, (_, i) => cols.map((c) => jsonValue(c, i))) };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function errorOf(method: string, args: unknown) {
  const r = await backend.dispatch(method, args);
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error;
}

async function stepState(step: string): Promise<string | undefined> {
  return (await callOk(backend, 'lifecycle.status', {})).find((s) => s.step === step)?.state;
}

beforeAll(async () => {
  tmp = tempDir('ciclo-serving-project-');
  backend = testBackend(tmp.path);
  project = await trainedChurnProject(backend, tmp.path, [{ id: 'hgb', params: { maxIter: 40 } }, { id: 'logreg' }], 'Serving');
  await callOk(backend, 'registry.register', { runId: project.runs.hgb.id, name: 'churn', stage: 'production' });
  await callOk(backend, 'registry.register', { runId: project.runs.logreg.id, name: 'churn' });
  backend.ctx.events.subscribe((name, payload) => {
    if (name === 'serving.stats') events.push(payload as ServingStatsEvent);
  });
}, 300_000);

afterAll(async () => {
  if ((await callOk(backend, 'serving.status', {})).state !== 'stopped') await callOk(backend, 'serving.stop', {});
  await backend.dispose();
  tmp.cleanup();
});

describe('serving from the project', () => {
  let url = '';
  const requestIds: string[] = [];

  it('answers with the Evaluate step\'s predictions for the validation rows, by MLflow and Open Inference v2', async () => {
    expect(await stepState('serve')).toBe('not_started');
    const status = await callOk(backend, 'serving.start', { models: ['churn@production'], port: 0 });
    url = status.url!;
    expect(status).toMatchObject({ state: 'running', host: '127.0.0.1', hasApiKey: false, models: [{ ref: 'churn@production', name: 'churn', version: 1, stage: 'production', task: 'classification' }] });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await stepState('serve')).toBe('in_progress');

    // The Evaluate step's predictions: the run's pipeline on the validation rows; they give the stored accuracy.
    const { frame, table, rows } = partOf(backend, project.versionId, 1);
    const evaluated = runPipeline(backend, project.runs.hgb.id).predictFrame(frame, { probabilities: true }) as ClassificationPrediction;
    const truth = table.columns.find((c) => c.name === 'leaves')!;
    const correct = evaluated.labels.filter((l, i) => l === cellText(truth, rows[i])).length;
    expect(correct / frame.nRows).toBeCloseTo(project.runs.hgb.metrics!.accuracy!, 12);
    const columns = status.models[0].inputSchema.map((c) => c.name);

    const mlflow = await call(`${url}/invocations`, { body: { dataframe_split: split(frame, columns), params: { probabilities: true } } });
    const v2 = await call(`${url}/v2/models/churn/infer`, {
      body: { inputs: split(frame, columns).columns.map((name, j) => ({ name, shape: [frame.nRows], datatype: status.models[0].inputSchema[j].kind === 'numeric' ? 'FP64' : 'BYTES', data: split(frame, columns).data.map((r) => r[j]) })) },
    });

    expect(mlflow.status, mlflow.text).toBe(200);
    expect(mlflow.json.predictions).toEqual(evaluated.labels);
    const k = evaluated.classLabels.length;
    expect(mlflow.json.probabilities.flat()).toEqual(Array.from({ length: frame.nRows * k }, (_, x) => evaluated.probabilities!.data[(x % k) * frame.nRows + Math.floor(x / k)]));
    expect(v2.status, v2.text).toBe(200);
    expect(v2.json.outputs.find((o: { name: string }) => o.name === 'predict').data).toEqual(evaluated.labels);
    requestIds.push(mlflow.headers.get('x-request-id')!, v2.headers.get('x-request-id')!);
    expect(requestIds.every((id) => id.length > 0)).toBe(true);
  });

  it('logs each request to the project after answering it, with the id returned to the caller; nothing while the log is off', async () => {
    const logged = await until('two logged requests', async () => {
      const r = await callOk(backend, 'serving.recentPredictions', { limit: 10 });
      return r.total >= 2 ? r : undefined;
    });
    expect(logged.items.map((x) => x.requestId).sort()).toEqual([...requestIds].sort());
    const { frame } = partOf(backend, project.versionId, 1);
    const first = logged.items.find((x) => x.protocol === 'mlflow')!;
    expect(first).toMatchObject({ name: 'churn', version: 1, rows: frame.nRows, classes: ['no', 'yes'] });
    expect(first.inputs.plan).toHaveLength(frame.nRows);
    expect(first.predictions).toHaveLength(frame.nRows);
    expect((await callOk(backend, 'serving.status', {})).log).toMatchObject({ enabled: true, storedRequests: 2, storedRows: 2 * frame.nRows });
    expect(await stepState('serve')).toBe('done');

    await callOk(backend, 'serving.setLogging', { enabled: false });
    const off = await call(`${url}/invocations`, { body: { dataframe_split: split({ nRows: 1, columns: frame.columns }, (await callOk(backend, 'serving.status', {})).models[0].inputSchema.map((c) => c.name)) } });
    expect(off.status).toBe(200);
    await callOk(backend, 'serving.setLogging', { enabled: true });
    const on = await call(`${url}/invocations`, { body: { dataframe_split: split({ nRows: 1, columns: frame.columns }, (await callOk(backend, 'serving.status', {})).models[0].inputSchema.map((c) => c.name)) } });

    // Records are written in arrival order, so once the later request is in, the earlier one would be too.
    const after = await until('the request sent with the log on', async () => {
      const r = await callOk(backend, 'serving.recentPredictions', { limit: 10 });
      return r.items.some((x) => x.requestId === on.headers.get('x-request-id')) ? r : undefined;
    });
    expect(after.total).toBe(3);
    expect(after.items.some((x) => x.requestId === off.headers.get('x-request-id'))).toBe(false);
  });

  it('reports live counters as serving.stats events and in the status, with a curl example of a real validation row', async () => {
    const event = await until('a stats event counting the requests', () => events.find((e) => e.state === 'running' && (e.counters?.predictionRequests ?? 0) >= 4));
    expect(event.url).toBe(url);
    expect(event.counters!.rows).toBeGreaterThan(0);
    const status = await callOk(backend, 'serving.status', {});
    expect(status.counters).toMatchObject({ predictionRequests: 4, errors: 0 });
    expect(status.counters!.latency.p50).not.toBeNull();
    expect(status.links).toEqual({ docs: `${url}/`, openapi: `${url}/openapi.json`, metrics: `${url}/metrics`, health: `${url}/v2/health/ready` });

    const model = status.models[0];
    const { frame } = partOf(backend, project.versionId, 1);
    const columns = model.inputSchema.map((c) => c.name);
    expect(model.exampleRow).toEqual(Object.fromEntries(columns.map((n, j) => [n, split(frame, columns).data[0][j]])));
    for (const example of [model.examples.mlflow, model.examples.v2]) {
      const m = /^curl -s -X POST '([^']+)' -H 'Content-Type: application\/json' -d '(.*)'$/.exec(example);
      expect(m, example).not.toBeNull();
      const reply = await call(m![1], { body: m![2] });
      expect(reply.status, reply.text).toBe(200);
    }
  });

  it('reloads the listing when a version is promoted: the running server answers with the new production version', async () => {
    await callOk(backend, 'registry.setStage', { name: 'churn', version: 2, stage: 'production', comment: 'switch' });

    const meta = await until('version 2 served', async () => {
      const r = await call(`${url}/v2/models/churn`);
      return r.json?.parameters?.version === '2' ? r.json : undefined;
    });
    expect(meta.parameters.stages).toEqual(['production']);
    const { frame } = partOf(backend, project.versionId, 1);
    const columns = (await callOk(backend, 'serving.status', {})).models[0].inputSchema.map((c) => c.name);
    const reply = await call(`${url}/invocations`, { body: { dataframe_split: split(frame, columns) } });
    expect(reply.json.predictions).toEqual((runPipeline(backend, project.runs.logreg.id).predictFrame(frame) as ClassificationPrediction).labels);
    expect((await callOk(backend, 'serving.status', {})).models[0]).toMatchObject({ version: 2, stage: 'production' });
    // Version 1 is still reachable by number.
    expect((await call(`${url}/v2/models/churn/versions/1`)).json.parameters.stages).toEqual(['archived']);
  });

  it('refuses a second server, stops gracefully and remembers what the stopped server answered', async () => {
    expect(await errorOf('serving.start', { models: ['churn'], port: 0 })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.serving.alreadyRunning' });

    const stopped = await callOk(backend, 'serving.stop', {});

    expect(stopped).toMatchObject({ state: 'stopped', url: null, counters: null, lastError: null });
    expect(stopped.servedBefore).toMatchObject({ sessions: 1, requests: 7 });
    expect(events[events.length - 1]).toMatchObject({ state: 'stopped', counters: null });
    expect((await fetch(`${url}/ping`).catch((e: Error) => e)) instanceof Error).toBe(true);
    expect(await errorOf('serving.stop', {})).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.serving.notRunning' });
    expect(await stepState('serve')).toBe('done');
  });

  it('needs an API key beyond loopback, and enforces a key when one is set', async () => {
    expect(await errorOf('serving.start', { models: ['churn'], host: '0.0.0.0', port: 0 })).toMatchObject({ code: 'INVALID_ARGUMENT', messageKey: 'errors.serving.apiKeyRequired', details: { field: 'apiKey' } });
    expect(await errorOf('serving.start', { models: ['churn'], port: 0, apiKey: 'short' })).toMatchObject({ messageKey: 'errors.serving.apiKeyTooShort', params: { min: 16 } });
    expect(await errorOf('serving.start', { models: ['churn', 'churn@1'], port: 0 })).toMatchObject({ messageKey: 'errors.serving.duplicateModel' });
    expect(await errorOf('serving.start', { models: ['churn@staging'], port: 0 })).toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.registry.stageNotFound' });
    const key = 'a-long-enough-test-key';

    const status = await callOk(backend, 'serving.start', { models: ['churn@1'], port: 0, apiKey: key, logPredictions: false });

    try {
      expect(status).toMatchObject({ hasApiKey: true, models: [{ version: 1 }] });
      expect(status.models[0].examples.mlflow).toContain('-H "Authorization: Bearer $CICLO_API_KEY"');
      expect(JSON.stringify(status)).not.toContain(key);
      const body = { dataframe_records: [status.models[0].exampleRow] };
      expect((await call(`${status.url}/invocations`, { body })).status).toBe(401);
      const ok = await call(`${status.url}/invocations`, { body, headers: { authorization: `Bearer ${key}` } });
      expect(ok.status).toBe(200);
      expect((await callOk(backend, 'serving.status', {})).log.enabled).toBe(false);
    } finally {
      await callOk(backend, 'serving.stop', {});
    }
  });

  it('never waits for the database on the response path: answers arrive while the log write is held, the rows land after', async () => {
    const file = backend.ctx.session.require();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let held = 0;
    const projectSink = createProjectPredictionSink({ db: () => file.db, sessionId: null, versionId: () => null });
    const sink = {
      async write(batch: PredictionRecord[]) {
        held += batch.length;
        await gate;
        await projectSink.write(batch);
      },
    };
    const before = predictionLogCounts(file.db).requests;
    const handle = await startInferenceServer({ source: projectModelSource(() => file.db, [parseModelRef('churn@1')]), sink, port: 0, log: { flushIntervalMs: 5, maxBatchRecords: 4 } });
    try {
      const row = (await callOk(backend, 'registry.resolve', { ref: 'churn@1' })).inputSchema.map((c) => c.name);
      const { frame } = partOf(backend, project.versionId, 1);
      const ids: string[] = [];

      for (let i = 0; i < 12; i++) {
        const r = await call(`${handle.url}/invocations`, { body: { dataframe_split: split({ nRows: 1, columns: frame.columns.map((c) => c) }, row) } });
        expect(r.status).toBe(200);
        ids.push(r.headers.get('x-request-id')!);
      }
      await until('a batch held by the log', () => (held > 0 ? true : undefined));

      // Every response is out while the first batch write is still waiting: nothing is in the table.
      expect(predictionLogCounts(file.db).requests).toBe(before);
      release();
      await until('the rows written', () => (predictionLogCounts(file.db).requests === before + 12 ? true : undefined));
      expect(recentPredictionLogRows(file.db, { limit: 12 }).map((r) => r.requestId).sort()).toEqual([...ids].sort());
    } finally {
      release();
      await handle.stop();
    }
  });
});
