/**
 * Methods of the Serve step: the embedded inference server, the prediction log and batch
 * prediction.
 *
 * Server: `serving.start` serves registered models (references `NAME`, `NAME@STAGE`,
 * `NAME@VERSION`) from the open project over MLflow's scoring protocol (`POST /invocations`) and
 * the Open Inference Protocol v2 (`POST /v2/models/{name}/infer`, versions at
 * `/v2/models/{name}/versions/{version}/infer`), with health routes, Prometheus `/metrics` and
 * an OpenAPI page at `/`. It runs in its own worker thread, so a flood of requests never slows
 * the window. One server per backend. Every version of a chosen model is reachable; a bare name
 * serves the version the reference resolves to (for `NAME@production`, the production version),
 * and a stage change in the registry reaches the running server within a second (no restart).
 * A host other than 127.0.0.1, ::1 or localhost needs an API key of at least 16 characters
 * (INVALID_ARGUMENT, field `apiKey`); clients then send `Authorization: Bearer KEY` or
 * `x-api-key: KEY`. A busy port is CONFLICT (field `port`).
 *
 * Prediction log: with `logPredictions` on (default), every answered prediction request is
 * written to the project (table `prediction_log`, see storage/migrations/0004_registry_serving.sql)
 * with its request id (returned to the caller in `x-request-id`), time, model version, inputs,
 * outputs and latency, in batches off the response path; it can be switched on and off while
 * the server runs (`serving.setLogging`). The Monitor step reads it.
 *
 * Batch prediction: `serving.predictBatch` predicts every row of a CSV file with a registered
 * version as a job of kind `prediction.batch` (job `subjectId` = the batch id; progress,
 * cancel with `job.cancel`), writing a CSV with the input columns plus `prediction` (and one
 * `proba_<class>` column per class when asked). The output file appears only when the job
 * finishes (a cancelled job leaves none). Phase keys: `jobs.phase.prediction.reading`,
 * `jobs.phase.prediction.predicting` {rows}, `jobs.phase.prediction.writing`.
 *
 * Events: `serving.stats` (the live counters, about once a second while a server runs, and once
 * with `state: 'stopped'` when it ends, whether stopped or crashed), `project.changed {area:
 * 'serving'}` when a server starts or stops and when a batch prediction finishes, `job.progress`
 * for batch jobs.
 *
 * Error message keys (besides the generic `errors.<CODE>` and the registry's):
 *   errors.serving.alreadyRunning      a server is already running (CONFLICT; stop it first)
 *   errors.serving.notRunning          serving.stop / setLogging without a server (CONFLICT)
 *   errors.serving.readOnlyLog         the project is open read-only: predictions cannot be logged (READ_ONLY, field logPredictions / enabled)
 *   errors.serving.apiKeyRequired      {host}  non-loopback host without a key (field apiKey)
 *   errors.serving.apiKeyTooShort      {min}  (field apiKey)
 *   errors.serving.portInUse           {port}  (CONFLICT, field port)
 *   errors.serving.badHost             {host}  no such address on this machine (field host)
 *   errors.serving.duplicateModel      {name}  two references to the same model (field models)
 *   errors.serving.inputNotFound       {path}  (field inputPath)
 *   errors.serving.outputExists        {path}  (CONFLICT, field outputPath; pass overwrite)
 *   errors.serving.columnMissing       {column}  the CSV lacks an input column (field inputPath)
 *   errors.serving.valueInvalid        {column, row, count, type}  values that cannot be read as the type the model was trained on (field inputPath)
 *   errors.serving.cannotWrite         {path}  (field outputPath)
 *   a CSV that cannot be read at all fails the job with the Data step's import errors
 *   (PARSE_ERROR, `errors.data.<key>`, details.line).
 */
import { z } from 'zod';
import { defineMethods } from '../define.js';
import { TaskTypeSchema } from '../../domain/metrics.js';
import { InputColumnSchema, ModelRefSchema, ModelStageSchema } from './registry.js';

/** A JSON-safe number: null where the value is undefined. */
const Num = z.number().nullable();

/** Latency percentiles of successful prediction requests over the last minute, in ms. */
export const LatencySchema = z.object({
  p50: Num,
  p95: Num,
  p99: Num,
  /** Requests in the window. */
  count: z.number().int().nonnegative(),
  windowSeconds: z.number().int().positive(),
});

