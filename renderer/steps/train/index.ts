// The Train step (step 3 of the seed): the recommended models (baselines always included) or every
// model with its hyper-parameters, the validation scheme, an optional search, and the runs with
// live progress, learning curves and cancel. Loads on first visit.
import { lazy } from 'react';
import type { StepDefinition } from '../step-definition.js';

const TrainStep = lazy(() => import('./TrainStep.js').then((m) => ({ default: m.TrainStep })));

/** The Train step. */
export const trainStep: StepDefinition = {
  id: 'train',
  titleKey: 'step.train.title',
  whyKey: 'step.train.why',
  planKeys: ['step.train.plan.models', 'step.train.plan.progress', 'step.train.plan.record'],
  component: TrainStep,
};
