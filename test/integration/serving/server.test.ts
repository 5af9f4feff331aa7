// The inference server over real HTTP on 127.0.0.1 (port 0), run in the test's own thread
// (host.test.ts covers the worker-thread host): protocol conformance for every route, served
// predictions equal to in-process ones, each bad input, auth, limits, saturation and shutdown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import type { ModelPipeline } from '../../../electron/ml/compose/model-pipeline.js';
import { startServing, type ServingOptions, type ServingServer } from '../../../electron/backend/serving/server.js';
import type { PredictionRecord } from '../../../electron/backend/serving/types.js';
import { churnClassifier, churnInputs, pipelineSource, spendRegressor, strictClassifier } from '../../unit/electron/backend/serving/pipelines.js';
import { call, holdRequest, waitFor } from './http.js';

const API_KEY = 'test-key-0123456789abcdef';
let churnV1: ModelPipeline;
let churnV2: ModelPipeline;
let spend: ModelPipeline;
let strict: ModelPipeline;
const running: ServingServer[] = [];

beforeAll(() => {
  churnV1 = churnClassifier();
  churnV2 = churnClassifier();
  spend = spendRegressor();
  strict = strictClassifier();
});

afterAll(async () => {
  await Promise.all(running.map((s) => s.close(100)));
});

type Served = { name: string; version: string; pipeline: ModelPipeline; stages?: string[] };

async function serve(options: Partial<ServingOptions> = {}, models: Served[] = [{ name: 'churn', version: '1', pipeline: churnV1, stages: ['production'] }]): Promise<ServingServer> {
  const s = await startServing({ source: pipelineSource(models), ...options });
  running.push(s);
  return s;
}

const ROWS = churnInputs(40, 1000);
const COLUMNS = ['age', 'income', 'plan', 'signup'];
const split = (rows: Record<string, unknown>[]) => ({ columns: COLUMNS, data: rows.map((r) => COLUMNS.map((c) => r[c])) });

function expectedProba(p: ModelPipeline, rows: Record<string, unknown>[]): number[][] {
  const pred = p.predictRows(rows, { probabilities: true });
  if (pred.task !== 'classification' || !pred.probabilities) throw new Error('not a classifier');
  const m = pred.probabilities;
  return Array.from({ length: m.nRows }, (_, i) => Array.from({ length: m.nCols }, (_, j) => m.data[j * m.nRows + i]));
}

function labels(p: ModelPipeline, rows: Record<string, unknown>[]): (string | number)[] {
  const pred = p.predictRows(rows);
  return pred.task === 'classification' ? pred.labels : Array.from(pred.values);
}

