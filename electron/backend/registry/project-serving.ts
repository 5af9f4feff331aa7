/**
 * Serving from the open project (Serve step, `ciclo serve --project`): one inference server per
 * backend, started in its own worker thread (serving/host.ts) over the registry's ModelSource
 * (project-source.ts) and the project's prediction log (monitor/prediction-sink.ts).
 *
 * While it runs, this module
 *   - forwards the server's counters as `serving.stats` events (the server pushes them once a
 *     second) and writes the session's totals to `serving_sessions` every few seconds and at the end;
 *   - reloads the server's listing when the registry changes: at once after a change made through
 *     this backend (`project.changed {area: 'registry'}`), and within a second of a change made by
 *     any other connection (the newest audit entry id is polled), so a promotion to production
 *     reaches a running `NAME@production` server without a restart;
 *   - stops the server when its project is closed or replaced.
 */
import { randomUUID } from 'node:crypto';
import type { MethodInput } from '../../../shared/api/contract.js';
import type { InputColumn } from '../../../shared/api/methods/registry.js';
import type { ServedModel, ServingCounters, ServingStatsEvent, ServingStatus, PredictionLogState } from '../../../shared/api/methods/serving.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../api/context.js';
import type { ProjectFile } from '../storage/project-file.js';
import { getVersionByNumber, registryGeneration } from '../storage/repos/registry.js';
import { insertSession, predictionLogCounts, sessionTotalsExcept, updateSession } from '../storage/repos/serving.js';
import { isLoopbackBinding, MIN_API_KEY_LENGTH } from '../serving/auth.js';
import { startInferenceServer, type InferenceServerHandle } from '../serving/host.js';
import type { ServingLimits, ServingStats } from '../serving/types.js';
import { createProjectPredictionSink } from '../monitor/prediction-sink.js';
import { currentAuthor } from '../versions/commit.js';
import { currentVersionOf, projectModelSource, refsText } from './project-source.js';
import { parseModelRef, type ModelRef } from './refs.js';
import { exampleOf, lineageOf } from './registry.js';

/** Session totals are written at most this often while the server runs. */
const PERSIST_EVERY_MS = 5000;
/** Most prediction log records sent to the project in one batch. */
const LOG_BATCH_RECORDS = 5000;
/** How often the registry and the open project are checked. */
const WATCH_EVERY_MS = 1000;

interface LiveServer {
  file: ProjectFile;
  refs: ModelRef[];
  state: 'starting' | 'running' | 'stopping';
  handle: InferenceServerHandle | null;
  sessionId: string | null;
  hasApiKey: boolean;
  startedAt: string;
  generation: number;
  timer: ReturnType<typeof setInterval> | null;
  unsubscribe: (() => void) | null;
  lastPersist: number;
  reloading: Promise<void> | null;
  reloadAgain: boolean;
}

interface ServingState {
  live: LiveServer | null;
  lastError: { code: string; message: string } | null;
  /** prediction_log counts per project, counted once then kept up to date by the sink. */
  logCounts: WeakMap<ProjectFile, { requests: number; rows: number }>;
}

const states = new WeakMap<BackendContext, ServingState>();

function stateOf(ctx: BackendContext): ServingState {
  let s = states.get(ctx);
  if (!s) {
    s = { live: null, lastError: null, logCounts: new WeakMap() };
    states.set(ctx, s);
  }
  return s;
}

/** True while a server of `file` runs in this backend (the Serve step's state). */
export function isServing(ctx: BackendContext, file: ProjectFile): boolean {
  const live = stateOf(ctx).live;
  return live !== null && live.file === file;
}

function logCountsOf(state: ServingState, file: ProjectFile): { requests: number; rows: number } {
  let c = state.logCounts.get(file);
  if (!c) {
    c = file.db.open ? predictionLogCounts(file.db) : { requests: 0, rows: 0 };
    state.logCounts.set(file, c);
  }
  return c;
}

function counters(s: ServingStats): ServingCounters {
  return {
    uptimeSeconds: s.uptimeSeconds,
    requests: s.requests,
    predictionRequests: s.predictionRequests,
    errors: s.errors,
    byStatus: s.byStatus,
    inFlight: s.inFlight,
    rows: s.rowsPredicted,
    rejected: s.rejected,
    latency: s.latency,
    requestsPerSecond: s.requestsPerSecond,
    models: s.models,
    memory: s.memory,
  };
}

function logState(state: ServingState, file: ProjectFile | null, s: ServingStats | null): PredictionLogState {
  const stored = file ? logCountsOf(state, file) : { requests: 0, rows: 0 };
  return {
    enabled: s?.log.enabled ?? false,
    queued: s?.log.queuedRecords ?? 0,
    written: s?.log.written ?? 0,
    dropped: s?.log.dropped ?? 0,
    storedRequests: stored.requests,
    storedRows: stored.rows,
  };
}

