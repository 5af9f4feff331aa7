// Every i18n key the data backend can send (errors, job phases, step reasons), from the versions
// layer, the data handlers, the data workers and `ciclo data`, exists in both dictionaries.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { DICTIONARIES } from '../../../renderer/i18n/translate.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const FILES = [
  ...readdirSync(join(root, 'electron/backend/versions')).map((f) => `electron/backend/versions/${f}`),
  ...readdirSync(join(root, 'electron/backend/workers')).filter((f) => f.startsWith('data-')).map((f) => `electron/backend/workers/${f}`),
  'electron/backend/api/data.ts',
  'electron/backend/cli/commands/data.ts',
];
const KEY_LITERAL = /'((?:errors|lifecycle|jobs)\.[A-Za-z0-9_.]+)'/g;

function emittedKeys(): string[] {
  const keys = new Set<string>();
  for (const f of FILES) for (const m of readFileSync(join(root, f), 'utf8').matchAll(KEY_LITERAL)) keys.add(m[1]);
  return [...keys].sort();
}

describe('message keys of the data backend', () => {
  it('finds the keys it is meant to check', () => {
    expect(emittedKeys()).toEqual(expect.arrayContaining(['errors.data.balanceNeedsPartition', 'jobs.phase.storing', 'lifecycle.reason.data.noPartition', 'errors.data.chunkMissing']));
  });

  it.each(['en', 'es'] as const)('are all translated in %s', (locale) => {
    const dictionary = DICTIONARIES[locale] as Record<string, string>;
    expect(emittedKeys().filter((k) => !(k in dictionary))).toEqual([]);
  });
});
