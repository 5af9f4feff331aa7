import { describe, expect, it } from 'vitest';
import { gridSearch, randomSearch } from '../../../../../electron/ml/model-selection/search.js';
import { expandGrid, gridValues, sampleParams } from '../../../../../electron/ml/model-selection/param-space.js';
import type { FittableModel } from '../../../../../electron/ml/model-selection/data.js';
import { CancelledError } from '../../../../../electron/ml/core/errors.js';
import type { Matrix } from '../../../../../electron/ml/core/matrix.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';
import { createEstimator, MODEL_CATALOG } from '../../../../../electron/ml/registry.js';
import type { ParamSpec } from '../../../../../shared/domain/model-catalog.js';
import { blobs, CentroidClassifier, line, ScaledLineRegressor } from './tiny-models.js';

const scaleSpec: ParamSpec = { name: 'scale', type: 'float', default: 1, min: 0.25, max: 4, isLogScale: true };

describe('parameter spaces', () => {
  it('spans numeric ranges evenly, geometrically on a log scale, with null for nullable ones', () => {
    expect(gridValues(scaleSpec, 5)).toEqual([0.25, 0.5, 1, 2, 4]);
    expect(gridValues({ name: 'depth', type: 'int', default: null, min: 2, max: 10, isNullable: true }, 3)).toEqual([2, 6, 10, null]);
    expect(gridValues({ name: 'loss', type: 'enum', default: 'a', options: ['a', 'b'] }, 3)).toEqual(['a', 'b']);
    expect(expandGrid({ a: [1, 2], b: ['x', 'y'] })).toEqual([{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]);
    expect(() => expandGrid({ a: [1, 2, 3], b: [1, 2, 3] }, 8)).toThrow(/9 combinations/);
  });

  it('draws log-scale parameters log-uniformly and stays in range', () => {
    // Arrange
    const spec: ParamSpec = { name: 'C', type: 'float', default: 1, min: 1e-4, max: 1e4, isLogScale: true };
    const ispec: ParamSpec = { name: 'n', type: 'int', default: 10, min: 1, max: 1000, isLogScale: true };
    const rng = new Rng(1);
    // Act
    const draws = Array.from({ length: 4000 }, () => sampleParams([spec, ispec], rng));
    // Assert: half the draws below the geometric midpoint 1 (a uniform draw would put ~0 % there)
    const below = draws.filter((d) => (d.C as number) < 1).length / draws.length;
    expect(below).toBeGreaterThan(0.46);
    expect(below).toBeLessThan(0.54);
    expect(draws.every((d) => (d.C as number) >= 1e-4 && (d.C as number) <= 1e4)).toBe(true);
    const ints = draws.map((d) => d.n as number);
    expect(ints.every((v) => Number.isInteger(v) && v >= 1 && v <= 1000)).toBe(true);
    expect(ints.filter((v) => v <= 31).length / ints.length).toBeGreaterThan(0.4);
  });
});

describe('grid search', () => {
  it('finds the best parameter, ranks every candidate and refits the winner', () => {
    const { X, y } = line(200, 1);
    const r = gridSearch({
      factory: (p) => new ScaledLineRegressor(p as { scale: number }),
      X,
      y,
      cv: { kind: 'kfold', nSplits: 4 },
      scoring: 'rmse',
      metrics: ['r2'],
      specs: [scaleSpec],
      pointsPerParam: 5,
      refit: true,
    });
    expect(r.candidates).toHaveLength(5);
    expect(r.bestParams).toEqual({ scale: 1 });
    expect(r.candidates.find((c) => c.params.scale === 1)?.rank).toBe(1);
    expect(r.candidates.map((c) => c.rank).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(r.direction).toBe('lower');
    expect(r.stoppedBy).toBe('completed');
    expect(r.candidates[0].metrics.r2).not.toBeNull();
    expect(r.bestModel).toBeInstanceOf(ScaledLineRegressor);
  });

  it('records a failing candidate and carries on', () => {
    const { X, y } = blobs(60, 2, 2);
    const r = gridSearch({
      factory: (p) => new CentroidClassifier(p as { temperature: number }),
      X,
      y,
      cv: { kind: 'stratified', nSplits: 3 },
      scoring: 'log_loss',
      grid: { temperature: [-1, 0.5, 2] },
    });
    expect(r.candidates[0].status).toBe('failed');
    expect(r.candidates[0].error).toMatch(/temperature must be positive/);
    expect(r.candidates[0].rank).toBeNull();
    expect(r.bestIndex).not.toBe(0);
  });

  it('stops starting candidates when the time budget is spent (injected clock)', () => {
    // Arrange: every call of the clock advances it 10 ms
    let t = 0;
    const now = () => (t += 10);
    const { X, y } = line(40, 3);
    // Act
    const r = gridSearch({
      factory: (p) => new ScaledLineRegressor(p as { scale: number }),
      X,
      y,
      cv: { kind: 'kfold', nSplits: 2 },
      scoring: 'mae',
      grid: { scale: [0.5, 1, 1.5, 2, 3, 4] },
      timeBudgetMs: 150,
      now,
    });
    // Assert
    expect(r.stoppedBy).toBe('time_budget');
    const done = r.candidates.filter((c) => c.status === 'done').length;
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(6);
    expect(r.candidates.slice(done).every((c) => c.status === 'skipped')).toBe(true);
  });

  it('always runs one candidate, even with a zero budget', () => {
    const { X, y } = line(40, 3);
    const r = gridSearch({ factory: (p) => new ScaledLineRegressor(p as { scale: number }), X, y, cv: { kind: 'kfold', nSplits: 2 }, scoring: 'mae', grid: { scale: [1, 2] }, timeBudgetMs: 0 });
    expect(r.candidates.map((c) => c.status)).toEqual(['done', 'skipped']);
  });

  it('is cancelled by the signal and reports progress per fold', () => {
    const { X, y } = blobs(60, 3, 4);
    const signal = { aborted: false };
    const seen: number[] = [];
    expect(() =>
      gridSearch({
        factory: (p) => new CentroidClassifier(p as { temperature: number }),
        X,
        y,
        cv: { kind: 'kfold', nSplits: 3 },
        scoring: 'accuracy',
        grid: { temperature: [0.5, 1, 2] },
        signal,
        onProgress: (p) => {
          seen.push(p.candidate);
          if (p.candidate === 1) signal.aborted = true;
        },
      }),
    ).toThrow(CancelledError);
    expect(seen[0]).toBe(0);
    expect(Math.max(...seen)).toBe(1);
  });
});

describe('random search', () => {
  it('is deterministic for a seed and draws distinct candidates', () => {
    const { X, y } = blobs(90, 3, 7, 2);
    const run = (seed: number) =>
      randomSearch({
        factory: (p) => new CentroidClassifier(p as { temperature: number }),
        X,
        y,
        cv: { kind: 'stratified', nSplits: 3, shuffle: true, seed: 1 },
        scoring: 'log_loss',
        specs: [{ name: 'temperature', type: 'float', default: 1, min: 0.01, max: 10, isLogScale: true }],
        nIter: 6,
        seed,
        now: () => 0, // a frozen clock, so the timings repeat too
      });
    const a = run(3);
    expect(run(3)).toEqual(a);
    expect(run(4).candidates[0].params).not.toEqual(a.candidates[0].params);
    expect(new Set(a.candidates.map((c) => c.params.temperature)).size).toBe(6);
    expect(a.bestScore).toBe(Math.min(...a.candidates.map((c) => c.meanScore as number)));
  });

  it('stops early when a small discrete space is exhausted', () => {
    const { X, y } = line(30, 1);
    const r = randomSearch({
      factory: (p) => new ScaledLineRegressor({ scale: p.big ? 2 : 1 }),
      X,
      y,
      cv: { kind: 'kfold', nSplits: 3 },
      scoring: 'r2',
      specs: [{ name: 'big', type: 'bool', default: false }],
      nIter: 10,
    });
    expect(r.candidates).toHaveLength(2);
  });

  it('searches a registered engine model over its catalogue specs', () => {
    // Arrange: the logistic regression and its catalogue entry, as the Train step uses them
    const entry = MODEL_CATALOG.find((m) => m.id === 'logreg');
    expect(entry).toBeDefined();
    const specs = (entry!.params.classification ?? []).filter((s) => s.name === 'C' || s.name === 'fitIntercept');
    expect(specs.map((s) => s.name).sort()).toEqual(['C', 'fitIntercept']);
    const { X, y } = blobs(150, 2, 11, 2.5);
    // Act
    const r = randomSearch({
      factory: (p) => createEstimator('LogisticRegression', p) as unknown as FittableModel<Matrix>,
      X,
      y,
      cv: { kind: 'stratified', nSplits: 3 },
      scoring: 'roc_auc',
      metrics: ['accuracy', 'log_loss'],
      specs,
      nIter: 5,
      seed: 2,
      refit: true,
    });
    // Assert
    expect(r.candidates.every((c) => c.status === 'done')).toBe(true);
    expect(r.bestScore).toBeGreaterThan(0.8);
    expect(r.bestModel?.predict(X)).toHaveLength(150);
  });
});
