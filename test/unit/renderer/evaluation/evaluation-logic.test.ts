// The Evaluate step's pure rules: leaderboard sorting in each metric's direction, the objective's
// threshold line, the lift of the best model over the references, and threshold tuning.
import { describe, expect, it } from 'vitest';
import type { Thresholds } from '../../../../shared/api/methods/training.js';
import {
  finishedRuns,
  finitePairs,
  initialThreshold,
  leaderboardColumns,
  leaderboardMetrics,
  liftSummary,
  meetsLine,
  metricDirection,
  normalizeRows,
  pointAt,
  sortLeaderboard,
  thresholdLine,
  thresholdSeries,
} from '../../../../renderer/stores/evaluation-logic.js';
import { runSummary } from '../training/fixtures.js';

const point = (threshold: number, precision: number, recall: number) => ({ threshold, precision, recall, f1: (2 * precision * recall) / (precision + recall), tp: 1, fp: 1, fn: 1, tn: 1 });

describe('the leaderboard', () => {
  const runs = [
    runSummary({ number: 1, modelId: 'baseline', metrics: { accuracy: 0.6, log_loss: 0.69 } }),
    runSummary({ number: 2, modelId: 'onerule', metrics: { accuracy: 0.7, log_loss: 0.6 } }),
    runSummary({ number: 3, modelId: 'hgb', metrics: { accuracy: 0.9, log_loss: 0.3 } }),
    runSummary({ number: 4, modelId: 'logreg', metrics: { accuracy: 0.85, log_loss: null } }),
  ];

  it('puts the best first for a higher-is-better metric', () => {
    expect(sortLeaderboard(runs, { metric: 'accuracy', order: 'best' }).map((r) => r.run.number)).toEqual([3, 4, 2, 1]);
  });

  it('puts the lowest first for a lower-is-better metric, and runs without a value last', () => {
    expect(sortLeaderboard(runs, { metric: 'log_loss', order: 'best' }).map((r) => r.run.number)).toEqual([3, 2, 1, 4]);
    expect(sortLeaderboard(runs, { metric: 'log_loss', order: 'worst' }).map((r) => r.run.number)).toEqual([1, 2, 3, 4]);
  });

  it('marks the references and keeps each run’s objective verdict', () => {
    const withVerdict = [runSummary({ number: 7, metrics: { accuracy: 0.95 }, objective: { metric: 'accuracy', threshold: 0.8, direction: 'higher', value: 0.95, meets: true } }), ...runs];

    const rows = sortLeaderboard(withVerdict, { metric: 'accuracy', order: 'best' });

    expect(rows.map((r) => [r.run.number, r.isBaseline, r.meets])).toEqual([
      [7, false, true],
      [3, false, null],
      [4, false, null],
      [2, true, null],
      [1, true, null],
    ]);
  });

  it('offers the task’s metrics that finished runs have, and only finished runs of the task', () => {
    const all = [...runs, runSummary({ number: 5, state: 'running', metrics: null }), runSummary({ number: 6, task: 'regression', metrics: { rmse: 3 } })];

    expect(finishedRuns(all, 'classification').map((r) => r.number)).toEqual([1, 2, 3, 4]);
    expect(leaderboardMetrics(finishedRuns(all, 'classification'), 'classification')).toEqual(['accuracy', 'log_loss']);
  });

  it('shows the sort metric and the objective’s first, then the task’s main metrics the runs have', () => {
    const available = ['accuracy', 'balanced_accuracy', 'f1_macro', 'roc_auc', 'log_loss', 'brier'] as const;

    expect(leaderboardColumns(available, 'classification', 'brier', 'roc_auc', 4)).toEqual(['brier', 'roc_auc', 'accuracy', 'balanced_accuracy']);
    expect(leaderboardColumns(available, 'classification', 'roc_auc', 'roc_auc', 4)).toEqual(['roc_auc', 'accuracy', 'balanced_accuracy', 'f1_macro']);
    expect(leaderboardColumns(['rmse', 'r2'], 'regression', 'r2', null)).toEqual(['r2', 'rmse']);
  });

  it('knows the direction of metrics outside the objective catalogue', () => {
    expect(metricDirection('rmse')).toBe('lower');
    expect(metricDirection('median_absolute_error')).toBe('lower');
    expect(metricDirection('max_error')).toBe('lower');
    expect(metricDirection('f1_weighted')).toBe('higher');
    expect(metricDirection('explained_variance')).toBe('higher');
  });
});

