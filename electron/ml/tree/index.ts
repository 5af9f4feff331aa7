/** Registry entries and catalogue of the tree family (CART trees and random forests). */
import type { RegistryEntry } from '../registry.js';
import type { ModelCatalogEntry, ParamSpec } from '../../../shared/domain/model-catalog.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from './decision-tree.js';
import { RandomForestClassifier, RandomForestRegressor } from './random-forest.js';

export { DecisionTreeClassifier, DecisionTreeRegressor, RandomForestClassifier, RandomForestRegressor };

/** Registry entries of this family. */
export const treeEntries: readonly RegistryEntry[] = [
  { kind: DecisionTreeClassifier.KIND, create: (p) => new DecisionTreeClassifier(p), fromArtifact: (a) => DecisionTreeClassifier.fromArtifact(a) },
  { kind: DecisionTreeRegressor.KIND, create: (p) => new DecisionTreeRegressor(p), fromArtifact: (a) => DecisionTreeRegressor.fromArtifact(a) },
  { kind: RandomForestClassifier.KIND, create: (p) => new RandomForestClassifier(p), fromArtifact: (a) => RandomForestClassifier.fromArtifact(a) },
  { kind: RandomForestRegressor.KIND, create: (p) => new RandomForestRegressor(p), fromArtifact: (a) => RandomForestRegressor.fromArtifact(a) },
];

const classWeight: ParamSpec = { name: 'classWeight', type: 'enum', default: 'none', options: ['none', 'balanced'] };
const randomState: ParamSpec = { name: 'randomState', type: 'int', default: 0, min: 0, max: 2147483647 };
const shape = (defaultDepth: number | null): ParamSpec[] => [
  { name: 'maxDepth', type: 'int', default: defaultDepth, min: 1, max: 40, isNullable: true },
  { name: 'minSamplesSplit', type: 'int', default: 2, min: 2, max: 200, isLogScale: true },
  { name: 'minSamplesLeaf', type: 'int', default: 1, min: 1, max: 100, isLogScale: true },
  { name: 'minImpurityDecrease', type: 'float', default: 0, min: 0, max: 0.05 },
];

/** What the UI lists for this family. */
export const treeCatalog: readonly ModelCatalogEntry[] = [
  {
    id: 'tree',
    kinds: { classification: DecisionTreeClassifier.KIND, regression: DecisionTreeRegressor.KIND },
    family: 'tree',
    params: {
      classification: [
        { name: 'criterion', type: 'enum', default: 'gini', options: ['gini', 'entropy'] },
        ...shape(null),
        { name: 'maxFeatures', type: 'enum', default: 'all', options: ['all', 'sqrt', 'log2'] },
        classWeight,
        randomState,
      ],
      regression: [...shape(null), { name: 'maxFeatures', type: 'float', default: 1, min: 0.1, max: 1 }, randomState],
    },
    isOnnxExportable: true,
    hasClassWeight: true,
  },
  {
    id: 'rf',
    kinds: { classification: RandomForestClassifier.KIND, regression: RandomForestRegressor.KIND },
    family: 'ensemble',
    params: {
      classification: [
        { name: 'nEstimators', type: 'int', default: 100, min: 10, max: 500, isLogScale: true },
        { name: 'criterion', type: 'enum', default: 'gini', options: ['gini', 'entropy'] },
        ...shape(null),
        { name: 'maxFeatures', type: 'enum', default: 'sqrt', options: ['sqrt', 'log2', 'all'] },
        { name: 'bootstrap', type: 'bool', default: true },
        classWeight,
        randomState,
      ],
      regression: [
        { name: 'nEstimators', type: 'int', default: 100, min: 10, max: 500, isLogScale: true },
        ...shape(null),
        { name: 'maxFeatures', type: 'float', default: 1, min: 0.1, max: 1 },
        { name: 'bootstrap', type: 'bool', default: true },
        randomState,
      ],
    },
    isOnnxExportable: true,
    hasClassWeight: true,
  },
];
