// The Features step (step 2 of the seed): per-column transformations with explained defaults,
// relevance of each column to the target with leakage warnings, a preview of the transformed
// table, and saving the design with the dataset version. Charts make it large, so it loads on
// first visit.
import { lazy } from 'react';
import type { StepDefinition } from '../step-definition.js';

const FeaturesStep = lazy(() => import('./FeaturesStep.js').then((m) => ({ default: m.FeaturesStep })));

/** The Features step. */
export const featuresStep: StepDefinition = {
  id: 'features',
  titleKey: 'step.features.title',
  whyKey: 'step.features.why',
  planKeys: ['step.features.plan.transforms', 'step.features.plan.preview', 'step.features.plan.relevance'],
  component: FeaturesStep,
};
