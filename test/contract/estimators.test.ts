/**
 * The estimator contract, over every kind in the registry (STYLE.md section 8): fit returns this;
 * predicting (or transforming) before fit throws NotFittedError; refits are independent; params are
 * unchanged by fit; the artifact round-trip predicts identically; the same seed gives a byte-identical
 * artifact; clone is unfitted; an artifact of an unknown version is refused; supervised models refuse
 * bad input (zero rows, mismatched lengths, one class, wrong width) with InvalidInputError. A kind the suite cannot
 * exercise fails with "no recipe", so every new registry entry is covered or noticed.
 */
import { describe, expect, it } from 'vitest';
import { createEstimator, loadArtifact, registeredKinds } from '../../electron/ml/registry.js';
import { ArtifactError, InvalidInputError, NotFittedError } from '../../electron/ml/core/errors.js';
import { frameFromRows, type Frame, type FrameSchemaEntry } from '../../electron/ml/core/frame.js';
import { createMatrix, type Matrix } from '../../electron/ml/core/matrix.js';
import type { BaseEstimator, Classifier, Regressor } from '../../electron/ml/core/interfaces.js';
import { Rng } from '../../electron/ml/core/rng.js';

/** How the suite drives one kind. */
interface Recipe {
  params?: Record<string, unknown>;
  /** Two different training sets (for the refit check). */
  data: [unknown, unknown];
  fit(e: BaseEstimator, data: unknown): unknown;
  /** Everything the fitted object outputs, as plain numbers/strings (compared exactly). */
  outputs(e: BaseEstimator, data: unknown): unknown;
}

function numericMatrix(seed: number, n: number, p: number): Matrix {
  const rng = new Rng(seed);
  const X = createMatrix(n, p);
  for (let k = 0; k < X.data.length; k++) X.data[k] = rng.next() * 4;
  return X;
}

function classificationData(seed: number, nClasses: number): { X: Matrix; y: Float64Array } {
  const X = numericMatrix(seed, 90, 4);
  const y = new Float64Array(90);
  for (let i = 0; i < 90; i++) {
    const s = X.data[i] + 0.5 * X.data[90 + i] + (i % 7 === 0 ? 2 : 0);
    y[i] = i < nClasses ? i : Math.min(nClasses - 1, Math.floor((s / 6) * nClasses));
  }
  return { X, y };
}

function regressionData(seed: number): { X: Matrix; y: Float64Array } {
  const X = numericMatrix(seed, 90, 4);
  const y = new Float64Array(90);
  for (let i = 0; i < 90; i++) y[i] = 3 * X.data[i] - X.data[180 + i] + Math.sin(X.data[90 + i]);
  return { X, y };
}

const FRAME_SCHEMA: FrameSchemaEntry[] = [
  { name: 'num', kind: 'numeric' },
  { name: 'cat', kind: 'categorical' },
  { name: 'text', kind: 'text' },
  { name: 'when', kind: 'datetime' },
  { name: 'label', kind: 'categorical' },
];

function frame(seed: number): Frame {
  const rng = new Rng(seed);
  const words = ['alpha', 'beta', 'gamma', 'delta', 'omega'];
  const rows = Array.from({ length: 80 }, (_, i) => {
    const num = rng.next() * 10;
    const cat = ['red', 'green', 'blue', 'violet'][rng.int(4)];
    return {
      num: i % 10 === 0 ? null : num,
      cat: i % 13 === 0 ? null : cat,
      text: `${words[rng.int(5)]} ${words[rng.int(5)]} ${words[rng.int(5)]}`,
      when: Date.UTC(2020, rng.int(12), 1 + rng.int(28), rng.int(24)),
      label: num + (cat === 'red' ? 3 : 0) > 6 ? 'high' : 'low',
    };
  });
  return frameFromRows(rows, FRAME_SCHEMA);
}

function plain(m: Matrix): number[] {
  return Array.from(m.data);
}

