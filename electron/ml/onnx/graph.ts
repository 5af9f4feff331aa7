/**
 * A plain-object description of an ONNX graph. The engine builds this (it is pure TS and may not
 * import protobuf libraries); the backend encodes it to ONNX bytes with onnx-proto
 * (electron/backend/registry/onnx-encode.ts). Operators come from the default domain and from
 * `ai.onnx.ml` (TreeEnsembleClassifier/Regressor, LinearClassifier/Regressor, Scaler, OneHotEncoder,
 * Imputer...), so the exported model runs in ONNX Runtime and in servers built on it.
 */

/** Element types used by Ciclo's exports. */
export type OnnxElemType = 'float' | 'double' | 'int64' | 'string';

/** An attribute of a node. */
export type OnnxAttribute =
  | { name: string; type: 'float'; value: number }
  | { name: string; type: 'int'; value: number }
  | { name: string; type: 'string'; value: string }
  | { name: string; type: 'floats'; value: ArrayLike<number> }
  | { name: string; type: 'ints'; value: ArrayLike<number> }
  | { name: string; type: 'strings'; value: readonly string[] }
  | { name: string; type: 'tensor'; value: OnnxTensor };

/** A node. */
export interface OnnxNode {
  name: string;
  opType: string;
  /** '' = the default ONNX domain. */
  domain: '' | 'ai.onnx.ml';
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttribute[];
}

/** A constant tensor (initializer or attribute value). */
export interface OnnxTensor {
  name: string;
  elemType: OnnxElemType;
  dims: number[];
  values: ArrayLike<number> | readonly string[];
}

/** A graph input or output. A dimension is a number, or a string for a symbolic size (e.g. 'N'). */
export interface OnnxValueInfo {
  name: string;
  elemType: OnnxElemType;
  shape: (number | string)[];
}

/** The whole graph plus the opsets it needs. */
export interface OnnxGraphSpec {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  /** e.g. [{domain: '', version: 17}, {domain: 'ai.onnx.ml', version: 3}] */
  opsets: { domain: '' | 'ai.onnx.ml'; version: number }[];
}

/** Default opsets of Ciclo's exports (ONNX Runtime 1.16+ runs both). */
export const DEFAULT_OPSETS: OnnxGraphSpec['opsets'] = [
  { domain: '', version: 17 },
  { domain: 'ai.onnx.ml', version: 3 },
];

/**
 * Collects nodes and initializers while converters append their steps, handing out unique names.
 * A converter takes the name of its input tensor and returns the name of its output tensor.
 */
export class OnnxGraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private counter = 0;

  /** A fresh tensor/node name with the given prefix. */
  uniqueName(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }

  /** Appends a node; returns its output names. */
  addNode(opType: string, inputs: string[], outputs: string[], attributes: OnnxAttribute[] = [], domain: '' | 'ai.onnx.ml' = ''): string[] {
    this.nodes.push({ name: this.uniqueName(opType), opType, domain, inputs, outputs, attributes });
    return outputs;
  }

  /** Adds a constant tensor; returns its name. */
  addInitializer(prefix: string, elemType: OnnxElemType, dims: number[], values: ArrayLike<number> | readonly string[]): string {
    const name = this.uniqueName(prefix);
    this.initializers.push({ name, elemType, dims, values });
    return name;
  }

  /** Finishes the graph. */
  build(name: string, inputs: OnnxValueInfo[], outputs: OnnxValueInfo[], opsets = DEFAULT_OPSETS): OnnxGraphSpec {
    return { name, nodes: this.nodes, initializers: this.initializers, inputs, outputs, opsets };
  }
}

/** Implemented by estimators and transformers that ONNX can express. */
export interface OnnxConvertible {
  /**
   * Appends this step's nodes. `input` is a float tensor [N, nFeaturesIn]. Returns the names of the
   * outputs: for transformers `{ output }` (float [N, nFeaturesOut]); for classifiers
   * `{ label, probabilities }` (label int64 [N] holding class indices 0..K-1, probabilities float
   * [N, K]); for regressors `{ output }` (float [N, 1]).
   */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output?: string; label?: string; probabilities?: string };
}
