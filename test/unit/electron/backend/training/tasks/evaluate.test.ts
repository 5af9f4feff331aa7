import { describe, expect, it } from 'vitest';
import { buildReport, cleanProbabilities, MAX_THRESHOLD_CANDIDATES, pointFromCounts } from '../../../../../../electron/backend/training/tasks/evaluate.js';
import { createTable } from '../../../../../../electron/backend/data/table.js';
import { createMatrix } from '../../../../../../electron/ml/core/matrix.js';
import { Rng } from '../../../../../../electron/ml/core/rng.js';

function table(n: number) {
  return createTable(
    [
      { type: 'numeric', name: 'x', values: Float64Array.from({ length: n }, (_, i) => i / 10) },
      { type: 'categorical', name: 'city', codes: Int32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : i % 2)), levels: ['Lima', 'Quito'] },
    ],
    Int32Array.from({ length: n }, (_, i) => 1000 + i),
  );
}

describe('buildReport (classification)', () => {
  it('maps classes, rows and cells back to the user\'s labels, row ids and values', () => {
    const t = table(6);
    const rows = Int32Array.from([5, 3, 1]);
    const proba = createMatrix(3, 2, Float64Array.from([0.9, 0.2, 0.4, 0.1, 0.8, 0.6]));
    const { report, thresholds } = buildReport({
      evaluatedOn: 'validation',
      table: t,
      rows,
      prediction: { task: 'classification', classIndex: [0, 1, 1], proba },
      classLabels: ['no', 'yes'],
      trueLabels: ['yes', 'yes', 'no'],
      positiveClass: 'yes',
    });
    expect(report.classification?.confusionMatrix).toMatchObject({ labels: ['no', 'yes'], counts: [[0, 1], [1, 1]] });
    expect(report.metrics.accuracy).toBeCloseTo(1 / 3, 12);
    expect(report.worstErrors.columns).toEqual(['x', 'city']);
    // Misclassified rows, least probability on the true class first: position 5 (p(yes)=0.1), then 1.
    expect(report.worstErrors.rows.map((r) => [r.rowId, r.actual, r.predicted])).toEqual([
      [1005, 'yes', 'no'],
      [1001, 'no', 'yes'],
    ]);
    expect(report.worstErrors.rows[0].cells).toEqual(['0.5', 'Quito']);
    expect(report.worstErrors.rows[1].cells).toEqual(['0.1', 'Quito']);
    expect(thresholds?.positiveClass).toBe('yes');
    expect(thresholds?.current).toEqual(pointFromCounts(0.5, 1, 1, 1, 0));
  });

  it('keeps labels the model never saw as their own rows of the confusion matrix', () => {
    const t = table(4);
    const { report, thresholds } = buildReport({
      evaluatedOn: 'validation',
      table: t,
      rows: Int32Array.from([0, 1, 2, 3]),
      prediction: { task: 'classification', classIndex: [0, 1, 0, 1], proba: createMatrix(4, 2, Float64Array.from([0.7, 0.3, 0.6, 0.4, 0.3, 0.7, 0.4, 0.6])) },
      classLabels: ['a', 'b'],
      trueLabels: ['a', 'b', 'c', 'b'],
      positiveClass: null,
    });
    expect(report.classification?.confusionMatrix.labels).toEqual(['a', 'b', 'c']);
    expect(report.classification?.confusionMatrix.counts[2]).toEqual([1, 0, 0]);
    expect(report.classification?.perClass.map((c) => [c.name, c.support])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 1],
    ]);
    expect(report.metrics.accuracy).toBeCloseTo(0.75, 12);
    // Three classes now: no binary metrics and no threshold table.
    expect(report.metrics.f1).toBeUndefined();
    expect(report.classification?.positiveClass).toBeNull();
    expect(thresholds).toBeNull();
  });

  it('thins the threshold table to the candidate limit, finite and decreasing', () => {
    const n = 5000;
    const rng = new Rng(4);
    const p = Float64Array.from({ length: n }, () => rng.next());
    const proba = createMatrix(n, 2, Float64Array.from([...p.map((v) => 1 - v), ...p]));
    const labels = Array.from(p, (v) => (rng.next() < v ? 'yes' : 'no'));
    const { thresholds } = buildReport({
      evaluatedOn: 'validation',
      table: table(n),
      rows: Int32Array.from({ length: n }, (_, i) => i),
      prediction: { task: 'classification', classIndex: Array.from(p, (v) => (v >= 0.5 ? 1 : 0)), proba },
      classLabels: ['no', 'yes'],
      trueLabels: labels,
    });
    const th = thresholds!.candidates.map((c) => c.threshold);
    expect(th.length).toBeLessThanOrEqual(MAX_THRESHOLD_CANDIDATES);
    expect(th.length).toBeGreaterThan(1000);
    expect(th.every(Number.isFinite)).toBe(true);
    expect(th).toEqual([...th].sort((a, b) => b - a));
    expect(thresholds!.best.f1!.f1).toBeGreaterThan(0.5);
  });
});

describe('buildReport (regression)', () => {
  it('reports residuals with row ids and the worst rows with their values', () => {
    const t = table(5);
    const { report, thresholds } = buildReport({
      evaluatedOn: 'test',
      table: t,
      rows: Int32Array.from([4, 2, 0]),
      prediction: { task: 'regression', values: [10, 5, 1] },
      trueValues: [12, 5, -2],
      importances: [
        { name: 'x', importance: 0.2 },
        { name: 'city_Lima', importance: -0.7 },
        { name: 'bad', importance: Number.NaN },
      ],
    });
    expect(thresholds).toBeNull();
    expect(report.evaluatedOn).toBe('test');
    expect(report.metrics.mae).toBeCloseTo(5 / 3, 12);
    expect(report.regression?.scatter.rowIds).toEqual([1004, 1002, 1000]);
    expect(report.worstErrors.rows[0]).toMatchObject({ rowId: 1000, actual: '-2', predicted: '1', residual: -3, cells: ['0', null] });
    expect(report.featureImportances).toEqual([
      { name: 'city_Lima', importance: -0.7 },
      { name: 'x', importance: 0.2 },
    ]);
  });
});

describe('cleanProbabilities', () => {
  it('clamps floating-point dust around [0, 1] and leaves clean or badly wrong values alone', () => {
    const clean = createMatrix(2, 2, Float64Array.from([0, 1, 1, 0]));
    expect(cleanProbabilities(clean)).toBe(clean);
    const dusty = createMatrix(2, 2, Float64Array.from([-1e-16, 1 + 2e-16, 1, 0]));
    expect(Array.from(cleanProbabilities(dusty).data)).toEqual([0, 1, 1, 0]);
    expect(Array.from(dusty.data)).toEqual([-1e-16, 1 + 2e-16, 1, 0]);
    const wrong = createMatrix(1, 2, Float64Array.from([-0.5, 1.5]));
    expect(Array.from(cleanProbabilities(wrong).data)).toEqual([-0.5, 1.5]);
  });
});
