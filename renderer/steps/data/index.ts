// The Data step. Not built in this version (issue 3 builds it): the wizard shows
// its plan under "not available yet". Building it means adding its screen here and setting `component`.
import type { StepDefinition } from '../step-definition.js';

/** The Data step. */
export const dataStep: StepDefinition = {
  id: 'data',
  titleKey: 'step.data.title',
  whyKey: 'step.data.why',
  planKeys: ['step.data.plan.import', 'step.data.plan.profile', 'step.data.plan.quality', 'step.data.plan.remedies'],
};