describe('MLflow scoring: POST /invocations', () => {
  let s: ServingServer;
  beforeAll(async () => {
    s = await serve();
  });

  it('answers dataframe_split with the predictions ModelPipeline.predictRows gives, and a request id', async () => {
    const r = await call(`${s.url}/invocations`, { body: { dataframe_split: split(ROWS) } });

    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.json).toEqual({ predictions: labels(churnV1, ROWS) });
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('adds class probabilities, equal to in-process ones, when asked by params or by query flag', async () => {
    const byParams = await call(`${s.url}/invocations`, { body: { dataframe_split: split(ROWS), params: { probabilities: true } } });
    const byQuery = await call(`${s.url}/invocations?probabilities=true`, { body: { dataframe_records: ROWS } });

    const expected = { predictions: labels(churnV1, ROWS), probabilities: expectedProba(churnV1, ROWS), classes: ['no', 'yes'] };
    expect(byParams.json).toEqual(expected);
    expect(byQuery.json).toEqual(expected);
  });

  it('reads dataframe_records, instances and inputs (records, positional rows, columns) alike', async () => {
    const expected = { predictions: labels(churnV1, ROWS) };
    const positional = ROWS.map((r) => COLUMNS.map((c) => r[c]));
    const columnar = Object.fromEntries(COLUMNS.map((c) => [c, ROWS.map((r) => r[c])]));

    for (const body of [{ dataframe_records: ROWS }, { instances: ROWS }, { instances: positional }, { inputs: ROWS }, { inputs: columnar }]) {
      const r = await call(`${s.url}/invocations`, { body });
      expect(r.status, JSON.stringify(Object.keys(body))).toBe(200);
      expect(r.json).toEqual(expected);
    }
  });

  it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
    const kept = await call(`${s.url}/invocations`, { body: { inputs: ROWS.slice(0, 1) }, headers: { 'x-request-id': 'client-42.a' } });
    const replaced = await call(`${s.url}/invocations`, { body: { inputs: ROWS.slice(0, 1) }, headers: { 'x-request-id': 'bad id with spaces' } });

    expect(kept.headers.get('x-request-id')).toBe('client-42.a');
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers zero rows with zero predictions', async () => {
    const r = await call(`${s.url}/invocations`, { body: { dataframe_split: { columns: COLUMNS, data: [] } } });

    expect(r.status).toBe(200);
    expect(r.json).toEqual({ predictions: [] });
  });

  it('serves /ping, /health and /version', async () => {
    const ping = await call(`${s.url}/ping`);
    const health = await call(`${s.url}/health`);
    const version = await call(`${s.url}/version`);

    expect(ping.status).toBe(200);
    expect(health.status).toBe(200);
    expect(version.status).toBe(200);
    expect(version.text).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    ['malformed JSON', '{"inputs": [', 400, 'MALFORMED_REQUEST', undefined, /not valid JSON/],
    ['a NaN literal', '{"inputs": [{"age": NaN}]}', 400, 'MALFORMED_REQUEST', undefined, /send null for a missing value/],
    ['a JSON array', '[1, 2]', 400, 'BAD_REQUEST', undefined, /JSON object with one of/],
    ['no format field', '{"rows": []}', 400, 'BAD_REQUEST', 'rows', /Unknown field "rows"/],
    ['two format fields', JSON.stringify({ inputs: [], instances: [] }), 400, 'BAD_REQUEST', 'inputs', /send exactly one/],
    ['an unknown column', JSON.stringify({ dataframe_records: [{ ...ROWS[0], colour: 'red' }] }), 400, 'INVALID_PARAMETER_VALUE', 'colour', /Unknown column "colour"/],
    ['a missing column', JSON.stringify({ dataframe_split: { columns: ['age', 'income', 'plan'], data: [[1, 2, 'pro']] } }), 400, 'INVALID_PARAMETER_VALUE', 'signup', /Column "signup" is missing/],
    ['a word for a number', JSON.stringify({ dataframe_records: [{ ...ROWS[0], income: 'lots' }] }), 400, 'INVALID_PARAMETER_VALUE', 'income', /Row 0, column "income": expected a number/],
    ['a bad date', JSON.stringify({ dataframe_records: [{ ...ROWS[0], signup: 'soon' }] }), 400, 'INVALID_PARAMETER_VALUE', 'signup', /expected a date/],
    ['an object for a category', JSON.stringify({ dataframe_records: [{ ...ROWS[0], plan: ['pro'] }] }), 400, 'INVALID_PARAMETER_VALUE', 'plan', /expected text/],
    ['an unknown parameter', JSON.stringify({ inputs: ROWS, params: { temperature: 1 } }), 400, 'BAD_REQUEST', 'params.temperature', /Unknown parameter/],
    ['a non-boolean parameter', JSON.stringify({ inputs: ROWS, params: { probabilities: 'yes' } }), 400, 'BAD_REQUEST', 'params.probabilities', /true or false/],
    ['an empty body', '', 400, 'BAD_REQUEST', undefined, /empty/],
  ])('refuses %s with a 4xx naming the field', async (_what, body, status, code, field, message) => {
    const r = await call(`${s.url}/invocations`, { body, headers: { 'content-type': 'application/json' } });

    expect(r.status).toBe(status);
    expect(r.json.error_code).toBe(code);
    expect(r.json.message).toMatch(message);
    expect(r.json.field).toBe(field);
    expect(r.json.request_id).toBe(r.headers.get('x-request-id'));
  });

  it('refuses a body that is not JSON by content type (415)', async () => {
    const r = await call(`${s.url}/invocations`, { body: 'age=3', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    expect(r.status).toBe(415);
    expect(r.json).toMatchObject({ error_code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' });
  });

  it('refuses invalid UTF-8', async () => {
    const res = await fetch(`${s.url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });

    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/UTF-8/);
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    const missing = await call(`${s.url}/predict`, { body: { inputs: [] } });
    const method = await call(`${s.url}/invocations`);

    expect(missing.status).toBe(404);
    expect(missing.json.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('POST');
  });
});

describe('large batches on helper threads', () => {
  it('predicts chunks on helpers in order, equal to in-process predictions and to the server thread', async () => {
    const rows = churnInputs(5000, 3);
    const pooled = await serve({ predictionHelpers: 2, limits: { chunkRows: 700, helperMinRows: 1000 } });
    const local = await serve({ predictionHelpers: 0, limits: { chunkRows: 700 } });
    const body = { dataframe_split: split(rows), params: { probabilities: true } };

    const a = await call(`${pooled.url}/invocations`, { body });
    const b = await call(`${local.url}/invocations`, { body });

    expect(a.status).toBe(200);
    expect(a.json.predictions).toEqual(labels(churnV1, rows));
    expect(a.json.probabilities).toEqual(expectedProba(churnV1, rows));
    expect(b.json).toEqual(a.json);
  });

  it('names the column and the absolute row when a helper refuses a chunk', async () => {
    const s = await serve({ predictionHelpers: 1, limits: { chunkRows: 500, helperMinRows: 1000 } }, [{ name: 'strict', version: '1', pipeline: strict }]);
    const rows = Array.from({ length: 1200 }, (_, i) => ({ age: i === 1100 ? null : 30 + (i % 20), income: 2000 + i }));

    const r = await call(`${s.url}/invocations`, { body: { dataframe_records: rows } });

    expect(r.status).toBe(400);
    expect(r.json.field).toBe('age');
    expect(r.json.message).toMatch(/at row 1100/);
  });
});

describe('MLflow scoring with several models and versions', () => {
  let s: ServingServer;
  beforeAll(async () => {
    s = await serve({}, [
      { name: 'churn', version: '1', pipeline: churnV1, stages: ['production'] },
      { name: 'churn', version: '2', pipeline: churnV2, stages: ['staging'] },
      { name: 'spend', version: '1', pipeline: spend },
      { name: 'strict', version: '1', pipeline: strict },
    ]);
  });

  it('asks which model when several are served, then serves NAME, NAME@STAGE and NAME/VERSION', async () => {
    const ambiguous = await call(`${s.url}/invocations`, { body: { inputs: ROWS } });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.json.field).toBe('model');

    for (const ref of ['churn', 'churn@production', 'churn/1', 'churn@staging', 'churn/2']) {
      const r = await call(`${s.url}/invocations?model=${encodeURIComponent(ref)}`, { body: { inputs: ROWS } });
      expect(r.status, ref).toBe(200);
      expect(r.json.predictions).toEqual(labels(ref.includes('2') || ref.includes('staging') ? churnV2 : churnV1, ROWS));
    }
    const unknown = await call(`${s.url}/invocations?model=churn@archived`, { body: { inputs: ROWS } });
    expect(unknown.status).toBe(404);
    expect(unknown.json.field).toBe('version');
  });

  it('serves a regressor with values equal to predictRows, and refuses probabilities for it', async () => {
    const rows = ROWS.map(({ age, plan }) => ({ age, plan }));

    const r = await call(`${s.url}/invocations?model=spend`, { body: { dataframe_records: rows } });
    const proba = await call(`${s.url}/invocations?model=spend`, { body: { dataframe_records: rows, params: { probabilities: true } } });

    expect(r.json).toEqual({ predictions: labels(spend, rows) });
    expect(proba.status).toBe(400);
    expect(proba.json.field).toBe('params.probabilities');
  });

  it('refuses a missing value the model cannot take, naming the column (never a 500)', async () => {
    const rows = [
      { age: 30, income: 2000 },
      { age: null, income: 2500 },
    ];

    const r = await call(`${s.url}/invocations?model=strict`, { body: { dataframe_records: rows } });

    expect(r.status).toBe(400);
    expect(r.json.field).toBe('age');
    expect(r.json.message).toMatch(/Column "age" has a missing value at row 1/);
  });
});

describe('Open Inference Protocol v2', () => {
  let s: ServingServer;
  const tensors = (rows: Record<string, unknown>[]) => [
    { name: 'age', shape: [rows.length], datatype: 'FP64', data: rows.map((r) => r.age) },
    { name: 'income', shape: [rows.length, 1], datatype: 'INT64', data: rows.map((r) => [r.income]) },
    { name: 'plan', shape: [rows.length], datatype: 'BYTES', data: rows.map((r) => r.plan) },
    { name: 'signup', shape: [rows.length], datatype: 'BYTES', data: rows.map((r) => r.signup) },
  ];
  beforeAll(async () => {
    s = await serve({}, [
      { name: 'churn', version: '1', pipeline: churnV1, stages: ['production'] },
      { name: 'churn', version: '2', pipeline: churnV2 },
      { name: 'churn', version: '3', pipeline: churnV2 },
      { name: 'spend', version: '7', pipeline: spend },
    ]);
  });

  it('answers server metadata, liveness and readiness', async () => {
    expect((await call(`${s.url}/v2`)).json).toMatchObject({ name: 'ciclo', extensions: [] });
    expect((await call(`${s.url}/v2/health/live`)).status).toBe(200);
    expect((await call(`${s.url}/v2/health/ready`)).status).toBe(200);
  });

  it('describes a model and each version', async () => {
    const meta = await call(`${s.url}/v2/models/churn`);
    const v2 = await call(`${s.url}/v2/models/churn/versions/2`);

    expect(meta.status).toBe(200);
    expect(meta.json).toMatchObject({
      name: 'churn',
      versions: ['1', '2', '3'],
      platform: 'ciclo',
      inputs: [
        { name: 'age', datatype: 'FP64', shape: [-1] },
        { name: 'income', datatype: 'FP64', shape: [-1] },
        { name: 'plan', datatype: 'BYTES', shape: [-1] },
        { name: 'signup', datatype: 'BYTES', shape: [-1] },
      ],
      outputs: [
        { name: 'predict', datatype: 'BYTES', shape: [-1] },
        { name: 'predict_proba', datatype: 'FP64', shape: [-1, 2] },
      ],
      parameters: { version: '1', stages: ['production'], task: 'classification', classes: ['no', 'yes'] },
    });
    expect(v2.json.parameters.version).toBe('2');
  });

  it('answers model readiness per version (a version loads on first use), 404 for an unknown model', async () => {
    expect((await call(`${s.url}/v2/models/churn/ready`)).json).toEqual({ name: 'churn', version: '1', ready: true });
    expect((await call(`${s.url}/v2/models/churn/versions/1/ready`)).status).toBe(200);
    const before = await call(`${s.url}/v2/models/churn/versions/3/ready`);
    expect(before.status).toBe(503);
    expect(before.json).toEqual({ name: 'churn', version: '3', ready: false });
    expect((await call(`${s.url}/v2/models/churn/versions/3`)).status).toBe(200);
    expect((await call(`${s.url}/v2/models/churn/versions/3/ready`)).status).toBe(200);
    const unknown = await call(`${s.url}/v2/models/nope/ready`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', field: 'model' });
    expect(typeof unknown.json.error).toBe('string');
  });

  it('infers from one tensor per column: predict and predict_proba equal in-process, id echoed', async () => {
    const r = await call(`${s.url}/v2/models/churn/infer`, { body: { id: 'req-7', inputs: tensors(ROWS) } });

    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      model_name: 'churn',
      model_version: '1',
      id: 'req-7',
      outputs: [
        { name: 'predict', shape: [ROWS.length], datatype: 'BYTES', data: labels(churnV1, ROWS) },
        { name: 'predict_proba', shape: [ROWS.length, 2], datatype: 'FP64', parameters: { classes: ['no', 'yes'] }, data: expectedProba(churnV1, ROWS).flat() },
      ],
    });
  });

  it('uses the request id as the response id when the request has none', async () => {
    const r = await call(`${s.url}/v2/models/churn/infer`, { body: { inputs: tensors(ROWS.slice(0, 2)) } });

    expect(r.json.id).toBe(r.headers.get('x-request-id'));
  });

  it('infers from one [N, C] tensor with parameters.columns, and returns only the outputs asked for', async () => {
    const columns = ['plan', 'age', 'signup', 'income'];
    const data = ROWS.flatMap((r) => columns.map((c) => r[c]));

    const r = await call(`${s.url}/v2/models/churn/versions/2/infer`, {
      body: { inputs: [{ name: 'table', shape: [ROWS.length, 4], datatype: 'BYTES', parameters: { columns }, data: data.map((v) => (v === null ? null : String(v))) }], outputs: [{ name: 'predict' }] },
    });

    expect(r.status).toBe(200);
    expect(r.json.model_version).toBe('2');
    expect(r.json.outputs).toEqual([{ name: 'predict', shape: [ROWS.length], datatype: 'BYTES', data: labels(churnV2, ROWS) }]);
  });

  it('serves a version by stage name and a regressor as FP64', async () => {
    const byStage = await call(`${s.url}/v2/models/churn/versions/production/infer`, { body: { inputs: tensors(ROWS.slice(0, 3)), outputs: [{ name: 'predict' }] } });
    const rows = ROWS.slice(0, 3);
    const reg = await call(`${s.url}/v2/models/spend/infer`, {
      body: { inputs: [{ name: 'age', shape: [3], datatype: 'FP32', data: rows.map((r) => r.age) }, { name: 'plan', shape: [3], datatype: 'BYTES', data: rows.map((r) => r.plan) }] },
    });

    expect(byStage.json.model_version).toBe('1');
    expect(reg.json.outputs).toEqual([{ name: 'predict', shape: [3], datatype: 'FP64', data: labels(spend, rows.map(({ age, plan }) => ({ age, plan }))) }]);
  });

  it.each([
    ['no inputs', { inputs: [] }, 'inputs', /non-empty list/],
    ['an unknown field', { inputs: [], extra: 1 }, 'extra', /Unknown field/],
    ['an unknown input', { inputs: [{ name: 'colour', shape: [1], datatype: 'BYTES', data: ['red'] }, { name: 'age', shape: [1], datatype: 'FP64', data: [1] }] }, 'colour', /Unknown input "colour"/],
    ['a missing input', { inputs: [{ name: 'age', shape: [1], datatype: 'FP64', data: [1] }, { name: 'income', shape: [1], datatype: 'FP64', data: [1] }] }, 'plan', /Input "plan" is missing/],
    ['data that does not fit the datatype', { inputs: [{ name: 'age', shape: [1], datatype: 'FP64', data: ['old'] }, { name: 'x', shape: [1], datatype: 'FP64', data: [1] }] }, 'age', /must be finite numbers/],
    ['a fractional INT64', { inputs: [{ name: 'age', shape: [1], datatype: 'INT64', data: [1.5] }, { name: 'x', shape: [1], datatype: 'FP64', data: [1] }] }, 'age', /must be integers/],
    ['a shape that does not fit the data', { inputs: [{ name: 'age', shape: [2], datatype: 'FP64', data: [1] }, { name: 'x', shape: [1], datatype: 'FP64', data: [1] }] }, 'age', /shape \[2\]/],
    ['an unknown datatype', { inputs: [{ name: 'age', shape: [1], datatype: 'FLOAT', data: [1] }] }, 'age', /datatype must be one of/],
    ['an unknown output', { inputs: [{ name: 'age', shape: [1], datatype: 'FP64', data: [1] }], outputs: [{ name: 'explain' }] }, 'outputs[0].name', /"predict" or "predict_proba"/],
    ['rows of different lengths', { inputs: [{ name: 'age', shape: [2], datatype: 'FP64', data: [1, 2] }, { name: 'income', shape: [1], datatype: 'FP64', data: [1] }] }, 'income', /has 1 rows but the others have 2/],
    ['columns not named', { inputs: [{ name: 'table', shape: [1, 3], datatype: 'FP64', data: [1, 2, 3] }] }, 'table', /has 3 columns but the model takes 4/],
  ])('refuses %s with a 400 naming the field', async (_what, body, field, message) => {
    const r = await call(`${s.url}/v2/models/churn/infer`, { body });

    expect(r.status).toBe(400);
    expect(r.json.field).toBe(field);
    expect(r.json.error).toMatch(message);
  });

  it('refuses predict_proba for a regressor and an unknown model or version', async () => {
    const proba = await call(`${s.url}/v2/models/spend/infer`, { body: { inputs: [{ name: 'age', shape: [1], datatype: 'FP64', data: [1] }, { name: 'plan', shape: [1], datatype: 'BYTES', data: ['pro'] }], outputs: [{ name: 'predict_proba' }] } });
    const model = await call(`${s.url}/v2/models/nope/infer`, { body: { inputs: [] } });
    const version = await call(`${s.url}/v2/models/churn/versions/9/infer`, { body: { inputs: [] } });
    const badName = await call(`${s.url}/v2/models/..%2F..%2Fetc/infer`, { body: { inputs: [] } });

    expect(proba.status).toBe(400);
    expect(model.status).toBe(404);
    expect(version.status).toBe(404);
    expect(version.json.field).toBe('version');
    expect(badName.status).toBe(404);
  });
});

describe('metrics and documentation', () => {
  let s: ServingServer;
  beforeAll(async () => {
    s = await serve();
  });

  it('counts requests, errors, latency and rows in Prometheus format', async () => {
    await call(`${s.url}/invocations`, { body: { inputs: ROWS } });
    await call(`${s.url}/invocations`, { body: { inputs: [{ age: 'x' }] } });

    const r = await call(`${s.url}/metrics`);

    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(r.text).toContain('ciclo_serving_requests_total{route="/invocations",code="200"} 1');
    expect(r.text).toContain('ciclo_serving_requests_total{route="/invocations",code="400"} 1');
    expect(r.text).toContain('ciclo_serving_errors_total{code="400"} 1');
    expect(r.text).toContain('ciclo_serving_request_duration_seconds_count{route="/invocations"} 2');
    expect(r.text).toContain(`ciclo_serving_rows_predicted_total{model="churn",version="1"} ${ROWS.length}`);
    expect(r.text).toMatch(/ciclo_serving_in_flight_requests 1\n/); // this scrape itself
    expect(r.text).toContain('ciclo_serving_ready 1');
    const stats = s.stats();
    expect(stats).toMatchObject({ state: 'ready', predictionRequests: 2, errors: 1, rowsPredicted: ROWS.length, byStatus: { '200': 2, '400': 1 } }); // 200s: a prediction and the scrape
    expect(stats.latency.count).toBe(1);
  });

  it('publishes an OpenAPI document with every route and the model row schema', async () => {
    const r = await call(`${s.url}/openapi.json`);

    expect(r.json.openapi).toBe('3.0.3');
    for (const path of ['/invocations', '/ping', '/health', '/version', '/v2/health/live', '/v2/health/ready', '/v2/models/{name}', '/v2/models/{name}/versions/{version}/infer', '/metrics']) {
      expect(Object.keys(r.json.paths)).toContain(path);
    }
    expect(r.json.components.schemas.Row_churn).toMatchObject({ required: COLUMNS, properties: { age: { type: 'number' }, plan: { type: 'string' } } });
  });

  it('serves a self-contained HTML page listing routes, the model and its columns', async () => {
    const r = await call(`${s.url}/`);

    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.text).toContain('/v2/models/churn/infer');
    for (const c of COLUMNS) expect(r.text).toContain(`<code>${c}</code>`);
    expect(r.text).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
  });
});

describe('access', () => {
  it('refuses to start beyond loopback without an API key, before listening', async () => {
    await expect(startServing({ source: pipelineSource([{ name: 'churn', version: '1', pipeline: churnV1 }]), host: '0.0.0.0' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'apiKey' },
    });
  });

  it('with a key, refuses requests without it (401) and accepts Bearer or x-api-key; health stays open', async () => {
    const s = await serve({ apiKey: API_KEY });
    const body = { inputs: ROWS.slice(0, 2) };

    const none = await call(`${s.url}/invocations`, { body });
    const wrong = await call(`${s.url}/invocations`, { body, headers: { authorization: 'Bearer wrong-key-0123456789' } });
    const bearer = await call(`${s.url}/invocations`, { body, headers: { authorization: `Bearer ${API_KEY}` } });
    const header = await call(`${s.url}/v2/models/churn`, { headers: { 'x-api-key': API_KEY } });

    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.json).toMatchObject({ error_code: 'UNAUTHENTICATED', field: 'apiKey' });
    expect(wrong.status).toBe(401);
    expect(bearer.status).toBe(200);
    expect(header.status).toBe(200);
    expect((await call(`${s.url}/metrics`)).status).toBe(401);
    expect((await call(`${s.url}/v2/models/churn`)).status).toBe(401);
    expect((await call(`${s.url}/ping`)).status).toBe(200);
    expect((await call(`${s.url}/v2/health/ready`)).status).toBe(200);
    expect(s.stats().rejected.unauthorized).toBe(4);
  });

  it('refuses a forged Host header (DNS rebinding) and other web origins', async () => {
    const s = await serve();
    const forged = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: s.port, path: '/v2/models/churn', headers: { host: `evil.example:${s.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    const origin = await call(`${s.url}/invocations`, { body: { inputs: ROWS }, headers: { origin: 'https://evil.example' } });

    expect(forged).toBe(403);
    expect(origin.status).toBe(403);
    expect(origin.json.field).toBe('origin');
  });
});

describe('limits', () => {
  it('refuses a body over the size limit (413) and a batch over the row limit (413 naming it)', async () => {
    const s = await serve({ limits: { maxBodyBytes: 2000, maxBatchRows: 5 } });

    const big = await call(`${s.url}/invocations`, { body: { inputs: churnInputs(60) } });
    const rows = await call(`${s.url}/invocations`, { body: { inputs: churnInputs(6) } });
    const v2 = await call(`${s.url}/v2/models/churn/infer`, { body: { inputs: [{ name: 'age', shape: [6], datatype: 'FP64', data: [1, 2, 3, 4, 5, 6] }, { name: 'income', shape: [6], datatype: 'FP64', data: [1, 2, 3, 4, 5, 6] }, { name: 'plan', shape: [6], datatype: 'BYTES', data: ['a', 'a', 'a', 'a', 'a', 'a'] }, { name: 'signup', shape: [6], datatype: 'BYTES', data: [null, null, null, null, null, null] }] } });

    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ error_code: 'REQUEST_LIMIT_EXCEEDED', field: 'maxBodyBytes' });
    expect(rows.status).toBe(413);
    expect(rows.json.field).toBe('maxBatchRows');
    expect(rows.json.message).toMatch(/at most 5 rows/);
    expect(v2.status).toBe(413);
    expect(v2.json.field).toBe('maxBatchRows');
    expect((await call(`${s.url}/invocations`, { body: { inputs: churnInputs(5) } })).status).toBe(200);
  });

  it('answers 503 with Retry-After when saturated, then recovers', async () => {
    const s = await serve({ limits: { maxConcurrent: 2 } });
    const body = JSON.stringify({ inputs: ROWS });
    const a = holdRequest(s.port, '/invocations', body);
    const b = holdRequest(s.port, '/invocations', body);
    await waitFor(() => s.stats().inFlight === 2);

    const flood = await Promise.all(Array.from({ length: 10 }, () => call(`${s.url}/invocations`, { body })));
    expect(flood.map((r) => r.status)).toEqual(Array(10).fill(503));
    const refused = flood[0];
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.json.error_code).toBe('TEMPORARILY_UNAVAILABLE');

    a.finish();
    b.finish();
    expect((await a.response).status).toBe(200);
    expect((await b.response).status).toBe(200);
    await waitFor(() => s.stats().inFlight === 0);
    const after = await call(`${s.url}/invocations`, { body });
    expect(after.status).toBe(200);
    expect(s.stats().rejected.saturated).toBe(10);
  });

  it('holds at most maxInFlightBytes of request bodies at once (503 beyond), then recovers', async () => {
    const body = JSON.stringify({ inputs: ROWS.slice(0, 10) });
    const s = await serve({ limits: { maxInFlightBytes: Math.floor(body.length * 1.5) } });
    const held = holdRequest(s.port, '/invocations', body);
    await waitFor(() => s.stats().inFlight === 1);

    const refused = await call(`${s.url}/invocations`, { body });
    held.finish();
    const first = await held.response;
    const after = await call(`${s.url}/invocations`, { body });

    expect(refused.status).toBe(503);
    expect(refused.json.message).toMatch(/maxInFlightBytes/);
    expect(first.status).toBe(200);
    expect(after.status).toBe(200);
  });

  it('answers 408 when the body does not arrive in time, and releases what it held', async () => {
    const body = JSON.stringify({ inputs: ROWS });
    const s = await serve({ limits: { timeoutMs: 300, maxInFlightBytes: Math.floor(body.length * 1.5) } });
    const held = holdRequest(s.port, '/invocations', body);

    const r = await held.response;
    await waitFor(() => s.stats().inFlight === 0);
    const next = await call(`${s.url}/invocations`, { body });

    expect(r.status).toBe(408);
    expect(JSON.parse(r.text)).toMatchObject({ error_code: 'REQUEST_TIMEOUT', field: 'timeoutMs' });
    expect(next.status).toBe(200);
  });

  it('answers 504 when a prediction outlasts the time limit, and keeps serving', async () => {
    const s = await serve({ limits: { timeoutMs: 250, chunkRows: 1 } });

    const r = await call(`${s.url}/invocations`, { body: { inputs: churnInputs(20_000) } });
    const next = await call(`${s.url}/invocations`, { body: { inputs: ROWS } });

    expect(r.status).toBe(504);
    expect(r.json).toMatchObject({ error_code: 'DEADLINE_EXCEEDED', field: 'timeoutMs' });
    expect(next.status).toBe(200);
  });

  it('keeps answering health checks while a large batch is predicted', async () => {
    const s = await serve({ limits: { chunkRows: 50 } });
    const big = call(`${s.url}/invocations`, { body: { inputs: churnInputs(30_000) } });
    await waitFor(() => s.stats().inFlight === 1);

    const pings = await Promise.all([call(`${s.url}/ping`), call(`${s.url}/v2/health/live`)]);
    const stillRunning = s.stats().inFlight >= 1;

    expect(pings.map((p) => p.status)).toEqual([200, 200]);
    expect(stillRunning).toBe(true);
    expect((await big).status).toBe(200);
  });

  it('stops gracefully: no new requests, the in-flight one finishes', async () => {
    const s = await startServing({ source: pipelineSource([{ name: 'churn', version: '1', pipeline: churnV1 }]) });
    const held = holdRequest(s.port, '/invocations', JSON.stringify({ inputs: ROWS }));
    await waitFor(() => s.stats().inFlight === 1);

    const closing = s.close(5000);
    await waitFor(() => s.stats().state === 'stopping');
    const refused = await fetch(`${s.url}/ping`).then(
      (res) => res.status,
      () => 'refused',
    );
    held.finish();
    const r = await held.response;
    await closing;

    expect(refused).toBe('refused');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).predictions).toEqual(labels(churnV1, ROWS));
  });
});

