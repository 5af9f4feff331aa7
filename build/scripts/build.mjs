// Builds Ciclo into dist/:
//  - electron/ and shared/ TypeScript -> ES modules, one file per source file (esbuild transpile,
//    no bundling: the layout of dist mirrors the source, so worker entries and migrations sit
//    next to the code that loads them). Type checking is `npm run typecheck`, not this step.
//  - electron/preload -> one CommonJS file (sandboxed preloads cannot be ES modules).
//  - renderer/ -> static files with Vite.
// Flags: --backend-only skips the renderer.
import { build } from 'esbuild';
import { readdirSync, statSync, mkdirSync, copyFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const backendOnly = process.argv.includes('--backend-only');

function walk(dir, pick, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, pick, out);
    else if (pick(p)) out.push(p);
  }
  return out;
}

const started = Date.now();
rmSync(join(dist, 'electron'), { recursive: true, force: true });
rmSync(join(dist, 'shared'), { recursive: true, force: true });

const isTs = (p) => p.endsWith('.ts') && !p.endsWith('.d.ts');
const entries = [
  ...walk(join(root, 'electron'), (p) => isTs(p) && !p.includes(`${join('electron', 'preload')}`)),
  ...walk(join(root, 'shared'), isTs),
];
await build({
  entryPoints: entries,
  outdir: dist,
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});

await build({
  entryPoints: [join(root, 'electron', 'preload', 'preload.ts')],
  outfile: join(dist, 'electron', 'preload', 'preload.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['electron'],
  logLevel: 'warning',
});

// Non-TypeScript assets that the backend reads at run time (SQL migrations...).
for (const p of walk(join(root, 'electron'), (f) => f.endsWith('.sql') || f.endsWith('.json'))) {
  if (p.endsWith('tsconfig.json')) continue;
  const target = join(dist, relative(root, p));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(p, target);
}

if (!backendOnly) {
  const vite = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'renderer', 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
writeFileSync(join(dist, '.build-stamp'), new Date().toISOString());
console.log(`Built ${entries.length} modules${backendOnly ? '' : ' and the renderer'} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
