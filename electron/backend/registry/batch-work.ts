/**
 * Batch prediction of a CSV file with a registered version, inside a worker thread
 * (registry/batch.worker.ts): the file is read by the Data step's importer (delimiter, decimal
 * comma, encoding and dates detected the same way), with each input column forced to the type it
 * had in the training data, so the frame the pipeline sees is built exactly as the Evaluate step
 * built it; rows are predicted in chunks (progress, cancellation between chunks); the output is
 * the input table plus `prediction` and, when asked, one `proba_<class>` column per class, written
 * by the dataset CSV writer (to a temporary file renamed into place at the end, so a cancelled or
 * failed job leaves no output).
 */
import type { ColumnType } from '../../../shared/domain/dataset.js';
import { AppError } from '../../../shared/errors.js';
import { takeFrameRows, type Frame } from '../../ml/core/frame.js';
import { ModelPipeline, type PipelinePrediction } from '../../ml/compose/model-pipeline.js';
import { importFile } from '../data/import.js';
import { throwIfCancelled } from '../data/errors.js';
import { createTable, findColumn, tableToFrame, type DataColumn } from '../data/table.js';
import { writeCsv } from '../versions/export-csv.js';

/** Rows predicted between two progress reports / cancellation checks. */
const CHUNK_ROWS = 16_384;

/** Input of a batch prediction. */
export interface BatchWork {
  artifactJson: string;
  inputPath: string;
  outputPath: string;
  probabilities: boolean;
  /** The training data's type of each input column, when known (else read from the model's kinds). */
  inputTypes: Record<string, ColumnType>;
}

/** What a batch prediction returns. */
export interface BatchWorkResult {
  rows: number;
  columns: string[];
  durationMs: number;
}

/** The column type a model input is read as when the training data's type is not known. */
function typeOfKind(kind: 'numeric' | 'categorical' | 'text' | 'datetime'): ColumnType {
  return kind;
}

/** A column name not yet in `taken` (`name`, `name_2`, `name_3`...). */
function freeName(name: string, taken: Set<string>): string {
  let out = name;
  for (let k = 2; taken.has(out); k++) out = `${name}_${k}`;
  taken.add(out);
  return out;
}

/** Runs the batch prediction. */
export async function batchWork(input: BatchWork, hooks: { signal: AbortSignal; progress(fraction: number, phaseKey: string, phaseParams?: Record<string, string | number>): void }): Promise<BatchWorkResult> {
  const started = Date.now();
  const pipeline = ModelPipeline.fromArtifact(JSON.parse(input.artifactJson));
  const schema = pipeline.inputSchema;
  hooks.progress(0, 'jobs.phase.prediction.reading');
  const columns = schema.map((c) => ({ name: c.name, type: input.inputTypes[c.name] ?? typeOfKind(c.kind) }));
  const imported = await importFile(
    input.inputPath,
    { columns },
    { signal: hooks.signal, onProgress: (p) => hooks.progress(0.4 * p.fraction, 'jobs.phase.prediction.reading') },
  );
  const table = imported.table;
  for (const c of schema) {
    if (!findColumn(table, c.name)) {
      throw new AppError('INVALID_ARGUMENT', `The file has no column "${c.name}", which the model needs.`, { messageKey: 'errors.serving.columnMissing', params: { column: c.name }, details: { field: 'inputPath' } });
    }
  }
  const inputs = new Set(schema.map((c) => c.name));
  for (const w of imported.summary.warnings) {
    if (w.code === 'values_not_converted' && inputs.has(String(w.params.column))) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `${w.params.count} values of "${w.params.column}" cannot be read as ${w.params.type} (the first at data row ${w.params.row}); the model was trained on ${w.params.type} values there.`,
        { messageKey: 'errors.serving.valueInvalid', params: { column: String(w.params.column), row: Number(w.params.row), count: Number(w.params.count), type: String(w.params.type) }, details: { field: 'inputPath' } },
      );
    }
  }
  throwIfCancelled(hooks.signal);

  const frame: Frame = tableToFrame(table, schema.map((c) => c.name));
  const n = frame.nRows;
  const isClassifier = pipeline.task === 'classification';
  const classLabels = pipeline.classLabels ?? [];
  const classIndex = new Int32Array(n);
  const values = new Float64Array(isClassifier ? 0 : n);
  const proba = input.probabilities && isClassifier ? classLabels.map(() => new Float64Array(n)) : null;
  for (let start = 0; start < n; start += CHUNK_ROWS) {
    throwIfCancelled(hooks.signal);
    const end = Math.min(n, start + CHUNK_ROWS);
    const part = start === 0 && end === n ? frame : takeFrameRows(frame, Int32Array.from({ length: end - start }, (_, i) => start + i));
    const p: PipelinePrediction = pipeline.predictFrame(part, { probabilities: proba !== null });
    if (p.task === 'classification') {
      classIndex.set(p.classIndex, start);
      if (proba && p.probabilities) {
        const m = p.probabilities;
        for (let k = 0; k < proba.length; k++) proba[k].set(m.data.subarray(k * m.nRows, (k + 1) * m.nRows), start);
      }
    } else values.set(p.values, start);
    hooks.progress(0.4 + 0.5 * (end / Math.max(1, n)), 'jobs.phase.prediction.predicting', { rows: end });
  }

  hooks.progress(0.9, 'jobs.phase.prediction.writing');
  const taken = new Set(table.columns.map((c) => c.name));
  const extra: DataColumn[] = [];
  const predictionName = freeName('prediction', taken);
  extra.push(isClassifier ? { type: 'categorical', name: predictionName, codes: classIndex, levels: classLabels } : { type: 'numeric', name: predictionName, values });
  if (proba) classLabels.forEach((label, k) => extra.push({ type: 'numeric', name: freeName(`proba_${label}`, taken), values: proba[k] }));
  const out = createTable([...table.columns, ...extra], table.rowIds);
  writeCsv(out, input.outputPath, {
    overwrite: true,
    signal: hooks.signal,
    onProgress: (f) => hooks.progress(0.9 + 0.1 * f, 'jobs.phase.prediction.writing'),
  });
  return { rows: n, columns: out.columns.map((c) => c.name), durationMs: Date.now() - started };
}
