// `ciclo data ...` spawned for real (from the TypeScript sources), with --json: the same
// handlers as the UI, jobs run to completion, progress on stderr, one envelope on stdout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { FINDING_KINDS } from '../../../shared/domain/dataset.js';
import { tempDir, type TempDir } from '../../helpers/project.js';
import { writeCsv } from './helpers.js';

const bin = fileURLToPath(new URL('../../../build/bin/ciclo.mjs', import.meta.url));
let tmp: TempDir;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  tmp = tempDir();
  env = { ...process.env, CICLO_HOME: join(tmp.path, 'home'), CICLO_FROM_SOURCE: '1' };
});
afterEach(() => tmp.cleanup());

function ciclo(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 110_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(r: { code: number | null; stdout: string; stderr: string }) {
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.ok).toBe(true);
  return out.data;
}

/** Two numeric features, a colour and an imbalanced label (1 in 5 "yes"). */
function rows(n: number): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (let i = 0; i < n; i++) out.push([(i * 37) % 101, ((i * 13) % 17) / 4, ['red', 'green'][i % 2], i % 5 === 0 ? 'yes' : 'no']);
  return out;
}

describe('ciclo data', () => {
  it('imports, partitions, balances, lists versions, diffs, checks out and exports', { timeout: 300_000 }, () => {
    const project = join(tmp.path, 'Study.ciclo');
    expect(ciclo('project', 'create', 'Study', '--dir', tmp.path).code).toBe(0);
    const file = writeCsv(tmp.path, 'customers.csv', ['x', 'y', 'color', 'churn'], rows(500));

    const imported = json(ciclo('data', 'import', file, '--project', project, '--target', 'churn', '--json'));
    expect(imported).toMatchObject({ name: 'customers', rows: 500, target: 'churn', versionCount: 1, current: { number: 1, kind: 'import' } });

    const refused = ciclo('data', 'balance', '--project', project, '--method', 'random-over', '--json');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error [INVALID_ARGUMENT]');
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { messageKey: 'errors.data.balanceNeedsPartition' } });

    const parted = ciclo('data', 'partition', '--project', project, '--method', 'stratified', '--validation', '0.2', '--test', '0.2', '--json');
    expect(parted.stderr).toContain('partition: done');
    expect(json(parted)).toMatchObject({ number: 2, kind: 'partition', partition: { counts: { train: 300, validation: 100, test: 100 } } });

    const balanced = json(ciclo('data', 'balance', '--project', project, '--method', 'random-over', '--seed', '5', '--json'));
    expect(balanced).toMatchObject({ number: 3, kind: 'remedy', step: { params: { kind: 'random_oversample', target: 'churn' }, seed: 5 } });
    const train = balanced.partition.classBalance.train as { label: string; count: number }[];
    expect(train[0].count).toBe(train[1].count);

    const versions = json(ciclo('data', 'versions', '--project', project, '--json')) as { number: number; kind: string; isCurrent: boolean }[];
    expect(versions.map((v) => [v.number, v.kind, v.isCurrent])).toEqual([
      [3, 'remedy', true],
      [2, 'partition', false],
      [1, 'import', false],
    ]);

    const diff = json(ciclo('data', 'diff', 'v2', '3', '--project', project, '--json'));
    expect(diff.rows).toEqual({ added: balanced.step.added, removed: 0, changed: 0, unchanged: 500 });

    const plainDiff = ciclo('data', 'diff', '1', '2', '--project', project);
    expect(plainDiff.code).toBe(0);
    expect(plainDiff.stdout).toContain('the partition differs');

    const out = join(tmp.path, 'export.csv');
    expect(json(ciclo('data', 'export', '--version', '2', '--out', out, '--project', project, '--json'))).toMatchObject({ rows: 500 });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('x,y,color,churn,partition');
    expect(lines.filter((l) => l.endsWith(',test'))).toHaveLength(100);

    expect(json(ciclo('data', 'checkout', 'v1', '--project', project, '--json'))).toMatchObject({ rows: 500, hasPartition: false, versionCount: 3 });
    const missing = ciclo('data', 'checkout', 'v9', '--project', project);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('error [NOT_FOUND]');
  });

  it('prints the quality report with a stable finding kind per problem, and fails CI on request', { timeout: 240_000 }, () => {
    const project = join(tmp.path, 'Quality.ciclo');
    expect(ciclo('project', 'create', 'Quality', '--dir', tmp.path).code).toBe(0);
    // A copy of the target in `leak` and a constant column.
    const data = rows(300).map((r) => [...r, r[3] === 'yes' ? 1 : 0, 'same']);
    const file = writeCsv(tmp.path, 'q.csv', ['x', 'y', 'color', 'churn', 'leak', 'const'], data);
    expect(ciclo('data', 'import', file, '--project', project, '--target', 'churn').code).toBe(0);

    const report = json(ciclo('data', 'check', '--project', project, '--json'));
    const kinds = (report.report.findings as { kind: string }[]).map((f) => f.kind);
    expect(kinds.every((k) => (FINDING_KINDS as readonly string[]).includes(k))).toBe(true);
    expect(kinds).toContain('constant_column');
    expect(kinds.some((k) => k === 'leakage_target_copy' || k === 'leakage_predictive')).toBe(true);
    expect(report.report.counts.critical).toBeGreaterThan(0);

    const ci = ciclo('data', 'check', '--project', project, '--fail-on', 'critical');
    expect(ci.code).toBe(1);
    expect(ci.stdout).toMatch(/critical +leakage_/);
    expect(ciclo('data', 'check', '--project', project, '--fail-on', 'sometimes').code).toBe(2);
  });
});
