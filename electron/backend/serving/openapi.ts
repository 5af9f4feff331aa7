/**
 * The server's own documentation: an OpenAPI 3.0 document (`GET /openapi.json`) with one request
 * schema per served model (built from its input schema), and a small self-contained HTML page
 * (`GET /`) listing the routes, the models, their columns and copyable curl examples. The page
 * loads nothing from anywhere (no scripts, no CDN; inline styles only) and escapes every value.
 */
import type { FrameColumnKind } from '../../ml/core/frame.js';
import type { ServedModel } from './models.js';
import type { ModelEntry } from './types.js';

/** What the documents describe. */
export interface DocsInput {
  url: string;
  serverVersion: string;
  hasApiKey: boolean;
  /** Every model with its default version loaded (what the schemas are built from). */
  models: { entry: ModelEntry; model: ServedModel | undefined }[];
  limits: { maxBatchRows: number; maxBodyBytes: number; timeoutMs: number };
}

/** One route, for both documents. */
interface RouteDoc {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  isPublic?: boolean;
}

const ROUTES: RouteDoc[] = [
  { method: 'POST', path: '/invocations', summary: 'MLflow scoring: predict rows (dataframe_split, dataframe_records, instances or inputs).' },
  { method: 'GET', path: '/ping', summary: 'MLflow health: 200 when the models are loaded.', isPublic: true },
  { method: 'GET', path: '/health', summary: 'MLflow health: 200 when the models are loaded.', isPublic: true },
  { method: 'GET', path: '/version', summary: 'Server version (plain text).' },
  { method: 'GET', path: '/v2', summary: 'Open Inference Protocol: server metadata.' },
  { method: 'GET', path: '/v2/health/live', summary: 'Open Inference Protocol: liveness.', isPublic: true },
  { method: 'GET', path: '/v2/health/ready', summary: 'Open Inference Protocol: readiness.', isPublic: true },
  { method: 'GET', path: '/v2/models/{name}', summary: 'Model metadata (default version).' },
  { method: 'GET', path: '/v2/models/{name}/versions/{version}', summary: 'Model metadata of a version or stage.' },
  { method: 'GET', path: '/v2/models/{name}/ready', summary: 'Model readiness (default version).' },
  { method: 'GET', path: '/v2/models/{name}/versions/{version}/ready', summary: 'Model readiness of a version or stage.' },
  { method: 'POST', path: '/v2/models/{name}/infer', summary: 'Inference on the default version.' },
  { method: 'POST', path: '/v2/models/{name}/versions/{version}/infer', summary: 'Inference on a version or stage.' },
  { method: 'GET', path: '/metrics', summary: 'Prometheus metrics (text format 0.0.4).' },
  { method: 'GET', path: '/openapi.json', summary: 'This API as OpenAPI 3.0.' },
  { method: 'GET', path: '/', summary: 'This page.' },
];

function jsonSchemaOf(kind: FrameColumnKind): Record<string, unknown> {
  switch (kind) {
    case 'numeric':
      return { type: 'number', nullable: true };
    case 'datetime':
      return { oneOf: [{ type: 'string', format: 'date-time' }, { type: 'number', description: 'epoch milliseconds' }], nullable: true };
    default:
      return { type: 'string', nullable: true };
  }
}

