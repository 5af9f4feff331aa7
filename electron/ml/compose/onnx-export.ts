/**
 * Exports a fitted {@link ModelPipeline} as an ONNX graph (the plain-object {@link OnnxGraphSpec};
 * the backend encodes it to bytes), or says precisely which steps ONNX cannot express.
 *
 * The graph has one input per input column, shaped [N, 1] and named after the column: float for
 * numeric columns (NaN = missing), string for categorical and text columns (the empty string =
 * missing). Outputs: classification `label` (string [N], the original class labels) and
 * `probabilities` (float [N, K], columns in class-label order); regression `variable` (float [N, 1]).
 *
 * Exportable: imputation (SimpleImputer), scaling (standard, min-max, robust), Normalizer, log1p,
 * ordinal binning, one-hot and ordinal encoding; models with a converter (linear and logistic
 * models, linear SVM, naive Bayes, MLP, baselines, one-rule, and the tree ensembles' own).
 * Not exportable: dates (no calendar operators), TF-IDF (no standard tokeniser), the KNN imputer and
 * k-NN models (no nearest-neighbour search), one-hot binning, and random dummy strategies.
 */
import type { OnnxConvertible, OnnxGraphSpec, OnnxValueInfo } from '../onnx/graph.js';
import { OnnxGraphBuilder } from '../onnx/graph.js';
import type { Estimator } from '../core/interfaces.js';
import type { ModelPipeline } from './model-pipeline.js';

const OUTPUT_NAMES = ['label', 'probabilities', 'variable'];

/** Why the model itself cannot be exported, or null. */
function estimatorReason(est: Estimator): string | null {
  if (typeof (est as Partial<OnnxConvertible>).toOnnx !== 'function') {
    return est.kind.startsWith('KNeighbors') ? 'nearest-neighbour search is not exported' : 'no ONNX converter';
  }
  if (est.kind === 'DummyClassifier') {
    const strategy = (est.getParams() as { strategy?: string }).strategy;
    if (strategy === 'stratified' || strategy === 'uniform') return `strategy '${strategy}' predicts at random`;
  }
  return null;
}

/** The graph of `pipeline`, or the list of steps that prevent the export. */
export function exportPipelineToOnnx(pipeline: ModelPipeline): OnnxGraphSpec | { unsupported: string[] } {
  const schema = pipeline.inputSchema;
  const ct = pipeline.columnTransformer;
  const unsupported = ct.onnxUnsupported();
  for (const c of schema) {
    if (OUTPUT_NAMES.includes(c.name)) unsupported.push(`column "${c.name}" (the name is reserved for an ONNX output)`);
  }
  const est = pipeline.estimator;
  const reason = estimatorReason(est);
  if (reason) unsupported.push(`model (${est.kind}: ${reason})`);
  if (unsupported.length > 0) return { unsupported };

  const builder = new OnnxGraphBuilder();
  const inputs: OnnxValueInfo[] = schema.map((c) => ({ name: c.name, elemType: c.kind === 'numeric' ? 'float' : 'string', shape: ['N', 1] }));
  const tensors: Record<string, string> = Object.fromEntries(schema.map((c) => [c.name, c.name]));
  const { output: features } = ct.toOnnxFrame(builder, tensors);
  const result = (est as unknown as OnnxConvertible).toOnnx(builder, features);
  const outputs: OnnxValueInfo[] = [];
  if (pipeline.task === 'classification') {
    const labels = pipeline.classLabels as string[];
    if (!result.label || !result.probabilities) return { unsupported: [`model (${est.kind}: its converter gave no label and probabilities)`] };
    builder.addNode(
      'LabelEncoder',
      [result.label],
      ['label'],
      [
        { name: 'keys_int64s', type: 'ints', value: labels.map((_, k) => k) },
        { name: 'values_strings', type: 'strings', value: labels },
        { name: 'default_string', type: 'string', value: '' },
      ],
      'ai.onnx.ml',
    );
    builder.addNode('Identity', [result.probabilities], ['probabilities']);
    outputs.push({ name: 'label', elemType: 'string', shape: ['N'] }, { name: 'probabilities', elemType: 'float', shape: ['N', labels.length] });
  } else {
    if (!result.output) return { unsupported: [`model (${est.kind}: its converter gave no output)`] };
    builder.addNode('Identity', [result.output], ['variable']);
    outputs.push({ name: 'variable', elemType: 'float', shape: ['N', 1] });
  }
  return builder.build('ciclo_pipeline', inputs, outputs);
}

/** True when {@link exportPipelineToOnnx} returned the list of unsupported steps. */
export function isUnsupported(r: OnnxGraphSpec | { unsupported: string[] }): r is { unsupported: string[] } {
  return (r as { unsupported?: string[] }).unsupported !== undefined;
}
