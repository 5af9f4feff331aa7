// Every i18n key the foundation backend can send (error keys, lifecycle reasons, job phases,
// checklist reasons, objective rules) must exist in both renderer dictionaries, or the UI would
// show a raw key. Keys are collected from the backend sources and the shared rule modules.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ERROR_CODES } from '../../shared/errors.js';
import { isMethodName } from '../../shared/api/contract.js';
import { allVerdictReasonKeys } from '../../shared/domain/checklist-verdict.js';
import { DICTIONARIES } from '../../renderer/i18n/translate.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FOLDERS = ['electron/backend/storage', 'electron/backend/api', 'electron/backend/web', 'electron/backend/workers', 'shared/domain/objective-rules.ts'];
const KEY_LITERAL = /'((?:errors|lifecycle|jobs)\.[A-Za-z0-9_.]+)'/g;

function sources(path: string): string[] {
  const abs = join(root, path);
  if (statSync(abs).isFile()) return [abs];
  return readdirSync(abs).flatMap((f) => sources(join(path, f))).filter((f) => f.endsWith('.ts'));
}

function emittedKeys(): string[] {
  const keys = new Set<string>(ERROR_CODES.map((c) => `errors.${c}`));
  for (const file of FOLDERS.flatMap(sources)) {
    // Method names ('lifecycle.status') look like keys but are not.
    for (const m of readFileSync(file, 'utf8').matchAll(KEY_LITERAL)) if (!isMethodName(m[1])) keys.add(m[1]);
  }
  for (const k of allVerdictReasonKeys()) keys.add(k);
  return [...keys].sort();
}

describe('message keys sent by the foundation backend', () => {
  it('finds the keys it is meant to check', () => {
    const keys = emittedKeys();
    expect(keys).toContain('errors.objective.positiveClassRequired');
    expect(keys).toContain('lifecycle.reason.notAvailableYet');
    expect(keys).toContain('jobs.phase.cancelled');
  });

  it.each(['en', 'es'] as const)('are all translated in %s', (locale) => {
    const dictionary = DICTIONARIES[locale] as Record<string, string>;
    expect(emittedKeys().filter((k) => !(k in dictionary))).toEqual([]);
  });
});
