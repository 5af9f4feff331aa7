// The ML chart builders: what each chart draws from the series it is given (order, colours with a
// meaning, the threshold line, axis titles in the caller's language).
import { describe, expect, it } from 'vitest';
import type { Shape } from 'plotly.js';
import {
  ML_COLORS,
  confusionChart,
  importanceChart,
  leaderboardChart,
  learningCurveChart,
  prChart,
  predictedVsActualChart,
  relevanceChart,
  residualsChart,
  rocChart,
  thresholdChart,
} from '../../../../renderer/charts/ml-charts.js';

const fmt = (v: number) => v.toFixed(2);
type Trace = Record<string, unknown> & { x?: unknown[]; y?: unknown[] };

describe('leaderboard chart', () => {
  const labels = { metric: 'ROC AUC', threshold: 'Goal: 0.8', meets: 'Meets', misses: 'Below', baseline: 'reference' };
  const bars = [
    { runId: 'a', label: '#3 · Logistic regression', value: 0.88, isBaseline: false, meets: true },
    { runId: 'b', label: '#6 · Nearest neighbours', value: 0.7, isBaseline: false, meets: false },
    { runId: 'c', label: '#1 · No ML', value: 0.5, isBaseline: true, meets: null },
  ];

  it('draws the runs best on top, coloured by the goal, with the threshold as a dashed vertical line and its label', () => {
    const chart = leaderboardChart(bars, 0.8, labels, fmt);
    const trace = chart.data[0] as Trace & { marker: { color: string[] } };

    // Plotly draws the first category at the bottom: the best run comes last in the arrays.
    expect(trace.y).toEqual(['c', 'b', 'a']);
    expect(trace.marker.color).toEqual([ML_COLORS.baseline, ML_COLORS.misses, ML_COLORS.meets]);
    const line = chart.layout.shapes?.[0] as Partial<Shape>;
    expect(line).toMatchObject({ type: 'line', x0: 0.8, x1: 0.8, yref: 'paper' });
    expect(chart.layout.annotations?.[0]).toMatchObject({ x: 0.8, text: 'Goal: 0.8' });
    expect(chart.layout.yaxis?.ticktext).toEqual(['#1 · No ML', '#6 · Nearest neighbours', '#3 · Logistic regression']);
  });

  it('draws no line without a threshold, and lets negative scores (R²) below zero', () => {
    const chart = leaderboardChart([{ ...bars[0], value: -0.2 }], null, labels, fmt);

    expect(chart.layout.shapes).toEqual([]);
    expect(chart.layout.xaxis?.rangemode).toBe('normal');
  });
});

describe('feature charts', () => {
  it('sorts relevance bars, drops unscored columns and marks leaks', () => {
    const chart = relevanceChart(
      [
        { column: 'a', value: 0.1, isLeak: false },
        { column: 'leak', value: 0.99, isLeak: true },
        { column: 'text', value: null, isLeak: false },
        { column: 'b', value: 0.3, isLeak: false },
      ],
      { score: 'Mutual information', leak: 'Possible leak' },
      fmt,
    );
    const trace = chart.data[0] as Trace & { marker: { color: string[] } };

    expect(trace.y).toEqual(['a', 'b', '⚠ leak']);
    expect(trace.marker.color).toEqual([ML_COLORS.model, ML_COLORS.model, ML_COLORS.warn]);
    expect(chart.layout.xaxis?.title).toEqual({ text: 'Mutual information' });
  });

  it('sorts importances and adds error bars only when a spread is known', () => {
    const withSpread = importanceChart([{ feature: 'x', value: 0.1, std: 0.02 }, { feature: 'y', value: 0.3, std: 0.01 }], { value: 'Drop' }, fmt).data[0] as Trace;
    const without = importanceChart([{ feature: 'x', value: 0.1 }], { value: 'Importance' }, fmt).data[0] as Trace;

    expect(withSpread.y).toEqual(['x', 'y']);
    expect(withSpread.error_x).toMatchObject({ array: [0.02, 0.01] });
    expect(withSpread.textposition).toBe('none');
    expect(without.error_x).toBeUndefined();
    expect(without.textposition).toBe('outside');
  });
});

