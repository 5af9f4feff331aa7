// Type-checks each layer with its own tsconfig (its own lib and types), as VS Code does, so a
// renderer file that reaches for Node types or a pure ML file that uses `process` fails here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const layers = ['shared', 'electron/ml', 'electron/backend', 'electron/main', 'electron/preload', 'renderer', 'test'];
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let failed = 0;
for (const layer of layers) {
  const config = join(root, layer, 'tsconfig.json');
  if (!existsSync(config)) continue;
  const r = spawnSync(process.execPath, [tsc, '-p', config, '--noEmit', '--pretty'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    failed += 1;
    console.error(`typecheck failed: ${layer}`);
  } else {
    console.log(`typecheck ok: ${layer}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
