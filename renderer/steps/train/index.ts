// The Train step. Not built in this version (issue 5 builds it): the wizard shows
// its plan under "not available yet". Building it means adding its screen here and setting `component`.
import type { StepDefinition } from '../step-definition.js';

/** The Train step. */
export const trainStep: StepDefinition = {
  id: 'train',
  titleKey: 'step.train.title',
  whyKey: 'step.train.why',
  planKeys: ['step.train.plan.models', 'step.train.plan.progress', 'step.train.plan.record'],
};
