// The Deploy step's rules: which run is offered first, model names, the stage rules as the dialog
// states them (one production version; promoting archives the previous one; a reason is required),
// card drafts, the audit log in words, and ONNX coverage of a pipeline.
import { describe, expect, it } from 'vitest';
import {
  auditLine,
  bundleProblemFile,
  cleanPath,
  compatibleModels,
  defaultBundleDir,
  defaultVersion,
  initialRegisterForm,
  isSectionDirty,
  onnxCoverage,
  pickRun,
  planStageChange,
  preselectedRun,
  registerCandidates,
  registerProblems,
  sectionToSave,
  slugModelName,
  stageProblem,
  stageTargets,
  suggestModelName,
  suggestedStage,
} from '../../../../renderer/stores/registry-logic.js';
import { runSummary } from '../training/fixtures.js';
import { auditEntry, card, modelDetail, modelSummary, spec, versionSummary } from './fixtures.js';

const verdict = (value: number, meets: boolean) => ({ metric: 'roc_auc' as const, threshold: 0.8, direction: 'higher' as const, value, meets });

describe('register candidates', () => {
  it('offers the best run that meets the objective first, references last, unfinished runs never', () => {
    // Arrange
    const runs = [
      runSummary({ number: 1, modelId: 'baseline', metrics: { roc_auc: 0.5 }, objective: verdict(0.5, false) }),
      runSummary({ number: 2, modelId: 'logreg', metrics: { roc_auc: 0.83 }, objective: verdict(0.83, true) }),
      runSummary({ number: 3, modelId: 'hgb', metrics: { roc_auc: 0.88 }, objective: verdict(0.88, true) }),
      runSummary({ number: 4, modelId: 'knn', metrics: { roc_auc: 0.7 }, objective: verdict(0.7, false) }),
      runSummary({ number: 5, modelId: 'rf', state: 'running', metrics: null }),
    ];
    // Act
    const candidates = registerCandidates(runs);
    // Assert
    expect(candidates.map((c) => c.run.number)).toEqual([3, 2, 4, 1]);
    expect(candidates[0]).toMatchObject({ metric: 'roc_auc', value: 0.88, threshold: 0.8, meets: true, isBaseline: false });
    expect(preselectedRun(candidates)).toBe('run-3');
  });

  it('ranks lower-is-better metrics ascending and preselects nothing when no run meets the goal', () => {
    const rmse = (value: number) => ({ metric: 'rmse' as const, threshold: 1, direction: 'lower' as const, value, meets: false });
    const runs = [runSummary({ number: 1, task: 'regression', objective: rmse(3) }), runSummary({ number: 2, task: 'regression', objective: rmse(2) })];
    const candidates = registerCandidates(runs);
    expect(candidates.map((c) => c.run.number)).toEqual([2, 1]);
    expect(preselectedRun(candidates)).toBeNull();
  });

  it('starts the form on the next version of a model of the same target, else a new model named after the target', () => {
    const candidates = registerCandidates([runSummary({ number: 2, objective: verdict(0.9, true) })]);
    const other = modelSummary({ name: 'price-model', target: 'price', task: 'regression' });
    expect(initialRegisterForm(candidates, [other])).toMatchObject({ runId: 'run-2', target: 'new', newName: 'churned-model', existingName: '' });
    const same = modelSummary({ name: 'churn-model' });
    expect(initialRegisterForm(candidates, [other, same])).toMatchObject({ target: 'existing', existingName: 'churn-model' });
  });

  it('follows the picked run: a model of another target cannot take it', () => {
    const models = [modelSummary({ name: 'churn-model' }), modelSummary({ name: 'price-model', target: 'price', task: 'regression' })];
    const form = { runId: 'run-1', target: 'existing' as const, newName: 'x', existingName: 'churn-model', stage: 'none' as const, comment: '' };
    const priceRun = runSummary({ number: 7, task: 'regression', target: 'price' });
    expect(compatibleModels(models, priceRun).map((m) => m.name)).toEqual(['price-model']);
    expect(pickRun(form, priceRun, models)).toMatchObject({ runId: 'run-7', target: 'existing', existingName: 'price-model' });
    const otherRun = runSummary({ number: 8, target: 'segment' });
    expect(pickRun(form, otherRun, models)).toMatchObject({ target: 'new', existingName: '' });
  });

  it('refuses a missing run, a name outside the alphabet, a taken name and a model of another target', () => {
    const models = [modelSummary({ name: 'churn-model' }), modelSummary({ name: 'price', target: 'price' })];
    const base = { runId: 'run-1', target: 'new' as const, newName: 'churn-v2', existingName: '', stage: 'none' as const, comment: '' };
    expect(registerProblems(base, models)).toEqual({});
    expect(registerProblems({ ...base, runId: null }, models)).toEqual({ runId: 'deploy.register.error.run' });
    expect(registerProblems({ ...base, newName: 'churn model' }, models)).toEqual({ name: 'deploy.register.error.nameAlphabet' });
    expect(registerProblems({ ...base, newName: '  ' }, models)).toEqual({ name: 'deploy.register.error.nameRequired' });
    expect(registerProblems({ ...base, newName: 'Churn-Model' }, models)).toEqual({ name: 'deploy.register.error.nameTaken' });
    const existing = { ...base, target: 'existing' as const, existingName: 'price' };
    expect(registerProblems(existing, models, runSummary())).toEqual({ name: 'deploy.register.error.otherTarget' });
    expect(registerProblems({ ...existing, existingName: 'gone' }, models, runSummary())).toEqual({ name: 'deploy.register.error.pickModel' });
  });

  it('makes names in the registry alphabet and finds a free one', () => {
    expect(slugModelName('Satisfacción del cliente!')).toBe('satisfaccion-del-cliente');
    expect(suggestModelName('Churn', ['churn-model', 'churn-model-2'])).toBe('churn-model-3');
    expect(suggestModelName('¿?', [])).toBe('model');
  });
});

