/**
 * A prediction sink that appends one JSON object per request to a file (JSON Lines), for
 * `ciclo serve --bundle --log FILE` on machines without a project. Writes are asynchronous
 * appends of whole batches, so the server's thread never waits on the disk. The file is created
 * readable by its owner only: predictions may carry personal data.
 *
 * Also loadable inside the server's worker thread (see WorkerModuleRef) through
 * `createPredictionSink({ path })`.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { PredictionRecord, PredictionSink } from './types.js';

/** Options of {@link createJsonlSink}. */
export interface JsonlSinkOptions {
  /** The file to append to (created if absent). */
  path: string;
}

/** Opens `path` for appending and returns the sink. */
export async function createJsonlSink(options: JsonlSinkOptions): Promise<PredictionSink> {
  if (typeof options?.path !== 'string' || options.path === '') throw new Error('The JSON-lines prediction log needs a file path.');
  const file: FileHandle = await open(options.path, 'a', 0o600);
  let closed = false;
  return {
    async write(batch: PredictionRecord[]): Promise<void> {
      if (closed || batch.length === 0) return;
      let text = '';
      for (const r of batch) text += `${JSON.stringify(r)}\n`;
      await file.appendFile(text, 'utf8');
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await file.sync().catch(() => undefined); // best effort: some file systems refuse fsync
      await file.close();
    },
  };
}

/** Module entry for a sink created inside the server's worker thread. */
export function createPredictionSink(options: unknown): Promise<PredictionSink> {
  return createJsonlSink(options as JsonlSinkOptions);
}