function statsEvent(ctx: BackendContext): ServingStatsEvent {
  const state = stateOf(ctx);
  const live = state.live;
  const s = live?.handle?.latestStats() ?? null;
  return {
    state: live ? live.state : 'stopped',
    url: live?.handle?.url ?? null,
    counters: s ? counters(s) : null,
    log: logState(state, live?.file ?? ctx.session.current, s),
  };
}

/** Single-quotes a string for a POSIX shell. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A typed stand-in value for a column when no real row is known. */
function defaultValue(kind: InputColumn['kind']): number | string {
  switch (kind) {
    case 'numeric':
      return 0;
    case 'datetime':
      return '2024-01-01T00:00:00.000Z';
    default:
      return '';
  }
}

/** The copyable curl commands for a served model. */
export function curlExamples(url: string, name: string, schema: readonly InputColumn[], row: Record<string, number | string | null> | null, options: { hasApiKey: boolean; isOnlyModel: boolean }): ServedModel['examples'] {
  const values = schema.map((c) => (row && c.name in row ? row[c.name] : defaultValue(c.kind)));
  const auth = options.hasApiKey ? ' -H "Authorization: Bearer $CICLO_API_KEY"' : '';
  const json = " -H 'Content-Type: application/json'";
  const split = JSON.stringify({ dataframe_split: { columns: schema.map((c) => c.name), data: [values] } });
  const invocations = `${url}/invocations${options.isOnlyModel ? '' : `?model=${encodeURIComponent(name)}`}`;
  const v2 = JSON.stringify({
    inputs: schema.map((c, j) => ({ name: c.name, shape: [1], datatype: c.kind === 'numeric' ? 'FP64' : 'BYTES', data: [values[j]] })),
  });
  return {
    mlflow: `curl -s -X POST ${shellQuote(invocations)}${json}${auth} -d ${shellQuote(split)}`,
    v2: `curl -s -X POST ${shellQuote(`${url}/v2/models/${encodeURIComponent(name)}/infer`)}${json}${auth} -d ${shellQuote(v2)}`,
  };
}

function servedModels(live: LiveServer, url: string): ServedModel[] {
  const db = live.file.db;
  const out: ServedModel[] = [];
  if (!db.open) return out;
  for (const ref of live.refs) {
    const n = currentVersionOf(db, ref);
    const v = n === null ? undefined : getVersionByNumber(db, ref.name, n);
    if (!v) continue;
    const l = lineageOf(v);
    const example = exampleOf(v);
    out.push({
      ref: refsText([ref])[0],
      name: ref.name,
      version: v.version,
      stage: v.stage,
      task: l.task,
      target: l.target,
      inputSchema: l.inputSchema,
      classLabels: l.classLabels,
      exampleRow: example,
      examples: curlExamples(url, ref.name, l.inputSchema, example, { hasApiKey: live.hasApiKey, isOnlyModel: live.refs.length === 1 }),
      urls: { invocations: `${url}/invocations${live.refs.length === 1 ? '' : `?model=${encodeURIComponent(ref.name)}`}`, v2Infer: `${url}/v2/models/${encodeURIComponent(ref.name)}/infer` },
    });
  }
  return out;
}

/** serving.status */
export function servingStatus(ctx: BackendContext): ServingStatus {
  const state = stateOf(ctx);
  const file = ctx.session.current;
  const live = state.live && state.live.file === file ? state.live : null;
  const handle = live?.handle ?? null;
  const s = handle?.latestStats() ?? null;
  const url = handle?.url ?? null;
  const before = file && file.db.open ? sessionTotalsExcept(file.db, live?.sessionId ?? null) : { sessions: 0, predictions: 0, rows: 0 };
  return {
    state: live ? live.state : 'stopped',
    url,
    host: handle?.host ?? null,
    port: handle?.port ?? null,
    hasApiKey: live?.hasApiKey ?? false,
    startedAt: live?.startedAt ?? null,
    links: url ? { docs: `${url}/`, openapi: `${url}/openapi.json`, metrics: `${url}/metrics`, health: `${url}/v2/health/ready` } : null,
    models: live && url ? servedModels(live, url) : [],
    counters: s ? counters(s) : null,
    log: logState(state, file, s),
    lastError: state.lastError,
    servedBefore: { sessions: before.sessions, requests: before.predictions, rows: before.rows },
  };
}

function emitStats(ctx: BackendContext): void {
  ctx.events.emit('serving.stats', statsEvent(ctx));
}