function supervised(e: BaseEstimator): Recipe | null {
  const task = (e as Partial<Classifier | Regressor>).task;
  if (task === 'classification') {
    return {
      data: [classificationData(1, 3), classificationData(2, 3)],
      fit: (m, d) => (m as Classifier).fit((d as { X: Matrix }).X, (d as { y: Float64Array }).y),
      outputs: (m, d) => {
        const c = m as Classifier;
        const X = (d as { X: Matrix }).X;
        return { predict: Array.from(c.predict(X)), proba: plain(c.predictProba(X)), classes: c.classes };
      },
    };
  }
  if (task === 'regression') {
    return {
      data: [regressionData(1), regressionData(2)],
      fit: (m, d) => (m as Regressor).fit((d as { X: Matrix }).X, (d as { y: Float64Array }).y),
      outputs: (m, d) => Array.from((m as Regressor).predict((d as { X: Matrix }).X)),
    };
  }
  return null;
}

const matrixTransformer: Omit<Recipe, 'params'> = {
  data: [numericMatrix(1, 50, 3), numericMatrix(2, 50, 3)],
  fit: (m, d) => (m as unknown as { fit(X: Matrix): unknown }).fit(d as Matrix),
  outputs: (m, d) => plain((m as unknown as { transform(X: Matrix): Matrix }).transform(d as Matrix)),
};

function frameTransformer(columns: string[]): Omit<Recipe, 'params'> {
  const pick = (f: Frame): Frame => ({ nRows: f.nRows, columns: f.columns.filter((c) => columns.includes(c.name)) });
  return {
    data: [pick(frame(1)), pick(frame(2))],
    fit: (m, d) => (m as unknown as { fit(f: Frame): unknown }).fit(d as Frame),
    outputs: (m, d) => plain((m as unknown as { transform(f: Frame): Matrix }).transform(d as Frame)),
  };
}

const COLUMN_TRANSFORMER_PARAMS = {
  transformers: [
    { name: 'num', columns: ['num'], step: { kind: 'Pipeline', params: { steps: [{ name: 'impute', kind: 'SimpleImputer', params: { strategy: 'median' } }, { name: 'scale', kind: 'StandardScaler', params: {} }] } } },
    { name: 'cat', columns: ['cat'], step: { kind: 'OneHotEncoder', params: {} } },
    { name: 'text', columns: ['text'], step: { kind: 'TfidfVectorizer', params: {} } },
    { name: 'when', columns: ['when'], step: { kind: 'DateTimeFeatures', params: {} } },
  ],
  remainder: 'drop',
};

/** Kinds whose construction or data the generic recipes cannot guess. */
const SPECIAL: Record<string, Recipe> = {
  OneHotEncoder: frameTransformer(['cat', 'num']),
  OrdinalEncoder: frameTransformer(['cat', 'text']),
  DateTimeFeatures: frameTransformer(['when']),
  TfidfVectorizer: frameTransformer(['text']),
  Pipeline: {
    params: { steps: [{ name: 'impute', kind: 'SimpleImputer', params: {} }, { name: 'bins', kind: 'KBinsDiscretizer', params: { nBins: 3 } }] },
    ...matrixTransformer,
  },
  ColumnTransformer: { params: COLUMN_TRANSFORMER_PARAMS, ...frameTransformer(['num', 'cat', 'text', 'when']) },
  ModelPipeline: {
    params: {
      task: 'classification',
      preprocessor: { kind: 'ColumnTransformer', params: COLUMN_TRANSFORMER_PARAMS },
      estimator: { kind: 'LogisticRegression', params: { C: 0.5 } },
      spec: null,
    },
    data: [frame(1), frame(2)],
    fit: (m, d) => (m as unknown as { fit(f: Frame, t: string): unknown }).fit(d as Frame, 'label'),
    outputs: (m, d) => (m as unknown as { predictFrame(f: Frame, o: object): unknown }).predictFrame(d as Frame, { probabilities: true }),
  },
};

function recipeFor(kind: string): Recipe {
  if (SPECIAL[kind]) return SPECIAL[kind];
  const e = createEstimator(kind);
  const r = supervised(e);
  if (r) return r;
  if ((e as { input?: string }).input === 'matrix') return matrixTransformer;
  throw new Error(`no recipe for registry kind ${kind}: add one to test/contract/estimators.test.ts`);
}

function predictBeforeFit(e: BaseEstimator, recipe: Recipe): void {
  recipe.outputs(e, recipe.data[0]);
}

