// The Serve step (step 6 of the seed): the embedded inference server on this computer (start and
// stop, the URL, a copyable request, the input schema and live counters), the two protocols it
// speaks, and batch prediction of a whole CSV file. Loads on first visit.
import { lazy } from 'react';
import type { StepDefinition } from '../step-definition.js';

const ServeStep = lazy(() => import('./ServeStep.js').then((m) => ({ default: m.ServeStep })));

/** The Serve step. */
export const serveStep: StepDefinition = {
  id: 'serve',
  titleKey: 'step.serve.title',
  whyKey: 'step.serve.why',
  planKeys: ['step.serve.plan.server', 'step.serve.plan.protocols', 'step.serve.plan.batch'],
  component: ServeStep,
};
