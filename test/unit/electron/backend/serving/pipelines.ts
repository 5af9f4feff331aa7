/**
 * Small fitted pipelines for the serving tests (fitted in a few milliseconds, deterministic):
 *  - churnClassifier: imputed + scaled numbers, one-hot plan, date parts, logistic regression;
 *    every input kind but text, and missing values allowed everywhere;
 *  - spendRegressor: ridge regression on age and plan;
 *  - strictClassifier: scaled numbers straight into logistic regression, no imputer, so a missing
 *    value is refused by the engine (the "NaN where not allowed" case).
 * And a ModelSource over fitted pipelines, as the registry's would hand them out.
 */
import { ColumnTransformer } from '../../../../../electron/ml/compose/column-transformer.js';
import { ModelPipeline } from '../../../../../electron/ml/compose/model-pipeline.js';
import { Pipeline } from '../../../../../electron/ml/compose/pipeline.js';
import { frameFromRows, type FrameSchemaEntry } from '../../../../../electron/ml/core/frame.js';
import { LogisticRegression } from '../../../../../electron/ml/linear/logistic-regression.js';
import { Ridge } from '../../../../../electron/ml/linear/least-squares.js';
import { DateTimeFeatures } from '../../../../../electron/ml/preprocessing/datetime.js';
import { OneHotEncoder } from '../../../../../electron/ml/preprocessing/encoders.js';
import { SimpleImputer } from '../../../../../electron/ml/preprocessing/imputers.js';
import { StandardScaler } from '../../../../../electron/ml/preprocessing/scalers.js';
import type { ModelEntry, ModelSource } from '../../../../../electron/backend/serving/types.js';

const PLANS = ['basic', 'pro', 'team'];

/** Rows of a churn-like table (i from `offset`). */
export function churnRows(n: number, offset = 0): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const age = 20 + ((i * 37) % 50);
    const plan = PLANS[(i * 7) % 3];
    const income = 1000 + ((i * 113) % 4000);
    return {
      age: i % 11 === 0 ? null : age,
      income,
      plan: i % 13 === 0 ? null : plan,
      signup: new Date(Date.UTC(2020, (i * 5) % 12, 1 + (i % 27))).toISOString(),
      churn: age > 50 || (plan === 'basic' && income < 2500) ? 'yes' : 'no',
      spend: 3 * age + (plan === 'pro' ? 40 : 0) + (i % 5),
    };
  });
}

/** The input rows of `churnRows` without the targets. */
export function churnInputs(n: number, offset = 0): Record<string, unknown>[] {
  return churnRows(n, offset).map(({ age, income, plan, signup }) => ({ age, income, plan, signup }));
}

const SCHEMA: FrameSchemaEntry[] = [
  { name: 'age', kind: 'numeric' },
  { name: 'income', kind: 'numeric' },
  { name: 'plan', kind: 'categorical' },
  { name: 'signup', kind: 'datetime' },
  { name: 'churn', kind: 'categorical' },
  { name: 'spend', kind: 'numeric' },
];

/** Logistic regression on age, income, plan and signup date, predicting churn yes/no. */
export function churnClassifier(): ModelPipeline {
  const p = new ModelPipeline({
    preprocessor: new ColumnTransformer([
      ['num', new Pipeline([['impute', new SimpleImputer({ strategy: 'median' })], ['scale', new StandardScaler()]]), ['age', 'income']],
      ['cat', new OneHotEncoder(), ['plan']],
      ['date', new Pipeline([['parts', new DateTimeFeatures()], ['impute', new SimpleImputer()], ['scale', new StandardScaler()]]), ['signup']],
    ]),
    estimator: new LogisticRegression({ C: 10 }),
  });
  return p.fit(frameFromRows(churnRows(300), SCHEMA), 'churn');
}

/** Ridge regression of spend on age and plan. */
export function spendRegressor(): ModelPipeline {
  const p = new ModelPipeline({
    preprocessor: new ColumnTransformer([
      ['num', new Pipeline([['impute', new SimpleImputer({ strategy: 'median' })], ['scale', new StandardScaler()]]), ['age']],
      ['cat', new OneHotEncoder(), ['plan']],
    ]),
    estimator: new Ridge({ alpha: 1 }),
  });
  return p.fit(frameFromRows(churnRows(300), SCHEMA), 'spend');
}

/** Scaled income and spend into logistic regression, no imputer: missing values are refused. */
export function strictClassifier(): ModelPipeline {
  const rows = churnRows(200).map((r) => ({ ...r, age: r.age ?? 30 }));
  const p = new ModelPipeline({
    preprocessor: new ColumnTransformer([['num', new StandardScaler(), ['age', 'income']]]),
    estimator: new LogisticRegression(),
  });
  return p.fit(frameFromRows(rows, SCHEMA), 'churn');
}

/** A source serving fitted pipelines: `models[name][version] = pipeline`, with stages. */
export function pipelineSource(models: { name: string; version: string; pipeline: ModelPipeline; stages?: string[] }[]): ModelSource & { loads: string[]; entries: ModelEntry[] } {
  const entries: ModelEntry[] = [];
  for (const m of models) {
    let e = entries.find((x) => x.name === m.name);
    if (!e) {
      e = { name: m.name, versions: [] };
      entries.push(e);
    }
    e.versions.push({ version: m.version, stages: m.stages ?? [] });
  }
  const loads: string[] = [];
  return {
    entries,
    loads,
    list: () => JSON.parse(JSON.stringify(entries)) as ModelEntry[],
    load(name, version) {
      loads.push(`${name}/${version}`);
      const m = models.find((x) => x.name === name && x.version === version);
      if (!m) throw new Error(`no ${name}/${version}`);
      return { artifact: m.pipeline.toArtifact(), metadata: { description: `${name} v${version}` } };
    },
  };
}
