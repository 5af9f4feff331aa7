// Ciclo's look for every chart: same font and colours as the app, quiet axes, generous margins,
// the UI language for plotly's own texts (number separators, toolbar tooltips).
import type { Config, Layout } from 'plotly.js';
import type { Locale } from '../i18n/translate.js';

/** Colours used by charts, matching the stylesheet's palette (colour-blind safe order). */
export const CHART_COLORS = ['#2563a8', '#d97a1e', '#2e8a5a', '#b5456b', '#6b5bb5', '#8a7a2e'] as const;

/** Merges a chart's own layout over Ciclo's defaults. */
export function chartLayout(layout: Partial<Layout> = {}): Partial<Layout> {
  return {
    autosize: true,
    font: { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 13, color: '#1f2933' },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    colorway: [...CHART_COLORS],
    margin: { l: 56, r: 16, t: 24, b: 48 },
    hoverlabel: { font: { family: 'system-ui, sans-serif' } },
    ...layout,
    xaxis: { gridcolor: '#e4e7eb', zerolinecolor: '#cbd2d9', ...layout.xaxis },
    yaxis: { gridcolor: '#e4e7eb', zerolinecolor: '#cbd2d9', ...layout.yaxis },
  };
}

/** Plotly configuration: no logo, no cloud links, the UI language. */
export function chartConfig(locale: Locale): Partial<Config> {
  return { displaylogo: false, responsive: true, locale, modeBarButtonsToRemove: ['sendDataToCloud', 'select2d', 'lasso2d'] };
}
