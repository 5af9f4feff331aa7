/** Registry entries and catalogue of the neighbors family. */
import type { RegistryEntry } from '../registry.js';
import type { ModelCatalogEntry } from '../../../shared/domain/model-catalog.js';

/** Registry entries of this family. */
export const neighborsEntries: readonly RegistryEntry[] = [];

/** What the UI lists for this family. */
export const neighborsCatalog: readonly ModelCatalogEntry[] = [];
