/** Model inspection: permutation importance for any fitted model or pipeline. */
export * from './permutation-importance.js';
