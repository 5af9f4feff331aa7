/**
 * The inference server: one `node:http` listener serving the models of a {@link ModelSource}
 * over MLflow's scoring protocol and the Open Inference Protocol v2, plus health, Prometheus
 * metrics and its own documentation. In the app it runs inside its own worker thread (host.ts);
 * this module is the server itself and runs on whatever thread calls it.
 *
 * Why plain node:http and no framework: every limit that keeps the server safe lives on the
 * request path (body size counted while reading, a 503 decided before the body is read, a
 * deadline checked between prediction chunks, keep-alive and connection caps), and the latency
 * goal leaves no room for middleware layers; with a dozen fixed routes a framework would add
 * dependencies and hide exactly the behaviour this module has to control.
 *
 * Request path: request id -> refusals that cost nothing (stopping, saturated, Host/Origin,
 * route, API key) -> body read under the size limit -> JSON -> rows checked against the model's
 * input schema -> prediction -> response -> (after the response) the prediction log record.
 * Every refusal is a RequestError rendered in the protocol's error shape with a 4xx/5xx status;
 * an unexpected error is a 500 with a generic message, and the process carries on.
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AppError } from '../../../shared/errors.js';
import type { Frame } from '../../ml/core/frame.js';
import { ENGINE_VERSION } from '../../ml/version.js';
import { apiKeyDigest, apiKeyMatches, checkBindingRule, hostAllowed, isForeignOrigin, presentedKey } from './auth.js';
import { RequestError, badRequest } from './errors.js';
import { frameToColumns } from './input.js';
import { ServingMetrics } from './metrics.js';
import { decodeMlflowRequest, mlflowResponse } from './mlflow.js';
import { MODEL_NAME_PATTERN, ModelCatalog, parseModelRef, type ServedModel } from './models.js';
import { decodeV2Request, v2ModelMetadata, v2Response } from './oip.js';
import { buildDocsPage, buildOpenApi, type DocsInput } from './openapi.js';
import { predictFrame, type PredictionOutput } from './predict.js';
import { defaultHelperCount, PredictionPool } from './predict-pool.js';
import { PredictionLogQueue } from './prediction-log.js';
import { DEFAULT_LIMITS, type ModelSource, type PredictionLogOptions, type PredictionRecord, type PredictionSink, type ServingLimits, type ServingStats } from './types.js';

/** Options of {@link startServing}. */
export interface ServingOptions {
  source: ModelSource;
  /** Where predictions are logged; null or absent = no log. */
  sink?: PredictionSink | null;
  log?: PredictionLogOptions;
  /** Default 127.0.0.1. Any other host than 127.0.0.1, ::1, localhost needs `apiKey`. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Required beyond loopback; optional on loopback. At least 16 characters. */
  apiKey?: string;
  limits?: Partial<ServingLimits>;
  /** Reported by `/version` and `/v2` (default: the engine version). */
  serverVersion?: string;
  /** `NAME[@STAGE]` that `/invocations` serves when several models are served and none is asked for. */
  defaultModel?: string;
  /**
   * Helper threads predicting large batches (limits.helperMinRows rows or more) while this thread
   * serves other requests; 0 = predict everything on this thread. Default: the cores left beside
   * this thread (1 to 4). Helpers start on the first large batch.
   */
  predictionHelpers?: number;
}

/** A running server. */
export interface ServingServer {
  host: string;
  port: number;
  /** `http://host:port` */
  url: string;
  stats(): ServingStats;
  /** Re-reads the source's listing (stage moves) and loads new default versions. */
  reload(): Promise<void>;
  /** Switches the prediction log on or off. */
  setLogging(on: boolean): void;
  /**
   * Graceful stop: no new requests, in-flight ones finish (up to `graceMs`, then their
   * connections are cut), the prediction log is flushed and the sink closed.
   */
  close(graceMs?: number): Promise<void>;
}

type Protocol = 'mlflow' | 'v2';

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  t0: number;
  arrivedAt: number;
  route: string;
  protocol: Protocol;
  isPrediction: boolean;
  phase: 'reading' | 'working';
  deadline: number;
  query: URLSearchParams;
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  template: string;
  isPublic: boolean;
  handler: (ctx: Ctx, params: string[]) => Promise<void> | void;
}

