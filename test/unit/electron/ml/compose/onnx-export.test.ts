import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { frameFromRows, type Frame, type FrameSchemaEntry } from '../../../../../electron/ml/core/frame.js';
import { ColumnTransformer, type ColumnTransformerEntry } from '../../../../../electron/ml/compose/column-transformer.js';
import { Pipeline } from '../../../../../electron/ml/compose/pipeline.js';
import { ModelPipeline } from '../../../../../electron/ml/compose/model-pipeline.js';
import { exportPipelineToOnnx, isUnsupported } from '../../../../../electron/ml/compose/onnx-export.js';
import { pipelineFromSpec } from '../../../../../electron/ml/compose/from-spec.js';
import { encodeOnnxModel } from '../../../../../electron/backend/registry/onnx-encode.js';
import { SimpleImputer, KNNImputer } from '../../../../../electron/ml/preprocessing/imputers.js';
import { StandardScaler, MinMaxScaler, RobustScaler, Normalizer, Log1pTransformer } from '../../../../../electron/ml/preprocessing/scalers.js';
import { KBinsDiscretizer } from '../../../../../electron/ml/preprocessing/discretizer.js';
import { OneHotEncoder, OrdinalEncoder } from '../../../../../electron/ml/preprocessing/encoders.js';
import { createEstimator } from '../../../../../electron/ml/registry.js';
import type { Estimator } from '../../../../../electron/ml/core/interfaces.js';
import { defaultPipelineSpec } from '../../../../../shared/domain/pipeline-spec.js';

const SCHEMA: FrameSchemaEntry[] = [
  { name: 'a', kind: 'numeric' },
  { name: 'b', kind: 'numeric' },
  { name: 'c', kind: 'numeric' },
  { name: 'color', kind: 'categorical' },
  { name: 'size', kind: 'categorical' },
  { name: 'when', kind: 'datetime' },
  { name: 'note', kind: 'text' },
  { name: 'y', kind: 'categorical' },
  { name: 'y3', kind: 'categorical' },
  { name: 'target', kind: 'numeric' },
];

/** Rows with missing values, rare categories and values exactly representable in float32 or not. */
function rows(n: number, seed: number): Record<string, unknown>[] {
  const colors = ['red', 'red', 'red', 'green', 'green', 'blue', 'blue', 'teal'];
  return Array.from({ length: n }, (_, k) => {
    const i = k + seed;
    const a = Math.sin(i * 1.37) * 3;
    const b = Math.cos(i * 0.71) * 10 + 20;
    const c = ((i * 7919) % 101) / 7;
    const color = colors[(i * 5) % colors.length];
    const size = ['S', 'M', 'L'][(i * 3) % 3];
    return {
      a: i % 17 === 0 ? null : a,
      b,
      c: i % 23 === 0 ? null : c,
      color: i % 19 === 0 ? null : color,
      size,
      when: Date.UTC(2021, i % 12, 1 + (i % 27)),
      note: i % 2 ? 'good value' : 'bad service',
      y: a + (color === 'red' ? 1.5 : 0) - c / 10 > 0 ? 'pos' : 'neg',
      y3: ['x', 'y', 'z'][Math.abs(Math.floor(a + b / 10)) % 3],
      target: 2 * a - 0.3 * b + (color === 'blue' ? 4 : 0) + c,
    };
  });
}

const train = frameFromRows(rows(240, 0), SCHEMA);
// Prediction rows include categories never seen in training and missing values everywhere.
const testRows = [...rows(60, 1000), { a: null, b: 3, c: null, color: 'mauve', size: 'XL', when: null, note: null, y: 'pos', y3: 'x', target: 0 }];
const test = frameFromRows(testRows, SCHEMA);

