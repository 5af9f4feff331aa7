// The Train step's pure rules: the form generated from the catalogue (preset, every model and its
// ParamSpecs), what `training.start` receives, and the run list as `training.runs`, `job.progress`
// and `training.curve` events fold into it.
import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../../../../shared/domain/model-catalog.js';
import type { JobTable } from '../../../../renderer/stores/job-logic.js';
import { applyJobProgress, queuedJob } from '../../../../renderer/stores/job-logic.js';
import type { TrainForm } from '../../../../renderer/stores/training-logic.js';
import {
  applyCurvePoint,
  applyRunState,
  curveFromDetail,
  formFromCatalog,
  hasCurve,
  mergeRuns,
  modelChoices,
  paramDraft,
  paramProblems,
  parseParam,
  resetParams,
  runCounts,
  runIdOfJob,
  runViews,
  searchOf,
  setParamDraft,
  settingsProblems,
  toggleModel,
  validationOf,
} from '../../../../renderer/stores/training-logic.js';
import { catalog, progress, runSummary } from './fixtures.js';

const curvePoint = (runId: string, iteration: number, validationScore?: number, trainLoss?: number) => ({
  runId,
  iteration,
  metric: 'log_loss',
  ...(validationScore === undefined ? {} : { validationScore }),
  ...(trainLoss === undefined ? {} : { trainLoss }),
});

describe('the Train form', () => {
  it('starts from the recommended preset with both references ticked', () => {
    const form = formFromCatalog(catalog());

    expect(form.mode).toBe('recommended');
    expect(form.selected).toEqual({ baseline: true, onerule: true, logreg: true, hgb: true });
    expect(validationOf(form)).toEqual({ scheme: 'holdout' });
    expect(searchOf(form)).toBeUndefined();
  });

  it('sends the preset with its own parameters, minus the models the user unticked', () => {
    const cat = catalog();
    const form = toggleModel(formFromCatalog(cat), 'logreg', false);

    expect(modelChoices(form, cat, 'classification')).toEqual([{ id: 'baseline' }, { id: 'onerule' }, { id: 'hgb', params: { maxIter: 200 } }]);
  });

  it('never drops a reference, even when asked to or when the preset forgot one', () => {
    const cat = catalog();
    cat.recommended = cat.recommended.filter((r) => r.id !== 'onerule');
    const form = toggleModel(formFromCatalog(cat), 'baseline', false);

    expect(form.selected.baseline).toBe(true);
    expect(modelChoices(form, cat, 'classification').map((m) => m.id)).toEqual(['onerule', 'baseline', 'logreg', 'hgb']);
  });

  it('in the advanced view sends only the parameters that differ from the defaults, parsed by their spec', () => {
    const cat = catalog();
    let form: TrainForm = { ...formFromCatalog(cat), mode: 'advanced' };
    form = toggleModel(form, 'mlp', true);
    form = toggleModel(form, 'hgb', true);
    form = setParamDraft(form, 'logreg', 'C', '0,5');
    form = setParamDraft(form, 'logreg', 'fitIntercept', true);
    form = setParamDraft(form, 'hgb', 'maxDepth', '');
    form = setParamDraft(form, 'hgb', 'maxIter', '300');

    const choices = modelChoices(form, cat, 'classification');

    expect(choices).toEqual([{ id: 'baseline' }, { id: 'onerule' }, { id: 'logreg', params: { C: 0.5 } }, { id: 'hgb', params: { maxIter: 300 } }, { id: 'mlp' }]);
    expect(paramProblems(form, cat, 'classification')).toEqual({});
  });

  it('flags typed parameters outside their range or of the wrong kind, by model and name', () => {
    const cat = catalog();
    let form: TrainForm = { ...formFromCatalog(cat), mode: 'advanced' };
    form = setParamDraft(form, 'hgb', 'maxIter', '5');
    form = setParamDraft(form, 'logreg', 'C', 'abc');

    expect(paramProblems(form, cat, 'classification')).toEqual({
      'hgb.maxIter': { key: 'training.param.error.range', params: { min: 10, max: 1000 } },
      'logreg.C': { key: 'training.param.error.number' },
    });
    expect(paramDraft(resetParams(form, 'hgb'), 'hgb', cat.models[3].params.classification?.[0] as ParamSpec)).toBe('100');
  });

  it('parses each kind of parameter', () => {
    const int: ParamSpec = { name: 'n', type: 'int', default: 5, min: 1, max: 10 };
    const nullable: ParamSpec = { name: 'd', type: 'int', default: null, min: 1, max: 10, isNullable: true };

    expect(parseParam(int, ' 7 ')).toEqual({ value: 7 });
    expect(parseParam(int, '7.5')).toEqual({ problem: { key: 'training.param.error.integer' } });
    expect(parseParam(int, '')).toEqual({ problem: { key: 'training.param.error.required' } });
    expect(parseParam(nullable, '')).toEqual({ value: null });
    expect(parseParam({ name: 'b', type: 'bool', default: false }, true)).toEqual({ value: true });
    expect(parseParam({ name: 'e', type: 'enum', default: 'a', options: ['a', 'b'] }, 'b')).toEqual({ value: 'b' });
  });

  it('checks the validation and search settings and turns minutes into a budget in seconds', () => {
    const form = { ...formFromCatalog(catalog()), scheme: 'kfold' as const, k: '1', isSearchOn: true, budgetMinutes: '1,5', maxCandidates: '0' };

    expect(settingsProblems(form)).toEqual({
      k: { key: 'training.param.error.range', params: { min: 2, max: 20 } },
      maxCandidates: { key: 'training.param.error.range', params: { min: 1, max: 1000 } },
    });
    expect(searchOf({ ...form, maxCandidates: '12' })).toEqual({ kind: 'random', budgetSeconds: 90, maxCandidates: 12 });
    expect(validationOf({ ...form, k: '4' })).toEqual({ scheme: 'kfold', k: 4 });
  });
});

