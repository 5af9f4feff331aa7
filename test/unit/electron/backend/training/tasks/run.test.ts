import { describe, expect, it } from 'vitest';
import { metricsFor, rankingMetric, searchCandidates, searchableParams } from '../../../../../../electron/backend/training/tasks/run.js';
import { paramsKey } from '../../../../../../electron/ml/model-selection/param-space.js';

describe('metrics of a run', () => {
  it('lists binary-only metrics only for two classes', () => {
    expect(metricsFor('classification', 2)).toContain('f1');
    expect(metricsFor('classification', 3)).not.toContain('f1');
    expect(metricsFor('classification', 3)).toContain('roc_auc');
    expect(metricsFor('regression', 0)).toEqual(['mae', 'rmse', 'r2', 'mape']);
  });

  it('ranks by the requested metric when it applies, else by the task default', () => {
    expect(rankingMetric('recall', 'classification', 2)).toBe('recall');
    expect(rankingMetric('recall', 'classification', 4)).toBe('balanced_accuracy');
    expect(rankingMetric('accuracy', 'regression', 0)).toBe('rmse');
  });
});

describe('search candidates', () => {
  it('never vary the seed or what the user fixed', () => {
    const names = searchableParams('rf', 'classification', { maxDepth: 5 }).map((p) => p.name);
    expect(names).not.toContain('randomState');
    expect(names).not.toContain('maxDepth');
    expect(names).toContain('nEstimators');
  });

  it('random candidates are seeded, distinct, and a shorter list is a prefix of a longer one (replay)', () => {
    const specs = searchableParams('hgb', 'classification', {});
    const a = searchCandidates({ kind: 'random', budgetSeconds: 1, maxCandidates: 8 }, specs, 11, 8);
    const b = searchCandidates({ kind: 'random', budgetSeconds: 1, maxCandidates: 8 }, specs, 11, 3);
    const c = searchCandidates({ kind: 'random', budgetSeconds: 1, maxCandidates: 8 }, specs, 12, 8);
    expect(a).toHaveLength(8);
    expect(new Set(a.map(paramsKey)).size).toBe(8);
    expect(b).toEqual(a.slice(0, 3));
    expect(c).not.toEqual(a);
  });

  it('a grid varies the first three parameters (every combination once), truncated to the candidate count', () => {
    const specs = searchableParams('hgb', 'classification', {});
    const grid = searchCandidates({ kind: 'grid', budgetSeconds: 1, maxCandidates: 1000 }, specs, 0, 1000);
    const varied = Object.keys(grid[0]);
    expect(varied).toEqual(specs.slice(0, 3).map((s) => s.name));
    const sizes = varied.map((name) => new Set(grid.map((g) => JSON.stringify(g[name]))).size);
    expect(grid.length).toBe(sizes.reduce((a, b) => a * b, 1));
    expect(new Set(grid.map(paramsKey)).size).toBe(grid.length);
    expect(searchCandidates({ kind: 'grid', budgetSeconds: 1, maxCandidates: 4 }, specs, 0, 4)).toEqual(grid.slice(0, 4));
    expect(searchCandidates({ kind: 'grid', budgetSeconds: 1, maxCandidates: 4 }, [], 0, 4)).toEqual([{}]);
  });
});
