// Pure rules of the Evaluate step: the leaderboard (finished runs scored on the same rows, sorted
// by any metric with the metric's direction, best first), the objective's threshold line, the
// lift of the best model over "no ML" and over the one-rule model, and binary threshold tuning.
// No React, no API: the store and the screens call these; tests drive them directly.
import type { MetricId, TaskType } from '../../shared/domain/metrics.js';
import { METRIC_IDS, METRICS, meetsThreshold, metricsForTask } from '../../shared/domain/metrics.js';
import type { RunSummary, Thresholds } from '../../shared/api/methods/training.js';
import { isBaselineModel } from './training-logic.js';

/** One row of the leaderboard. */
export interface LeaderboardRow {
  run: RunSummary;
  isBaseline: boolean;
  /** Value of the sort metric (null when the run has none). */
  value: number | null;
  /** Meets the objective's threshold (null when there is no objective verdict). */
  meets: boolean | null;
}

/** Direction of a metric id: the shared catalogue's, else by name (losses and errors are lower-is-better). */
export function metricDirection(id: string): 'higher' | 'lower' {
  if ((METRIC_IDS as readonly string[]).includes(id)) return METRICS[id as MetricId].direction;
  return /loss|error|brier|mae|mse|rmse|mape/i.test(id) ? 'lower' : 'higher';
}

