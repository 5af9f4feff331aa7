/**
 * Handlers of the Train step (training.*); orchestration is in training/runs.ts, the work in
 * worker threads (workers/training-run.worker.ts). The step status providers of Features, Train
 * and Evaluate are registered here (training/status.ts).
 */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { BackendContext } from './context.js';
import { registerStepStatusProvider } from './lifecycle.js';
import { MODEL_CATALOG } from '../../ml/registry.js';
import { listRuns } from '../storage/repos/training.js';
import { readVersionSchema } from '../storage/repos/datasets.js';
import { partitionOf, requireDataset, requireVersion } from '../versions/records.js';
import { resolveProblem } from '../training/problem.js';
import { recommendedModels } from '../training/preset.js';
import { cancelRun, readProject, reconcileRuns, rerun, startRuns } from '../training/runs.js';
import { evaluateStatus, featuresStatus, trainStatus } from '../training/status.js';
import { runDetail, runSummaries } from '../training/views.js';

registerStepStatusProvider('features', (db) => featuresStatus(db));
registerStepStatusProvider('train', (db, ctx) => {
  // Runs a dead process left running count as interrupted here too (the stepper may be the first to look).
  const file = ctx.session.current;
  if (file) reconcileRuns(ctx, file);
  return trainStatus(db);
});
registerStepStatusProvider('evaluate', (db) => evaluateStatus(db));

/** training.* handlers. */
export const trainingHandlers = {
  'training.catalog': (args, ctx) => {
    const models = [...MODEL_CATALOG];
    if (args.datasetId === undefined) return { task: null, rows: null, models, recommended: [] };
    const db = readProject(ctx).db;
    const dataset = requireDataset(db, args.datasetId);
    const version = requireVersion(db, dataset, args.versionId);
    const problem = resolveProblem(db, version, readVersionSchema(db, version.id));
    const partition = partitionOf(version);
    const rows = partition ? partition.summary.counts.train : version.rowCount;
    return { task: problem?.task ?? null, rows, models, recommended: problem ? recommendedModels(problem.task, rows) : [] };
  },
  'training.start': (args, ctx) => startRuns(ctx, args),
  'training.runs': (args, ctx) => {
    const db = readProject(ctx).db;
    return runSummaries(db, listRuns(db, { datasetId: args.datasetId, batchId: args.batchId }));
  },
  'training.run': (args, ctx) => runDetail(readProject(ctx).db, args.runId),
  'training.cancel': (args, ctx) => ({ cancelled: cancelRun(ctx, args.runId) }),
  'training.rerun': (args, ctx) => rerun(ctx, args.runId),
} satisfies Pick<ApiHandlers<BackendContext>, 'training.catalog' | 'training.start' | 'training.runs' | 'training.run' | 'training.cancel' | 'training.rerun'>;