/** Runs the exported model on the frame's input columns (float32 for numbers, strings for categories). */
async function runExported(p: ModelPipeline, frame: Frame): Promise<Record<string, ort.Tensor>> {
  const graph = exportPipelineToOnnx(p);
  if (isUnsupported(graph)) throw new Error(`unexpectedly unsupported: ${graph.unsupported.join('; ')}`);
  const session = await ort.InferenceSession.create(encodeOnnxModel(graph), { intraOpNumThreads: 1 });
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const c of p.inputSchema) {
      const col = frame.columns.find((x) => x.name === c.name);
      if (!col) throw new Error(c.name);
      if (col.kind === 'numeric') feeds[c.name] = new ort.Tensor('float32', Float32Array.from(col.values), [frame.nRows, 1]);
      else if (col.kind === 'categorical') feeds[c.name] = new ort.Tensor('string', Array.from(col.codes, (k) => (k < 0 ? '' : col.levels[k])), [frame.nRows, 1]);
      else throw new Error(`unexpected ${col.kind}`);
    }
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

/** The frame with numbers rounded to float32, as ONNX Runtime sees them. */
function asFloat32(frame: Frame): Frame {
  return { nRows: frame.nRows, columns: frame.columns.map((c) => (c.kind === 'numeric' ? { ...c, values: Float64Array.from(Float32Array.from(c.values)) } : c)) };
}

async function expectSamePredictions(p: ModelPipeline, frame: Frame, tol = 1e-5): Promise<void> {
  const out = await runExported(p, frame);
  const engine = p.predictFrame(asFloat32(frame), { probabilities: true });
  if (engine.task === 'classification') {
    const P = engine.probabilities;
    if (!P) throw new Error('no probabilities');
    const onnxP = out.probabilities.data as Float32Array;
    expect(out.probabilities.dims).toEqual([frame.nRows, P.nCols]);
    let maxDiff = 0;
    for (let i = 0; i < frame.nRows; i++) for (let k = 0; k < P.nCols; k++) maxDiff = Math.max(maxDiff, Math.abs(onnxP[i * P.nCols + k] - P.data[k * frame.nRows + i]));
    expect(maxDiff).toBeLessThan(tol);
    expect(Array.from(out.label.data as string[])).toEqual(engine.labels);
  } else {
    const v = out.variable.data as Float32Array;
    let maxRel = 0;
    for (let i = 0; i < frame.nRows; i++) maxRel = Math.max(maxRel, Math.abs(v[i] - engine.values[i]) / Math.max(1, Math.abs(engine.values[i])));
    expect(maxRel).toBeLessThan(tol);
  }
}

function numericPipeline(estimator: Estimator, scaler: 'standard' | 'minmax' = 'standard'): ModelPipeline {
  return new ModelPipeline({
    preprocessor: new ColumnTransformer([
      ['num', new Pipeline([['impute', new SimpleImputer({ strategy: 'median', addIndicator: true })], ['scale', scaler === 'standard' ? new StandardScaler() : new MinMaxScaler()]]), ['a', 'b', 'c']],
      ['cat', new OneHotEncoder({ minFrequency: 20, handleUnknown: 'infrequentIfExist' }), ['color', 'size']],
    ]),
    estimator,
  });
}

