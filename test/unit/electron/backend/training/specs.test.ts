import { describe, expect, it } from 'vitest';
import { checkSpecFits, columnKind, defaultSpec, profileInputs, specForModel, type ColumnCounts, type SchemaColumn } from '../../../../../electron/backend/training/specs.js';
import type { PipelineSpec } from '../../../../../shared/domain/pipeline-spec.js';

const schema: SchemaColumn[] = [
  { name: 'id', type: 'identifier', role: 'feature' },
  { name: 'age', type: 'integer', role: 'feature' },
  { name: 'city', type: 'categorical', role: 'feature' },
  { name: 'joined', type: 'datetime', role: 'feature' },
  { name: 'note', type: 'text', role: 'ignored' },
  { name: 'churn', type: 'boolean', role: 'target' },
];
const counts: Record<string, ColumnCounts> = {
  id: { distinct: 100, missing: 0, rows: 100 },
  age: { distinct: 40, missing: 3, rows: 100 },
  city: { distinct: 50, missing: 0, rows: 100 },
  joined: { distinct: 90, missing: 0, rows: 100 },
  note: { distinct: 80, missing: 5, rows: 100 },
  churn: { distinct: 2, missing: 0, rows: 100 },
};
const countOf = (name: string) => counts[name];

describe('column kinds and profile inputs', () => {
  it('reads identifiers as text and numbers, integers and booleans as numeric', () => {
    expect(schema.map((c) => columnKind(c.type))).toEqual(['text', 'numeric', 'categorical', 'datetime', 'text', 'numeric']);
  });

  it('marks identifiers and ignored columns, and passes the counts on', () => {
    const inputs = profileInputs(schema, countOf);
    expect(inputs.find((c) => c.name === 'id')?.role).toBe('id');
    expect(inputs.find((c) => c.name === 'note')?.role).toBe('ignore');
    expect(inputs.find((c) => c.name === 'age')).toEqual({ name: 'age', kind: 'numeric', distinctCount: 40, rowCount: 100, missingCount: 3 });
    expect(profileInputs(schema, () => undefined).find((c) => c.name === 'age')).toEqual({ name: 'age', kind: 'numeric' });
  });
});

describe('specs per model', () => {
  const base = defaultSpec(schema, countOf, { target: 'churn', task: 'classification' });

  it('the default spec scales for linear models and groups a wide category', () => {
    expect(base.model).toEqual({ id: 'logreg', params: {} });
    const city = base.columns.find((c) => c.name === 'city')!;
    expect(city.steps[0]).toMatchObject({ op: 'oneHot', maxCategories: 20 });
    expect(base.columns.find((c) => c.name === 'age')?.steps).toEqual([{ op: 'impute', strategy: 'median', addIndicator: true }, { op: 'standardScale' }]);
  });

  it('adapting keeps the chosen roles and gives each family its preprocessing', () => {
    const chosen: PipelineSpec = { ...base, columns: base.columns.map((c) => (c.name === 'joined' ? { ...c, role: 'ignore', steps: [] } : c)) };
    const tree = specForModel(chosen, { id: 'hgb', params: { maxIter: 5 } }, true, schema, countOf);
    expect(tree.model).toEqual({ id: 'hgb', params: { maxIter: 5 } });
    expect(tree.columns.find((c) => c.name === 'joined')?.role).toBe('ignore');
    expect(tree.columns.find((c) => c.name === 'city')?.steps[0].op).toBe('ordinal');
    expect(tree.columns.find((c) => c.name === 'age')?.steps).toEqual([]);
    expect(tree.columns.find((c) => c.name === 'id')?.role).toBe('id');
  });

  it('without adapting, only the model changes', () => {
    const exact = specForModel(base, { id: 'rf', params: {} }, false, schema, countOf);
    expect(exact.columns).toEqual(base.columns);
    expect(exact.model.id).toBe('rf');
  });
});

describe('checkSpecFits', () => {
  const spec = defaultSpec(schema, countOf, { target: 'churn', task: 'classification' });

  it('accepts a spec made for the version', () => {
    expect(() => checkSpecFits(spec, schema, 'spec')).not.toThrow();
  });

  it('refuses a column the version lacks, naming it', () => {
    const other = schema.filter((c) => c.name !== 'age');
    expect(() => checkSpecFits(spec, other, 'featureSetId')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', messageKey: 'errors.training.specMismatch', params: { column: 'age' }, details: { field: 'featureSetId' } }));
  });

  it('refuses a kind the stored column cannot give, but allows categories read as text', () => {
    const retyped = schema.map((c) => (c.name === 'joined' ? { ...c, type: 'categorical' as const } : c));
    expect(() => checkSpecFits(spec, retyped, 'spec')).toThrow(expect.objectContaining({ params: { column: 'joined' } }));
    const asText: PipelineSpec = { ...spec, columns: spec.columns.map((c) => (c.name === 'city' ? { ...c, kind: 'text', steps: [{ op: 'tfidf' }] } : c)) };
    expect(() => checkSpecFits(asText, schema, 'spec')).not.toThrow();
  });
});