describe('live learning curves', () => {
  it('keeps points in iteration order per run, inserting late ones and replacing repeats', () => {
    let curves = applyCurvePoint({}, curvePoint('r1', 1, 0.6, 0.7));
    curves = applyCurvePoint(curves, curvePoint('r1', 3, 0.5, 0.55));
    curves = applyCurvePoint(curves, curvePoint('r1', 2, 0.55, 0.6));
    curves = applyCurvePoint(curves, curvePoint('r1', 3, 0.45));
    curves = applyCurvePoint(curves, curvePoint('r2', 1, 0.9));

    expect(curves.r1).toEqual({ metric: 'log_loss', iterations: [1, 2, 3], validationScore: [0.6, 0.55, 0.45], trainLoss: [0.7, 0.6, null] });
    expect(curves.r2.iterations).toEqual([1]);
    expect(hasCurve(curves.r2)).toBe(true);
    expect(hasCurve(undefined)).toBe(false);
  });

  it('reads the recorded curve of a finished run', () => {
    const curve = curveFromDetail({ curveMetric: 'loss', curve: [{ iteration: 0, trainLoss: 1 }, { iteration: 1, trainLoss: 0.5, validationScore: 0.6 }] });

    expect(curve).toEqual({ metric: 'loss', iterations: [0, 1], trainLoss: [1, 0.5], validationScore: [null, 0.6] });
  });
});

describe('the run list', () => {
  it('shows the live job state of a recorded run that is still running, active runs first', () => {
    const runs = [runSummary({ number: 1 }), runSummary({ number: 2, state: 'running' }), runSummary({ number: 3, state: 'queued' })];
    let jobs = applyJobProgress({}, progress({ jobId: 'job-2', fraction: 0.4 }));
    jobs = applyJobProgress(jobs, progress({ jobId: 'job-3', state: 'running', fraction: 0.1 }));

    const views = runViews(runs, jobs);

    expect(views.map((v) => [v.run.number, v.state])).toEqual([
      [3, 'running'],
      [2, 'running'],
      [1, 'done'],
    ]);
    expect(views[0].job?.progress.fraction).toBe(0.1);
    expect(runCounts(views)).toEqual({ active: 2, done: 1, stopped: 0 });
  });

  it('marks a run cancelled as soon as its job says so, and offers to run it again', () => {
    const runs = [runSummary({ number: 4, state: 'running', jobId: 'job-4' })];
    let jobs: JobTable = { 'job-4': queuedJob('job-4', 'training.run', '2025-03-01T10:00:00.000Z', 'run-4') };
    jobs = applyJobProgress(jobs, progress({ jobId: 'job-4', state: 'cancelled', fraction: 0.3, phaseKey: 'jobs.phase.cancelled' }));

    const [view] = runViews(runs, jobs);

    expect(view.state).toBe('cancelled');
    expect(view.isActive).toBe(false);
    expect(view.canRerun).toBe(true);
  });

  it('trusts a finished record over a stale job report', () => {
    const runs = [runSummary({ number: 5, state: 'interrupted', jobId: 'job-5' })];
    const jobs = applyJobProgress({}, progress({ jobId: 'job-5', state: 'running' }));

    const [view] = runViews(runs, jobs);

    expect(view.state).toBe('interrupted');
    expect(view.canRerun).toBe(true);
  });

  it('moves a run to its new state from runUpdated but never revives a finished one', () => {
    const runs = [runSummary({ number: 1, state: 'queued' }), runSummary({ number: 2, state: 'failed' })];

    const next = applyRunState(applyRunState(runs, 'run-1', 'running'), 'run-2', 'running');

    expect(next.map((r) => r.state)).toEqual(['running', 'failed']);
  });

  it('merges a fresh list newest first and finds the run a training job is about', () => {
    const merged = mergeRuns([runSummary({ number: 1, state: 'running' })], [runSummary({ number: 2 }), runSummary({ number: 1 })]);

    expect(merged.map((r) => [r.number, r.state])).toEqual([
      [2, 'done'],
      [1, 'done'],
    ]);
    expect(runIdOfJob(progress({ jobId: 'j', subjectId: 'run-9' }))).toBe('run-9');
    expect(runIdOfJob(progress({ jobId: 'j', kind: 'data.import', subjectId: 'd1' }))).toBeNull();
  });
});
