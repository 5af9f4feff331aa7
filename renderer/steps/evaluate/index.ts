// The Evaluate step. Not built in this version (issue 5 builds it): the wizard shows
// its plan under "not available yet". Building it means adding its screen here and setting `component`.
import type { StepDefinition } from '../step-definition.js';

/** The Evaluate step. */
export const evaluateStep: StepDefinition = {
  id: 'evaluate',
  titleKey: 'step.evaluate.title',
  whyKey: 'step.evaluate.why',
  planKeys: ['step.evaluate.plan.leaderboard', 'step.evaluate.plan.charts', 'step.evaluate.plan.test'],
};
