/**
 * Lets cross-validation, search and permutation importance drive a fitted-on-Frames pipeline
 * (compose's `ModelPipeline`, which reads its target from the frame and predicts label strings)
 * through the same `FittableModel` interface as a bare estimator.
 *
 * Classes are numbered by the problem's full label list (`targetLabels`), not by what each
 * training fold happened to contain, so fold models with a missing class still score correctly:
 * predictions map back to global indices and probability columns are placed by label.
 */
import { InvalidInputError, type AbortSignalLike } from '../core/errors.js';
import type { FitProgress } from '../core/interfaces.js';
import { getColumn, type Frame } from '../core/frame.js';
import { createMatrix, type Matrix } from '../core/matrix.js';
import { categoryView } from '../preprocessing/encoders.js';
import type { FittableModel } from './data.js';

/** The part of a Frame pipeline the adapter uses (structurally, `ModelPipeline`). */
export interface FramePipelineLike {
  readonly task: 'classification' | 'regression';
  fit(frame: Frame, targetColumn?: string, options?: { sampleWeight?: Float64Array; signal?: AbortSignalLike; onProgress?: (p: FitProgress) => void }): unknown;
  predictFrame(
    frame: Frame,
    options?: { probabilities?: boolean },
  ): { task: 'classification'; labels: string[]; classLabels: string[]; probabilities?: Matrix } | { task: 'regression'; values: Float64Array };
}

/** The problem's target: labels (classification) and `y` as the adapter expects it. */
export interface PipelineTarget {
  /** Sorted label strings (classification), as the pipeline names them. */
  labels: string[];
  /** Class index into `labels` per row (classification) or the numeric target (regression). */
  y: Float64Array;
}

/**
 * Reads the target column of `frame` for the adapter: class indices into the sorted label
 * strings (numbers by their text form, as the pipeline does), or the numeric values.
 * Missing target values are an error naming the column.
 */
export function pipelineTarget(frame: Frame, target: string, task: 'classification' | 'regression'): PipelineTarget {
  const col = getColumn(frame, target);
  const n = frame.nRows;
  if (task === 'regression') {
    if (col.kind !== 'numeric') throw new InvalidInputError(`The target "${target}" must be numeric for regression.`, target);
    for (let i = 0; i < n; i++) if (!Number.isFinite(col.values[i])) throw new InvalidInputError(`The target "${target}" is missing at row ${i}.`, target);
    return { labels: [], y: Float64Array.from(col.values) };
  }
  const numeric = col.kind === 'numeric' ? [...new Set(Array.from(col.values).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b).map(String) : null;
  const view = categoryView(col);
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (view.codes[i] < 0) throw new InvalidInputError(`The target "${target}" is missing at row ${i}.`, target);
    used.add(view.levels[view.codes[i]]);
  }
  const labels = numeric ?? [...used].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(labels.map((l, k) => [l, k]));
  const y = Float64Array.from(view.codes, (c) => index.get(view.levels[c]) as number);
  return { labels, y };
}

/**
 * Wraps a pipeline (made fresh by the caller for each fit) as a {@link FittableModel} on Frames.
 * `labels` are the problem's class labels (from {@link pipelineTarget}); `y` passed to `fit` is
 * ignored because the pipeline reads the target column from the frame itself.
 */
export function pipelineAsModel(pipeline: FramePipelineLike, target: string, labels: readonly string[] = []): FittableModel<Frame> {
  const index = new Map(labels.map((l, k) => [l, k]));
  const toGlobal = (label: string): number => {
    const k = index.get(label);
    if (k === undefined) throw new InvalidInputError(`The pipeline predicts "${label}", which is not one of the target's labels.`, target);
    return k;
  };
  return {
    classes: pipeline.task === 'classification' ? labels.map((_, k) => k) : undefined,
    fit(X: Frame, _y: ArrayLike<number>, options = {}) {
      pipeline.fit(X, target, options);
      return this;
    },
    predict(X: Frame): Float64Array {
      const p = pipeline.predictFrame(X);
      if (p.task === 'regression') return p.values;
      return Float64Array.from(p.labels, toGlobal);
    },
    predictProba(X: Frame): Matrix {
      const p = pipeline.predictFrame(X, { probabilities: true });
      if (p.task === 'regression' || !p.probabilities) throw new InvalidInputError('A regression pipeline gives no probabilities.', 'metric');
      const n = X.nRows;
      const out = createMatrix(n, labels.length);
      p.classLabels.forEach((label, j) => out.data.set(p.probabilities!.data.subarray(j * n, (j + 1) * n), toGlobal(label) * n));
      return out;
    },
  };
}
