import { describe, expect, it } from 'vitest';
import { pipelineAsModel, pipelineTarget } from '../../../../../electron/ml/model-selection/pipeline-adapter.js';
import { crossValidate } from '../../../../../electron/ml/model-selection/cross-validate.js';
import { gridSearch } from '../../../../../electron/ml/model-selection/search.js';
import { permutationImportance } from '../../../../../electron/ml/inspection/permutation-importance.js';
import { frameFromRows, type Frame, type FrameSchemaEntry } from '../../../../../electron/ml/core/frame.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';
import { ColumnTransformer } from '../../../../../electron/ml/compose/column-transformer.js';
import { ModelPipeline } from '../../../../../electron/ml/compose/model-pipeline.js';
import { StandardScaler } from '../../../../../electron/ml/preprocessing/scalers.js';
import { OneHotEncoder } from '../../../../../electron/ml/preprocessing/encoders.js';
import { LogisticRegression } from '../../../../../electron/ml/linear/logistic-regression.js';
import { Ridge } from '../../../../../electron/ml/linear/least-squares.js';

const SCHEMA: FrameSchemaEntry[] = [
  { name: 'age', kind: 'numeric' },
  { name: 'noise', kind: 'numeric' },
  { name: 'plan', kind: 'categorical' },
  { name: 'churn', kind: 'categorical' },
  { name: 'spend', kind: 'numeric' },
];

/** churn depends on age and plan; spend on age; noise on nothing. A rare label "maybe" appears twice. */
function table(n: number): Frame {
  const rng = new Rng(21);
  const plans = ['basic', 'pro', 'team'];
  const rows = Array.from({ length: n }, (_, i) => {
    const age = 20 + rng.next() * 50;
    const plan = plans[rng.int(3)];
    const score = (age - 45) / 10 + (plan === 'basic' ? 1 : -0.5) + 0.7 * rng.normal();
    return { age, noise: rng.normal(), plan, churn: i === 5 || i === 6 ? 'maybe' : score > 0 ? 'yes' : 'no', spend: 3 * age + 5 * rng.normal() };
  });
  return frameFromRows(rows, SCHEMA);
}

function classifier(C = 1): ModelPipeline {
  return new ModelPipeline({
    preprocessor: new ColumnTransformer([
      ['num', new StandardScaler(), ['age', 'noise']],
      ['cat', new OneHotEncoder(), ['plan']],
    ]),
    estimator: new LogisticRegression({ C }),
  });
}

describe('a ModelPipeline through the model-selection interface', () => {
  const frame = table(240);
  const target = pipelineTarget(frame, 'churn', 'classification');

  it('reads the target as indices into the sorted labels', () => {
    expect(target.labels).toEqual(['maybe', 'no', 'yes']);
    expect(target.y[5]).toBe(0);
  });

  it('cross-validates, with folds that miss the rare label still scored on all labels', () => {
    // Act
    const r = crossValidate(() => pipelineAsModel(classifier(), 'churn', target.labels), frame, target.y, { kind: 'kfold', nSplits: 4 }, ['accuracy', 'log_loss', 'f1_macro'], {
      returnOutOfFold: true,
    });
    // Assert
    expect(r.classes).toEqual([0, 1, 2]);
    expect(r.mean.accuracy!).toBeGreaterThan(0.7);
    expect(r.outOfFold?.proba?.nCols).toBe(3);
    expect(r.folds.every((f) => f.scores.log_loss !== null)).toBe(true);
  });

  it('searches a hyper-parameter of the pipeline’s model', () => {
    const r = gridSearch({
      factory: (p) => pipelineAsModel(classifier(p.C as number), 'churn', target.labels),
      X: frame,
      y: target.y,
      cv: { kind: 'kfold', nSplits: 3 },
      scoring: 'log_loss',
      grid: { C: [0.001, 1] },
    });
    expect(r.candidates.every((c) => c.status === 'done')).toBe(true);
    expect(r.bestParams).toEqual({ C: 1 });
  });

  it('measures permutation importance on raw columns', () => {
    const model = pipelineAsModel(classifier(), 'churn', target.labels);
    model.fit(frame, target.y);
    const r = permutationImportance({ model, X: frame, y: target.y, metric: 'log_loss', features: ['age', 'noise', 'plan'], nRepeats: 3 });
    const [age, noise, plan] = r.features;
    expect(age.importanceMean!).toBeGreaterThan(noise.importanceMean! + 0.05);
    expect(plan.importanceMean!).toBeGreaterThan(noise.importanceMean!);
  });

  it('works for regression pipelines too', () => {
    const y = pipelineTarget(frame, 'spend', 'regression');
    const make = () =>
      pipelineAsModel(new ModelPipeline({ preprocessor: new ColumnTransformer([['num', new StandardScaler(), ['age', 'noise']]]), estimator: new Ridge({}) }), 'spend');
    const r = crossValidate(make, frame, y.y, { kind: 'kfold', nSplits: 3 }, ['r2', 'rmse']);
    expect(r.mean.r2!).toBeGreaterThan(0.9);
    expect(() => pipelineTarget(frame, 'plan', 'regression')).toThrow(/must be numeric/);
  });
});
