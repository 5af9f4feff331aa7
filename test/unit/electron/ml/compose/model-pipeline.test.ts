import { describe, expect, it } from 'vitest';
import { frameFromRows, type Frame, type FrameSchemaEntry } from '../../../../../electron/ml/core/frame.js';
import type { InvalidInputError} from '../../../../../electron/ml/core/errors.js';
import { ArtifactError, NotFittedError } from '../../../../../electron/ml/core/errors.js';
import { ColumnTransformer } from '../../../../../electron/ml/compose/column-transformer.js';
import { Pipeline } from '../../../../../electron/ml/compose/pipeline.js';
import { ModelPipeline } from '../../../../../electron/ml/compose/model-pipeline.js';
import { SimpleImputer } from '../../../../../electron/ml/preprocessing/imputers.js';
import { StandardScaler } from '../../../../../electron/ml/preprocessing/scalers.js';
import { OneHotEncoder } from '../../../../../electron/ml/preprocessing/encoders.js';
import { DateTimeFeatures } from '../../../../../electron/ml/preprocessing/datetime.js';
import { TfidfVectorizer } from '../../../../../electron/ml/preprocessing/tfidf.js';
import { LogisticRegression } from '../../../../../electron/ml/linear/logistic-regression.js';
import { Ridge } from '../../../../../electron/ml/linear/least-squares.js';
import { loadArtifact } from '../../../../../electron/ml/registry.js';

const SCHEMA: FrameSchemaEntry[] = [
  { name: 'id', kind: 'categorical' },
  { name: 'age', kind: 'numeric' },
  { name: 'plan', kind: 'categorical' },
  { name: 'signup', kind: 'datetime' },
  { name: 'note', kind: 'text' },
  { name: 'churn', kind: 'categorical' },
  { name: 'spend', kind: 'numeric' },
];

/** A churn-like table: churn is "yes" when age is high or the plan is "basic"; spend follows age. */
function table(n: number, offset = 0): Record<string, unknown>[] {
  const plans = ['basic', 'pro', 'team'];
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const age = 20 + ((i * 37) % 50);
    const plan = plans[(i * 7) % 3];
    return {
      id: `c${i}`,
      age: i % 11 === 0 ? null : age,
      plan: i % 13 === 0 ? null : plan,
      signup: new Date(Date.UTC(2020, (i * 5) % 12, 1 + (i % 27))).toISOString(),
      note: i % 2 === 0 ? 'happy customer great service' : 'slow support, unhappy',
      churn: age > 50 || plan === 'basic' ? 'yes' : 'no',
      spend: 3 * age + (plan === 'pro' ? 40 : 0),
    };
  });
}

function classifier(): ModelPipeline {
  return new ModelPipeline({
    preprocessor: new ColumnTransformer([
      ['num', new Pipeline([['impute', new SimpleImputer({ strategy: 'median', addIndicator: true })], ['scale', new StandardScaler()]]), ['age']],
      ['cat', new OneHotEncoder(), ['plan']],
      ['date', new Pipeline([['parts', new DateTimeFeatures()], ['impute', new SimpleImputer()], ['scale', new StandardScaler()]]), ['signup']],
      ['text', new TfidfVectorizer(), ['note']],
    ]),
    estimator: new LogisticRegression({ C: 10 }),
  });
}

const train: Frame = frameFromRows(table(300), SCHEMA);

