/**
 * Helpers of the registry and serving-from-project tests: a project with the churn fixture
 * imported, partitioned, quality-checked with `plan` watched as a sensitive column, an objective,
 * and finished runs; and the validation rows of a version read the way a test reads them (not
 * through the registry's code).
 */
import type { Backend } from '../../../electron/backend/api/backend.js';
import { readManifest } from '../../../electron/backend/storage/repos/datasets.js';
import { getRunArtifact } from '../../../electron/backend/storage/repos/training.js';
import { loadAssignment, loadTable } from '../../../electron/backend/versions/chunk-io.js';
import { tableToFrame, type DataTable } from '../../../electron/backend/data/table.js';
import { ModelPipeline } from '../../../electron/ml/compose/model-pipeline.js';
import { takeFrameRows, type Frame } from '../../../electron/ml/core/frame.js';
import type { RunSummary } from '../../../shared/api/methods/training.js';
import { callOk, sampleObjective } from '../../helpers/project.js';
import { projectWithData, waitJob, waitRuns } from '../training/helpers.js';

/** A project with trained churn runs. */
export interface TrainedProject {
  datasetId: string;
  versionId: string;
  runs: Record<string, RunSummary>;
}

/** Creates the project in `dir` and trains `models` (catalogue ids with params). */
export async function trainedChurnProject(backend: Backend, dir: string, models: Array<{ id: string; params?: Record<string, number | string | boolean | null> }>, name = 'Registry'): Promise<TrainedProject> {
  const data = await projectWithData(backend, dir, 'churn.csv', 'leaves', { name });
  const check = await callOk(backend, 'data.check', { datasetId: data.datasetId, options: { groupColumns: ['plan'] } });
  const checked = await waitJob(backend, check.jobId);
  if (checked.state !== 'done') throw new Error(`check ${checked.state}: ${checked.error?.message}`);
  await callOk(backend, 'objective.save', { objective: { ...sampleObjective(), targetColumn: 'leaves', metric: 'roc_auc', threshold: 0.7, positiveClass: 'yes' } });
  const started = await callOk(backend, 'training.start', { datasetId: data.datasetId, models });
  const done = await waitRuns(backend, started.runs.map((r) => r.runId));
  for (const r of done) if (r.state !== 'done') throw new Error(`run ${r.modelId} ${r.state}: ${r.error?.message}`);
  return { ...data, runs: Object.fromEntries(done.map((r) => [r.modelId, r])) };
}

/** The rows of one part (0 train, 1 validation, 2 test) of a version. */
export function partOf(backend: Backend, versionId: string, part: number): { table: DataTable; rows: Int32Array; frame: Frame } {
  const db = backend.ctx.session.require().db;
  const manifest = readManifest(db, versionId);
  if (!manifest) throw new Error(`no version ${versionId}`);
  const table = loadTable(db, manifest);
  const assignment = loadAssignment(db, manifest);
  if (!assignment) throw new Error('no partition');
  const rows = Int32Array.from(Array.from(assignment.keys()).filter((i) => assignment[i] === part));
  return { table, rows, frame: takeFrameRows(tableToFrame(table), rows) };
}

/** The fitted pipeline a run recorded. */
export function runPipeline(backend: Backend, runId: string): ModelPipeline {
  const a = getRunArtifact(backend.ctx.session.require().db, runId);
  if (!a) throw new Error(`run ${runId} has no artifact`);
  return ModelPipeline.fromArtifact(JSON.parse(a.artifactJson));
}
