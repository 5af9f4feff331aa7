// The Objective step: the saved objective, the form's draft, and saving it.
import { create } from 'zustand';
import type { SavedObjective } from '../../shared/domain/objective.js';
import type { ApiError } from '../../shared/errors.js';
import { getApi } from '../api/client.js';
import type { FieldErrors } from '../lib/field-errors.js';
import { fieldErrorsFromApi, hasFieldErrors } from '../lib/field-errors.js';
import { reportUnexpected, toApiError } from '../lib/present-error.js';
import type { ObjectiveDraft, ObjectiveField } from './objective-logic.js';
import { OBJECTIVE_FIELDS, applyField, draftFromSaved, emptyDraft, isDraftDirty, validateDraft } from './objective-logic.js';
import { useLifecycleStore } from './lifecycle-store.js';

/** Objective store state. */
export interface ObjectiveState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  saved: SavedObjective | null;
  draft: ObjectiveDraft;
  touched: Partial<Record<ObjectiveField, boolean>>;
  /** True after a save was attempted: every field's error shows, not only the visited ones. */
  isSubmitted: boolean;
  serverErrors: FieldErrors<ObjectiveField>;
  isSaving: boolean;
  load: () => Promise<void>;
  setField: <F extends ObjectiveField>(field: F, value: ObjectiveDraft[F]) => void;
  touch: (field: ObjectiveField) => void;
  save: () => Promise<boolean>;
  reset: () => void;
}

const initial = {
  status: 'idle' as const,
  error: null,
  saved: null,
  draft: emptyDraft(),
  touched: {},
  isSubmitted: false,
  serverErrors: {},
  isSaving: false,
};

/** The objective store. */
export const useObjectiveStore = create<ObjectiveState>()((set, get) => ({
  ...initial,

  async load() {
    // A refresh of a screen already shown happens silently: no flash, no lost focus.
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const saved = await getApi().call('objective.get', {});
      const { draft, saved: previous } = get();
      // The user may have started typing while this was loading: their draft wins.
      if (isDraftDirty(draft, previous)) set({ status: 'ready', saved });
      else set({ ...initial, status: 'ready', saved, draft: draftFromSaved(saved) });
    } catch (error) {
      set({ status: 'error', error: toApiError(error) });
    }
  },

  setField(field, value) {
    const { draft, serverErrors } = get();
    // An edit answers the backend's complaint about that field; the instant check takes over.
    const { [field]: _dropped, ...rest } = serverErrors;
    set({ draft: applyField(draft, field, value), serverErrors: rest });
  },

  touch(field) {
    set((s) => ({ touched: { ...s.touched, [field]: true } }));
  },

  async save() {
    const { objective } = validateDraft(get().draft);
    set({ isSubmitted: true });
    if (!objective) return false;
    set({ isSaving: true, serverErrors: {} });
    try {
      const saved = await getApi().call('objective.save', { objective });
      set({ saved, draft: draftFromSaved(saved), isSaving: false, isSubmitted: false, touched: {} });
      void useLifecycleStore.getState().load();
      return true;
    } catch (error) {
      const apiError = toApiError(error);
      const serverErrors = fieldErrorsFromApi(apiError, OBJECTIVE_FIELDS);
      set({ isSaving: false, serverErrors });
      if (!hasFieldErrors(serverErrors)) reportUnexpected(error);
      return false;
    }
  },

  reset() {
    set({ ...initial, draft: emptyDraft() });
  },
}));
