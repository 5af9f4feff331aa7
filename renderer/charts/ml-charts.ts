// Plotly traces for the Features, Train and Evaluate steps: feature relevance, the leaderboard
// with the objective's threshold as a line, learning curves, confusion matrices, ROC / PR /
// calibration curves, threshold tuning, importances and residuals. Pure functions over
// chart-ready series the backend computed (nothing is recomputed here); every text comes
// translated from the caller, so one builder serves both languages. Only the scatter, bar and
// heatmap traces of the partial bundle are used.
import type { Data, Layout, Shape } from 'plotly.js';
import { CHART_COLORS } from './chart-layout.js';

/** A chart: its traces and the layout parts it needs. */
export interface MlChart {
  data: Data[];
  layout: Partial<Layout>;
}

/** Colours with a meaning, matching the stylesheet (good, warning, neutral). */
export const ML_COLORS = {
  model: CHART_COLORS[0],
  meets: '#2e8a5a',
  misses: '#8aa4c4',
  baseline: '#9aa5b1',
  warn: '#d97a1e',
  threshold: '#b42318',
  chance: '#9aa5b1',
} as const;

const MAX_LABEL = 28;

/** Shortens a long name for an axis (the full name stays in the hover text). */
export function shortenLabel(name: string, max = MAX_LABEL): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

/** Escapes a translated text for a plotly hover template (`%{` would start a placeholder). */
export function escapeHover(text: string): string {
  return text.replace(/%\{/g, '%\u200b{').replace(/</g, '&lt;');
}

/** Height that gives each bar of a horizontal chart room for its label. */
export function horizontalBarsHeight(count: number, min = 180, max = 560): number {
  return Math.min(max, Math.max(min, 56 + count * 26));
}

// ---------------------------------------------------------------------------------------------
// Features

/** One bar of the relevance chart. */
export interface RelevanceBar {
  column: string;
  /** The score shown (null = not scored: the bar is left out). */
  value: number | null;
  /** The quality report (or the relevance heuristic) says this column leaks the target. */
  isLeak: boolean;
}

/** Labels of the relevance chart. */
export interface RelevanceLabels {
  /** Axis title of the score ("Mutual information with the target"). */
  score: string;
  /** Hover note on a leaking column. */
  leak: string;
}

/** Columns sorted by score (largest on top); leaking columns are drawn in the warning colour and marked. */
export function relevanceChart(bars: readonly RelevanceBar[], labels: RelevanceLabels, formatValue: (v: number) => string): MlChart {
  const scored = sortRelevance(bars);
  // Plotly draws the first category at the bottom of a horizontal chart: reverse so the best is on top.
  const shown = [...scored].reverse();
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        y: shown.map((b) => (b.isLeak ? `⚠ ${shortenLabel(b.column)}` : shortenLabel(b.column))),
        x: shown.map((b) => b.value),
        text: shown.map((b) => formatValue(b.value)),
        textposition: 'outside',
        cliponaxis: false,
        customdata: shown.map((b) => (b.isLeak ? `${b.column}<br>${escapeHover(labels.leak)}` : b.column)),
        marker: { color: shown.map((b) => (b.isLeak ? ML_COLORS.warn : ML_COLORS.model)) },
        hovertemplate: `%{customdata}<br>${escapeHover(labels.score)}: %{text}<extra></extra>`,
      } as Data,
    ],
    layout: {
      showlegend: false,
      xaxis: { title: { text: labels.score }, rangemode: 'tozero', automargin: true },
      yaxis: { automargin: true, type: 'category' },
      margin: { l: 16, r: 48, t: 8, b: 48 },
    },
  };
}

/** The scored bars, largest first (ties by name, so the order is stable). */
export function sortRelevance(bars: readonly RelevanceBar[]): Array<RelevanceBar & { value: number }> {
  return bars
    .filter((b): b is RelevanceBar & { value: number } => b.value !== null && Number.isFinite(b.value))
    .sort((a, b) => b.value - a.value || a.column.localeCompare(b.column));
}

// ---------------------------------------------------------------------------------------------
// Leaderboard

