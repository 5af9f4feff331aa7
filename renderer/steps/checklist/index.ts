// The "Should I use ML?" step: the seed's questions and a verdict computed from the answers.
import type { StepDefinition } from '../step-definition.js';
import { ChecklistStep } from './ChecklistStep.js';

/** The checklist step. */
export const checklistStep: StepDefinition = {
  id: 'checklist',
  titleKey: 'step.checklist.title',
  whyKey: 'step.checklist.why',
  planKeys: [],
  component: ChecklistStep,
};
