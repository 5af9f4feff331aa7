/** Registry entries of the preprocessing family (transformers over frames and matrices). */
import type { RegistryEntry } from '../registry.js';
import { SimpleImputer, KNNImputer } from './imputers.js';
import { StandardScaler, MinMaxScaler, RobustScaler, Normalizer, Log1pTransformer } from './scalers.js';
import { KBinsDiscretizer } from './discretizer.js';
import { OneHotEncoder, OrdinalEncoder } from './encoders.js';
import { DateTimeFeatures } from './datetime.js';
import { TfidfVectorizer } from './tfidf.js';

export { SimpleImputer, KNNImputer, StandardScaler, MinMaxScaler, RobustScaler, Normalizer, Log1pTransformer, KBinsDiscretizer, OneHotEncoder, OrdinalEncoder, DateTimeFeatures, TfidfVectorizer };
export type { FrameTransformer, MatrixTransformer } from './types.js';

// Lazy arrow functions: see the note in baseline/index.ts.
/** Registry entries of this family. */
export const preprocessingEntries: readonly RegistryEntry[] = [
  { kind: 'SimpleImputer', create: (p) => new SimpleImputer(p), fromArtifact: (a) => SimpleImputer.fromArtifact(a) },
  { kind: 'KNNImputer', create: (p) => new KNNImputer(p), fromArtifact: (a) => KNNImputer.fromArtifact(a) },
  { kind: 'StandardScaler', create: (p) => new StandardScaler(p), fromArtifact: (a) => StandardScaler.fromArtifact(a) },
  { kind: 'MinMaxScaler', create: (p) => new MinMaxScaler(p), fromArtifact: (a) => MinMaxScaler.fromArtifact(a) },
  { kind: 'RobustScaler', create: (p) => new RobustScaler(p), fromArtifact: (a) => RobustScaler.fromArtifact(a) },
  { kind: 'Normalizer', create: (p) => new Normalizer(p), fromArtifact: (a) => Normalizer.fromArtifact(a) },
  { kind: 'Log1pTransformer', create: (p) => new Log1pTransformer(p), fromArtifact: (a) => Log1pTransformer.fromArtifact(a) },
  { kind: 'KBinsDiscretizer', create: (p) => new KBinsDiscretizer(p), fromArtifact: (a) => KBinsDiscretizer.fromArtifact(a) },
  { kind: 'OneHotEncoder', create: (p) => new OneHotEncoder(p), fromArtifact: (a) => OneHotEncoder.fromArtifact(a) },
  { kind: 'OrdinalEncoder', create: (p) => new OrdinalEncoder(p), fromArtifact: (a) => OrdinalEncoder.fromArtifact(a) },
  { kind: 'DateTimeFeatures', create: (p) => new DateTimeFeatures(p), fromArtifact: (a) => DateTimeFeatures.fromArtifact(a) },
  { kind: 'TfidfVectorizer', create: (p) => new TfidfVectorizer(p), fromArtifact: (a) => TfidfVectorizer.fromArtifact(a) },
];