describe('stages', () => {
  const model = modelDetail([versionSummary({ version: 1, stage: 'production' }), versionSummary({ version: 2, stage: 'staging' }), versionSummary({ version: 3 })]);

  it('says that promoting archives the version in production, and only then', () => {
    expect(planStageChange(model, 2, 'production')).toEqual({ version: 2, from: 'staging', to: 'production', archives: 1, leavesNoProduction: false });
    expect(planStageChange(model, 3, 'staging').archives).toBeNull();
    const noProduction = modelDetail([versionSummary({ version: 1, stage: 'staging' })]);
    expect(planStageChange(noProduction, 1, 'production').archives).toBeNull();
  });

  it('warns when the production version leaves production without a successor', () => {
    expect(planStageChange(model, 1, 'archived')).toMatchObject({ archives: null, leavesNoProduction: true });
  });

  it('offers every other stage and suggests the next step of the usual path', () => {
    expect(stageTargets('staging')).toEqual(['none', 'production', 'archived']);
    expect(suggestedStage('none')).toBe('staging');
    expect(suggestedStage('staging')).toBe('production');
    expect(suggestedStage('production')).toBe('archived');
  });

  it('requires a reason of a few characters before a move is sent', () => {
    const plan = planStageChange(model, 2, 'production');
    expect(stageProblem(plan, '')).toBe('deploy.stage.error.reason');
    expect(stageProblem(plan, '   ')).toBe('deploy.stage.error.reason');
    expect(stageProblem(plan, 'ok')).toBe('deploy.stage.error.reasonShort');
    expect(stageProblem(plan, 'better recall')).toBeNull();
    expect(stageProblem(planStageChange(model, 2, 'staging'), 'better recall')).toBe('deploy.stage.error.same');
    expect(stageProblem(null, 'better recall')).toBe('deploy.stage.error.pick');
  });

  it('opens a model on its production version, else staging, else the newest', () => {
    expect(defaultVersion(model)).toBe(1);
    expect(defaultVersion(modelDetail([versionSummary({ version: 1 }), versionSummary({ version: 2, stage: 'staging' })]))).toBe(2);
    expect(defaultVersion(modelDetail([versionSummary({ version: 1 }), versionSummary({ version: 4 })]))).toBe(4);
  });
});

describe('model card drafts', () => {
  it('is dirty only when the draft differs from what the card shows', () => {
    const c = card();
    expect(isSectionDirty(c, {}, 'overview')).toBe(false);
    expect(isSectionDirty(c, { overview: 'A logistic regression.' }, 'overview')).toBe(false);
    expect(isSectionDirty(c, { overview: 'For the retention team.' }, 'overview')).toBe(true);
  });

  it('sends null (back to the generated text) when the draft is the generated text again', () => {
    const c = card();
    expect(sectionToSave(c, 'overview', 'For the retention team.')).toEqual({ id: 'overview', markdown: 'For the retention team.' });
    expect(sectionToSave(c, 'overview', 'A logistic regression.\n')).toEqual({ id: 'overview', markdown: null });
  });
});

