/** Registry entries and catalogue of the neural family. */
import type { RegistryEntry } from '../registry.js';
import type { ModelCatalogEntry, ParamSpec } from '../../../shared/domain/model-catalog.js';
import { MLPClassifier, MLPRegressor } from './mlp.js';

export { MLPClassifier, MLPRegressor };

/** Registry entries of this family. */
export const neuralEntries: readonly RegistryEntry[] = [
  { kind: 'MLPClassifier', create: (p) => new MLPClassifier(p), fromArtifact: (a) => MLPClassifier.fromArtifact(a) },
  { kind: 'MLPRegressor', create: (p) => new MLPRegressor(p), fromArtifact: (a) => MLPRegressor.fromArtifact(a) },
];

const params: ParamSpec[] = [
  { name: 'hiddenLayerSizes', type: 'enum', default: '100', options: ['32', '64', '100', '200', '64,32', '100,50', '128,64,32'] },
  { name: 'activation', type: 'enum', default: 'relu', options: ['relu', 'tanh', 'logistic'] },
  { name: 'alpha', type: 'float', default: 1e-4, min: 1e-6, max: 1, isLogScale: true },
  { name: 'learningRateInit', type: 'float', default: 1e-3, min: 1e-5, max: 1e-1, isLogScale: true },
  { name: 'maxIter', type: 'int', default: 200, min: 10, max: 2000, isLogScale: true },
  { name: 'earlyStopping', type: 'bool', default: true },
  { name: 'randomState', type: 'int', default: 0, min: 0, max: 2147483647 },
];

/** What the UI lists for this family. */
export const neuralCatalog: readonly ModelCatalogEntry[] = [
  {
    id: 'mlp',
    kinds: { classification: 'MLPClassifier', regression: 'MLPRegressor' },
    family: 'neural',
    params: { classification: params, regression: params },
    isOnnxExportable: true,
    hasClassWeight: false,
  },
];
