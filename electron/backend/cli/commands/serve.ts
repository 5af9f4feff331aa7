/**
 * `ciclo serve`: the inference server, headless, for on-premise machines.
 *
 *   ciclo serve --bundle DIR [--bundle DIR2 ...] [--host H] [--port N] [--api-key K] [--log FILE]
 *
 * serves exported bundles (verified first: a tampered or incomplete bundle is refused) with no
 * project file. The API key may also come from the CICLO_SERVE_API_KEY environment variable, which
 * keeps it out of process listings. The server runs in its own worker thread; this process only
 * waits for Ctrl+C / SIGTERM, then stops it gracefully (in-flight requests finish, the prediction
 * log is flushed).
 *
 * The models come from `modelSourceFor()`: serving from a project (`--project P --model
 * NAME[@STAGE]`) is a second source built on the registry, added there.
 *
 *   ciclo serve --project P --model NAME[@STAGE|@VERSION] [--host H] [--port N] [--api-key K] [--no-log]
 *
 * serves registered models of a project through the Serve step's own handler (serving.start):
 * the same server, the prediction log written to the project (unless --no-log), a promotion in
 * the registry reaching the running server. The project is opened for writing (the log needs it);
 * with --no-log it is opened read-only when another Ciclo has it open.
 */
import { isAbsolute, resolve } from 'node:path';
import { resolveWorkerEntry } from '../../workers/entry.js';
import { readAppVersion } from '../../api/backend.js';
import { readBundle } from '../../registry/bundle.js';
import { bundleModelSource } from '../../registry/bundle-source.js';
import { startInferenceServer } from '../../serving/host.js';
import type { ModelEntry, ModelSource, ServingLimits, WorkerModuleRef } from '../../serving/types.js';
import { AppError } from '../../../../shared/errors.js';
import { CliApiError, UsageError, type CliCommand, type CliContext } from '../registry.js';

/** The default port (KServe's; MLflow's 5000 clashes with system services on some desktops). */
export const DEFAULT_SERVE_PORT = 8080;

function parseIntOption(ctx: CliContext, name: string, min: number, max: number): number | undefined {
  const raw = ctx.values[name] as string | undefined;
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return n;
}

