import { describe, expect, it } from 'vitest';
import { frameFromRows, type FrameSchemaEntry } from '../../../../../electron/ml/core/frame.js';
import { ArtifactError } from '../../../../../electron/ml/core/errors.js';
import { pipelineFromSpec, parsePipelineSpec } from '../../../../../electron/ml/compose/from-spec.js';
import type { ModelPipeline } from '../../../../../electron/ml/compose/model-pipeline.js';
import { createEstimator, loadArtifact } from '../../../../../electron/ml/registry.js';
import { defaultPipelineSpec, type ColumnProfileInput } from '../../../../../shared/domain/pipeline-spec.js';

const SCHEMA: FrameSchemaEntry[] = [
  { name: 'id', kind: 'categorical' },
  { name: 'x1', kind: 'numeric' },
  { name: 'x2', kind: 'numeric' },
  { name: 'color', kind: 'categorical' },
  { name: 'when', kind: 'datetime' },
  { name: 'label', kind: 'categorical' },
];
const rows = Array.from({ length: 120 }, (_, i) => {
  const x1 = Math.sin(i) * 3;
  const x2 = Math.cos(i * 1.3) * 2;
  const color = ['red', 'green', 'blue'][i % 3];
  return { id: `r${i}`, x1: i % 9 === 0 ? null : x1, x2, color, when: Date.UTC(2022, i % 12, 1 + (i % 28)), label: x1 + (color === 'red' ? 2 : 0) > 0.5 ? 'A' : 'B' };
});
const frame = frameFromRows(rows, SCHEMA);
const profile: ColumnProfileInput[] = SCHEMA.map((c) => ({ name: c.name, kind: c.kind, rowCount: 120, distinctCount: c.name === 'id' ? 120 : c.name === 'color' ? 3 : 100, missingCount: c.name === 'x1' ? 14 : 0 }));

describe('pipelineFromSpec', () => {
  it('builds and fits the default spec for each model family, predicting raw rows', () => {
    for (const id of ['logreg', 'baseline', 'onerule', 'linsvm', 'knn', 'nb', 'mnb', 'mlp', 'tree', 'rf', 'hgb']) {
      const spec = defaultPipelineSpec(profile, 'classification', { target: 'label', model: { id, params: {} } });
      const p = pipelineFromSpec(spec).fit(frame);
      const out = p.predictRows([{ x1: 1, x2: 0, color: 'red', when: '2022-05-01' }, { x1: null, x2: null, color: 'mauve', when: null }]);
      expect(out.task).toBe('classification');
      expect(p.inputSchema.map((c) => c.name)).toEqual(['x1', 'x2', 'color', 'when']);
      expect(p.getParams().spec).toEqual(spec);
    }
  });

  it('builds the default regression spec for each regression model', () => {
    const regProfile = profile.map((c) => (c.name === 'x2' ? { ...c } : c));
    for (const id of ['baseline', 'onerule', 'linreg', 'ridge', 'knn', 'mlp', 'tree', 'rf', 'hgb']) {
      const spec = defaultPipelineSpec(regProfile, 'regression', { target: 'x2', model: { id, params: {} } });
      const p = pipelineFromSpec(spec).fit(frame);
      const out = p.predictRows([{ x1: 1, color: 'red', when: '2022-05-01', label: 'A' }, { x1: null, color: null, when: null, label: null }]);
      expect(out.task === 'regression' && out.values.every(Number.isFinite)).toBe(true);
    }
  });

  it('groups numeric columns with the same steps into one entry', () => {
    const spec = defaultPipelineSpec(profile.map((c) => ({ ...c, missingCount: 0 })), 'classification', { target: 'label' });
    const p = pipelineFromSpec(spec);
    const entries = p.columnTransformer.namedTransformers.map(([name, , cols]) => [name, cols]);
    expect(entries[0]).toEqual(['numeric_1', ['x1', 'x2']]);
  });

  it('is reachable through the registry, and loads back from its artifact', () => {
    const spec = defaultPipelineSpec(profile, 'classification', { target: 'label' });
    const p = createEstimator('ModelPipeline', spec as unknown as Record<string, unknown>) as ModelPipeline;
    p.fit(frame);
    const loaded = loadArtifact(JSON.parse(JSON.stringify(p.toArtifact()))) as ModelPipeline;
    expect(loaded.predictFrame(frame)).toEqual(p.predictFrame(frame));
  });

  it('refuses an unknown version, a malformed spec and an unknown model with clear errors', () => {
    const spec = defaultPipelineSpec(profile, 'classification', { target: 'label' });
    expect(() => parsePipelineSpec({ ...spec, version: 9 })).toThrow(/Pipeline spec version 9 is not supported/);
    expect(() => parsePipelineSpec({ ...spec, columns: 'all' })).toThrow(ArtifactError);
    expect(() => parsePipelineSpec(null)).toThrow(/not an object/);
    expect(() => pipelineFromSpec({ ...spec, model: { id: 'magic', params: {} } })).toThrow(/Unknown model "magic"/);
    expect(() => pipelineFromSpec({ ...spec, model: { id: 'ridge', params: {} } })).toThrow(/Model "ridge" does not do classification/);
    expect(() => pipelineFromSpec({ ...spec, model: { id: 'logreg', params: { C: 1, depth: 3 } } })).toThrow(/LogisticRegression has no parameter "depth"/);
  });
});
