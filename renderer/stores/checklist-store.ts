// The "Should I use ML?" step: the answers being edited, the saved state, and saving.
import { create } from 'zustand';
import type { ChecklistAnswers, ChecklistQuestionId, ChecklistState } from '../../shared/domain/checklist.js';
import { emptyAnswers } from '../../shared/domain/checklist.js';
import type { ApiError } from '../../shared/errors.js';
import { getApi } from '../api/client.js';
import { reportUnexpected, toApiError } from '../lib/present-error.js';
import type { AnswerValue } from './checklist-logic.js';
import { answersForSave, isChecklistDirty, setAnswerNote, setAnswerValue } from './checklist-logic.js';
import { useLifecycleStore } from './lifecycle-store.js';

/** Checklist store state. */
export interface ChecklistStoreState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  saved: ChecklistState | null;
  answers: ChecklistAnswers;
  isSaving: boolean;
  load: () => Promise<void>;
  setAnswer: (question: ChecklistQuestionId, value: AnswerValue) => void;
  setNote: (question: ChecklistQuestionId, note: string) => void;
  save: () => Promise<boolean>;
  reset: () => void;
}

/** The checklist store. */
export const useChecklistStore = create<ChecklistStoreState>()((set, get) => ({
  status: 'idle',
  error: null,
  saved: null,
  answers: emptyAnswers(),
  isSaving: false,

  async load() {
    set({ status: 'loading', error: null });
    try {
      const saved = await getApi().call('checklist.get', {});
      const { answers, saved: previous } = get();
      // Answers given while this was loading are kept.
      if (isChecklistDirty(answers, previous?.answers ?? null)) set({ status: 'ready', saved });
      else set({ status: 'ready', saved, answers: saved.answers });
    } catch (error) {
      set({ status: 'error', error: toApiError(error) });
    }
  },

  setAnswer(question, value) {
    set((s) => ({ answers: setAnswerValue(s.answers, question, value) }));
  },

  setNote(question, note) {
    set((s) => ({ answers: setAnswerNote(s.answers, question, note) }));
  },

  async save() {
    set({ isSaving: true });
    try {
      const saved = await getApi().call('checklist.save', { answers: answersForSave(get().answers) });
      set({ saved, answers: saved.answers, isSaving: false });
      void useLifecycleStore.getState().load();
      return true;
    } catch (error) {
      set({ isSaving: false });
      reportUnexpected(error);
      return false;
    }
  },

  reset() {
    set({ status: 'idle', error: null, saved: null, answers: emptyAnswers(), isSaving: false });
  },
}));
