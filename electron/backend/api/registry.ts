/** Handlers of the Deploy step (registry.*). Being built: every method answers UNSUPPORTED until it lands. */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from './context.js';

const notYet = (): never => {
  throw new AppError('UNSUPPORTED', 'The model registry is being built.');
};

/** registry.* handlers. */
export const registryHandlers = {
  'registry.models': notYet,
  'registry.model': notYet,
  'registry.version': notYet,
  'registry.resolve': notYet,
  'registry.register': notYet,
  'registry.setStage': notYet,
  'registry.describe': notYet,
  'registry.audit': notYet,
  'registry.card': notYet,
  'registry.saveCard': notYet,
  'registry.export': notYet,
  'registry.import': notYet,
} satisfies Pick<ApiHandlers<BackendContext>, `registry.${string}` & keyof ApiHandlers<BackendContext>>;