/** The live counters of a running server. */
export const ServingCountersSchema = z.object({
  uptimeSeconds: z.number().nonnegative(),
  /** Every request answered, any route. */
  requests: z.number().int().nonnegative(),
  /** Prediction requests answered (any status). */
  predictionRequests: z.number().int().nonnegative(),
  /** Responses with status >= 400. */
  errors: z.number().int().nonnegative(),
  /** Responses by status code, e.g. {"200": 10, "400": 1}. */
  byStatus: z.record(z.string(), z.number().int().nonnegative()),
  inFlight: z.number().int().nonnegative(),
  /** Rows predicted. */
  rows: z.number().int().nonnegative(),
  /** Requests turned away: saturated (503), too large (413), timed out (408/504), without a valid API key (401). */
  rejected: z.object({ saturated: z.number().int(), tooLarge: z.number().int(), timedOut: z.number().int(), unauthorized: z.number().int() }),
  latency: LatencySchema,
  /** Successful predictions per second over the last 10 seconds. */
  requestsPerSecond: z.number().nonnegative(),
  /** Per served version. */
  models: z.array(z.object({ name: z.string(), version: z.string(), isLoaded: z.boolean(), requests: z.number().int(), rows: z.number().int() })),
  memory: z.object({ rssBytes: z.number(), heapUsedBytes: z.number() }),
});
/** The live counters. */
export type ServingCounters = z.infer<typeof ServingCountersSchema>;

/** The prediction log's state. */
export const PredictionLogStateSchema = z.object({
  /** True while a running server logs its predictions. */
  enabled: z.boolean(),
  /** Records waiting to be written (in the server's queue). */
  queued: z.number().int().nonnegative(),
  /** Records written by this server run. */
  written: z.number().int().nonnegative(),
  /** Records not logged (queue full or a failed write) in this server run. */
  dropped: z.number().int().nonnegative(),
  /** Rows of the project's `prediction_log` table (all time, all models). */
  storedRequests: z.number().int().nonnegative(),
  /** Sum of their predicted rows. */
  storedRows: z.number().int().nonnegative(),
});
/** The prediction log's state. */
export type PredictionLogState = z.infer<typeof PredictionLogStateSchema>;

/** A served model: what a client needs to call it. */
export const ServedModelSchema = z.object({
  /** The reference it was started with (e.g. `churn@production`). */
  ref: z.string(),
  name: z.string(),
  /** The version a bare name serves now. */
  version: z.number().int().positive(),
  stage: ModelStageSchema,
  task: TaskTypeSchema,
  target: z.string(),
  /** The columns each row must carry (send null for a missing value). */
  inputSchema: z.array(InputColumnSchema),
  classLabels: z.array(z.string()).nullable(),
  /** One real row from the version's validation data (the first row), keyed by column; null for imports. */
  exampleRow: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])).nullable(),
  /** Copyable curl commands with that row (or placeholder-free typed defaults when there is none). */
  examples: z.object({
    /** MLflow: POST /invocations with `dataframe_split`. */
    mlflow: z.string(),
    /** Open Inference Protocol v2: POST /v2/models/{name}/infer. */
    v2: z.string(),
  }),
  /** Full URLs of the two prediction routes. */
  urls: z.object({ invocations: z.string(), v2Infer: z.string() }),
});
/** A served model. */
export type ServedModel = z.infer<typeof ServedModelSchema>;

/** The server's state as the Serve step shows it. */
export const ServingStatusSchema = z.object({
  state: z.enum(['stopped', 'starting', 'running', 'stopping']),
  /** `http://host:port` while running. */
  url: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  /** True when clients must send the API key (never echoed back). */
  hasApiKey: z.boolean(),
  startedAt: z.string().nullable(),
  /** URLs of the server's own pages. */
  links: z.object({ docs: z.string(), openapi: z.string(), metrics: z.string(), health: z.string() }).nullable(),
  models: z.array(ServedModelSchema),
  /** Null while stopped. */
  counters: ServingCountersSchema.nullable(),
  log: PredictionLogStateSchema,
  /** Why the last server ended when it was not stopped on purpose (a crash), else null. */
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Prediction requests answered by earlier servers of this project (all time, from the recorded sessions). */
  servedBefore: z.object({ sessions: z.number().int().nonnegative(), requests: z.number().int().nonnegative(), rows: z.number().int().nonnegative() }),
});
/** The server's state. */
export type ServingStatus = z.infer<typeof ServingStatusSchema>;

/** Payload of the `serving.stats` event. */
export const ServingStatsEventSchema = z.object({
  state: z.enum(['stopped', 'starting', 'running', 'stopping']),
  url: z.string().nullable(),
  counters: ServingCountersSchema.nullable(),
  log: PredictionLogStateSchema,
});
/** Payload of the `serving.stats` event. */
export type ServingStatsEvent = z.infer<typeof ServingStatsEventSchema>;

