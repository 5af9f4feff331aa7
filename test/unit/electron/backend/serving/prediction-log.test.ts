import { describe, expect, it } from 'vitest';
import { PredictionLogQueue } from '../../../../../electron/backend/serving/prediction-log.js';
import type { PredictionRecord, PredictionSink } from '../../../../../electron/backend/serving/types.js';

function record(i: number, nRows = 1): PredictionRecord {
  return { requestId: `r${i}`, time: new Date(0).toISOString(), model: 'm', version: '1', protocol: 'mlflow', latencyMs: 1, nRows, inputs: { a: [i] }, predictions: ['x'] };
}

function memorySink(delayMs = 0): PredictionSink & { batches: PredictionRecord[][]; isClosed: boolean } {
  const sink = {
    batches: [] as PredictionRecord[][],
    isClosed: false,
    async write(batch: PredictionRecord[]) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      sink.batches.push(batch);
    },
    close() {
      sink.isClosed = true;
    },
  };
  return sink;
}

const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('PredictionLogQueue', () => {
  it('returns at once and writes records later, in batches of at most maxBatchRecords', async () => {
    const sink = memorySink();
    const q = new PredictionLogQueue(sink, { maxBatchRecords: 4, flushIntervalMs: 10 });

    for (let i = 0; i < 10; i++) if (q.accepts(1)) q.push(record(i));
    expect(sink.batches).toHaveLength(0); // nothing written on the caller's turn
    await until(() => q.stats().written === 10);

    expect(sink.batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(sink.batches.flat().map((r) => r.requestId)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`));
  });

  it('drops and counts records beyond maxQueuedRows while the sink is slow, then recovers', async () => {
    const sink = memorySink(60);
    const q = new PredictionLogQueue(sink, { maxQueuedRows: 10, maxBatchRecords: 100, flushIntervalMs: 1 });

    let accepted = 0;
    for (let i = 0; i < 30; i++) {
      if (q.accepts(1)) {
        q.push(record(i));
        accepted += 1;
      }
    }

    expect(accepted).toBe(10);
    expect(q.stats().dropped).toBe(20);
    await until(() => q.stats().written === 10);
    expect(q.accepts(1)).toBe(true);
  });

  it('counts a large record by its rows', () => {
    const q = new PredictionLogQueue(memorySink(), { maxQueuedRows: 100 });

    expect(q.accepts(101)).toBe(false);
    expect(q.accepts(100)).toBe(true);
  });

  it('can be switched off and on, and is off without a sink', () => {
    const q = new PredictionLogQueue(memorySink());
    q.setEnabled(false);
    expect(q.accepts(1)).toBe(false);
    expect(q.stats()).toMatchObject({ enabled: false, dropped: 0 });
    q.setEnabled(true);
    expect(q.accepts(1)).toBe(true);

    expect(new PredictionLogQueue(null).accepts(1)).toBe(false);
  });

  it('counts a failing batch as dropped and keeps going', async () => {
    let calls = 0;
    const q = new PredictionLogQueue(
      {
        write() {
          calls += 1;
          if (calls === 1) throw new Error('disk full');
        },
      },
      { maxBatchRecords: 2, flushIntervalMs: 1 },
    );
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => errors.push(a);
    try {
      for (let i = 0; i < 4; i++) if (q.accepts(1)) q.push(record(i));
      await until(() => q.stats().written + q.stats().dropped === 4);
    } finally {
      console.error = original;
    }

    expect(q.stats()).toMatchObject({ written: 2, dropped: 2, failedBatches: 1 });
    expect(errors).toHaveLength(1);
  });

  it('writes everything still queued on close, then closes the sink', async () => {
    const sink = memorySink(5);
    const q = new PredictionLogQueue(sink, { maxBatchRecords: 3, flushIntervalMs: 10_000 });
    for (let i = 0; i < 7; i++) if (q.accepts(1)) q.push(record(i));

    await q.close();

    expect(sink.batches.flat()).toHaveLength(7);
    expect(sink.isClosed).toBe(true);
    expect(q.accepts(1)).toBe(false);
  });
});