describe('ModelPipeline (classification)', () => {
  it('learns from raw columns and predicts the original label strings with probabilities', () => {
    const p = classifier().fit(train, 'churn');
    expect(p.classLabels).toEqual(['no', 'yes']);
    const rows = table(50, 1000);
    const out = p.predictRows(rows, { probabilities: true });
    if (out.task !== 'classification') throw new Error('expected classification');
    let correct = 0;
    rows.forEach((r, i) => (correct += out.labels[i] === r.churn ? 1 : 0));
    expect(correct / rows.length).toBeGreaterThan(0.9);
    const P = out.probabilities;
    expect(P?.nCols).toBe(2);
    for (let i = 0; i < 50; i++) expect(out.labels[i]).toBe(P && P.data[50 + i] > 0.5 ? 'yes' : 'no');
    expect(p.inputSchema.map((c) => c.name)).toEqual(['age', 'plan', 'signup', 'note']);
    expect(p.featureNames).toContain('plan_basic');
    expect(p.featureNames).toContain('missingindicator_age');
  });

  it('handles unknown categories and missing values at prediction time', () => {
    const p = classifier().fit(train, 'churn');
    const out = p.predictRows([{ age: null, plan: 'enterprise', signup: null, note: null, extra: 'ignored' }]);
    expect(out.task === 'classification' && ['yes', 'no'].includes(out.labels[0])).toBe(true);
  });

  it('names a column missing at prediction time', () => {
    const p = classifier().fit(train, 'churn');
    expect(() => p.predictRows([{ age: 30, plan: 'pro', signup: '2021-01-01' }])).toThrow(/Column "note" is missing/);
    try {
      p.predictRows([{ age: 30, plan: 'pro', signup: '2021-01-01' }]);
    } catch (e) {
      expect((e as InvalidInputError).field).toBe('note');
    }
    const frame = frameFromRows([{ age: 1, plan: 'pro', signup: null }], SCHEMA.slice(1, 4));
    expect(() => p.predictFrame(frame)).toThrow(/Column "note" is missing/);
    expect(() => p.predictRows([{ age: 'old', plan: 'pro', signup: null, note: '' }])).toThrow(/column "age": expected a number/);
  });

  it('round-trips as one artifact and predicts identically; same data gives the same bytes', () => {
    const p = classifier().fit(train, 'churn');
    const json = JSON.stringify(p.toArtifact());
    const loaded = loadArtifact(JSON.parse(json)) as ModelPipeline;
    const rows = table(40, 500);
    const a = p.predictRows(rows, { probabilities: true });
    const b = loaded.predictRows(rows, { probabilities: true });
    expect(b).toEqual(a);
    expect(JSON.stringify(classifier().fit(train, 'churn').toArtifact())).toBe(json);
  });

  it('refuses malformed or unknown-version artifacts with clear errors', () => {
    const a = JSON.parse(JSON.stringify(classifier().fit(train, 'churn').toArtifact()));
    expect(() => ModelPipeline.fromArtifact({ ...a, version: 2 })).toThrow(/ModelPipeline spec version 2 is not supported/);
    expect(() => ModelPipeline.fromArtifact({ ...a, state: { ...a.state, classLabels: 'yes' } })).toThrow(ArtifactError);
    expect(() => ModelPipeline.fromArtifact({ ...a, state: { ...a.state, estimator: { ...a.state.estimator, kind: 'Evil' } } })).toThrow(/unknown kind "Evil"/);
    expect(() => ModelPipeline.fromArtifact({ ...a, state: { ...a.state, preprocessor: a.state.estimator } })).toThrow(/ColumnTransformer/);
  });

  it('refuses bad targets with messages naming the column', () => {
    const oneClass = frameFromRows(table(20).map((r) => ({ ...r, churn: 'no' })), SCHEMA);
    expect(() => classifier().fit(oneClass, 'churn')).toThrow(/Target column "churn" has a single class \("no"\)/);
    const withMissing = frameFromRows(table(20).map((r, i) => ({ ...r, churn: i === 4 ? null : r.churn })), SCHEMA);
    expect(() => classifier().fit(withMissing, 'churn')).toThrow(/Target column "churn" has 1 missing value \(first at row 4\)/);
    expect(() => classifier().fit(train, 'nope')).toThrow(/Column "nope" is missing/);
    expect(() => classifier().predictRows([])).toThrow(NotFittedError);
    const zero = frameFromRows([], SCHEMA);
    expect(() => classifier().fit(zero, 'churn')).toThrow(/zero rows/);
  });

  it('names a feature with missing values when no imputer handles them', () => {
    const p = new ModelPipeline({ preprocessor: new ColumnTransformer([['num', 'passthrough', ['age']]]), estimator: new LogisticRegression() });
    expect(() => p.fit(train, 'churn')).toThrow(/age has a missing value \(NaN\) at row 0/);
  });

  it('clone is unfitted and keeps the params', () => {
    const p = classifier().fit(train, 'churn');
    const c = p.clone();
    expect(c.isFitted).toBe(false);
    expect(c.getParams()).toEqual(p.getParams());
  });
});

describe('ModelPipeline (regression)', () => {
  it('predicts numbers and a numeric target is required', () => {
    const p = new ModelPipeline({
      preprocessor: new ColumnTransformer([
        ['num', new SimpleImputer({ strategy: 'median' }), ['age']],
        ['cat', new OneHotEncoder(), ['plan']],
      ]),
      estimator: new Ridge({ alpha: 1e-6 }),
    });
    const clean = frameFromRows(
      table(200).map((r) => {
        const age = (r.age as number | null) ?? 40;
        const plan = (r.plan as string | null) ?? 'team';
        return { ...r, age, plan, spend: 3 * age + (plan === 'pro' ? 40 : 0) };
      }),
      SCHEMA,
    );
    p.fit(clean, 'spend');
    const out = p.predictRows([{ age: 30, plan: 'pro' }, { age: 60, plan: 'basic' }]);
    if (out.task !== 'regression') throw new Error('expected regression');
    expect(out.values[0]).toBeCloseTo(130, 6);
    expect(out.values[1]).toBeCloseTo(180, 6);
    const bad = new ModelPipeline({ preprocessor: new ColumnTransformer([['num', new SimpleImputer(), ['age']]]), estimator: new Ridge() });
    expect(() => bad.fit(train, 'plan')).toThrow(/Target column "plan" is categorical; a regression target must be numeric/);
  });

  it('refuses the target as a feature', () => {
    const p = new ModelPipeline({ preprocessor: new ColumnTransformer([['num', new SimpleImputer(), ['spend']]]), estimator: new Ridge() });
    expect(() => p.fit(train, 'spend')).toThrow(/target column "spend" cannot also be a feature/);
  });
});
