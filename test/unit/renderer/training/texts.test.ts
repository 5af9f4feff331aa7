// Completeness of the Features, Train and Evaluate texts in both languages: every key the three
// steps name, every model, parameter and option of the engine's catalogue, every transformation
// step, rationale, run state and progress phase, and the errors the contract documents.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiEvents, isMethodName } from '../../../../shared/api/contract.js';
import { JOB_KINDS, JobStateSchema } from '../../../../shared/domain/jobs.js';
import { StepSpecSchema, defaultPipelineSpec, type ColumnKind } from '../../../../shared/domain/pipeline-spec.js';
import { MODEL_CATALOG } from '../../../../electron/ml/registry.js';
import { en } from '../../../../renderer/i18n/en.js';
import { es } from '../../../../renderer/i18n/es.js';
import { translate } from '../../../../renderer/i18n/translate.js';
import { mlTranslator } from '../../../../renderer/steps/train/texts.js';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const dictionaries = { en: en as Record<string, string>, es: es as Record<string, string> };

function missing(keys: Iterable<string>): string[] {
  return [...new Set(keys)].filter((k) => !(k in dictionaries.en) || !(k in dictionaries.es)).sort();
}

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|tsx)$/.test(p)) out.push(p);
  }
  return out;
}

const STEP_SOURCES = [
  ...['features', 'train', 'evaluate'].flatMap((s) => files(join(root, 'renderer', 'steps', s))),
  ...['features', 'training', 'evaluation'].flatMap((s) => [join(root, 'renderer', 'stores', `${s}-store.ts`), join(root, 'renderer', 'stores', `${s}-logic.ts`)]),
];

describe('texts of the Features, Train and Evaluate steps', () => {
  it('exist for every literal key and every key prefix the three steps name', () => {
    const literal: string[] = [];
    const prefixes: string[] = [];
    for (const file of STEP_SOURCES) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/'((?:features|training|evaluation|jobs|errors|metric)\.[A-Za-z0-9_.]+)'/g)) {
        // Method, event and job-kind names of the contract share the namespaces; they are not texts.
        const isContractName = isMethodName(m[1]) || m[1] in apiEvents || (JOB_KINDS as readonly string[]).includes(m[1]);
        if (!isContractName || m[1] in dictionaries.en) literal.push(m[1]);
      }
      for (const m of text.matchAll(/`((?:features|training|evaluation)\.[A-Za-z0-9_.]*\.)\$\{/g)) prefixes.push(m[1]);
    }
    const keys = Object.keys(dictionaries.en);

    expect(literal.length).toBeGreaterThan(200);
    expect(missing(literal)).toEqual([]);
    expect(prefixes.filter((p) => !keys.some((k) => k.startsWith(p)))).toEqual([]);
  });

  it('name every model, parameter and option of the engine catalogue, and every preset reason', () => {
    const keys: string[] = [];
    for (const model of MODEL_CATALOG) {
      keys.push(`training.model.${model.id}.name`, `training.model.${model.id}.line`, `training.preset.reason.${model.id}`);
      for (const specs of [model.params.classification ?? [], model.params.regression ?? []]) {
        for (const p of specs) {
          keys.push(`training.param.${p.name}.name`, `training.param.${p.name}.help`);
          // Layer sizes ("64,32") read as they are; every other option has a name.
          if (p.type === 'enum' && p.name !== 'hiddenLayerSizes') keys.push(...p.options.map((o) => `training.option.${o}`));
        }
      }
    }

    expect(missing(keys)).toEqual([]);
  });

  it('explain every transformation step, every suggested rationale, every run state and every progress phase', () => {
    const ops = StepSpecSchema.options.map((o) => o.shape.op.value);
    const kinds: ColumnKind[] = ['numeric', 'categorical', 'text', 'datetime'];
    const rationales = new Set<string>();
    for (const model of ['logreg', 'hgb', 'rf', 'mnb', 'baseline']) {
      const spec = defaultPipelineSpec(
        [
          ...kinds.map((kind) => ({ name: kind, kind, distinctCount: kind === 'categorical' ? 40 : 10, rowCount: 100, missingCount: 2 })),
          { name: 'small', kind: 'categorical' as const, distinctCount: 3, rowCount: 100 },
          { name: 'same', kind: 'numeric' as const, distinctCount: 1, rowCount: 100 },
          { name: 'user_id', kind: 'categorical' as const, distinctCount: 100, rowCount: 100 },
          { name: 'skip', kind: 'numeric' as const, role: 'ignore' as const },
          { name: 'y', kind: 'categorical' as const, distinctCount: 2, rowCount: 100 },
        ],
        'classification',
        { target: 'y', model: { id: model, params: {} } },
      );
      for (const c of spec.columns) if (c.rationale) rationales.add(c.rationale);
    }
    const phases = ['loading', 'searching', 'crossValidating', 'fitting', 'evaluating', 'saving'].map((p) => `jobs.phase.training.${p}`);

    expect(rationales.size).toBeGreaterThanOrEqual(10);
    expect(
      missing([
        ...ops.flatMap((op) => [`features.op.${op}.name`, `features.op.${op}.why`]),
        ...rationales,
        ...kinds.map((k) => `features.kind.${k}`),
        ...JobStateSchema.options.map((s) => `training.state.${s}`),
        ...phases,
        'jobs.phase.evaluation.permutation',
        'jobs.phase.evaluation.test',
        'features.leakSuspect',
      ]),
    ).toEqual([]);
  });

  it('translate the errors the training contract documents', () => {
    const contract = readFileSync(join(root, 'shared', 'api', 'methods', 'training.ts'), 'utf8');
    const documented = [...contract.matchAll(/\b(errors\.(?:training|evaluation)\.[A-Za-z]+)/g)].map((m) => m[1]);

    expect(documented.length).toBeGreaterThan(10);
    expect(missing(documented)).toEqual([]);
  });

  it('say the lift and the run label in each language, with numbers in the language’s style', () => {
    const tr = mlTranslator({ locale: 'es', t: (k, p) => translate('es', k, p), tDynamic: (k, _p, f) => (k in dictionaries.es ? dictionaries.es[k] : (f ?? k)), tError: () => '', number: String, dateTime: String });

    expect(tr.runLabel({ number: 3, modelId: 'hgb' })).toBe('#3 · Gradient boosting');
    expect(tr.metricName('f1_weighted')).toBe('F1 (ponderado por tamaño de clase)');
    expect(tr.metricName('accuracy')).toBe('Exactitud');
    expect(tr.score(0.8125)).toBe('0,8125');
    expect(tr.duration(185_000)).toBe('3 min 5 s');
    expect(translate('en', 'evaluation.lift.beatsOneRule', { lift: '0.12', value: '0.7' })).toBe('It beats the one-rule baseline by 0.12 (one rule: 0.7).');
  });
});
