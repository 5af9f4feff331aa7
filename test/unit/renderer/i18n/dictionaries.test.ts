// Completeness of the two languages: same keys, same placeholders, nothing empty; every key a
// component, the stepper, the metrics, the checklist or the backend can ask for exists.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMethodName } from '../../../../shared/api/contract.js';
import { CHECKLIST_QUESTIONS } from '../../../../shared/domain/checklist.js';
import { allVerdictReasonKeys } from '../../../../shared/domain/checklist-verdict.js';
import { STEP_IDS, STEP_STATES } from '../../../../shared/domain/lifecycle.js';
import { METRIC_IDS } from '../../../../shared/domain/metrics.js';
import { ERROR_CODES } from '../../../../shared/errors.js';
import { en } from '../../../../renderer/i18n/en.js';
import { es } from '../../../../renderer/i18n/es.js';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const dictionaries = { en: en as Record<string, string>, es: es as Record<string, string> };

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

function sources(dir: string, pick: (p: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, pick, out);
    else if (pick(p)) out.push(p);
  }
  return out;
}

function missingIn(keys: Iterable<string>): string[] {
  return [...new Set(keys)].filter((k) => !(k in dictionaries.en) || !(k in dictionaries.es)).sort();
}

describe('dictionaries', () => {
  it('have exactly the same keys in English and Spanish', () => {
    const enKeys = Object.keys(dictionaries.en).sort();
    const esKeys = Object.keys(dictionaries.es).sort();
    expect(esKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !esKeys.includes(k))).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = Object.keys(dictionaries.en).filter(
      (k) => placeholders(dictionaries.en[k]).join() !== placeholders(dictionaries.es[k] ?? '').join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('have no empty or padded messages', () => {
    for (const [lang, dict] of Object.entries(dictionaries)) {
      const bad = Object.entries(dict).filter(([, v]) => v.trim() === '' || v !== v.trim());
      expect(bad, lang).toEqual([]);
    }
  });

  it('cover every error code, step, state, metric and checklist question', () => {
    const needed = [
      ...ERROR_CODES.map((c) => `errors.${c}`),
      ...STEP_IDS.flatMap((s) => [`step.${s}.title`, `step.${s}.why`]),
      ...STEP_STATES.map((s) => `state.${s}`),
      ...METRIC_IDS.flatMap((m) => [`metric.${m}.name`, `metric.${m}.help`]),
      ...CHECKLIST_QUESTIONS.flatMap((q) => [`checklist.q.${q}`, `checklist.q.${q}.help`]),
      ...['incomplete', 'fits', 'reconsider', 'strongly_indicated'].map((v) => `checklist.verdict.${v}`),
    ];
    expect(missingIn(needed)).toEqual([]);
  });

  it('translate every verdict reason the shared verdict rules can produce', () => {
    expect(missingIn(allVerdictReasonKeys())).toEqual([]);
  });

  it('translate every message key the backend and shared code throw', () => {
    const files = [
      ...sources(join(root, 'electron', 'backend'), (p) => p.endsWith('.ts')),
      ...sources(join(root, 'shared'), (p) => p.endsWith('.ts')),
    ];
    const keys: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:messageKey|reasonKey|phaseKey)\s*[:=]\s*['"`]([A-Za-z0-9_.]+)['"`]/g)) keys.push(m[1]);
      // Keys passed positionally, e.g. refuse(res, 403, 'FORBIDDEN', '...', 'errors.FORBIDDEN.origin').
      for (const m of text.matchAll(/['"`](errors\.[A-Z_]+(?:\.[A-Za-z]+)*)['"`]/g)) keys.push(m[1]);
    }
    expect(keys.length).toBeGreaterThan(0);
    expect(missingIn(keys)).toEqual([]);
  });

  it('contain every key the renderer source names', () => {
    const namespaces = /^(app|common|language|toast|errors|home|wizard|state|step|objective|metric|checklist|charts|jobs|lifecycle)\./;
    const files = sources(join(root, 'renderer'), (p) => /\.(ts|tsx)$/.test(p) && !/i18n[\\/](en|es)\.ts$/.test(p));
    const literal: string[] = [];
    const prefixes: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/'([a-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+)'/g)) {
        if (namespaces.test(m[1]) && !isMethodName(m[1]) && !/\.(css|js|ts|tsx|json)$/.test(m[1])) literal.push(m[1]);
      }
      // Template keys such as `state.${state}`: at least one key must start with the fixed part.
      for (const m of text.matchAll(/`([a-z][A-Za-z0-9_.]*\.)\$\{/g)) if (namespaces.test(m[1])) prefixes.push(m[1]);
    }
    expect(literal.length).toBeGreaterThan(50);
    expect(missingIn(literal)).toEqual([]);
    const keys = Object.keys(dictionaries.en);
    expect(prefixes.filter((p) => !keys.some((k) => k.startsWith(p)))).toEqual([]);
  });
});
