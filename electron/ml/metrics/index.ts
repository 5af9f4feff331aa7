/**
 * Metrics of the ML engine: scikit-learn-compatible classification, ranking, probability and
 * regression metrics, threshold tuning, `computeMetric` keyed by the Objective step's metric ids,
 * and the full evaluation reports of the Evaluate step.
 */
export * from './classification.js';
export * from './ranking.js';
export * from './probabilistic.js';
export * from './regression.js';
export * from './threshold.js';
export * from './compute.js';
export * from './report.js';
export { argsortStable, uniqueLabels, type LabelArray } from './internal.js';
