// The Objective step (step 0 of the seed): inputs, target, task, success metric and threshold.
import type { StepDefinition } from '../step-definition.js';
import { ObjectiveStep } from './ObjectiveStep.js';

/** The Objective step. */
export const objectiveStep: StepDefinition = {
  id: 'objective',
  titleKey: 'step.objective.title',
  whyKey: 'step.objective.why',
  planKeys: [],
  component: ObjectiveStep,
};
