/**
 * Handlers of the data domain. Transitional: the contract (shared/api/methods/data.ts) is
 * committed first so the Data step UI can be built against it; each method answers
 * UNSUPPORTED until its implementation lands in the following commits of issue 3.
 */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import { dataMethods } from '../../../shared/api/methods/data.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from './context.js';

type DataMethod = keyof typeof dataMethods;

function pending(method: string): never {
  throw new AppError('UNSUPPORTED', `${method} is being built (issue 3).`, { messageKey: 'errors.UNSUPPORTED' });
}

/** data.* handlers. */
export const dataHandlers = Object.fromEntries(
  Object.keys(dataMethods).map((m) => [m, () => pending(m)]),
) as unknown as Pick<ApiHandlers<BackendContext>, DataMethod>;
