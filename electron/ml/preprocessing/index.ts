/** Registry entries of the preprocessing family. */
import type { RegistryEntry } from '../registry.js';

/** Registry entries of this family. */
export const preprocessingEntries: readonly RegistryEntry[] = [];
