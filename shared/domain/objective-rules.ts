/**
 * Field rules of the objective, beyond its shape: the metric must fit the task type, the threshold
 * must lie in the metric's range (shared/domain/metrics.ts), binary-only metrics need the positive
 * class, and inputs/target must be described. The backend enforces them on `objective.save`; the
 * UI may run the same function to show messages at the fields before saving.
 *
 * Message keys (translated by the UI; `params` interpolated):
 *   errors.objective.inputsRequired         field `inputs`
 *   errors.objective.targetRequired         field `target`
 *   errors.objective.metricNotForTask       field `metric`         params { metric, taskType }
 *   errors.objective.thresholdNotFinite     field `threshold`
 *   errors.objective.thresholdBelowMin      field `threshold`      params { metric, min }
 *   errors.objective.thresholdAboveMax      field `threshold`      params { metric, max }
 *   errors.objective.positiveClassRequired  field `positiveClass`  params { metric }
 */
import { METRICS } from './metrics.js';
import type { Objective } from './objective.js';

/** One broken rule, at one field. */
export interface ObjectiveIssue {
  field: 'inputs' | 'target' | 'metric' | 'threshold' | 'positiveClass';
  messageKey: string;
  params?: Record<string, string | number>;
  /** English fallback, for logs and scripts. */
  message: string;
}

/** Every broken rule of `o` (empty when it can be saved), in form order. */
export function validateObjective(o: Objective): ObjectiveIssue[] {
  const issues: ObjectiveIssue[] = [];
  if (o.inputs.trim() === '') {
    issues.push({ field: 'inputs', messageKey: 'errors.objective.inputsRequired', message: 'Describe what the model takes as input.' });
  }
  if (o.target.trim() === '') {
    issues.push({ field: 'target', messageKey: 'errors.objective.targetRequired', message: 'Name what the model outputs (the target).' });
  }
  const metric = METRICS[o.metric];
  if (metric.task !== o.taskType) {
    issues.push({
      field: 'metric',
      messageKey: 'errors.objective.metricNotForTask',
      params: { metric: o.metric, taskType: o.taskType },
      message: `The metric ${o.metric} does not measure ${o.taskType}; choose one of the ${o.taskType} metrics.`,
    });
  } else {
    if (!Number.isFinite(o.threshold)) {
      issues.push({ field: 'threshold', messageKey: 'errors.objective.thresholdNotFinite', message: 'The threshold must be a number.' });
    } else if (metric.min !== null && o.threshold < metric.min) {
      issues.push({
        field: 'threshold',
        messageKey: 'errors.objective.thresholdBelowMin',
        params: { metric: o.metric, min: metric.min },
        message: `The threshold for ${o.metric} cannot be below ${metric.min}.`,
      });
    } else if (metric.max !== null && o.threshold > metric.max) {
      issues.push({
        field: 'threshold',
        messageKey: 'errors.objective.thresholdAboveMax',
        params: { metric: o.metric, max: metric.max },
        message: `The threshold for ${o.metric} cannot be above ${metric.max}.`,
      });
    }
    if (metric.isBinaryOnly && (o.positiveClass ?? '').trim() === '') {
      issues.push({
        field: 'positiveClass',
        messageKey: 'errors.objective.positiveClassRequired',
        params: { metric: o.metric },
        message: `${o.metric} counts one class as positive: name it.`,
      });
    }
  }
  return issues;
}
