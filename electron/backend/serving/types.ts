/**
 * The seams of the inference server: where models come from (`ModelSource`), where predictions
 * are logged (`PredictionSink`), its limits and the live counters it reports.
 *
 * Both interfaces are written so that they work across a thread boundary: a source hands out a
 * model as its artifact (plain JSON, structured-cloneable) rather than as a live object, and a
 * sink receives plain records in batches. The server itself never touches SQLite or the file
 * system for a request; the project-backed source and sink (registry/monitor) plug in here.
 */

/** One version of a model, as a source lists it. */
export interface ModelVersionEntry {
  /** Immutable version id, e.g. "3" (URL-safe: letters, digits, `.`, `_`, `-`). */
  version: string;
  /** Stage names and aliases pointing at this version, e.g. ["production"]. */
  stages: string[];
}

/** One named model and its versions, as a source lists it. */
export interface ModelEntry {
  /** URL-safe model name (letters, digits, `.`, `_`, `-`). */
  name: string;
  /** Versions in ascending order (oldest first). */
  versions: ModelVersionEntry[];
  /**
   * Version served for a bare `name`. Default: the version in stage "production", else the last
   * listed version.
   */
  defaultVersion?: string;
}

/** JSON-safe facts about a version, shown by the metadata routes (free-form beyond these keys). */
export interface ModelMetadata {
  description?: string;
  createdAt?: string;
  /** Where it came from: run id, dataset version, metrics... (the bundle's lineage.json). */
  lineage?: unknown;
  [key: string]: unknown;
}

/** What a source returns for one version. */
export interface ModelPayload {
  /** The fitted ModelPipeline's artifact (`pipeline.toArtifact()`), validated again on load. */
  artifact: unknown;
  metadata: ModelMetadata;
}

/**
 * Where the server finds models. Versions are immutable, so the server caches a loaded version by
 * (name, version) for its whole life; `list()` is called at start and on every `reload()`, which
 * is how stage moves (a new production version) reach a running server.
 */
export interface ModelSource {
  list(): Promise<ModelEntry[]> | ModelEntry[];
  /** The artifact of `name` at `version`; throw (any Error) when it is gone. */
  load(name: string, version: string): Promise<ModelPayload> | ModelPayload;
}

/** One served prediction request, as logged. */
export interface PredictionRecord {
  /** Returned to the caller in `x-request-id` (and the body where the protocol has a field). */
  requestId: string;
  /** ISO time the request arrived. */
  time: string;
  model: string;
  version: string;
  /** Which protocol the caller used. */
  protocol: 'mlflow' | 'v2';
  /** Time from arrival to the response being written, in milliseconds. */
  latencyMs: number;
  nRows: number;
  /** Inputs by column, as the model saw them (numbers, strings; null = missing). */
  inputs: Record<string, (number | string | null)[]>;
  /** Predicted labels (classification) or values (regression). */
  predictions: (string | number | null)[];
  /** Class probabilities, one row per input row, when the caller asked for them. */
  probabilities?: number[][];
  /** Class labels, in probability-column order (classification). */
  classes?: string[];
}

/**
 * Receives logged predictions in batches, off the response path. `write` may be slow (a disk, a
 * database): the server's queue holds at most one batch in flight per sink and drops (and counts)
 * records that would overflow it, so a slow sink never slows or grows the server.
 */
export interface PredictionSink {
  write(batch: PredictionRecord[]): Promise<void> | void;
  /** Flushes and releases resources (called once, at shutdown, after the last write). */
  close?(): Promise<void> | void;
}

/**
 * A module that creates a source or sink inside the server's worker thread (so its work, e.g.
 * SQLite inserts, never runs on the window's thread). The module must export
 * `createModelSource(options)` or `createPredictionSink(options)`; `options` must be
 * structured-cloneable.
 */
export interface WorkerModuleRef {
  /** `file:` URL of the module (a `.ts` file in development is fine: the worker runs through tsx). */
  module: string;
  options?: unknown;
}

/** Limits that keep the server responsive and its memory bounded. */
export interface ServingLimits {
  /** Largest request body in bytes (413 beyond). Default 32 MiB. */
  maxBodyBytes: number;
  /** Most rows in one prediction request (413 beyond, naming the limit). Default 100,000. */
  maxBatchRows: number;
  /** Requests handled at once; more get 503 + Retry-After. Default 64. */
  maxConcurrent: number;
  /**
   * Request body bytes held in memory at once, over all requests being read; a request that would
   * go beyond gets 503 + Retry-After. With `maxConcurrent`, this is what keeps memory bounded
   * under a flood of large requests. Default 128 MiB.
   */
  maxInFlightBytes: number;
  /** Open connections at once (the OS queue holds the rest). Default 1,024. */
  maxConnections: number;
  /** Per-request time limit in ms: 408 if the body is still arriving, 504 if predicting. Default 30 s. */
  timeoutMs: number;
  /** Rows predicted between two yields to the event loop (keeps health checks answered). Default 4,096. */
  chunkRows: number;
  /** Batches of at least this many rows are predicted on helper threads (when there are any). Default 2,048. */
  helperMinRows: number;
  /** Keep-alive idle time in ms. Default 5 s. */
  keepAliveMs: number;
}

/** Defaults of {@link ServingLimits}. */
export const DEFAULT_LIMITS: Readonly<ServingLimits> = Object.freeze({
  maxBodyBytes: 32 * 1024 * 1024,
  maxBatchRows: 100_000,
  maxConcurrent: 64,
  maxInFlightBytes: 128 * 1024 * 1024,
  maxConnections: 1024,
  timeoutMs: 30_000,
  chunkRows: 4096,
  helperMinRows: 2048,
  keepAliveMs: 5000,
});

/** Options of the prediction log queue. */
export interface PredictionLogOptions {
  /** Log at all (switchable at run time). Default true when a sink is given. */
  enabled?: boolean;
  /** Most rows waiting in the queue; records beyond are dropped and counted. Default 50,000. */
  maxQueuedRows?: number;
  /** Records per batch at most. Default 500. */
  maxBatchRecords?: number;
  /** Longest a record waits before its batch is sent, in ms. Default 250. */
  flushIntervalMs?: number;
}

/** Latency percentiles in milliseconds over the recent window (null when no requests). */
export interface LatencySummary {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Requests in the window. */
  count: number;
  /** Length of the window in seconds. */
  windowSeconds: number;
}

/** The live counters, pushed to the host every second and on demand (JSON-safe). */
export interface ServingStats {
  url: string;
  startedAt: string;
  uptimeSeconds: number;
  state: 'starting' | 'ready' | 'stopping';
  /** Every request answered, any route. */
  requests: number;
  /** Prediction requests answered (any status). */
  predictionRequests: number;
  /** Responses with status >= 400. */
  errors: number;
  /** Responses by status code, e.g. {"200": 10, "400": 1}. */
  byStatus: Record<string, number>;
  inFlight: number;
  rowsPredicted: number;
  /** Requests turned away: saturated (503), too large (413), timed out (408/504), unauthorised (401). */
  rejected: { saturated: number; tooLarge: number; timedOut: number; unauthorized: number };
  /** Latency of successful prediction requests. */
  latency: LatencySummary;
  /** Successful predictions per second over the last 10 seconds. */
  requestsPerSecond: number;
  log: { enabled: boolean; queuedRecords: number; written: number; dropped: number; failedBatches: number };
  models: { name: string; version: string; isLoaded: boolean; requests: number; rows: number }[];
  memory: { rssBytes: number; heapUsedBytes: number };
}
