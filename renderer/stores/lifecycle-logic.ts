// Pure rules of the stepper: the ten steps in the seed's order whatever the backend sends,
// where to resume, and the neighbours of a step.
import type { StepId, StepStatus } from '../../shared/domain/lifecycle.js';
import { STEP_IDS } from '../../shared/domain/lifecycle.js';

/** Every step in wizard order; a step the backend did not report shows as not started and unavailable. */
export function normalizeStatuses(statuses: readonly StepStatus[]): StepStatus[] {
  const byId = new Map(statuses.map((s) => [s.step, s]));
  return STEP_IDS.map((step) => byId.get(step) ?? { step, state: 'not_started', isAvailable: false });
}

/**
 * Where to take the user when a project opens: the first step that is available and needs work
 * (needs attention first, then not done); the first step when everything available is done.
 */
export function resumeStep(statuses: readonly StepStatus[]): StepId {
  const ordered = normalizeStatuses(statuses).filter((s) => s.isAvailable);
  const attention = ordered.find((s) => s.state === 'needs_attention');
  if (attention) return attention.step;
  const unfinished = ordered.find((s) => s.state !== 'done');
  return unfinished?.step ?? STEP_IDS[0];
}

/** The steps before and after `step` (null at the ends). */
export function neighbours(step: StepId): { previous: StepId | null; next: StepId | null } {
  const i = STEP_IDS.indexOf(step);
  return { previous: i > 0 ? STEP_IDS[i - 1] : null, next: i < STEP_IDS.length - 1 ? STEP_IDS[i + 1] : null };
}

/** 1-based position of a step, as shown to people. */
export function stepNumber(step: StepId): number {
  return STEP_IDS.indexOf(step) + 1;
}
