/** Registry entries and catalogue of the baseline family: dummy models and one-rule models. */
import type { RegistryEntry } from '../registry.js';
import type { ModelCatalogEntry } from '../../../shared/domain/model-catalog.js';
import { DummyClassifier, DummyRegressor, DUMMY_CLASSIFIER_STRATEGIES, DUMMY_REGRESSOR_STRATEGIES } from './dummy.js';
import { OneRuleClassifier, OneRuleRegressor } from './one-rule.js';

export { DummyClassifier, DummyRegressor, OneRuleClassifier, OneRuleRegressor };
export type { OneRule, OneRuleSide } from './one-rule.js';

// Entries call the classes lazily (inside arrow functions): the registry and the compose family
// import each other, and a lazy reference keeps module initialisation order irrelevant.
/** Registry entries of this family. */
export const baselineEntries: readonly RegistryEntry[] = [
  { kind: 'DummyClassifier', create: (p) => new DummyClassifier(p), fromArtifact: (a) => DummyClassifier.fromArtifact(a) },
  { kind: 'DummyRegressor', create: (p) => new DummyRegressor(p), fromArtifact: (a) => DummyRegressor.fromArtifact(a) },
  { kind: 'OneRuleClassifier', create: (p) => new OneRuleClassifier(p), fromArtifact: (a) => OneRuleClassifier.fromArtifact(a) },
  { kind: 'OneRuleRegressor', create: (p) => new OneRuleRegressor(p), fromArtifact: (a) => OneRuleRegressor.fromArtifact(a) },
];

/** What the UI lists for this family. */
export const baselineCatalog: readonly ModelCatalogEntry[] = [
  {
    id: 'baseline',
    kinds: { classification: 'DummyClassifier', regression: 'DummyRegressor' },
    family: 'baseline',
    params: {
      classification: [{ name: 'strategy', type: 'enum', default: 'prior', options: [...DUMMY_CLASSIFIER_STRATEGIES] }],
      regression: [{ name: 'strategy', type: 'enum', default: 'mean', options: [...DUMMY_REGRESSOR_STRATEGIES] }],
    },
    isOnnxExportable: true,
    hasClassWeight: false,
  },
  {
    id: 'onerule',
    kinds: { classification: 'OneRuleClassifier', regression: 'OneRuleRegressor' },
    family: 'baseline',
    params: {
      classification: [{ name: 'minSamplesLeaf', type: 'int', default: 1, min: 1, max: 1000, isLogScale: true }],
      regression: [{ name: 'minSamplesLeaf', type: 'int', default: 1, min: 1, max: 1000, isLogScale: true }],
    },
    isOnnxExportable: true,
    hasClassWeight: false,
  },
];
