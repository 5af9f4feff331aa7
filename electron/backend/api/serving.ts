/**
 * Handlers of the Serve step (serving.*): the inference server run from the open project
 * (registry/project-serving.ts), the prediction log and CSV batch prediction (registry/batch.ts).
 */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { LoggedPrediction } from '../../../shared/api/methods/serving.js';
import type { BackendContext } from './context.js';
import { predictionLogCounts, recentPredictionLogRows } from '../storage/repos/serving.js';
import { setServingLog, servingStatus, startServingProject, stopServingProject } from '../registry/project-serving.js';
import { listBatchPredictions, startBatchPrediction } from '../registry/batch.js';

/** serving.* handlers. */
export const servingHandlers = {
  'serving.start': (args, ctx) => startServingProject(ctx, args),
  'serving.stop': (_args, ctx) => stopServingProject(ctx),
  'serving.status': (_args, ctx) => servingStatus(ctx),
  'serving.setLogging': (args, ctx) => setServingLog(ctx, args),
  'serving.recentPredictions': (args, ctx) => {
    const db = ctx.session.require().db;
    const items = recentPredictionLogRows(db, { name: args.name, limit: args.limit }).map((r): LoggedPrediction => {
      const outputs = JSON.parse(r.outputsJson) as { predictions: LoggedPrediction['predictions']; probabilities: number[][] | null; classes: string[] | null };
      return {
        id: r.id,
        requestId: r.requestId,
        at: r.at,
        name: r.modelName,
        version: r.modelVersion,
        protocol: r.protocol,
        latencyMs: r.latencyMs,
        rows: r.nRows,
        inputs: JSON.parse(r.inputsJson) as LoggedPrediction['inputs'],
        predictions: outputs.predictions,
        probabilities: outputs.probabilities,
        classes: outputs.classes,
      };
    });
    return { total: predictionLogCounts(db, args.name).requests, items };
  },
  'serving.predictBatch': (args, ctx) => startBatchPrediction(ctx, args),
  'serving.batches': (args, ctx) => listBatchPredictions(ctx, args),
} satisfies Pick<ApiHandlers<BackendContext>, `serving.${string}` & keyof ApiHandlers<BackendContext>>;
