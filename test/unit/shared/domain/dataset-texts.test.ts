import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATASET_TEXTS } from '../../../../shared/domain/dataset-texts.js';
import { COLUMN_TYPES, FINDING_KINDS, IMPORT_WARNING_CODES, REMEDY_KINDS } from '../../../../shared/domain/dataset.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('Data-step texts', () => {
  it('exist in English and Spanish with the same placeholders', () => {
    for (const [key, t] of Object.entries(DATASET_TEXTS)) {
      expect(t.en.trim(), key).not.toBe('');
      expect(t.es.trim(), key).not.toBe('');
      expect(placeholders(t.es), key).toEqual(placeholders(t.en));
    }
  });

  it('cover every finding kind, remedy, import warning and column type', () => {
    const keys = [
      ...FINDING_KINDS.flatMap((k) => [`data.finding.${k}.title`, `data.finding.${k}.explanation`]),
      ...REMEDY_KINDS.flatMap((k) => [`data.remedy.${k}.title`, `data.remedy.${k}.description`]),
      ...IMPORT_WARNING_CODES.map((c) => `data.import.warning.${c}`),
      ...COLUMN_TYPES.map((t) => `data.columnType.${t}`),
    ];

    expect(keys.filter((k) => !(k in DATASET_TEXTS))).toEqual([]);
  });

  it('cover every error key the data engine raises', () => {
    const dir = fileURLToPath(new URL('../../../../electron/backend/data', import.meta.url));
    const used = new Set<string>();
    for (const file of sources(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:parseError|dataError)\(\s*(?:'[A-Z_]+',\s*)?'(\w+)'/g)) used.add(`errors.data.${m[1]}`);
      for (const m of text.matchAll(/'(errors\.data\.\w+)'/g)) used.add(m[1]);
    }

    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((k) => !(k in DATASET_TEXTS))).toEqual([]);
  });
});
