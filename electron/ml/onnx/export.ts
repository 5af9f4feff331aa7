/**
 * Whole-model ONNX export of one estimator that implements {@link OnnxConvertible}: declares the
 * float input `input` [N, nFeatures] and names the outputs the way Ciclo's exports always do:
 * classifiers `label` (int64 [N], index into the model's `classes`) and `probabilities`
 * (float [N, K]); regressors `variable` (float [N, 1], as skl2onnx names it).
 */
import { OnnxGraphBuilder, type OnnxConvertible, type OnnxGraphSpec } from './graph.js';
import { InvalidInputError } from '../core/errors.js';

/** An estimator that can describe itself in ONNX. */
export interface ExportableEstimator extends OnnxConvertible {
  readonly kind: string;
  readonly task: 'classification' | 'regression';
}

/** Names of the graph's input and outputs. */
export const ONNX_IO = { input: 'input', label: 'label', probabilities: 'probabilities', variable: 'variable' } as const;

/**
 * Builds the ONNX graph of a fitted estimator that takes `nFeatures` numeric features, after the
 * fitted numeric transformers `before` (e.g. a scaler), applied in order.
 */
export function exportEstimatorToOnnx(model: ExportableEstimator, nFeatures: number, nClasses = 0, before: readonly OnnxConvertible[] = []): OnnxGraphSpec {
  const b = new OnnxGraphBuilder();
  let features: string = ONNX_IO.input;
  for (const step of before) {
    const o = step.toOnnx(b, features).output;
    if (!o) throw new InvalidInputError('A transformer step did not produce an ONNX output.');
    features = o;
  }
  const out = model.toOnnx(b, features);
  const inputs = [{ name: ONNX_IO.input, elemType: 'float' as const, shape: ['N', nFeatures] }];
  if (model.task === 'classification') {
    if (!out.label || !out.probabilities) throw new InvalidInputError(`${model.kind} did not produce ONNX label and probabilities outputs.`);
    b.addNode('Identity', [out.label], [ONNX_IO.label]);
    b.addNode('Identity', [out.probabilities], [ONNX_IO.probabilities]);
    return b.build(model.kind, inputs, [
      { name: ONNX_IO.label, elemType: 'int64', shape: ['N'] },
      { name: ONNX_IO.probabilities, elemType: 'float', shape: ['N', nClasses > 0 ? nClasses : 'K'] },
    ]);
  }
  if (!out.output) throw new InvalidInputError(`${model.kind} did not produce an ONNX output.`);
  b.addNode('Identity', [out.output], [ONNX_IO.variable]);
  return b.build(model.kind, inputs, [{ name: ONNX_IO.variable, elemType: 'float', shape: ['N', 1] }]);
}
