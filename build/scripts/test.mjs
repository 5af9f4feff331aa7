// `npm test`: type checks, lint, build, then every Vitest project (unit, integration, e2e).
// It ends with one plain line `N passed, N failed` that CI reads; a failed static check counts
// as one failed test so it can never be hidden behind green tests.
// Arguments after `--` go to Vitest (e.g. `npm test -- test/unit/shared`).
// CICLO_SKIP_STATIC=1 skips typecheck and lint (quick local loops; CI never sets it).
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const node = process.execPath;
const run = (args, label) => {
  console.log(`\n== ${label}`);
  const r = spawnSync(node, args, { stdio: 'inherit', cwd: root, env: process.env });
  return r.status === 0;
};

let staticFailures = 0;
if (process.env.CICLO_SKIP_STATIC !== '1') {
  if (!run([join(root, 'build/scripts/typecheck.mjs')], 'typecheck')) staticFailures += 1;
  if (!run([join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings=0', '.'], 'lint')) staticFailures += 1;
}
if (!run([join(root, 'build/scripts/build.mjs')], 'build')) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const report = join(out, 'vitest.json');
rmSync(report, { force: true });
const vitestOk = run(
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  'tests',
);

let passed = 0;
let failed = staticFailures;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A suite that fails to load reports no tests: count it as a failure.
  failed += (r.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length;
} catch {
  failed += 1;
}
if (!vitestOk && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