describe('prediction log', () => {
  it('logs each prediction after answering, with the request id, inputs, outputs and latency; can be switched off', async () => {
    const records: PredictionRecord[] = [];
    const s = await serve({ sink: { write: (b) => void records.push(...b) }, log: { flushIntervalMs: 5 } });
    const rows = ROWS.slice(0, 3);

    const r = await call(`${s.url}/invocations`, { body: { dataframe_records: rows, params: { probabilities: true } } });
    await waitFor(() => records.length === 1);
    s.setLogging(false);
    await call(`${s.url}/invocations`, { body: { dataframe_records: rows } });
    s.setLogging(true);
    const v2 = await call(`${s.url}/v2/models/churn/infer`, { body: { id: 'x', inputs: [{ name: 'table', shape: [1, 4], datatype: 'BYTES', parameters: { columns: COLUMNS }, data: [String(rows[0].age), String(rows[0].income), rows[0].plan, rows[0].signup] }] } });
    await waitFor(() => records.length === 2);

    expect(records[0]).toMatchObject({
      requestId: r.headers.get('x-request-id'),
      model: 'churn',
      version: '1',
      protocol: 'mlflow',
      nRows: 3,
      predictions: r.json.predictions,
      probabilities: r.json.probabilities,
      classes: ['no', 'yes'],
      inputs: {
        age: rows.map((x) => x.age),
        income: rows.map((x) => x.income),
        plan: rows.map((x) => x.plan),
        signup: rows.map((x) => (x.signup === null ? null : Date.parse(x.signup as string))),
      },
    });
    expect(records[0].latencyMs).toBeGreaterThan(0);
    expect(Date.parse(records[0].time)).not.toBeNaN();
    expect(records[1]).toMatchObject({ requestId: v2.headers.get('x-request-id'), protocol: 'v2', nRows: 1 });
    expect(s.stats().log).toMatchObject({ enabled: true, written: 2, dropped: 0 });
  });
});
