// The registry and serving commands spawned for real (from the TypeScript sources) with --json:
// ciclo model register/list/stage/card/import, ciclo export, ciclo predict and
// ciclo serve --project answering /invocations and /v2/models/{name}/infer, then logging to the
// project; all through the same handlers as the UI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir, type TempDir } from '../../helpers/project.js';
import { fixture } from '../training/helpers.js';
import { call } from '../serving/http.js';

const bin = fileURLToPath(new URL('../../../build/bin/ciclo.mjs', import.meta.url));
let tmp: TempDir;
let env: NodeJS.ProcessEnv;
let project: string;

function ciclo(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(r: { code: number | null; stdout: string; stderr: string }) {
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.ok).toBe(true);
  return out.data;
}

beforeAll(() => {
  tmp = tempDir('ciclo-registry-cli-');
  env = { ...process.env, CICLO_HOME: join(tmp.path, 'home'), CICLO_FROM_SOURCE: '1' };
  project = join(tmp.path, 'Churn.ciclo');
  json(ciclo('project', 'create', 'Churn', '--dir', tmp.path, '--json'));
  json(ciclo('data', 'import', fixture('churn.csv'), '--project', project, '--target', 'leaves', '--json'));
  json(ciclo('data', 'partition', '--project', project, '--method', 'stratified', '--column', 'leaves', '--json'));
  json(ciclo('objective', 'set', '--project', project, '--target', 'leaves', '--task', 'classification', '--metric', 'roc_auc', '--threshold', '0.7', '--positive-class', 'yes', '--json'));
  json(ciclo('train', '--project', project, '--models', 'logreg', '--json'));
}, 300_000);

afterAll(() => tmp.cleanup());

describe('ciclo model / export / predict', () => {
  it('registers, lists, moves stages, prints the card, exports and imports', { timeout: 300_000 }, () => {
    const registered = json(ciclo('model', 'register', '--project', project, '--run', '1', '--name', 'churn', '--stage', 'production', '--comment', 'first model', '--json'));
    expect(registered).toMatchObject({ name: 'churn', version: 1, stage: 'production', runNumber: 1, comment: 'first model', lineage: { modelId: 'logreg', objective: { metric: 'roc_auc', threshold: 0.7 } } });

    const staged = json(ciclo('model', 'stage', 'churn', '1', 'staging', '--project', project, '--comment', 'back to review', '--json'));
    expect(staged.versions.map((v: { stage: string }) => v.stage)).toEqual(['staging']);
    json(ciclo('model', 'stage', 'churn', '1', 'production', '--project', project, '--json'));
    const listed = json(ciclo('model', 'list', '--project', project, '--json'));
    expect(listed.models).toHaveLength(1);
    expect(listed.models[0]).toMatchObject({ name: 'churn', productionVersion: 1, versions: [{ version: 1, stage: 'production' }] });
    const text = ciclo('model', 'list', '--project', project);
    expect(text.stdout).toMatch(/^churn: classification of "leaves", 1 version, production = 1/);

    const card = json(ciclo('model', 'card', 'churn', '1', '--project', project, '--json'));
    expect(card.sections).toHaveLength(7);
    expect(ciclo('model', 'card', 'churn', '1', '--project', project, '--locale', 'es').stdout).toMatch(/^# Ficha del modelo: churn versión 1\n/);
    expect(ciclo('model', 'stage', 'churn', '1', 'live', '--project', project).code).toBe(2);

    const out = join(tmp.path, 'bundle');
    const exported = json(ciclo('export', '--project', project, '--model', 'churn@production', '--out', out, '--json'));
    expect(exported).toMatchObject({ dir: out, name: 'churn', version: 1, isAudited: true });
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);

    json(ciclo('project', 'create', 'Other', '--dir', tmp.path, '--json'));
    const imported = json(ciclo('model', 'import', '--project', join(tmp.path, 'Other.ciclo'), '--bundle', out, '--name', 'churn-copy', '--json'));
    expect(imported).toMatchObject({ name: 'churn-copy', version: 1, source: 'bundle', lineage: { modelId: 'logreg', bundle: { path: out } } });
  });

  it('predicts a CSV file as a batch job with probabilities', { timeout: 300_000 }, () => {
    const output = join(tmp.path, 'scored.csv');

    const r = ciclo('predict', '--project', project, '--model', 'churn@production', fixture('churn.csv'), '--out', output, '--probabilities', '--json');

    const batch = json(r);
    expect(r.stderr).toMatch(/predict: \d+%/);
    expect(batch).toMatchObject({ name: 'churn', version: 1, state: 'done', rows: 1500, outputPath: output, withProbabilities: true });
    const lines = readFileSync(output, 'utf8').split('\r\n').filter((l) => l !== '');
    const header = lines[0].split(',');
    expect(header.slice(-3)).toEqual(['prediction', 'proba_no', 'proba_yes']);
    expect(lines).toHaveLength(1501);
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      const [label, no, yes] = cells.slice(-3);
      expect(Number(no) + Number(yes)).toBeCloseTo(1, 12);
      expect(label).toBe(Number(yes) > Number(no) ? 'yes' : 'no');
    }
    expect(ciclo('predict', '--project', project, '--model', 'churn', fixture('churn.csv'), '--out', output, '--json').code).toBe(1);
  });
});

describe('ciclo serve --project', () => {
  it('serves the registered model by both protocols, logs to the project and stops on SIGTERM', { timeout: 120_000 }, async () => {
    const refused = ciclo('serve', '--project', project, '--model', 'churn', '--host', '0.0.0.0', '--port', '0', '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error).toMatchObject({ messageKey: 'errors.serving.apiKeyRequired' });

    const child = spawn(process.execPath, [bin, 'serve', '--project', project, '--model', 'churn@production', '--port', '0', '--json'], { env });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const first = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const nl = out.indexOf('\n');
        if (nl >= 0) resolve(out.slice(0, nl));
      });
      child.on('exit', (code) => reject(new Error(`ciclo serve exited with ${code}: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const started = JSON.parse(first);
      expect(started).toMatchObject({ ok: true, data: { host: '127.0.0.1', hasApiKey: false, log: true, models: [{ name: 'churn', version: 1, stage: 'production' }] } });
      const url: string = started.data.url;
      const model = started.data.models[0];

      const mlflow = await call(`${url}/invocations`, { body: { dataframe_records: [model.exampleRow] } });
      const v2body = /-d '(.*)'$/.exec(model.examples.v2)![1];
      const v2 = await call(`${url}/v2/models/churn/infer`, { body: v2body });

      expect(mlflow.status, mlflow.text).toBe(200);
      expect(['no', 'yes']).toContain(mlflow.json.predictions[0]);
      expect(v2.status, v2.text).toBe(200);
      expect(v2.json.outputs.find((o: { name: string }) => o.name === 'predict').data).toEqual(mlflow.json.predictions);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, stderr).toBe(0);
    const db = new Database(project, { readonly: true });
    try {
      const rows = db.prepare('SELECT model_name, model_version, protocol, n_rows FROM prediction_log ORDER BY id').all();
      expect(rows).toEqual([
        { model_name: 'churn', model_version: 1, protocol: 'mlflow', n_rows: 1 },
        { model_name: 'churn', model_version: 1, protocol: 'v2', n_rows: 1 },
      ]);
      expect(db.prepare('SELECT predictions, end_reason FROM serving_sessions').all()).toEqual([{ predictions: 2, end_reason: 'stopped' }]);
    } finally {
      db.close();
    }
  });
});
