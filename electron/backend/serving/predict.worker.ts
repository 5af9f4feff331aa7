/**
 * A prediction helper thread of the inference server (see predict-pool.ts): it keeps loaded
 * pipelines by key and predicts the frames it is sent, so large batches use another core while
 * the server thread goes on reading and answering other requests. It runs exactly
 * `ModelPipeline.predictFrame`, so its answers equal the server thread's.
 */
import { parentPort } from 'node:worker_threads';
import { ModelPipeline } from '../../ml/compose/model-pipeline.js';
import type { HelperRequest, HelperReply } from './predict-pool.js';

const port = parentPort;
if (!port) throw new Error('predict.worker must run in a worker thread.');

/** Loaded pipelines, least recently used first (a helper keeps a handful at most). */
const pipelines = new Map<string, ModelPipeline>();
const MAX_MODELS = 8;

port.on('message', (m: HelperRequest) => {
  let reply: HelperReply;
  try {
    let p = pipelines.get(m.key);
    if (p) pipelines.delete(m.key);
    else {
      if (m.artifact === undefined) throw new Error(`Model ${m.key} is not loaded in this helper.`);
      p = ModelPipeline.fromArtifact(m.artifact);
    }
    pipelines.set(m.key, p);
    while (pipelines.size > MAX_MODELS) pipelines.delete(pipelines.keys().next().value as string);
    const out = p.predictFrame(m.frame, { probabilities: m.probabilities });
    if (out.task === 'regression') {
      reply = { id: m.id, ok: true, task: 'regression', values: out.values };
    } else {
      reply = { id: m.id, ok: true, task: 'classification', classIndex: out.classIndex, proba: out.probabilities ? { nRows: out.probabilities.nRows, nCols: out.probabilities.nCols, data: out.probabilities.data } : undefined };
    }
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown; field?: unknown };
    reply = { id: m.id, ok: false, error: { code: typeof e?.code === 'string' ? e.code : 'INTERNAL', message: String(e?.message ?? err), field: typeof e?.field === 'string' ? e.field : undefined } };
  }
  // Copied, not transferred: an estimator may return a view of its own state (e.g. a constant
  // prediction), which a transfer would detach. The copy is a few typed arrays.
  port.postMessage(reply);
});
