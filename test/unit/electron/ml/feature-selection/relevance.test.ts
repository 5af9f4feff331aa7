import { describe, expect, it } from 'vitest';
import { featureRelevance } from '../../../../../electron/ml/feature-selection/relevance.js';
import { createFrame } from '../../../../../electron/ml/core/frame.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';

function churnFrame(n: number) {
  const rng = new Rng(8);
  const tenure = Float64Array.from({ length: n }, () => rng.next() * 60);
  const noise = Float64Array.from({ length: n }, () => rng.normal());
  const plan = Int32Array.from({ length: n }, () => rng.int(3));
  const churn = Float64Array.from({ length: n }, (_, i) => (rng.next() < 0.7 - tenure[i] / 100 - 0.15 * plan[i] ? 1 : 0));
  const leak = Int32Array.from(churn, (c, i) => (i % 97 === 0 ? 1 - c : c));
  tenure[3] = NaN; // a missing value
  return createFrame([
    { kind: 'numeric', name: 'tenure', values: tenure },
    { kind: 'numeric', name: 'noise', values: noise },
    { kind: 'categorical', name: 'plan', codes: plan, levels: ['basic', 'plus', 'pro'] },
    { kind: 'categorical', name: 'closed_flag', codes: leak, levels: ['no', 'yes'] },
    { kind: 'text', name: 'notes', values: Array.from({ length: n }, () => 'x') },
    { kind: 'numeric', name: 'constant', values: new Float64Array(n).fill(2) },
    { kind: 'numeric', name: 'churned', values: churn },
  ]);
}

describe('featureRelevance', () => {
  it('ranks informative columns first, flags the leak, skips text and constants, stays JSON-safe', () => {
    // Arrange
    const frame = churnFrame(1500);
    // Act
    const r = featureRelevance(frame, { target: 'churned', task: 'classification' });
    // Assert
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    const by = Object.fromEntries(r.columns.map((c) => [c.column, c]));
    expect(by.closed_flag.rank).toBe(1);
    expect(by.closed_flag.isLeakSuspect).toBe(true);
    expect(by.tenure.isLeakSuspect).toBe(false);
    expect(by.tenure.mutualInfo!).toBeGreaterThan(by.noise.mutualInfo!);
    expect(by.tenure.pValue!).toBeLessThan(1e-6);
    expect(by.noise.pValue!).toBeGreaterThan(1e-3);
    expect(by.tenure.missing).toBe(1);
    expect(by.tenure.rowsUsed).toBe(1499);
    expect(by.plan.test).toBe('chi2');
    expect(by.plan.cramersV!).toBeGreaterThan(0.05);
    expect(by.tenure.pearson!).toBeLessThan(0); // longer tenure, less churn
    expect(by.notes.skipped).toBe('text');
    expect(by.constant.skipped).toBe('constant');
    expect(r.columns.map((c) => c.column)).not.toContain('churned');
  });

  it('scores a regression target and samples large frames deterministically', () => {
    const rng = new Rng(2);
    const n = 3000;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const cat = Int32Array.from({ length: n }, () => rng.int(4));
    const y = Float64Array.from(x, (v, i) => 2 * v + cat[i] + 0.3 * rng.normal());
    const frame = createFrame([
      { kind: 'numeric', name: 'x', values: x },
      { kind: 'categorical', name: 'c', codes: cat, levels: ['a', 'b', 'c', 'd'] },
      { kind: 'numeric', name: 'y', values: y },
    ]);
    const r = featureRelevance(frame, { target: 'y', task: 'regression', maxRows: 1000, seed: 4 });
    expect(r.isSampled).toBe(true);
    expect(r.rows).toBe(1000);
    const [rx, rc] = r.columns;
    expect(rx.test).toBe('f_regression');
    expect(rx.pearson!).toBeGreaterThan(0.8);
    expect(rc.test).toBe('anova');
    expect(rc.correlationRatio!).toBeGreaterThan(0.2);
    expect(featureRelevance(frame, { target: 'y', task: 'regression', maxRows: 1000, seed: 4 })).toEqual(r);
  });

  it('refuses a categorical target for regression, naming the field', () => {
    const frame = churnFrame(50);
    expect(() => featureRelevance(frame, { target: 'plan', task: 'regression' })).toThrow(/regression needs a numeric target/);
    expect(() => featureRelevance(frame, { target: 'nope', task: 'regression' })).toThrow(/"nope" is missing/);
  });
});