/** One logged prediction request. */
export const LoggedPredictionSchema = z.object({
  id: z.number().int().positive(),
  requestId: z.string(),
  at: z.string(),
  name: z.string(),
  version: z.number().int().positive(),
  protocol: z.enum(['mlflow', 'v2']),
  latencyMs: z.number(),
  rows: z.number().int().nonnegative(),
  /** Inputs by column (values as the model saw them; null = missing). */
  inputs: z.record(z.string(), z.array(z.union([z.number(), z.string(), z.null()]))),
  predictions: z.array(z.union([z.string(), z.number(), z.null()])),
  probabilities: z.array(z.array(z.number())).nullable(),
  classes: z.array(z.string()).nullable(),
});
/** One logged prediction request. */
export type LoggedPrediction = z.infer<typeof LoggedPredictionSchema>;

/** A batch prediction (running or finished). */
export const BatchPredictionSchema = z.object({
  id: z.string(),
  jobId: z.string(),
  name: z.string(),
  version: z.number().int().positive(),
  inputPath: z.string(),
  outputPath: z.string(),
  withProbabilities: z.boolean(),
  state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted']),
  /** Rows predicted (when done). */
  rows: z.number().int().nonnegative().nullable(),
  /** Output columns (when done): the inputs, `prediction`, `proba_<class>`... */
  columns: z.array(z.string()).nullable(),
  durationMs: z.number().nonnegative().nullable(),
  author: z.string(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  error: z.object({ code: z.string(), messageKey: z.string(), message: z.string() }).nullable(),
});
/** A batch prediction. */
export type BatchPrediction = z.infer<typeof BatchPredictionSchema>;

/** Methods of the serving domain. */
export const servingMethods = defineMethods({
  /** Starts the server (resolves once it listens and the models are loaded). */
  'serving.start': {
    input: z.object({
      /** References of the models to serve (one per model name). */
      models: z.array(ModelRefSchema).min(1).max(20),
      host: z.string().trim().min(1).max(255).default('127.0.0.1'),
      /** 0 = any free port. */
      port: z.number().int().min(0).max(65535).default(8080),
      /** Required beyond loopback; at least 16 characters, no spaces. */
      apiKey: z.string().min(1).max(512).optional(),
      logPredictions: z.boolean().default(true),
      /** Optional limits (defaults: 100,000 rows per request, 64 requests at once, 30 s per request). */
      maxBatchRows: z.number().int().positive().max(10_000_000).optional(),
      maxConcurrent: z.number().int().positive().max(100_000).optional(),
      timeoutMs: z.number().int().min(100).max(3_600_000).optional(),
    }),
    output: ServingStatusSchema,
  },
  /** Stops the server gracefully (in-flight requests finish, the log is flushed). */
  'serving.stop': { input: z.object({}), output: ServingStatusSchema },
  /** The server's state, URL, examples and counters (also when stopped: log counts, earlier sessions). */
  'serving.status': { input: z.object({}), output: ServingStatusSchema },
  /** Switches the prediction log of the running server on or off. */
  'serving.setLogging': { input: z.object({ enabled: z.boolean() }), output: ServingStatusSchema },
  /** The newest logged predictions, newest first (of one model when `name` is given). */
  'serving.recentPredictions': {
    input: z.object({ name: z.string().optional(), limit: z.number().int().positive().max(500).default(50) }),
    output: z.object({ total: z.number().int().nonnegative(), items: z.array(LoggedPredictionSchema) }),
  },
  /**
   * Predicts a CSV file with a registered version (a job of kind `prediction.batch`). The CSV
   * needs a header row with every input column (others are carried to the output unchanged);
   * separator and decimal comma are detected as in the Data step's import.
   */
  'serving.predictBatch': {
    input: z.object({
      model: ModelRefSchema,
      inputPath: z.string().min(1),
      /** Default: `<input name>.predictions.csv` next to the input. */
      outputPath: z.string().min(1).optional(),
      probabilities: z.boolean().default(false),
      overwrite: z.boolean().default(false),
    }),
    output: z.object({ batchId: z.string(), jobId: z.string(), outputPath: z.string() }),
  },
  /** Batch predictions, newest first. */
  'serving.batches': { input: z.object({ limit: z.number().int().positive().max(200).default(50) }), output: z.array(BatchPredictionSchema) },
});
