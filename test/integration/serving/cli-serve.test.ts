// `ciclo serve --bundle`, spawned for real (from the TypeScript sources, as the CLI tests do):
// it prints its URL, answers /ping and /invocations, logs predictions to a JSON-lines file, and
// stops cleanly on SIGTERM; a tampered bundle and a network host without a key are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { ModelPipeline } from '../../../electron/ml/compose/model-pipeline.js';
import { exportBundle } from '../../../electron/backend/registry/bundle.js';
import { churnClassifier, churnInputs } from '../../unit/electron/backend/serving/pipelines.js';
import { tempDir, type TempDir } from '../../helpers/project.js';
import { call } from './http.js';

const bin = fileURLToPath(new URL('../../../build/bin/ciclo.mjs', import.meta.url));
let tmp: TempDir;
let bundle: string;
let pipeline: ModelPipeline;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  tmp = tempDir('ciclo-serve-cli-');
  env = { ...process.env, CICLO_HOME: join(tmp.path, 'home'), CICLO_FROM_SOURCE: '1' };
  pipeline = churnClassifier();
  bundle = join(tmp.path, 'churn-4');
  await exportBundle(bundle, { pipeline, name: 'churn', version: '4', stages: ['production'] });
});
afterAll(() => tmp.cleanup());

/** Spawns `ciclo serve ...` and resolves with its first stdout line (the --json envelope). */
function startServe(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; first: string; stderr: () => string }> {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { env });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, first: out.slice(0, nl), stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`ciclo serve exited with ${code} before printing: ${err}`)));
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

describe('ciclo serve --bundle', () => {
  it('serves the bundle: prints the URL, answers /ping and /invocations, logs, and stops on SIGTERM', async () => {
    const log = join(tmp.path, 'predictions.jsonl');
    const { child, first, stderr } = await startServe(['--bundle', bundle, '--port', '0', '--log', log, '--json']);
    try {
      const started = JSON.parse(first);
      expect(started).toMatchObject({ ok: true, data: { host: '127.0.0.1', hasApiKey: false, log, models: [{ name: 'churn', versions: [{ version: '4', stages: ['production'] }] }] } });
      const url: string = started.data.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const ping = await call(`${url}/ping`);
      const rows = churnInputs(12, 77);
      const r = await call(`${url}/invocations`, { body: { dataframe_records: rows } });

      expect(ping.status).toBe(200);
      expect(r.status).toBe(200);
      const expected = pipeline.predictRows(rows);
      expect(r.json.predictions).toEqual(expected.task === 'classification' ? expected.labels : []);

      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
      const records = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ requestId: r.headers.get('x-request-id'), model: 'churn', version: '4', nRows: 12 });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    expect(stderr()).not.toMatch(/error/i);
  });

  it('prints where it serves and stops on Ctrl+C (SIGINT) without --json', async () => {
    const { child, first } = await startServe(['--bundle', bundle, '--port', '0']);
    try {
      expect(first).toMatch(/^Ciclo inference server: http:\/\/127\.0\.0\.1:\d+$/);
      child.kill('SIGINT');
      expect(await exitOf(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses a tampered bundle, naming the file (exit 1)', async () => {
    const copy = join(tmp.path, 'tampered');
    await exportBundle(copy, { pipeline, name: 'churn', version: '5' });
    const path = join(copy, 'pipeline.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"C":10', '"C":11'));

    const r = spawnSync(process.execPath, [bin, 'serve', '--bundle', copy, '--port', '0'], { env, encoding: 'utf8', timeout: 120_000 });

    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error \[INVALID_ARGUMENT\]: The bundle was modified or damaged: pipeline\.json does not match its checksum/m);
  });

  it('refuses to listen beyond this machine without an API key (exit 1), and needs --bundle (exit 2)', () => {
    const remote = spawnSync(process.execPath, [bin, 'serve', '--bundle', bundle, '--host', '0.0.0.0', '--port', '0'], { env, encoding: 'utf8', timeout: 120_000 });
    const none = spawnSync(process.execPath, [bin, 'serve'], { env, encoding: 'utf8', timeout: 120_000 });

    expect(remote.status).toBe(1);
    expect(remote.stderr).toMatch(/without an API key/);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/--bundle/);
  });
});
