// The stepper: each step's state from `lifecycle.status`, and which step is on screen.
import { create } from 'zustand';
import type { StepId, StepStatus } from '../../shared/domain/lifecycle.js';
import type { ApiError } from '../../shared/errors.js';
import { getApi } from '../api/client.js';
import { toApiError } from '../lib/present-error.js';
import { normalizeStatuses, resumeStep } from './lifecycle-logic.js';

/** Lifecycle store state. */
export interface LifecycleState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  steps: StepStatus[];
  /** The step on screen; null until a project's statuses are known. */
  activeStep: StepId | null;
  load: () => Promise<void>;
  select: (step: StepId) => void;
  reset: () => void;
}

/** The lifecycle store. */
export const useLifecycleStore = create<LifecycleState>()((set, get) => ({
  status: 'idle',
  error: null,
  steps: normalizeStatuses([]),
  activeStep: null,

  async load() {
    if (get().status === 'idle') set({ status: 'loading' });
    try {
      const steps = normalizeStatuses(await getApi().call('lifecycle.status', {}));
      // The first load picks where to resume; later refreshes keep the user where they are.
      set((s) => ({ steps, status: 'ready', error: null, activeStep: s.activeStep ?? resumeStep(steps) }));
    } catch (error) {
      set((s) => ({ status: 'error', error: toApiError(error), activeStep: s.activeStep ?? 'objective' }));
    }
  },

  select(step) {
    set({ activeStep: step });
  },

  reset() {
    set({ status: 'idle', error: null, steps: normalizeStatuses([]), activeStep: null });
  },
}));
