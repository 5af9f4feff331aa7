import { describe, expect, it } from 'vitest';
import { METRIC_IDS, METRICS } from '../../../../../shared/domain/metrics.js';
import { computeMetric, isBetterScore, labelsFromProba, metricNeed } from '../../../../../electron/ml/metrics/compute.js';
import { accuracyScore, f1Score, precisionRecallFscore } from '../../../../../electron/ml/metrics/classification.js';
import { fromRows } from '../../../../../electron/ml/core/matrix.js';
import { expectClose, loadFixture, matrixFromRows, weightsOf } from './sklearn-fixtures.js';

const binary = loadFixture<any[]>('binary-scores.json');
const proba = loadFixture<any[]>('probabilities.json');
const regression = loadFixture<any[]>('regression.json');

describe('computeMetric covers every metric id of the Objective step', () => {
  it('has a need for every id', () => {
    for (const id of METRIC_IDS) expect(['labels', 'proba', 'values']).toContain(metricNeed(id));
  });

  it('computes every id on a binary problem and a regression problem', () => {
    // Arrange: a binary problem with probabilities, labels 0/1
    const P = fromRows([[0.8, 0.2], [0.3, 0.7], [0.6, 0.4], [0.1, 0.9], [0.45, 0.55]]);
    const cls = { yTrue: [0, 1, 1, 1, 0], proba: P, classes: [0, 1] };
    const reg = { yTrue: [1, 2, 3, 4], yPred: [1.1, 1.9, 3.3, 3.5] };
    // Act / Assert
    for (const id of METRIC_IDS) {
      const v = computeMetric(id, METRICS[id].task === 'classification' ? cls : reg);
      expect(Number.isFinite(v), id).toBe(true);
    }
  });

  it('matches scikit-learn on the binary fixtures (roc_auc, average_precision, brier, log_loss)', () => {
    const cases = binary.filter((c) => c.brier !== undefined && typeof c.rocAuc === 'number' && c.logLoss1d !== undefined);
    expect(cases.length).toBeGreaterThan(8);
    for (const c of cases) {
      const neg = c.posLabel === 1 ? 0 : 2;
      const classes = [neg, c.posLabel];
      const P = fromRows(c.yScore.map((p: number) => [1 - p, p]));
      const input = { yTrue: c.yTrue, proba: P, classes, positiveClass: c.posLabel, sampleWeight: weightsOf(c.sampleWeight) };
      expectClose(computeMetric('roc_auc', input), c.rocAuc, 1e-9, `${c.name} roc_auc`);
      expectClose(computeMetric('average_precision', input), c.averagePrecision, 1e-9, `${c.name} ap`);
      expectClose(computeMetric('brier', input), c.brier, 1e-9, `${c.name} brier`);
      // log loss of the two-column matrix: [1 - p, p] renormalised, as scikit-learn does for a vector
      expectClose(computeMetric('log_loss', input), c.logLoss1d, 1e-9, `${c.name} log_loss`);
    }
  });

  it('matches scikit-learn on multiclass probabilities (roc_auc = one-vs-rest macro, log_loss)', () => {
    for (const c of proba.filter((x) => x.classes.length > 2 && typeof x.rocAucOvr_macro === 'number')) {
      const input = { yTrue: c.yTrue, proba: matrixFromRows(c.proba), classes: c.classes, sampleWeight: weightsOf(c.sampleWeight) };
      expectClose(computeMetric('roc_auc', input), c.rocAucOvr_macro, 1e-9, c.name);
      expectClose(computeMetric('log_loss', input), c.logLoss, 1e-9, c.name);
    }
  });

  it('matches scikit-learn on regression fixtures', () => {
    for (const c of regression) {
      const input = { yTrue: c.yTrue, yPred: c.yPred, sampleWeight: weightsOf(c.sampleWeight) };
      expectClose(computeMetric('mae', input), c.mae, 1e-9, c.name);
      expectClose(computeMetric('rmse', input), c.rmse, 1e-9, c.name);
      expectClose(computeMetric('r2', input), c.r2, 1e-9, c.name);
      expectClose(computeMetric('mape', input), c.mape, 1e-9, c.name);
    }
  });

  it('derives labels by arg-max and uses the given positive class', () => {
    const P = fromRows([[0.2, 0.8], [0.6, 0.4], [0.5, 0.5], [0.9, 0.1]]);
    expect(Array.from(labelsFromProba(P, [3, 8]))).toEqual([8, 3, 3, 3]);
    const yTrue = [8, 3, 8, 3];
    const input = { yTrue, proba: P, classes: [3, 8] };
    expect(computeMetric('accuracy', input)).toBe(accuracyScore(yTrue, [8, 3, 3, 3]));
    expect(computeMetric('f1', { ...input, positiveClass: 3 })).toBe(f1Score(yTrue, [8, 3, 3, 3], { posLabel: 3 }));
    expect(computeMetric('f1_macro', input)).toBe(precisionRecallFscore(yTrue, [8, 3, 3, 3], { average: 'macro' }).fScore);
  });

  it('refuses binary-only metrics on three classes and probability metrics without probabilities', () => {
    const three = { yTrue: [0, 1, 2], yPred: [0, 1, 1] };
    expect(() => computeMetric('f1', three)).toThrow(/two classes/);
    expect(() => computeMetric('roc_auc', three)).toThrow(/needs class probabilities/);
  });

  it('knows the direction of each metric', () => {
    expect(isBetterScore('accuracy', 0.9, 0.8)).toBe(true);
    expect(isBetterScore('log_loss', 0.2, 0.3)).toBe(true);
    expect(isBetterScore('rmse', NaN, 3)).toBe(false);
    expect(isBetterScore('r2', 0.1, NaN)).toBe(true);
  });
});