describe('the threshold line', () => {
  const objective = { metric: 'recall' as const, threshold: 0.8, taskType: 'classification' as const };

  it('is drawn only on the objective’s own metric and task', () => {
    expect(thresholdLine(objective, 'recall', 'classification')).toEqual({ metric: 'recall', value: 0.8, direction: 'higher' });
    expect(thresholdLine(objective, 'accuracy', 'classification')).toBeNull();
    expect(thresholdLine(objective, 'recall', 'regression')).toBeNull();
    expect(thresholdLine(null, 'recall', 'classification')).toBeNull();
  });

  it('judges values in the metric’s direction', () => {
    const rmse = thresholdLine({ metric: 'rmse', threshold: 3, taskType: 'regression' }, 'rmse', 'regression');

    expect(meetsLine(thresholdLine(objective, 'recall', null), 0.8)).toBe(true);
    expect(meetsLine(thresholdLine(objective, 'recall', null), 0.79)).toBe(false);
    expect(meetsLine(rmse, 2.5)).toBe(true);
    expect(meetsLine(rmse, 3.5)).toBe(false);
    expect(meetsLine(rmse, null)).toBeNull();
  });
});

describe('the lift over the references', () => {
  it('measures the best model against the newest baseline and one-rule runs on the same data', () => {
    const runs = [
      runSummary({ number: 1, modelId: 'baseline', metrics: { accuracy: 0.6 } }),
      runSummary({ number: 2, modelId: 'onerule', metrics: { accuracy: 0.7 } }),
      runSummary({ number: 3, modelId: 'hgb', metrics: { accuracy: 0.9 } }),
      runSummary({ number: 4, modelId: 'onerule', metrics: { accuracy: 0.72 } }),
      runSummary({ number: 5, modelId: 'onerule', versionId: 'v2', metrics: { accuracy: 0.95 } }),
    ];

    const lift = liftSummary(runs, 'accuracy');

    expect(lift.best?.run.number).toBe(3);
    expect(lift.oneRule?.run.number).toBe(4);
    expect(lift.overOneRule).toBeCloseTo(0.18, 12);
    expect(lift.overBaseline).toBeCloseTo(0.3, 12);
  });

  it('counts a lower error as a positive lift', () => {
    const runs = [
      runSummary({ number: 1, task: 'regression', modelId: 'baseline', metrics: { rmse: 10 } }),
      runSummary({ number: 2, task: 'regression', modelId: 'ridge', metrics: { rmse: 6 } }),
    ];

    const lift = liftSummary(runs, 'rmse');

    expect(lift.overBaseline).toBe(4);
    expect(lift.oneRule).toBeNull();
    expect(lift.overOneRule).toBeNull();
  });

  it('says honestly when the best model does not beat one rule', () => {
    const runs = [runSummary({ number: 1, modelId: 'onerule', metrics: { accuracy: 0.8 } }), runSummary({ number: 2, modelId: 'knn', metrics: { accuracy: 0.75 } })];

    expect(liftSummary(runs, 'accuracy').overOneRule).toBeCloseTo(-0.05, 12);
  });

  it('has no best model when only the references finished', () => {
    const lift = liftSummary([runSummary({ number: 1, modelId: 'baseline' })], 'accuracy');

    expect(lift.best).toBeNull();
    expect(lift.overBaseline).toBeNull();
  });
});

describe('threshold tuning', () => {
  const candidates = [point(0.9, 0.95, 0.3), point(0.6, 0.85, 0.6), point(0.4, 0.7, 0.8), point(0.1, 0.5, 1)];

  it('selects the candidate the backend will save: the nearest at or below the slider', () => {
    expect(pointAt(candidates, 0.65)?.threshold).toBe(0.6);
    expect(pointAt(candidates, 0.6)?.threshold).toBe(0.6);
    expect(pointAt(candidates, 0.99)?.threshold).toBe(0.9);
    expect(pointAt(candidates, 0.05)?.threshold).toBe(0.1);
    expect(pointAt([], 0.5)).toBeNull();
  });

  it('draws the series in increasing threshold order', () => {
    const series = thresholdSeries(candidates);

    expect(series.thresholds).toEqual([0.1, 0.4, 0.6, 0.9]);
    expect(series.recall).toEqual([1, 0.8, 0.6, 0.3]);
  });

  it('starts at the saved choice, else at the model’s own rule', () => {
    const base: Thresholds = { runId: 'r', positiveClass: 'yes', candidates, best: { f1: null, balancedAccuracy: null, accuracy: null }, current: candidates[2], chosen: null };

    expect(initialThreshold(base)).toBe(0.4);
    expect(initialThreshold({ ...base, chosen: { ...candidates[1], author: 'ana', at: '2025-03-01T10:00:00.000Z' } })).toBe(0.6);
    expect(initialThreshold({ ...base, current: null })).toBe(0.5);
  });
});

describe('chart helpers', () => {
  it('normalises confusion rows and drops undefined curve points', () => {
    expect(normalizeRows([
      [3, 1],
      [0, 0],
    ])).toEqual([
      [0.75, 0.25],
      [0, 0],
    ]);
    expect(finitePairs([0, null, 0.5, 1], [0, 0.2, null, 1])).toEqual({ x: [0, 1], y: [0, 1] });
  });
});
