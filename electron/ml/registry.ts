/**
 * The registry: every estimator and transformer kind the engine knows, how to create it from
 * params and how to load it from an artifact. Each family folder exports its entries from its
 * `index.ts`; this file only gathers them, so families never edit each other's files.
 */
import type { BaseEstimator } from './core/interfaces.js';
import { ArtifactError, InvalidInputError } from './core/errors.js';
import type { ModelCatalogEntry } from '../../shared/domain/model-catalog.js';
import { baselineEntries, baselineCatalog } from './baseline/index.js';
import { linearEntries, linearCatalog } from './linear/index.js';
import { treeEntries, treeCatalog } from './tree/index.js';
import { boostingEntries, boostingCatalog } from './boosting/index.js';
import { neighborsEntries, neighborsCatalog } from './neighbors/index.js';
import { naiveBayesEntries, naiveBayesCatalog } from './naive-bayes/index.js';
import { neuralEntries, neuralCatalog } from './neural/index.js';
import { preprocessingEntries } from './preprocessing/index.js';
import { composeEntries } from './compose/index.js';

/** How to make and load one kind. */
export interface RegistryEntry {
  /** e.g. 'RandomForestClassifier'. */
  kind: string;
  /** Creates an unfitted instance; unknown params are an error. */
  create(params?: Record<string, unknown>): BaseEstimator;
  /** Loads a fitted instance from an artifact (validated; never executes code). */
  fromArtifact(artifact: unknown): BaseEstimator;
}

const ENTRIES: readonly RegistryEntry[] = [
  ...baselineEntries,
  ...linearEntries,
  ...treeEntries,
  ...boostingEntries,
  ...neighborsEntries,
  ...naiveBayesEntries,
  ...neuralEntries,
  ...preprocessingEntries,
  ...composeEntries,
];

const BY_KIND = new Map(ENTRIES.map((e) => [e.kind, e]));

/** The models the UI and the CLI can choose from, in display order. */
export const MODEL_CATALOG: readonly ModelCatalogEntry[] = [
  ...baselineCatalog,
  ...linearCatalog,
  ...treeCatalog,
  ...boostingCatalog,
  ...neighborsCatalog,
  ...naiveBayesCatalog,
  ...neuralCatalog,
];

/** The entry for `kind`, or a clear error. */
export function registryEntry(kind: string): RegistryEntry {
  const e = BY_KIND.get(kind);
  if (!e) throw new InvalidInputError(`Unknown estimator kind "${kind}".`, 'kind');
  return e;
}

/** Creates an unfitted estimator of `kind`. */
export function createEstimator(kind: string, params?: Record<string, unknown>): BaseEstimator {
  return registryEntry(kind).create(params);
}

/** Loads any artifact by its `kind` field. */
export function loadArtifact(artifact: unknown): BaseEstimator {
  if (typeof artifact !== 'object' || artifact === null || typeof (artifact as { kind?: unknown }).kind !== 'string') {
    throw new ArtifactError('Model spec has no kind.');
  }
  const kind = (artifact as { kind: string }).kind;
  const e = BY_KIND.get(kind);
  if (!e) throw new ArtifactError(`Model spec of unknown kind "${kind}".`);
  return e.fromArtifact(artifact);
}

/** Every registered kind (for the contract test suite). */
export function registeredKinds(): string[] {
  return ENTRIES.map((e) => e.kind);
}
