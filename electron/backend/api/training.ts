/**
 * Handlers of the Features, Train and Evaluate steps. Transitional: the contract
 * (shared/api/methods/training.ts) is committed first so the steps' UI can be built against it;
 * each method answers UNSUPPORTED until its implementation lands in the following commits of issue 5.
 */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import { trainingMethods } from '../../../shared/api/methods/training.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from './context.js';

type TrainingMethod = keyof typeof trainingMethods;

function pending(method: string): never {
  throw new AppError('UNSUPPORTED', `${method} is being built (issue 5).`, { messageKey: 'errors.UNSUPPORTED' });
}

/** features.*, training.* and evaluation.* handlers. */
export const trainingHandlers = Object.fromEntries(
  Object.keys(trainingMethods).map((m) => [m, () => pending(m)]),
) as unknown as Pick<ApiHandlers<BackendContext>, TrainingMethod>;
