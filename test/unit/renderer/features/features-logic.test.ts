// The Features step's pure rules: steps read as choices and written back, role changes, a saved
// design carried to a new version, and relevance bars by the chosen measure.
import { describe, expect, it } from 'vitest';
import type { ColumnRelevance } from '../../../../shared/api/methods/training.js';
import type { PipelineSpec } from '../../../../shared/domain/pipeline-spec.js';
import { PipelineSpecSchema, defaultPipelineSpec } from '../../../../shared/domain/pipeline-spec.js';
import {
  carryOver,
  choicesOf,
  correlationOf,
  hasCustomSteps,
  isSameDesign,
  mutualInfoOf,
  relevanceBars,
  roleCounts,
  setChoices,
  setRole,
  stepsFromChoices,
  unscoredColumns,
} from '../../../../renderer/stores/features-logic.js';

function suggested(): PipelineSpec {
  return defaultPipelineSpec(
    [
      { name: 'age', kind: 'numeric', distinctCount: 50, rowCount: 100, missingCount: 3 },
      { name: 'plan', kind: 'categorical', distinctCount: 3, rowCount: 100 },
      { name: 'notes', kind: 'text', distinctCount: 90, rowCount: 100 },
      { name: 'signup', kind: 'datetime', distinctCount: 80, rowCount: 100 },
      { name: 'customer_id', kind: 'categorical', distinctCount: 100, rowCount: 100 },
      { name: 'churned', kind: 'categorical', distinctCount: 2, rowCount: 100 },
    ],
    'classification',
    { target: 'churned' },
  );
}

function relevance(patch: Partial<ColumnRelevance>): ColumnRelevance {
  return {
    column: 'x',
    kind: 'numeric',
    rowsUsed: 100,
    missing: 0,
    mutualInfo: 0.2,
    mutualInfoNormalized: 0.3,
    test: 'anova',
    statistic: 4,
    pValue: 0.01,
    pearson: null,
    spearman: null,
    cramersV: null,
    correlationRatio: null,
    isLeakSuspect: false,
    skipped: null,
    rank: 1,
    ...patch,
  };
}

describe('steps as choices', () => {
  it('reads the suggested steps of each kind as plain choices', () => {
    const spec = suggested();
    const col = (name: string) => spec.columns.find((c) => c.name === name) ?? spec.columns[0];

    expect(choicesOf(col('age'))).toEqual({ encode: null, missing: 'median', shape: 'none', scale: 'standard' });
    expect(choicesOf(col('plan'))).toEqual({ encode: 'oneHot', missing: 'none', shape: 'none', scale: 'none' });
    expect(choicesOf(col('notes')).encode).toBe('tfidf');
    expect(choicesOf(col('signup'))).toEqual({ encode: 'dateParts', missing: 'median', shape: 'none', scale: 'standard' });
  });

  it('writes choices back in a valid order, keeping the settings of steps that stay', () => {
    const steps = stepsFromChoices('numeric', { encode: null, missing: 'mean', shape: 'log1p', scale: 'robust' }, [{ op: 'impute', strategy: 'median', addIndicator: true }]);

    expect(steps).toEqual([{ op: 'impute', strategy: 'mean', addIndicator: true }, { op: 'log1p' }, { op: 'robustScale' }]);
    expect(stepsFromChoices('categorical', { encode: 'oneHot', missing: 'none', shape: 'none', scale: 'none' }, [{ op: 'oneHot', maxCategories: 20 }])).toEqual([{ op: 'oneHot', maxCategories: 20 }]);
  });

  it('keeps the whole spec valid after every change', () => {
    let spec = setChoices(suggested(), 'age', { encode: null, missing: 'knn', shape: 'bin', scale: 'minMax' });
    spec = setChoices(spec, 'plan', { encode: 'ordinal', missing: 'none', shape: 'none', scale: 'none' });
    spec = setChoices(spec, 'notes', { encode: 'oneHot', missing: 'none', shape: 'none', scale: 'none' });

    expect(PipelineSpecSchema.safeParse(spec).success).toBe(true);
    expect(spec.columns.find((c) => c.name === 'age')?.steps.map((s) => s.op)).toEqual(['knnImpute', 'bin', 'minMaxScale']);
    expect(hasCustomSteps(spec, suggested())).toBe(true);
    expect(hasCustomSteps(suggested(), suggested())).toBe(false);
  });
});