describe('ONNX export of pipelines: same predictions in ONNX Runtime (1e-5)', () => {
  const classifiers: [string, Record<string, unknown>, 'standard' | 'minmax'][] = [
    ['LogisticRegression', {}, 'standard'],
    ['LinearSVC', {}, 'standard'],
    ['GaussianNB', {}, 'standard'],
    ['MultinomialNB', {}, 'minmax'],
    ['MLPClassifier', { hiddenLayerSizes: [16], maxIter: 30 }, 'standard'],
    ['DummyClassifier', { strategy: 'prior' }, 'standard'],
    ['DummyClassifier', { strategy: 'mostFrequent' }, 'standard'],
    ['OneRuleClassifier', {}, 'standard'],
    ['DecisionTreeClassifier', { maxDepth: 4 }, 'standard'],
    ['RandomForestClassifier', { nEstimators: 5, maxDepth: 4 }, 'standard'],
    ['HistGradientBoostingClassifier', { maxIter: 10 }, 'standard'],
  ];
  for (const [kind, params, scaler] of classifiers) {
    for (const target of ['y', 'y3']) {
      it(`${kind} ${JSON.stringify(params)} on ${target === 'y' ? 'two' : 'three'} classes`, async () => {
        const p = numericPipeline(createEstimator(kind, params) as Estimator, scaler).fit(train, target);
        await expectSamePredictions(p, test);
      });
    }
  }

  for (const [kind, params] of [['Ridge', {}], ['LinearRegression', {}], ['MLPRegressor', { hiddenLayerSizes: [8], maxIter: 20 }], ['DummyRegressor', {}], ['OneRuleRegressor', {}], ['RandomForestRegressor', { nEstimators: 5, maxDepth: 4 }], ['HistGradientBoostingRegressor', { maxIter: 10 }]] as const) {
    it(`${kind} regression`, async () => {
      const p = numericPipeline(createEstimator(kind, params) as Estimator).fit(train, 'target');
      await expectSamePredictions(p, test);
    });
  }

  it('every exportable transformer in one pipeline: ordinal + scaling, log1p, robust, clipped min-max, ordinal bins, normalizer, one-hot with missing', async () => {
    const entries: ColumnTransformerEntry[] = [
      ['ord', new Pipeline([['codes', new OrdinalEncoder({ encodedMissingValue: -2 })], ['scale', new StandardScaler()]]), ['color', 'size']],
      ['log', new Pipeline([['impute', new SimpleImputer({ strategy: 'mean' })], ['log', new Log1pTransformer()], ['robust', new RobustScaler()]]), ['a', 'c']],
      ['clip', new Pipeline([['mm', new MinMaxScaler({ featureRange: [-1, 1], clip: true })]]), ['b']],
      ['bins', new Pipeline([['impute', new SimpleImputer({ strategy: 'constant', fillValue: 0 })], ['bins', new KBinsDiscretizer({ nBins: 4, encode: 'ordinal' })]]), ['a', 'b']],
      ['norm', new Pipeline([['impute', new SimpleImputer()], ['norm', new Normalizer()]]), ['a', 'b', 'c']],
      ['hot', new OneHotEncoder(), ['color']],
    ];
    const p = new ModelPipeline({ preprocessor: new ColumnTransformer(entries), estimator: createEstimator('LogisticRegression', { C: 3 }) as Estimator }).fit(train, 'y3');
    await expectSamePredictions(p, test);
  });

  it('the default spec of a linear model exports when it has no dates or text', async () => {
    const profile = SCHEMA.filter((c) => !['when', 'note', 'y3', 'target'].includes(c.name)).map((c) => ({ name: c.name, kind: c.kind, rowCount: 240, distinctCount: 10, missingCount: 5 }));
    const p = pipelineFromSpec(defaultPipelineSpec(profile, 'classification', { target: 'y' })).fit(train);
    await expectSamePredictions(p, test);
  });
});

describe('ONNX export names what cannot be exported', () => {
  it('dates, TF-IDF, the KNN imputer and k-NN models', () => {
    const p = new ModelPipeline({
      preprocessor: new ColumnTransformer([
        ['num', new Pipeline([['impute', new KNNImputer()], ['scale', new StandardScaler()]]), ['a', 'b']],
        ['when', createEstimator('DateTimeFeatures') as never, ['when']],
        ['note', createEstimator('TfidfVectorizer') as never, ['note']],
      ]),
      estimator: createEstimator('KNeighborsClassifier') as Estimator,
    }).fit(train, 'y');
    const r = exportPipelineToOnnx(p);
    if (!isUnsupported(r)) throw new Error('expected unsupported');
    expect(r.unsupported).toEqual([
      'column "when" (dates are not ONNX inputs)',
      'num/impute (KNNImputer: nearest-neighbour search is not exported)',
      'when (DateTimeFeatures: ONNX has no calendar operators)',
      'note (TfidfVectorizer: text tokenisation has no standard ONNX operator)',
      'model (KNeighborsClassifier: nearest-neighbour search is not exported)',
    ]);
  });

  it('random dummy strategies and one-hot binning', () => {
    const p = new ModelPipeline({
      preprocessor: new ColumnTransformer([['bins', new KBinsDiscretizer(), ['b']]]),
      estimator: createEstimator('DummyClassifier', { strategy: 'stratified' }) as Estimator,
    }).fit(train, 'y');
    const r = exportPipelineToOnnx(p);
    expect(isUnsupported(r) && r.unsupported).toEqual(["bins (KBinsDiscretizer: only encode: 'ordinal' is exported)", "model (DummyClassifier: strategy 'stratified' predicts at random)"]);
  });
});
