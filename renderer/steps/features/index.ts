// The Features step. Not built in this version (issue 5 builds it): the wizard shows
// its plan under "not available yet". Building it means adding its screen here and setting `component`.
import type { StepDefinition } from '../step-definition.js';

/** The Features step. */
export const featuresStep: StepDefinition = {
  id: 'features',
  titleKey: 'step.features.title',
  whyKey: 'step.features.why',
  planKeys: ['step.features.plan.transforms', 'step.features.plan.preview', 'step.features.plan.relevance'],
};
