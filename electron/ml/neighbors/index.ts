/** Registry entries and catalogue of the neighbors family. */
import type { RegistryEntry } from '../registry.js';
import type { ModelCatalogEntry, ParamSpec } from '../../../shared/domain/model-catalog.js';
import { KNeighborsClassifier, KNeighborsRegressor } from './knn.js';

export { KNeighborsClassifier, KNeighborsRegressor };

/** Registry entries of this family. */
export const neighborsEntries: readonly RegistryEntry[] = [
  { kind: 'KNeighborsClassifier', create: (p) => new KNeighborsClassifier(p), fromArtifact: (a) => KNeighborsClassifier.fromArtifact(a) },
  { kind: 'KNeighborsRegressor', create: (p) => new KNeighborsRegressor(p), fromArtifact: (a) => KNeighborsRegressor.fromArtifact(a) },
];

const params: ParamSpec[] = [
  { name: 'nNeighbors', type: 'int', default: 5, min: 1, max: 100, isLogScale: true },
  { name: 'weights', type: 'enum', default: 'uniform', options: ['uniform', 'distance'] },
];

/** What the UI lists for this family. */
export const neighborsCatalog: readonly ModelCatalogEntry[] = [
  {
    id: 'knn',
    kinds: { classification: 'KNeighborsClassifier', regression: 'KNeighborsRegressor' },
    family: 'neighbors',
    params: { classification: params, regression: params },
    isOnnxExportable: false,
    hasClassWeight: false,
  },
];
