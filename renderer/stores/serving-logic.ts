// Pure rules of the Serve step: the start form (which model, where to listen, the API-key rule),
// the live counters as `serving.stats` events fold into them (late or repeated reports never move
// a counter backwards, a new server starts a new session), and batch prediction paths. No React,
// no API: the store and the screens call these; tests drive them directly.
import type { ModelSummary } from '../../shared/api/methods/registry.js';
import type { ServingCounters, ServingStatsEvent, ServingStatus } from '../../shared/api/methods/serving.js';
import type { MessageKey } from '../i18n/en.js';

// ---------------------------------------------------------------------------------------------
// Start form

/** Hosts that only this computer can reach (the backend's rule: these need no API key). */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '::1', '[::1]', 'localhost'];

/** Shortest API key the server accepts. */
export const MIN_API_KEY_CHARS = 16;

/** True when only programs on this computer can reach `host`. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.includes(host.trim().toLowerCase());
}

/** A model the server can be started with: a reference and what it points at. */
export interface ServeChoice {
  /** `NAME@production`, `NAME@staging` or `NAME` (newest). */
  ref: string;
  name: string;
  kind: 'production' | 'staging' | 'latest';
  version: number;
}

/**
 * What the model picker offers: for each model its production version, its staging version, and
 * (when neither exists) its newest version. Production first, so `name@production` is the default.
 */
export function serveChoices(models: readonly ModelSummary[]): ServeChoice[] {
  const out: ServeChoice[] = [];
  for (const m of models) {
    if (m.productionVersion !== null) out.push({ ref: `${m.name}@production`, name: m.name, kind: 'production', version: m.productionVersion });
    if (m.stagingVersion !== null) out.push({ ref: `${m.name}@staging`, name: m.name, kind: 'staging', version: m.stagingVersion });
    if (m.productionVersion === null && m.stagingVersion === null) out.push({ ref: m.name, name: m.name, kind: 'latest', version: m.latestVersion });
  }
  const rank = { production: 0, staging: 1, latest: 2 } as const;
  return out.sort((a, b) => rank[a.kind] - rank[b.kind] || a.name.localeCompare(b.name));
}

/** The start form. Numbers as typed text, so half-typed values survive. */
export interface ServeForm {
  ref: string;
  host: string;
  port: string;
  apiKey: string;
  logPredictions: boolean;
}

/** The form as the step opens: the first production model, on 127.0.0.1:8080, logging on. */
export function defaultServeForm(choices: readonly ServeChoice[]): ServeForm {
  return { ref: choices[0]?.ref ?? '', host: '127.0.0.1', port: '8080', apiKey: '', logPredictions: true };
}

/** Keeps the form's model when it is still offered; otherwise picks the default again. */
export function reconcileForm(form: ServeForm, choices: readonly ServeChoice[]): ServeForm {
  if (choices.some((c) => c.ref === form.ref)) return form;
  return { ...form, ref: choices[0]?.ref ?? '' };
}

/** Problems of the start form, by field (i18n keys and values). */
export type ServeProblems = Partial<Record<'ref' | 'host' | 'port' | 'apiKey', { key: MessageKey; params?: Record<string, string | number> }>>;

/** True when the API key is required (any host beyond this computer). */
export function needsApiKey(form: Pick<ServeForm, 'host'>): boolean {
  return form.host.trim() !== '' && !isLoopbackHost(form.host);
}

/** What keeps the form from starting the server. */
export function serveProblems(form: ServeForm): ServeProblems {
  const problems: ServeProblems = {};
  if (form.ref.trim() === '') problems.ref = { key: 'serve.form.error.model' };
  const host = form.host.trim();
  if (host === '') problems.host = { key: 'serve.form.error.host' };
  else if (/\s|\/|^https?:/i.test(host)) problems.host = { key: 'serve.form.error.hostShape' };
  const port = Number(form.port.trim());
  if (form.port.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) problems.port = { key: 'serve.form.error.port' };
  const key = form.apiKey;
  if (needsApiKey(form) && key === '') problems.apiKey = { key: 'serve.form.error.keyRequired' };
  else if (key !== '' && /\s/.test(key)) problems.apiKey = { key: 'serve.form.error.keySpaces' };
  else if (key !== '' && key.length < MIN_API_KEY_CHARS) problems.apiKey = { key: 'serve.form.error.keyShort', params: { min: MIN_API_KEY_CHARS } };
  return problems;
}

/** What `serving.start` receives for a valid form. */
export function startArgs(form: ServeForm): { models: string[]; host: string; port: number; apiKey?: string; logPredictions: boolean } {
  const args: { models: string[]; host: string; port: number; apiKey?: string; logPredictions: boolean } = {
    models: [form.ref.trim()],
    host: form.host.trim(),
    port: Number(form.port.trim()),
    logPredictions: form.logPredictions,
  };
  if (form.apiKey !== '') args.apiKey = form.apiKey;
  return args;
}

/** A random API key (URL-safe, 32 characters) from 24 random bytes. */
export function generateApiKey(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(24);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  return out;
}

/**
 * The curl example with the API key put in, when the user typed one in this window (the server
 * never echoes the key back; the example then carries a visible placeholder to replace).
 */
