import { describe, expect, it } from 'vitest';
import { generateSections, renderCard } from '../../../../../electron/backend/registry/card.js';
import type { ModelCardFacts, ModelLineage } from '../../../../../shared/api/methods/registry.js';

function facts(over: Partial<ModelCardFacts> = {}): ModelCardFacts {
  return {
    name: 'churn',
    version: 3,
    task: 'classification',
    target: 'leaves',
    modelKind: 'LogisticRegression',
    registeredAt: '2026-02-03T10:00:00.000Z',
    registeredBy: 'ana',
    objective: { inputs: 'age and plan', target: 'Leaves next month', taskType: 'classification', metric: 'recall', threshold: 0.8, direction: 'higher', positiveClass: 'yes', value: 0.75, meets: false },
    data: { datasetName: 'customers', versionNumber: 2, rows: 1000, columns: 5, partition: { train: 600, validation: 200, test: 200 }, trainRows: 600, evaluatedRows: 200, evaluatedOn: 'validation' },
    inputSchema: [
      { name: 'age', kind: 'numeric' },
      { name: 'plan', kind: 'categorical' },
    ],
    classLabels: ['no', 'yes'],
    metrics: [
      { id: 'recall', value: 0.75, threshold: 0.8, direction: 'higher', meets: false },
      { id: 'accuracy', value: 0.9, threshold: null, direction: 'higher', meets: null },
    ],
    limits: [
      { kind: 'missing_values', severity: 'warning', messageKey: 'data.finding.missing_values', params: { column: 'age', count: 3, percent: '1.5 %' }, columns: ['age'] },
      { kind: 'class_imbalance', severity: 'critical', messageKey: 'data.finding.class_imbalance', params: { minority: 'yes', ratio: '1:9' }, columns: ['leaves'] },
    ],
    fairness: {
      status: 'computed',
      columns: [
        {
          column: 'plan',
          isModelInput: true,
          groups: [
            { group: 'basic', rows: 150, share: 0.75, metrics: { accuracy: 0.92, balanced_accuracy: 0.7 } },
            { group: 'pro|max', rows: 50, share: 0.25, metrics: { accuracy: 0.84, balanced_accuracy: null } },
          ],
          maxGap: 0.08,
        },
      ],
    },
    ...over,
  };
}

const lineage: ModelLineage = {
  source: 'run',
  runId: 'run-7',
  runNumber: 7,
  datasetId: 'ds',
  datasetName: 'customers',
  datasetVersionId: 'dv-2',
  datasetVersionNumber: 2,
  featureSetId: null,
  spec: null,
  modelId: 'logreg',
  modelKind: 'LogisticRegression',
  params: { C: 1, maxIter: 100 },
  seed: 42,
  task: 'classification',
  target: 'leaves',
  classLabels: ['no', 'yes'],
  inputSchema: facts().inputSchema,
  metric: 'recall',
  metrics: { recall: 0.75, accuracy: 0.9 },
  evaluatedOn: 'validation',
  trainRows: 600,
  evaluatedRows: 200,
  chosenThreshold: 0.35,
  engineVersion: '1.2.3',
  artifactSha256: 'ab'.repeat(32),
  artifactBytes: 2048,
  objective: facts().objective,
  bundle: null,
};

describe('generated model cards', () => {
  it('state the intended use from the objective, and whether this version meets it', () => {
    const s = generateSections(facts(), lineage, 'en');
    expect(s.intendedUse).toContain('Goal: predict **Leaves next month** from age and plan.');
    expect(s.intendedUse).toContain('Success means recall ≥ 0.8');
    expect(s.intendedUse).toContain('it does **not** meet the objective');
    expect(generateSections(facts({ objective: null }), lineage, 'en').intendedUse).toMatch(/^No objective was set/);
  });

  it('list the training data, the metrics against the threshold and the known limits, critical first', () => {
    const s = generateSections(facts(), lineage, 'en');
    expect(s.trainingData).toContain('Dataset **customers**, version 2: 1,000 rows, 5 columns.');
    expect(s.trainingData).toContain('| `plan` | category |');
    expect(s.metrics.split('\n').slice(0, 4)).toEqual(['| Metric | Value | Threshold | Meets it |', '| --- | --- | --- | --- |', '| recall | 0.75 | ≥ 0.8 | no |', '| accuracy | 0.9 |  |  |']);
    const limits = s.limitations.split('\n').filter((l) => l.startsWith('- '));
    expect(limits[0]).toMatch(/^- \*\*Imbalanced classes\*\* \(critical\): The class "yes" is much rarer/);
    expect(limits[1]).toMatch(/^- \*\*Missing values in age\*\* \(warning\)/);
    expect(generateSections(facts({ limits: null }), lineage, 'en').limitations).toMatch(/^No quality check was run/);
    expect(generateSections(facts({ limits: [] }), lineage, 'en').limitations).toMatch(/^The quality check of the training data found no problems\./);
  });

  it('write per-group metrics as a table (pipes escaped), the largest gap, and say why when there are none', () => {
    const s = generateSections(facts(), lineage, 'en');
    expect(s.fairness).toContain('| Group | Rows | Share | accuracy | balanced_accuracy |');
    expect(s.fairness).toContain('| pro\\|max | 50 | 25 % | 0.84 | — |');
    expect(s.fairness).toContain('Largest gap in accuracy between groups of at least 20 rows: 0.08.');
    for (const status of ['noSensitiveColumns', 'noValidationRows', 'notAvailable'] as const) {
      const text = generateSections(facts({ fairness: { status, columns: [] } }), lineage, 'en').fairness;
      expect(text).not.toContain('| Group |');
      expect(text.length).toBeGreaterThan(40);
    }
  });

  it('trace the lineage, the recorded threshold included', () => {
    const s = generateSections(facts(), lineage, 'en');
    expect(s.lineage).toContain('- Run #7 (run-7).');
    expect(s.lineage).toContain('- Hyper-parameters: C=1, maxIter=100.');
    expect(s.lineage).toContain('- Seed: 42.');
    expect(s.lineage).toContain(`\`${'ab'.repeat(32)}\``);
    expect(s.lineage).toContain('Decision threshold chosen in the Evaluate step: 0.35');
  });

  it('speak Spanish with Spanish number formats', () => {
    const s = generateSections(facts(), lineage, 'es');
    expect(s.trainingData).toContain('Conjunto de datos **customers**, versión 2: 1000 filas, 5 columnas.');
    expect(s.metrics).toContain('| recall | 0,75 | ≥ 0,8 | no |');
    expect(s.limitations).toContain('**Clases desequilibradas** (crítico)');
  });

  it('put edited sections in place of the generated ones, in the whole document too', () => {
    const card = renderCard(facts(), lineage, [{ versionId: 'v', section: 'fairness', markdown: 'Reviewed with the team.', editedBy: 'luis', editedAt: '2026-02-04T00:00:00.000Z' }], 'en');
    const f = card.sections.find((x) => x.id === 'fairness')!;
    expect(f).toMatchObject({ title: 'Fairness', markdown: 'Reviewed with the team.', isEdited: true, editedBy: 'luis' });
    expect(f.generatedMarkdown).toContain('| Group |');
    expect(card.markdown).toContain('## Fairness\n\nReviewed with the team.\n\n## Lineage');
    expect(card.markdown.startsWith('# Model card: churn version 3\n\n## Overview\n\nA classification model (LogisticRegression) that predicts `leaves`.')).toBe(true);
    expect(card.sections.filter((x) => x.isEdited)).toHaveLength(1);
  });
});