function persistTotals(live: LiveServer, s: ServingStats, end?: { at: string; reason: 'stopped' | 'crashed' }): void {
  if (!live.sessionId || !live.file.db.open || live.file.isReadOnly) return;
  try {
    updateSession(live.file.db, live.sessionId, { requests: s.requests, predictions: s.predictionRequests, rows: s.rowsPredicted, errors: s.errors }, end);
  } catch (err) {
    console.error('[serving] could not record the server session:', err);
  }
}

/** Re-reads the listing; a change arriving during a reload triggers one more. */
function reload(live: LiveServer): void {
  const handle = live.handle;
  if (!handle || live.state !== 'running') return;
  if (live.reloading) {
    live.reloadAgain = true;
    return;
  }
  live.reloading = handle
    .reload()
    .catch((err: unknown) => console.error('[serving] reloading the served models failed:', (err as Error)?.message ?? err))
    .finally(() => {
      live.reloading = null;
      if (live.reloadAgain) {
        live.reloadAgain = false;
        reload(live);
      }
    });
}

function bindingRule(host: string, apiKey: string | undefined): void {
  if (apiKey !== undefined) {
    if (apiKey.length < MIN_API_KEY_LENGTH || /\s/.test(apiKey)) {
      throw new AppError('INVALID_ARGUMENT', `The API key must be at least ${MIN_API_KEY_LENGTH} characters long, without spaces.`, {
        messageKey: 'errors.serving.apiKeyTooShort',
        params: { min: MIN_API_KEY_LENGTH },
        details: { field: 'apiKey' },
      });
    }
  } else if (!isLoopbackBinding(host)) {
    throw new AppError('INVALID_ARGUMENT', `Serving on ${host} can be reached from other machines, so it needs an API key (at least ${MIN_API_KEY_LENGTH} characters).`, {
      messageKey: 'errors.serving.apiKeyRequired',
      params: { host },
      details: { field: 'apiKey' },
    });
  }
}

function startError(err: unknown, args: { host: string; port: number }): unknown {
  if (!(err instanceof AppError)) return err;
  const field = err.details?.field;
  if (field === 'port' && err.code === 'CONFLICT') {
    return new AppError('CONFLICT', err.message, { messageKey: 'errors.serving.portInUse', params: { port: args.port }, details: { field: 'port' }, cause: err });
  }
  if (field === 'host') return new AppError('INVALID_ARGUMENT', err.message, { messageKey: 'errors.serving.badHost', params: { host: args.host }, details: { field: 'host' }, cause: err });
  return err;
}