describe('estimator contract', () => {
  const kinds = registeredKinds();

  it('covers the baseline, linear, neighbors, naive-bayes, neural, preprocessing and compose kinds', () => {
    for (const k of ['DummyClassifier', 'OneRuleRegressor', 'LogisticRegression', 'Ridge', 'LinearSVC', 'KNeighborsClassifier', 'GaussianNB', 'MultinomialNB', 'MLPRegressor', 'SimpleImputer', 'TfidfVectorizer', 'ColumnTransformer', 'ModelPipeline']) {
      expect(kinds).toContain(k);
    }
  });

  for (const kind of kinds) {
    describe(kind, () => {
      const recipe = recipeFor(kind);
      const make = (): BaseEstimator => createEstimator(kind, recipe.params);

      it('fit returns this; predicting and serialising before fit throw NotFittedError', () => {
        const e = make();
        expect(e.isFitted).toBe(false);
        expect(() => predictBeforeFit(e, recipe)).toThrow(NotFittedError);
        expect(() => e.toArtifact()).toThrow(NotFittedError);
        expect(recipe.fit(e, recipe.data[0])).toBe(e);
        expect(e.isFitted).toBe(true);
      });

      it('params are unchanged by fit, and clone is unfitted with the same params', () => {
        const e = make();
        const before = JSON.stringify(e.getParams());
        recipe.fit(e, recipe.data[0]);
        expect(JSON.stringify(e.getParams())).toBe(before);
        const c = e.clone();
        expect(c.isFitted).toBe(false);
        expect(JSON.stringify(c.getParams())).toBe(before);
      });

      it('refits are independent of earlier fits', () => {
        const e = make();
        recipe.fit(e, recipe.data[0]);
        recipe.fit(e, recipe.data[1]);
        const fresh = make();
        recipe.fit(fresh, recipe.data[1]);
        expect(JSON.stringify(e.toArtifact())).toBe(JSON.stringify(fresh.toArtifact()));
      });

      it('same data and seed give a byte-identical artifact, which round-trips and predicts identically', () => {
        const a = make();
        const b = make();
        recipe.fit(a, recipe.data[0]);
        recipe.fit(b, recipe.data[0]);
        const json = JSON.stringify(a.toArtifact());
        expect(JSON.stringify(b.toArtifact())).toBe(json);
        const loaded = loadArtifact(JSON.parse(json));
        expect(loaded.kind).toBe(kind);
        expect(loaded.isFitted).toBe(true);
        expect(recipe.outputs(loaded, recipe.data[1])).toEqual(recipe.outputs(a, recipe.data[1]));
        expect(JSON.stringify(loaded.toArtifact())).toBe(json);
      });

      const isSupervised = !SPECIAL[kind] && (createEstimator(kind) as Partial<Classifier | Regressor>).task !== undefined;
      it.runIf(isSupervised)('bad input gets an InvalidInputError naming the problem', () => {
        const d = recipe.data[0] as { X: Matrix; y: Float64Array };
        const est = (): Classifier | Regressor => createEstimator(kind, recipe.params) as Classifier | Regressor;
        expect(() => est().fit(createMatrix(0, 4), new Float64Array(0))).toThrow(InvalidInputError);
        expect(() => est().fit(d.X, d.y.subarray(1))).toThrow(/rows|values|length/);
        if ((est() as Partial<Classifier>).task === 'classification') {
          expect(() => est().fit(d.X, new Float64Array(d.y.length).fill(1))).toThrow(/single class/);
        }
        // NaN / Infinity: refused with a clear error, or handled natively (histogram boosting); never a crash.
        for (const bad of [NaN, Infinity]) {
          const X = { ...d.X, data: d.X.data.slice() };
          X.data[5] = bad;
          try {
            est().fit(X, d.y);
          } catch (e) {
            expect(e).toBeInstanceOf(InvalidInputError);
          }
        }
        const fitted = est();
        recipe.fit(fitted, d);
        expect(() => recipe.outputs(fitted, { X: createMatrix(3, 5), y: new Float64Array(3) })).toThrow(InvalidInputError);
      });

      it('refuses an artifact of an unknown version or a missing state', () => {
        const e = make();
        recipe.fit(e, recipe.data[0]);
        const art = JSON.parse(JSON.stringify(e.toArtifact()));
        expect(() => loadArtifact({ ...art, version: 999 })).toThrow(ArtifactError);
        expect(() => loadArtifact({ ...art, state: null })).toThrow(ArtifactError);
      });
    });
  }
});
