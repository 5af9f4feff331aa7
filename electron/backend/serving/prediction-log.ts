/**
 * The prediction log's queue: the response path only appends a record to an in-memory queue
 * (or counts it as dropped when the queue is full) and returns; batches go to the sink later, one
 * write at a time. So a slow or failing sink can neither slow a response nor grow memory beyond
 * `maxQueuedRows` rows. Logging can be switched off and on at run time.
 */
import type { PredictionLogOptions, PredictionRecord, PredictionSink } from './types.js';

const DEFAULTS = { maxQueuedRows: 50_000, maxBatchRecords: 500, flushIntervalMs: 250 };

/** Counters of the log. */
export interface PredictionLogStats {
  enabled: boolean;
  queuedRecords: number;
  written: number;
  dropped: number;
  failedBatches: number;
}

/** Bounded, batching queue in front of a {@link PredictionSink}. */
export class PredictionLogQueue {
  private readonly queue: PredictionRecord[] = [];
  private queuedRows = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> | null = null;
  private isEnabled: boolean;
  private isClosed = false;
  private readonly maxQueuedRows: number;
  private readonly maxBatchRecords: number;
  private readonly flushIntervalMs: number;
  written = 0;
  dropped = 0;
  failedBatches = 0;
  private lastErrorLog = 0;

  constructor(
    private readonly sink: PredictionSink | null,
    options: PredictionLogOptions = {},
  ) {
    this.isEnabled = sink !== null && (options.enabled ?? true);
    this.maxQueuedRows = Math.max(1, options.maxQueuedRows ?? DEFAULTS.maxQueuedRows);
    this.maxBatchRecords = Math.max(1, options.maxBatchRecords ?? DEFAULTS.maxBatchRecords);
    this.flushIntervalMs = Math.max(1, options.flushIntervalMs ?? DEFAULTS.flushIntervalMs);
  }

  /** True when records are being logged. */
  get enabled(): boolean {
    return this.isEnabled && !this.isClosed;
  }

  /** Switches logging on or off (off: new records are not even built; queued ones still go out). */
  setEnabled(on: boolean): void {
    this.isEnabled = on && this.sink !== null;
  }

  /**
   * True when a record of `nRows` rows would be accepted. The caller checks this before building
   * the record, so a full queue costs nothing on the response path; a refusal counts as a drop.
   */
  accepts(nRows: number): boolean {
    if (!this.enabled) return false;
    if (this.queuedRows + Math.max(1, nRows) > this.maxQueuedRows) {
      this.dropped += 1;
      return false;
    }
    return true;
  }

  /** Queues a record (call after `accepts`). */
  push(record: PredictionRecord): void {
    if (!this.enabled) return;
    this.queue.push(record);
    this.queuedRows += Math.max(1, record.nRows);
    if (this.queue.length >= this.maxBatchRecords) this.schedule(0);
    else this.schedule(this.flushIntervalMs);
  }

  /** Counters. */
  stats(): PredictionLogStats {
    return { enabled: this.enabled, queuedRecords: this.queue.length, written: this.written, dropped: this.dropped, failedBatches: this.failedBatches };
  }

  private schedule(delay: number): void {
    if (this.writing) return; // the running write reschedules when it ends
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushOne();
    }, delay);
    // The queue must not keep a stopping process alive; close() flushes explicitly.
    this.timer.unref?.();
  }

  private flushOne(): void {
    if (this.writing || this.queue.length === 0 || !this.sink) return;
    const batch = this.queue.splice(0, this.maxBatchRecords);
    let rows = 0;
    for (const r of batch) rows += Math.max(1, r.nRows);
    const sink = this.sink;
    // Started on a later microtask: a sink that throws synchronously must not settle the write
    // before `this.writing` is assigned (the finally block below resets it).
    this.writing = Promise.resolve().then(async () => {
      try {
        await sink.write(batch);
        this.written += batch.length;
      } catch (err) {
        this.failedBatches += 1;
        this.dropped += batch.length;
        const now = Date.now();
        if (now - this.lastErrorLog > 10_000) {
          this.lastErrorLog = now;
          console.error('[serving] the prediction log could not write a batch:', (err as Error)?.message ?? err);
        }
      } finally {
        this.queuedRows -= rows;
        this.writing = null;
        if (this.queue.length > 0) this.schedule(this.queue.length >= this.maxBatchRecords ? 0 : this.flushIntervalMs);
      }
    });
  }

  /** Writes everything queued, then closes the sink. Later records are ignored. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing || (this.queue.length > 0 && this.sink)) {
      if (this.writing) await this.writing;
      else this.flushOne();
    }
    this.isClosed = true;
    if (this.sink?.close) {
      try {
        await this.sink.close();
      } catch (err) {
        console.error('[serving] the prediction log could not be closed:', (err as Error)?.message ?? err);
      }
    }
  }
}
