// postinstall: fetch Electron's binary where the network allows it, and never fail the install
// where it does not (offline and on-premise machines). Electron's own install script is denied in
// package.json's allowScripts precisely so that this wrapper can tolerate its failure; without the
// binary, `npm start` falls back to the headless studio.
// ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips the attempt (CI does that).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const installer = join(root, 'node_modules', 'electron', 'install.js');

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('ciclo: ELECTRON_SKIP_BINARY_DOWNLOAD is set; the desktop window is skipped (`npm start` opens the headless studio).');
  process.exit(0);
}
if (!existsSync(installer)) process.exit(0);
const r = spawnSync(process.execPath, [installer], { cwd: dirname(installer), stdio: 'pipe', timeout: 5 * 60_000, encoding: 'utf8' });
if (r.status === 0) {
  console.log('ciclo: Electron binary installed; `npm start` opens the desktop window.');
} else {
  const why = (r.stderr || r.stdout || String(r.error ?? '')).trim().split('\n').slice(-1)[0] ?? '';
  console.log(`ciclo: could not download Electron's binary (${why || 'no network'}).`);
  console.log('ciclo: that is fine offline: `npm start` will open the headless studio in your browser instead.');
}
process.exit(0);
