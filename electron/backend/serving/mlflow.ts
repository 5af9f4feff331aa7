/**
 * MLflow's scoring protocol (the `mlflow models serve` REST API of MLflow 2.x), for the
 * `POST /invocations` route. A JSON object with exactly one of:
 *   - `dataframe_split`:   `{"columns": [...], "data": [[...], ...]}` (pandas "split" orientation)
 *   - `dataframe_records`: `[{"col": value, ...}, ...]`               (pandas "records")
 *   - `instances`:         a list of rows (objects, or arrays in the model's column order),
 *                          or `{"col": [values...]}` (TF-serving's columnar form)
 *   - `inputs`:            the same forms as `instances`
 * plus optional `params`. The answer is `{"predictions": [...]}`: labels for a classifier, values
 * for a regressor. Ciclo's one parameter: `"params": {"probabilities": true}` (or the query flag
 * `?probabilities=true`) adds `"probabilities"` (one row of class probabilities per input row)
 * and `"classes"` (their column order). Refusals are `{"error_code", "message"}` as MLflow's.
 */
import type { Frame } from '../../ml/core/frame.js';
import { badInput, badRequest } from './errors.js';
import { frameFromColumnar, frameFromRecords, frameFromRowList, frameFromSplit } from './input.js';
import type { ServedModel } from './models.js';
import type { PredictionOutput } from './predict.js';

const FORMATS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const;
const PARAMS = ['probabilities'];

/** A decoded scoring request. */
export interface MlflowRequest {
  frame: Frame;
  probabilities: boolean;
}

/** Reads a boolean query flag (`true`/`1`/`false`/`0`); absent = undefined. */
export function queryFlag(query: URLSearchParams, name: string): boolean | undefined {
  const v = query.get(name);
  if (v === null) return undefined;
  if (v === '' || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw badRequest(`Query parameter "${name}" must be true or false, got ${JSON.stringify(v)}.`, name);
}

/** Decodes the body of `POST /invocations` for `model`. */
export function decodeMlflowRequest(body: unknown, model: ServedModel, maxRows: number, query: URLSearchParams): MlflowRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`The request body must be a JSON object with one of ${FORMATS.join(', ')}.`);
  }
  const obj = body as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!(FORMATS as readonly string[]).includes(key) && key !== 'params') {
      throw badRequest(`Unknown field "${key}": the request takes one of ${FORMATS.join(', ')} (and optionally params).`, key);
    }
  }
  const present = FORMATS.filter((f) => obj[f] !== undefined);
  if (present.length === 0) throw badRequest(`The request needs one of ${FORMATS.join(', ')}.`);
  if (present.length > 1) throw badRequest(`The request has both ${present[0]} and ${present[1]}; send exactly one.`, present[1]);

  let probabilities = queryFlag(query, 'probabilities') ?? false;
  if (obj.params !== undefined) {
    if (typeof obj.params !== 'object' || obj.params === null || Array.isArray(obj.params)) throw badRequest('params must be an object.', 'params');
    const params = obj.params as Record<string, unknown>;
    for (const key of Object.keys(params)) {
      if (!PARAMS.includes(key)) throw badRequest(`Unknown parameter params.${key}: the only parameter is "probabilities".`, `params.${key}`);
    }
    if (params.probabilities !== undefined) {
      if (typeof params.probabilities !== 'boolean') throw badRequest('params.probabilities must be true or false.', 'params.probabilities');
      probabilities = params.probabilities;
    }
  }
  if (probabilities && model.task !== 'classification') {
    throw badInput(`Model "${model.name}" is a regression model: it has no class probabilities.`, 'params.probabilities');
  }

  const format = present[0];
  const value = obj[format];
  const schema = model.inputSchema;
  let frame: Frame;
  switch (format) {
    case 'dataframe_split':
      frame = frameFromSplit(value, schema, maxRows, format);
      break;
    case 'dataframe_records':
      if (!Array.isArray(value)) throw badRequest('dataframe_records must be a list of row objects.', format);
      frame = frameFromRecords(value, schema, maxRows, format);
      break;
    case 'instances':
    case 'inputs':
      if (Array.isArray(value)) frame = frameFromRowList(value, schema, maxRows, format);
      else if (typeof value === 'object' && value !== null) frame = frameFromColumnar(value as Record<string, unknown>, schema, maxRows, format);
      else throw badRequest(`${format} must be a list of rows or an object of columns.`, format);
      break;
  }
  return { frame, probabilities };
}

/** The body of a successful `POST /invocations`. */
export function mlflowResponse(out: PredictionOutput, probabilities: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { predictions: out.predictions };
  if (probabilities && out.probabilities && out.classes) {
    const k = out.classes.length;
    const n = out.predictions.length;
    const rows: number[][] = new Array(n);
    for (let i = 0; i < n; i++) rows[i] = Array.from(out.probabilities.subarray(i * k, (i + 1) * k));
    body.probabilities = rows;
    body.classes = out.classes;
  }
  return body;
}
