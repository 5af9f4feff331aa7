// `ciclo objective set`, `ciclo train` and `ciclo evaluate` spawned for real (from the TypeScript
// sources) with --json: the same handlers as the UI, progress on stderr, one envelope on stdout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { tempDir, type TempDir } from '../../helpers/project.js';
import { fixture } from './helpers.js';

const bin = fileURLToPath(new URL('../../../build/bin/ciclo.mjs', import.meta.url));
let tmp: TempDir;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  tmp = tempDir();
  env = { ...process.env, CICLO_HOME: join(tmp.path, 'home'), CICLO_FROM_SOURCE: '1' };
});
afterEach(() => tmp.cleanup());

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

describe('ciclo objective / train / evaluate', () => {
  it('sets the objective, trains with progress on stderr, and evaluates a run against the threshold', { timeout: 300_000 }, () => {
    const project = join(tmp.path, 'Churn.ciclo');
    json(ciclo('project', 'create', 'Churn', '--dir', tmp.path, '--json'));
    json(ciclo('data', 'import', fixture('churn.csv'), '--project', project, '--target', 'leaves', '--json'));
    json(ciclo('data', 'partition', '--project', project, '--method', 'stratified', '--column', 'leaves', '--json'));

    const bad = ciclo('objective', 'set', '--project', project, '--target', 'leaves', '--task', 'clustering', '--metric', 'f1', '--threshold', '0.5', '--json');
    expect(bad.code).toBe(2);
    const objective = json(ciclo('objective', 'set', '--project', project, '--target', 'leaves', '--task', 'classification', '--metric', 'roc_auc', '--threshold', '0.85', '--positive-class', 'yes', '--json'));
    expect(objective).toMatchObject({ targetColumn: 'leaves', taskType: 'classification', metric: 'roc_auc', threshold: 0.85, positiveClass: 'yes' });

    const train = ciclo('train', '--project', project, '--models', 'baseline,onerule,hgb', '--cv', '3', '--seed', '5', '--json');
    const trained = json(train);
    expect(train.stderr).toMatch(/hgb: \d+%/);
    expect(trained.metric).toBe('roc_auc');
    expect(trained.runs.map((r: { modelId: string }) => r.modelId)).toEqual(['hgb', 'onerule', 'baseline']);
    for (const r of trained.runs) expect(r).toMatchObject({ state: 'done', seed: 5, validation: { scheme: 'kfold', k: 3 } });
    const best = trained.runs[0];
    expect(trained.bestRunId).toBe(best.id);
    expect(best.objective).toMatchObject({ metric: 'roc_auc', meets: true });
    expect(best.cv.mean.roc_auc).toBeGreaterThan(0.85);

    const html = join(tmp.path, 'run.html');
    const evaluated = json(ciclo('evaluate', '--project', project, '--run', String(best.number), '--html', html, '--json'));
    expect(evaluated.run.id).toBe(best.id);
    expect(evaluated.report).toMatchObject({ evaluatedOn: 'validation', metric: 'roc_auc', objective: { meets: true, threshold: 0.85 } });
    expect(evaluated.report.metrics.roc_auc).toBe(best.metrics.roc_auc);
    const cm = evaluated.report.classification.confusionMatrix;
    expect(cm.labels).toEqual(['no', 'yes']);
    expect(cm.counts.flat().reduce((a: number, b: number) => a + b, 0)).toBe(evaluated.report.nRows);
    expect(evaluated.report.classification.roc[0].fpr.length).toBeGreaterThan(2);
    expect(evaluated.report.lift.baseline.lift).toBeGreaterThan(0);
    expect(existsSync(html)).toBe(true);
    expect(readFileSync(html, 'utf8')).not.toMatch(/https?:\/\//);

    const text = ciclo('evaluate', '--project', project, '--run', String(best.number));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/MEETS the threshold >= 0\.85/);
    const missing = ciclo('evaluate', '--project', project, '--run', '99', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
