/**
 * Encodes the engine's plain-object ONNX graph ({@link OnnxGraphSpec}, built by the pure engine in
 * electron/ml/onnx) into ONNX protobuf bytes (a `.onnx` file ONNX Runtime, Triton or KServe load).
 *
 * The engine cannot import protobuf libraries (electron/ml is pure TypeScript), so the split is:
 * converters describe the graph as data, this module checks that the graph is well-formed (every
 * node input produced before it is read, unique names, declared opsets) and serialises it.
 * The `onnx-proto` package (generated from the official onnx.proto) is used so field numbers and
 * wire types come from the specification, not from hand-written encoding.
 */
import p from 'onnx-proto';
import type { OnnxAttribute, OnnxElemType, OnnxGraphSpec, OnnxTensor, OnnxValueInfo } from '../../ml/onnx/graph.js';
import { ENGINE_VERSION } from '../../ml/version.js';
import { AppError } from '../../../shared/errors.js';

const { onnx } = p;

/**
 * IR version written into the model. 8 is the newest the bundled onnx.proto (onnx 1.10) defines;
 * it covers opset 17 / ai.onnx.ml 3 and is read by every ONNX Runtime since 1.10.
 */
export const ONNX_IR_VERSION = 8;

/** Optional model-level fields. */
export interface OnnxEncodeOptions {
  /** Free text stored as the model's doc string. */
  docString?: string;
  /** Key/value metadata stored in the model (e.g. class labels, feature names, Ciclo model id). */
  metadata?: Readonly<Record<string, string>>;
}

const ELEM_TYPE: Record<OnnxElemType, number> = {
  float: onnx.TensorProto.DataType.FLOAT,
  double: onnx.TensorProto.DataType.DOUBLE,
  int64: onnx.TensorProto.DataType.INT64,
  string: onnx.TensorProto.DataType.STRING,
};

const utf8 = new TextEncoder();

/** Serialises `spec` to ONNX bytes. Throws AppError(INTERNAL) when the graph is malformed (a converter bug). */
export function encodeOnnxModel(spec: OnnxGraphSpec, options: OnnxEncodeOptions = {}): Uint8Array {
  validateGraph(spec);
  const model = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    producerName: 'Ciclo',
    producerVersion: ENGINE_VERSION,
    docString: options.docString ?? '',
    opsetImport: spec.opsets.map((o) => onnx.OperatorSetIdProto.create({ domain: o.domain, version: o.version })),
    metadataProps: Object.entries(options.metadata ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => onnx.StringStringEntryProto.create({ key, value })),
    graph: onnx.GraphProto.create({
      name: spec.name,
      node: spec.nodes.map((n) =>
        onnx.NodeProto.create({
          name: n.name,
          opType: n.opType,
          domain: n.domain,
          input: n.inputs,
          output: n.outputs,
          attribute: n.attributes.map(encodeAttribute),
        }),
      ),
      initializer: spec.initializers.map(encodeTensor),
      input: spec.inputs.map(encodeValueInfo),
      output: spec.outputs.map(encodeValueInfo),
    }),
  });
  return onnx.ModelProto.encode(model).finish();
}

function encodeValueInfo(v: OnnxValueInfo): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name: v.name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: ELEM_TYPE[v.elemType],
        shape: onnx.TensorShapeProto.create({
          dim: v.shape.map((d) =>
            typeof d === 'number'
              ? onnx.TensorShapeProto.Dimension.create({ dimValue: d })
              : onnx.TensorShapeProto.Dimension.create({ dimParam: d }),
          ),
        }),
      }),
    }),
  });
}

/** Numbers are written as little-endian raw bytes: compact, and exact for float and double. */
function encodeTensor(t: OnnxTensor): InstanceType<typeof onnx.TensorProto> {
  const base = { name: t.name, dims: t.dims, dataType: ELEM_TYPE[t.elemType] };
  if (t.elemType === 'string') {
    return onnx.TensorProto.create({ ...base, stringData: (t.values as readonly string[]).map((s) => utf8.encode(String(s))) });
  }
  const values = t.values as ArrayLike<number>;
  let raw: Uint8Array;
  if (t.elemType === 'float') raw = bytesOf(Float32Array.from(values));
  else if (t.elemType === 'double') raw = bytesOf(Float64Array.from(values));
  else raw = bytesOf(BigInt64Array.from(Array.from(values, (x) => BigInt(checkInteger(x, t.name)))));
  return onnx.TensorProto.create({ ...base, rawData: raw });
}

