/**
 * Prediction helper threads for large batches. The server thread parses and checks a request,
 * then hands the batch's chunks to helpers (predict.worker.ts) and is free to read, parse and
 * answer other requests meanwhile; with several helpers one batch's chunks run on several cores.
 * Single rows and small batches never come here: a message round trip costs more than predicting
 * them on the server thread.
 *
 * A helper gets a model's artifact the first time it predicts with it and keeps the pipeline
 * (the pool mirrors each helper's small LRU, so it knows when to send the artifact again). A
 * helper that dies fails its pending chunks and is replaced.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Frame } from '../../ml/core/frame.js';
import type { PipelinePrediction } from '../../ml/compose/model-pipeline.js';
import { createMatrix } from '../../ml/core/matrix.js';
import { resolveWorkerEntry, startWorker } from '../workers/entry.js';
import type { ServedModel } from './models.js';

/** Server thread -> helper. */
export interface HelperRequest {
  id: number;
  /** `name/version` of the model. */
  key: string;
  /** The pipeline artifact, when the helper does not have the model yet. */
  artifact?: unknown;
  frame: Frame;
  probabilities: boolean;
}

/** Helper -> server thread. */
export type HelperReply =
  | { id: number; ok: true; task: 'regression'; values: Float64Array }
  | { id: number; ok: true; task: 'classification'; classIndex: Int32Array; proba?: { nRows: number; nCols: number; data: Float64Array } }
  | { id: number; ok: false; error: { code: string; message: string; field?: string } };

/** What a failed chunk rejects with: the engine's error, as the engine would have thrown it. */
export class HelperError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HelperError';
  }
}

/** Helpers' LRU size; predict.worker.ts keeps the same number of models. */
const MAX_MODELS = 8;

interface Helper {
  worker: Worker;
  /** Keys the helper holds, least recently used first (mirrors the helper's own LRU). */
  models: Map<string, true>;
  pending: Map<number, { resolve: (r: HelperReply) => void; reject: (e: Error) => void }>;
}

/** The default number of helpers: the cores left beside the server thread, at least one, at most four. */
export function defaultHelperCount(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1));
}

/** A pool of prediction helper threads. */
export class PredictionPool {
  private readonly helpers: Helper[] = [];
  private readonly artifacts = new WeakMap<object, unknown>();
  private nextId = 1;
  private isClosed = false;

  /** Helpers start on first use, so a server that never sees a large batch never starts them. */
  constructor(readonly size: number) {}

  private spawn(): Helper {
    const worker = startWorker(resolveWorkerEntry(import.meta.url, './predict.worker'));
    const helper: Helper = { worker, models: new Map(), pending: new Map() };
    worker.on('message', (reply: HelperReply) => {
      const p = helper.pending.get(reply.id);
      helper.pending.delete(reply.id);
      p?.resolve(reply);
    });
    const fail = (why: string): void => {
      for (const p of helper.pending.values()) p.reject(new Error(`A prediction helper thread stopped: ${why}`));
      helper.pending.clear();
      const i = this.helpers.indexOf(helper);
      if (i >= 0 && !this.isClosed) this.helpers[i] = this.spawn();
    };
    worker.on('error', (err) => {
      console.error('[serving] a prediction helper thread failed:', err);
      fail(err.message);
    });
    worker.on('exit', (code) => {
      if (!this.isClosed) fail(`exit code ${code}`);
    });
    // Idle helpers must not keep a stopping process alive.
    worker.unref();
    return helper;
  }

  private artifactOf(model: ServedModel): unknown {
    let a = this.artifacts.get(model.pipeline);
    if (a === undefined) {
      a = model.pipeline.toArtifact();
      this.artifacts.set(model.pipeline, a);
    }
    return a;
  }

  /** Predicts `frame` on the least busy helper; resolves with what `ModelPipeline.predictFrame` returns. */
  predict(model: ServedModel, frame: Frame, probabilities: boolean): Promise<PipelinePrediction> {
    if (this.isClosed) return Promise.reject(new Error('The prediction pool is closed.'));
    while (this.helpers.length < this.size) this.helpers.push(this.spawn());
    const helper = this.helpers.reduce((best, h) => (h.pending.size < best.pending.size ? h : best));
    const key = `${model.name}/${model.version}`;
    const request: HelperRequest = { id: this.nextId++, key, frame, probabilities };
    if (helper.models.has(key)) helper.models.delete(key);
    else request.artifact = this.artifactOf(model);
    helper.models.set(key, true);
    while (helper.models.size > MAX_MODELS) helper.models.delete(helper.models.keys().next().value as string);
    return new Promise<HelperReply>((resolve, reject) => {
      helper.pending.set(request.id, { resolve, reject });
      helper.worker.ref();
      helper.worker.postMessage(request);
    }).then((reply) => {
      if (helper.pending.size === 0) helper.worker.unref();
      if (!reply.ok) throw new HelperError(reply.error.code, reply.error.message, reply.error.field);
      if (reply.task === 'regression') return { task: 'regression', values: reply.values };
      const labels = model.classLabels ?? [];
      return {
        task: 'classification',
        labels: Array.from(reply.classIndex, (k) => labels[k]),
        classIndex: reply.classIndex,
        classLabels: [...labels],
        ...(reply.proba ? { probabilities: createMatrix(reply.proba.nRows, reply.proba.nCols, reply.proba.data) } : {}),
      };
    });
  }

  /** Stops every helper (call once no prediction is pending). */
  async close(): Promise<void> {
    this.isClosed = true;
    await Promise.all(this.helpers.map((h) => h.worker.terminate()));
  }
}
