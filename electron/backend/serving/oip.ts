/**
 * The Open Inference Protocol v2 (KServe / Triton / MLServer's REST "V2 inference protocol"):
 * model metadata and `POST /v2/models/{name}[/versions/{v}]/infer`.
 *
 * Request inputs, either
 *   - one tensor per input column, named after it, shape [N] or [N, 1]; or
 *   - one tensor of shape [N, C] whose `parameters.columns` names its C columns (row-major data;
 *     without the parameter, C must equal the model's column count and follow its order).
 * Datatypes per the spec: BOOL (JSON booleans), INT8..INT64 / UINT8..UINT64 (integers), FP16/FP32/
 * FP64 (numbers), BYTES (strings); `data` may be flat or nested. Ciclo reads JSON null as a
 * missing value in any tensor (the spec has no missing value; pandas-based servers do the same).
 * Outputs: `predict` (labels as BYTES, or regression values as FP64, shape [N]) and, for a
 * classifier, `predict_proba` (FP64, shape [N, K], classes in `parameters.classes`). Without an
 * `outputs` list every output is returned, as the spec says. The request's `id` is echoed (the
 * server's request id when the request has none).
 */
import type { Frame, FrameColumnKind } from '../../ml/core/frame.js';
import { badInput, badRequest, showValue } from './errors.js';
import { checkBatchSize, frameOf, type CellReader } from './input.js';
import type { ServedModel } from './models.js';
import type { PredictionOutput } from './predict.js';
import type { ModelEntry } from './types.js';

const INT_TYPES = new Set(['INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64']);
const FLOAT_TYPES = new Set(['FP16', 'FP32', 'FP64']);
const OUTPUT_NAMES = ['predict', 'predict_proba'] as const;
type OutputName = (typeof OUTPUT_NAMES)[number];

/** The spec datatype a column kind is described with in metadata. */
export function datatypeOf(kind: FrameColumnKind): string {
  return kind === 'numeric' ? 'FP64' : 'BYTES';
}

/** `GET /v2/models/{name}[/versions/{v}]`. */
export function v2ModelMetadata(model: ServedModel, entry: ModelEntry): Record<string, unknown> {
  const outputs: Record<string, unknown>[] = [{ name: 'predict', datatype: model.task === 'classification' ? 'BYTES' : 'FP64', shape: [-1] }];
  if (model.task === 'classification') outputs.push({ name: 'predict_proba', datatype: 'FP64', shape: [-1, (model.classLabels ?? []).length] });
  const stages = entry.versions.find((v) => v.version === model.version)?.stages ?? [];
  return {
    name: model.name,
    versions: entry.versions.map((v) => v.version),
    platform: 'ciclo',
    inputs: model.inputSchema.map((c) => ({ name: c.name, datatype: datatypeOf(c.kind), shape: [-1], parameters: { kind: c.kind } })),
    outputs,
    parameters: {
      version: model.version,
      stages,
      task: model.task,
      target: model.pipeline.target,
      ...(model.classLabels ? { classes: model.classLabels } : {}),
      ...(model.metadata.description ? { description: model.metadata.description } : {}),
      ...(model.metadata.createdAt ? { created_at: model.metadata.createdAt } : {}),
    },
  };
}

/** A decoded infer request. */
export interface V2Request {
  frame: Frame;
  /** The client's request id, if it sent one. */
  id?: string;
  outputs: OutputName[];
}

interface Tensor {
  name: string;
  shape: number[];
  datatype: string;
  data: unknown[];
  parameters: Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Flattens nested `data` row-major, refusing ragged or too-deep nesting. */
function flatten(data: unknown[], depth: number, out: unknown[], field: string): void {
  for (const v of data) {
    if (Array.isArray(v)) {
      if (depth >= 8) throw badRequest(`${field}.data is nested too deeply.`, field);
      flatten(v, depth + 1, out, field);
    } else out.push(v);
  }
}

function checkElements(t: Tensor): void {
  const { datatype, data } = t;
  let ok: (v: unknown) => boolean;
  let what: string;
  if (datatype === 'BOOL') {
    ok = (v) => typeof v === 'boolean';
    what = 'booleans';
  } else if (INT_TYPES.has(datatype)) {
    const unsigned = datatype.startsWith('U');
    ok = (v) => typeof v === 'number' && Number.isInteger(v) && (!unsigned || v >= 0);
    what = unsigned ? 'non-negative integers' : 'integers';
  } else if (FLOAT_TYPES.has(datatype)) {
    ok = (v) => typeof v === 'number' && Number.isFinite(v);
    what = 'finite numbers';
  } else {
    ok = (v) => typeof v === 'string';
    what = 'strings';
  }
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v !== null && !ok(v)) throw badInput(`Input "${t.name}" is ${datatype}, so its data must be ${what} (or null for missing); element ${i} is ${showValue(v)}.`, t.name);
  }
}

