/** Handlers of the Features step (features.*); the work is in training/features.ts. */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { BackendContext } from './context.js';
import { getFeatureSetView, listFeatureSetViews, previewFeatures, saveFeatureSet, suggestFeatures } from '../training/features.js';

/** features.* handlers. */
export const featuresHandlers = {
  'features.suggest': (args, ctx) => suggestFeatures(ctx, args),
  'features.preview': (args, ctx) => previewFeatures(ctx, args),
  'features.save': (args, ctx) => saveFeatureSet(ctx, args),
  'features.get': (args, ctx) => getFeatureSetView(ctx, args),
  'features.list': (args, ctx) => listFeatureSetViews(ctx, args),
} satisfies Pick<ApiHandlers<BackendContext>, 'features.suggest' | 'features.preview' | 'features.save' | 'features.get' | 'features.list'>;
