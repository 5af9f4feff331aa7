/** Registry entries and catalogue of the boosting family (histogram gradient boosting). */
import type { RegistryEntry } from '../registry.js';
import type { ModelCatalogEntry, ParamSpec } from '../../../shared/domain/model-catalog.js';
import { HistGradientBoostingClassifier, HistGradientBoostingRegressor } from './gradient-boosting.js';

export { HistGradientBoostingClassifier, HistGradientBoostingRegressor };

/** Registry entries of this family. */
export const boostingEntries: readonly RegistryEntry[] = [
  { kind: HistGradientBoostingClassifier.KIND, create: (p) => new HistGradientBoostingClassifier(p), fromArtifact: (a) => HistGradientBoostingClassifier.fromArtifact(a) },
  { kind: HistGradientBoostingRegressor.KIND, create: (p) => new HistGradientBoostingRegressor(p), fromArtifact: (a) => HistGradientBoostingRegressor.fromArtifact(a) },
];

const common: ParamSpec[] = [
  { name: 'learningRate', type: 'float', default: 0.1, min: 0.01, max: 1, isLogScale: true },
  { name: 'maxIter', type: 'int', default: 100, min: 10, max: 1000, isLogScale: true },
  { name: 'maxLeafNodes', type: 'int', default: 31, min: 4, max: 256, isLogScale: true, isNullable: true },
  { name: 'maxDepth', type: 'int', default: null, min: 2, max: 16, isNullable: true },
  { name: 'minSamplesLeaf', type: 'int', default: 20, min: 1, max: 200, isLogScale: true },
  { name: 'l2Regularization', type: 'float', default: 0, min: 0, max: 10 },
  { name: 'maxBins', type: 'int', default: 255, min: 16, max: 255 },
  { name: 'earlyStopping', type: 'enum', default: 'auto', options: ['auto', 'on', 'off'] },
  { name: 'randomState', type: 'int', default: 0, min: 0, max: 2147483647 },
];

/** What the UI lists for this family. */
export const boostingCatalog: readonly ModelCatalogEntry[] = [
  {
    id: 'hgb',
    kinds: { classification: HistGradientBoostingClassifier.KIND, regression: HistGradientBoostingRegressor.KIND },
    family: 'ensemble',
    params: {
      classification: [...common, { name: 'classWeight', type: 'enum', default: 'none', options: ['none', 'balanced'] }],
      regression: common,
    },
    isOnnxExportable: true,
    hasClassWeight: true,
  },
];
