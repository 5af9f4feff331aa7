// The Evaluate step (step 4 of the seed): the leaderboard against the objective's threshold and
// the baselines, a chosen run's report (confusion matrix, curves, threshold tuning, importances,
// residuals, worst errors), the final check on the test part, comparison and HTML export.
// Loads on first visit.
import { lazy } from 'react';
import type { StepDefinition } from '../step-definition.js';

const EvaluateStep = lazy(() => import('./EvaluateStep.js').then((m) => ({ default: m.EvaluateStep })));

/** The Evaluate step. */
export const evaluateStep: StepDefinition = {
  id: 'evaluate',
  titleKey: 'step.evaluate.title',
  whyKey: 'step.evaluate.why',
  planKeys: ['step.evaluate.plan.leaderboard', 'step.evaluate.plan.charts', 'step.evaluate.plan.test'],
  component: EvaluateStep,
};
