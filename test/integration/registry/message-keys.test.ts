// Every i18n key the registry and serving backend can send (error keys, step reasons, job phases)
// must exist in both renderer dictionaries, or the Deploy and Serve steps would show a raw key.
// (The foundation's test scans api/, storage/, web/ and workers/; these domains live elsewhere.)
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { isMethodName } from '../../../shared/api/contract.js';
import { DICTIONARIES } from '../../../renderer/i18n/translate.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const FOLDERS = ['electron/backend/registry', 'electron/backend/monitor'];
const KEY_LITERAL = /'((?:errors|lifecycle|jobs)\.[A-Za-z0-9_.]+)'/g;

function emittedKeys(): string[] {
  const keys = new Set<string>();
  for (const folder of FOLDERS) {
    for (const f of readdirSync(join(root, folder)).filter((x) => x.endsWith('.ts'))) {
      for (const m of readFileSync(join(root, folder, f), 'utf8').matchAll(KEY_LITERAL)) if (!isMethodName(m[1])) keys.add(m[1]);
    }
  }
  return [...keys].sort();
}

describe('message keys sent by the registry and serving backend', () => {
  it('finds the keys it is meant to check', () => {
    const keys = emittedKeys();
    expect(keys).toContain('errors.registry.bundleTampered');
    expect(keys).toContain('errors.serving.apiKeyRequired');
    expect(keys).toContain('lifecycle.reason.deploy.noProduction');
    expect(keys).toContain('jobs.phase.prediction.predicting');
  });

  it.each(['en', 'es'] as const)('are all translated in %s', (locale) => {
    const dictionary = DICTIONARIES[locale] as Record<string, string>;
    expect(emittedKeys().filter((k) => !(k in dictionary))).toEqual([]);
  });
});
