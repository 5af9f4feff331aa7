// The one chart component later steps use: lazy-loads plotly on first use, applies Ciclo's
// layout and the UI language, and gives the chart an accessible name. It draws only the data it
// is given; there is no sample or placeholder data anywhere.
import { Component, Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import type { Data, Layout } from 'plotly.js';
import { useT } from '../i18n/use-t.js';
import { chartConfig, chartLayout } from './chart-layout.js';
import { loadPlot } from './plotly-bundle.js';

const Plot = lazy(() => loadPlot().then((component) => ({ default: component })));

/** Chart props. */
export interface ChartProps {
  /** What the chart shows, for screen readers (and as the figure caption when `isCaptioned`). */
  title: string;
  data: Data[];
  layout?: Partial<Layout>;
  height?: number;
  isCaptioned?: boolean;
}

/** A plotly chart. */
export function Chart({ title, data, layout, height = 320, isCaptioned }: ChartProps) {
  const { t, locale } = useT();
  return (
    <figure className="chart" aria-label={title} style={{ minHeight: height }}>
      <ChartBoundary fallback={<p className="notice notice--error">{t('charts.failed')}</p>}>
      <Suspense fallback={<p className="muted chart__loading">{t('charts.loading')}</p>}>
        <Plot
          data={data}
          layout={chartLayout({ height, ...layout })}
          config={chartConfig(locale)}
          useResizeHandler
          style={{ width: '100%', height }}
        />
      </Suspense>
      </ChartBoundary>
      {isCaptioned ? <figcaption className="chart__caption">{title}</figcaption> : null}
    </figure>
  );
}

/** Keeps a chart that fails to load (or to draw) from taking the whole step down with it. */
class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { hasFailed: boolean }> {
  override state = { hasFailed: false };

  static getDerivedStateFromError(): { hasFailed: boolean } {
    return { hasFailed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('ciclo: a chart failed', error);
  }

  override render(): ReactNode {
    return this.state.hasFailed ? this.props.fallback : this.props.children;
  }
}
