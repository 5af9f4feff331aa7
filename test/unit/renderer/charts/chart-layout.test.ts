import { describe, expect, it } from 'vitest';
import { chartConfig, chartLayout } from '../../../../renderer/charts/chart-layout.js';
import { interopDefault } from '../../../../renderer/charts/plotly-bundle.js';

describe('chart defaults', () => {
  it('lets a chart override the defaults while keeping the axis styling', () => {
    const layout = chartLayout({ height: 200, xaxis: { title: { text: 'False positive rate' } } });
    expect(layout.height).toBe(200);
    expect(layout.xaxis?.title).toEqual({ text: 'False positive rate' });
    expect(layout.xaxis?.gridcolor).toBe('#e4e7eb');
    expect(layout.yaxis?.gridcolor).toBe('#e4e7eb');
  });

  it('uses the UI language and hides the plotly logo', () => {
    expect(chartConfig('es')).toMatchObject({ locale: 'es', displaylogo: false });
  });

  it('unwraps CommonJS modules whichever way the bundler exposes them', () => {
    const value = { register: () => undefined };
    expect(interopDefault({ default: value })).toBe(value);
    expect(interopDefault(value)).toBe(value);
  });
});
