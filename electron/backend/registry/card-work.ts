/**
 * The data side of registering a version, inside a worker thread (registry/card.worker.ts): it
 * loads the run's dataset version through the worker's own connection and, on the validation
 * part, takes
 *   - one real input row (the first validation row, as the model reads it) for the Serve step's
 *     copyable curl example, and
 *   - per-group metrics for every column the user watched as sensitive in the quality check, by
 *     predicting the validation rows with the registered pipeline: the fairness notes of the card.
 * It writes nothing; the backend commits the version with these facts in one transaction.
 */
import type { PipelineSpec } from '../../../shared/domain/pipeline-spec.js';
import { METRICS, type MetricId } from '../../../shared/domain/metrics.js';
import type { Frame, FrameColumn, FrameSchemaEntry } from '../../ml/core/frame.js';
import { takeFrameRows } from '../../ml/core/frame.js';
import { takeRows as takeMatrixRows, type Matrix } from '../../ml/core/matrix.js';
import { ModelPipeline } from '../../ml/compose/model-pipeline.js';
import { computeMetric } from '../../ml/metrics/compute.js';
import type { VersionManifest } from '../storage/repos/datasets.js';
import { cellText, getColumn } from '../data/table.js';
import { frameForSpec, loadVersion, partRows, targetLabels, targetValues, type ProjectRef } from '../training/tasks/data.js';

/** Input of the card work. */
export interface CardWork extends ProjectRef {
  manifest: VersionManifest;
  /** The spec the run fitted (its frame is the one the Evaluate step scored). */
  spec: PipelineSpec;
  artifactJson: string;
  /** Columns watched as sensitive (quality check `groupColumns`) that the version still has. */
  sensitiveColumns: string[];
  /** Binary problems: the positive class label (the objective's, else the second label). */
  positiveClass: string | null;
  /** The objective's metric, computed per group when it applies to the task. */
  objectiveMetric: MetricId | null;
}

/** One group's facts. */
export interface GroupFacts {
  group: string;
  rows: number;
  share: number;
  metrics: Record<string, number | null>;
}

/** What the card work returns. */
export interface CardWorkResult {
  /** The first validation row keyed by input column, as JSON the server reads back identically; null without validation rows. */
  example: Record<string, number | string | null> | null;
  validationRows: number;
  fairness: { column: string; groups: GroupFacts[]; maxGap: number | null }[];
}

/** Groups beyond this many (the largest first) are merged into one `(other)` group. */
const MAX_GROUPS = 20;
/** Groups smaller than this do not count for the largest gap (their metrics are too noisy). */
export const MIN_GAP_ROWS = 20;

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The value of row `i` of a frame column as JSON the inference server reads back to the same value. */
export function jsonCell(c: FrameColumn, i: number): number | string | null {
  switch (c.kind) {
    case 'numeric':
      return Number.isNaN(c.values[i]) ? null : c.values[i];
    case 'datetime':
      return Number.isNaN(c.values[i]) ? null : new Date(c.values[i]).toISOString();
    case 'categorical':
      return c.codes[i] < 0 ? null : c.levels[c.codes[i]];
    case 'text':
      return c.values[i];
  }
}

/** One row of `frame` keyed by the schema's columns. */
export function exampleRow(frame: Frame, schema: readonly FrameSchemaEntry[], i: number): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const e of schema) {
    const c = frame.columns.find((x) => x.name === e.name);
    if (!c) continue;
    // A numeric dataset column the model reads as a category is sent as its text, as clients would.
    const v = jsonCell(c, i);
    out[e.name] = (e.kind === 'categorical' || e.kind === 'text') && typeof v === 'number' ? String(v) : v;
  }
  return out;
}

function classificationMetrics(yTrue: Int32Array, yPred: Int32Array, proba: Matrix | null, nClasses: number, positive: number | null, objective: MetricId | null): Record<string, number | null> {
  const classes = Array.from({ length: nClasses }, (_, k) => k);
  const input = { yTrue, yPred, proba: proba ?? undefined, classes, positiveClass: positive ?? undefined };
  const out: Record<string, number | null> = {
    accuracy: num(computeMetric('accuracy', input)),
    balanced_accuracy: num(computeMetric('balanced_accuracy', input)),
  };
  if (nClasses === 2 && positive !== null) {
    let predictedPositive = 0;
    for (const p of yPred) if (p === positive) predictedPositive++;
    out.positive_rate = yPred.length === 0 ? null : predictedPositive / yPred.length;
  }
  if (objective && METRICS[objective].task === 'classification' && !(objective in out)) {
    const info = METRICS[objective];
    if (!(info.isBinaryOnly && (nClasses !== 2 || positive === null))) {
      try {
        out[objective] = num(computeMetric(objective, input));
      } catch {
        // Not defined on this group (e.g. probabilities missing): left out rather than guessed.
      }
    }
  }
  return out;
}

