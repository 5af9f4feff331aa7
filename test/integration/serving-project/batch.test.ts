// CSV batch prediction through the contract (serving.predictBatch, a `prediction.batch` job): the
// output CSV carries the input columns plus the prediction and class probabilities, and on the
// validation rows they equal the Evaluate step's predictions; refusals name the field; a
// cancelled job leaves no output file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../../electron/backend/api/backend.js';
import type { ClassificationPrediction } from '../../../electron/ml/compose/model-pipeline.js';
import { callOk, tempDir, testBackend, type TempDir } from '../../helpers/project.js';
import { waitJob } from '../training/helpers.js';
import { partOf, runPipeline, trainedChurnProject, type TrainedProject } from '../registry/helpers.js';

let tmp: TempDir;
let backend: Backend;
let project: TrainedProject;
let csvPath: string;

/** Reads a CSV written by Ciclo (this data has no quoted fields). */
function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').split('\r\n').filter((l) => l !== '');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

async function errorOf(method: string, args: unknown) {
  const r = await backend.dispatch(method, args);
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error;
}

beforeAll(async () => {
  tmp = tempDir('ciclo-batch-');
  backend = testBackend(tmp.path);
  project = await trainedChurnProject(backend, tmp.path, [{ id: 'hgb', params: { maxIter: 40 } }], 'Batch');
  await callOk(backend, 'registry.register', { runId: project.runs.hgb.id, name: 'churn', stage: 'production' });
  // The whole version as CSV, with its `partition` column, as the Data step exports it.
  csvPath = join(tmp.path, 'customers.csv');
  const exported = await callOk(backend, 'data.export', { datasetId: project.datasetId, path: csvPath });
  expect((await waitJob(backend, exported.jobId)).state).toBe('done');
}, 300_000);

afterAll(async () => {
  await backend.dispose();
  tmp.cleanup();
});

describe('batch prediction of a CSV file', () => {
  it('writes the input columns with predictions and probabilities equal to the Evaluate step\'s on the validation rows', async () => {
    const started = await callOk(backend, 'serving.predictBatch', { model: 'churn@production', inputPath: csvPath, probabilities: true });
    expect(started.outputPath).toBe(join(tmp.path, 'customers.predictions.csv'));

    const end = await waitJob(backend, started.jobId);

    expect(end.state, end.error?.message).toBe('done');
    expect(end.subjectId).toBe(started.batchId);
    const input = readCsv(csvPath);
    const out = readCsv(started.outputPath);
    expect(out.header).toEqual([...input.header, 'prediction', 'proba_no', 'proba_yes']);
    expect(out.rows.map((r) => r.slice(0, input.header.length))).toEqual(input.rows);
    const part = input.header.indexOf('partition');
    const valid = out.rows.filter((r) => r[part] === 'validation');
    const { frame } = partOf(backend, project.versionId, 1);
    const evaluated = runPipeline(backend, project.runs.hgb.id).predictFrame(frame, { probabilities: true }) as ClassificationPrediction;
    const p = input.header.length;
    expect(valid.map((r) => r[p])).toEqual(evaluated.labels);
    expect(valid.map((r) => Number(r[p + 2]))).toEqual(Array.from(evaluated.probabilities!.data.subarray(frame.nRows, 2 * frame.nRows)));

    const [batch] = await callOk(backend, 'serving.batches', {});
    expect(batch).toMatchObject({ id: started.batchId, jobId: started.jobId, name: 'churn', version: 1, state: 'done', rows: input.rows.length, withProbabilities: true, inputPath: csvPath });
    expect(batch.columns).toEqual(out.header);
  });

  it('refuses a missing input file, an existing output file, a file without a model column, and values of the wrong type', async () => {
    expect(await errorOf('serving.predictBatch', { model: 'churn', inputPath: join(tmp.path, 'nope.csv') })).toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.serving.inputNotFound', details: { field: 'inputPath' } });
    expect(await errorOf('serving.predictBatch', { model: 'churn', inputPath: csvPath })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.serving.outputExists', details: { field: 'outputPath' } });
    expect(await errorOf('serving.predictBatch', { model: 'churn@staging', inputPath: csvPath })).toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.registry.stageNotFound', details: { field: 'model' } });

    const lines = readFileSync(csvPath, 'utf8').split('\r\n');
    const header = lines[0].split(',');
    const plan = header.indexOf('plan');
    const withoutPlan = join(tmp.path, 'no-plan.csv');
    writeFileSync(withoutPlan, lines.map((l) => l.split(',').filter((_, j) => j !== plan).join(',')).join('\r\n'));
    const a = await callOk(backend, 'serving.predictBatch', { model: 'churn', inputPath: withoutPlan });
    const aEnd = await waitJob(backend, a.jobId);
    expect(aEnd).toMatchObject({ state: 'failed', error: { messageKey: 'errors.serving.columnMissing', params: { column: 'plan' } } });
    expect(existsSync(a.outputPath)).toBe(false);

    const age = header.indexOf('age');
    const badAge = join(tmp.path, 'bad-age.csv');
    writeFileSync(badAge, lines.map((l, i) => (i === 3 ? l.split(',').map((c, j) => (j === age ? 'unknown' : c)).join(',') : l)).join('\r\n'));
    const b = await callOk(backend, 'serving.predictBatch', { model: 'churn', inputPath: badAge });
    const bEnd = await waitJob(backend, b.jobId);
    expect(bEnd).toMatchObject({ state: 'failed', error: { messageKey: 'errors.serving.valueInvalid', params: { column: 'age', row: 3, count: 1 } } });
    expect((await callOk(backend, 'serving.batches', {})).find((x) => x.id === b.batchId)).toMatchObject({ state: 'failed', error: { messageKey: 'errors.serving.valueInvalid' } });
  });

  it('can be cancelled, leaving no output file', async () => {
    const lines = readFileSync(csvPath, 'utf8').split('\r\n').filter((l) => l !== '');
    const big = join(tmp.path, 'big.csv');
    writeFileSync(big, [lines[0], ...Array.from({ length: 150 }, () => lines.slice(1)).flat()].join('\r\n'));
    const started = await callOk(backend, 'serving.predictBatch', { model: 'churn', inputPath: big });
    for (;;) {
      const p = backend.ctx.jobs.get(started.jobId);
      if (p?.state === 'running') break;
      await new Promise((r) => setTimeout(r, 10));
    }

    expect(await callOk(backend, 'job.cancel', { jobId: started.jobId })).toEqual({ cancelled: true });

    expect((await waitJob(backend, started.jobId)).state).toBe('cancelled');
    expect(existsSync(started.outputPath)).toBe(false);
    expect((await callOk(backend, 'serving.batches', {})).find((x) => x.id === started.batchId)?.state).toBe('cancelled');
  });
});
