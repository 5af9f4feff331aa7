/**
 * The work of the Features step, inside a worker thread (workers/training-features.worker.ts):
 *  - `suggest`: the default spec from exact column counts, and each column's relevance to the
 *    target (electron/ml/feature-selection/relevance.ts: mutual information, F test or chi-square,
 *    correlations), computed on the training rows only (a seeded sample above 20,000 rows), so
 *    choosing features never peeks at the validation or test part;
 *  - `preview`: the spec's preprocessing fitted on the training rows, and a page of them transformed.
 */
import type { PipelineSpec } from '../../../../shared/domain/pipeline-spec.js';
import type { TaskType } from '../../../../shared/domain/metrics.js';
import type { ColumnRelevance } from '../../../../shared/api/methods/training.js';
import { takeFrameRows } from '../../../ml/core/frame.js';
import { featureRelevance } from '../../../ml/feature-selection/relevance.js';
import { pipelineFromSpec } from '../../../ml/compose/from-spec.js';
import { tableToFrame } from '../../data/table.js';
import type { VersionManifest } from '../../storage/repos/datasets.js';
import { defaultSpec, type ColumnCounts } from '../specs.js';
import { frameForSpec, loadVersion, partRows, schemaOfManifest, tableCounts, targetColumn, type ProjectRef, type WorkHooks } from './data.js';

/** Rows above which relevance is computed on a seeded sample. */
export const RELEVANCE_MAX_ROWS = 20_000;

/** Input of the suggestion work. */
export interface SuggestWork extends ProjectRef {
  manifest: VersionManifest;
  /** Null when the version has no usable target: only counts are computed. */
  problem: { target: string; task: TaskType } | null;
}

/** Output of the suggestion work. */
export interface SuggestWorkResult {
  spec: PipelineSpec | null;
  counts: Record<string, ColumnCounts>;
  relevance: ColumnRelevance[];
  relevanceRows: number;
  isRelevanceSampled: boolean;
}

/** Suggests a spec and scores every usable column against the target. */
export function suggestWork(input: SuggestWork, hooks: WorkHooks): SuggestWorkResult {
  const { table, assignment } = loadVersion(input, input.manifest, hooks, 0.3);
  const schema = schemaOfManifest(input.manifest);
  const countOf = tableCounts(table);
  const counts: Record<string, ColumnCounts> = {};
  for (const c of schema) counts[c.name] = countOf(c.name) as ColumnCounts;
  hooks.progress(0.4, 'jobs.phase.features.relevance');
  if (!input.problem) return { spec: null, counts, relevance: [], relevanceRows: 0, isRelevanceSampled: false };
  const problem = input.problem;
  const spec = defaultSpec(schema, countOf, problem);
  // Every column but the target and identifiers (an ignored column may be worth bringing back).
  const scored = schema.filter((c) => c.name !== problem.target && c.type !== 'identifier').map((c) => c.name);
  const train = partRows(assignment, table.nRows, 0);
  const all = tableToFrame(table, scored);
  const ready = takeFrameRows({ nRows: table.nRows, columns: [...all.columns, targetColumn(table, problem.target)] }, train);
  if (ready.nRows < 3) return { spec, counts, relevance: [], relevanceRows: ready.nRows, isRelevanceSampled: false };
  const report = featureRelevance(ready, { target: problem.target, task: problem.task, columns: scored, maxRows: RELEVANCE_MAX_ROWS, seed: 0 });
  hooks.progress(1, 'jobs.phase.features.relevance');
  return { spec, counts, relevance: report.columns, relevanceRows: report.rows, isRelevanceSampled: report.isSampled };
}

/** Input of the preview work. */
export interface PreviewWork extends ProjectRef {
  manifest: VersionManifest;
  spec: PipelineSpec;
  offset: number;
  limit: number;
}

/** Output of the preview work. */
export interface PreviewWorkResult {
  featureNames: string[];
  sources: string[];
  rowIds: number[];
  rows: (number | null)[][];
  fittedRows: number;
  fittedOn: 'train' | 'all';
}

/** The input column an output feature comes from: the longest feature column name it starts with (or contains). */
export function featureSource(feature: string, columns: readonly string[]): string {
  let best = '';
  for (const c of columns) if (feature.startsWith(c) && c.length > best.length) best = c;
  if (best) return best;
  for (const c of columns) if (feature.includes(c) && c.length > best.length) best = c;
  return best;
}

/** Fits the spec's preprocessing on the training rows and transforms a page of them. */
export function previewWork(input: PreviewWork, hooks: WorkHooks): PreviewWorkResult {
  const { table, assignment } = loadVersion(input, input.manifest, hooks, 0.4);
  const frame = frameForSpec(table, input.spec);
  const train = partRows(assignment, table.nRows, 0);
  const trainFrame = takeFrameRows(frame, train);
  hooks.progress(0.5, 'jobs.phase.features.preview');
  const pipeline = pipelineFromSpec(input.spec);
  const preprocessor = pipeline.columnTransformer;
  const features = { nRows: trainFrame.nRows, columns: trainFrame.columns.filter((c) => c.name !== input.spec.target) };
  preprocessor.fit(features);
  const start = Math.min(input.offset, train.length);
  const page = Int32Array.from({ length: Math.min(input.limit, train.length - start) }, (_, k) => start + k);
  const X = preprocessor.transform(takeFrameRows(features, page));
  const names = preprocessor.featureNamesOut();
  const featureColumns = input.spec.columns.filter((c) => c.role === 'feature').map((c) => c.name);
  const rows: (number | null)[][] = [];
  for (let i = 0; i < X.nRows; i++) {
    const row: (number | null)[] = new Array(X.nCols);
    for (let j = 0; j < X.nCols; j++) {
      const v = X.data[j * X.nRows + i];
      row[j] = Number.isFinite(v) ? v : null;
    }
    rows.push(row);
  }
  hooks.progress(1, 'jobs.phase.features.preview');
  return {
    featureNames: names,
    sources: names.map((n) => featureSource(n, featureColumns)),
    rowIds: Array.from(page, (k) => table.rowIds[train[k]]),
    rows,
    fittedRows: train.length,
    fittedOn: assignment ? 'train' : 'all',
  };
}
