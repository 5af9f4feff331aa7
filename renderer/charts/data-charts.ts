// Plotly traces for the Data step, built from the profile's chart-ready series (the backend sends
// histograms, top-value bars, correlations and class counts; nothing is recomputed here). Pure
// functions: the labels come translated from the caller, so the same builders serve every
// language. Only the bar and heatmap traces of the partial bundle are used.
import type { Data, Layout } from 'plotly.js';
import type { Bars, ClassCount, CorrelationMatrix, Histogram } from '../../shared/domain/dataset.js';
import { CHART_COLORS } from './chart-layout.js';

/** A chart: its traces and the layout parts it needs. */
export interface ChartSpec {
  data: Data[];
  layout: Partial<Layout>;
}

/** Labels a histogram needs. */
export interface HistogramLabels {
  /** Axis title of the values (the column name). */
  value: string;
  /** Axis title of the counts ("Rows"). */
  count: string;
}

/**
 * A histogram drawn as bars over the backend's bins: one bar per bin, as wide as the bin, so
 * unequal bins are drawn truthfully. Date-time edges (epoch ms) are drawn on a date axis.
 */
export function histogramChart(histogram: Histogram, labels: HistogramLabels, isDate = false, formatValue: (v: number) => string = trim): ChartSpec {
  const { edges, counts } = histogram;
  const centers: Array<number | string> = [];
  const widths: number[] = [];
  const ranges: string[] = [];
  for (let i = 0; i < counts.length; i++) {
    const lo = edges[i];
    const hi = edges[i + 1] ?? lo;
    const mid = (lo + hi) / 2;
    centers.push(isDate ? new Date(mid).toISOString() : mid);
    widths.push(Math.max(hi - lo, 0) * 0.98 || 1);
    ranges.push(isDate ? `${new Date(lo).toISOString().slice(0, 10)} – ${new Date(hi).toISOString().slice(0, 10)}` : `${formatValue(lo)} – ${formatValue(hi)}`);
  }
  return {
    data: [
      {
        type: 'bar',
        x: centers,
        y: counts,
        width: widths,
        customdata: ranges,
        marker: { color: CHART_COLORS[0] },
        hovertemplate: `%{customdata}<br>${escapeTemplate(labels.count)}: %{y:,}<extra></extra>`,
      } as Data,
    ],
    layout: {
      bargap: 0,
      showlegend: false,
      xaxis: { title: { text: labels.value }, type: isDate ? 'date' : 'linear', automargin: true },
      yaxis: { title: { text: labels.count }, rangemode: 'tozero', automargin: true },
    },
  };
}

/** Labels of a top-values chart. */
export interface BarsLabels {
  count: string;
  /** The bar of all other values ("Other values"). */
  other: string;
  /** The bar of an empty-string value. */
  empty: string;
}

/** The most frequent values as horizontal bars, largest on top, with "other values" last when there are any. */
export function barsChart(bars: Bars, labels: BarsLabels): ChartSpec {
  const names = bars.labels.map((l) => (l === '' ? labels.empty : l));
  const counts = [...bars.counts];
  if (bars.otherCount > 0) {
    names.push(labels.other);
    counts.push(bars.otherCount);
  }
  const colors = counts.map((_, i) => (bars.otherCount > 0 && i === counts.length - 1 ? '#b8c0ca' : CHART_COLORS[0]));
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        y: names.map(shorten).reverse(),
        x: counts.slice().reverse(),
        customdata: names.slice().reverse(),
        marker: { color: colors.slice().reverse() },
        hovertemplate: `%{customdata}<br>${escapeTemplate(labels.count)}: %{x:,}<extra></extra>`,
      } as Data,
    ],
    layout: {
      showlegend: false,
      xaxis: { title: { text: labels.count }, rangemode: 'tozero', automargin: true },
      yaxis: { automargin: true, type: 'category' },
      margin: { l: 16, r: 16, t: 16, b: 48 },
    },
  };
}

/** Labels of a class-balance chart. */
export interface ClassLabels {
  count: string;
  share: string;
}