function encodeAttribute(a: OnnxAttribute): InstanceType<typeof onnx.AttributeProto> {
  const T = onnx.AttributeProto.AttributeType;
  switch (a.type) {
    case 'float':
      return onnx.AttributeProto.create({ name: a.name, type: T.FLOAT, f: a.value });
    case 'int':
      return onnx.AttributeProto.create({ name: a.name, type: T.INT, i: checkInteger(a.value, a.name) });
    case 'string':
      return onnx.AttributeProto.create({ name: a.name, type: T.STRING, s: utf8.encode(a.value) });
    case 'floats':
      return onnx.AttributeProto.create({ name: a.name, type: T.FLOATS, floats: Array.from(a.value) });
    case 'ints':
      return onnx.AttributeProto.create({ name: a.name, type: T.INTS, ints: Array.from(a.value, (x) => checkInteger(x, a.name)) });
    case 'strings':
      return onnx.AttributeProto.create({ name: a.name, type: T.STRINGS, strings: a.value.map((s) => utf8.encode(s)) });
    case 'tensor':
      return onnx.AttributeProto.create({ name: a.name, type: T.TENSOR, t: encodeTensor(a.value) });
  }
}

function checkInteger(x: number, what: string): number {
  if (!Number.isSafeInteger(x)) throw invalid(`ONNX value "${what}" must be an integer, got ${x}.`);
  return x;
}

const IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function bytesOf(a: Float32Array | Float64Array | BigInt64Array): Uint8Array {
  if (!IS_LITTLE_ENDIAN) throw invalid('ONNX export on big-endian platforms is not supported.');
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function invalid(message: string): AppError {
  return new AppError('INTERNAL', `Cannot export to ONNX: ${message}`);
}

/**
 * Checks what ONNX Runtime would otherwise reject with a less helpful message: names are unique,
 * every node input exists when the node runs (graph nodes must be topologically sorted), every
 * output is produced, tensor sizes match their dims, and each node's domain has an opset.
 */
function validateGraph(spec: OnnxGraphSpec): void {
  const defined = new Set<string>();
  const define = (name: string, what: string): void => {
    if (name === '') throw invalid(`${what} has an empty name.`);
    if (defined.has(name)) throw invalid(`the name "${name}" is defined twice.`);
    defined.add(name);
  };
  if (spec.inputs.length === 0) throw invalid('the graph has no input.');
  if (spec.outputs.length === 0) throw invalid('the graph has no output.');
  for (const v of spec.inputs) define(v.name, 'a graph input');
  for (const t of spec.initializers) {
    define(t.name, 'an initializer');
    const size = t.dims.reduce((a, b) => a * b, 1);
    if (size !== t.values.length) throw invalid(`initializer "${t.name}" has ${t.values.length} values for dims [${t.dims.join(', ')}].`);
  }
  const domains = new Set(spec.opsets.map((o) => o.domain));
  const nodeNames = new Set<string>();
  for (const n of spec.nodes) {
    if (nodeNames.has(n.name)) throw invalid(`two nodes are named "${n.name}".`);
    nodeNames.add(n.name);
    if (!domains.has(n.domain)) throw invalid(`node "${n.name}" uses domain "${n.domain}" without an opset for it.`);
    for (const input of n.inputs) {
      // '' marks an omitted optional input in ONNX.
      if (input !== '' && !defined.has(input)) throw invalid(`node "${n.name}" reads "${input}" before anything produces it.`);
    }
    for (const output of n.outputs) define(output, `an output of node "${n.name}"`);
  }
  for (const v of spec.outputs) {
    if (!defined.has(v.name)) throw invalid(`graph output "${v.name}" is not produced by any node.`);
  }
}
