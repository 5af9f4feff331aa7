/**
 * Handler: lifecycle.status, the stepper's view of the ten steps, plus the registry through which
 * each domain contributes its step's state. A domain built by a later issue calls
 * `registerStepStatusProvider('data', ...)` from its own module; a step without a provider is
 * reported `isAvailable: false` (the UI says plainly that it is not built yet).
 *
 * Overrides recorded in the project (storage/repos/step-states.ts; e.g. Monitor flagging Data as
 * `needs_attention`) win over what a provider computes.
 */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import { STEP_IDS, type StepId, type StepState, type StepStatus } from '../../../shared/domain/lifecycle.js';
import { CHECKLIST_QUESTIONS } from '../../../shared/domain/checklist.js';
import { computeVerdict } from '../../../shared/domain/checklist-verdict.js';
import { validateObjective } from '../../../shared/domain/objective-rules.js';
import type { BackendContext } from './context.js';
import type { Db } from '../storage/db.js';
import { readObjective } from '../storage/repos/objective.js';
import { readAnswers } from '../storage/repos/checklist.js';
import { readOverrides } from '../storage/repos/step-states.js';

/** What a provider computes for its step. */
export interface ProvidedStepState {
  state: StepState;
  /** i18n key of a short reason shown under the step. */
  reasonKey?: string;
}

/** Computes one step's state from the open project. Must be cheap (it runs on every status call). */
export type StepStatusProvider = (db: Db, ctx: BackendContext) => ProvidedStepState;

const providers = new Map<StepId, StepStatusProvider>();

/** Registers the provider of a step (one per step); returns a function that removes it. */
export function registerStepStatusProvider(step: StepId, provider: StepStatusProvider): () => void {
  if (providers.has(step)) throw new Error(`A status provider for the step "${step}" is already registered.`);
  providers.set(step, provider);
  return () => {
    if (providers.get(step) === provider) providers.delete(step);
  };
}

/** The steps that have a provider (are built in this version). */
export function availableSteps(): StepId[] {
  return STEP_IDS.filter((s) => providers.has(s));
}

// Step 0: nothing saved -> not started; saved but no longer valid under the current rules ->
// in progress (the user must finish it); valid -> done.
registerStepStatusProvider('objective', (db) => {
  const objective = readObjective(db);
  if (!objective) return { state: 'not_started' };
  if (validateObjective(objective).length > 0) return { state: 'in_progress', reasonKey: 'lifecycle.reason.objective.incomplete' };
  return { state: 'done' };
});

// The checklist: no answer -> not started; a core question open -> in progress; a verdict that
// says "reconsider" -> needs attention (the user should read the reasons); otherwise done.
registerStepStatusProvider('checklist', (db) => {
  const { answers, updatedAt } = readAnswers(db);
  const touched = CHECKLIST_QUESTIONS.some((q) => answers[q].value !== null || answers[q].note.trim() !== '');
  if (updatedAt === null || !touched) return { state: 'not_started' };
  const verdict = computeVerdict(answers);
  if (verdict.kind === 'incomplete') return { state: 'in_progress', reasonKey: 'lifecycle.reason.checklist.incomplete' };
  if (verdict.kind === 'reconsider') return { state: 'needs_attention', reasonKey: 'lifecycle.reason.checklist.reconsider' };
  return { state: 'done' };
});

/** Every step's status for the open project (all `not_started` when none is open). */
export function lifecycleStatus(ctx: BackendContext): StepStatus[] {
  const file = ctx.session.current;
  const overrides = file ? readOverrides(file.db) : new Map();
  return STEP_IDS.map((step): StepStatus => {
    const provider = providers.get(step);
    if (!provider) return { step, state: 'not_started', isAvailable: false, reasonKey: 'lifecycle.reason.notAvailableYet' };
    if (!file) return { step, state: 'not_started', isAvailable: true };
    const override = overrides.get(step);
    if (override) {
      const out: StepStatus = { step, state: override.state, isAvailable: true };
      if (override.reasonKey) out.reasonKey = override.reasonKey;
      return out;
    }
    const provided = provider(file.db, ctx);
    const out: StepStatus = { step, state: provided.state, isAvailable: true };
    if (provided.reasonKey) out.reasonKey = provided.reasonKey;
    return out;
  });
}

/** lifecycle.* handlers. */
export const lifecycleHandlers = {
  'lifecycle.status': (_args, ctx) => lifecycleStatus(ctx),
} satisfies Pick<ApiHandlers<BackendContext>, 'lifecycle.status'>;
