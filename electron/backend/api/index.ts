/**
 * All handlers, gathered. Each domain module is written with `satisfies Pick<ApiHandlers, ...>`,
 * and the object here must satisfy the whole `ApiHandlers`: a missing or misspelled method is a
 * compile error. Later domains add their module to the spread.
 */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { BackendContext } from './context.js';
import { createAppHandlers, type NativeDialogs } from './app.js';
import { projectHandlers } from './project.js';
import { objectiveHandlers } from './objective.js';
import { checklistHandlers } from './checklist.js';
import { lifecycleHandlers } from './lifecycle.js';
import { jobHandlers } from './jobs.js';
import { dataHandlers } from './data.js';
import { featuresHandlers } from './features.js';
import { trainingHandlers } from './training.js';
import { evaluationHandlers } from './evaluation.js';
import { registryHandlers } from './registry.js';
import { servingHandlers } from './serving.js';

/** What the handlers need from the host (Electron main supplies dialogs; headless does not). */
export interface HandlerDeps {
  dialogs?: NativeDialogs | null;
}

/** Every contract method's implementation. */
export function createApiHandlers(deps: HandlerDeps = {}): ApiHandlers<BackendContext> {
  return {
    ...createAppHandlers(deps.dialogs ?? null),
    ...projectHandlers,
    ...objectiveHandlers,
    ...checklistHandlers,
    ...lifecycleHandlers,
    ...jobHandlers,
    ...dataHandlers,
    ...featuresHandlers,
    ...trainingHandlers,
    ...evaluationHandlers,
    ...registryHandlers,
    ...servingHandlers,
  } satisfies ApiHandlers<BackendContext>;
}
