/** Registry entries and catalogue of the linear family. */
import type { RegistryEntry } from '../registry.js';
import type { ModelCatalogEntry, ParamSpec } from '../../../shared/domain/model-catalog.js';
import { LogisticRegression } from './logistic-regression.js';
import { LinearRegression, Ridge } from './least-squares.js';
import { LinearSVC } from './linear-svc.js';

export { LogisticRegression, LinearRegression, Ridge, LinearSVC };

/** Registry entries of this family. */
export const linearEntries: readonly RegistryEntry[] = [
  { kind: 'LogisticRegression', create: (p) => new LogisticRegression(p), fromArtifact: (a) => LogisticRegression.fromArtifact(a) },
  { kind: 'LinearRegression', create: (p) => new LinearRegression(p), fromArtifact: (a) => LinearRegression.fromArtifact(a) },
  { kind: 'Ridge', create: (p) => new Ridge(p), fromArtifact: (a) => Ridge.fromArtifact(a) },
  { kind: 'LinearSVC', create: (p) => new LinearSVC(p), fromArtifact: (a) => LinearSVC.fromArtifact(a) },
];

const classWeight: ParamSpec = { name: 'classWeight', type: 'enum', default: 'none', options: ['none', 'balanced'] };

/** What the UI lists for this family. */
export const linearCatalog: readonly ModelCatalogEntry[] = [
  {
    id: 'logreg',
    kinds: { classification: 'LogisticRegression' },
    family: 'linear',
    params: {
      classification: [
        { name: 'C', type: 'float', default: 1, min: 1e-4, max: 1e4, isLogScale: true },
        { name: 'maxIter', type: 'int', default: 100, min: 10, max: 2000, isLogScale: true },
        { name: 'fitIntercept', type: 'bool', default: true },
        classWeight,
      ],
    },
    isOnnxExportable: true,
    hasClassWeight: true,
  },
  {
    id: 'linreg',
    kinds: { regression: 'LinearRegression' },
    family: 'linear',
    params: { regression: [{ name: 'fitIntercept', type: 'bool', default: true }] },
    isOnnxExportable: true,
    hasClassWeight: false,
  },
  {
    id: 'ridge',
    kinds: { regression: 'Ridge' },
    family: 'linear',
    params: {
      regression: [
        { name: 'alpha', type: 'float', default: 1, min: 1e-4, max: 1e4, isLogScale: true },
        { name: 'fitIntercept', type: 'bool', default: true },
      ],
    },
    isOnnxExportable: true,
    hasClassWeight: false,
  },
  {
    id: 'linsvm',
    kinds: { classification: 'LinearSVC' },
    family: 'linear',
    params: {
      classification: [
        { name: 'C', type: 'float', default: 1, min: 1e-4, max: 1e3, isLogScale: true },
        { name: 'loss', type: 'enum', default: 'squaredHinge', options: ['squaredHinge', 'hinge'] },
        { name: 'maxIter', type: 'int', default: 1000, min: 50, max: 10000, isLogScale: true },
        classWeight,
        { name: 'randomState', type: 'int', default: 0, min: 0, max: 2147483647 },
      ],
    },
    isOnnxExportable: true,
    hasClassWeight: true,
  },
];
