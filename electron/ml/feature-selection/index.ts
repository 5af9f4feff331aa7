/**
 * Feature selection and relevance: mutual information (kNN estimators), univariate F tests,
 * correlations, Cramér's V, the per-column relevance report of the Features step, and the
 * special functions behind the p-values.
 */
export * from './special.js';
export * from './univariate.js';
export * from './correlation.js';
export * from './association.js';
export * from './mutual-info.js';
export * from './relevance.js';
