/**
 * The catalogue of success metrics a user can pick in the Objective step, and that the
 * Evaluate step compares against. Ids follow scikit-learn's scorer names where one exists.
 */
import { z } from 'zod';

/** Task types Ciclo supports. */
export const TASK_TYPES = ['classification', 'regression'] as const;
/** Schema of a task type. */
export const TaskTypeSchema = z.enum(TASK_TYPES);
/** A task type. */
export type TaskType = z.infer<typeof TaskTypeSchema>;

/** Metric ids. */
export const METRIC_IDS = [
  'accuracy',
  'balanced_accuracy',
  'f1_macro',
  'f1',
  'precision',
  'recall',
  'roc_auc',
  'average_precision',
  'log_loss',
  'brier',
  'mae',
  'rmse',
  'r2',
  'mape',
] as const;
/** Schema of a metric id. */
export const MetricIdSchema = z.enum(METRIC_IDS);
/** A metric id. */
export type MetricId = z.infer<typeof MetricIdSchema>;

/** What a metric is and how to read it. */
export interface MetricInfo {
  id: MetricId;
  task: TaskType;
  /** `higher`: bigger is better (success means value >= threshold); `lower`: the reverse. */
  direction: 'higher' | 'lower';
  /** Closed range of values the threshold may take; `null` bound = unbounded. */
  min: number | null;
  max: number | null;
  /** True when the metric only makes sense for two classes (the positive class must be known). */
  isBinaryOnly: boolean;
}

/** Every metric, keyed by id. */
export const METRICS: Readonly<Record<MetricId, MetricInfo>> = {
  accuracy: { id: 'accuracy', task: 'classification', direction: 'higher', min: 0, max: 1, isBinaryOnly: false },
  balanced_accuracy: { id: 'balanced_accuracy', task: 'classification', direction: 'higher', min: 0, max: 1, isBinaryOnly: false },
  f1_macro: { id: 'f1_macro', task: 'classification', direction: 'higher', min: 0, max: 1, isBinaryOnly: false },
  f1: { id: 'f1', task: 'classification', direction: 'higher', min: 0, max: 1, isBinaryOnly: true },
  precision: { id: 'precision', task: 'classification', direction: 'higher', min: 0, max: 1, isBinaryOnly: true },
  recall: { id: 'recall', task: 'classification', direction: 'higher', min: 0, max: 1, isBinaryOnly: true },
  roc_auc: { id: 'roc_auc', task: 'classification', direction: 'higher', min: 0, max: 1, isBinaryOnly: false },
  average_precision: { id: 'average_precision', task: 'classification', direction: 'higher', min: 0, max: 1, isBinaryOnly: true },
  log_loss: { id: 'log_loss', task: 'classification', direction: 'lower', min: 0, max: null, isBinaryOnly: false },
  brier: { id: 'brier', task: 'classification', direction: 'lower', min: 0, max: 1, isBinaryOnly: true },
  mae: { id: 'mae', task: 'regression', direction: 'lower', min: 0, max: null, isBinaryOnly: false },
  rmse: { id: 'rmse', task: 'regression', direction: 'lower', min: 0, max: null, isBinaryOnly: false },
  r2: { id: 'r2', task: 'regression', direction: 'higher', min: null, max: 1, isBinaryOnly: false },
  mape: { id: 'mape', task: 'regression', direction: 'lower', min: 0, max: null, isBinaryOnly: false },
};

/** The metrics that fit a task, in the order the UI lists them. */
export function metricsForTask(task: TaskType): MetricInfo[] {
  return METRIC_IDS.map((id) => METRICS[id]).filter((m) => m.task === task);
}

/** True when `value` meets a success threshold for `metric`. */
export function meetsThreshold(metric: MetricId, value: number, threshold: number): boolean {
  if (!Number.isFinite(value)) return false;
  return METRICS[metric].direction === 'higher' ? value >= threshold : value <= threshold;
}