export function exampleWithKey(example: string, hasApiKey: boolean, apiKey: string): string {
  if (!hasApiKey) return example;
  const header = `-H 'Authorization: Bearer ${apiKey !== '' ? apiKey : 'YOUR_API_KEY'}'`;
  if (/authorization:/i.test(example) || /x-api-key:/i.test(example)) {
    return example.replace(/-H\s+(['"])(authorization|x-api-key):[^'"]*\1/i, header);
  }
  return example.replace(/^curl\b/, `curl ${header}`);
}

// ---------------------------------------------------------------------------------------------
// Live counters

/** The counters as the screen shows them. */
export interface LiveServing {
  state: ServingStatsEvent['state'];
  url: string | null;
  /** Counters of the running server (or of the last one, once it stopped). */
  counters: ServingCounters | null;
  log: ServingStatsEvent['log'] | null;
  /** Number of servers seen since the step opened: a restart starts a new session. */
  session: number;
  /** Requests per second over recent reports, oldest first (at most {@link RATE_POINTS}). */
  rates: number[];
}

/** Points kept for the requests-per-second trend. */
export const RATE_POINTS = 60;

/** Nothing known yet. */
export function emptyLive(): LiveServing {
  return { state: 'stopped', url: null, counters: null, log: null, session: 0, rates: [] };
}

/** The live state from a `serving.status` answer. */
export function liveFromStatus(status: ServingStatus, previous: LiveServing = emptyLive()): LiveServing {
  return applyStats(previous, { state: status.state, url: status.url, counters: status.counters, log: status.log });
}

function isNewSession(before: LiveServing, event: ServingStatsEvent): boolean {
  if (before.state === 'stopped' && event.state !== 'stopped') return true;
  if (before.url !== null && event.url !== null && before.url !== event.url) return true;
  // The same address again, started anew: its uptime went back.
  return before.counters !== null && event.counters !== null && event.counters.uptimeSeconds + 1 < before.counters.uptimeSeconds;
}

/**
 * Folds one `serving.stats` report in. Within a session, a report older than the one shown (lower
 * uptime, fewer requests) is ignored, so events that cross a `serving.status` answer never move a
 * counter backwards. The final `stopped` report keeps the last counters on screen as the session's
 * totals. A report from a new server starts a new session (counters from zero, new trend).
 */
export function applyStats(before: LiveServing, event: ServingStatsEvent): LiveServing {
  if (event.state === 'stopped') {
    return { ...before, state: 'stopped', url: before.url ?? event.url, counters: event.counters ?? before.counters, log: event.log };
  }
  if (isNewSession(before, event)) {
    const rates = event.counters ? [event.counters.requestsPerSecond] : [];
    return { state: event.state, url: event.url, counters: event.counters, log: event.log, session: before.session + 1, rates };
  }
  const prev = before.counters;
  const next = event.counters;
  if (prev && next && (next.uptimeSeconds < prev.uptimeSeconds || next.requests < prev.requests)) return before;
  if (prev && next && next.uptimeSeconds === prev.uptimeSeconds && next.requests === prev.requests && before.state === event.state) {
    // A repeat of the report shown (a status answer and an event about the same second).
    return { ...before, log: event.log };
  }
  const rates = next ? [...before.rates, next.requestsPerSecond].slice(-RATE_POINTS) : before.rates;
  return { state: event.state, url: event.url ?? before.url, counters: next ?? prev, log: event.log, session: before.session, rates };
}

/** True when this report shows the session's first answered prediction (the step's state moves on). */
export function isFirstPrediction(before: LiveServing, after: LiveServing): boolean {
  const was = before.session === after.session ? (before.counters?.predictionRequests ?? 0) : 0;
  return after.state === 'running' && was === 0 && (after.counters?.predictionRequests ?? 0) > 0;
}

/** Share of answered requests that failed (0..1), or null before any request. */
export function errorShare(counters: ServingCounters | null): number | null {
  if (!counters || counters.requests === 0) return null;
  return counters.errors / counters.requests;
}

/** A latency in milliseconds as people read it: "0.42 ms", "3.1 ms", "120 ms", "1.5 s"; a dash when unknown. */
export function formatLatency(ms: number | null, locale: string): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
  const digits = ms < 1 ? 2 : ms < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ms)} ms`;
}

// ---------------------------------------------------------------------------------------------
// Batch prediction

/** The batch prediction form. */
export interface BatchForm {
  ref: string;
  inputPath: string;
  /** Empty: the backend's default next to the input. */
  outputPath: string;
  probabilities: boolean;
  overwrite: boolean;
}

/** "/data/new.csv" -> "/data/new.predictions.csv" (the backend's default; shown as the placeholder). */
export function defaultOutputPath(inputPath: string): string {
  const path = inputPath.trim();
  if (path === '') return '';
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  const stem = dot > cut ? path.slice(0, dot) : path;
  return `${stem}.predictions.csv`;
}

/** What keeps the batch form from starting. */
export function batchProblems(form: BatchForm): Partial<Record<'ref' | 'inputPath' | 'outputPath', MessageKey>> {
  const problems: Partial<Record<'ref' | 'inputPath' | 'outputPath', MessageKey>> = {};
  if (form.ref.trim() === '') problems.ref = 'serve.form.error.model';
  if (form.inputPath.trim() === '') problems.inputPath = 'serve.batch.error.input';
  const output = form.outputPath.trim() === '' ? defaultOutputPath(form.inputPath) : form.outputPath.trim();
  if (form.inputPath.trim() !== '' && output === form.inputPath.trim()) problems.outputPath = 'serve.batch.error.sameFile';
  return problems;
}

/** Column order of a batch output preview: `prediction` and the `proba_<class>` columns first, then the inputs as written. */
export function predictionsFirst(columns: readonly string[]): number[] {
  const isOutput = (name: string) => name === 'prediction' || name.startsWith('proba_');
  const indexes = columns.map((_, i) => i);
  return [...indexes.filter((i) => isOutput(columns[i])), ...indexes.filter((i) => !isOutput(columns[i]))];
}
