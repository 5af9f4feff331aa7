/** Registry entries and catalogue of the boosting family. */
import type { RegistryEntry } from '../registry.js';
import type { ModelCatalogEntry } from '../../../shared/domain/model-catalog.js';

/** Registry entries of this family. */
export const boostingEntries: readonly RegistryEntry[] = [];

/** What the UI lists for this family. */
export const boostingCatalog: readonly ModelCatalogEntry[] = [];
