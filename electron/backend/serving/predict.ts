/**
 * Runs a loaded pipeline on a request's frame. Large batches are predicted in chunks with a
 * yield to the event loop between them, so health checks and small requests keep being answered
 * while a big batch runs, and a request past its deadline stops between chunks. Chunking does not
 * change the result: every fitted step transforms rows independently.
 *
 * An engine refusal (e.g. a missing value where the model has no imputer) becomes a 400 naming
 * the input column at fault.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Frame } from '../../ml/core/frame.js';
import type { PipelinePrediction } from '../../ml/compose/model-pipeline.js';
import { badInput, RequestError } from './errors.js';
import { missingCells, sliceFrame } from './input.js';
import type { ServedModel } from './models.js';
import type { PredictionPool } from './predict-pool.js';

/** Predictions in the shape both protocols render from. */
export interface PredictionOutput {
  /** Labels (classification) or values (regression), one per row. */
  predictions: (string | number)[];
  /** Row-major n x K probabilities (classification, when asked). */
  probabilities?: Float64Array;
  /** Class labels, in probability-column order (classification). */
  classes?: string[];
}

/** Options of {@link predictFrame}. */
export interface PredictOptions {
  probabilities: boolean;
  chunkRows: number;
  /** True once the request is past its deadline (checked between chunks). */
  isExpired(): boolean;
  /** Helper threads for large batches (absent: everything on this thread). */
  pool?: PredictionPool | null;
  /** Smallest batch sent to the helpers. */
  helperMinRows?: number;
}

function translateEngineError(err: unknown, model: ServedModel, frame: Frame, rowOffset: number): never {
  const e = err as { code?: unknown; message?: unknown; field?: unknown };
  if (e?.code !== 'INVALID_ARGUMENT') throw err;
  const message = String(e.message ?? 'The model refused the input.');
  const inputNames = new Set(model.inputSchema.map((c) => c.name));
  if (typeof e.field === 'string' && inputNames.has(e.field)) throw badInput(message, e.field);
  if (/missing value|NaN/i.test(message)) {
    const missing = missingCells(frame);
    if (missing.length > 0) {
      const first = missing[0];
      const others = missing.length > 1 ? ` (also in ${missing.slice(1, 6).map((m) => `"${m.name}"`).join(', ')})` : '';
      throw badInput(
        `Column "${first.name}" has a missing value at row ${first.row + rowOffset}${others}, and this model cannot take missing values there (its pipeline has no imputer for it).`,
        first.name,
      );
    }
  }
  throw badInput(`The model refused the input: ${message}`, typeof e.field === 'string' ? e.field : undefined);
}

function toOutput(p: PipelinePrediction, wantProba: boolean): PredictionOutput {
  if (p.task === 'regression') return { predictions: Array.from(p.values) };
  const out: PredictionOutput = { predictions: p.labels, classes: p.classLabels };
  if (wantProba && p.probabilities) {
    const m = p.probabilities;
    const n = m.nRows;
    const k = m.nCols;
    const rowMajor = new Float64Array(n * k);
    for (let j = 0; j < k; j++) {
      const base = j * n;
      for (let i = 0; i < n; i++) rowMajor[i * k + j] = m.data[base + i];
    }
    out.probabilities = rowMajor;
  }
  return out;
}

/** Predicts `frame` with `model`. */
export async function predictFrame(model: ServedModel, frame: Frame, options: PredictOptions): Promise<PredictionOutput> {
  const wantProba = options.probabilities && model.task === 'classification';
  if (frame.nRows === 0) {
    return model.task === 'classification'
      ? { predictions: [], classes: model.classLabels ?? [], ...(wantProba ? { probabilities: new Float64Array(0) } : {}) }
      : { predictions: [] };
  }
  const run = (f: Frame, rowOffset: number): PredictionOutput => {
    try {
      return toOutput(model.pipeline.predictFrame(f, { probabilities: wantProba }), wantProba);
    } catch (err) {
      return translateEngineError(err, model, f, rowOffset);
    }
  };
  const chunk = Math.max(1, options.chunkRows);
  const pool = options.pool;
  const expired = (): RequestError => new RequestError(504, 'DEADLINE_EXCEEDED', 'The prediction did not finish within the time limit; send smaller batches.', 'timeoutMs');
  let parts: PredictionOutput[];
  if (pool && frame.nRows >= (options.helperMinRows ?? Infinity)) {
    // Chunks go to the helpers, at most one per helper at a time, so a request past its deadline
    // stops sending work; the server thread stays free for other requests meanwhile.
    const starts: number[] = [];
    for (let start = 0; start < frame.nRows; start += chunk) starts.push(start);
    parts = new Array(starts.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < starts.length) {
        if (options.isExpired()) throw expired();
        const k = next++;
        const start = starts[k];
        const part = sliceFrame(frame, start, Math.min(frame.nRows, start + chunk), true);
        let p: PipelinePrediction;
        try {
          p = await pool.predict(model, part, wantProba);
        } catch (err) {
          return translateEngineError(err, model, part, start);
        }
        parts[k] = toOutput(p, wantProba);
      }
    };
    await Promise.all(Array.from({ length: Math.min(pool.size, starts.length) }, lane));
  } else {
    if (frame.nRows <= chunk) return run(frame, 0);
    parts = [];
    for (let start = 0; start < frame.nRows; start += chunk) {
      if (options.isExpired()) throw expired();
      const end = Math.min(frame.nRows, start + chunk);
      parts.push(run(sliceFrame(frame, start, end), start));
      if (end < frame.nRows) await yieldToLoop();
    }
  }
  const predictions: (string | number)[] = [];
  for (const p of parts) for (const v of p.predictions) predictions.push(v);
  const out: PredictionOutput = { predictions };
  if (parts[0].classes) out.classes = parts[0].classes;
  if (wantProba) {
    const k = (out.classes ?? []).length;
    const all = new Float64Array(frame.nRows * k);
    let offset = 0;
    for (const p of parts) {
      all.set(p.probabilities as Float64Array, offset);
      offset += (p.probabilities as Float64Array).length;
    }
    out.probabilities = all;
  }
  return out;
}
