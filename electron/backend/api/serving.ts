/** Handlers of the Serve step (serving.*). Being built: every method answers UNSUPPORTED until it lands. */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from './context.js';

const notYet = (): never => {
  throw new AppError('UNSUPPORTED', 'Serving from the project is being built.');
};

/** serving.* handlers. */
export const servingHandlers = {
  'serving.start': notYet,
  'serving.stop': notYet,
  'serving.status': notYet,
  'serving.setLogging': notYet,
  'serving.recentPredictions': notYet,
  'serving.predictBatch': notYet,
  'serving.batches': notYet,
} satisfies Pick<ApiHandlers<BackendContext>, `serving.${string}` & keyof ApiHandlers<BackendContext>>;
