/**
 * The work of the Evaluate step's jobs, inside a worker thread (workers/evaluation.worker.ts),
 * on a finished run's fitted pipeline (read by the worker through its own connection: a model can
 * be large) and its dataset version:
 *  - `permutation`: permutation importance of the input columns on the validation rows, scored by
 *    the run's metric (electron/ml/inspection/permutation-importance.ts; Breiman 2001);
 *  - `test`: the full report on the test part, the same way the validation report was made.
 */
import type { MetricId, TaskType } from '../../../../shared/domain/metrics.js';
import type { PipelineSpec } from '../../../../shared/domain/pipeline-spec.js';
import { AppError } from '../../../../shared/errors.js';
import { takeFrameRows } from '../../../ml/core/frame.js';
import { ModelPipeline } from '../../../ml/compose/model-pipeline.js';
import { permutationImportance } from '../../../ml/inspection/permutation-importance.js';
import { METRICS } from '../../../../shared/domain/metrics.js';
import { pipelineAsModel } from '../../../ml/model-selection/pipeline-adapter.js';
import { openChunkConnection } from '../../storage/repos/chunks.js';
import type { VersionManifest } from '../../storage/repos/datasets.js';
import { getRunArtifact } from '../../storage/repos/training.js';
import { buildReport, type StoredReport } from './evaluate.js';
import { checkTargetPresent, frameForSpec, loadVersion, partRows, targetLabels, targetValues, type ProjectRef, type WorkHooks } from './data.js';
import { cleanModel, rankingMetric } from './run.js';

/** Input of an evaluation job. */
export interface EvaluationWork extends ProjectRef {
  kind: 'permutation' | 'test';
  runId: string;
  manifest: VersionManifest;
  /** The spec the run fitted. */
  spec: PipelineSpec;
  task: TaskType;
  metric: MetricId;
  positiveClass: string | null;
  seed: number;
  nRepeats: number;
}

/** Permutation importance as stored. */
export interface StoredPermutation {
  metric: MetricId;
  direction: 'higher' | 'lower';
  baselineScore: number | null;
  nRepeats: number;
  seed: number;
  features: Array<{ feature: string; importanceMean: number | null; importanceStd: number | null; importances: (number | null)[] }>;
}

/** Output of an evaluation job. */
export type EvaluationWorkResult = { kind: 'permutation'; result: StoredPermutation } | { kind: 'test'; report: StoredReport };

function loadPipeline(input: EvaluationWork): ModelPipeline {
  const db = openChunkConnection(input.projectPath, input.nativeBinding);
  try {
    const a = getRunArtifact(db, input.runId);
    if (!a) throw new AppError('NOT_FOUND', 'This run has no fitted model.', { messageKey: 'errors.training.runNotFinished', details: { field: 'runId' } });
    return ModelPipeline.fromArtifact(JSON.parse(a.artifactJson));
  } finally {
    db.close();
  }
}

/** Runs an evaluation job. */
export function evaluationWork(input: EvaluationWork, hooks: WorkHooks): EvaluationWorkResult {
  hooks.progress(0, 'jobs.phase.training.loading');
  const pipeline = loadPipeline(input);
  const { table, assignment } = loadVersion(input, input.manifest, hooks, 0.2);
  const frame = frameForSpec(table, input.spec);
  const target = input.spec.target;
  const rows = partRows(assignment, table.nRows, input.kind === 'test' ? 2 : 1);
  if (rows.length === 0) {
    throw new AppError('INVALID_ARGUMENT', input.kind === 'test' ? 'The partition has no test rows.' : 'The partition has no validation rows.', {
      messageKey: input.kind === 'test' ? 'errors.evaluation.noTestRows' : 'errors.training.noValidationRows',
      details: { field: 'runId' },
    });
  }
  checkTargetPresent(frame, target, rows, input.task);
  const part = takeFrameRows(frame, rows);

  if (input.kind === 'test') {
    hooks.progress(0.3, 'jobs.phase.evaluation.test');
    const pred = pipeline.predictFrame(part, { probabilities: input.task === 'classification' });
    const importances = pipeline.featureImportances() ?? null;
    const built =
      pred.task === 'classification'
        ? buildReport({
            evaluatedOn: 'test',
            table,
            rows,
            prediction: { task: 'classification', classIndex: pred.classIndex, proba: pred.probabilities ?? null },
            classLabels: pred.classLabels,
            trueLabels: targetLabels(part, target) as string[],
            positiveClass: input.positiveClass,
            importances,
          })
        : buildReport({ evaluatedOn: 'test', table, rows, prediction: { task: 'regression', values: pred.values }, trueValues: targetValues(part, target), importances });
    hooks.progress(1, 'jobs.phase.evaluation.test');
    return { kind: 'test', report: built.report };
  }

  // Permutation importance over the raw input columns (what a user can act on), scored by the run's metric.
  const labels = pipeline.classLabels ?? [];
  let y: Float64Array;
  let keep = rows;
  if (input.task === 'classification') {
    // Rows of a label the model never saw cannot be scored as classes of the model: left out.
    const l = targetLabels(part, target) as string[];
    const index = new Map(labels.map((s, k) => [s, k]));
    const ok = l.map((s) => index.has(s));
    keep = Int32Array.from(rows.filter((_, i) => ok[i]));
    y = Float64Array.from(l.filter((_, i) => ok[i]), (s) => index.get(s) as number);
  } else {
    y = Float64Array.from(targetValues(part, target));
  }
  const X = takeFrameRows(frame, keep);
  const metric = rankingMetric(input.metric, input.task, labels.length);
  const positive = labels.length === 2 ? Math.max(0, input.positiveClass !== null ? labels.indexOf(input.positiveClass) : 1) : undefined;
  const features = input.spec.columns.filter((c) => c.role === 'feature').map((c) => c.name);
  const model = cleanModel(pipelineAsModel(pipeline, target, labels));
  const r = permutationImportance({
    model,
    X,
    y,
    metric,
    classes: input.task === 'classification' ? labels.map((_, k) => k) : undefined,
    positiveClass: positive,
    nRepeats: input.nRepeats,
    seed: input.seed,
    features,
    signal: hooks.signal,
    onProgress: (p) => hooks.progress(0.3 + 0.7 * p.fraction, 'jobs.phase.evaluation.permutation', { feature: p.feature + 1, features: features.length }),
  });
  const sorted = [...r.features].sort((a, b) => (b.importanceMean ?? -Infinity) - (a.importanceMean ?? -Infinity));
  return {
    kind: 'permutation',
    result: {
      metric,
      direction: METRICS[metric].direction,
      baselineScore: r.baselineScore,
      nRepeats: r.nRepeats,
      seed: r.seed,
      features: sorted.map((f) => ({ feature: f.feature, importanceMean: f.importanceMean, importanceStd: f.importanceStd, importances: f.importances })),
    },
  };
}
