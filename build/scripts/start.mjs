// `npm start`: builds when the sources changed since the last build, then opens the Electron
// window. Where Electron's binary is not installed (offline machines: see fetch-electron.mjs),
// it says so and starts the headless studio instead, printing its URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stamp = join(root, 'dist', '.build-stamp');

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return newest;
}

const sourcesMtime = Math.max(...['electron', 'renderer', 'shared'].map((d) => newestMtime(join(root, d))));
if (!existsSync(stamp) || statSync(stamp).mtimeMs < sourcesMtime) {
  console.log('ciclo: building...');
  const r = spawnSync(process.execPath, [join(root, 'build', 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

let electronBinary = null;
try {
  // The electron package exports the binary's path, and throws when the binary was never downloaded.
  const candidate = createRequire(import.meta.url)('electron');
  if (typeof candidate === 'string' && existsSync(candidate)) electronBinary = candidate;
} catch {
  electronBinary = null;
}

const args = process.argv.slice(2);
if (electronBinary) {
  const child = spawn(electronBinary, [join(root, 'dist', 'electron', 'main', 'main.js'), ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('ciclo: the Electron binary is not installed on this machine (it is downloaded by `npm install` when the internet is reachable).');
  console.log('ciclo: starting the headless studio instead; open the URL below in your browser.');
  const child = spawn(process.execPath, [join(root, 'build', 'bin', 'ciclo.mjs'), 'studio', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
