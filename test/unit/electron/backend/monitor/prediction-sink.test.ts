import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProjectFile, type ProjectFile } from '../../../../../electron/backend/storage/project-file.js';
import { createProjectPredictionSink, logRowOf } from '../../../../../electron/backend/monitor/prediction-sink.js';
import { predictionLogCounts, recentPredictionLogRows } from '../../../../../electron/backend/storage/repos/serving.js';
import type { PredictionRecord } from '../../../../../electron/backend/serving/types.js';
import { tempDir, type TempDir } from '../../../../helpers/project.js';

let tmp: TempDir;
let file: ProjectFile;

beforeEach(() => {
  tmp = tempDir();
  file = createProjectFile(tmp.path, 'Log', { createdWith: 't', now: '2026-01-01T00:00:00.000Z' });
});
afterEach(() => {
  file.close();
  tmp.cleanup();
});

function record(i: number, withProba = false): PredictionRecord {
  return {
    requestId: `req-${i}`,
    time: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
    model: 'churn',
    version: '2',
    protocol: i % 2 === 0 ? 'mlflow' : 'v2',
    latencyMs: 1.25,
    nRows: 2,
    inputs: { age: [30, null], plan: ['basic', 'pro'] },
    predictions: ['no', 'yes'],
    ...(withProba ? { probabilities: [[0.9, 0.1], [0.2, 0.8]], classes: ['no', 'yes'] } : {}),
  };
}

describe('the project prediction log sink', () => {
  it('writes one row per request with its inputs and outputs as JSON, in slices, counting what it wrote', async () => {
    const written: Array<[number, number]> = [];
    const sink = createProjectPredictionSink({ db: () => file.db, sessionId: 's-1', versionId: (name, v) => `${name}#${v}`, onWritten: (r, n) => written.push([r, n]) });

    await sink.write(Array.from({ length: 250 }, (_, i) => record(i, i === 249)));

    expect(predictionLogCounts(file.db)).toEqual({ requests: 250, rows: 500 });
    expect(written).toEqual([
      [100, 200],
      [100, 200],
      [50, 100],
    ]);
    const [last] = recentPredictionLogRows(file.db, { limit: 1 });
    expect(last).toMatchObject({ requestId: 'req-249', modelName: 'churn', modelVersion: 2, modelVersionId: 'churn#2', protocol: 'v2', latencyMs: 1.25, nRows: 2, sessionId: 's-1' });
    expect(JSON.parse(last.inputsJson)).toEqual({ age: [30, null], plan: ['basic', 'pro'] });
    expect(JSON.parse(last.outputsJson)).toEqual({ predictions: ['no', 'yes'], probabilities: [[0.9, 0.1], [0.2, 0.8]], classes: ['no', 'yes'] });
    expect(JSON.parse(logRowOf(record(0), null, null).outputsJson)).toEqual({ predictions: ['no', 'yes'], probabilities: null, classes: null });
  });

  it('refuses batches once the project is closed or the sink is closed (the server counts them as dropped)', async () => {
    const sink = createProjectPredictionSink({ db: () => file.db, sessionId: null, versionId: () => null });
    await sink.close?.();
    await expect(sink.write([record(1)])).rejects.toThrow(/closed/);
    const other = createProjectPredictionSink({ db: () => file.db, sessionId: null, versionId: () => null });
    file.close();
    await expect(other.write([record(1)])).rejects.toThrow(/project is closed/);
  });
});
