#!/usr/bin/env node
// The `ciclo` command. Runs the built backend (dist/); in a source checkout where dist/ is
// missing, it runs the TypeScript sources through tsx instead, so `ciclo` works before a build.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, dirname } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = join(root, 'dist', 'electron', 'backend', 'cli', 'main.js');
if (existsSync(built) && process.env.CICLO_FROM_SOURCE !== '1') {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'electron', 'backend', 'cli', 'main.ts')).href);
}