/** serving.start */
export async function startServingProject(ctx: BackendContext, args: MethodInput<'serving.start'>): Promise<ServingStatus> {
  const state = stateOf(ctx);
  if (state.live) {
    throw new AppError('CONFLICT', `The inference server is already running${state.live.handle ? ` at ${state.live.handle.url}` : ''}; stop it first.`, {
      messageKey: 'errors.serving.alreadyRunning',
      details: { field: 'models' },
    });
  }
  const file = ctx.session.require();
  if (file.isReadOnly && args.logPredictions) {
    throw new AppError('READ_ONLY', 'The project is open read-only, so predictions cannot be logged: open it for writing or switch the prediction log off.', {
      messageKey: 'errors.serving.readOnlyLog',
      details: { field: 'logPredictions' },
    });
  }
  const refs = args.models.map((m, i) => parseModelRef(m, `models.${i}`));
  const seen = new Set<string>();
  for (const r of refs) {
    if (seen.has(r.name)) {
      throw new AppError('INVALID_ARGUMENT', `Model "${r.name}" is named twice; serve each model once (every version stays reachable by number).`, {
        messageKey: 'errors.serving.duplicateModel',
        params: { name: r.name },
        details: { field: 'models' },
      });
    }
    seen.add(r.name);
  }
  bindingRule(args.host, args.apiKey);
  const source = projectModelSource(() => file.db, refs);
  const sessionId = file.isReadOnly ? null : randomUUID();
  const live: LiveServer = {
    file,
    refs,
    state: 'starting',
    handle: null,
    sessionId,
    hasApiKey: args.apiKey !== undefined,
    startedAt: ctx.now().toISOString(),
    generation: registryGeneration(file.db),
    timer: null,
    unsubscribe: null,
    lastPersist: Date.now(),
    reloading: null,
    reloadAgain: false,
  };
  state.live = live;
  state.lastError = null;
  const counts = logCountsOf(state, file);
  const sink = file.isReadOnly
    ? null
    : createProjectPredictionSink({
        db: () => file.db,
        sessionId,
        versionId: (name, version) => (file.db.open ? (getVersionByNumber(file.db, name, version)?.id ?? null) : null),
        onWritten: (requests, rows) => {
          counts.requests += requests;
          counts.rows += rows;
        },
      });
  const limits: Partial<ServingLimits> = {};
  if (args.maxBatchRows !== undefined) limits.maxBatchRows = args.maxBatchRows;
  if (args.maxConcurrent !== undefined) limits.maxConcurrent = args.maxConcurrent;
  if (args.timeoutMs !== undefined) limits.timeoutMs = args.timeoutMs;
  let handle: InferenceServerHandle;
  try {
    handle = await startInferenceServer({
      source,
      sink,
      // Batches of up to 5,000 records: under a flood the round trip of a batch between the
      // server's thread and this one takes a few hundred milliseconds, and the server keeps one
      // batch in flight, so 500-record batches (the default) cap the log near 1,000 records/s.
      log: { enabled: args.logPredictions, maxBatchRecords: LOG_BATCH_RECORDS },
      host: args.host,
      port: args.port,
      apiKey: args.apiKey,
      limits,
      serverVersion: ctx.config.appVersion,
    });
  } catch (err) {
    state.live = null;
    throw startError(err, args);
  }
  live.handle = handle;
  if (ctx.session.current !== file) {
    state.live = null;
    await handle.stop();
    throw new AppError('NO_PROJECT_OPEN', 'The project was closed while the server was starting.');
  }
  live.state = 'running';
  if (sessionId) {
    insertSession(file.db, {
      id: sessionId,
      startedAt: live.startedAt,
      endedAt: null,
      author: currentAuthor(),
      url: handle.url,
      modelsJson: JSON.stringify(refsText(refs)),
      requests: 0,
      predictions: 0,
      rows: 0,
      errors: 0,
      endReason: null,
    });
  }
  handle.onStats((s) => {
    if (Date.now() - live.lastPersist >= PERSIST_EVERY_MS) {
      live.lastPersist = Date.now();
      persistTotals(live, s);
    }
    emitStats(ctx);
  });
  handle.onExit((exit) => {
    if (live.timer) clearInterval(live.timer);
    live.unsubscribe?.();
    persistTotals(live, handle.latestStats(), { at: ctx.now().toISOString(), reason: exit.isClean ? 'stopped' : 'crashed' });
    if (!exit.isClean) state.lastError = { code: exit.error?.code ?? 'INTERNAL', message: exit.error?.message ?? 'The inference server stopped unexpectedly.' };
    if (state.live === live) state.live = null;
    emitStats(ctx);
    ctx.events.emit('project.changed', { area: 'serving' });
    ctx.events.emit('project.changed', { area: 'lifecycle' });
  });
  live.unsubscribe = ctx.events.subscribe((name, payload) => {
    if (name === 'project.changed' && (payload as { area: string }).area === 'registry' && file.db.open) {
      live.generation = registryGeneration(file.db);
      reload(live);
    }
  });
  live.timer = setInterval(() => {
    if (ctx.session.current !== file || !file.db.open) {
      void stopLive(live);
      return;
    }
    const g = registryGeneration(file.db);
    if (g !== live.generation) {
      live.generation = g;
      reload(live);
    }
  }, WATCH_EVERY_MS);
  live.timer.unref();
  ctx.events.emit('project.changed', { area: 'serving' });
  ctx.events.emit('project.changed', { area: 'lifecycle' });
  emitStats(ctx);
  return servingStatus(ctx);
}

async function stopLive(live: LiveServer): Promise<void> {
  if (live.state === 'stopping' || !live.handle) return;
  live.state = 'stopping';
  await live.handle.stop();
}

/** serving.stop */
export async function stopServingProject(ctx: BackendContext): Promise<ServingStatus> {
  const live = stateOf(ctx).live;
  if (!live || !live.handle) {
    throw new AppError('CONFLICT', 'No inference server is running.', { messageKey: 'errors.serving.notRunning' });
  }
  if (live.state === 'stopping') await live.handle.stop();
  else await stopLive(live);
  return servingStatus(ctx);
}

/** serving.setLogging */
export async function setServingLog(ctx: BackendContext, args: MethodInput<'serving.setLogging'>): Promise<ServingStatus> {
  const live = stateOf(ctx).live;
  if (!live || !live.handle || live.state !== 'running') {
    throw new AppError('CONFLICT', 'No inference server is running.', { messageKey: 'errors.serving.notRunning' });
  }
  if (args.enabled && live.file.isReadOnly) {
    throw new AppError('READ_ONLY', 'The project is open read-only, so predictions cannot be logged.', { messageKey: 'errors.serving.readOnlyLog', details: { field: 'enabled' } });
  }
  await live.handle.setLogging(args.enabled);
  emitStats(ctx);
  return servingStatus(ctx);
}