const JSON_TYPE = 'application/json';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Shared by every request without a query string (never mutated). */
const EMPTY_QUERY = new URLSearchParams();

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Starts the server. Throws AppError (INVALID_ARGUMENT, CONFLICT...) when it cannot start. */
export async function startServing(options: ServingOptions): Promise<ServingServer> {
  const host = options.host ?? '127.0.0.1';
  checkBindingRule(host, options.apiKey);
  const limits: ServingLimits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  for (const [k, v] of Object.entries(limits)) {
    if (!Number.isFinite(v) || v <= 0) throw new AppError('INVALID_ARGUMENT', `Serving limit ${k} must be a positive number.`, { details: { field: k } });
  }
  const serverVersion = options.serverVersion ?? ENGINE_VERSION;
  const keyDigest = options.apiKey !== undefined ? apiKeyDigest(options.apiKey) : null;
  const catalog = new ModelCatalog(options.source);
  try {
    await catalog.refresh();
  } catch (err) {
    throw new AppError('INVALID_ARGUMENT', `The model source could not be read: ${(err as Error).message}`, { cause: err });
  }
  if (catalog.entries().length === 0) throw new AppError('NOT_FOUND', 'There is no model to serve.', { details: { field: 'model' } });
  if (options.defaultModel !== undefined) {
    const { name, ref } = parseModelRef(options.defaultModel);
    try {
      catalog.resolve(name, ref);
    } catch (err) {
      throw new AppError('NOT_FOUND', (err as Error).message, { details: { field: 'model' } });
    }
  }
  try {
    await catalog.warm();
  } catch (err) {
    throw new AppError('INVALID_ARGUMENT', (err as Error).message, { cause: err, details: { field: 'model' } });
  }

  const helpers = options.predictionHelpers ?? defaultHelperCount();
  if (!Number.isInteger(helpers) || helpers < 0 || helpers > 64) throw new AppError('INVALID_ARGUMENT', 'predictionHelpers must be a whole number from 0 to 64.', { details: { field: 'predictionHelpers' } });
  const pool = helpers > 0 ? new PredictionPool(helpers) : null;
  const metrics = new ServingMetrics();
  const log = new PredictionLogQueue(options.sink ?? null, options.log);
  const startedAt = new Date();
  let state: ServingStats['state'] = 'starting';
  let port = 0;
  let url = '';
  /** Request body bytes being held, over all requests (see ServingLimits.maxInFlightBytes). */
  let bufferedBytes = 0;
  const drainWaiters: (() => void)[] = [];

  // ---- responses -------------------------------------------------------------------------

  const send = (ctx: Ctx, status: number, body: string, type: string, headers: Record<string, string> = {}): void => {
    const res = ctx.res;
    if (res.headersSent || res.destroyed) return;
    // A flat [name, value, ...] list: Node's cheapest way to write response headers.
    const head = ['content-type', type, 'content-length', String(Buffer.byteLength(body)), 'cache-control', 'no-store', 'x-content-type-options', 'nosniff', 'x-request-id', ctx.requestId];
    if (state === 'stopping' && headers.connection === undefined) head.push('connection', 'close');
    for (const name in headers) head.push(name, headers[name]);
    res.writeHead(status, head);
    res.end(body);
  };
  const sendJson = (ctx: Ctx, status: number, body: unknown, headers?: Record<string, string>): void => send(ctx, status, JSON.stringify(body), JSON_TYPE, headers);
  const sendError = (ctx: Ctx, err: RequestError): void => {
    const body =
      ctx.protocol === 'v2'
        ? { error: err.message, code: err.code, ...(err.field ? { field: err.field } : {}), request_id: ctx.requestId }
        : { error_code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), request_id: ctx.requestId };
    sendJson(ctx, err.status, body, err.headers);
  };

  // ---- body ------------------------------------------------------------------------------

  const readJson = (ctx: Ctx): Promise<unknown> => {
    const { req } = ctx;
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/.test(type)) {
      return Promise.reject(new RequestError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the body as JSON with the header "Content-Type: application/json"${type ? ` (got "${type}")` : ''}.`, 'content-type', { connection: 'close' }));
    }
    const declared = req.headers['content-length'];
    const tooLarge = (): RequestError => {
      metrics.rejected.tooLarge += 1;
      return new RequestError(413, 'REQUEST_LIMIT_EXCEEDED', `The request body is larger than ${limits.maxBodyBytes} bytes (maxBodyBytes). Send smaller batches.`, 'maxBodyBytes', { connection: 'close' });
    };
    if (declared !== undefined && Number(declared) > limits.maxBodyBytes) return Promise.reject(tooLarge());
    const known = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : -1;
    const overBudget = (): RequestError => {
      metrics.rejected.saturated += 1;
      return new RequestError(503, 'TEMPORARILY_UNAVAILABLE', 'The server is reading as many request bodies as it holds at once (maxInFlightBytes); retry shortly.', undefined, { connection: 'close', 'retry-after': '1' });
    };
    // Bytes of this body counted against maxInFlightBytes: all of a declared length up front.
    let reserved = Math.max(0, known);
    if (bufferedBytes + reserved > limits.maxInFlightBytes) return Promise.reject(overBudget());
    bufferedBytes += reserved;
    return new Promise((resolve, reject) => {
      let buf: Buffer | null = known >= 0 ? Buffer.allocUnsafe(known) : null;
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const finish = (err: RequestError | null, value?: unknown): void => {
        if (settled) return;
        settled = true;
        bufferedBytes -= reserved;
        reserved = 0;
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        req.off('aborted', onAborted);
        req.off('close', onAborted);
        if (err) {
          // Stop reading: the socket closes after the refusal (Connection: close).
          req.resume();
          reject(err);
        } else resolve(value);
      };
      const onData = (chunk: Buffer): void => {
        if (size + chunk.length > limits.maxBodyBytes || (buf && size + chunk.length > buf.length)) {
          finish(size + chunk.length > limits.maxBodyBytes ? tooLarge() : badRequest('The body is longer than its Content-Length.'));
          return;
        }
        if (buf) chunk.copy(buf, size);
        else {
          if (bufferedBytes + chunk.length > limits.maxInFlightBytes) {
            finish(overBudget());
            return;
          }
          bufferedBytes += chunk.length;
          reserved += chunk.length;
          chunks.push(chunk);
        }
        size += chunk.length;
      };
      const onEnd = (): void => {
        const bytes = buf ? buf.subarray(0, size) : Buffer.concat(chunks, size);
        buf = null;
        if (size === 0) return finish(badRequest('The request body is empty; send a JSON object.'));
        if (!isUtf8(bytes)) return finish(new RequestError(400, 'MALFORMED_REQUEST', 'The request body is not valid UTF-8 text.'));
        const text = bytes.toString('utf8');
        try {
          finish(null, JSON.parse(text));
        } catch (err) {
          const hint = /\b(NaN|-?Infinity)\b/.test(text) ? ' NaN and Infinity are not JSON: send null for a missing value.' : '';
          finish(new RequestError(400, 'MALFORMED_REQUEST', `The request body is not valid JSON: ${(err as Error).message}.${hint}`));
        }
      };
      const onError = (): void => finish(new RequestError(400, 'MALFORMED_REQUEST', 'The request body could not be read.'));
      const onAborted = (): void => finish(new RequestError(400, 'MALFORMED_REQUEST', 'The client closed the connection before sending the whole body.'));
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
      req.on('aborted', onAborted);
      // Closed before 'end' (e.g. dropped after a 408): release the bytes held for this body.
      req.on('close', onAborted);
    });
  };

  // ---- models ----------------------------------------------------------------------------

  const pathModel = async (nameRaw: string, refRaw: string | undefined): Promise<ServedModel> => {
    const name = safeSegment(nameRaw, 'model');
    const ref = refRaw === undefined ? undefined : safeSegment(refRaw, 'version');
    const r = catalog.resolve(name, ref);
    return catalog.get(r.name, r.version);
  };

  const invocationsModel = async (ctx: Ctx): Promise<ServedModel> => {
    const asked = ctx.query.get('model');
    let spec: string | undefined = asked ?? options.defaultModel;
    if (spec === undefined) {
      const entries = catalog.entries();
      if (entries.length > 1) {
        throw badRequest(`This server serves ${entries.length} models (${entries.map((e) => `"${e.name}"`).join(', ')}); choose one with ?model=NAME, NAME@STAGE or NAME/VERSION.`, 'model');
      }
      spec = entries[0].name;
    }
    const { name, ref } = parseModelRef(spec);
    if (!MODEL_NAME_PATTERN.test(name) || (ref !== undefined && !MODEL_NAME_PATTERN.test(ref))) throw badRequest(`"${spec}" is not a model reference (NAME, NAME@STAGE or NAME/VERSION).`, 'model');
    const r = catalog.resolve(name, ref);
    return catalog.get(r.name, r.version);
  };

  // ---- prediction ------------------------------------------------------------------------

  const logPrediction = (ctx: Ctx, model: ServedModel, frame: Frame, out: PredictionOutput, withProba: boolean): void => {
    if (!log.accepts(frame.nRows)) return;
    const latencyMs = performance.now() - ctx.t0;
    // Built after the response is written, off the response's latency.
    setImmediate(() => {
      const record: PredictionRecord = {
        requestId: ctx.requestId,
        time: new Date(ctx.arrivedAt).toISOString(),
        model: model.name,
        version: model.version,
        protocol: ctx.protocol,
        latencyMs: Math.round(latencyMs * 1000) / 1000,
        nRows: frame.nRows,
        inputs: frameToColumns(frame),
        predictions: out.predictions,
      };
      if (withProba && out.probabilities && out.classes) {
        const k = out.classes.length;
        record.probabilities = Array.from({ length: frame.nRows }, (_, i) => Array.from(out.probabilities!.subarray(i * k, (i + 1) * k)));
        record.classes = out.classes;
      }
      log.push(record);
    });
  };

  const isExpired = (ctx: Ctx) => (): boolean => performance.now() > ctx.deadline;

  const invocations = async (ctx: Ctx): Promise<void> => {
    ctx.isPrediction = true;
    const model = await invocationsModel(ctx);
    const body = await readJson(ctx);
    ctx.phase = 'working';
    const reqDecoded = decodeMlflowRequest(body, model, limits.maxBatchRows, ctx.query);
    const out = await predictFrame(model, reqDecoded.frame, { probabilities: reqDecoded.probabilities, chunkRows: limits.chunkRows, isExpired: isExpired(ctx), pool, helperMinRows: limits.helperMinRows });
    sendJson(ctx, 200, mlflowResponse(out, reqDecoded.probabilities));
    metrics.recordRows(model.name, model.version, reqDecoded.frame.nRows);
    logPrediction(ctx, model, reqDecoded.frame, out, reqDecoded.probabilities);
  };

  const infer = async (ctx: Ctx, params: string[]): Promise<void> => {
    ctx.isPrediction = true;
    const model = await pathModel(params[0], params[1]);
    const body = await readJson(ctx);
    ctx.phase = 'working';
    const decoded = decodeV2Request(body, model, limits.maxBatchRows);
    const withProba = decoded.outputs.includes('predict_proba');
    const out = await predictFrame(model, decoded.frame, { probabilities: withProba, chunkRows: limits.chunkRows, isExpired: isExpired(ctx), pool, helperMinRows: limits.helperMinRows });
    sendJson(ctx, 200, v2Response(model, out, decoded.id ?? ctx.requestId, decoded.outputs));
    metrics.recordRows(model.name, model.version, decoded.frame.nRows);
    logPrediction(ctx, model, decoded.frame, out, withProba);
  };

  // ---- documents -------------------------------------------------------------------------

  const docsInput = (): DocsInput => ({
    url,
    serverVersion,
    hasApiKey: keyDigest !== null,
    models: catalog.entries().map((entry) => ({ entry, model: catalog.peek(entry.name, catalog.defaultVersion(entry)) })),
    limits: { maxBatchRows: limits.maxBatchRows, maxBodyBytes: limits.maxBodyBytes, timeoutMs: limits.timeoutMs },
  });

  const isReady = (): boolean => state === 'ready' && catalog.isReady();

  const health = (ctx: Ctx): void => {
    if (isReady()) send(ctx, 200, '\n', 'text/plain; charset=utf-8');
    else sendError(ctx, new RequestError(503, 'TEMPORARILY_UNAVAILABLE', state === 'stopping' ? 'The server is stopping.' : 'The models are not loaded yet.', undefined, { 'retry-after': '1' }));
  };

  const stats = (): ServingStats => {
    const mem = process.memoryUsage();
    return {
      url,
      startedAt: startedAt.toISOString(),
      uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      state,
      requests: metrics.totalRequests,
      predictionRequests: metrics.predictionRequests,
      errors: metrics.errors,
      byStatus: metrics.statusCounts(),
      inFlight: metrics.inFlight,
      rowsPredicted: metrics.rowsPredicted,
      rejected: { ...metrics.rejected },
      latency: metrics.latencySummary(),
      requestsPerSecond: metrics.requestsPerSecond(),
      log: log.stats(),
      models: catalog.entries().flatMap((e) =>
        e.versions.map((v) => ({ name: e.name, version: v.version, isLoaded: catalog.peek(e.name, v.version) !== undefined, ...metrics.modelCounts(e.name, v.version) })),
      ),
      memory: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed },
    };
  };

  const NAME = '([^/]+)';
  const routes: Route[] = [
    { method: 'POST', pattern: /^\/invocations$/, template: '/invocations', isPublic: false, handler: invocations },
    { method: 'GET', pattern: /^\/ping$/, template: '/ping', isPublic: true, handler: health },
    { method: 'GET', pattern: /^\/health$/, template: '/health', isPublic: true, handler: health },
    { method: 'GET', pattern: /^\/version$/, template: '/version', isPublic: false, handler: (ctx) => send(ctx, 200, serverVersion, 'text/plain; charset=utf-8') },
    { method: 'GET', pattern: /^\/v2\/?$/, template: '/v2', isPublic: false, handler: (ctx) => sendJson(ctx, 200, { name: 'ciclo', version: serverVersion, extensions: [] }) },
    { method: 'GET', pattern: /^\/v2\/health\/live$/, template: '/v2/health/live', isPublic: true, handler: (ctx) => sendJson(ctx, 200, { live: true }) },
    {
      method: 'GET',
      pattern: /^\/v2\/health\/ready$/,
      template: '/v2/health/ready',
      isPublic: true,
      handler: (ctx) => (isReady() ? sendJson(ctx, 200, { ready: true }) : sendJson(ctx, 503, { ready: false }, { 'retry-after': '1' })),
    },
    { method: 'GET', pattern: new RegExp(`^/v2/models/${NAME}$`), template: '/v2/models/{name}', isPublic: false, handler: (ctx, p) => modelMetadata(ctx, p[0]) },
    { method: 'GET', pattern: new RegExp(`^/v2/models/${NAME}/versions/${NAME}$`), template: '/v2/models/{name}/versions/{version}', isPublic: false, handler: (ctx, p) => modelMetadata(ctx, p[0], p[1]) },
    { method: 'GET', pattern: new RegExp(`^/v2/models/${NAME}/ready$`), template: '/v2/models/{name}/ready', isPublic: false, handler: (ctx, p) => modelReady(ctx, p[0]) },
    { method: 'GET', pattern: new RegExp(`^/v2/models/${NAME}/versions/${NAME}/ready$`), template: '/v2/models/{name}/versions/{version}/ready', isPublic: false, handler: (ctx, p) => modelReady(ctx, p[0], p[1]) },
    { method: 'POST', pattern: new RegExp(`^/v2/models/${NAME}/infer$`), template: '/v2/models/{name}/infer', isPublic: false, handler: (ctx, p) => infer(ctx, [p[0]]) },
    { method: 'POST', pattern: new RegExp(`^/v2/models/${NAME}/versions/${NAME}/infer$`), template: '/v2/models/{name}/versions/{version}/infer', isPublic: false, handler: infer },
    {
      method: 'GET',
      pattern: /^\/metrics$/,
      template: '/metrics',
      isPublic: false,
      handler: (ctx) => {
        const ls = log.stats();
        const mem = process.memoryUsage();
        const text = metrics.prometheus([
          { name: 'ciclo_serving_ready', help: 'Whether every served model is loaded (1) or not (0).', type: 'gauge', value: isReady() ? 1 : 0 },
          { name: 'ciclo_serving_prediction_log_written_total', help: 'Prediction log records written to the sink.', type: 'counter', value: ls.written },
          { name: 'ciclo_serving_prediction_log_dropped_total', help: 'Prediction log records dropped (queue full or sink failure).', type: 'counter', value: ls.dropped },
          { name: 'ciclo_serving_prediction_log_queued', help: 'Prediction log records waiting for the sink.', type: 'gauge', value: ls.queuedRecords },
          { name: 'ciclo_serving_heap_used_bytes', help: 'JavaScript heap in use by the server thread.', type: 'gauge', value: mem.heapUsed },
          { name: 'ciclo_serving_process_resident_bytes', help: 'Resident memory of the whole process.', type: 'gauge', value: mem.rss },
        ]);
        send(ctx, 200, text, 'text/plain; version=0.0.4; charset=utf-8');
      },
    },
    { method: 'GET', pattern: /^\/openapi\.json$/, template: '/openapi.json', isPublic: false, handler: (ctx) => sendJson(ctx, 200, buildOpenApi(docsInput())) },
    {
      method: 'GET',
      pattern: /^\/$/,
      template: '/',
      isPublic: false,
      handler: (ctx) => send(ctx, 200, buildDocsPage(docsInput()), 'text/html; charset=utf-8', { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" }),
    },
  ];

  const modelMetadata = async (ctx: Ctx, name: string, ref?: string): Promise<void> => {
    const model = await pathModel(name, ref);
    sendJson(ctx, 200, v2ModelMetadata(model, catalog.entry(model.name)));
  };

  const modelReady = (ctx: Ctx, nameRaw: string, refRaw?: string): void => {
    const name = safeSegment(nameRaw, 'model');
    const r = catalog.resolve(name, refRaw === undefined ? undefined : safeSegment(refRaw, 'version'));
    const isLoaded = catalog.peek(r.name, r.version) !== undefined;
    if (isLoaded && state === 'ready') sendJson(ctx, 200, { name: r.name, version: r.version, ready: true });
    else sendJson(ctx, 503, { name: r.name, version: r.version, ready: false }, { 'retry-after': '1' });
  };

  // ---- dispatch --------------------------------------------------------------------------

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const t0 = performance.now();
    metrics.inFlight += 1;
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    const ctx: Ctx = {
      req,
      res,
      requestId,
      t0,
      arrivedAt: Date.now(),
      route: 'unmatched',
      protocol: path.startsWith('/v2') ? 'v2' : 'mlflow',
      isPrediction: false,
      phase: 'reading',
      deadline: t0 + limits.timeoutMs,
      query: q < 0 ? EMPTY_QUERY : new URLSearchParams(rawUrl.slice(q + 1)),
    };
    let timer: ReturnType<typeof setTimeout> | null = null;
    let counted = false;
    res.once('close', () => {
      if (counted) return;
      counted = true;
      if (timer) clearTimeout(timer);
      metrics.inFlight -= 1;
      // 499: the client went away before the response was complete (nginx's convention).
      metrics.recordRequest(ctx.route, res.writableFinished ? res.statusCode : 499, (performance.now() - t0) / 1000, ctx.isPrediction);
      if (metrics.inFlight === 0) for (const w of drainWaiters.splice(0)) w();
    });

    try {
      if (state === 'stopping') throw new RequestError(503, 'TEMPORARILY_UNAVAILABLE', 'The server is stopping.', undefined, { connection: 'close', 'retry-after': '5' });
      if (metrics.inFlight > limits.maxConcurrent) {
        metrics.rejected.saturated += 1;
        throw new RequestError(503, 'TEMPORARILY_UNAVAILABLE', `The server is handling ${limits.maxConcurrent} requests (maxConcurrent); retry shortly.`, undefined, { connection: 'close', 'retry-after': '1' });
      }
      if (!hostAllowed(req, host, port)) throw new RequestError(403, 'PERMISSION_DENIED', 'The Host header does not name this server.', 'host', { connection: 'close' });
      if (isForeignOrigin(req)) throw new RequestError(403, 'PERMISSION_DENIED', 'Requests from other web origins are refused.', 'origin', { connection: 'close' });
      let route: Route | undefined;
      let params: string[] = [];
      let pathKnown = false;
      for (const r of routes) {
        const m = r.pattern.exec(path);
        if (!m) continue;
        pathKnown = true;
        if (r.method === req.method || (r.method === 'GET' && req.method === 'HEAD')) {
          route = r;
          params = m.slice(1);
          break;
        }
      }
      if (!route) {
        if (pathKnown) throw new RequestError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}.`, undefined, { allow: routes.filter((r) => r.pattern.test(path)).map((r) => r.method).join(', ') });
        throw new RequestError(404, 'RESOURCE_DOES_NOT_EXIST', `No route ${req.method} ${path.slice(0, 200)}; see GET / for the routes.`);
      }
      ctx.route = route.template;
      if (!route.isPublic && keyDigest && !apiKeyMatches(presentedKey(req), keyDigest)) {
        metrics.rejected.unauthorized += 1;
        throw new RequestError(401, 'UNAUTHENTICATED', 'This server needs an API key: send "Authorization: Bearer KEY" or "x-api-key: KEY".', 'apiKey', { 'www-authenticate': 'Bearer realm="ciclo"' });
      }
      timer = setTimeout(() => {
        timer = null;
        if (res.headersSent) return;
        metrics.rejected.timedOut += 1;
        if (ctx.phase === 'reading') {
          sendError(ctx, new RequestError(408, 'REQUEST_TIMEOUT', `The request did not arrive within ${limits.timeoutMs} ms.`, 'timeoutMs', { connection: 'close' }));
          // The client is still sending: drop the connection once the refusal is out.
          res.once('finish', () => req.destroy());
        } else {
          sendError(ctx, new RequestError(504, 'DEADLINE_EXCEEDED', `The prediction did not finish within ${limits.timeoutMs} ms; send smaller batches.`, 'timeoutMs'));
        }
      }, limits.timeoutMs);
      await route.handler(ctx, params);
      if (!res.headersSent && route.method === 'GET') send(ctx, 204, '', 'text/plain');
    } catch (err) {
      if (err instanceof RequestError) {
        if (err.status === 504) metrics.rejected.timedOut += res.headersSent ? 0 : 1;
        sendError(ctx, err);
      } else {
        console.error(`[serving] request ${requestId} failed unexpectedly:`, err);
        sendError(ctx, new RequestError(500, 'INTERNAL_ERROR', `The server could not handle the request (request id ${requestId}).`));
      }
    }
  };

  // ---- listener --------------------------------------------------------------------------

  const server: Server = createServer(
    {
      keepAliveTimeout: limits.keepAliveMs,
      // Node's own backstops (the per-request timer above answers first).
      requestTimeout: limits.timeoutMs + 5000,
      headersTimeout: Math.min(limits.timeoutMs, 20_000),
    },
    (req, res) => {
      void handle(req, res);
    },
  );
  server.maxConnections = limits.maxConnections;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // Malformed HTTP (bad headers, oversized headers): answer 400/431 and close, never crash.
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') reject(new AppError('CONFLICT', `Port ${options.port ?? 0} on ${host} is already in use.`, { details: { field: 'port' } }));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') reject(new AppError('INVALID_ARGUMENT', `Cannot listen on ${host}: no such address on this machine.`, { details: { field: 'host' } }));
      else if (err.code === 'EACCES') reject(new AppError('INVALID_ARGUMENT', `Not allowed to listen on port ${options.port}.`, { details: { field: 'port' } }));
      else reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port: options.port ?? 0 });
  });
  port = (server.address() as AddressInfo).port;
  url = `http://${urlHost(host)}:${port}`;
  state = 'ready';
  server.on('error', (err) => console.error('[serving] listener error:', err));

  let closing: Promise<void> | null = null;
  return {
    host,
    port,
    url,
    stats,
    async reload() {
      await catalog.refresh();
      await catalog.warm();
    },
    setLogging(on) {
      log.setEnabled(on);
    },
    close(graceMs = 10_000) {
      closing ??= (async () => {
        state = 'stopping';
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (metrics.inFlight > 0) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, graceMs);
            drainWaiters.push(() => {
              clearTimeout(t);
              resolve();
            });
          });
        }
        // Whatever is left (idle keep-alive sockets, requests past the grace period) is cut.
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
        await closed;
        await pool?.close();
        await log.close();
      })();
      return closing;
    },
  };
}

/** A decoded path segment that is a valid name, else a 404 naming the field. */
function safeSegment(raw: string, field: 'model' | 'version'): string {
  let s: string;
  try {
    s = decodeURIComponent(raw);
  } catch {
    throw new RequestError(404, 'RESOURCE_DOES_NOT_EXIST', `The ${field} in the path is not valid.`, field);
  }
  if (!MODEL_NAME_PATTERN.test(s)) throw new RequestError(404, 'RESOURCE_DOES_NOT_EXIST', `No ${field} ${JSON.stringify(s.slice(0, 100))} here.`, field);
  return s;
}
