// `npm run package:check`: packages the app with electron-builder into a folder (no installer) and
// checks the packaged layout: the entry points, every worker entry, the SQL migrations, the
// renderer, the runtime dependencies, and no development-only packages.
//
// electron-builder normally downloads Electron's binary for the target; offline machines cannot,
// so this check points `electronDist` at a stub folder holding a placeholder executable, and skips
// the native rebuild (`npmRebuild: false`, which also needs Electron's headers from the internet).
// Real installers are built with `npx electron-builder` on a machine with internet access.
//
// Options: --keep (leave the packaged folder in release/ for inspection), --json.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const keep = process.argv.includes('--keep');
const asJson = process.argv.includes('--json');
const require = createRequire(import.meta.url);

function fail(message) {
  console.error(`package-check: ${message}`);
  process.exit(1);
}

if (!existsSync(join(root, 'dist', 'electron', 'main', 'main.js'))) {
  const r = spawnSync(process.execPath, [join(root, 'build', 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail('the build failed.');
}

// A stub Electron distribution: electron-builder copies it and renames the executable.
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const stub = join(tmpdir(), `ciclo-electron-stub-${process.pid}`);
const out = join(tmpdir(), `ciclo-package-${process.pid}`);
rmSync(stub, { recursive: true, force: true });
mkdirSync(join(stub, 'resources'), { recursive: true });
writeFileSync(join(stub, 'electron'), '#!/bin/sh\necho "stub Electron used by package-check"\n');
chmodSync(join(stub, 'electron'), 0o755);
writeFileSync(join(stub, 'version'), electronVersion);

const builderCli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
const r = spawnSync(
  process.execPath,
  [
    builderCli,
    '--linux',
    'dir',
    '--x64',
    '--config',
    join(root, 'electron-builder.yml'),
    `-c.electronDist=${stub}`,
    `-c.electronVersion=${electronVersion}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${out}`,
  ],
  { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
);
if (r.status !== 0) {
  console.error(r.stdout);
  console.error(r.stderr);
  fail(`electron-builder exited with ${r.status}.`);
}

const appDir = join(out, 'linux-unpacked', 'resources', 'app');
const problems = [];
const must = (rel, why) => {
  if (!existsSync(join(appDir, rel))) problems.push(`missing ${rel} (${why})`);
};
must('package.json', 'the app manifest');
must('dist/electron/main/main.js', 'the main process');
must('dist/electron/preload/preload.cjs', 'the preload bridge');
must('dist/renderer/index.html', 'the renderer');
must('node_modules/better-sqlite3', 'the project file engine');
must('node_modules/onnxruntime-node', 'ONNX checks of exported models');
must('node_modules/piscina', 'the worker pool');

// Every worker entry and migration of the build must be in the package.
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const built = walk(join(root, 'dist', 'electron')).map((p) => relative(root, p));
const workers = built.filter((p) => p.endsWith('.worker.js'));
const migrations = built.filter((p) => p.endsWith('.sql'));
if (workers.length === 0) problems.push('the build has no worker entries');
if (migrations.length === 0) problems.push('the build has no SQL migrations');
for (const p of [...workers, ...migrations]) must(p, 'built file');

// Development tools must not ship.
for (const dev of ['vite', 'vitest', 'typescript', 'eslint', 'electron', 'playwright-core', 'tsx']) {
  if (existsSync(join(appDir, 'node_modules', dev))) problems.push(`development package ${dev} was packaged`);
}
const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
if (manifest.main !== 'dist/electron/main/main.js') problems.push(`package.json main is ${manifest.main}`);

const summary = { electronVersion, workers: workers.length, migrations: migrations.length, problems };
if (!keep) {
  rmSync(out, { recursive: true, force: true });
}
rmSync(stub, { recursive: true, force: true });
if (asJson) console.log(JSON.stringify(summary));
else {
  console.log(`package-check: Electron ${electronVersion}, ${workers.length} worker entries, ${migrations.length} migrations${keep ? `, packaged folder kept in ${out}` : ''}.`);
  for (const p of problems) console.log(`  problem: ${p}`);
  if (problems.length === 0) console.log('package-check: the packaged layout is complete.');
}
process.exit(problems.length === 0 ? 0 : 1);