/** One bar of the leaderboard chart. */
export interface LeaderboardBar {
  runId: string;
  label: string;
  value: number;
  /** Baselines (no ML, one rule) are drawn in grey so the lift over them shows. */
  isBaseline: boolean;
  /** Meets the objective's threshold (null when there is no threshold). */
  meets: boolean | null;
}

/** Labels of the leaderboard chart. */
export interface LeaderboardLabels {
  /** The metric's name (axis title). */
  metric: string;
  /** "Success threshold: 0.8" (written next to the line). */
  threshold: string;
  meets: string;
  misses: string;
  baseline: string;
}

/** A vertical dashed line across the whole plot at x = value (the success threshold). */
export function verticalLine(value: number, color: string = ML_COLORS.threshold): Partial<Shape> {
  return { type: 'line', xref: 'x', yref: 'paper', x0: value, x1: value, y0: 0, y1: 1, line: { color, width: 2, dash: 'dash' } };
}

/** A horizontal dashed line across the whole plot at y = value. */
export function horizontalLine(value: number, color: string = ML_COLORS.threshold): Partial<Shape> {
  return { type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: value, y1: value, line: { color, width: 2, dash: 'dash' } };
}

/**
 * The runs as horizontal bars in the given order (first on top), each coloured by whether it meets
 * the threshold, baselines in grey, and the threshold as a dashed vertical line with its label.
 */
