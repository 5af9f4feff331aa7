import { describe, expect, it } from 'vitest';
import { defaultPipelineSpec, PipelineSpecSchema, preprocessingProfile, type ColumnProfileInput } from '../../../../shared/domain/pipeline-spec.js';

const COLUMNS: ColumnProfileInput[] = [
  { name: 'customer_id', kind: 'categorical', distinctCount: 1000, rowCount: 1000 },
  { name: 'age', kind: 'numeric', distinctCount: 60, rowCount: 1000, missingCount: 12 },
  { name: 'income', kind: 'numeric', distinctCount: 900, rowCount: 1000 },
  { name: 'region', kind: 'categorical', distinctCount: 5, rowCount: 1000 },
  { name: 'city', kind: 'categorical', distinctCount: 80, rowCount: 1000 },
  { name: 'signup', kind: 'datetime', distinctCount: 700, rowCount: 1000 },
  { name: 'review', kind: 'text', distinctCount: 1000, rowCount: 1000 },
  { name: 'country', kind: 'categorical', distinctCount: 1, rowCount: 1000 },
  { name: 'churned', kind: 'categorical', distinctCount: 2, rowCount: 1000 },
];

describe('defaultPipelineSpec', () => {
  it('picks per-type defaults for a linear model and passes its own schema', () => {
    const spec = defaultPipelineSpec(COLUMNS, 'classification', { target: 'churned' });
    expect(PipelineSpecSchema.safeParse(spec).success).toBe(true);
    const by = Object.fromEntries(spec.columns.map((c) => [c.name, c]));
    expect(spec.model.id).toBe('logreg');
    expect(by.customer_id.role).toBe('id');
    expect(by.country.role).toBe('ignore');
    expect(by.churned.role).toBe('target');
    expect(by.age.steps).toEqual([{ op: 'impute', strategy: 'median', addIndicator: true }, { op: 'standardScale' }]);
    expect(by.income.steps).toEqual([{ op: 'impute', strategy: 'median' }, { op: 'standardScale' }]);
    expect(by.region.steps).toEqual([{ op: 'oneHot', handleUnknown: 'ignore', missing: 'category' }]);
    expect(by.city.steps[0]).toMatchObject({ op: 'oneHot', maxCategories: 20, handleUnknown: 'infrequentIfExist' });
    expect(by.signup.steps[0]).toEqual({ op: 'dateParts' });
    expect(by.review.steps[0]).toMatchObject({ op: 'tfidf' });
    expect(by.review.role).toBe('feature');
    expect(by.age.rationale).toBe('features.rationale.numericScaled');
  });

  it('uses ordinal codes and no scaling for trees; hgb keeps missing values', () => {
    const rf = defaultPipelineSpec(COLUMNS, 'classification', { target: 'churned', model: { id: 'rf', params: {} } });
    const by = Object.fromEntries(rf.columns.map((c) => [c.name, c]));
    expect(by.region.steps).toEqual([{ op: 'ordinal', unknownValue: -1, encodedMissingValue: -2 }]);
    expect(by.age.steps).toEqual([{ op: 'impute', strategy: 'median' }]);
    const hgb = defaultPipelineSpec(COLUMNS, 'regression', { target: 'income', model: { id: 'hgb', params: {} } });
    const h = Object.fromEntries(hgb.columns.map((c) => [c.name, c]));
    expect(h.age.steps).toEqual([]);
    expect(h.region.steps[0]).toMatchObject({ op: 'ordinal', encodedMissingValue: null });
    expect(preprocessingProfile('onerule')).toBe('plain');
  });
});

describe('PipelineSpecSchema', () => {
  const base = defaultPipelineSpec(COLUMNS, 'classification', { target: 'churned' });
  const issues = (spec: unknown): string[] => {
    const r = PipelineSpecSchema.safeParse(spec);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('refuses an encoder on the wrong kind, a missing encoder, and misplaced encoders', () => {
    const cols = structuredClone(base.columns);
    cols[3].steps = [{ op: 'standardScale' }];
    expect(issues({ ...base, columns: cols })[0]).toMatch(/columns\.3\.steps\.0\.op: Column "region" is categorical: its first step must be an encoder/);
    const cols2 = structuredClone(base.columns);
    cols2[5].steps = [{ op: 'tfidf' }];
    expect(issues({ ...base, columns: cols2 })[0]).toMatch(/tfidf does not apply to the datetime column "signup"/);
    const cols3 = structuredClone(base.columns);
    cols3[1].steps = [{ op: 'standardScale' }, { op: 'oneHot' }];
    expect(issues({ ...base, columns: cols3 })[0]).toMatch(/oneHot must be the first step/);
    const cols4 = structuredClone(base.columns);
    cols4[6].steps = [];
    expect(issues({ ...base, columns: cols4 })[0]).toMatch(/Column "review" is text: it needs an encoder/);
  });

  it('needs exactly one target matching the target field, unique names and known ops', () => {
    expect(issues({ ...base, target: 'age' })[0]).toMatch(/target: Exactly one column, "age"/);
    expect(issues({ ...base, columns: [...base.columns, base.columns[1]] })[0]).toMatch(/appears twice/);
    const cols = structuredClone(base.columns) as unknown as { steps: { op: string }[] }[];
    cols[1].steps = [{ op: 'explode' }];
    expect(issues({ ...base, columns: cols }).length).toBeGreaterThan(0);
    expect(issues({ ...base, version: 2 }).length).toBeGreaterThan(0);
  });
});
