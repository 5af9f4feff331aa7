// The Monitor step. Not built in this version (a later issue builds it): the wizard shows
// its plan under "not available yet". Building it means adding its screen here and setting `component`.
import type { StepDefinition } from '../step-definition.js';

/** The Monitor step. */
export const monitorStep: StepDefinition = {
  id: 'monitor',
  titleKey: 'step.monitor.title',
  whyKey: 'step.monitor.why',
  planKeys: ['step.monitor.plan.log', 'step.monitor.plan.drift', 'step.monitor.plan.alerts'],
};
