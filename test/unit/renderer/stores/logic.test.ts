// Pure transitions of the checklist, lifecycle, project and ui stores.
import { describe, expect, it } from 'vitest';
import { emptyAnswers } from '../../../../shared/domain/checklist.js';
import { STEP_IDS } from '../../../../shared/domain/lifecycle.js';
import type { StepStatus } from '../../../../shared/domain/lifecycle.js';
import { answersForSave, countAnswered, groupReasons, isChecklistDirty, setAnswerNote, setAnswerValue } from '../../../../renderer/stores/checklist-logic.js';
import { neighbours, normalizeStatuses, resumeStep, stepNumber } from '../../../../renderer/stores/lifecycle-logic.js';
import { placeCreateError, placeOpenError, validateCreate, validateOpen, validateProjectName } from '../../../../renderer/stores/project-logic.js';
import { MAX_TOASTS, addToast, removeToast } from '../../../../renderer/stores/ui-logic.js';

describe('checklist logic', () => {
  it('sets answers and notes without touching other questions', () => {
    const start = emptyAnswers();
    const next = setAnswerNote(setAnswerValue(start, 'perception', 'yes'), 'perception', 'photos of parts');
    expect(next.perception).toEqual({ value: 'yes', note: 'photos of parts' });
    expect(next.rulesSuffice).toEqual(start.rulesSuffice);
    expect(start.perception.value).toBeNull();
  });

  it('counts answers overall and per group', () => {
    const a = setAnswerValue(setAnswerValue(emptyAnswers(), 'rulesSuffice', 'no'), 'dataRecent', 'unsure');
    expect(countAnswered(a)).toBe(2);
    expect(countAnswered(a, ['rulesSuffice', 'dataAffordable'])).toBe(1);
  });

  it('knows when answers differ from the saved ones (notes compared trimmed)', () => {
    const saved = setAnswerNote(setAnswerValue(emptyAnswers(), 'dataExists', 'yes'), 'dataExists', 'CRM export');
    expect(isChecklistDirty(saved, saved)).toBe(false);
    expect(isChecklistDirty(setAnswerNote(saved, 'dataExists', 'CRM export  '), saved)).toBe(false);
    expect(isChecklistDirty(setAnswerValue(saved, 'dataExists', 'no'), saved)).toBe(true);
    expect(isChecklistDirty(emptyAnswers(), null)).toBe(false);
    expect(isChecklistDirty(setAnswerNote(emptyAnswers(), 'dataQuality', 'x'), null)).toBe(true);
  });

  it('trims notes for saving', () => {
    expect(answersForSave(setAnswerNote(emptyAnswers(), 'dataQuality', '  ok \n')).dataQuality.note).toBe('ok');
  });

  it('groups verdict reasons by weight', () => {
    const g = groupReasons({
      kind: 'reconsider',
      reasons: [
        { question: 'rulesSuffice', weight: 'against', messageKey: 'a' },
        { question: 'dataAffordable', weight: 'for', messageKey: 'b' },
        { question: 'dataRecent', weight: 'caution', messageKey: 'c' },
      ],
    });
    expect(g.against.map((r) => r.messageKey)).toEqual(['a']);
    expect(g.for.map((r) => r.messageKey)).toEqual(['b']);
    expect(g.caution.map((r) => r.messageKey)).toEqual(['c']);
  });
});

describe('lifecycle logic', () => {
  const status = (step: StepStatus['step'], state: StepStatus['state'], isAvailable = true): StepStatus => ({ step, state, isAvailable });

  it('always lists the ten steps in the seed order, whatever the backend sends', () => {
    const out = normalizeStatuses([status('checklist', 'done'), status('objective', 'in_progress')]);
    expect(out.map((s) => s.step)).toEqual([...STEP_IDS]);
    expect(out[0].state).toBe('in_progress');
    expect(out[2]).toEqual({ step: 'data', state: 'not_started', isAvailable: false });
  });

  it('resumes at a step needing attention, else the first unfinished available step', () => {
    expect(resumeStep([status('objective', 'done'), status('checklist', 'in_progress')])).toBe('checklist');
    expect(resumeStep([status('objective', 'done'), status('checklist', 'needs_attention'), status('data', 'not_started')])).toBe('checklist');
    expect(resumeStep([status('objective', 'done'), status('checklist', 'done'), status('data', 'not_started', false)])).toBe('objective');
    expect(resumeStep([])).toBe('objective');
  });

  it('gives neighbours and 1-based numbers', () => {
    expect(neighbours('objective')).toEqual({ previous: null, next: 'checklist' });
    expect(neighbours('maintain')).toEqual({ previous: 'monitor', next: null });
    expect(stepNumber('data')).toBe(3);
  });
});

describe('project logic', () => {
  it('checks names like the backend does', () => {
    expect(validateProjectName('  ').name?.key).toBe('home.error.nameRequired');
    expect(validateProjectName('a/b').name?.key).toBe('home.error.nameChars');
    expect(validateProjectName('x'.repeat(121)).name).toEqual({ key: 'home.error.nameTooLong', params: { max: 120 } });
    expect(validateProjectName('Customer churn')).toEqual({});
  });

  it('checks the create and open forms', () => {
    expect(Object.keys(validateCreate({ name: '', dir: ' ' })).sort()).toEqual(['dir', 'name']);
    expect(validateOpen({ path: '' }).path?.key).toBe('home.error.pathRequired');
    expect(validateOpen({ path: '/p/x.ciclo' })).toEqual({});
  });

  it('puts backend errors next to the field they concern', () => {
    const exists = { code: 'PROJECT_EXISTS', messageKey: 'errors.PROJECT_EXISTS', message: 'exists' } as const;
    expect(placeCreateError(exists).name?.code).toBe('PROJECT_EXISTS');
    const folder = { code: 'INVALID_ARGUMENT', messageKey: 'errors.INVALID_ARGUMENT.folder', message: 'no', details: { field: 'dir' } } as const;
    expect(placeCreateError(folder).dir?.key).toBe('errors.INVALID_ARGUMENT.folder');
    const locked = { code: 'PROJECT_LOCKED', messageKey: 'errors.PROJECT_LOCKED', message: 'locked' } as const;
    expect(placeOpenError(locked).path?.code).toBe('PROJECT_LOCKED');
    expect(placeOpenError({ code: 'INTERNAL', messageKey: 'errors.INTERNAL', message: 'x' })).toEqual({});
  });
});

describe('ui logic: toasts', () => {
  it('does not repeat an identical toast and keeps only the latest few', () => {
    let toasts = addToast([], { id: 1, kind: 'error', titleKey: 'toast.unexpected', messageKey: 'errors.INTERNAL' });
    toasts = addToast(toasts, { id: 2, kind: 'error', titleKey: 'toast.unexpected', messageKey: 'errors.INTERNAL' });
    expect(toasts.map((t) => t.id)).toEqual([1]);
    for (let id = 3; id < 3 + MAX_TOASTS + 1; id += 1) toasts = addToast(toasts, { id, kind: 'info', titleKey: 'toast.unexpected', messageKey: `k${id}` });
    expect(toasts).toHaveLength(MAX_TOASTS);
    expect(toasts[toasts.length - 1].id).toBe(3 + MAX_TOASTS);
    expect(removeToast(toasts, toasts[0].id)).toHaveLength(MAX_TOASTS - 1);
  });
});