/** Classes of the target as vertical bars, with each share written on its bar. */
export function classBalanceChart(classes: readonly ClassCount[], labels: ClassLabels, formatShare: (share: number) => string): ChartSpec {
  return {
    data: [
      {
        type: 'bar',
        x: classes.map((c) => shorten(c.label)),
        y: classes.map((c) => c.count),
        text: classes.map((c) => formatShare(c.share)),
        textposition: 'outside',
        cliponaxis: false,
        customdata: classes.map((c) => c.label),
        marker: { color: classes.map((_, i) => CHART_COLORS[i % CHART_COLORS.length]) },
        hovertemplate: `%{customdata}<br>${escapeTemplate(labels.count)}: %{y:,}<br>${escapeTemplate(labels.share)}: %{text}<extra></extra>`,
      } as Data,
    ],
    layout: {
      showlegend: false,
      xaxis: { type: 'category', automargin: true },
      yaxis: { title: { text: labels.count }, rangemode: 'tozero', automargin: true },
    },
  };
}

/** Per-part class balance: one group of bars per class, one colour per part, heights are shares so parts of different sizes compare. */
export function partBalanceChart(
  parts: ReadonlyArray<{ name: string; classes: readonly ClassCount[] }>,
  labels: { share: string; count: string },
): ChartSpec {
  const classNames: string[] = [];
  for (const p of parts) for (const c of p.classes) if (!classNames.includes(c.label)) classNames.push(c.label);
  return {
    data: parts.map((p, i) => {
      const byLabel = new Map(p.classes.map((c) => [c.label, c]));
      return {
        type: 'bar',
        name: p.name,
        x: classNames.map(shorten),
        y: classNames.map((l) => byLabel.get(l)?.share ?? 0),
        customdata: classNames.map((l) => byLabel.get(l)?.count ?? 0),
        marker: { color: CHART_COLORS[i % CHART_COLORS.length] },
        hovertemplate: `${escapeTemplate(p.name)} · %{x}<br>${escapeTemplate(labels.share)}: %{y:.1%}<br>${escapeTemplate(labels.count)}: %{customdata:,}<extra></extra>`,
      } as Data;
    }),
    layout: {
      barmode: 'group',
      showlegend: true,
      legend: { orientation: 'h', y: 1.12, x: 0 },
      xaxis: { type: 'category', automargin: true },
      yaxis: { title: { text: labels.share }, tickformat: '.0%', rangemode: 'tozero', automargin: true },
      margin: { l: 56, r: 16, t: 40, b: 48 },
    },
  };
}

/** The correlation matrix as a heatmap from -1 (blue) through 0 (white) to +1 (orange), values written in the cells when they fit. */
export function correlationChart(matrix: CorrelationMatrix, labels: { value: string }, formatValue: (v: number) => string): ChartSpec {
  const names = matrix.columns.map(shorten);
  const isSmall = matrix.columns.length <= 12;
  const text = matrix.values.map((row) => row.map((v) => (v === null ? '' : formatValue(v))));
  return {
    data: [
      {
        type: 'heatmap',
        x: names,
        y: names,
        z: matrix.values.map((row) => row.map((v) => (v === null ? null : v))),
        zmin: -1,
        zmax: 1,
        colorscale: [
          [0, '#2563a8'],
          [0.5, '#f7f7f7'],
          [1, '#d97a1e'],
        ],
        text,
        texttemplate: isSmall ? '%{text}' : '',
        hovertemplate: `%{y} · %{x}<br>${escapeTemplate(labels.value)}: %{text}<extra></extra>`,
        xgap: 1,
        ygap: 1,
        colorbar: { thickness: 12, outlinewidth: 0, tickvals: [-1, 0, 1] },
        // plotly.js's types miss the per-cell text matrix that heatmaps accept.
      } as unknown as Data,
    ],
    layout: {
      xaxis: { automargin: true, tickangle: -35, side: 'bottom', showgrid: false },
      yaxis: { automargin: true, autorange: 'reversed', showgrid: false },
      margin: { l: 16, r: 16, t: 16, b: 16 },
    },
  };
}

/** Height that gives each bar of a horizontal chart room for its label. */
export function barsHeight(count: number): number {
  return Math.min(420, Math.max(180, 48 + count * 26));
}

function trim(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return v.toExponential(2);
  return String(Math.round(v * 1e4) / 1e4);
}

// Long category labels would squeeze the plot: they are cut on the axis (full text on hover).
function shorten(label: string): string {
  return label.length > 24 ? `${label.slice(0, 23)}…` : label;
}

// Plotly reads %{...} in hover templates; a label holding such text must not be interpreted.
function escapeTemplate(text: string): string {
  return text.replace(/%\{/g, '%\u200b{');
}