/** Resolves when the process is asked to stop. */
function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolveSignal(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** The models to serve, from the command line. */
async function modelSourceFor(ctx: CliContext): Promise<{ source: ModelSource; describe: string[] }> {
  const dirs = (ctx.values.bundle as string[] | undefined) ?? [];
  if (dirs.length === 0) throw new UsageError('give at least one --bundle DIR to serve');
  const bundles = await Promise.all(dirs.map((d) => readBundle(resolve(d))));
  const source = bundleModelSource(bundles);
  const describe = bundles.map((b) => {
    const m = b.manifest;
    const stages = m.stages.length ? ` (${m.stages.join(', ')})` : '';
    return `model ${m.name} version ${m.version}${stages}: ${m.task} of "${m.target}", ${b.inputSchema.length} input columns`;
  });
  return { source, describe };
}

/** Runs `ciclo serve` until a stop signal; returns the exit code. */
async function serve(ctx: CliContext): Promise<number> {
  const host = (ctx.values.host as string | undefined) ?? '127.0.0.1';
  const port = parseIntOption(ctx, 'port', 0, 65535) ?? DEFAULT_SERVE_PORT;
  const apiKey = (ctx.values['api-key'] as string | undefined) ?? (process.env.CICLO_SERVE_API_KEY || undefined);
  const limits: Partial<ServingLimits> = {};
  const maxBatchRows = parseIntOption(ctx, 'max-batch-rows', 1, 10_000_000);
  if (maxBatchRows !== undefined) limits.maxBatchRows = maxBatchRows;
  const maxConcurrent = parseIntOption(ctx, 'max-concurrent', 1, 100_000);
  if (maxConcurrent !== undefined) limits.maxConcurrent = maxConcurrent;
  const timeoutMs = parseIntOption(ctx, 'timeout-ms', 100, 3_600_000);
  if (timeoutMs !== undefined) limits.timeoutMs = timeoutMs;
  const logFile = ctx.values.log as string | undefined;
  const sink: WorkerModuleRef | null = logFile
    ? { module: resolveWorkerEntry(import.meta.url, '../../serving/jsonl-sink').url.href, options: { path: isAbsolute(logFile) ? logFile : resolve(logFile) } }
    : null;

  const { source, describe } = await modelSourceFor(ctx);
  const stop = untilStopSignal();
  const server = await startInferenceServer({
    source,
    sink,
    host,
    port,
    apiKey,
    limits,
    defaultModel: ctx.values.model as string | undefined,
    serverVersion: readAppVersion(),
  });
  const models = (await source.list()) as ModelEntry[];
  if (ctx.json) {
    ctx.out(JSON.stringify({ ok: true, data: { url: server.url, host: server.host, port: server.port, models, hasApiKey: apiKey !== undefined, log: sink ? (sink.options as { path: string }).path : null } }));
  } else {
    ctx.out(`Ciclo inference server: ${server.url}`);
    for (const line of describe) ctx.out(`  ${line}`);
    ctx.out(`  MLflow scoring:  POST ${server.url}/invocations`);
    for (const m of models) ctx.out(`  Open Inference:  POST ${server.url}/v2/models/${m.name}/infer`);
    ctx.out(`  Routes and examples: ${server.url}/`);
    ctx.out(`  API key: ${apiKey !== undefined ? 'required (Authorization: Bearer KEY or x-api-key: KEY)' : 'none (this machine only)'}`);
    ctx.out(`  Prediction log: ${sink ? (sink.options as { path: string }).path : 'off'}`);
    ctx.out('Press Ctrl+C to stop.');
  }
  const crashed = new Promise<string>((resolveCrash) => server.onExit((e) => !e.isClean && resolveCrash(e.error?.message ?? 'unknown error')));
  const outcome = await Promise.race([stop.then((s) => ({ signal: s })), crashed.then((m) => ({ crash: m }))]);
  if ('crash' in outcome) {
    ctx.err(`error [INTERNAL]: the inference server stopped: ${outcome.crash}`);
    return 1;
  }
  if (!ctx.json) ctx.err(`ciclo: ${outcome.signal} received, finishing in-flight requests and stopping.`);
  await server.stop();
  const final = server.latestStats();
  if (!ctx.json) ctx.err(`ciclo: stopped after ${final.requests} requests (${final.rowsPredicted} rows predicted, ${final.errors} errors).`);
  return 0;
}

/** `ciclo serve --project P --model REF`: serves registered models through serving.start. */
async function serveProject(ctx: CliContext): Promise<number> {
  const project = ctx.values.project as string;
  const model = ctx.values.model as string | undefined;
  if (!model) throw new UsageError('--model NAME[@STAGE|@VERSION] is required with --project');
  if (((ctx.values.bundle as string[] | undefined) ?? []).length > 0) throw new UsageError('use either --project or --bundle, not both');
  if (ctx.values.log !== undefined) throw new UsageError('--log FILE is for --bundle; with --project predictions are logged to the project (--no-log to switch it off)');
  const logPredictions = ctx.values['no-log'] !== true;
  const apiKey = (ctx.values['api-key'] as string | undefined) ?? (process.env.CICLO_SERVE_API_KEY || undefined);
  const args = {
    models: [model],
    host: (ctx.values.host as string | undefined) ?? '127.0.0.1',
    port: parseIntOption(ctx, 'port', 0, 65535) ?? DEFAULT_SERVE_PORT,
    apiKey,
    logPredictions,
    maxBatchRows: parseIntOption(ctx, 'max-batch-rows', 1, 10_000_000),
    maxConcurrent: parseIntOption(ctx, 'max-concurrent', 1, 100_000),
    timeoutMs: parseIntOption(ctx, 'timeout-ms', 100, 3_600_000),
  };
  let isReadOnly = false;
  try {
    await ctx.call('project.open', { path: project, remember: false });
  } catch (err) {
    if (logPredictions || !(err instanceof CliApiError) || err.error.code !== 'PROJECT_LOCKED') throw err;
    await ctx.call('project.open', { path: project, readOnly: true, remember: false });
    isReadOnly = true;
  }
  const events = ctx.backend().ctx.events;
  let isStopping = false;
  const crashed = new Promise<string>((resolveCrash) => {
    events.subscribe((name, payload) => {
      if (name === 'serving.stats' && (payload as { state: string }).state === 'stopped' && !isStopping) resolveCrash('the server thread ended');
    });
  });
  const stop = untilStopSignal();
  try {
    const status = await ctx.call('serving.start', args);
    if (ctx.json) {
      ctx.out(JSON.stringify({ ok: true, data: { url: status.url, host: status.host, port: status.port, hasApiKey: status.hasApiKey, log: logPredictions, isReadOnly, models: status.models } }));
    } else {
      ctx.out(`Ciclo inference server: ${status.url}`);
      for (const m of status.models) {
        ctx.out(`  model ${m.name} version ${m.version} (${m.stage}): ${m.task} of "${m.target}", ${m.inputSchema.length} input columns`);
        ctx.out(`  MLflow scoring:  POST ${m.urls.invocations}`);
        ctx.out(`  Open Inference:  POST ${m.urls.v2Infer}`);
        ctx.out(`  Example: ${m.examples.mlflow}`);
      }
      ctx.out(`  Routes and examples: ${status.url}/`);
      ctx.out(`  API key: ${status.hasApiKey ? 'required (Authorization: Bearer KEY or x-api-key: KEY)' : 'none (this machine only)'}`);
      ctx.out(`  Prediction log: ${logPredictions ? `the project (${status.log.storedRequests} requests logged so far)` : 'off'}`);
      ctx.out('Press Ctrl+C to stop.');
    }
    const outcome = await Promise.race([stop.then((sig) => ({ signal: sig })), crashed.then((m) => ({ crash: m }))]);
    if ('crash' in outcome) {
      const last = await ctx.call('serving.status', {});
      ctx.err(`error [INTERNAL]: the inference server stopped: ${last.lastError?.message ?? outcome.crash}`);
      return 1;
    }
    if (!ctx.json) ctx.err(`ciclo: ${outcome.signal} received, finishing in-flight requests and stopping.`);
    isStopping = true;
    const before = await ctx.call('serving.status', {});
    const final = await ctx.call('serving.stop', {});
    if (!ctx.json) {
      const c = before.counters;
      ctx.err(`ciclo: stopped after ${c?.requests ?? 0} requests (${c?.rows ?? 0} rows predicted, ${c?.errors ?? 0} errors); ${final.log.storedRequests} requests in the project's prediction log.`);
    }
    return 0;
  } finally {
    await ctx.call('project.close', {}).catch(() => undefined);
  }
}

/** Serving commands. */
export const commands: CliCommand[] = [
  {
    path: ['serve'],
    summary: 'Serve exported model bundles, or a project\'s registered models, over HTTP (MLflow scoring and Open Inference Protocol v2).',
    usage:
      'ciclo serve --bundle DIR [--bundle DIR ...] | --project P --model NAME[@STAGE|@VERSION] [--no-log]  [--host H] [--port N] [--api-key K (or env CICLO_SERVE_API_KEY)] [--log FILE] [--model NAME[@STAGE]] [--max-batch-rows N] [--max-concurrent N] [--timeout-ms N] [--json]',
    options: {
      bundle: { type: 'string', multiple: true },
      host: { type: 'string' },
      port: { type: 'string' },
      'api-key': { type: 'string' },
      log: { type: 'string' },
      model: { type: 'string' },
      'max-batch-rows': { type: 'string' },
      'max-concurrent': { type: 'string' },
      'timeout-ms': { type: 'string' },
      project: { type: 'string' },
      'no-log': { type: 'boolean' },
    },
    async run(ctx) {
      try {
        if (ctx.values.project !== undefined) return await serveProject(ctx);
        return await serve(ctx);
      } catch (err) {
        // Refusals (a tampered bundle, a busy port, no API key beyond loopback) print with their code.
        if (err instanceof AppError) throw new CliApiError(err.toApiError());
        throw err;
      }
    },
  },
];
