/** Registry entries of the compose family. */
import type { RegistryEntry } from '../registry.js';

/** Registry entries of this family. */
export const composeEntries: readonly RegistryEntry[] = [];