describe('roles', () => {
  it('leaves a column out and brings it back with its suggested steps', () => {
    const base = suggested();
    const out = setRole(base, 'age', 'ignore');
    const back = setRole(out, 'age', 'feature', base);

    expect(out.columns.find((c) => c.name === 'age')).toMatchObject({ role: 'ignore', steps: [] });
    expect(back.columns.find((c) => c.name === 'age')?.steps).toEqual(base.columns.find((c) => c.name === 'age')?.steps);
    expect(roleCounts(out)).toEqual({ features: 3, dropped: 2 });
  });

  it('gives an identifier the defaults of its kind when the user uses it anyway, and never touches the target', () => {
    const base = suggested();
    const spec = setRole(setRole(base, 'customer_id', 'feature', base), 'churned', 'ignore', base);

    expect(spec.columns.find((c) => c.name === 'customer_id')).toMatchObject({ role: 'feature', steps: [{ op: 'oneHot', handleUnknown: 'ignore', missing: 'category' }] });
    expect(spec.columns.find((c) => c.name === 'churned')?.role).toBe('target');
    expect(PipelineSpecSchema.safeParse(spec).success).toBe(true);
  });

  it('compares designs without their explanations', () => {
    const a = suggested();
    const b = { ...a, columns: a.columns.map(({ rationale: _r, ...c }) => c) };

    expect(isSameDesign(a, b)).toBe(true);
    expect(isSameDesign(a, setRole(a, 'age', 'ignore'))).toBe(false);
  });
});

describe('a saved design on a newer version', () => {
  it('keeps the saved role and steps of columns that still exist with the same kind, and lists the ones that are gone', () => {
    const saved = setRole(setChoices(suggested(), 'age', { encode: null, missing: 'mean', shape: 'none', scale: 'none' }), 'plan', 'ignore');
    const oldOnly = { ...saved, columns: [...saved.columns, { name: 'region', kind: 'categorical' as const, role: 'feature' as const, steps: [{ op: 'oneHot' as const }] }] };

    const { spec, missing } = carryOver(oldOnly, suggested());

    expect(spec.columns.find((c) => c.name === 'age')?.steps).toEqual([{ op: 'impute', strategy: 'mean', addIndicator: true }]);
    expect(spec.columns.find((c) => c.name === 'plan')?.role).toBe('ignore');
    expect(missing).toEqual(['region']);
  });
});

describe('relevance', () => {
  it('uses normalised mutual information when there is one, and the straight-line measure that fits the pair', () => {
    expect(mutualInfoOf(relevance({ mutualInfoNormalized: null, mutualInfo: 0.4 }))).toBe(0.4);
    expect(correlationOf(relevance({ pearson: -0.7 }))).toBe(0.7);
    expect(correlationOf(relevance({ cramersV: 0.3 }))).toBe(0.3);
    expect(correlationOf(relevance({ correlationRatio: 0.2 }))).toBe(0.2);
    expect(correlationOf(relevance({}))).toBeNull();
  });

  it('flags leaking columns and lists the unscored ones with why', () => {
    const leak = { column: 'refund', source: 'qualityReport' as const, kind: 'leakage_target_copy' as const, severity: 'critical' as const, messageKey: 'data.finding.leakage_target_copy', params: {} };
    const columns = [
      { name: 'refund', type: 'numeric' as const, kind: 'numeric' as const, role: 'feature' as const, rationaleKey: 'x', missing: 0, distinct: 2, relevance: relevance({ column: 'refund', mutualInfoNormalized: 0.97 }), leakage: [leak] },
      { name: 'notes', type: 'text' as const, kind: 'text' as const, role: 'feature' as const, rationaleKey: 'x', missing: 0, distinct: 9, relevance: relevance({ column: 'notes', skipped: 'text', mutualInfo: null, mutualInfoNormalized: null }), leakage: [] },
      { name: 'churned', type: 'categorical' as const, kind: 'categorical' as const, role: 'target' as const, rationaleKey: 'x', missing: 0, distinct: 2, relevance: null, leakage: [] },
    ];

    expect(relevanceBars({ columns }, 'mutualInfo')).toEqual([
      { column: 'refund', value: 0.97, isLeak: true },
      { column: 'notes', value: null, isLeak: false },
    ]);
    expect(unscoredColumns({ columns })).toEqual([{ column: 'notes', reason: 'text' }]);
  });
});
