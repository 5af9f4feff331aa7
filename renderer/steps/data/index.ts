// The Data step (step 1 of the seed): import, profile, quality report, remedies, partitions and
// dataset versions. The screen is large (charts, tables, dialogs), so it loads on first visit.
import { lazy } from 'react';
import type { StepDefinition } from '../step-definition.js';

const DataStep = lazy(() => import('./DataStep.js').then((m) => ({ default: m.DataStep })));

/** The Data step. */
export const dataStep: StepDefinition = {
  id: 'data',
  titleKey: 'step.data.title',
  whyKey: 'step.data.why',
  planKeys: ['step.data.plan.import', 'step.data.plan.profile', 'step.data.plan.quality', 'step.data.plan.remedies'],
  component: DataStep,
};
