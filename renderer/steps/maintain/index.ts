// The Maintain step. Not built in this version (a later issue builds it): the wizard shows
// its plan under "not available yet". Building it means adding its screen here and setting `component`.
import type { StepDefinition } from '../step-definition.js';

/** The Maintain step. */
export const maintainStep: StepDefinition = {
  id: 'maintain',
  titleKey: 'step.maintain.title',
  whyKey: 'step.maintain.why',
  planKeys: ['step.maintain.plan.retrain', 'step.maintain.plan.compare', 'step.maintain.plan.history'],
};