function readTensor(raw: unknown, k: number): Tensor {
  const field = `inputs[${k}]`;
  if (!isObject(raw)) throw badRequest(`${field} must be an object with name, shape, datatype and data.`, field);
  const { name, shape, datatype, data, parameters } = raw;
  if (typeof name !== 'string' || name === '') throw badRequest(`${field}.name must be a non-empty string.`, `${field}.name`);
  if (!Array.isArray(shape) || shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw badRequest(`Input "${name}": shape must be a list of non-negative integers.`, name);
  }
  if (typeof datatype !== 'string' || !(datatype === 'BOOL' || datatype === 'BYTES' || INT_TYPES.has(datatype) || FLOAT_TYPES.has(datatype))) {
    throw badRequest(`Input "${name}": datatype must be one of BOOL, INT8..INT64, UINT8..UINT64, FP16, FP32, FP64, BYTES; got ${showValue(datatype)}.`, name);
  }
  if (!Array.isArray(data)) throw badRequest(`Input "${name}": data must be an array.`, name);
  if (parameters !== undefined && !isObject(parameters)) throw badRequest(`Input "${name}": parameters must be an object.`, name);
  const flat: unknown[] = [];
  flatten(data, 0, flat, name);
  const t: Tensor = { name, shape: shape as number[], datatype, data: flat, parameters: (parameters as Record<string, unknown>) ?? {} };
  const expected = t.shape.reduce((a, b) => a * b, 1);
  if (flat.length !== expected) throw badInput(`Input "${name}" has shape [${t.shape.join(', ')}] (${expected} values) but ${flat.length} data values.`, name);
  checkElements(t);
  return t;
}

