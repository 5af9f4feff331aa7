/**
 * How the engine's estimators describe themselves to the UI and the CLI: a short id
 * (`hgb`, `rf`, `logreg`...), the tasks they serve, and their hyper-parameters with ranges,
 * so the Train step's advanced view and random search can be generated, never hand-written twice.
 */
import { z } from 'zod';

/** One hyper-parameter. `name` is camelCase with scikit-learn's meaning (documented in the estimator's JSDoc). */
export const ParamSpecSchema = z.discriminatedUnion('type', [
  z.object({ name: z.string(), type: z.literal('int'), default: z.number().nullable(), min: z.number(), max: z.number(), isLogScale: z.boolean().optional(), isNullable: z.boolean().optional() }),
  z.object({ name: z.string(), type: z.literal('float'), default: z.number().nullable(), min: z.number(), max: z.number(), isLogScale: z.boolean().optional(), isNullable: z.boolean().optional() }),
  z.object({ name: z.string(), type: z.literal('enum'), default: z.string(), options: z.array(z.string()) }),
  z.object({ name: z.string(), type: z.literal('bool'), default: z.boolean() }),
]);

/** One hyper-parameter. */
export type ParamSpec = z.infer<typeof ParamSpecSchema>;

/** An estimator as the UI lists it. */
export const ModelCatalogEntrySchema = z.object({
  /** Short id used by the CLI and saved in run specs: 'hgb', 'rf', 'logreg', 'tree', 'knn', 'nb', 'mnb', 'linsvm', 'mlp', 'ridge', 'linreg', 'baseline', 'onerule'. */
  id: z.string(),
  /** Registry kind for the task, e.g. { classification: 'HistGradientBoostingClassifier', regression: 'HistGradientBoostingRegressor' }. */
  kinds: z.object({ classification: z.string().optional(), regression: z.string().optional() }),
  family: z.enum(['baseline', 'linear', 'tree', 'ensemble', 'neighbors', 'bayes', 'neural']),
  /** Hyper-parameters per task (they may differ between the classifier and the regressor). */
  params: z.object({ classification: z.array(ParamSpecSchema).optional(), regression: z.array(ParamSpecSchema).optional() }),
  /** True when the fitted model exports to ONNX. */
  isOnnxExportable: z.boolean(),
  /** True when it can take sample/class weights. */
  hasClassWeight: z.boolean(),
});

/** An estimator as the UI lists it. */
export type ModelCatalogEntry = z.infer<typeof ModelCatalogEntrySchema>;
