/** Registry entries of the compose family: Pipeline, ColumnTransformer and the fitted ModelPipeline. */
import type { RegistryEntry } from '../registry.js';
import { Pipeline, type PipelineParams } from './pipeline.js';
import { ColumnTransformer, type ColumnTransformerParams } from './column-transformer.js';
import { ModelPipeline, type ModelPipelineParams } from './model-pipeline.js';
import { pipelineFromSpec } from './from-spec.js';

export { Pipeline, ColumnTransformer, ModelPipeline, pipelineFromSpec };
export type { ClassificationPrediction, RegressionPrediction, PipelinePrediction, PipelineFitOptions, ModelPipelineParams } from './model-pipeline.js';
export type { ColumnTransformerEntry, ColumnTransformerParams } from './column-transformer.js';
export type { PipelineParams, PreprocessingStep, StepDescription } from './pipeline.js';

// Lazy arrow functions: these modules import the registry, which imports this file.
/** Registry entries of this family. `create` takes JSON params (a ModelPipeline also takes a PipelineSpec). */
export const composeEntries: readonly RegistryEntry[] = [
  { kind: 'Pipeline', create: (p) => Pipeline.fromParams((p ?? {}) as unknown as PipelineParams), fromArtifact: (a) => Pipeline.fromArtifact(a) },
  { kind: 'ColumnTransformer', create: (p) => ColumnTransformer.fromParams((p ?? {}) as Partial<ColumnTransformerParams>), fromArtifact: (a) => ColumnTransformer.fromArtifact(a) },
  {
    kind: 'ModelPipeline',
    create: (p) => (p && 'version' in p ? pipelineFromSpec(p) : ModelPipeline.fromParams((p ?? {}) as unknown as ModelPipelineParams)),
    fromArtifact: (a) => ModelPipeline.fromArtifact(a),
  },
];