/** Decodes the body of an infer request for `model`. */
export function decodeV2Request(body: unknown, model: ServedModel, maxRows: number): V2Request {
  if (!isObject(body)) throw badRequest('The request body must be a JSON object with an "inputs" list.');
  for (const key of Object.keys(body)) {
    if (!['id', 'parameters', 'inputs', 'outputs'].includes(key)) throw badRequest(`Unknown field "${key}": an inference request has id, parameters, inputs and outputs.`, key);
  }
  if (body.id !== undefined && typeof body.id !== 'string') throw badRequest('id must be a string.', 'id');
  if (body.parameters !== undefined && !isObject(body.parameters)) throw badRequest('parameters must be an object.', 'parameters');
  if (!Array.isArray(body.inputs) || body.inputs.length === 0) throw badRequest('inputs must be a non-empty list of tensors.', 'inputs');

  let outputs: OutputName[] = model.task === 'classification' ? ['predict', 'predict_proba'] : ['predict'];
  if (body.outputs !== undefined) {
    if (!Array.isArray(body.outputs) || body.outputs.length === 0) throw badRequest('outputs must be a non-empty list of {"name": ...}.', 'outputs');
    const asked: OutputName[] = [];
    body.outputs.forEach((o: unknown, k: number) => {
      const name = isObject(o) ? o.name : undefined;
      if (typeof name !== 'string' || !(OUTPUT_NAMES as readonly string[]).includes(name)) {
        throw badRequest(`outputs[${k}].name must be "predict" or "predict_proba", got ${showValue(name)}.`, `outputs[${k}].name`);
      }
      if (name === 'predict_proba' && model.task !== 'classification') throw badInput(`Model "${model.name}" is a regression model: it has no predict_proba output.`, `outputs[${k}].name`);
      if (!asked.includes(name as OutputName)) asked.push(name as OutputName);
    });
    outputs = asked;
  }

  const schema = model.inputSchema;
  const tensors = (body.inputs as unknown[]).map(readTensor);
  const byName = new Map(schema.map((c, j) => [c.name, j]));
  let frame: Frame;
  const single = tensors.length === 1 ? tensors[0] : null;
  if (single && single.shape.length === 2 && !(schema.length === 1 && byName.has(single.name) && single.shape[1] === 1)) {
    // One [N, C] tensor holding every column.
    const [n, width] = single.shape;
    checkBatchSize(n, maxRows);
    let columns: string[];
    const declared = single.parameters.columns;
    if (declared !== undefined) {
      if (!Array.isArray(declared) || !declared.every((c) => typeof c === 'string')) throw badRequest(`Input "${single.name}": parameters.columns must be a list of column names.`, single.name);
      columns = declared as string[];
      if (columns.length !== width) throw badInput(`Input "${single.name}" has ${width} columns but parameters.columns names ${columns.length}.`, single.name);
    } else {
      if (width !== schema.length) {
        throw badInput(`Input "${single.name}" has ${width} columns but the model takes ${schema.length}; name them in parameters.columns, or send one tensor per column.`, single.name);
      }
      columns = schema.map((c) => c.name);
    }
    const position = new Map<string, number>();
    columns.forEach((c, k) => {
      if (!byName.has(c)) throw badInput(`Unknown column "${c}" in input "${single.name}": the model takes ${schema.map((s) => `"${s.name}"`).join(', ')}.`, c);
      if (position.has(c)) throw badInput(`Column "${c}" appears twice in input "${single.name}".`, c);
      position.set(c, k);
    });
    for (const c of schema) if (!position.has(c.name)) throw badInput(`Column "${c.name}" is missing from input "${single.name}".`, c.name);
    const data = single.data;
    frame = frameOf(schema, n, (j): CellReader => {
      const p = position.get(schema[j].name) as number;
      return (i) => data[i * width + p];
    });
  } else {
    // One tensor per column.
    const given = new Map<string, Tensor>();
    let n = -1;
    for (const t of tensors) {
      if (!byName.has(t.name)) throw badInput(`Unknown input "${t.name}": the model takes one input per column: ${schema.map((s) => `"${s.name}"`).join(', ')}.`, t.name);
      if (given.has(t.name)) throw badInput(`Input "${t.name}" is given twice.`, t.name);
      if (!(t.shape.length === 1 || (t.shape.length === 2 && t.shape[1] === 1))) throw badInput(`Input "${t.name}" must have shape [N] or [N, 1], got [${t.shape.join(', ')}].`, t.name);
      if (n >= 0 && t.shape[0] !== n) throw badInput(`Input "${t.name}" has ${t.shape[0]} rows but the others have ${n}.`, t.name);
      n = t.shape[0];
      given.set(t.name, t);
    }
    for (const c of schema) if (!given.has(c.name)) throw badInput(`Input "${c.name}" is missing (send one tensor per column; null for a missing value).`, c.name);
    checkBatchSize(n, maxRows);
    frame = frameOf(schema, n, (j): CellReader => {
      const data = (given.get(schema[j].name) as Tensor).data;
      return (i) => data[i];
    });
  }
  return { frame, id: body.id as string | undefined, outputs };
}

/** The body of a successful infer request. */
export function v2Response(model: ServedModel, out: PredictionOutput, id: string, outputs: OutputName[]): Record<string, unknown> {
  const n = out.predictions.length;
  const tensors: Record<string, unknown>[] = [];
  for (const name of outputs) {
    if (name === 'predict') {
      tensors.push({ name, shape: [n], datatype: model.task === 'classification' ? 'BYTES' : 'FP64', data: out.predictions });
    } else if (out.probabilities && out.classes) {
      tensors.push({ name, shape: [n, out.classes.length], datatype: 'FP64', parameters: { classes: out.classes }, data: Array.from(out.probabilities) });
    }
  }
  return { model_name: model.name, model_version: model.version, id, outputs: tensors };
}
