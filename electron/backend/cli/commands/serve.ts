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

/** Serving commands. */
export const commands: CliCommand[] = [
  {
    path: ['serve'],
    summary: 'Serve exported model bundles over HTTP (MLflow scoring and Open Inference Protocol v2).',
    usage: 'ciclo serve --bundle DIR [--bundle DIR ...] [--host H] [--port N] [--api-key K (or env CICLO_SERVE_API_KEY)] [--log FILE] [--model NAME[@STAGE]] [--max-batch-rows N] [--max-concurrent N] [--timeout-ms N] [--json]',
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
    },
    async run(ctx) {
      try {
        return await serve(ctx);
      } catch (err) {
        // Refusals (a tampered bundle, a busy port, no API key beyond loopback) print with their code.
        if (err instanceof AppError) throw new CliApiError(err.toApiError());
        throw err;
      }
    },
  },
];