export function leaderboardChart(bars: readonly LeaderboardBar[], threshold: number | null, labels: LeaderboardLabels, formatValue: (v: number) => string): MlChart {
  const shown = [...bars].reverse();
  const status = (b: LeaderboardBar) => (b.isBaseline ? labels.baseline : b.meets === null ? '' : b.meets ? labels.meets : labels.misses);
  const values = bars.map((b) => b.value);
  if (threshold !== null) values.push(threshold);
  const hasNegative = values.some((v) => v < 0);
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        // Run labels may repeat (two runs of one model): the id keeps categories apart.
        y: shown.map((b) => b.runId),
        x: shown.map((b) => b.value),
        text: shown.map((b) => formatValue(b.value)),
        textposition: 'outside',
        cliponaxis: false,
        customdata: shown.map((b) => [b.label, status(b)]),
        marker: {
          color: shown.map((b) => (b.isBaseline ? ML_COLORS.baseline : b.meets === false ? ML_COLORS.misses : b.meets ? ML_COLORS.meets : ML_COLORS.model)),
        },
        hovertemplate: `%{customdata[0]}<br>${escapeHover(labels.metric)}: %{text}<br>%{customdata[1]}<extra></extra>`,
      } as Data,
    ],
    layout: {
      showlegend: false,
      xaxis: { title: { text: labels.metric }, rangemode: hasNegative ? 'normal' : 'tozero', automargin: true },
      yaxis: {
        automargin: true,
        type: 'category',
        tickmode: 'array',
        tickvals: shown.map((b) => b.runId),
        ticktext: shown.map((b) => shortenLabel(b.label, 34)),
      },
      shapes: threshold === null ? [] : [verticalLine(threshold)],
      annotations:
        threshold === null
          ? []
          : [
              {
                x: threshold,
                y: 1,
                xref: 'x',
                yref: 'paper',
                yanchor: 'bottom',
                text: labels.threshold,
                showarrow: false,
                font: { color: ML_COLORS.threshold, size: 12 },
              },
            ],
      margin: { l: 16, r: 56, t: 28, b: 48 },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Learning curves

/** One line of a learning curve. */
export interface CurveSeries {
  name: string;
  x: readonly number[];
  y: ReadonlyArray<number | null>;
  isDashed?: boolean;
  /** Drawn against the right-hand axis (a score on another scale than the loss). */
  isSecondAxis?: boolean;
}

/** Labels of a learning curve. */
export interface LearningCurveLabels {
  iteration: string;
  /** Title of the left axis. */
  metric: string;
  /** Title of the right axis, when a series uses it. */
  secondMetric?: string;
}

/** A metric per iteration (training loss and the validation score), live while the model learns. */
export function learningCurveChart(series: readonly CurveSeries[], labels: LearningCurveLabels): MlChart {
  const hasSecond = series.some((s) => s.isSecondAxis);
  const lastIteration = Math.max(0, ...series.flatMap((s) => s.x));
  // Iterations are whole numbers: with few of them, ticks at 0.5 would read as half an iteration.
  return {
    data: series.map(
      (s, i) =>
        ({
          type: 'scatter',
          mode: s.x.length > 1 ? 'lines' : 'markers',
          name: s.name,
          x: [...s.x],
          y: [...s.y],
          yaxis: s.isSecondAxis ? 'y2' : 'y',
          connectgaps: true,
          line: { color: CHART_COLORS[i % CHART_COLORS.length], width: 2, dash: s.isDashed ? 'dot' : 'solid' },
          hovertemplate: `${escapeHover(s.name)}<br>${escapeHover(labels.iteration)}: %{x}<br>%{y:.4g}<extra></extra>`,
        }) as Data,
    ),
    layout: {
      showlegend: series.length > 1,
      legend: { orientation: 'h', y: 1.2, x: 0 },
      xaxis: { title: { text: labels.iteration }, automargin: true, rangemode: 'tozero', ...(lastIteration <= 10 ? { dtick: 1 } : {}) },
      yaxis: { title: { text: labels.metric }, automargin: true },
      ...(hasSecond ? { yaxis2: { title: { text: labels.secondMetric ?? '' }, overlaying: 'y', side: 'right', automargin: true, showgrid: false } } : {}),
      margin: { l: 56, r: hasSecond ? 56 : 16, t: 28, b: 44 },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Classification

/** Labels of a confusion matrix. */
export interface ConfusionLabels {
  actual: string;
  predicted: string;
  /** What a cell holds ("Rows" or "Share of the actual class"). */
  value: string;
}

/**
 * The confusion matrix as a heatmap: actual classes down, predicted across, the value written in
 * each cell (counts, or shares of each actual class when `normalized`), darker = more rows.
 */
export function confusionChart(
  matrix: readonly (readonly number[])[],
  classes: readonly string[],
  isNormalized: boolean,
  labels: ConfusionLabels,
  formatValue: (v: number) => string,
): MlChart {
  const names = classes.map((c) => shortenLabel(c, 20));
  const max = Math.max(1e-12, ...matrix.flat());
  const z = matrix.map((row) => [...row]);
  const text = matrix.map((row) => row.map((v) => formatValue(v)));
  const isSmall = classes.length <= 12;
  return {
    data: [
      {
        type: 'heatmap',
        x: names,
        y: names,
        z,
        zmin: 0,
        zmax: isNormalized ? 1 : max,
        colorscale: [
          [0, '#f4f7fb'],
          [1, '#1d4f88'],
        ],
        text,
        texttemplate: isSmall ? '%{text}' : '',
        hovertemplate: `${escapeHover(labels.actual)}: %{y}<br>${escapeHover(labels.predicted)}: %{x}<br>${escapeHover(labels.value)}: %{text}<extra></extra>`,
        xgap: 2,
        ygap: 2,
        showscale: false,
        // plotly.js's types miss the per-cell text matrix that heatmaps accept.
      } as unknown as Data,
    ],
    layout: {
      xaxis: { title: { text: labels.predicted }, automargin: true, side: 'bottom', showgrid: false, type: 'category' },
      yaxis: { title: { text: labels.actual }, automargin: true, autorange: 'reversed', showgrid: false, type: 'category' },
      margin: { l: 16, r: 16, t: 16, b: 16 },
    },
  };
}

/** One curve of a ROC, PR or calibration chart. */
export interface XYCurve {
  name: string;
  x: readonly number[];
  y: readonly number[];
}

/** Axis titles and the reference line's name. */
export interface CurveLabels {
  x: string;
  y: string;
  /** Name of the reference line ("Chance", "Perfectly calibrated", "No skill"). */
  reference: string;
}

function curveTraces(curves: readonly XYCurve[], labels: CurveLabels, shape: 'hv' | 'linear' = 'linear', withMarkers = false): Data[] {
  return curves.map(
    (c, i) =>
      ({
        type: 'scatter',
        mode: withMarkers ? 'lines+markers' : 'lines',
        name: c.name,
        x: [...c.x],
        y: [...c.y],
        line: { color: CHART_COLORS[i % CHART_COLORS.length], width: 2, shape },
        hovertemplate: `${escapeHover(c.name)}<br>${escapeHover(labels.x)}: %{x:.3f}<br>${escapeHover(labels.y)}: %{y:.3f}<extra></extra>`,
      }) as Data,
  );
}

function unitAxes(labels: CurveLabels, isSquare: boolean): Partial<Layout> {
  return {
    showlegend: true,
    legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
    xaxis: { title: { text: labels.x }, range: [-0.01, 1.01], automargin: true, ...(isSquare ? { constrain: 'domain' } : {}) },
    yaxis: { title: { text: labels.y }, range: [-0.01, 1.01], automargin: true, ...(isSquare ? { scaleanchor: 'x', scaleratio: 1, constrain: 'domain' } : {}) },
    margin: { l: 56, r: 16, t: 40, b: 44 },
  };
}

/** ROC curves (false positive rate across, true positive rate up) with the chance diagonal. */
export function rocChart(curves: readonly XYCurve[], labels: CurveLabels): MlChart {
  const chance = { type: 'scatter', mode: 'lines', name: labels.reference, x: [0, 1], y: [0, 1], line: { color: ML_COLORS.chance, dash: 'dash', width: 1 }, hoverinfo: 'skip' } as Data;
  return { data: [...curveTraces(curves, labels), chance], layout: unitAxes(labels, true) };
}

/** Precision-recall curves (recall across, precision up) with the no-skill line at the positive rate. */
export function prChart(curves: readonly XYCurve[], positiveRate: number | null, labels: CurveLabels): MlChart {
  const data = curveTraces(curves, labels, 'hv');
  if (positiveRate !== null) {
    data.push({ type: 'scatter', mode: 'lines', name: labels.reference, x: [0, 1], y: [positiveRate, positiveRate], line: { color: ML_COLORS.chance, dash: 'dash', width: 1 }, hoverinfo: 'skip' } as Data);
  }
  return { data, layout: unitAxes(labels, false) };
}

/** Reliability diagram: mean predicted probability per bin across, observed share of positives up, with the diagonal of perfect calibration. */
export function calibrationChart(curves: readonly XYCurve[], labels: CurveLabels): MlChart {
  const perfect = { type: 'scatter', mode: 'lines', name: labels.reference, x: [0, 1], y: [0, 1], line: { color: ML_COLORS.chance, dash: 'dash', width: 1 }, hoverinfo: 'skip' } as Data;
  return { data: [...curveTraces(curves, labels, 'linear', true), perfect], layout: unitAxes(labels, true) };
}

/** Labels of the threshold chart. */
export interface ThresholdLabels {
  threshold: string;
  score: string;
  precision: string;
  recall: string;
  f1: string;
}

/** Precision, recall and F1 against the decision threshold, with the chosen threshold as a line. */
export function thresholdChart(
  points: { thresholds: readonly number[]; precision: readonly number[]; recall: readonly number[]; f1: readonly number[] },
  chosen: number,
  labels: ThresholdLabels,
): MlChart {
  const line = (name: string, y: readonly number[], color: string) =>
    ({
      type: 'scatter',
      mode: 'lines',
      name,
      x: [...points.thresholds],
      y: [...y],
      line: { color, width: 2 },
      hovertemplate: `${escapeHover(name)}: %{y:.3f}<br>${escapeHover(labels.threshold)}: %{x:.3f}<extra></extra>`,
    }) as Data;
  return {
    data: [line(labels.precision, points.precision, CHART_COLORS[0]), line(labels.recall, points.recall, CHART_COLORS[1]), line(labels.f1, points.f1, CHART_COLORS[2])],
    layout: {
      showlegend: true,
      legend: { orientation: 'h', y: 1.16, x: 0 },
      xaxis: { title: { text: labels.threshold }, range: [0, 1], automargin: true },
      yaxis: { title: { text: labels.score }, range: [0, 1.02], automargin: true },
      shapes: [verticalLine(chosen, '#1f2933')],
      margin: { l: 56, r: 16, t: 28, b: 44 },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Importance

/** One bar of an importance chart. */
export interface ImportanceBar {
  feature: string;
  value: number;
  /** Spread over repeats (permutation importance), drawn as an error bar. */
  std?: number;
}

/** Features by importance, largest on top, with error bars when a spread is known. */
export function importanceChart(bars: readonly ImportanceBar[], labels: { value: string }, formatValue: (v: number) => string): MlChart {
  const sorted = [...bars].sort((a, b) => b.value - a.value || a.feature.localeCompare(b.feature));
  const shown = sorted.reverse();
  const hasSpread = shown.some((b) => b.std !== undefined);
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        y: shown.map((b) => shortenLabel(b.feature)),
        x: shown.map((b) => b.value),
        customdata: shown.map((b) => b.feature),
        text: shown.map((b) => formatValue(b.value)),
        // Values are written next to the bars, except where error bars need that room (the hover tells them).
        textposition: hasSpread ? 'none' : 'outside',
        cliponaxis: false,
        marker: { color: ML_COLORS.model },
        ...(hasSpread ? { error_x: { type: 'data', array: shown.map((b) => b.std ?? 0), visible: true, color: '#52606d', thickness: 1.2 } } : {}),
        hovertemplate: `%{customdata}<br>${escapeHover(labels.value)}: %{text}<extra></extra>`,
      } as Data,
    ],
    layout: {
      showlegend: false,
      xaxis: { title: { text: labels.value }, automargin: true, zeroline: true },
      yaxis: { automargin: true, type: 'category' },
      margin: { l: 16, r: 56, t: 8, b: 48 },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Regression

/** Labels of the residual charts. */
export interface ResidualLabels {
  predicted: string;
  actual: string;
  residual: string;
  /** The "perfect prediction" line. */
  perfect: string;
}

/** Residuals (actual − predicted) against the prediction, with the zero line: a good model leaves a shapeless band around it. */
export function residualsChart(predicted: readonly number[], residuals: readonly number[], labels: ResidualLabels): MlChart {
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        x: [...predicted],
        y: [...residuals],
        marker: { color: ML_COLORS.model, size: 5, opacity: 0.55 },
        hovertemplate: `${escapeHover(labels.predicted)}: %{x:.4g}<br>${escapeHover(labels.residual)}: %{y:.4g}<extra></extra>`,
      } as Data,
    ],
    layout: {
      showlegend: false,
      xaxis: { title: { text: labels.predicted }, automargin: true },
      yaxis: { title: { text: labels.residual }, automargin: true, zeroline: true, zerolinecolor: '#52606d', zerolinewidth: 1.5 },
      margin: { l: 56, r: 16, t: 8, b: 44 },
    },
  };
}

/** Predicted against actual values, with the diagonal where they would be equal. */
export function predictedVsActualChart(actual: readonly number[], predicted: readonly number[], labels: ResidualLabels): MlChart {
  const all = [...actual, ...predicted].filter((v) => Number.isFinite(v));
  const lo = all.length > 0 ? Math.min(...all) : 0;
  const hi = all.length > 0 ? Math.max(...all) : 1;
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        x: [...actual],
        y: [...predicted],
        name: labels.predicted,
        marker: { color: ML_COLORS.model, size: 5, opacity: 0.55 },
        hovertemplate: `${escapeHover(labels.actual)}: %{x:.4g}<br>${escapeHover(labels.predicted)}: %{y:.4g}<extra></extra>`,
      } as Data,
      { type: 'scatter', mode: 'lines', name: labels.perfect, x: [lo, hi], y: [lo, hi], line: { color: ML_COLORS.chance, dash: 'dash', width: 1 }, hoverinfo: 'skip' } as Data,
    ],
    layout: {
      showlegend: false,
      xaxis: { title: { text: labels.actual }, automargin: true },
      yaxis: { title: { text: labels.predicted }, automargin: true },
      margin: { l: 56, r: 16, t: 8, b: 44 },
    },
  };
}
