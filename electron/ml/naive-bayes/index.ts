/** Registry entries and catalogue of the naive-bayes family. */
import type { RegistryEntry } from '../registry.js';
import type { ModelCatalogEntry } from '../../../shared/domain/model-catalog.js';
import { GaussianNB, MultinomialNB } from './naive-bayes.js';

export { GaussianNB, MultinomialNB };

/** Registry entries of this family. */
export const naiveBayesEntries: readonly RegistryEntry[] = [
  { kind: 'GaussianNB', create: (p) => new GaussianNB(p), fromArtifact: (a) => GaussianNB.fromArtifact(a) },
  { kind: 'MultinomialNB', create: (p) => new MultinomialNB(p), fromArtifact: (a) => MultinomialNB.fromArtifact(a) },
];

/** What the UI lists for this family. */
export const naiveBayesCatalog: readonly ModelCatalogEntry[] = [
  {
    id: 'nb',
    kinds: { classification: 'GaussianNB' },
    family: 'bayes',
    params: { classification: [{ name: 'varSmoothing', type: 'float', default: 1e-9, min: 1e-12, max: 1e-2, isLogScale: true }] },
    isOnnxExportable: true,
    hasClassWeight: false,
  },
  {
    id: 'mnb',
    kinds: { classification: 'MultinomialNB' },
    family: 'bayes',
    params: {
      classification: [
        { name: 'alpha', type: 'float', default: 1, min: 1e-3, max: 10, isLogScale: true },
        { name: 'fitPrior', type: 'bool', default: true },
      ],
    },
    isOnnxExportable: true,
    hasClassWeight: false,
  },
];