function regressionMetrics(yTrue: Float64Array, yPred: Float64Array): Record<string, number | null> {
  let sumP = 0;
  let sumT = 0;
  for (let i = 0; i < yTrue.length; i++) {
    sumP += yPred[i];
    sumT += yTrue[i];
  }
  const n = yTrue.length;
  return {
    mae: num(computeMetric('mae', { yTrue, yPred })),
    rmse: num(computeMetric('rmse', { yTrue, yPred })),
    mean_prediction: n === 0 ? null : sumP / n,
    mean_actual: n === 0 ? null : sumT / n,
  };
}

/** Runs the card work. */
export function cardWork(input: CardWork, hooks: { signal: AbortSignal }): CardWorkResult {
  const progress = (): void => undefined;
  const { table, assignment } = loadVersion(input, input.manifest, { signal: hooks.signal, progress }, 1);
  const frame = frameForSpec(table, input.spec);
  const valid = partRows(assignment, frame.nRows, 1);
  const pipeline = ModelPipeline.fromArtifact(JSON.parse(input.artifactJson));
  const schema = pipeline.inputSchema;
  if (valid.length === 0) return { example: null, validationRows: 0, fairness: [] };
  const validFrame = takeFrameRows(frame, valid);
  const example = exampleRow(validFrame, schema, 0);
  if (input.sensitiveColumns.length === 0) return { example, validationRows: valid.length, fairness: [] };

  const target = input.spec.target;
  const prediction = pipeline.predictFrame(validFrame, { probabilities: pipeline.task === 'classification' });
  const fairness: CardWorkResult['fairness'] = [];
  for (const column of input.sensitiveColumns) {
    if (hooks.signal.aborted) break;
    const source = getColumn(table, column);
    const byGroup = new Map<string, number[]>();
    for (let k = 0; k < valid.length; k++) {
      const g = cellText(source, valid[k]) ?? '(missing)';
      let list = byGroup.get(g);
      if (!list) {
        list = [];
        byGroup.set(g, list);
      }
      list.push(k);
    }
    let groups = [...byGroup.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
    if (groups.length > MAX_GROUPS) {
      const rest = groups.slice(MAX_GROUPS - 1).flatMap(([, rows]) => rows);
      groups = [...groups.slice(0, MAX_GROUPS - 1), ['(other)', rest]];
    }
    const facts: GroupFacts[] = groups.map(([group, rows]) => {
      const idx = Int32Array.from(rows);
      let metrics: Record<string, number | null>;
      if (prediction.task === 'classification') {
        const labels = prediction.classLabels;
        const index = new Map(labels.map((l, k) => [l, k]));
        const trueLabels = targetLabels(validFrame, target);
        const yTrue = Int32Array.from(idx, (r) => index.get(trueLabels[r] as string) ?? -1);
        const yPred = Int32Array.from(idx, (r) => prediction.classIndex[r]);
        const proba = prediction.probabilities ? takeMatrixRows(prediction.probabilities, idx) : null;
        const positive = labels.length === 2 ? Math.max(0, input.positiveClass !== null ? labels.indexOf(input.positiveClass) : 1) : null;
        metrics = classificationMetrics(yTrue, yPred, proba, labels.length, positive, input.objectiveMetric);
      } else {
        const yAll = targetValues(validFrame, target);
        metrics = regressionMetrics(Float64Array.from(idx, (r) => yAll[r]), Float64Array.from(idx, (r) => prediction.values[r]));
      }
      return { group, rows: rows.length, share: rows.length / valid.length, metrics };
    });
    const key = prediction.task === 'classification' ? 'accuracy' : 'mae';
    const values = facts.filter((f) => f.rows >= MIN_GAP_ROWS && f.group !== '(other)').map((f) => f.metrics[key]).filter((v): v is number => v !== null);
    fairness.push({ column, groups: facts, maxGap: values.length >= 2 ? Math.max(...values) - Math.min(...values) : null });
  }
  return { example, validationRows: valid.length, fairness };
}
