// The Deploy step. Not built in this version (issue 6 builds it): the wizard shows
// its plan under "not available yet". Building it means adding its screen here and setting `component`.
import type { StepDefinition } from '../step-definition.js';

/** The Deploy step. */
export const deployStep: StepDefinition = {
  id: 'deploy',
  titleKey: 'step.deploy.title',
  whyKey: 'step.deploy.why',
  planKeys: ['step.deploy.plan.registry', 'step.deploy.plan.card', 'step.deploy.plan.export'],
};
