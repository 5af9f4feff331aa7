// The "Should I use ML?" step: the answers being edited and the saved state. Answers save
// themselves shortly after each change (a beginner should never lose answers to a forgotten
// button); saves are serialised, and an answer given while a save is in flight is sent next.
import { create } from 'zustand';
import type { ChecklistAnswers, ChecklistQuestionId, ChecklistState } from '../../shared/domain/checklist.js';
import { emptyAnswers } from '../../shared/domain/checklist.js';
import type { ApiError } from '../../shared/errors.js';
import { getApi } from '../api/client.js';
import { reportUnexpected, toApiError } from '../lib/present-error.js';
import type { AnswerValue } from './checklist-logic.js';
import { answersForSave, isChecklistDirty, setAnswerNote, setAnswerValue } from './checklist-logic.js';
import { useLifecycleStore } from './lifecycle-store.js';

/** Delay before saving after a click on an answer, and after typing in a note (ms). */
export const SAVE_DELAY = { answer: 250, note: 800 } as const;

/** Checklist store state. */
export interface ChecklistStoreState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  saved: ChecklistState | null;
  answers: ChecklistAnswers;
  isSaving: boolean;
  /** The last save failed; the answers on screen are not stored. */
  hasSaveFailed: boolean;
  load: () => Promise<void>;
  setAnswer: (question: ChecklistQuestionId, value: AnswerValue) => void;
  setNote: (question: ChecklistQuestionId, note: string) => void;
  /** Saves now (cancelling a scheduled save); resolves when what is on screen is stored. */
  save: () => Promise<boolean>;
  /** Saves pending changes, if any (before closing the project). */
  flush: () => Promise<void>;
  reset: () => void;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let inFlight: Promise<boolean> | null = null;

function cancelScheduled(): void {
  if (timer) clearTimeout(timer);
  timer = null;
}

/** The checklist store. */
export const useChecklistStore = create<ChecklistStoreState>()((set, get) => {
  function schedule(delay: number): void {
    cancelScheduled();
    timer = setTimeout(() => {
      timer = null;
      void get().save();
    }, delay);
  }

  async function saveOnce(): Promise<boolean> {
    const sent = answersForSave(get().answers);
    set({ isSaving: true });
    try {
      const saved = await getApi().call('checklist.save', { answers: sent });
      // Keep what the user changed while the save was in flight; it goes out next.
      const current = get().answers;
      const isChangedMeanwhile = isChecklistDirty(current, sent);
      set({ saved, answers: isChangedMeanwhile ? current : saved.answers, isSaving: false, hasSaveFailed: false });
      void useLifecycleStore.getState().load();
      return true;
    } catch (error) {
      set({ isSaving: false, hasSaveFailed: true });
      reportUnexpected(error);
      return false;
    }
  }

  return {
    status: 'idle',
    error: null,
    saved: null,
    answers: emptyAnswers(),
    isSaving: false,
    hasSaveFailed: false,

    async load() {
      // A refresh of a screen already shown happens silently: no flash, no lost focus.
      if (get().status !== 'ready') set({ status: 'loading', error: null });
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
      schedule(SAVE_DELAY.answer);
    },

    setNote(question, note) {
      set((s) => ({ answers: setAnswerNote(s.answers, question, note) }));
      schedule(SAVE_DELAY.note);
    },

    async save() {
      cancelScheduled();
      // One save at a time: wait for the running one, then send whatever is still unsaved.
      while (inFlight) await inFlight;
      if (!isChecklistDirty(get().answers, get().saved?.answers ?? null) && !get().hasSaveFailed) return true;
      inFlight = saveOnce();
      try {
        return await inFlight;
      } finally {
        inFlight = null;
      }
    },

    async flush() {
      if (timer || inFlight) await get().save();
    },

    reset() {
      cancelScheduled();
      set({ status: 'idle', error: null, saved: null, answers: emptyAnswers(), isSaving: false, hasSaveFailed: false });
    },
  };
});
