// Plotly's partial bundle, loaded on demand: the core plus only the traces Ciclo draws
// (scatter: curves and residuals; bar: counts and importances; histogram: distributions;
// heatmap: correlations and confusion matrices) and the Spanish locale. The full bundle is
// several MB; this keeps the first screen light. Add a trace here when a step needs one.
import type { ComponentType } from 'react';
import type { PlotParams } from 'react-plotly.js/factory';

/** The Plot component bound to the partial bundle. */
export type PlotComponent = ComponentType<PlotParams>;

/** Plotly's modules are CommonJS: depending on the bundler's interop, the value sits on `default` or is the namespace itself. */
export function interopDefault<T>(module: unknown): T {
  const m = module as { default?: unknown };
  return (m && typeof m === 'object' && 'default' in m && m.default !== undefined ? m.default : module) as T;
}

interface PlotlyCore {
  register: (modules: unknown[]) => void;
}

let loading: Promise<PlotComponent> | null = null;

/** Loads plotly once and returns the Plot component. */
export function loadPlot(): Promise<PlotComponent> {
  loading ??= (async () => {
    const [core, scatter, bar, histogram, heatmap, es, factory] = await Promise.all([
      import('plotly.js/lib/core'),
      import('plotly.js/lib/scatter'),
      import('plotly.js/lib/bar'),
      import('plotly.js/lib/histogram'),
      import('plotly.js/lib/heatmap'),
      // @ts-expect-error -- plotly ships its locale files without type declarations
      import('plotly.js/lib/locales/es'),
      import('react-plotly.js/factory'),
    ]);
    const plotly = interopDefault<PlotlyCore>(core);
    plotly.register([scatter, bar, histogram, heatmap, es].map((m) => interopDefault(m)));
    const create = interopDefault<(p: unknown) => PlotComponent>(factory);
    return create(plotly);
  })();
  // A failed load (e.g. a missing chunk) may be retried later instead of being cached forever.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