/** A metric value, or null when it is missing or not finite. */
export function metricValue(run: RunSummary, metric: string): number | null {
  const v = run.metrics?.[metric];
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

/** The metrics the leaderboard offers as columns: the task's catalogue metrics any finished run has. */
export function leaderboardMetrics(runs: readonly RunSummary[], task: TaskType): MetricId[] {
  return metricsForTask(task)
    .map((m) => m.id)
    .filter((id) => runs.some((r) => metricValue(r, id) !== null));
}

// The columns a leaderboard shows before the user picks others: a handful a beginner can read.
const MAIN_COLUMNS: Readonly<Record<TaskType, readonly MetricId[]>> = {
  classification: ['accuracy', 'balanced_accuracy', 'f1_macro', 'roc_auc', 'log_loss'],
  regression: ['rmse', 'mae', 'r2', 'mape'],
};

/**
 * The metric columns of the leaderboard table: the sort metric and the objective's first, then the
 * task's main metrics, among those the runs have (every metric stays reachable through "Compare by").
 */
export function leaderboardColumns(available: readonly MetricId[], task: TaskType, sortMetric: string, objectiveMetric: MetricId | null, max = 5): MetricId[] {
  const wanted = [sortMetric, objectiveMetric, ...MAIN_COLUMNS[task]].filter((m): m is MetricId => m !== null && (available as readonly string[]).includes(m));
  return [...new Set(wanted)].slice(0, Math.max(max, 2));
}

/** Finished runs of a task that have metrics. */
export function finishedRuns(runs: readonly RunSummary[], task: TaskType | null): RunSummary[] {
  return runs.filter((r) => r.state === 'done' && r.metrics !== null && (task === null || r.task === task));
}

/** How the leaderboard is ordered: by a metric, best first (`best`) or worst first. */
export interface LeaderboardSort {
  metric: string;
  order: 'best' | 'worst';
}

/**
 * The leaderboard rows sorted by a metric in its own direction (best first by default); runs
 * without a value go last whatever the order; ties keep the newest run first.
 */
export function sortLeaderboard(runs: readonly RunSummary[], sort: LeaderboardSort): LeaderboardRow[] {
  const direction = metricDirection(sort.metric);
  const sign = (direction === 'higher' ? -1 : 1) * (sort.order === 'best' ? 1 : -1);
  const rows = runs.map(
    (run): LeaderboardRow => ({
      run,
      isBaseline: isBaselineModel(run.modelId),
      value: metricValue(run, sort.metric),
      meets: run.objective ? run.objective.meets : null,
    }),
  );
  return rows.sort((a, b) => {
    if (a.value === null && b.value === null) return b.run.number - a.run.number;
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return sign * (a.value - b.value) || b.run.number - a.run.number;
  });
}

/** The objective's success threshold as the chart draws it. */
export interface ThresholdLine {
  metric: MetricId;
  value: number;
  direction: 'higher' | 'lower';
}

/**
 * The threshold line for a chart of `metric`: drawn only when the chart shows the objective's own
 * metric (a threshold of recall means nothing on an accuracy axis).
 */
export function thresholdLine(objective: { metric: MetricId; threshold: number; taskType: TaskType } | null, metric: string, task: TaskType | null): ThresholdLine | null {
  if (!objective || objective.metric !== metric) return null;
  if (task !== null && objective.taskType !== task) return null;
  return { metric: objective.metric, value: objective.threshold, direction: METRICS[objective.metric].direction };
}

/** Whether a value meets a threshold line (null when either is missing). */
export function meetsLine(line: ThresholdLine | null, value: number | null): boolean | null {
  if (!line || value === null) return null;
  return meetsThreshold(line.metric, value, line.value);
}

/** The best model against the two references, for the sentence above the leaderboard. */
export interface LiftSummary {
  metric: string;
  best: LeaderboardRow | null;
  /** The "no ML" baseline (most frequent class / mean). */
  baseline: LeaderboardRow | null;
  oneRule: LeaderboardRow | null;
  /** Improvement of the best model over each, positive = better (sign-adjusted for lower-is-better metrics). */
  overBaseline: number | null;
  overOneRule: number | null;
}

function improvement(metric: string, value: number | null, reference: number | null): number | null {
  if (value === null || reference === null) return null;
  return metricDirection(metric) === 'higher' ? value - reference : reference - value;
}

/**
 * Best non-reference model by `metric` and its lift over the newest baseline and one-rule runs
 * evaluated on the same dataset version and the same kind of rows (otherwise the comparison would
 * not be fair, and none is made).
 */
export function liftSummary(runs: readonly RunSummary[], metric: string): LiftSummary {
  const sorted = sortLeaderboard(runs, { metric, order: 'best' });
  const best = sorted.find((r) => !r.isBaseline && r.value !== null) ?? null;
  const sameRows = (r: LeaderboardRow) => !best || (r.run.versionId === best.run.versionId && r.run.evaluatedOn === best.run.evaluatedOn);
  const newest = (modelId: string) =>
    sorted.filter((r) => r.run.modelId === modelId && r.value !== null && sameRows(r)).sort((a, b) => b.run.number - a.run.number)[0] ?? null;
  const baseline = newest('baseline');
  const oneRule = newest('onerule');
  return {
    metric,
    best,
    baseline,
    oneRule,
    overBaseline: best && baseline ? improvement(metric, best.value, baseline.value) : null,
    overOneRule: best && oneRule ? improvement(metric, best.value, oneRule.value) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Threshold tuning

/** A candidate threshold's outcome. */
export type ThresholdPoint = Thresholds['candidates'][number];

/**
 * The candidate a slider value selects, as the backend will save it: the nearest candidate at or
 * below the value (candidates are in decreasing order); the lowest one when the value is below all.
 */
export function pointAt(candidates: readonly ThresholdPoint[], value: number): ThresholdPoint | null {
  if (candidates.length === 0) return null;
  let chosen: ThresholdPoint | null = null;
  for (const c of candidates) {
    if (c.threshold <= value && (chosen === null || c.threshold > chosen.threshold)) chosen = c;
  }
  if (chosen) return chosen;
  return candidates.reduce((lo, c) => (c.threshold < lo.threshold ? c : lo), candidates[0]);
}

/** Precision, recall and F1 series against the threshold (increasing), for the chart. */
export function thresholdSeries(candidates: readonly ThresholdPoint[]): { thresholds: number[]; precision: number[]; recall: number[]; f1: number[] } {
  const sorted = [...candidates].filter((c) => c.threshold >= 0 && c.threshold <= 1).sort((a, b) => a.threshold - b.threshold);
  return {
    thresholds: sorted.map((c) => c.threshold),
    precision: sorted.map((c) => c.precision ?? 0),
    recall: sorted.map((c) => c.recall ?? 0),
    f1: sorted.map((c) => c.f1 ?? 0),
  };
}

/** Where the slider starts: the saved choice, else the model's own rule, else 0.5. */
export function initialThreshold(thresholds: Thresholds): number {
  return thresholds.chosen?.threshold ?? thresholds.current?.threshold ?? 0.5;
}

/** A confusion matrix row-normalised (share of each actual class); an empty row stays zeros. */
export function normalizeRows(counts: readonly (readonly number[])[]): number[][] {
  return counts.map((row) => {
    const total = row.reduce((s, v) => s + v, 0);
    return row.map((v) => (total > 0 ? v / total : 0));
  });
}

/** Pairs of non-null points of a curve (the backend writes null for undefined values). */
export function finitePairs(xs: ReadonlyArray<number | null>, ys: ReadonlyArray<number | null>): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const a = xs[i];
    const b = ys[i];
    if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    x.push(a);
    y.push(b);
  }
  return { x, y };
}
