import { describe, expect, it } from 'vitest';
import { barChart, escapeHtml, lineChart, renderRunReport } from '../../../../../electron/backend/training/html-report.js';
import type { EvaluationReport, RunDetail } from '../../../../../shared/api/methods/training.js';

const run: RunDetail = {
  id: 'r1',
  number: 4,
  batchId: 'b',
  datasetId: 'd',
  datasetName: 'Ventas <2024>',
  versionId: 'v',
  versionNumber: 3,
  featureSetId: null,
  modelId: 'ridge',
  modelKind: 'Ridge',
  params: { alpha: 1 },
  seed: 42,
  task: 'regression',
  target: 'price',
  validation: { scheme: 'holdout', k: null },
  search: null,
  engineVersion: '0.1.0',
  state: 'done',
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:01.000Z',
  endedAt: '2026-01-01T00:00:03.000Z',
  durationMs: 2000,
  jobId: 'j',
  error: null,
  evaluatedOn: 'validation',
  trainRows: 8,
  evaluatedRows: 3,
  metrics: { rmse: 1.5 },
  cv: null,
  objective: null,
  rerunOf: null,
  artifactBytes: 10,
  artifactSha256: 'x',
  chosenThreshold: null,
  hasTestReport: false,
  spec: { version: 1, task: 'regression', target: 'price', columns: [{ name: 'price', kind: 'numeric', role: 'target', steps: [] }, { name: 'area', kind: 'numeric', role: 'feature', steps: [] }], model: { id: 'ridge', params: {} } },
  curveMetric: null,
  curve: [],
  searchResult: null,
  classLabels: null,
  featureNames: ['area'],
};

const report: EvaluationReport = {
  runId: 'r1',
  task: 'regression',
  evaluatedOn: 'validation',
  nRows: 3,
  target: 'price',
  metric: 'rmse',
  metrics: { rmse: 1.5, r2: null },
  objective: { metric: 'rmse', threshold: 2, direction: 'lower', value: 1.5, meets: true },
  lift: { baseline: { runId: 'r0', runNumber: 1, value: 3, lift: 1.5 }, oneRule: null },
  classification: null,
  regression: {
    residuals: { n: 3, mean: 0, std: 1, min: -1, max: 1, q05: -1, q25: -0.5, median: 0, q75: 0.5, q95: 1, meanAbsolute: 0.7, medianAbsolute: 0.5, histogram: { edges: [-1, 0, 1], counts: [1, 2] } },
    scatter: { rowIds: [1, 2, 3], yTrue: [1, 2, 3], yPred: [1.5, 2, 2.5] },
  },
  featureImportances: [{ name: 'area', importance: 0.9 }],
  permutationImportance: null,
  worstErrors: { columns: ['area', 'note'], rows: [{ rowId: 7, cells: ['12', '<script>alert(1)</script>'], actual: '3', predicted: '2.5', probTrue: null, residual: 0.5 }] },
  test: null,
  createdAt: '2026-01-01T00:00:03.000Z',
};

describe('the HTML report', () => {
  it('escapes every text it writes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = renderRunReport(run, report, 'en', '2026-01-02T00:00:00.000Z');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Ventas &lt;2024&gt;');
  });

  it('is one self-contained file: inline SVG charts, no script, no URL', () => {
    const html = renderRunReport(run, report, 'en', '2026-01-02T00:00:00.000Z');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(/i);
    expect((html.match(/<svg /g) ?? []).length).toBe(4); // predicted vs actual, residuals, histogram, importances
    expect(html).toContain('Meets the objective');
    expect(html).toContain('rmse');
  });

  it('speaks Spanish when asked', () => {
    const html = renderRunReport(run, report, 'es', '2026-01-02T00:00:00.000Z');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Cumple el objetivo');
    expect(html).toContain('Peores errores');
  });

  it('charts skip missing points and scale to the data', () => {
    const svg = lineChart([{ name: 'a', x: [0, 1, null, 3], y: [0, 2, 5, null] }], { xLabel: 'x', yLabel: 'y', title: 't' });
    const points = /points="([^"]+)"/.exec(svg)![1].split(' ');
    expect(points).toHaveLength(2);
    expect(barChart([{ label: 'a', value: 2 }, { label: 'b', value: -1 }], 'bars')).toMatch(/fill="#d1242f"/);
  });
});
