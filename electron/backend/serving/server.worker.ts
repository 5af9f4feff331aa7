/**
 * Worker-thread entry of the inference server (started by host.ts). All prediction traffic is
 * handled here; the host sees only counters, model loads and control messages. The model source
 * and the prediction sink either live in the host (reached by messages) or are created here from
 * a module (WorkerModuleRef), so a project-backed sink can write without touching the host thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type ApiError } from '../../../shared/errors.js';
import type { HostToWorker, ServingWorkerData, WorkerToHost } from './protocol.js';
import { startServing, type ServingServer } from './server.js';
import type { ModelEntry, ModelPayload, ModelSource, PredictionRecord, PredictionSink, WorkerModuleRef } from './types.js';

const port = parentPort;
if (!port) throw new Error('server.worker must run in a worker thread.');
const data = workerData as ServingWorkerData;
const send = (m: WorkerToHost): void => port.postMessage(m);

let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
function call(m: WithoutId<Extract<WorkerToHost, { type: 'source-call' | 'sink-call' }>>): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send({ ...m, id } as WorkerToHost);
  });
}

function toApiError(err: unknown): ApiError {
  if (err instanceof AppError) return err.toApiError();
  return { code: 'INTERNAL', messageKey: 'errors.INTERNAL', message: (err as Error)?.message ?? String(err) };
}

async function fromModule<T>(ref: WorkerModuleRef, factory: 'createModelSource' | 'createPredictionSink'): Promise<T> {
  const mod = (await import(ref.module)) as Record<string, unknown>;
  const create = mod[factory];
  if (typeof create !== 'function') throw new Error(`${ref.module} does not export ${factory}().`);
  return (await (create as (o: unknown) => T | Promise<T>)(ref.options)) as T;
}

let server: ServingServer | null = null;
let ticker: ReturnType<typeof setInterval> | null = null;
let stopRequest: { id: number; graceMs: number } | null = null;

async function stop(id: number, graceMs: number): Promise<void> {
  if (ticker) clearInterval(ticker);
  if (server) {
    await server.close(graceMs);
    send({ type: 'stats', stats: server.stats() });
  }
  send({ type: 'stopped', id });
  // Nothing else keeps the thread alive once the port closes: it ends by itself.
  port!.close();
}

// Registered first: starting the server already calls the host's source through this port.
port.on('message', (m: HostToWorker) => {
  switch (m.type) {
    case 'source-reply': {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.message));
      return;
    }
    case 'sink-reply': {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      if (m.ok) p.resolve(undefined);
      else p.reject(new Error(m.message ?? 'The prediction sink failed.'));
      return;
    }
    case 'control': {
      const s = server;
      if (!s) {
        send({ type: 'control-reply', id: m.id, ok: false, error: { code: 'CONFLICT', messageKey: 'errors.CONFLICT', message: 'The server is not running.' } });
        return;
      }
      void (async () => {
        try {
          if (m.action === 'reload') await s.reload();
          else if (m.action === 'log-on') s.setLogging(true);
          else if (m.action === 'log-off') s.setLogging(false);
          send({ type: 'control-reply', id: m.id, ok: true, stats: s.stats() });
        } catch (err) {
          send({ type: 'control-reply', id: m.id, ok: false, error: toApiError(err) });
        }
      })();
      return;
    }
    case 'stop':
      // A stop during start-up waits for the start to finish (or fail).
      if (server) void stop(m.id, m.graceMs);
      else stopRequest = m;
      return;
  }
});

async function main(): Promise<void> {
  const source: ModelSource =
    data.source === 'host'
      ? {
          list: () => call({ type: 'source-call', method: 'list' }) as Promise<ModelEntry[]>,
          load: (name, version) => call({ type: 'source-call', method: 'load', name, version }) as Promise<ModelPayload>,
        }
      : await fromModule<ModelSource>(data.source, 'createModelSource');
  let sink: PredictionSink | null = null;
  if (data.sink === 'host') {
    sink = {
      write: async (batch: PredictionRecord[]) => {
        await call({ type: 'sink-call', method: 'write', batch });
      },
      close: async () => {
        await call({ type: 'sink-call', method: 'close' });
      },
    };
  } else if (data.sink) sink = await fromModule<PredictionSink>(data.sink, 'createPredictionSink');

  try {
    server = await startServing({ ...data.options, source, sink });
  } catch (err) {
    await sink?.close?.();
    send({ type: 'start-failed', error: toApiError(err) });
    port!.close();
    return;
  }
  const s = server;
  send({ type: 'started', host: s.host, port: s.port, url: s.url, stats: s.stats() });
  ticker = setInterval(() => send({ type: 'stats', stats: s.stats() }), data.statsIntervalMs);
  if (stopRequest) await stop(stopRequest.id, stopRequest.graceMs);
}

void main().catch((err: unknown) => {
  send({ type: 'start-failed', error: toApiError(err) });
  port.close();
});