describe('audit log in words', () => {
  it('tells registrations, moves, automatic archivings and exports apart', () => {
    expect(auditLine(auditEntry({ details: { runId: 'r', runNumber: 3 } }))).toEqual({ key: 'deploy.audit.register', params: { version: 1, run: 3 } });
    expect(auditLine(auditEntry({ action: 'stage', version: 2, fromStage: 'staging', toStage: 'production' }))).toEqual({
      key: 'deploy.audit.stage',
      params: { version: 2, from: 'staging', to: 'production' },
    });
    expect(auditLine(auditEntry({ action: 'stage', version: 1, fromStage: 'production', toStage: 'archived', details: { promotedVersion: 2 } }))).toEqual({
      key: 'deploy.audit.demoted',
      params: { version: 1, promoted: 2 },
    });
    expect(auditLine(auditEntry({ action: 'export', details: { path: '/b', onnx: true } })).key).toBe('deploy.audit.exportOnnx');
    expect(auditLine(auditEntry({ action: 'export', details: { path: '/b', onnx: false } })).key).toBe('deploy.audit.export');
  });
});

describe('ONNX coverage', () => {
  it('covers imputation, scaling, one-hot encoding and a linear model', () => {
    expect(onnxCoverage(spec())).toEqual({ status: 'exportable' });
  });

  it('names dates, TF-IDF, the k-NN imputer, one-hot bins and k-NN models', () => {
    const blocked = spec({
      columns: [
        { name: 'signup', kind: 'datetime', role: 'feature', steps: [{ op: 'dateParts' }] },
        { name: 'notes', kind: 'text', role: 'feature', steps: [{ op: 'tfidf' }] },
        { name: 'age', kind: 'numeric', role: 'feature', steps: [{ op: 'knnImpute' }, { op: 'bin' }] },
        { name: 'fee', kind: 'numeric', role: 'feature', steps: [{ op: 'bin', encode: 'ordinal' }] },
        { name: 'churned', kind: 'categorical', role: 'target', steps: [] },
      ],
      model: { id: 'knn', params: {} },
    });
    const coverage = onnxCoverage(blocked);
    expect(coverage.status).toBe('blocked');
    const keys = coverage.status === 'blocked' ? coverage.blockers.map((b) => `${b.key}:${b.params.column ?? ''}`) : [];
    expect(keys).toEqual([
      'deploy.onnx.blocker.date:signup',
      'deploy.onnx.blocker.tfidf:notes',
      'deploy.onnx.blocker.knnImpute:age',
      'deploy.onnx.blocker.oneHotBins:age',
      'deploy.onnx.blocker.knn:',
    ]);
  });

  it('ignores columns left out of the model, and says "unknown" without a recorded spec', () => {
    const withIgnoredDate = spec({ columns: [...spec().columns, { name: 'signup', kind: 'datetime', role: 'ignore', steps: [] }] });
    expect(onnxCoverage(withIgnoredDate)).toEqual({ status: 'exportable' });
    expect(onnxCoverage(null)).toEqual({ status: 'unknown' });
    expect(onnxCoverage(spec({ model: { id: 'baseline', params: { strategy: 'uniform' } } })).status).toBe('blocked');
  });
});

describe('bundles', () => {
  it('suggests a folder next to the project and cleans pasted quotes', () => {
    expect(defaultBundleDir('/home/ana/churn.ciclo', 'churn-model', 3)).toBe('/home/ana/churn-model-v3-bundle');
    expect(defaultBundleDir('C:\\p\\a.ciclo', 'm', 1)).toBe('C:\\p\\m-v1-bundle');
    expect(cleanPath('  "/tmp/my bundle" ')).toBe('/tmp/my bundle');
  });

  it('finds the file a tampered bundle names', () => {
    expect(bundleProblemFile({ messageKey: 'errors.registry.bundleTampered', details: { field: 'dir', file: 'pipeline.json' } })).toBe('pipeline.json');
    expect(bundleProblemFile({ messageKey: 'errors.registry.bundleTampered', params: { file: 'model.onnx' } })).toBe('model.onnx');
    expect(bundleProblemFile({ messageKey: 'errors.registry.cannotWrite', params: { file: 'x' } })).toBeNull();
  });
});