function schemaName(name: string): string {
  return `Row_${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

/** The OpenAPI document. */
export function buildOpenApi(d: DocsInput): Record<string, unknown> {
  const schemas: Record<string, unknown> = {
    Error: { type: 'object', properties: { error_code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' }, request_id: { type: 'string' } } },
    V2Error: { type: 'object', properties: { error: { type: 'string' }, code: { type: 'string' }, field: { type: 'string' }, request_id: { type: 'string' } } },
    V2Tensor: {
      type: 'object',
      required: ['name', 'shape', 'datatype', 'data'],
      properties: {
        name: { type: 'string' },
        shape: { type: 'array', items: { type: 'integer' } },
        datatype: { type: 'string', enum: ['BOOL', 'INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'FP16', 'FP32', 'FP64', 'BYTES'] },
        parameters: { type: 'object' },
        data: { type: 'array', items: {} },
      },
    },
    V2InferenceRequest: {
      type: 'object',
      required: ['inputs'],
      properties: {
        id: { type: 'string' },
        parameters: { type: 'object' },
        inputs: { type: 'array', items: { $ref: '#/components/schemas/V2Tensor' } },
        outputs: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', enum: ['predict', 'predict_proba'] } } } },
      },
    },
    V2InferenceResponse: {
      type: 'object',
      properties: {
        model_name: { type: 'string' },
        model_version: { type: 'string' },
        id: { type: 'string' },
        outputs: { type: 'array', items: { $ref: '#/components/schemas/V2Tensor' } },
      },
    },
    ScoringResponse: {
      type: 'object',
      required: ['predictions'],
      properties: {
        predictions: { type: 'array', items: {} },
        probabilities: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
        classes: { type: 'array', items: { type: 'string' } },
      },
    },
  };
  const rowRefs: unknown[] = [];
  for (const { entry, model } of d.models) {
    if (!model) continue;
    schemas[schemaName(entry.name)] = {
      type: 'object',
      description: `One input row of model "${entry.name}" (version ${model.version}). Send null for a missing value.`,
      required: model.inputSchema.map((c) => c.name),
      additionalProperties: false,
      properties: Object.fromEntries(model.inputSchema.map((c) => [c.name, jsonSchemaOf(c.kind)])),
    };
    rowRefs.push({ $ref: `#/components/schemas/${schemaName(entry.name)}` });
  }
  const row = rowRefs.length === 1 ? rowRefs[0] : rowRefs.length > 1 ? { oneOf: rowRefs } : { type: 'object' };
  schemas.ScoringRequest = {
    type: 'object',
    description: 'Exactly one of dataframe_split, dataframe_records, instances, inputs.',
    properties: {
      dataframe_split: { type: 'object', properties: { columns: { type: 'array', items: { type: 'string' } }, data: { type: 'array', items: { type: 'array', items: {} } } } },
      dataframe_records: { type: 'array', items: row },
      instances: { type: 'array', items: row },
      inputs: { oneOf: [{ type: 'array', items: row }, { type: 'object', additionalProperties: { type: 'array', items: {} } }] },
      params: { type: 'object', properties: { probabilities: { type: 'boolean', description: 'Add class probabilities to the answer.' } }, additionalProperties: false },
    },
  };

  const errorResponses = (v2: boolean): Record<string, unknown> => {
    const ref = { content: { 'application/json': { schema: { $ref: `#/components/schemas/${v2 ? 'V2Error' : 'Error'}` } } } };
    return {
      '400': { description: 'The input is malformed or does not fit the model (the field is named).', ...ref },
      '401': { description: 'API key missing or wrong.', ...ref },
      '404': { description: 'No such model, version or stage.', ...ref },
      '413': { description: `Body over ${d.limits.maxBodyBytes} bytes or more than ${d.limits.maxBatchRows} rows.`, ...ref },
      '503': { description: 'Saturated or stopping; retry after the Retry-After seconds.', ...ref },
      '504': { description: `The prediction took longer than ${d.limits.timeoutMs} ms.`, ...ref },
    };
  };
  const nameParam = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
  const versionParam = { name: 'version', in: 'path', required: true, schema: { type: 'string' }, description: 'A version or a stage (e.g. production).' };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const op: Record<string, unknown> = { summary: r.summary, responses: { '200': { description: 'OK' } } };
    const params: unknown[] = [];
    if (r.path.includes('{name}')) params.push(nameParam);
    if (r.path.includes('{version}')) params.push(versionParam);
    if (params.length) op.parameters = params;
    if (r.isPublic) op.security = [];
    if (r.path === '/invocations') {
      op.parameters = [
        { name: 'model', in: 'query', required: false, schema: { type: 'string' }, description: 'NAME, NAME@STAGE or NAME/VERSION when the server serves several models.' },
        { name: 'probabilities', in: 'query', required: false, schema: { type: 'boolean' } },
      ];
      op.requestBody = { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ScoringRequest' } } } };
      op.responses = { '200': { description: 'Predictions', content: { 'application/json': { schema: { $ref: '#/components/schemas/ScoringResponse' } } } }, ...errorResponses(false) };
    } else if (r.path.endsWith('/infer')) {
      op.requestBody = { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/V2InferenceRequest' } } } };
      op.responses = { '200': { description: 'Outputs', content: { 'application/json': { schema: { $ref: '#/components/schemas/V2InferenceResponse' } } } }, ...errorResponses(true) };
    }
    paths[r.path] = { ...(paths[r.path] ?? {}), [r.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Ciclo inference server',
      version: d.serverVersion,
      description: 'MLflow scoring protocol and Open Inference Protocol v2 over the models this server was started with.',
    },
    servers: [{ url: d.url }],
    ...(d.hasApiKey
      ? {
          security: [{ bearer: [] }, { apiKeyHeader: [] }],
          components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKeyHeader: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
        }
      : { components: { schemas } }),
    paths,
  };
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function exampleValue(kind: FrameColumnKind): unknown {
  return kind === 'numeric' ? 0 : kind === 'datetime' ? '2024-01-31T00:00:00Z' : 'text';
}

/** Single-quotes a string for a POSIX shell. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The HTML page. */
export function buildDocsPage(d: DocsInput): string {
  const auth = d.hasApiKey ? ' -H "Authorization: Bearer $CICLO_API_KEY"' : '';
  const modelSections = d.models
    .map(({ entry, model }) => {
      const versions = entry.versions.map((v) => `${esc(v.version)}${v.stages.length ? ` (${esc(v.stages.join(', '))})` : ''}`).join(', ');
      if (!model) return `<section><h3>${esc(entry.name)}</h3><p>Versions: ${versions}. Not loaded yet.</p></section>`;
      const rows = model.inputSchema.map((c) => `<tr><td><code>${esc(c.name)}</code></td><td>${esc(c.kind)}</td></tr>`).join('');
      const split = { dataframe_split: { columns: model.inputSchema.map((c) => c.name), data: [model.inputSchema.map((c) => exampleValue(c.kind))] } };
      const target = d.models.length > 1 ? `?model=${encodeURIComponent(entry.name)}` : '';
      const mlflow = `curl -s ${d.url}/invocations${target}${auth} -H "Content-Type: application/json" -d ${shellQuote(JSON.stringify(split))}`;
      const v2body = { inputs: model.inputSchema.map((c) => ({ name: c.name, shape: [1], datatype: c.kind === 'numeric' ? 'FP64' : 'BYTES', data: [exampleValue(c.kind)] })) };
      const v2 = `curl -s ${d.url}/v2/models/${encodeURIComponent(entry.name)}/infer${auth} -H "Content-Type: application/json" -d ${shellQuote(JSON.stringify(v2body))}`;
      const classes = model.classLabels ? `<p>Classes: ${model.classLabels.map((l) => `<code>${esc(l)}</code>`).join(', ')}</p>` : '';
      return `<section><h3>${esc(entry.name)}</h3><p>${esc(model.task)} of <code>${esc(model.pipeline.target)}</code>. Serving version ${esc(model.version)} by default. Versions: ${versions}.</p>${classes}
<table><thead><tr><th>Column</th><th>Kind</th></tr></thead><tbody>${rows}</tbody></table>
<p>MLflow scoring:</p><pre>${esc(mlflow)}</pre><p>Open Inference Protocol v2:</p><pre>${esc(v2)}</pre></section>`;
    })
    .join('\n');
  const routes = ROUTES.map((r) => `<tr><td>${r.method}</td><td><code>${esc(r.path)}</code></td><td>${esc(r.summary)}${r.isPublic ? '' : d.hasApiKey ? ' (API key)' : ''}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ciclo inference server</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2433}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d5d9e2;padding:.25rem .6rem;text-align:left;vertical-align:top}
pre{background:#f3f5f9;padding:.6rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}code{font-size:.92em}
</style></head><body>
<h1>Ciclo inference server</h1>
<p>Version ${esc(d.serverVersion)} at <code>${esc(d.url)}</code>. Speaks MLflow's scoring protocol and the Open Inference Protocol v2. Machine-readable description: <a href="openapi.json">openapi.json</a>.</p>
${d.hasApiKey ? '<p>Every route except the health checks needs the API key: <code>Authorization: Bearer KEY</code> or <code>x-api-key: KEY</code>.</p>' : ''}
<p>Limits: at most ${d.limits.maxBatchRows} rows and ${d.limits.maxBodyBytes} bytes per request; ${d.limits.timeoutMs} ms per request. Send <code>null</code> for a missing value. Add <code>"params": {"probabilities": true}</code> for class probabilities.</p>
<h2>Models</h2>
${modelSections || '<p>No models.</p>'}
<h2>Routes</h2>
<table><thead><tr><th>Method</th><th>Path</th><th>What</th></tr></thead><tbody>${routes}</tbody></table>
</body></html>
`;
}
