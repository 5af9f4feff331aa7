/**
 * ONNX emitters shared by linear-in-the-features models (logistic regression, naive Bayes in its
 * linear form, dummies): ai.onnx.ml LinearClassifier / LinearRegressor nodes.
 */
import type { OnnxGraphBuilder } from '../onnx/graph.js';

/**
 * Appends a LinearClassifier over `input` (float [N, p]). `coef` is row-major K x p, `intercepts`
 * length K; `postTransform` SOFTMAX turns the K scores into probabilities. Labels are class indices.
 */
export function addLinearClassifier(
  builder: OnnxGraphBuilder,
  input: string,
  coef: ArrayLike<number>,
  intercepts: ArrayLike<number>,
  postTransform: 'NONE' | 'SOFTMAX' | 'LOGISTIC',
): { label: string; probabilities: string } {
  const K = intercepts.length;
  const label = builder.uniqueName('label');
  const probabilities = builder.uniqueName('probabilities');
  builder.addNode(
    'LinearClassifier',
    [input],
    [label, probabilities],
    [
      { name: 'coefficients', type: 'floats', value: Array.from(coef) },
      { name: 'intercepts', type: 'floats', value: Array.from(intercepts) },
      { name: 'classlabels_ints', type: 'ints', value: Array.from({ length: K }, (_, k) => k) },
      { name: 'multi_class', type: 'int', value: 0 },
      { name: 'post_transform', type: 'string', value: postTransform },
    ],
    'ai.onnx.ml',
  );
  return { label, probabilities };
}

/**
 * A binary model's one score column z becomes the two-row classifier [0; w] with intercepts [0; b]:
 * softmax([0, z]) = [1 - sigmoid(z), sigmoid(z)] exactly, and the label is class 1 iff z > 0.
 */
export function addBinaryLogistic(builder: OnnxGraphBuilder, input: string, w: ArrayLike<number>, b: number): { label: string; probabilities: string } {
  const p = w.length;
  const coef = new Float64Array(2 * p);
  coef.set(w as ArrayLike<number>, p);
  return addLinearClassifier(builder, input, coef, [0, b], 'SOFTMAX');
}

/** Appends a LinearRegressor (float [N, p] -> float [N, 1]). */
export function addLinearRegressor(builder: OnnxGraphBuilder, input: string, coef: ArrayLike<number>, intercept: number): { output: string } {
  const output = builder.uniqueName('variable');
  builder.addNode(
    'LinearRegressor',
    [input],
    [output],
    [
      { name: 'coefficients', type: 'floats', value: Array.from(coef) },
      { name: 'intercepts', type: 'floats', value: [intercept] },
      { name: 'targets', type: 'int', value: 1 },
      { name: 'post_transform', type: 'string', value: 'NONE' },
    ],
    'ai.onnx.ml',
  );
  return { output };
}
