// The Deploy step (step 5 of the seed): the model registry. Register a finished run as a version
// of a named model, move versions through stages (one production version per model) with a reason
// kept in the audit log, trace each version back to its data and code (lineage), write its model
// card, and export or import self-checking bundles. Loads on first visit.
import { lazy } from 'react';
import type { StepDefinition } from '../step-definition.js';

const DeployStep = lazy(() => import('./DeployStep.js').then((m) => ({ default: m.DeployStep })));

/** The Deploy step. */
export const deployStep: StepDefinition = {
  id: 'deploy',
  titleKey: 'step.deploy.title',
  whyKey: 'step.deploy.why',
  planKeys: ['step.deploy.plan.registry', 'step.deploy.plan.card', 'step.deploy.plan.export'],
  component: DeployStep,
};
