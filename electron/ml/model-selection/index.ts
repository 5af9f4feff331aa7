/**
 * Model selection: holdout and k-fold splits, cross-validation, grid and random search over
 * the catalogue's parameter specs, and model scoring by metric id.
 */
export * from './splits.js';
export * from './data.js';
export * from './scoring.js';
export * from './cross-validate.js';
export * from './param-space.js';
export * from './search.js';
export * from './pipeline-adapter.js';