describe('evaluation charts', () => {
  it('writes each confusion cell and fixes the colour range of shares to 0..1', () => {
    const counts = confusionChart([[40, 27], [14, 144]], ['leave', 'stay'], false, { actual: 'Real', predicted: 'Predicted', value: 'Rows' }, String).data[0] as Trace;
    const shares = confusionChart([[0.6, 0.4], [0.1, 0.9]], ['leave', 'stay'], true, { actual: 'Real', predicted: 'Predicted', value: 'Share' }, fmt).data[0] as Trace;

    expect(counts.text).toEqual([['40', '27'], ['14', '144']]);
    expect(counts.zmax).toBe(144);
    expect(shares.zmax).toBe(1);
  });

  it('adds the chance diagonal to ROC and the positive rate to PR, with translated axis titles', () => {
    const roc = rocChart([{ name: 'stay', x: [0, 0.2, 1], y: [0, 0.7, 1] }], { x: 'Tasa de falsos positivos', y: 'Tasa de verdaderos positivos', reference: 'Azar' });
    const pr = prChart([{ name: 'stay', x: [0, 1], y: [1, 0.7] }], 0.7, { x: 'Recall', y: 'Precision', reference: 'No skill' });

    expect(roc.data).toHaveLength(2);
    expect((roc.data[1] as Trace).name).toBe('Azar');
    expect(roc.layout.xaxis?.title).toEqual({ text: 'Tasa de falsos positivos' });
    expect((pr.data[1] as Trace).y).toEqual([0.7, 0.7]);
    expect(prChart([], null, { x: 'R', y: 'P', reference: 'No skill' }).data).toHaveLength(0);
  });

  it('marks the chosen decision threshold', () => {
    const chart = thresholdChart({ thresholds: [0.1, 0.5], precision: [0.5, 0.8], recall: [1, 0.6], f1: [0.67, 0.69] }, 0.5, { threshold: 'T', score: 'S', precision: 'P', recall: 'R', f1: 'F1' });

    expect(chart.data.map((d) => (d as Trace).name)).toEqual(['P', 'R', 'F1']);
    expect(chart.layout.shapes?.[0]).toMatchObject({ x0: 0.5, x1: 0.5 });
  });

  it('plots residuals around zero and predictions against the diagonal over the data range', () => {
    const labels = { predicted: 'Predicted', actual: 'Real', residual: 'Error', perfect: 'Perfect' };
    const residuals = residualsChart([1, 2], [0.5, -0.5], labels);
    const diagonal = predictedVsActualChart([1, 4], [2, 3], labels).data[1] as Trace;

    expect(residuals.layout.yaxis).toMatchObject({ title: { text: 'Error' }, zeroline: true });
    expect(diagonal.x).toEqual([1, 4]);
    expect(diagonal.y).toEqual([1, 4]);
  });
});

describe('learning curve', () => {
  it('puts a score on its own right-hand axis and uses whole-number ticks for a few iterations', () => {
    const chart = learningCurveChart(
      [
        { name: 'Training loss', x: [1, 2, 3], y: [0.6, 0.5, null] },
        { name: 'Validation accuracy', x: [1, 2, 3], y: [0.7, 0.75, 0.8], isSecondAxis: true, isDashed: true },
      ],
      { iteration: 'Iteration', metric: 'Training loss', secondMetric: 'accuracy' },
    );

    expect((chart.data[1] as Trace).yaxis).toBe('y2');
    expect(chart.layout.yaxis2).toMatchObject({ overlaying: 'y', side: 'right', title: { text: 'accuracy' } });
    expect(chart.layout.xaxis?.dtick).toBe(1);
    expect(learningCurveChart([{ name: 'a', x: [0, 50], y: [1, 0.5] }], { iteration: 'I', metric: 'L' }).layout.xaxis?.dtick).toBeUndefined();
  });
});
