// Every step of the wizard, in the seed's order (checked against STEP_IDS by a unit test).
import type { StepId } from '../../shared/domain/lifecycle.js';
import { checklistStep } from './checklist/index.js';
import { dataStep } from './data/index.js';
import { deployStep } from './deploy/index.js';
import { evaluateStep } from './evaluate/index.js';
import { featuresStep } from './features/index.js';
import { maintainStep } from './maintain/index.js';
import { monitorStep } from './monitor/index.js';
import { objectiveStep } from './objective/index.js';
import { serveStep } from './serve/index.js';
import type { StepDefinition } from './step-definition.js';
import { trainStep } from './train/index.js';

/** The steps in wizard order. */
export const STEPS: readonly StepDefinition[] = [
  objectiveStep,
  checklistStep,
  dataStep,
  featuresStep,
  trainStep,
  evaluateStep,
  deployStep,
  serveStep,
  monitorStep,
  maintainStep,
];

/** A step's definition. */
export function stepDefinition(id: StepId): StepDefinition {
  const found = STEPS.find((s) => s.id === id);
  if (!found) throw new Error(`No step definition for "${id}"`);
  return found;
}
