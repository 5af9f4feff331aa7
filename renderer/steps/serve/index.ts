// The Serve step. Not built in this version (issue 6 builds it): the wizard shows
// its plan under "not available yet". Building it means adding its screen here and setting `component`.
import type { StepDefinition } from '../step-definition.js';

/** The Serve step. */
export const serveStep: StepDefinition = {
  id: 'serve',
  titleKey: 'step.serve.title',
  whyKey: 'step.serve.why',
  planKeys: ['step.serve.plan.server', 'step.serve.plan.protocols', 'step.serve.plan.batch'],
};
